"""`compute()`: the public entry to the engine, one call for one set of inputs.

Nothing here prints, formats for a terminal, reads the clock or touches the network; a council's
own script gets from `compute(...)` exactly the data the CLI prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence

from deadlines import holiday_data, validate
from deadlines.engine import Engine
from deadlines.plan import plan_decision
from deadlines.records import Deadline, Limit, Plan, Reading, Result, Verdict
from deadlines.rules import RuleSet

__all__ = ["Deadline", "Limit", "Plan", "Reading", "Result", "Verdict", "compute", "plan_decision"]


def compute(  # noqa: PLR0913 - the contract's inputs, each named
    received: dt.date | None = None,
    decision: dt.date | None = None,
    decision_published: dt.date | None = None,
    *,
    region: str = "england-and-wales",
    events: Mapping[str, dt.date] | None = None,
    actual: Mapping[str, dt.date] | None = None,
    conventions: Mapping[str, str] | None = None,
    rules: RuleSet | None = None,
    holidays: holiday_data.HolidayData | None = None,
    meetings: Sequence[dt.date] | None = None,
    plan: bool = True,
) -> Result:
    """Every deadline that follows from the given events, with legal source and readings.

    `events` feeds any reference event a rule uses; `received`, `decision` and
    `decision_published` are shortcuts for the founding ones. `actual` maps an input such as
    "forward_plan" to the day the act was done, to judge met or missed (with a margin).
    `conventions` maps a rule id to the counting to use instead of the rule's own
    (`--convention`).

    When the rules have a [plan] and its event (the decision) is not given, the decision chain
    is planned backwards from the target deadline: on the latest of `meetings` that works, or
    else on the latest working day that works. `plan=False` leaves it out.
    """
    if isinstance(region, str):
        region = region.lower()  # region names are case-insensitive
    if isinstance(meetings, Iterator):  # read once, by the check below and by the planner
        meetings = tuple(meetings)
    given, acts, meetings = validate.compute_args(
        received=received,
        decision=decision,
        decision_published=decision_published,
        region=region,
        events=events,
        actual=actual,
        conventions=conventions,
        rules=rules,
        holidays=holidays,
        meetings=meetings,
        plan=plan,
    )  # fmt: skip - wrong types raise InputError, with the CLI's words
    engine = Engine(region=region, conventions=conventions, rules=rules, holidays=holidays)
    return engine.run(given, acts, meetings, plan)
