"""Rules as data: loads rule tables (TOML) into frozen Rule objects and checks every field.

The built-in table is read from its compiled JSON twin (scripts/compile_rules.py), so start-up
does not import a TOML parser; tests prove the twin matches the TOML.
"""

from __future__ import annotations

import json
import os
from typing import NamedTuple

from deadlines.counting import COUNTINGS
from deadlines.errors import RuleError

RULES_DIR = os.path.join(os.path.dirname(__file__), "rules")  # os.path: pathlib is slow to import
BUILTIN = "england-executive"
SCHEMA = "deadlines-rules/1"

DIRECTIONS = ("after", "before")
RELATIONS = ("on-or-before", "on-or-after")
UNITS = ("days", "working-days")
_RULE_KEYS = {
    "id", "title", "reference", "direction", "length", "unit", "counting", "relation",
    "citation", "words", "other_readings", "unsettled", "actual", "follows",
}  # fmt: skip
_FOLLOWS_KEYS = {"id", "title", "follows", "relation", "citation", "words", "actual"}
_EVENT_KEYS = {"label", "help", "defaults_to"}
_TOP_KEYS = {"schema", "name", "description", "events", "rules", "plan"}
_PLAN_KEYS = {"event", "target", "until"}


class Event(NamedTuple):
    """A reference event a rule counts from: its input name and how to say it."""

    name: str
    label: str  # "receipt", in "30 working days after receipt"
    help: str
    defaults_to: str | None = None


class Rule(NamedTuple):
    """One statutory (or constitutional) period, with its citation."""

    id: str
    title: str
    relation: str
    citation: str
    reference: str = ""
    direction: str = ""
    length: int = 0
    unit: str = ""
    counting: str = ""
    words: str = ""
    other_readings: tuple[str, ...] = ()
    unsettled: str = ""
    actual: str | None = None
    follows: str | None = None


class PlanSpec(NamedTuple):
    """How to plan an event backwards when no date is given for it (LEGAL.md 5).

    The latest `event` date for which rule `until` still falls on or before rule `target`.
    """

    event: str  # "decision"
    target: str  # "statement-of-action"
    until: str  # "earliest-implementation"


class RuleSet(NamedTuple):
    """The rules in force, in the order they are shown, and the events they count from."""

    name: str
    description: str
    events: dict[str, Event]
    rules: tuple[Rule, ...]
    plan: PlanSpec | None = None

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id, or a RuleError listing the known ids."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        msg = f"unknown rule id {rule_id!r}; expected one of {', '.join(self.ids)}"
        raise RuleError(msg)

    @property
    def ids(self) -> tuple[str, ...]:
        """Rule ids in order."""
        return tuple(r.id for r in self.rules)


_builtin: RuleSet | None = None


def builtin() -> RuleSet:
    """The built-in rules (CONTRACT.md), read once per process."""
    global _builtin  # noqa: PLW0603 - a process-wide cache of immutable data
    if _builtin is None:
        with open(os.path.join(RULES_DIR, f"{BUILTIN}.json"), encoding="utf-8") as f:
            _builtin = parse(json.load(f), f"{BUILTIN}.toml")
    return _builtin


def load_toml(path: str | os.PathLike) -> RuleSet:
    """Read and check a rule file; every problem names the file, the rule and the field."""
    import tomllib  # lazy: only rule files pay for the TOML parser

    try:
        with open(path, encoding="utf-8") as f:
            raw = tomllib.loads(f.read())
    except OSError as e:
        msg = f"cannot read rule file {str(path)!r}: {e.strerror or e}"
        raise RuleError(msg) from None
    except UnicodeDecodeError:
        msg = f"rule file {str(path)!r} is not UTF-8 text; expected a TOML file"
        raise RuleError(msg) from None
    except tomllib.TOMLDecodeError as e:
        msg = f"rule file {str(path)!r} is not valid TOML: {e}"
        raise RuleError(msg) from None
    return parse(raw, str(path))


def parse(raw: dict, where: str) -> RuleSet:  # noqa: C901, PLR0912 - one check per field, in order
    """Build a RuleSet from a parsed table, checking every field."""

    def fail(text: str) -> RuleError:
        return RuleError(f"{where}: {text}")

    unknown = set(raw) - _TOP_KEYS
    if unknown:
        msg = f"unknown key {sorted(unknown)[0]!r}; expected {', '.join(sorted(_TOP_KEYS))}"
        raise fail(msg)
    if raw.get("schema") != SCHEMA:
        raise fail(f"schema is {raw.get('schema')!r}; expected {SCHEMA!r}")

    events: dict[str, Event] = {}
    for name, ev in (raw.get("events") or {}).items():
        if not isinstance(ev, dict):
            raise fail(f"event {name!r} must be a table with label and help")
        unknown = set(ev) - _EVENT_KEYS
        if unknown:
            raise fail(f"event {name!r}: unknown field {sorted(unknown)[0]!r}")
        label = ev.get("label")
        if not isinstance(label, str) or not label:
            raise fail(f"event {name!r}: field 'label' must be a non-empty string")
        events[name] = Event(name, label, str(ev.get("help", "")), ev.get("defaults_to"))
    for ev in events.values():
        if ev.defaults_to is not None and ev.defaults_to not in events:
            msg = f"event {ev.name!r}: field 'defaults_to' names unknown event {ev.defaults_to!r}"
            raise fail(msg)

    rules: list[Rule] = []
    seen: set[str] = set()
    raw_rules = raw.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise fail("no [[rules]] tables; expected at least one rule")
    for n, r in enumerate(raw_rules, 1):
        rid = r.get("id") if isinstance(r, dict) else None
        if not isinstance(rid, str) or not rid:
            raise fail(f"rule {n}: field 'id' must be a non-empty string")

        def bad(field: str, text: str, rid: str = rid) -> RuleError:
            return fail(f"rule {rid!r}: field {field!r} {text}")

        if rid in seen:
            raise bad("id", "duplicates an earlier rule; expected unique ids")
        seen.add(rid)
        allowed = _FOLLOWS_KEYS if "follows" in r else _RULE_KEYS
        unknown = set(r) - allowed
        if unknown:
            raise bad(
                sorted(unknown)[0], f"is not allowed here; expected {', '.join(sorted(allowed))}"
            )
        for field in ("title", "citation", "relation"):
            if not isinstance(r.get(field), str) or not r[field]:
                raise bad(field, "must be a non-empty string")
        if r["relation"] not in RELATIONS:
            raise bad("relation", f"is {r['relation']!r}; expected one of {', '.join(RELATIONS)}")
        common = {
            "id": rid,
            "title": r["title"],
            "relation": r["relation"],
            "citation": r["citation"],
            "words": str(r.get("words", "")),
            "actual": r.get("actual"),
        }
        if "follows" in r:
            if r["follows"] not in {x.id for x in rules}:
                raise bad("follows", f"names {r['follows']!r}; expected the id of an earlier rule")
            rules.append(Rule(**common, follows=r["follows"]))
            continue
        for field in ("reference", "direction", "unit", "counting"):
            if not isinstance(r.get(field), str) or not r[field]:
                raise bad(field, "must be a non-empty string")
        if r["reference"] not in events:
            known = ", ".join(events) or "none"
            raise bad(
                "reference",
                f"names event {r['reference']!r}, which no [events] table supplies; known: {known}",
            )
        if r["direction"] not in DIRECTIONS:
            raise bad(
                "direction", f"is {r['direction']!r}; expected one of {', '.join(DIRECTIONS)}"
            )
        length = r.get("length")
        if not isinstance(length, int) or isinstance(length, bool) or length < 0:
            raise bad("length", f"is {length!r}; expected a whole number 0 or more")
        if r["counting"] not in COUNTINGS:
            raise bad("counting", f"is {r['counting']!r}; expected one of {', '.join(COUNTINGS)}")
        if r["unit"] != COUNTINGS[r["counting"]].unit:
            want = COUNTINGS[r["counting"]].unit
            raise bad("unit", f"is {r['unit']!r}; counting {r['counting']!r} counts in {want!r}")
        others = r.get("other_readings", [])
        if not isinstance(others, list) or any(o not in COUNTINGS for o in others):
            raise bad("other_readings", f"is {others!r}; expected a list of {', '.join(COUNTINGS)}")
        rules.append(
            Rule(
                **common,
                reference=r["reference"],
                direction=r["direction"],
                length=length,
                unit=r["unit"],
                counting=r["counting"],
                other_readings=tuple(o for o in others if o != r["counting"]),
                unsettled=str(r.get("unsettled", "")),
            )
        )
    return RuleSet(
        str(raw.get("name", where)),
        str(raw.get("description", "")),
        events,
        tuple(rules),
        _plan_spec(raw.get("plan"), events, rules, fail),
    )


def _plan_spec(raw: object, events: dict, rules: list[Rule], fail) -> PlanSpec | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise fail("[plan] must be a table with event, target and until")
    unknown = set(raw) - _PLAN_KEYS
    if unknown:
        msg = f"[plan]: unknown field {sorted(unknown)[0]!r}; expected event, target, until"
        raise fail(msg)
    ids = [r.id for r in rules]
    for field in ("event", "target", "until"):
        if not isinstance(raw.get(field), str) or not raw[field]:
            raise fail(f"[plan]: field {field!r} must be a non-empty string")
    if raw["event"] not in events:
        raise fail(f"[plan]: field 'event' names unknown event {raw['event']!r}")
    for field in ("target", "until"):
        if raw[field] not in ids:
            msg = f"[plan]: field {field!r} names unknown rule {raw[field]!r}; expected one of "
            raise fail(msg + ", ".join(ids))
    return PlanSpec(raw["event"], raw["target"], raw["until"])
