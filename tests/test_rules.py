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


def _refused(changes, message):
    """The one rule with `changes` is refused, naming the file and the rule, with `message`."""
    with pytest.raises(RuleError, match=message) as e:
        parse(_one_rule(**changes), "pack.toml")
    assert str(e.value).startswith("pack.toml: rule 'ofsted-report-publication': ")


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


@pytest.mark.parametrize("name", ["item", "region", "rules"])
def test_an_actual_or_event_named_as_checks_own_column_is_refused(invoke, tmp_path, name):
    """`check` reads item, region and rules for itself: an actual date named `item` read every
    row's title as a date (each row an error, exit 1). Refused when the file is read (exit 2)."""
    with pytest.raises(RuleError, match=rf"field 'actual' is '{name}': '{name}' is a column"):
        parse(_one_rule(actual=name), "pack.toml")
    raw = _one_rule()
    raw["events"] = {**raw.get("events", {}), name: {"label": "a day"}}
    with pytest.raises(RuleError, match=rf"event '{name}': '{name}' is a column"):
        parse(raw, "pack.toml")
    path = tmp_path / "pack.toml"
    path.write_text(
        f'schema = "deadlines-rules/1"\n[[rules]]\nid = "call-in-end"\nactual = "{name}"\n'
    )
    result = invoke("rules", "--rules", path)
    assert result.exit_code == 2
    assert "is a column deadlines check reads" in result.stderr.strip().splitlines()[-1]


def test_duplicate_ids_are_refused():
    """Two rules with one id would make every output ambiguous."""
    raw = _one_rule()
    raw["rules"] = raw["rules"] * 2
    with pytest.raises(RuleError, match="field 'id' duplicates"):
        parse(raw, "pack.toml")


# The first rule of england-executive counts 30 working days after receipt and has one version
# already (its in_force_from), so a version given here is versions entry 2.
_LATER = {"from": "2020-01-01", "citation": "SI 2019/1"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"earliest": -1}, r"field 'earliest' is -1; expected a whole number 0 or more$"),
        ({"earliest": 1.5}, r"field 'earliest' is 1\.5; expected a whole number 0 or more$"),
        ({"earliest": True}, r"field 'earliest' is True; expected a whole number 0 or more$"),
        (
            {"earliest": 31},
            r"field 'earliest' is 31; expected at most the rule's length \(30\) with direction "
            r"'after': a window cannot open after it closes$",
        ),
        (
            {"direction": "before", "earliest": 29},
            r"field 'earliest' is 29; expected at least the rule's length \(30\) with direction "
            r"'before': a window cannot open after it closes$",
        ),
        (
            {"earliest": 20, "versions": [{**_LATER, "length": 10}]},
            r"field 'earliest' is 20; expected at most the length of versions entry 2 \(10\) "
            r"with direction 'after'",
        ),
        ({"note": 5}, r"field 'note' is 5; expected a string$"),
        ({"note": ["x"]}, r"field 'note' is \['x'\]; expected a string$"),
        ({"before": 5}, r"field 'before' is 5; expected a string$"),
        (
            {"versions": [{**_LATER, "note": 5}]},
            r"field 'versions' entry 2: note 5; expected a string$",
        ),
    ],
)
def test_window_and_note_fields_are_checked(changes, message):
    """`earliest` opens a window no later than it closes (never before the event either), and
    a note is text, in the rule and in its versions: never a window no act can meet, or 5
    printed as '5'."""
    _refused(changes, message)


@pytest.mark.parametrize(
    "changes",
    [
        {"earliest": 0},  # the window opens on the event's own day
        {"earliest": 30},  # a window of one day, as uk-parliament's poll after dissolution
        {"earliest": 10, "versions": [{**_LATER, "length": 10}]},
        {"direction": "before", "earliest": 30},
        {"direction": "before", "earliest": 35},  # as scotland-local's notice of election
        {"note": "A note.", "versions": [{**_LATER, "note": "As amended."}]},
    ],
)
def test_windows_that_open_no_later_than_they_close_are_read(changes):
    raw = _one_rule(**changes)
    del raw["plan"]  # its rules are not in a pack of one rule
    rule = parse(raw, "pack.toml").rules[0]
    assert rule.earliest == changes.get("earliest")
    assert rule.note == changes.get("note", "")


def test_every_shipped_pack_still_reads():
    """The window checks refuse none of the shipped packs' windows (scotland-local's notice of
    election, uk-parliament's poll and nominations)."""
    import deadlines

    windows = {
        (name, r.id): r.earliest
        for name in deadlines.packs()
        for r in deadlines.pack(name).rules
        if r.earliest is not None
    }
    assert windows[("scotland-local", "notice-of-election")] == 35
    assert windows[("uk-parliament", "poll-after-dissolution")] == 25


def _extend(**fields):
    """An extension on the first rule of england-executive (30 working days after receipt)."""
    return {"kind": "extend", "event": "decision", "citation": "s1", "by": 10, **fields}


_PAUSE = {"kind": "pause", "event": "decision", "until": "decision_published", "citation": "s2"}
_RESTART = {"kind": "restart", "event": "decision", "citation": "s3"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"clock": [_extend(by=True)]},
            r"field 'clock' entry 1: by True; expected a whole number greater than 0$",
        ),
        (
            {"clock": [_extend(by=-5)]},
            r"field 'clock' entry 1: by -5; expected a whole number greater than 0$",
        ),
        (
            {"clock": [_extend(by=0)]},
            r"field 'clock' entry 1: by 0; expected a whole number greater than 0$",
        ),
        (
            {"clock": [_extend(by=1.5)]},
            r"field 'clock' entry 1: by 1\.5; expected a whole number greater than 0$",
        ),
        (
            {"clock": [{k: v for k, v in _extend().items() if k != "by"}]},
            r"field 'clock' entry 1: an extension needs by = a whole number greater than 0$",
        ),
        (
            {"clock": [_extend(cap="40")]},
            r"field 'clock' entry 1: cap '40'; expected a whole number greater than 0$",
        ),
        (
            {"clock": [_extend(cap=False)]},
            r"field 'clock' entry 1: cap False; expected a whole number greater than 0$",
        ),
        (
            {"clock": [_extend(cap=29)]},
            r"field 'clock' entry 1: cap 29; expected at least the rule's length \(30\): an "
            r"extension cannot shorten the period$",
        ),
        (
            {"clock": [_RESTART, _extend(cap=40)], "versions": [{**_LATER, "length": 50}]},
            r"field 'clock' entry 2: cap 40; expected at least the length of versions entry 2 "
            r"\(50\): an extension cannot shorten the period$",
        ),
        (
            {"versions": [{**_LATER, "length": 50, "clock": [_extend(cap=45)]}]},
            r"field 'versions' entry 2: clock entry 1: cap 45; expected at least the length of "
            r"versions entry 2 \(50\): an extension cannot shorten the period$",
        ),
        (
            {"versions": [{**_LATER, "clock": [_extend(by=-1)]}]},
            r"field 'versions' entry 2: clock entry 1: by -1; expected a whole number greater "
            r"than 0$",
        ),
        (
            {"clock": [{**_PAUSE, "by": 3}]},
            r"field 'clock' entry 1: by 3 means nothing for a pause; expected only kind, event, "
            r"citation, until$",
        ),
        (
            {"clock": [{**_PAUSE, "cap": 40}]},
            r"field 'clock' entry 1: cap 40 means nothing for a pause; expected only kind, "
            r"event, citation, until$",
        ),
        (
            {"clock": [_extend(until="decision_published")]},
            r"field 'clock' entry 1: until 'decision_published' means nothing for an extend; "
            r"expected only kind, event, citation, by, cap$",
        ),
        (
            {"clock": [{**_RESTART, "until": "decision_published"}]},
            r"field 'clock' entry 1: until 'decision_published' means nothing for a restart; "
            r"expected only kind, event, citation$",
        ),
        (
            {"clock": [{**_PAUSE, "until": ["decision_published"]}]},
            r"field 'clock' entry 1: until \['decision_published'\]; expected an event in "
            r"\[events\] \(received, decision, decision_published, ",
        ),
        (
            {"clock": [{**_PAUSE, "event": "hearing"}]},
            r"field 'clock' entry 1: event 'hearing'; expected an event in \[events\] "
            r"\(received, decision, decision_published, ",
        ),
    ],
)
def test_clock_fields_are_checked(changes, message):
    """An extension is by a whole number of units, more than none, and its cap is never less
    than the length it extends (the engine takes min(length + by, cap): a smaller cap would
    shorten the period); a field the engine reads only for another kind (by and cap: extend;
    until: pause) is refused, as is an event name that is not an event."""
    _refused(changes, message)


@pytest.mark.parametrize(
    "changes",
    [
        {"clock": [_RESTART, _PAUSE, _extend(by=20, cap=40)]},  # as information-requests' FOI
        {"clock": [_extend(cap=30)]},  # a cap of the length itself: never shorter
        {"clock": [_extend()]},  # no cap
        {"clock": [{k: v for k, v in _PAUSE.items() if k != "until"}]},  # stopped until given
        # A version with its own clock is bound by its own caps only (subject access: 40 days
        # under the DPA 1998, with no extension, and one month extended to at most three).
        {"clock": [_extend(cap=40)], "versions": [{**_LATER, "length": 50, "clock": []}]},
        {"clock": [_extend(cap=40)], "versions": [{**_LATER, "clock": [_extend(cap=35)]}]},
    ],
)
def test_clocks_the_engine_can_apply_are_read(changes):
    raw = _one_rule(**changes)
    del raw["plan"]
    rule = parse(raw, "pack.toml").rules[0]
    assert len(rule.clock) == len(changes["clock"])


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"versions": [{**_LATER, "words": 5}]},
            r"field 'versions' entry 2: words 5; expected a string$",
        ),
        (
            {"versions": [{**_LATER, "words": ["within", "thirty"]}]},
            r"field 'versions' entry 2: words \['within', 'thirty'\]; expected a string$",
        ),
        (
            {"versions": [{**_LATER, "unsettled": True}]},
            r"field 'versions' entry 2: unsettled True; expected a string$",
        ),
        (
            {"versions": [{**_LATER, "unsettled": {"why": "x"}}]},
            r"field 'versions' entry 2: unsettled \{'why': 'x'\}; expected a string$",
        ),
        (  # a list where a name belongs was a TypeError (unhashable), not the reader's error
            {"versions": [{**_LATER, "counting": ["clear-days"]}]},
            r"field 'versions' entry 2: counting \['clear-days'\] is not one of ",
        ),
        (
            {"versions": [{**_LATER, "other_readings": [["clear-days"]]}]},
            r"field 'versions' entry 2: other_readings must list countings$",
        ),
    ],
)
def test_version_words_and_unsettled_are_text(changes, message):
    """A version's words and unsettled are printed beside its dates: text, never 5 or True;
    its counting and other readings are names of countings, never lists."""
    _refused(changes, message)


def test_version_words_and_unsettled_are_read():
    raw = _one_rule(versions=[{**_LATER, "words": "within twenty days", "unsettled": ""}])
    del raw["plan"]
    version = parse(raw, "pack.toml").rules[0].versions[-1]
    assert (version.words, version.unsettled) == ("within twenty days", "")


@pytest.mark.parametrize(
    "changes",
    [
        {"relation": "on-or-after", "earliest": 10},
        {"relation": "on-or-after", "earliest": 0},
        {"relation": "on-or-after", "direction": "before", "earliest": 35},
    ],
)
def test_earliest_needs_a_deadline(changes):
    """A window opens before an on-or-before date. With on-or-after the act is judged on or
    after the date already, so an `earliest` (never after the date) could only add a second
    "too early" to an act that is already missed: it is refused, not silently kept."""
    message = (
        rf"^pack\.toml: rule 'ofsted-report-publication': field 'earliest' is "
        rf"{changes['earliest']}; expected no earliest with relation 'on-or-after': a window "
        r"needs relation 'on-or-before' \(an act before an on-or-after date is already too "
        r"early\)$"
    )
    with pytest.raises(RuleError, match=message):
        parse(_one_rule(**changes), "pack.toml")


def test_a_second_extension_with_a_lower_cap_never_shortens_the_period():
    """Two extensions on a 30-working-day rule: by 20 (cap 60) to 50, then by 5 (cap 40), which
    would make it 40. An extension only lengthens: the period stays 50 working days. Received
    Mon 2 Mar 2026: 3-6 Mar (1-4), 9-13 (5-9), 16-20 (10-14), 23-27 (15-19), 30, 31 Mar (20-21),
    1, 2 Apr (22-23); Good Friday 3 and Easter Monday 6 Apr skipped; 7-10 (24-27), 13-17
    (28-32), 20-24 (33-37), 27-30 Apr (38-41), Fri 1 May (42); Mon 4 May bank holiday skipped;
    5-8 (43-46), 11-14 May (47-50): Thu 14 May 2026."""
    from datetime import date

    from deadlines import compute

    clock = [_extend(cap=60, by=20), _extend(event="decision_published", by=5, cap=40)]
    raw = _one_rule(clock=clock)
    del raw["plan"]
    rules = parse(raw, "pack.toml")
    events = {"received": date(2026, 3, 2), "decision": date(2026, 3, 9),
              "decision_published": date(2026, 3, 10)}  # fmt: skip
    d = compute(events=events, rules=rules, plan=False).deadline("ofsted-report-publication")
    assert (d.date, d.length) == (date(2026, 5, 14), 50)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {
                "clock": [_extend(cap=40)],
                "versions": [{**_LATER, "counting": "clear-days", "length": 40}],
            },
            r"field 'versions' entry 2: counting 'clear-days' counts in 'days', but the rule's "
            r"clock extends it in 'working-days'; expected a clock of its own in the version "
            r"\(clock = \[\.\.\.\]\)$",
        ),
        (
            {
                "earliest": 5,
                "versions": [{**_LATER, "counting": "clear-days", "length": 40}],
            },
            r"field 'versions' entry 2: counting 'clear-days' counts in 'days', but the rule's "
            r"earliest \(5\) is in 'working-days'; expected a version counting in "
            r"'working-days' \(or no earliest\)$",
        ),
    ],
)
def test_a_version_in_another_unit_cannot_inherit_what_is_counted_in_the_rules(changes, message):
    """An extension's by and cap, and a window's earliest, are in the rule's unit: a version
    counting in another unit would read 10 working days as 10 days."""
    _refused(changes, message)


def test_a_version_in_another_unit_with_its_own_clock_is_read():
    clock = [_extend(cap=60)]
    version = {**_LATER, "counting": "clear-days", "length": 40, "clock": [_extend(cap=50)]}
    raw = _one_rule(clock=clock, versions=[version])
    del raw["plan"]  # its rules are not in a pack of one rule
    rule = parse(raw, "pack.toml").rules[0]
    assert (rule.versions[1].unit, rule.versions[1].clock[0].cap) == ("days", 50)


def test_an_unknown_rule_id_is_an_unknown_rule_named_briefly():
    """RuleSet.rule raises the same error as Result.deadline (a RuleError and a KeyError), and a
    long id is cut in the message, as there."""
    from deadlines.errors import UnknownRule

    with pytest.raises(UnknownRule, match=r"^unknown rule id 'x{59}; expected one of ofsted-") as e:
        builtin().rule("x" * 10_000)
    assert isinstance(e.value, KeyError)
    assert len(str(e.value)) < 400


def test_a_window_of_closed_days_says_its_latest_working_day_is_outside_it():
    """A one-day window, 12 days after receipt: Tue 12 May 2015 + 12 (13-24 May) is Sun 24 May
    2015, both its first and last day. The latest working day on or before it, Fri 22 May, is
    before the window opens: an act then is missed (2 days early), and a note says so."""
    from datetime import date

    from deadlines import compute

    raw = _one_rule(counting="days-after", unit="days", length=12, earliest=12)
    del raw["plan"]  # its rules are not in a pack of one rule
    rules = parse(raw, "pack.toml")
    received = {"received": date(2015, 5, 12)}
    d = compute(events=received, rules=rules, plan=False).deadlines[0]
    assert (d.earliest, d.date, d.working_day) == (date(2015, 5, 24),) * 2 + (date(2015, 5, 22),)
    assert any(n.startswith("No working day falls in the window, Sun 24 May 2015 to Sun 24 May")
               and "Fri 22 May 2015, is before it opens" in n for n in d.notes)  # fmt: skip
    done = compute(events=received, actual={"ofsted_report_published": date(2015, 5, 22)},
                   rules=rules, plan=False).deadlines[0]  # fmt: skip
    assert (done.status, done.margin) == ("missed", -2)
    # Received Wed 13 May: Mon 25 May, the spring bank holiday, is closed too; received Thu 14
    # May: Tue 26 May 2015, a working day, and no note.
    closed = compute(events={"received": date(2015, 5, 13)}, rules=rules, plan=False)
    assert any("No working day falls" in n for n in closed.deadlines[0].notes)
    opened = compute(events={"received": date(2015, 5, 14)}, rules=rules, plan=False)
    assert opened.deadlines[0].date == date(2015, 5, 26)
    assert not any("No working day falls" in n for n in opened.deadlines[0].notes)


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        # A mistyped id made a new rule, and the error was about its missing title.
        ('id = "Call In"', "rule 'Call In' is no rule of england-executive (did you mean "
                           "'call-in-end'?), so it is a new rule and needs its title"),
        ('id = "call-in-end"\nfollows = "earliest-implementation"',
         "field 'follows' turns england-executive's counted rule into a follower"),
        ('id = "earliest-implementation"\nlength = 3',
         "field 'length' is a counted rule's, and england-executive's rule follows 'call-in-end'"),
    ],
)  # fmt: skip
def test_a_change_to_a_pack_that_cannot_be_one_says_why(invoke, tmp_path, rule, message):
    path = tmp_path / "change.toml"
    path.write_text(f'schema = "deadlines-rules/1"\n[[rules]]\n{rule}\n')
    result = invoke("rules", "--rules", path)
    assert result.exit_code == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: ")
    assert message in last


def test_a_follower_s_own_fields_change_and_it_still_follows(invoke, tmp_path):
    """A rule file giving a follower only fields a follower has (its citation) changes those
    and keeps the rest: it was refused as if it made the follower a counted rule."""
    path = tmp_path / "change.toml"
    path.write_text(
        'schema = "deadlines-rules/1"\n[[rules]]\nid = "earliest-implementation"\n'
        'citation = "Our constitution 4.5"\n'
    )
    result = invoke("rules", "--rules", path, "--format", "json")
    assert result.exit_code == 0, result.output
    (rule,) = [
        r for r in json.loads(result.stdout)["rules"] if r["id"] == "earliest-implementation"
    ]
    assert (rule["citation"], rule["follows"]) == ("Our constitution 4.5", "call-in-end")


@pytest.mark.parametrize("value", ["1", '"text"', "[1]", "2015-06-08", "true"])
@pytest.mark.parametrize("key", ["actuals", "events"])
def test_a_change_whose_events_or_actuals_are_no_tables_says_so(invoke, tmp_path, key, value):
    """`actuals = 1` in a rule file laid over a pack (the default, extend) was a traceback:
    only `events` was checked before the two were merged."""
    path = tmp_path / "change.toml"
    path.write_text(f'schema = "deadlines-rules/1"\n{key} = {value}\n')
    result = invoke("rules", "--rules", path)
    assert result.exit_code == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"Error: {path}: '{key}' must be tables [{key}.NAME]")


@pytest.mark.parametrize("kind", ["[]", "{}", "[1, 2]", "3"])
@pytest.mark.parametrize("mode", ["extend", "replace"])
def test_a_clock_kind_that_is_no_text_is_refused(invoke, tmp_path, kind, mode):
    """A clock `kind` of a list or a table was a traceback (unhashable), in either mode."""
    path = tmp_path / "kind.toml"
    pack = tomllib.loads((RULES_DIR / "england-executive.toml").read_text(encoding="utf-8"))
    body = f'schema = "deadlines-rules/1"\nmode = "{mode}"\n'
    if mode == "replace":
        body += f"name = {json.dumps(pack['name'])}\n"
        for name, event in pack["events"].items():
            body += f"[events.{name}]\n" + "".join(
                f"{k} = {json.dumps(v)}\n" for k, v in event.items()
            )
    body += (
        '[[rules]]\nid = "mine"\ntitle = "Mine"\nrelation = "on-or-before"\n'
        'reference = "received"\nlength = 5\nunit = "working-days"\n'
        'counting = "working-days-after"\ndirection = "after"\ncitation = "c"\n'
        f'clock = [{{kind = {kind}, event = "received", citation = "c"}}]\n'
    )
    path.write_text(body)
    result = invoke("compute", "--received", "2015-05-12", "--rules", path)
    last = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ""
    assert result.exit_code == 2, result.stderr
    assert last.startswith("Error: ")
    assert "field 'clock' entry 1: kind " in last
    assert "expected pause, restart or extend" in last
