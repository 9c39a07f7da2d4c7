"""Rules as data: the built-in table, its compiled twin, and validation of every field."""

from __future__ import annotations

import importlib.util
import json
import tomllib
from pathlib import Path

import pytest

from deadlines.errors import RuleError
from deadlines.rules import builtin, load_toml, parse

ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = ROOT / "src" / "deadlines" / "rules"
CONTRACT_IDS = (
    "ofsted-report-publication",
    "statement-of-action",
    "forward-plan-notice",
    "decision-report-publication",
    "call-in-end",
    "earliest-implementation",
)


def test_builtin_rules_are_the_six_of_the_contract_in_order():
    """CONTRACT.md "Rule ids": ids, relations and default countings, first and in order."""
    rules = builtin()
    assert rules.ids[:6] == CONTRACT_IDS
    assert rules.rule("forward-plan-notice").counting == "clear-days"
    assert rules.rule("decision-report-publication").counting == "clear-working-days"
    assert rules.rule("earliest-implementation").relation == "on-or-after"
    assert rules.rule("earliest-implementation").follows == "call-in-end"


@pytest.mark.parametrize("toml_path", sorted(RULES_DIR.glob("*.toml")), ids=lambda p: p.name)
def test_compiled_json_twin_matches_the_toml(toml_path):
    """Start-up reads the JSON twin; run scripts/compile_rules.py when this fails."""
    spec = importlib.util.spec_from_file_location(
        "compile_rules", ROOT / "scripts" / "compile_rules.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert toml_path.with_suffix(".json").read_text(encoding="utf-8") == module.compiled(toml_path)
    assert load_toml(toml_path, base=None) == parse(
        json.loads(toml_path.with_suffix(".json").read_text()), toml_path.name
    )


def _one_rule(**changes):
    raw = tomllib.loads((RULES_DIR / "england-executive.toml").read_text(encoding="utf-8"))
    rule = dict(raw["rules"][0])
    rule.update(changes)
    raw["rules"] = [rule]
    return raw


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"counting": "fortnightly"},
            r"rule 'ofsted-report-publication': field 'counting' is 'fortnightly'",
        ),
        ({"length": -3}, r"field 'length' is -3; expected a whole number"),
        ({"reference": "hearing"}, r"field 'reference' names event 'hearing', which no \[events\]"),
        ({"colour": "red"}, r"field 'colour' is not allowed"),
        (
            {"unit": "days"},
            r"field 'unit' is 'days'; counting 'working-days-after' counts in 'working-days'",
        ),
        ({"relation": "before"}, r"field 'relation' is 'before'"),
        ({"direction": "sideways"}, r"field 'direction' is 'sideways'"),
    ],
)
def test_each_bad_field_is_named_with_the_file_and_the_rule(changes, message):
    """One error naming the file, the rule and the field."""
    with pytest.raises(RuleError, match=r"^pack\.toml: .*" + message):
        parse(_one_rule(**changes), "pack.toml")


def test_duplicate_ids_are_refused():
    """Two rules with one id would make every output ambiguous."""
    raw = _one_rule()
    raw["rules"] = raw["rules"] * 2
    with pytest.raises(RuleError, match="field 'id' duplicates"):
        parse(raw, "pack.toml")
