"""Rules as data: loads rule tables (TOML) into frozen Rule objects and checks every field.

The built-in table is read from its compiled JSON twin (scripts/compile_rules.py), so start-up
does not import a TOML parser; tests prove the twin matches the TOML.
"""

import json
import os
from datetime import date
from typing import Any, NamedTuple

from deadlines import validate
from deadlines.calendar import DEFAULT_DAYS, PARTS, REGIONS, DaySet
from deadlines.counting import COUNTINGS
from deadlines.errors import RuleError, UnknownRule

RULES_DIR = os.path.join(os.path.dirname(__file__), "rules")  # os.path: pathlib is slow to import
BUILTIN = "england-executive"
SCHEMA = "deadlines-rules/1"

DIRECTIONS = ("after", "before")
RELATIONS = ("on-or-before", "on-or-after")
ROLLS = ("next-working-day",)
MODES = ("extend", "replace")
_RULE_KEYS = {
    "id", "title", "reference", "direction", "length", "unit", "counting", "relation",
    "citation", "words", "other_readings", "unsettled", "actual", "follows", "region", "roll",
    "elapsed", "days", "versions", "in_force_from", "clock", "time", "earliest", "note", "before",
}  # fmt: skip
_FOLLOWS_KEYS = {"id", "title", "follows", "relation", "citation", "words", "actual", "time"}
_EVENT_KEYS = {"label", "help", "defaults_to", "option"}
_ACTUAL_KEYS = {"help", "option"}
_TOP_KEYS = {
    "schema", "name", "description", "events", "actuals", "rules", "plan", "mode", "requires",
    "extent", "instead", "days",
}  # fmt: skip
_PLAN_KEYS = {"event", "target", "until"}
_NAMES = {"actual", "follows", "region", "roll"}  # string fields that cannot be empty
# The columns `deadlines check` reads for itself: an event or actual date of that name would be
# read from the row's item, region or rules cell (every row an error).
RESERVED_COLUMNS = ("item", "region", "rules")


def _reserved(name: str) -> str:
    return (
        f"{name!r} is a column deadlines check reads as the row's own {name}; expected another "
        f"name (not {', '.join(RESERVED_COLUMNS)})"
    )


class Event(NamedTuple):
    """A reference event a rule counts from: its input name and how to say it."""

    name: str
    label: str  # "receipt", in "30 working days after receipt"
    help: str
    defaults_to: str | None = None
    option: bool = False  # has an option of its own on the command line (--received)


class Actual(NamedTuple):
    """An act whose real date can be judged: its input name and what it is."""

    name: str
    help: str  # "the day the key-decision notice was published"
    option: bool = False  # has an option of its own on the command line (--forward-plan)


class ClockRule(NamedTuple):
    """An event that acts on a running period, with the law that says how."""

    kind: str  # "pause" (to `until`), "restart", or "extend" (by `by`, to at most `cap`)
    event: str
    citation: str
    until: str | None = None  # the event that ends a pause
    by: int | None = None  # an extension, in the rule's unit
    cap: int | None = None  # the longest the period may become, in the rule's unit


class Version(NamedTuple):
    """A rule as it stood from a date: what changed then, and the instrument that changed it."""

    in_force_from: date
    citation: str
    length: int | None = None  # None: the rule's own
    counting: str | None = None
    unit: str | None = None
    other_readings: tuple[str, ...] | None = None
    roll: str | None = None
    words: str | None = None
    unsettled: str | None = None
    note: str = ""
    clock: tuple[ClockRule, ...] | None = None  # None: the rule's own


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
    region: str | None = None  # counts on this region's holidays whatever --region says (FOIA)
    roll: str | None = None  # "next-working-day": a boundary on a closed day moves later (ICO)
    elapsed: bool = False  # the date is the day after the period has elapsed (reg 10(1)(c))
    days: DaySet | None = None  # the days its statute disregards (None: the pack's)
    versions: tuple[Version, ...] = ()  # by date in force, oldest first; () = always in force
    clock: tuple[ClockRule, ...] = ()  # events that stop, restart or extend the period
    time: str | None = None  # "16:00": the time of day the law gives for the step
    earliest: int | None = None  # a window's other end: "not earlier than the 35th day before"
    note: str = ""  # a note shown with every date of the rule (an unconfirmed point)
    before: str = ""  # what the law was before the first version, if known


class PlanSpec(NamedTuple):
    """How to plan an event backwards when no date is given for it.

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
    # The events of which a calendar (deadlines check) must have at least one column; by
    # default every event that does not default to another.
    requires: tuple[str, ...] = ()
    # What each act is, for help and listings; every rule's `actual` has an entry.
    actuals: dict[str, Actual] = {}  # noqa: RUF012 - a NamedTuple default, never mutated
    extent: tuple[str, ...] = PARTS  # where its law extends: england, wales, scotland, ...
    instead: dict[str, str] = {}  # noqa: RUF012 - part -> the pack for councils there
    days: DaySet = DEFAULT_DAYS  # the days its rules disregard, unless a rule says otherwise

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id, or UnknownRule (a RuleError) naming the known ids (an index,
        built once per set: a lookup per rule over a long chain would be quadratic)."""
        if len(self.rules) < 16:
            for rule in self.rules:
                if rule.id == rule_id:
                    return rule
        else:
            found = _index(self.rules).get(rule_id)
            if found is not None:
                return found
        msg = f"unknown rule id {rule_id!r:.60}; expected one of {', '.join(self.ids)}"
        raise UnknownRule(msg)

    def counted_from(self, rule_id: str) -> str:
        """The event a rule is counted from: its reference, or a follower's base's."""
        rule = self.rule(rule_id)
        while rule.follows:
            rule = self.rule(rule.follows)
        return rule.reference

    @property
    def ids(self) -> tuple[str, ...]:
        """Rule ids in order."""
        return tuple(r.id for r in self.rules)


_indexes: dict[int, tuple[tuple[Rule, ...], dict[str, Rule]]] = {}


def _index(rules: tuple[Rule, ...]) -> dict[str, Rule]:
    """id -> rule for a RuleSet's rules, kept for the few sets a process uses (RuleSet is a
    record whose shape stays as it is, so the index lives beside it, keyed by identity)."""
    hit = _indexes.get(id(rules))
    if hit is not None and hit[0] is rules:
        return hit[1]
    if len(_indexes) >= 8:
        _indexes.clear()
    index = {r.id: r for r in rules}
    _indexes[id(rules)] = (rules, index)
    return index


_raw_packs: dict[str, dict[str, Any]] = {}
_packs: dict[str, RuleSet] = {}


def pack_names() -> tuple[str, ...]:
    """The built-in packs, the default first."""
    names = sorted(f[:-5] for f in os.listdir(RULES_DIR) if f.endswith(".json"))
    return (BUILTIN, *(n for n in names if n != BUILTIN))


def _raw_pack(name: str) -> dict[str, Any]:
    raw = _raw_packs.get(name)
    if raw is None:
        if name not in pack_names():
            msg = f"unknown pack {name!r}; expected one of {', '.join(pack_names())}"
            raise RuleError(msg)
        with open(os.path.join(RULES_DIR, f"{name}.json"), encoding="utf-8") as f:
            raw = _raw_packs[name] = json.load(f)
    return raw


def pack(name: str = BUILTIN) -> RuleSet:
    """A built-in pack (`deadlines rules --packs`), read once per process."""
    rules = _packs.get(name)
    if rules is None:
        rules = _packs[name] = parse(_raw_pack(name), f"{name}.toml")
    return rules


def builtin() -> RuleSet:
    """The default rules (the england-executive pack), read once per process."""
    return pack(BUILTIN)


def load(path: str | os.PathLike[str] | None = None, base: str = BUILTIN) -> RuleSet:
    """The rules in force: pack `base`, extended, overridden or replaced by the file at `path`."""
    if path is None:
        return pack(base)
    return load_toml(path, base)


def load_toml(path: str | os.PathLike[str], base: str | None = BUILTIN) -> RuleSet:
    """Read and check a rule file; every problem names the file, the rule and the field.

    By default (`mode = "extend"`) the file adds to pack `base`: a rule with a new id is added,
    a rule with a built-in id changes only the fields it gives, and [events] and [plan] are
    merged the same way. `mode = "replace"` makes the file the whole set. `base=None` reads the
    file on its own (as `replace`).
    """
    import tomllib  # lazy: only rule files pay for the TOML parser

    from deadlines.inputs import read_limited

    where = str(path)
    data = read_limited(where, "rule file", RuleError)
    try:
        raw = tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        msg = f"rule file {where!r} is not UTF-8 text; expected a TOML file"
        raise RuleError(msg) from None
    except tomllib.TOMLDecodeError as e:
        msg = f"rule file {where!r} is not valid TOML: {e}"
        raise RuleError(msg) from None
    except RecursionError:
        msg = f"rule file {where!r} is nested too deeply; expected tables of rules"
        raise RuleError(msg) from None
    except ValueError as e:  # an integer of more than 4300 digits
        why = "a number has more than 4300 digits" if "digits" in str(e) else str(e)
        msg = f"rule file {where!r} cannot be read: {why}; expected a TOML file"
        raise RuleError(msg) from None
    if not isinstance(raw, dict):
        raise RuleError(f"rule file {where!r} is not a TOML table")
    mode = raw.get("mode", "extend")
    if mode not in MODES:
        msg = f"{where}: field 'mode' is {mode!r}; expected one of {', '.join(MODES)}"
        raise RuleError(msg)
    if mode == "extend" and base is not None:
        name = os.path.basename(where)
        raw = _merge(_raw_pack(base), raw, where, f"{base} + {name}")
    return parse({k: v for k, v in raw.items() if k != "mode"}, where)


def _check_top_keys(raw: dict[str, Any], where: str) -> None:
    unknown = set(raw) - _TOP_KEYS
    if unknown:
        msg = f"unknown key {sorted(unknown)[0]!r}; expected {', '.join(sorted(_TOP_KEYS))}"
        raise RuleError(f"{where}: {msg}")


def _merge(base: dict[str, Any], raw: dict[str, Any], where: str, name: str) -> dict[str, Any]:
    """A pack's raw table with a rule file's tables laid over it (see load_toml)."""
    _check_top_keys(raw, where)
    if not isinstance(raw.get("events", {}), dict):
        raise RuleError(f"{where}: 'events' must be tables [events.NAME] with label and help")
    if not isinstance(raw.get("actuals", {}), dict):
        raise RuleError(f"{where}: 'actuals' must be tables [actuals.NAME] with help")
    events = {k: dict(v) for k, v in base.get("events", {}).items()}
    for key, ev in (raw.get("events") or {}).items():
        events[key] = {**events.get(key, {}), **ev} if isinstance(ev, dict) else ev
    actuals = {k: dict(v) for k, v in base.get("actuals", {}).items()}
    for key, act in (raw.get("actuals") or {}).items():
        actuals[key] = {**actuals.get(key, {}), **act} if isinstance(act, dict) else act
    rules = [dict(r) for r in base.get("rules", [])]
    index = {r["id"]: i for i, r in enumerate(rules)}
    seen: set[str] = set()
    pack_name = base.get("name", "the pack")
    own = raw.get("rules", [])
    if not isinstance(own, list):
        raise RuleError(f"{where}: 'rules' must be a list of [[rules]] tables")
    for n, r in enumerate(own, 1):
        rid = r.get("id") if isinstance(r, dict) else None
        if not isinstance(rid, str) or not rid:
            raise RuleError(f"{where}: rule {n}: field 'id' must be a non-empty string")
        if rid in seen:
            msg = (
                f"{where}: rule {rid!r}: field 'id' duplicates an earlier rule; expected unique ids"
            )
            raise RuleError(msg)
        seen.add(rid)
        whole = all(k in r for k in ("title", "relation", "citation"))
        if rid in index:
            old = rules[index[rid]]
            # A change keeps the rule's kind unless it says otherwise: `follows` given to a
            # counted rule, or a counted rule's fields (a length, a reference) to a follower.
            same_kind = ("follows" in r) == ("follows" in old) or (
                "follows" in old and set(r) <= _FOLLOWS_KEYS
            )
            if not same_kind and not whole:  # a counted rule made a follower, or back
                change = (
                    f"field 'follows' turns {pack_name}'s counted rule into a follower"
                    if "follows" in r
                    else f"field {sorted(set(r) - _FOLLOWS_KEYS)[0]!r} is a counted rule's, "
                    f"and {pack_name}'s rule follows {old['follows']!r} (a follower's fields: "
                    f"{', '.join(sorted(_FOLLOWS_KEYS))})"
                )
                msg = (
                    f"{where}: rule {rid!r}: {change}; expected the whole rule (title, "
                    "relation, citation and the rest), or only the fields to change"
                )
                raise RuleError(msg)
            rules[index[rid]] = {**old, **r} if same_kind else dict(r)
        else:
            if not whole:  # a new rule, not a change to one: perhaps a mistyped id
                import difflib  # only for this message

                meant = difflib.get_close_matches(
                    rid.strip().lower().replace(" ", "-").replace("_", "-"), index, n=1
                )
                hint = f" (did you mean {meant[0]!r}?)" if meant else ""
                msg = (
                    f"{where}: rule {rid!r} is no rule of {pack_name}{hint}, so it "
                    "is a new rule and needs its title, relation and citation; expected an id "
                    f"of the pack ({', '.join(index)}) to change a rule, or a whole new rule"
                )
                raise RuleError(msg)
            index[rid] = len(rules)
            rules.append(dict(r))
    merged = {
        "schema": raw.get("schema"),
        "name": raw.get("name", name),
        "description": raw.get("description", base.get("description", "")),
        "events": events,
        "actuals": actuals,
        "rules": rules,
    }
    for key in ("plan", "requires", "extent", "instead", "days"):
        value = raw.get(key, base.get(key))
        if value is not None:
            merged[key] = value
    return merged


def parse(raw: dict[str, Any], where: str) -> RuleSet:  # noqa: C901, PLR0912, PLR0915 - one check per field, in order
    """Build a RuleSet from a parsed table, checking every field."""

    def fail(text: str) -> RuleError:
        return RuleError(f"{where}: {text}")

    _check_top_keys(raw, where)
    if not isinstance(raw.get("events", {}), dict):
        raise fail("'events' must be tables [events.NAME] with label and help")
    for field in ("name", "description"):
        if field in raw and not isinstance(raw[field], str):
            raise fail(f"field {field!r} is {_shown(raw[field])}; expected a string")
    if raw.get("schema") != SCHEMA:
        raise fail(f"schema is {raw.get('schema')!r}; expected {SCHEMA!r}")

    events: dict[str, Event] = {}
    for name, ev in (raw.get("events") or {}).items():
        if not isinstance(ev, dict):
            raise fail(f"event {name!r} must be a table with label and help")
        if name in RESERVED_COLUMNS:
            raise fail(f"event {name!r}: {_reserved(name)}")
        unknown = set(ev) - _EVENT_KEYS
        if unknown:
            raise fail(f"event {name!r}: unknown field {sorted(unknown)[0]!r}")
        label = ev.get("label")
        if not isinstance(label, str) or not label:
            raise fail(f"event {name!r}: field 'label' must be a non-empty string")
        for field in ("help", "defaults_to"):
            if field in ev and not isinstance(ev[field], str):
                raise fail(
                    f"event {name!r}: field {field!r} is {_shown(ev[field])}; expected a string"
                )
        option = ev.get("option", False)
        if not isinstance(option, bool):
            raise fail(
                f"event {name!r}: field 'option' is {_shown(option)}; expected true or false"
            )
        events[name] = Event(name, label, ev.get("help", ""), ev.get("defaults_to"), option)
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
        for field in ("words", "unsettled", "actual", "follows", "region", "roll"):
            value = r.get(field, "")
            if not isinstance(value, str) or (field in r and not value and field in _NAMES):
                raise bad(field, f"is {_shown(value)}; expected a non-empty string")
        if r.get("actual") in RESERVED_COLUMNS:
            raise bad("actual", f"is {r['actual']!r}: {_reserved(r['actual'])}")
        if r["relation"] not in RELATIONS:
            raise bad("relation", f"is {r['relation']!r}; expected one of {', '.join(RELATIONS)}")
        common = {
            "id": rid,
            "title": r["title"],
            "relation": r["relation"],
            "citation": r["citation"],
            "words": r.get("words", ""),
            "actual": r.get("actual"),
        }
        if "follows" in r:
            if r["follows"] == rid or r["follows"] not in seen:  # seen: earlier ids, and this one
                raise bad("follows", f"names {r['follows']!r}; expected the id of an earlier rule")
            rules.append(Rule(**common, follows=r["follows"], time=_time(r.get("time"), bad)))
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
        region, roll, elapsed = _extras(r, bad)
        others = r.get("other_readings", [])
        if not isinstance(others, list) or any(
            not isinstance(o, str) or o not in COUNTINGS for o in others
        ):
            raise bad(
                "other_readings",
                f"is {_shown(others)}; expected a list of {', '.join(COUNTINGS)}",
            )
        months = [o for o in (r["counting"], *others) if COUNTINGS[o].unit == "calendar-months"]
        if months and len(months) != 1 + len(others):
            raise bad("other_readings", "mixes calendar months with days; expected one kind")
        rules.append(
            Rule(
                **common,
                reference=r["reference"],
                direction=r["direction"],
                length=length,
                unit=r["unit"],
                counting=r["counting"],
                other_readings=tuple(o for o in others if o != r["counting"]),
                unsettled=r.get("unsettled", ""),
                region=region,
                roll=roll,
                elapsed=elapsed,
                **_law_fields(r, events, bad),
            )
        )
    actuals = _actuals(raw.get("actuals"), rules, events, fail)
    requires = raw.get("requires")
    if requires is None:
        requires = [e.name for e in events.values() if e.defaults_to is None]
    if (
        not isinstance(requires, list)
        or not requires
        or any(not isinstance(e, str) or e not in events for e in requires)
    ):
        msg = (
            f"field 'requires' is {_shown(requires)}; expected a list of events "
            f"({', '.join(events)})"
        )
        raise fail(msg)
    return RuleSet(
        str(raw.get("name", where)),
        str(raw.get("description", "")),
        events,
        tuple(rules),
        _plan_spec(raw.get("plan"), events, rules, fail),
        tuple(requires),
        actuals,
        *_extent(raw, fail),
        _days(raw.get("days"), lambda text: fail(f"[days]: {text}")) or DEFAULT_DAYS,
    )


def _extent(raw: dict[str, Any], fail: Any) -> tuple[tuple[str, ...], dict[str, str]]:
    """Where a pack's law extends, and which pack to use elsewhere."""
    extent = raw.get("extent", list(PARTS))
    if not isinstance(extent, list) or not extent or any(p not in PARTS for p in extent):
        raise fail(f"field 'extent' is {extent!r}; expected a list of {', '.join(PARTS)}")
    instead = raw.get("instead", {})
    if not isinstance(instead, dict) or any(
        p not in PARTS or not isinstance(v, str) for p, v in instead.items()
    ):
        msg = f"field 'instead' is {instead!r}; expected a table of part = \"pack name\""
        raise fail(msg)
    return tuple(extent), dict(instead)


def _time(value: object, bad: Any) -> str | None:
    """A time of day written HH:MM (24-hour, UK local time), or None."""
    if value is None:
        return None
    ok = isinstance(value, str) and len(value) == 5 and value[2] == ":"
    if ok and isinstance(value, str):
        hours, minutes = value[:2], value[3:]
        ok = hours.isascii() and minutes.isascii() and hours.isdigit() and minutes.isdigit()
        ok = ok and int(hours) < 24 and int(minutes) < 60
    if not ok:
        raise bad("time", f'is {value!r}; expected HH:MM on the 24-hour clock, e.g. "16:00"')
    return str(value)


def _days(raw: object, fail: Any) -> DaySet | None:
    """A day set table: closed = [...], bank_holidays = "...", appointed, citation."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise fail("must be a table with closed, bank_holidays, appointed and citation")
    unknown = set(raw) - {"closed", "bank_holidays", "appointed", "citation"}
    if unknown:
        raise fail(f"unknown field {sorted(unknown)[0]!r}")
    given = DaySet(
        raw.get("closed", list(DEFAULT_DAYS.closed)),
        raw.get("bank_holidays", "council"),
        raw.get("appointed", False),
        raw.get("citation", ""),
    )
    return validate.day_set(given, fail)  # the same check as Calendar(days=...)


def _date(value: object) -> date | None:
    if value.__class__ is date:  # a TOML date; a date-time (a datetime) is not a day
        return value
    if isinstance(value, str) and len(value) == 10 and value.isascii():
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _law_fields(r: dict[str, Any], events: dict[str, Event], bad: Any) -> dict[str, Any]:
    """A rule's day set, versions in force, clock events, time of day and window, checked."""
    days = _days(r.get("days"), lambda text: bad("days", text))
    if days is None and r.get("region") is not None:  # the older way to fix a rule's holidays
        days = DEFAULT_DAYS._replace(bank_holidays=r["region"])
    versions = _versions(r, events, bad)
    # The rule's own clock acts on its length and on every version without a clock of its own.
    clock = _clock_rules(r, events, bad, _lengths(r, versions, clocked_by_rule=True))
    earliest = _earliest(r, versions, bad)
    _check_units(r, versions, clock, bad)
    for field in ("note", "before"):
        if not isinstance(r.get(field, ""), str):
            raise bad(field, f"is {_shown(r[field])}; expected a string")
    return {
        "days": days,
        "versions": versions,
        "clock": clock,
        "time": _time(r.get("time"), bad),
        "earliest": earliest,
        "note": r.get("note", ""),
        "before": r.get("before", ""),
    }


def _check_units(
    r: dict[str, Any], versions: tuple[Version, ...], clock: tuple[ClockRule, ...], bad: Any
) -> None:
    """An extension's by and cap, and a window's earliest, are counted in the rule's unit: a
    version counting in another unit cannot inherit them (10 working days read as 10 days)."""
    unit = r["unit"]
    extends = any(c.kind == "extend" for c in clock)
    for n, v in enumerate(versions, 1):
        if v.unit is None or v.unit == unit:
            continue
        what = f"entry {n}: counting {v.counting!r} counts in {v.unit!r}, but the rule's"
        if extends and v.clock is None:
            raise bad("versions", f"{what} clock extends it in {unit!r}; expected a clock of "
                      "its own in the version (clock = [...])")  # fmt: skip
        if r.get("earliest") is not None:
            raise bad("versions", f"{what} earliest ({r['earliest']}) is in {unit!r}; expected "
                      f"a version counting in {unit!r} (or no earliest)")  # fmt: skip


def _lengths(
    r: dict[str, Any], versions: tuple[Version, ...], *, clocked_by_rule: bool = False
) -> list[tuple[str, int]]:
    """(what, length) of the rule and of each version with a length of its own; with
    `clocked_by_rule`, only the versions the rule's own clock acts on (no clock of their own)."""
    lengths = [("the rule's length", r["length"])]
    for n, v in enumerate(versions, 1):
        if v.length is not None and not (clocked_by_rule and v.clock is not None):
            lengths.append((f"the length of versions entry {n}", v.length))
    return lengths


def _earliest(r: dict[str, Any], versions: tuple[Version, ...], bad: Any) -> int | None:
    """A window's other end, counted like the rule's length from the same event (the engine:
    `convention.boundary(cal, reference, rule.earliest, rule.direction)`): never before the
    event, never past the last day under the rule's length or any version's, and only on a
    deadline (on-or-before): an on-or-after date is itself the earliest day."""
    earliest = r.get("earliest")
    if earliest is None:
        return None
    if not isinstance(earliest, int) or isinstance(earliest, bool) or earliest < 0:
        raise bad("earliest", f"is {_shown(earliest)}; expected a whole number 0 or more")
    if r["relation"] != "on-or-before":  # engine, _Entry._judge: before it, an act is missed
        raise bad(
            "earliest",
            f"is {earliest}; expected no earliest with relation {r['relation']!r}: a window "
            "needs relation 'on-or-before' (an act before an on-or-after date is already too "
            "early)",
        )
    after = r["direction"] == "after"  # after: first day at `earliest`, last at `length`
    for what, length in _lengths(r, versions):
        if (earliest > length) if after else (earliest < length):
            bound = "at most" if after else "at least"
            raise bad(
                "earliest",
                f"is {earliest}; expected {bound} {what} ({length}) with direction "
                f"{r['direction']!r}: a window cannot open after it closes",
            )
    return earliest


def _actuals(
    raw: object, rules: list[Rule], events: dict[str, Event], fail: Any
) -> dict[str, Actual]:
    """The [actuals] tables, checked; every rule's act has an entry (help from its title)."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise fail("'actuals' must be tables [actuals.NAME] with help")
    out: dict[str, Actual] = {}
    for name, act in raw.items():
        if not isinstance(act, dict):
            raise fail(f"actual {name!r} must be a table with help")
        unknown = set(act) - _ACTUAL_KEYS
        if unknown:
            raise fail(f"actual {name!r}: unknown field {sorted(unknown)[0]!r}")
        option = act.get("option", False)
        if not isinstance(option, bool) or not isinstance(act.get("help", ""), str):
            raise fail(f"actual {name!r}: expected help = text and option = true or false")
        out[name] = Actual(name, act.get("help", ""), option)
    for rule in rules:
        if rule.actual and rule.actual not in events and rule.actual not in out:
            out[rule.actual] = Actual(rule.actual, f"the day this was done: {rule.title.lower()}")
    return out


def _shown(value: object) -> str:
    """A wrong value for a message: its repr, cut short."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _extras(r: dict[str, Any], bad: Any) -> tuple[str | None, str | None, bool]:
    """A rule's optional region, roll and elapsed fields, checked."""
    region = r.get("region")
    if region is not None and region not in REGIONS:
        raise bad("region", f"is {region!r}; expected one of {', '.join(REGIONS)}")
    roll = r.get("roll")
    if roll is not None and roll not in ROLLS:
        raise bad("roll", f"is {roll!r}; expected one of {', '.join(ROLLS)}")
    if roll is not None and (r["direction"] != "after" or r["relation"] != "on-or-before"):
        raise bad("roll", "needs direction 'after' and relation 'on-or-before' (a deadline)")
    elapsed = r.get("elapsed", False)
    if not isinstance(elapsed, bool):
        raise bad("elapsed", f"is {elapsed!r}; expected true or false")
    if elapsed and r["direction"] != "after":
        raise bad("elapsed", "needs direction 'after' (a period that elapses after the event)")
    if elapsed and roll is not None:
        raise bad("elapsed", "cannot be combined with 'roll'; expected one of them")
    return region, roll, elapsed


def _plan_spec(
    raw: object, events: dict[str, Event], rules: list[Rule], fail: Any
) -> PlanSpec | None:
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


def _versions(r: dict[str, Any], events: dict[str, Event], bad: Any) -> tuple[Version, ...]:
    """A rule's versions in force (oldest first); `in_force_from` alone is one version."""
    versions: list[Version] = []
    raw_versions = r.get("versions", [])
    if "in_force_from" in r:
        if _date(r["in_force_from"]) is None:
            raise bad("in_force_from", 'expected a day, in_force_from = "YYYY-MM-DD" (no time)')
        raw_versions = [{"from": r["in_force_from"], "citation": r["citation"]}, *raw_versions]
    if not isinstance(raw_versions, list):
        raise bad("versions", "must be a list of tables with from and citation")
    version_keys = {"from", "citation", *Version._fields[2:]} - {"unit"}
    for n, v in enumerate(raw_versions, 1):
        if not isinstance(v, dict) or set(v) - version_keys:
            raise bad("versions", f"entry {n} must be a table of {', '.join(sorted(version_keys))}")
        start = _date(v.get("from"))
        if start is None or not isinstance(v.get("citation"), str):
            raise bad(
                "versions",
                f'entry {n} needs from = "YYYY-MM-DD" (a day, no time) and citation = text',
            )
        if versions and start <= versions[-1].in_force_from:
            raise bad("versions", f"entry {n} starts {start}; expected versions oldest first")
        others = v.get("other_readings")
        if others is not None and (
            not isinstance(others, list)
            or any(not isinstance(o, str) or o not in COUNTINGS for o in others)
        ):
            raise bad("versions", f"entry {n}: other_readings must list countings")
        counting = v.get("counting")
        if counting is not None and (not isinstance(counting, str) or counting not in COUNTINGS):
            raise bad(
                "versions", f"entry {n}: counting {counting!r} is not one of {', '.join(COUNTINGS)}"
            )
        length = v.get("length")
        if length is not None and (
            not isinstance(length, int) or isinstance(length, bool) or length < 0
        ):
            raise bad(
                "versions", f"entry {n}: length {length!r}; expected a whole number 0 or more"
            )
        unit = COUNTINGS[counting].unit if counting else None
        if v.get("roll") not in (None, "", *ROLLS):
            raise bad("versions", f'entry {n}: roll {v["roll"]!r}; expected "" or {ROLLS[0]}')
        for field in ("words", "unsettled", "note"):
            if not isinstance(v.get(field, ""), str):
                raise bad("versions", f"entry {n}: {field} {_shown(v[field])}; expected a string")
        readings = None if others is None else tuple(others)
        clock = None
        if "clock" in v:  # the version's own clock, on the version's length (or the rule's)

            def in_entry(field: str, text: str, n: int = n) -> RuleError:
                error: RuleError = bad("versions", f"entry {n}: {field} {text}")
                return error

            own = ("the rule's length", r["length"]) if length is None else (
                f"the length of versions entry {n}", length)  # fmt: skip
            clock = _clock_rules(v, events, in_entry, [own])
        versions.append(Version(start, v["citation"], length, counting, unit, readings,
                                v.get("roll"), v.get("words"), v.get("unsettled"),
                                v.get("note", ""), clock))  # fmt: skip
    return tuple(versions)


# The fields the engine reads for each kind of clock event (engine.py, _Clock).
_CLOCK_FIELDS = {
    "pause": ("kind", "event", "citation", "until"),
    "restart": ("kind", "event", "citation"),
    "extend": ("kind", "event", "citation", "by", "cap"),
}


def _clock_rules(
    r: dict[str, Any], events: dict[str, Event], bad: Any, lengths: list[tuple[str, int]]
) -> tuple[ClockRule, ...]:
    """The events that stop, restart or extend a rule's period, checked; `lengths` are the
    periods an extension acts on (the engine: length + by, at most cap, never shorter than it
    was), none longer than a cap."""
    clock: list[ClockRule] = []
    raw_clock = r.get("clock", [])
    if not isinstance(raw_clock, list):
        raise bad("clock", "must be a list of tables with kind, event and citation")
    for n, c in enumerate(raw_clock, 1):
        if not isinstance(c, dict) or set(c) - set(ClockRule._fields):
            raise bad("clock", f"entry {n} must be a table of {', '.join(ClockRule._fields)}")
        kind, event = c.get("kind"), c.get("event")
        if not isinstance(kind, str) or kind not in _CLOCK_FIELDS:
            raise bad("clock", f"entry {n}: kind {_shown(kind)}; expected pause, restart or extend")
        for field in ("event", "until"):
            name = c.get(field)
            if name is not None and (not isinstance(name, str) or name not in events):
                raise bad(
                    "clock",
                    f"entry {n}: {field} {_shown(name)}; expected an event in [events] "
                    f"({', '.join(events)})",
                )
        if event is None or not isinstance(c.get("citation"), str):
            raise bad("clock", f"entry {n} needs event = NAME and citation = text")
        for field in c:
            if field not in _CLOCK_FIELDS[kind]:
                article = "an" if kind == "extend" else "a"
                raise bad(
                    "clock",
                    f"entry {n}: {field} {_shown(c[field])} means nothing for {article} {kind}; "
                    f"expected only {', '.join(_CLOCK_FIELDS[kind])}",
                )
        if kind == "extend" and "by" not in c:
            raise bad("clock", f"entry {n}: an extension needs by = a whole number greater than 0")
        for field in ("by", "cap"):
            value = c.get(field)
            if value is not None and (
                not isinstance(value, int) or isinstance(value, bool) or value < 1
            ):
                want = "expected a whole number greater than 0"
                raise bad("clock", f"entry {n}: {field} {_shown(value)}; {want}")
        cap = c.get("cap")
        for what, length in lengths:
            if cap is not None and cap < length:
                raise bad(
                    "clock",
                    f"entry {n}: cap {cap}; expected at least {what} ({length}): an extension "
                    "cannot shorten the period",
                )
        clock.append(ClockRule(kind, event, c["citation"], c.get("until"), c.get("by"), cap))
    return tuple(clock)
