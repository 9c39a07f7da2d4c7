#!/usr/bin/env bash
# The founding case: an Ofsted inspection report received Tue 12 May 2015, answered by a Cabinet
# key decision on Mon 8 Jun 2015 (SI 2007/462 regs 2-3; SI 2012/2089).
# Run after installing: bash examples/founding-case.sh
set -euo pipefail

# Every statutory date, as a table with the legal source of each.
deadlines compute --received 2015-05-12 --decision 2015-06-08

# The same as one JSON object (schema deadlines/1), e.g. for jq.
deadlines compute --received 2015-05-12 --decision 2015-06-08 --format json

# After the event: was the forward-plan notice (published Thu 7 May) early enough? Exit 1 if not.
deadlines compute --decision 2015-06-08 --forward-plan 2015-05-07 --report-published 2015-05-29

# The cautious reading of "within 30 working days of receiving": the receipt day counts as day 1.
deadlines compute --received 2015-05-12 --convention ofsted-report-publication=working-days-beginning-with

# Before the decision: plan it backwards from the statement-of-action deadline, on the latest
# scheduled Cabinet meeting that still works (exit 1 if none does).
deadlines compute --received 2015-05-12 --meetings "$(dirname "$0")/cabinet-2015.txt"

# Into a calendar or a spreadsheet: the same inputs always give the same bytes.
deadlines compute --received 2015-05-12 --decision 2015-06-08 --format ics -o founding-case.ics
deadlines compute --received 2015-05-12 --decision 2015-06-08 --format csv -o founding-case.csv
rm -f founding-case.ics founding-case.csv

# The rules in force, with their citations.
deadlines rules
