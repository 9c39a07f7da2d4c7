"""Errors a user can fix. No click here: the CLI maps each DeadlinesError to exit 2 in one place."""


class DeadlinesError(Exception):
    """Something the user can fix; the message names the value and what was expected.

    `column`: the input at fault (an event or actual date's name, as a calendar's column is
    named) when one is; `deadlines check` reports it with the row's error."""

    column: str | None = None

    def __init__(self, *args: object, column: str | None = None) -> None:
        super().__init__(*args)
        if column is not None:
            self.column = column


class OutsideHolidayData(DeadlinesError):
    """A date, or a count from it, falls outside the years the holiday tables cover."""


class UnknownRegion(DeadlinesError):
    """A region name that is not one of the four the contract names."""


class RuleError(DeadlinesError):
    """A rule id, convention, or rule definition that cannot be used."""


class UnknownRule(RuleError, KeyError):
    """A rule id that is not in the rule set (RuleSet.rule), or that a result did not compute
    (Result.deadline).

    Also a KeyError, as Result.deadline raised before, so `except KeyError` still catches it.
    """

    def __str__(self) -> str:  # the message as given, not quoted as KeyError quotes a key
        return Exception.__str__(self)


class InputError(DeadlinesError):
    """An input date or combination of inputs that cannot be used."""


class HolidayDataError(DeadlinesError):
    """A bank-holiday file that cannot be read or is not in the gov.uk format."""


class UnknownTopic(DeadlinesError):
    """A `deadlines law` topic that is not one of the shipped explanations."""
