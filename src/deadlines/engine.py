"""The engine: rules + events -> limits -> deadlines. The one route by which any command,
planning and explain included, gets a date.

`Engine` makes a rule set ready once (each rule's calendar, counting convention and words) and
then answers `limit(rule_id, events)`, `run(events, ...)` (a whole `Result`, with planning) and
`judge(events, actual)` (the deadlines of one calendar row; `judge_row` adds the warnings about
its events). What it works out is kept in one owned layer, `Memo`: each (rule, reference date)
limit once, each verdict once per limit and pattern of statuses, each act on a limit once per
day it was done (up to `ACTS` days), each distinct set of events (its entries and warnings)
once. The memo is bounded as a whole and says how full it is
(`Engine.memo.stats()`); everything in it is a pure function of the rules, the calendar and
the dates, so forgetting it changes no answer.

Nothing here prints, formats for a terminal, reads the clock or touches the network.
"""

import datetime as dt
from collections.abc import Callable, Mapping, Sequence, Set
from typing import NamedTuple

from deadlines import holiday_data
from deadlines import wording as words
from deadlines.calendar import REGION_PARTS, Calendar
from deadlines.counting import COUNTINGS, Convention, margin_ordinal
from deadlines.elections import timetable_notes
from deadlines.errors import InputError, RuleError
from deadlines.records import ClockEvent, Deadline, Limit, Plan, Reading, Result, Verdict
from deadlines.rules import ClockRule, Rule, RuleSet, Version, builtin
from deadlines.warnings import event_warnings

# Entries the memo keeps, over all rules: a calendar with its own received and decision dates
# on every row over two decades makes about 44,000. Past this, all are forgotten at once.
MEMO_ENTRIES = 50_000
# Deadlines a limit keeps by the day the act was done (a meeting calendar's acts fall on a few
# days around each limit; a file whose every row has its own dates, on a dozen or so).
ACTS = 16
# Sets of events remembered (a meeting calendar repeats a few thousand; a calendar whose every
# row has its own dates repeats none, and gains nothing from more).
MEMO_STEPS = 20_000


class _Version(NamedTuple):
    """One version of a rule made ready: from when, its citation, length, counting, words."""

    in_force_from: dt.date | None  # None: no commencement date is modelled
    citation: str
    length: int
    convention: Convention  # the counting applied (the version's own, or --convention's)
    counting: str  # the version's own counting, whose reading the roll belongs to
    readings: tuple[Convention, ...]
    words: str
    roll: str | None
    unsettled: str
    note: str  # shown with every date of this version (an unconfirmed point)
    clock: tuple[ClockRule, ...]  # the events that act on its period


class _Prepared(NamedTuple):
    """One rule made ready: where it sits, what it counts on, how it counts, how it reads."""

    position: int  # in the rule set
    rule: Rule
    base: int | None  # a follower's base rule (its position), else None
    cal: Calendar  # the calendar of its statute's day set (a follower: its base's)
    versions: tuple[_Version, ...]  # oldest first; () for a follower
    words: str  # the latest version's period in words (a follower: the day after its base)
    actual: str | None  # the input naming the day the act was done
    actual_is_event: bool  # the actual is an event of its own (the decision, general exception)
    clock_events: tuple[str, ...]  # the events its clock reads (pauses, restarts, extensions)

    def version_at(self, reference: dt.date) -> _Version | None:
        """The version in force on the reference date, or None before the first."""
        for v in reversed(self.versions):
            if v.in_force_from is None or v.in_force_from <= reference:
                return v
        return None


class _Entry:
    """A limit in the memo, with what judging an act against it needs: its verdicts by pattern
    of statuses, and the deadlines it has given by the day the act was done (a calendar's acts
    fall on the same few days around a limit: at most `ACTS` of them are kept)."""

    __slots__ = ("_pending", "acts", "before", "cal", "earliest", "index", "limit", "ordinal",
                 "readings", "verdicts")  # fmt: skip

    def __init__(self, limit: Limit, cal: Calendar) -> None:
        self.limit = limit
        self.cal = cal
        self.before = limit.relation == "on-or-before"
        self.ordinal = limit.date.toordinal() if limit.date else 0
        self.earliest = limit.earliest.toordinal() if limit.earliest else 0
        self.readings = tuple(r.date.toordinal() for r in limit.other_readings)
        self.index = cal.index(self.ordinal + self.before) if limit.date else 0
        self._pending: Deadline | None = None  # made when first asked for
        self.verdicts: dict[int, Verdict] = {}
        self.acts: dict[dt.date, Deadline] = {}  # the day the act was done -> its deadline

    @property
    def pending(self) -> Deadline:
        """The deadline with no act judged (or not in force): one shared record."""
        if self._pending is None:
            limit = self.limit
            notes = words.with_readings(
                limit.notes, limit.other_readings, limit.reading_prefix, limit.reading_of
            )
            status = "pending" if limit.in_force else "not-in-force"  # or its clock stopped
            self._pending = Deadline(limit, Verdict(status, notes, limit.other_readings))
        return self._pending

    def judge(self, done_on: dt.date | None) -> Deadline:
        """The deadline judged against the day the act was done (None: pending)."""
        if done_on is None or not self.ordinal:  # no act, or no date: not in force
            return self.pending
        if done_on.__class__ is not dt.date:  # a date subclass: judged as given, never kept
            return self._judge(done_on, done_on.toordinal())
        d = self.acts.get(done_on)
        if d is None:
            d = self._judge(done_on, done_on.toordinal())
            if len(self.acts) < ACTS:
                self.acts[done_on] = d
        return d

    def _judge(self, done_on: dt.date, o: int) -> Deadline:
        limit_o = self.ordinal
        before = self.before
        pattern = int(o <= limit_o if before else o >= limit_o)
        earliest = self.earliest
        if earliest:  # a window: too early is outside it as well
            pattern = pattern << 1 | (o >= earliest)
        for r in self.readings:
            pattern = pattern << 1 | (o <= r if before else o >= r)
        too_early = bool(earliest) and o < earliest  # before a window opens
        # A too-early act's note names the day it was done: its verdict is its own, not kept.
        verdict = None if too_early else self.verdicts.get(pattern)
        if verdict is None:
            verdict = self._verdict(done_on)
            if not too_early:
                self.verdicts[pattern] = verdict
        if too_early:  # how early, as a miss
            value, unit = margin_ordinal(self.cal, self.limit.unit, False, earliest, o,
                                         self.cal.index(earliest))  # fmt: skip
        else:
            value, unit = margin_ordinal(self.cal, self.limit.unit, before, limit_o, o, self.index)
        return Deadline(self.limit, verdict, done_on, value, unit)

    def _verdict(self, done_on: dt.date) -> Verdict:
        limit = self.limit
        relation = limit.relation
        readings = tuple(
            Reading(r.counting, r.date, r.working_day, _status(relation, r.date, done_on))
            for r in limit.other_readings
        )
        notes = words.with_readings(limit.notes, readings, limit.reading_prefix, limit.reading_of)
        assert limit.date is not None
        status = _status(limit.relation, limit.date, done_on)
        if limit.earliest is not None and done_on < limit.earliest:  # before a window opens
            status = "missed"
            notes = (*notes, words.too_early(done_on, limit.earliest))
        return Verdict(status, notes, readings)


# One rule of a set of events: its entry, where its actual date comes from (the name of its
# actual date, or the date itself when the actual is an event: the general exception), and
# whether it is counted from a planned event. A plain tuple: one is made per rule per distinct
# set of events, and `judge` unpacks it on every row.
_Step = tuple["_Entry", str | None, dt.date | None, bool]
# What a set of events gives, remembered whole: its steps, and the warnings about the events.
_Events = tuple[tuple[_Step, ...], tuple[str, ...]]
# A rule as working out steps reads it: made ready, its position, its base's, its reference.
_PlanItem = tuple[_Prepared, int, int | None, str]
# Rules counted from one event, with their followers (see `Engine._grouped`).
_Group = tuple[int, str, tuple[_PlanItem, ...], bool]


_NO_ACTS: Mapping[str, dt.date] = {}
_NOT_PLANNED: frozenset[str] = frozenset()
_TRIAL = 2_000  # sets of events remembered before the memo asks whether remembering pays
_RETRIAL = 50_000  # sets not remembered before it asks again (a file may start repeating)


class Memo:
    """What an Engine has worked out, bounded (`bound` entries, `steps_bound` sets of events).

    `entries`: a counted rule's (reference ordinal * rules + rule position, one int), or (rule
    position, reference date, clock dates) for a rule with a clock, or (rule position, base
    entry) for a follower -> _Entry, each holding its verdicts by pattern of statuses and up to
    `ACTS` deadlines by the day the act was done; `steps`: a set of events -> the entries it
    gives and the warnings about it; `fragments`: one reference date's steps, the rules
    counted from that event and their followers (see `Engine._groups`), so that a row whose
    whole set of events is new still finds each of its dates' steps. Past the bound, every
    entry and fragment is forgotten at once (counted in `cleared`); past `steps_bound`, only
    the sets of events. Sets of events are remembered only while that pays: after a trial of
    `_TRIAL` sets, the memo stops if fewer than 1 lookup in 8 found one, rests for `retrial`
    sets (neither looked up nor kept), and tries again.
    """

    __slots__ = ("_trial", "bound", "cleared", "entries", "fragments", "on_clear", "resting",
                 "retrial", "step_hits", "step_misses", "steps", "steps_bound")  # fmt: skip

    def __init__(
        self,
        bound: int = MEMO_ENTRIES,
        steps_bound: int = MEMO_STEPS,
        retrial: int = _RETRIAL,
        on_clear: Callable[[], None] | None = None,
    ) -> None:
        self.bound = bound
        # Called when everything is forgotten: what a caller derived from the memo's records
        # (check's encoded parts) is forgotten with them, so it never outlives them.
        self.on_clear = on_clear
        self.steps_bound = steps_bound
        self.retrial = retrial
        self.step_hits = self.step_misses = 0  # how often a set of events was found
        self._trial = (0, 0)  # (hits, misses) when the current trial began
        self.resting = 0  # sets of events still to be worked out without looking them up
        self.entries: dict[object, _Entry] = {}
        self.steps: dict[tuple[tuple[str, dt.date | None], ...], _Events] = {}
        # A reference date's part of the steps: (ordinal * groups + group) -> its steps. Never
        # more than the entries: each holds the entry of a counted rule of its own date.
        self.fragments: dict[int, tuple[_Step, ...]] = {}
        self.cleared = 0

    def add(self, key: object, entry: _Entry) -> None:
        if len(self.entries) >= self.bound:
            self.clear()
        self.entries[key] = entry

    def find_steps(self, key: tuple[tuple[str, dt.date | None], ...]) -> _Events | None:
        """What a set of events gave when worked out before (its steps and warnings), or None
        (counted either way)."""
        steps = self.steps.get(key)
        if steps is not None:
            self.step_hits += 1
        return steps

    def keep_steps(
        self, key: tuple[tuple[str, dt.date | None], ...] | None, steps: _Events
    ) -> None:
        """Remember what a set of events not found gave (key None: not looked for), while
        remembering pays: a calendar whose every row has its own dates never repeats a set, and
        would only fill the memo. A trial that did not pay rests for `retrial` sets, neither
        looked up nor kept, then a new trial begins."""
        self.step_misses += 1
        if key is None:
            return
        hits, misses = self.step_hits - self._trial[0], self.step_misses - self._trial[1]
        if misses > _TRIAL and hits * 8 < misses:
            self.resting = self.retrial
            self._trial = (self.step_hits, self.step_misses + self.retrial)  # the next trial
            return
        if len(self.steps) >= self.steps_bound:
            self.steps.clear()  # the entries stay: steps only point at them
        self.steps[key] = steps

    def clear(self) -> None:
        """Forget everything (counted in `cleared`), and tell `on_clear`."""
        self.entries.clear()
        self.steps.clear()
        self.fragments.clear()
        self.cleared += 1
        if self.on_clear is not None:
            self.on_clear()

    def stats(self) -> dict[str, int]:
        """How full the memo is: entries, verdicts, sets of events, and times cleared."""
        return {
            "entries": len(self.entries),
            "verdicts": sum(len(e.verdicts) for e in self.entries.values()),
            "deadlines": sum(len(e.acts) for e in self.entries.values()),
            "steps": len(self.steps),
            "fragments": len(self.fragments),
            "step_hits": self.step_hits,
            "step_misses": self.step_misses,
            "cleared": self.cleared,
            "bound": self.bound,
        }


def _status(relation: str, boundary: dt.date, actual: dt.date | None) -> str:
    if actual is None:
        return "pending"
    on_time = actual <= boundary if relation == "on-or-before" else actual >= boundary
    return "met" if on_time else "missed"


def safe_working_day(cal: Calendar, relation: str, boundary: dt.date) -> dt.date:
    """The nearest working day on the safe side of a boundary."""
    if relation == "on-or-before":
        return cal.working_day_on_or_before(boundary)
    return cal.working_day_on_or_after(boundary)


class Engine:
    """Rules, calendar and conventions made ready once; limits and deadlines on demand.

    `compute()` makes one per call; `deadlines check` keeps one per region for a whole file.
    """

    def __init__(
        self,
        *,
        region: str = "england-and-wales",
        conventions: Mapping[str, str] | None = None,
        rules: RuleSet | None = None,
        holidays: holiday_data.HolidayData | None = None,
        memo: Memo | None = None,
    ) -> None:
        self.ruleset = ruleset = rules or builtin()
        self.cal = Calendar(region, holidays=holidays)
        self.region = region
        if not set(ruleset.extent) & set(REGION_PARTS[region]):
            raise InputError(words.not_law_here(ruleset.name, ruleset.extent, region,
                                                ruleset.instead))  # fmt: skip
        self.conventions = dict(conventions or {})
        for rule_id, name in self.conventions.items():
            _check_convention(ruleset, rule_id, name)
        # An actual date may be an event of its own (the decision, judged against the earliest
        # day a general-exception notice allows): it is then read from the events given.
        self.actuals = frozenset(
            r.actual for r in ruleset.rules if r.actual and r.actual not in ruleset.events
        )
        self.memo = memo or Memo()
        prepared: list[_Prepared] = []
        by_id: dict[str, _Prepared] = {}
        for index, rule in enumerate(ruleset.rules):  # a follower comes after its base
            p = self._prepare(index, rule, by_id)
            prepared.append(p)
            by_id[rule.id] = p
        self._prepared = tuple(prepared)
        self._by_id = by_id
        self.needs, later = self._orders()
        # What working out a set of events reads of each rule, unpacked once (it runs per row).
        self._plan = tuple((p, p.position, p.base, p.rule.reference) for p in prepared)
        # A counted rule's memo key: its reference date's ordinal * width + its position.
        self._width = len(prepared)
        self._first, self._last = self.cal.first.toordinal(), self.cal.last.toordinal()
        # Events that default to another (decision_published <- decision), in the pack's order.
        self._defaults = tuple(
            (e.name, e.defaults_to) for e in ruleset.events.values() if e.defaults_to is not None
        )
        self._not_before = (*self._defaults, *later)  # checked by given_events
        self._groups = self._grouped()

    def _grouped(self) -> tuple[_Group, ...]:
        """The rules by the event they are counted from (a follower: with its base), when
        joining the groups in the order they first appear gives the rules in their own order;
        else () and a row's steps are worked out whole. Each group: its index, its event, its
        part of `_plan`, and whether its steps follow from its event's date alone (no rule in
        it reads a clock's events or is judged against an event of its own)."""
        order: dict[str, list[_PlanItem]] = {}
        root: dict[int, str] = {}
        for item in self._plan:
            _, position, base_at, reference_name = item
            name = reference_name if base_at is None else root[base_at]
            root[position] = name
            order.setdefault(name, []).append(item)
        if [item for items in order.values() for item in items] != list(self._plan):
            return ()
        return tuple(
            (index, name, tuple(items),
             not any(p.clock_events or p.actual_is_event for p, *_ in items))
            for index, (name, items) in enumerate(order.items())
        )  # fmt: skip

    def _orders(self) -> tuple[dict[str, frozenset[str]], tuple[tuple[str, str], ...]]:
        """What the events given must satisfy, from the rules made ready.

        `needs`: each act -> the events its rules count from (a follower's: its base's), with
        the events they default to; an act given without any of them has nothing to be judged
        against. And (event, the event it cannot come before) pairs from the rules' clocks: a
        clock event not before its rule's reference (a clarification sought before the
        request), a pause's end not before its start; checked whichever rule is counted, as a
        date one rule ignores is still a date that cannot be."""
        events = self.ruleset.events
        needs: dict[str, set[str]] = {}
        pairs: dict[tuple[str, str], None] = {}
        for p in self._prepared:
            reference = p.rule.reference
            for v in p.versions:
                for c in v.clock:
                    for first, then in ((reference, c.event), (c.event, c.until),
                                        (reference, c.until)):  # fmt: skip
                        if then is not None and first != then:
                            pairs[(then, first)] = None
            if p.actual and not p.actual_is_event:
                refs = needs.setdefault(p.actual, set())
                ref: str | None = self.ruleset.counted_from(p.rule.id)
                while ref is not None and ref not in refs:
                    refs.add(ref)
                    ref = events[ref].defaults_to if ref in events else None
        return {act: frozenset(refs) for act, refs in needs.items()}, tuple(pairs)

    def _prepare(self, index: int, rule: Rule, by_id: Mapping[str, _Prepared]) -> _Prepared:
        actual_is_event = rule.actual in self.ruleset.events
        if rule.follows:
            base = by_id[rule.follows]
            text = words.follower_words(base.rule.id, base.words)
            if base.rule.follows:  # a chain stays short: name the base's base only
                text = f"the day after {base.rule.id} (itself the day after {base.rule.follows})"
            return _Prepared(index, rule, base.position, base.cal, (), text, rule.actual,
                             actual_is_event, ())  # fmt: skip
        cal = self.cal.with_days(rule.days or self.ruleset.days)
        versions = tuple(self._version(rule, v) for v in rule.versions or (None,))
        clock_events = tuple(
            dict.fromkeys(
                n for v in versions for c in v.clock for n in (c.event, c.until) if n is not None
            )
        )
        return _Prepared(index, rule, None, cal, versions, versions[-1].words, rule.actual,
                         actual_is_event, clock_events)  # fmt: skip

    def _version(self, rule: Rule, v: Version | None) -> _Version:
        """A version of a rule, its own fields laid over the rule's, with --convention applied."""
        counting = (v.counting if v else None) or rule.counting
        own = COUNTINGS[counting]
        chosen = own
        wanted = self.conventions.get(rule.id)
        if wanted is not None and (COUNTINGS[wanted].unit == "calendar-months") == (
            own.unit == "calendar-months"
        ):
            chosen = COUNTINGS[wanted]
        others = rule.other_readings if v is None or v.other_readings is None else v.other_readings
        length = rule.length if v is None or v.length is None else v.length
        roll = rule.roll if v is None or v.roll is None else (v.roll or None)
        readings = tuple(
            COUNTINGS[name] for name in dict.fromkeys((counting, *others)) if name != chosen.name
        )
        text = words.period(
            chosen.words,
            length,
            rule.direction,
            self.ruleset.events[rule.reference].label,
            elapsed=rule.elapsed,
            roll=bool(roll),
        )
        note = " ".join(n for n in (rule.note, v.note if v else "") if n)
        clock = rule.clock if v is None or v.clock is None else v.clock
        return _Version(v.in_force_from if v else None, v.citation if v else rule.citation,
                        length, chosen, counting, readings, text, roll,
                        (v.unsettled if v and v.unsettled is not None else rule.unsettled),
                        note, clock)  # fmt: skip

    # -- the one route to a date ---------------------------------------------------------------
    def limit(self, rule_id: str, events: Mapping[str, dt.date]) -> Limit:
        """One rule's limit from the given events (a follower: from its base's)."""
        return self._entry(self._rule(rule_id), events).limit

    def calendar_of(self, rule_id: str) -> Calendar:
        """The calendar a rule counts on."""
        return self._rule(rule_id).cal

    def _rule(self, rule_id: str) -> _Prepared:
        p = self._by_id.get(rule_id)
        if p is None:
            self.ruleset.rule(rule_id)  # raises, naming the known ids
            raise AssertionError(rule_id)
        return p

    def _entry(self, p: _Prepared, events: Mapping[str, dt.date]) -> _Entry:
        base = self._entry(self._prepared[p.base], events) if p.base is not None else None
        return self._found(p, base, events[p.rule.reference] if base is None else None, events)

    def _found(
        self,
        p: _Prepared,
        base: _Entry | None,
        reference: dt.date | None,
        events: Mapping[str, dt.date],
    ) -> _Entry:
        """A rule's entry from the memo, or worked out and kept there. A follower's follows
        from its base's entry alone; a counted rule's from its reference date and the dates of
        the events its clock reads."""
        entries = self.memo.entries
        if base is not None:
            key: object = (p.position, base)
            return entries.get(key) or self._new(p, key, base.limit.reference_date, base, ())
        assert reference is not None
        if p.clock_events:
            clocks = tuple([events.get(n) for n in p.clock_events])
            key = (p.position, reference, clocks)
        else:  # the usual key: one int, no tuple made
            clocks, key = (), reference.toordinal() * self._width + p.position
        return entries.get(key) or self._new(p, key, reference, None, clocks)

    def _new(
        self,
        p: _Prepared,
        key: object,
        reference: dt.date,
        base: _Entry | None,
        clocks: tuple[dt.date | None, ...],
    ) -> _Entry:
        """A rule's entry worked out, and kept in the memo under `key`."""
        if base is not None:
            limit = self._follow(p, base.limit)
        else:
            limit = self._count(p, reference, dict(zip(p.clock_events, clocks, strict=True)))
        entry = _Entry(limit, p.cal)
        self.memo.add(key, entry)
        return entry

    def _count(
        self, p: _Prepared, reference: dt.date, clocks: Mapping[str, dt.date | None]
    ) -> Limit:
        """A rule's limit: the version in force, its boundary under the chosen counting with its
        clock applied, the other readings, and the notes."""
        rule, own = p.rule, p.cal
        version = p.version_at(reference)
        if version is None:
            return self._not_in_force(p, reference)
        convention = version.convention
        clock = _Clock(own, rule, version, reference, clocks)
        static: list[str] = []
        if not _same_holidays(own.region, self.cal.region):
            static.append(words.own_region(words.REGION_WORDS[own.region], own.region,
                                           own.days.citation or version.citation,
                                           self.cal.council))  # fmt: skip
        if version.note:
            static.append(version.note)
        if (wanted := self.conventions.get(rule.id)) and wanted != convention.name:
            static.append(words.convention_ignored(wanted, rule.id, version.citation))
        static += clock.notes
        if clocks and any(clocks.values()):
            static += _unread_clock_events(p, version, clocks)
        if clock.stopped is not None:
            return self._limit(p, version, reference, None, None, (), static, clock, None)
        boundary, unrolled = clock.boundary(convention)
        safe = safe_working_day(own, rule.relation, boundary)
        readings = []
        for other in version.readings:
            d = clock.boundary(other)[0]
            readings.append(
                Reading(other.name, d, safe_working_day(own, rule.relation, d), "pending")
            )
        if unrolled != boundary:
            static.append(
                words.rolled(unrolled, own.reason_closed(unrolled), boundary, version.citation)
            )
        static += _notes(own, rule.relation, convention.unit, clock.start, boundary, safe)
        earliest = None
        if rule.earliest is not None:
            earliest = convention.boundary(own, reference, rule.earliest, rule.direction)
            if safe < earliest:  # the window is all closed days: its safe day is outside it
                static.append(words.window_without_working_day(earliest, boundary, safe))
        return self._limit(p, version, reference, boundary, safe, tuple(readings), static, clock,
                           unrolled if unrolled != boundary else None, earliest)  # fmt: skip

    def _limit(  # noqa: PLR0913 - a limit's parts, each named
        self,
        p: _Prepared,
        version: _Version,
        reference: dt.date,
        boundary: dt.date | None,
        safe: dt.date | None,
        readings: tuple[Reading, ...],
        static: list[str],
        clock: "_Clock | None",  # None: the rule was not in force on the reference date
        rolled_from: dt.date | None,
        earliest: dt.date | None = None,
    ) -> Limit:
        """The one place a counted rule's limit is made (a follower's: `_follow`)."""
        rule, own = p.rule, p.cal
        text = version.words
        length = version.length if clock is None else clock.length
        if length != version.length:  # extended: the period in words says so
            label = self.ruleset.events[rule.reference].label
            text = words.period(version.convention.words, length, rule.direction, label,
                                elapsed=rule.elapsed, roll=bool(version.roll))  # fmt: skip
        return Limit(
            id=rule.id,
            title=rule.title,
            date=boundary,
            working_day=safe,
            relation=rule.relation,
            reference_event=rule.reference,
            reference_date=reference,
            length=length,
            unit=version.convention.unit,
            counting=version.convention.name,
            source=version.citation,
            period_words=text,
            other_readings=readings,
            notes=tuple(static),
            reading_prefix=version.unsettled,
            direction=rule.direction,
            region=own.region,
            elapsed=rule.elapsed,
            rolled_from=rolled_from,
            in_force_from=version.in_force_from,
            day_set=own.day_set_words,
            time=rule.time,
            earliest=earliest,
            in_force=clock is not None,
            clock=() if clock is None else tuple(clock.history),
        )

    def _not_in_force(self, p: _Prepared, reference: dt.date) -> Limit:
        """A rule asked for on a day before any version of it was law: no date, and why."""
        rule, first = p.rule, p.versions[0]
        assert first.in_force_from is not None
        note = words.not_in_force(rule.id, reference, first.citation, first.in_force_from,
                                  rule.before)  # fmt: skip
        return self._limit(p, first, reference, None, None, (), [note], None, None)

    def _follow(self, p: _Prepared, base: Limit) -> Limit:
        """The day after the base rule's date (earliest implementation after call-in)."""
        rule, own = p.rule, p.cal
        assert base.date is not None
        boundary = own.add_days(base.date, 1)
        safe = safe_working_day(own, rule.relation, boundary)
        readings = tuple(
            Reading(r.counting, day, safe_working_day(own, rule.relation, day), "pending")
            for r in base.other_readings
            for day in (own.add_days(r.date, 1),)
        )
        static = _notes(own, rule.relation, base.unit, base.reference_date, boundary, safe)
        return Limit(
            id=rule.id,
            title=rule.title,
            date=boundary,
            working_day=safe,
            relation=rule.relation,
            reference_event=base.reference_event,
            reference_date=base.reference_date,
            length=base.length,
            unit=base.unit,
            counting=base.counting,
            source=rule.citation,
            period_words=p.words,
            other_readings=readings,
            notes=tuple(static),
            reading_of=f" for {base.id}",
            direction=base.direction,
            follows=base.id,
            region=base.region,
            in_force_from=base.in_force_from,
            day_set=base.day_set,
            time=rule.time,
        )

    # -- whole computations --------------------------------------------------------------------
    def run(
        self,
        events: Mapping[str, dt.date | None],
        actual: Mapping[str, dt.date] | None = None,
        meetings: Sequence[dt.date] | None = None,
        plan: bool = True,
    ) -> Result:
        """Every deadline that follows from one set of events (see `compute`)."""
        from deadlines.plan import plan_backwards  # noqa: PLC0415 - only runs that plan need it
        from deadlines.warnings import input_warnings  # noqa: PLC0415

        ruleset, cal = self.ruleset, self.cal
        acts = self._checked_actual(actual)
        given = self.given_events(events)
        for day in meetings or ():
            cal.check(day, "meeting date")
        inputs = dict(given)
        planned: Plan | None = None
        if plan and ruleset.plan and ruleset.plan.event not in given:
            planned = plan_backwards(self, given, meetings)
        if meetings and planned is None:
            msg = (
                "meetings were given but there is no decision to plan; expected a receipt date "
                "(--received) and no decision date"
            )
            raise InputError(msg)
        planned_events = {k for k in given if k not in inputs} if planned else set()
        for act, day in acts.items():  # an act whose rules are not counted was not checked
            refs = self.needs.get(act)
            if refs is not None and refs.isdisjoint(given):
                msg = (
                    f"actual date {act} {day.isoformat()} is given without "
                    f"{' or '.join(sorted(refs))}; expected the date it is counted from too "
                    f"(or no {act} date)"
                )
                raise InputError(msg)
        steps = self._steps(given, inputs, planned_events)
        deadlines = []
        for entry, name, fixed, is_planned in steps:
            d = entry.judge(fixed if name is None else acts.get(name))
            if is_planned and planned is not None and planned.date is not None:
                note = words.planned(planned.event, planned.date, planned.meeting_found,
                                     planned.target, planned.target_date)  # fmt: skip
                d = Deadline(d.limit, d.verdict, d.actual, d.margin, d.margin_unit, note)
            deadlines.append(d)
        noted, warnings = timetable_notes(self, given, deadlines)
        return Result(
            region=self.region,
            holidays_source=cal.source,
            confirmed_through=cal.confirmed_through,
            inputs=inputs,
            deadlines=noted,
            plan=planned,
            warnings=tuple(dict.fromkeys((*warnings, *input_warnings(inputs, noted, cal)))),
        )

    def judge(
        self, events: Mapping[str, dt.date | None], actual: Mapping[str, dt.date] | None = None
    ) -> tuple[Deadline, ...]:
        """The deadlines of one set of events, not planned: `run(..., plan=False).deadlines`."""
        return self.judge_row(events, actual)[0]

    def judge_row(
        self, events: Mapping[str, dt.date | None], actual: Mapping[str, dt.date] | None = None
    ) -> tuple[tuple[Deadline, ...], tuple[str, ...]]:
        """One calendar row: its deadlines (as `judge`), and the warnings about its events alone
        (a decision on a Sunday, before the receipt: `warnings.event_warnings`)."""
        # A calendar repeats its events row after row: the entries they give, and their
        # warnings, are found once per distinct set of events.
        memo = self.memo
        key, known = None, None
        if memo.resting:  # a trial found that sets of events do not repeat: not looked up
            memo.resting -= 1
        else:
            key = tuple(events.items())
            known = memo.find_steps(key)
        if known is None:
            given = self.given_events(events)
            steps = self._fragments(given) if self._groups else self._steps(given, given)
            known = (steps, event_warnings(events, self.cal))
            memo.keep_steps(key, known)
        steps, warned = known
        acts = self._checked_actual(actual)
        return tuple([entry.judge(fixed if name is None else acts.get(name))
                      for entry, name, fixed, _ in steps]), warned  # fmt: skip

    def _fragments(self, given: Mapping[str, dt.date]) -> tuple[_Step, ...]:
        """`_steps(given, given)`, joined from each reference date's steps, found in the memo
        where they follow from the date alone (a calendar whose rows share no whole set of
        events still shares its receipt and decision dates)."""
        fragments = self.memo.fragments
        width = len(self._groups)
        steps: list[_Step] = []
        for index, name, plan, alone in self._groups:
            reference = given.get(name)
            if reference is None:
                continue
            if not alone:
                steps += self._steps(given, given, _NOT_PLANNED, plan)
                continue
            key = reference.toordinal() * width + index
            fragment = fragments.get(key)
            if fragment is None:
                fragment = fragments[key] = self._steps(given, given, _NOT_PLANNED, plan)
            steps += fragment
        return tuple(steps)

    def _steps(
        self,
        given: Mapping[str, dt.date],
        inputs: Mapping[str, dt.date],
        planned_events: Set[str] = _NOT_PLANNED,
        plan: tuple[_PlanItem, ...] | None = None,
    ) -> tuple[_Step, ...]:
        """Every rule whose reference is known, in rule order: its entry and its actual date
        (`plan`: of those rules only; a follower's base among them)."""
        done: list[_Entry | None] = [None] * self._width
        marked: set[int] = set()
        steps: list[_Step] = []
        found = self._found
        for p, position, base_at, reference_name in self._plan if plan is None else plan:
            if base_at is not None:
                base = done[base_at]
                if base is None or base.limit.date is None:
                    continue
                entry = found(p, base, None, given)
                is_planned = bool(marked) and base_at in marked
            else:
                reference = given.get(reference_name)
                if reference is None:
                    continue  # never a guessed date; planning is a separate step
                entry = found(p, None, reference, given)
                is_planned = bool(planned_events) and reference_name in planned_events
            done[position] = entry
            if is_planned:
                marked.add(position)
            if p.actual_is_event:  # judged against an event of its own (general exception)
                steps.append((entry, None, inputs.get(p.actual or ""), is_planned))
            else:
                steps.append((entry, p.actual, None, is_planned))
        return tuple(steps)

    def _checked_actual(self, actual: Mapping[str, dt.date] | None) -> Mapping[str, dt.date]:
        if not actual:
            return _NO_ACTS
        first, last = self._first, self._last
        if self.actuals.issuperset(actual):
            for day in actual.values():
                if day.__class__ is not dt.date or not first <= day.toordinal() <= last:
                    break  # the loop below says what is wrong, if anything
            else:
                return actual  # the usual case: known acts, dates the calendar covers
        for name, day in actual.items():
            if name not in self.actuals:
                msg = (
                    f"unknown actual date {name!r}; expected one of "
                    f"{', '.join(sorted(self.actuals))}"
                )
                raise InputError(msg)
            if day.__class__ is not dt.date or not first <= day.toordinal() <= last:
                self.cal.check(day, f"{name} date", name)
        return actual

    def given_events(self, raw: Mapping[str, dt.date | None]) -> dict[str, dt.date]:
        """The events given, checked, with defaults filled in (decision_published <- decision)."""
        known, cal = self.ruleset.events, self.cal
        first, last = self._first, self._last
        given = {}
        for name, day in raw.items():
            if day is None:
                continue
            if name not in known:
                msg = f"unknown event {name!r}; expected one of {', '.join(known)}"
                raise InputError(msg)
            if day.__class__ is not dt.date or not first <= day.toordinal() <= last:
                cal.check(day, f"{name} date", name)
            given[name] = day
        for name, default in self._defaults:
            if name not in given:
                if default in given:
                    given[name] = given[default]
            elif default not in given:  # a publication with no decision published
                msg = (
                    f"{name} {given[name].isoformat()} is given without the {default}; "
                    f"expected the {default} too"
                )
                raise InputError(msg, column=name)
        for name, default in self._not_before:
            if default in given and name in given and given[name] < given[default]:
                msg = (
                    f"{name} {given[name].isoformat()} is before the {default} "
                    f"{given[default].isoformat()}; expected the same day or later"
                )
                raise InputError(msg, column=name)
        return {k: given[k] for k in known if k in given}


def _check_convention(ruleset: RuleSet, rule_id: str, name: str) -> None:
    """A --convention ID=COUNTING that can be applied, or a RuleError saying why not."""
    rule = ruleset.rule(rule_id)
    if rule.follows:
        msg = (
            f"--convention {rule_id}={name}: {rule_id} always follows {rule.follows}; "
            f"expected a convention on {rule.follows} instead"
        )
        raise RuleError(msg)
    if name not in COUNTINGS:
        msg = (
            f"--convention {rule_id}={name}: unknown counting {name!r}; expected one of "
            f"{', '.join(COUNTINGS)}"
        )
        raise RuleError(msg)
    months = rule.unit == "calendar-months"
    if months != (COUNTINGS[name].unit == "calendar-months"):
        msg = (
            f"--convention {rule_id}={name}: {rule_id} counts in {rule.unit}; expected a "
            f"counting in {rule.unit}"
        )
        raise RuleError(msg)


def _same_holidays(a: str, b: str) -> bool:
    """Do two regions count the same bank holidays (england, wales, england-and-wales)?"""
    return a == b or {a, b} <= {"england", "wales", "england-and-wales"}


def _unread_clock_events(
    p: _Prepared, version: _Version, clocks: Mapping[str, dt.date | None]
) -> list[str]:
    """A note for each clock event given that the version in force does not read, though
    another version of the rule does (a clarification under the law before Art 12A): it is
    not applied, and the note says which law would apply it, instead of dropping it silently."""
    read = {n for c in version.clock for n in (c.event, c.until) if n is not None}
    notes: list[str] = []
    for other in p.versions:
        if other is version:
            continue
        for spec in other.clock:
            day = clocks.get(spec.event)
            if day is None or spec.event in read:
                continue
            read.add(spec.event)  # one note an event, naming the first law that reads it
            earlier = (other.in_force_from or dt.date.min) < (version.in_force_from or dt.date.min)
            notes.append(words.clock_not_in_force(spec.event, day, version.citation,
                                                  other.in_force_from, spec.citation,
                                                  earlier=earlier))  # fmt: skip
    return notes


class _Clock:
    """A rule's period from its reference date, with the events that acted on it: restarts
    (the period runs afresh), pauses (the days between do not count) and extensions (a longer
    period, within the law's cap). Each event is recorded with the days it added."""

    def __init__(
        self,
        cal: Calendar,
        rule: Rule,
        version: _Version,
        reference: dt.date,
        clocks: Mapping[str, dt.date | None],
    ) -> None:
        self.cal, self.rule, self.version = cal, rule, version
        self.start = reference
        self.length = version.length
        self.history: list[ClockEvent] = []
        self.notes: list[str] = []
        self.pauses: list[tuple[dt.date, dt.date, str]] = []
        self.stopped: dt.date | None = None
        specs = version.clock
        # Restarts first, in date order: the period runs from the latest (the relevant time is
        # the latest of receipt, identity and fee). Then the pauses and extensions in the order
        # they happened, each judged against the period as it stood that day.
        timeline = sorted(
            (day, n, spec)
            for n, spec in enumerate(specs)
            if (day := clocks.get(spec.event)) is not None
        )
        for day, _, spec in timeline:
            if spec.kind != "restart":
                continue
            if day < reference:
                msg = (
                    f"{spec.event} {day.isoformat()} is before the {rule.reference} "
                    f"{reference.isoformat()}; expected the same day or later"
                )
                raise InputError(msg, column=spec.event)
            moved = (day - self.start).days
            self.start = day
            self._record(spec.event, "restart", day, moved,
                         words.clock_restart(spec.event, day, spec.citation))  # fmt: skip
        convention = version.convention
        for day, _, spec in timeline:
            if self.stopped is not None:  # no date until the clock restarts: nothing acts on it
                break
            if spec.kind == "extend":
                self._extend(spec, day)
            elif spec.kind == "pause":
                resumed = clocks.get(spec.until) if spec.until else None
                if resumed is not None and resumed < day:
                    msg = (
                        f"{spec.until} {resumed.isoformat()} is before {spec.event} "
                        f"{day.isoformat()}; expected the same day or later"
                    )
                    raise InputError(msg, column=spec.until)
                end = self._end(convention, self.length)
                if day > end or (resumed is not None and resumed < self.start):
                    self.notes.append(words.pause_outside(spec.event, day, self.start, end,
                                                          spec.citation))  # fmt: skip
                elif resumed is None:
                    self.stopped = day
                    used = self._used(day)
                    self.notes.append(words.clock_stopped(spec.event, day, spec.until, used,
                                                          self.length, convention.unit,
                                                          spec.citation))  # fmt: skip
                else:
                    self.pauses.append((day, resumed, spec.citation))
                    after = self._end(convention, self.length)
                    self._record(spec.event, "pause", day, (after - end).days,
                                 words.clock_pause(spec.event, day, resumed, (after - end).days,
                                                   spec.citation), resumed)  # fmt: skip

    def _extend(self, spec: ClockRule, day: dt.date) -> None:
        """An extension on `day`: to length + by, at most its cap, if the period (with the
        pauses and extensions so far) had not ended; never shorter than it already was."""
        convention = self.version.convention
        before = self._end(convention, self.length)
        if day > before:
            self.notes.append(words.extension_late(spec.event, day, before, spec.citation))
            return
        length = self.length + (spec.by or 0)
        if spec.cap is not None:  # to its cap at most; never shorter than already extended
            length = max(self.length, min(length, spec.cap))
        if length == self.length:
            self.notes.append(words.extension_spent(spec.event, day, length, spec.citation))
            return
        self.length = length
        after = self._end(convention, length)
        self._record(spec.event, "extend", day, (after - before).days,
                     words.clock_extend(spec.event, day, length, spec.citation))  # fmt: skip

    def _record(  # noqa: PLR0913
        self, event: str, kind: str, day: dt.date, days: int, note: str, end: dt.date | None = None
    ) -> None:
        self.history.append(ClockEvent(event, kind, day, days, note, end))
        self.notes.append(note)

    def _used(self, stopped: dt.date) -> int:
        """Units of the period used when the clock stopped (working days, or days)."""
        if self.version.convention.unit == "working-days":
            return max(0, self.cal.index(stopped.toordinal()) - self.cal.index(
                self.start.toordinal() + 1))  # fmt: skip
        return max(0, (stopped - self.start).days)

    def _end(self, convention: Convention, length: int) -> dt.date:
        """The period's end under a counting, with the pauses so far disregarded."""
        cal, start, direction = self.cal, self.start, self.rule.direction
        end = convention.boundary(cal, start, length, direction)
        if not self.pauses:
            return end
        if convention.unit == "working-days":
            # The working days of each pause that fall inside the count are disregarded
            # (FOIA s10(2): both the day of the notice and the day of payment).
            extra = 0
            for first, last, _ in sorted(self.pauses):
                lo = max(first, start + _ONE)
                if lo > convention.boundary(cal, start, length + extra, direction):
                    continue  # the period had run out before the clock stopped
                extra += max(0, cal.index(last.toordinal() + 1) - cal.index(lo.toordinal()))
            return convention.boundary(cal, start, length + extra, direction)
        shift = 0
        for first, last, _ in sorted(self.pauses):
            lo = max(first, start)  # a pause before the period began stops nothing
            if lo <= last and lo <= end + dt.timedelta(days=shift):
                shift += (last - lo).days + 1  # both ends excluded (DPA 2018 s54(3C))
        return cal.add_days(end, shift)

    def boundary(self, convention: Convention) -> tuple[dt.date, dt.date]:
        """The rule's date under one counting, and the date before any roll."""
        cal, rule = self.cal, self.rule
        b = self._end(convention, self.length)
        if rule.elapsed:
            after = cal.add_days(b, 1)
            return after, after
        # The roll (ICO: a closed last day moves to the next working day) belongs to the rule's
        # own reading; another reading (the literal "beginning with") is shown unrolled.
        # Under --convention, the reading chosen is not the rule's own: it is not rolled.
        if self.version.roll == "next-working-day" and convention.name == self.version.counting:
            return cal.working_day_on_or_after(b), b
        return b, b


_ONE = dt.timedelta(days=1)


def _notes(  # noqa: PLR0913
    cal: Calendar,
    relation: str,
    unit: str,
    reference: dt.date,
    boundary: dt.date,
    safe: dt.date,
) -> list[str]:
    """Notes a lawyer must see about one date: a non-working boundary, projections, one-offs."""
    notes = []
    if boundary != safe:
        notes.append(words.non_working_boundary(relation, boundary, cal.reason_closed(boundary),
                                                safe))  # fmt: skip
    lo, hi = min(reference, boundary, safe), max(reference, boundary, safe)
    if hi > cal.confirmed_through:
        notes.append(words.projected(cal.confirmed_through, cal.source))
    if unit == "working-days":
        notes.extend(
            words.special_day(day.reason, day.date, day.kind) for day in cal.special_days(lo, hi)
        )
    return notes
