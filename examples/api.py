"""Using deadlines from Python: the same answers the CLI prints. Run: python examples/api.py"""

from datetime import date

import deadlines

# Working-day arithmetic for one region (Saturday, Sunday, Christmas Day, Good Friday and the
# region's bank holidays are closed).
cal = deadlines.Calendar("england-and-wales")
print(cal.add_working_days(date(2015, 5, 12), 30))  # 2015-06-24: Spring bank holiday skipped
print(cal.working_days_between(date(2015, 5, 29), date(2015, 6, 8)))  # 5 clear working days
print(cal.reason_closed(date(2015, 5, 25)))  # Spring bank holiday

# The whole founding case, with the forward-plan notice checked against the day it went out.
result = deadlines.compute(
    received=date(2015, 5, 12),
    decision=date(2015, 6, 8),
    actual={"forward_plan": date(2015, 5, 7)},
)
for d in result.deadlines:
    print(f"{d.id:<28} {d.date} (safe: {d.working_day})  {d.status:<7} {d.source}")
