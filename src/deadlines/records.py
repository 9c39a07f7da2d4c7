"""The records a computation returns: what a deadline is, and what was found about an act.

A deadline is two things kept apart:

- its `Limit`: one rule counted from one reference date (the legal boundary, the safe working
  day, the period, the source, the other readings, the notes that do not depend on any act).
  The engine makes each limit once and shares it between every row that has the same rule and
  reference date;
- its outcome: the day the act was done, and the `Verdict` on it (status, the notes and other
  readings that depend on the status). A verdict is shared by every act with the same pattern
  of statuses; only the actual date and the margin belong to one act.

`Deadline` joins them and gives flat read-only access (`d.date`, `d.status`, `d.notes`), as
the JSON does. All records are immutable and compare by value. Dates are `datetime.date`.
"""

import datetime as dt
from collections.abc import Callable
from typing import NamedTuple

from deadlines.errors import UnknownRule

_PENDING: tuple[str, ...] = ()


class Reading(NamedTuple):
    """The same rule under another counting convention."""

    counting: str
    date: dt.date
    working_day: dt.date
    status: str


class ClockEvent(NamedTuple):
    """Something that acted on a running period: a pause, a restart or an extension."""

    event: str  # the event's name, "clarification_sought"
    kind: str  # "pause", "resume", "restart" or "extend"
    date: dt.date
    days_added: int  # how far it moved the boundary, in calendar days
    note: str
    end: dt.date | None = None  # a pause's last day (the day the clock restarted)


class Limit(NamedTuple):
    """One rule counted from one reference date, before any act is judged against it."""

    id: str
    title: str
    date: dt.date | None  # the legal boundary; may be a non-working day; None: not in force
    working_day: dt.date | None  # the nearest working day on the safe side of `date`
    relation: str  # "on-or-before" (a deadline) or "on-or-after" (an earliest day)
    reference_event: str
    reference_date: dt.date
    length: int
    unit: str
    counting: str
    source: str
    period_words: str  # "30 working days after receipt"
    other_readings: tuple[Reading, ...] = ()  # each "pending"
    notes: tuple[str, ...] = ()  # notes that do not depend on an act
    reading_prefix: str = ""  # why the other readings are shown (the rule's unsettled text)
    reading_of: str = ""  # " for call-in-end": whose readings a follower repeats
    direction: str = "after"
    follows: str | None = None
    region: str = ""  # whose bank holidays were counted
    elapsed: bool = False  # the date is the day after the period (reg 10(1)(c))
    rolled_from: dt.date | None = None  # the boundary before a roll to the next working day
    in_force_from: dt.date | None = None  # when the version applied came into force
    day_set: str = ""  # the days the count disregarded, in words
    time: str | None = None  # "16:00": the time of day the law gives, if any
    earliest: dt.date | None = None  # the first day of a window, if the law sets one
    in_force: bool = True  # False: no version of the rule was law on the reference date
    clock: tuple[ClockEvent, ...] = ()  # pauses, restarts and extensions applied


class Verdict(NamedTuple):
    """What judging an act against a limit found, for one pattern of statuses."""

    status: str  # "pending", "met", "missed" or "not-in-force"
    notes: tuple[str, ...]  # the limit's notes, then one per other reading
    other_readings: tuple[Reading, ...]  # each with its own status


class Deadline:
    """A limit and the outcome of the act judged against it, read as one flat record."""

    __slots__ = ("actual", "limit", "margin", "margin_unit", "planned_note", "verdict")
    limit: Limit
    verdict: Verdict
    actual: dt.date | None
    margin: int | None
    margin_unit: str | None
    planned_note: str | None

    def __init__(  # noqa: PLR0913 - the outcome's parts, each named
        self,
        limit: Limit,
        verdict: Verdict,
        actual: dt.date | None = None,
        margin: int | None = None,
        margin_unit: str | None = None,
        planned_note: str | None = None,
    ) -> None:
        # Read-only once made (a deadline is shared by every row with the same act on the same
        # limit): set here, past __setattr__, which refuses (see _slot_setter).
        _set_limit(self, limit)
        _set_verdict(self, verdict)
        _set_actual(self, actual)  # the day the act was done, if given
        _set_margin(self, margin)  # see counting.margin; None without an actual date
        _set_margin_unit(self, margin_unit)  # "working-days" or "days"
        _set_planned_note(self, planned_note)  # counted from a planned event: why, in words

    def __setattr__(self, name: str, value: object) -> None:
        msg = f"a Deadline cannot be changed (its {name!r}); make another"
        raise AttributeError(msg)

    def __delattr__(self, name: str) -> None:
        msg = f"a Deadline cannot be changed (its {name!r}); make another"
        raise AttributeError(msg)

    def _key(self) -> tuple[object, ...]:
        return (self.limit, self.verdict, self.actual, self.margin, self.margin_unit,
                self.planned_note)  # fmt: skip

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Deadline):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"Deadline(id={self.id!r}, date={self.date!r}, working_day={self.working_day!r}, "
            f"status={self.status!r}, actual={self.actual!r})"
        )

    # -- the limit -----------------------------------------------------------------------------
    @property
    def id(self) -> str:
        return self.limit.id

    @property
    def title(self) -> str:
        return self.limit.title

    @property
    def date(self) -> dt.date | None:
        """The legal boundary (None when the rule was not in force)."""
        return self.limit.date

    @property
    def working_day(self) -> dt.date | None:
        return self.limit.working_day

    @property
    def relation(self) -> str:
        return self.limit.relation

    @property
    def reference_event(self) -> str:
        return self.limit.reference_event

    @property
    def reference_date(self) -> dt.date:
        return self.limit.reference_date

    @property
    def length(self) -> int:
        return self.limit.length

    @property
    def unit(self) -> str:
        return self.limit.unit

    @property
    def counting(self) -> str:
        return self.limit.counting

    @property
    def source(self) -> str:
        return self.limit.source

    @property
    def period_words(self) -> str:
        return self.limit.period_words

    @property
    def direction(self) -> str:
        return self.limit.direction

    @property
    def follows(self) -> str | None:
        return self.limit.follows

    @property
    def region(self) -> str:
        return self.limit.region

    @property
    def elapsed(self) -> bool:
        return self.limit.elapsed

    @property
    def rolled_from(self) -> dt.date | None:
        return self.limit.rolled_from

    @property
    def in_force_from(self) -> dt.date | None:
        return self.limit.in_force_from

    @property
    def day_set(self) -> str:
        return self.limit.day_set

    @property
    def time(self) -> str | None:
        return self.limit.time

    @property
    def earliest(self) -> dt.date | None:
        return self.limit.earliest

    @property
    def clock(self) -> tuple[ClockEvent, ...]:
        return self.limit.clock

    # -- the outcome ---------------------------------------------------------------------------
    @property
    def status(self) -> str:
        return self.verdict.status

    @property
    def notes(self) -> tuple[str, ...]:
        if self.planned_note is None:
            return self.verdict.notes
        return (self.planned_note, *self.verdict.notes)

    @property
    def other_readings(self) -> tuple[Reading, ...]:
        return self.verdict.other_readings

    @property
    def planned(self) -> bool:
        return self.planned_note is not None

    def to_dict(self) -> dict[str, object]:
        """This deadline as the JSON shows it."""
        from deadlines.render.json import deadline_dict  # noqa: PLC0415 - no cycle at import

        return deadline_dict(self)


def _slot_setter(name: str) -> Callable[[Deadline, object], None]:
    """The setter of one of Deadline's slots, past its __setattr__: the slot's own descriptor,
    a third of the cost of object.__setattr__ (which looks the name up and checks the type;
    the engine makes a deadline for every new act on a limit)."""
    setter: Callable[[Deadline, object], None] = Deadline.__dict__[name].__set__
    return setter


_set_limit = _slot_setter("limit")
_set_verdict = _slot_setter("verdict")
_set_actual = _slot_setter("actual")
_set_margin = _slot_setter("margin")
_set_margin_unit = _slot_setter("margin_unit")
_set_planned_note = _slot_setter("planned_note")


class Plan(NamedTuple):
    """A decision planned backwards from a deadline."""

    event: str  # the event planned, "decision"
    target: str  # the rule whose date the chain must meet, "statement-of-action"
    target_date: dt.date  # its latest working day
    until: str  # the rule that must fall on or before it, "earliest-implementation"
    latest: dt.date | None  # the latest day the event may happen (may be a weekend); None: none
    date: dt.date | None  # the planned day: a scheduled meeting, or the latest working day
    meetings: tuple[dt.date, ...] = ()  # the scheduled meetings considered, if any
    meeting: dt.date | None = None  # the meeting chosen
    meeting_found: bool | None = None  # None when no meetings were given
    notes: tuple[str, ...] = ()


class Result(NamedTuple):
    """Everything `deadlines compute` shows."""

    region: str
    holidays_source: str
    confirmed_through: dt.date
    inputs: dict[str, dt.date]
    deadlines: tuple[Deadline, ...]
    plan: Plan | None = None
    warnings: tuple[str, ...] = ()

    def deadline(self, rule_id: str) -> Deadline:
        """The deadline with this rule id.

        UnknownRule (a RuleError, and a KeyError) if it was not computed, naming the ids that
        were."""
        for d in self.deadlines:
            if d.id == rule_id:
                return d
        computed = ", ".join(d.id for d in self.deadlines) or "none"
        msg = (
            f"rule id {rule_id!r:.60} is not among the deadlines computed; expected one of the "
            f"ids computed: {computed}"
        )
        raise UnknownRule(msg)

    def to_dict(self) -> dict[str, object]:
        """Exactly the object `deadlines compute --format json` prints."""
        from deadlines.render.json import result_dict  # noqa: PLC0415 - no cycle at import

        return result_dict(self)

    def to_json(self) -> str:
        """Exactly the text `deadlines compute --format json` prints."""
        from deadlines.render.json import render  # noqa: PLC0415 - no cycle at import

        return render(self)
