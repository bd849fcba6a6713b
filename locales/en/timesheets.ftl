## Timesheets: a day line as typed, hand-entered units, and the working-hours law's warnings.
## In the warnings $value and $limit are hours (e.g. "10.5") or, for breaks and night work,
## minutes; $from and $to are dates.

timesheet-line-date-invalid = Write the date as DD.MM.YYYY or YYYY-MM-DD.
timesheet-line-date-outside = The date is not in this timesheet's period.
timesheet-line-start-invalid = Write the start as HH:MM, e.g. 07:30.
timesheet-line-end-invalid = Write the end as HH:MM, e.g. 15:30.
timesheet-line-break-invalid = Write the break in whole minutes.
timesheet-line-break-too-long = The break is as long as the working time or longer.
timesheet-line-comment-too-long = The comment is too long.
timesheet-unit-unknown = The assignment has no such allowance.
timesheet-unit-quantity-invalid = Enter a quantity above zero, with at most three decimals.

timesheet-law-overtime-7-days = Overtime of { $value } hours in seven days ({ $from } – { $to }); the limit is { $limit } hours (Working Environment Act § 10-6).
timesheet-law-overtime-4-weeks = Overtime of { $value } hours in four weeks ({ $from } – { $to }); the limit is { $limit } hours (Working Environment Act § 10-6).
timesheet-law-overtime-52-weeks = Overtime of { $value } hours in 52 weeks ({ $from } – { $to }); the limit is { $limit } hours (Working Environment Act § 10-6).
timesheet-law-work-24-hours = { $value } hours of work within 24 hours ({ $from } – { $to }); the limit is { $limit } hours (Working Environment Act § 10-6 (8)).
timesheet-law-work-7-days = { $value } hours of work within seven days ({ $from } – { $to }); the limit is { $limit } hours (Working Environment Act § 10-6 (8)).
timesheet-law-daily-rest = The longest unbroken rest within 24 hours from { $from } was { $value } hours; { $limit } are required (Working Environment Act § 10-8).
timesheet-law-weekly-rest = The longest unbroken rest within seven days ({ $from } – { $to }) was { $value } hours; { $limit } are required (Working Environment Act § 10-8).
timesheet-law-no-break = { $from }: { $value } hours of work without a break; more than { $limit } hours require one (Working Environment Act § 10-9).
timesheet-law-short-break = { $from }: breaks of { $value } minutes on a day over eight hours; { $limit } minutes are required (Working Environment Act § 10-9).
timesheet-law-young-night = { $from }: a worker under 18 worked { $value } minutes between 21:00 and 06:00 (Working Environment Act § 11-3).
timesheet-law-young-day = { $from }: a worker under 18 worked { $value } hours; the limit is { $limit } hours a day (Working Environment Act § 11-2).
timesheet-law-young-week = A worker under 18 worked { $value } hours in the week { $from } – { $to }; the limit is { $limit } hours (Working Environment Act § 11-2).

## The sheets: states, the staff's pages, the life cycle's refusals.
timesheets = Timesheets
timesheet = Timesheet
timesheets-none = No timesheets yet.
timesheet-week = Week
timesheet-period = Period
timesheet-status = Status
timesheet-status-missing = Missing
timesheet-status-draft = Draft
timesheet-status-submitted = Submitted
timesheet-status-approved = Approved
timesheet-status-rejected = Rejected
timesheet-date = Date
timesheet-start = From
timesheet-end = To
timesheet-break = Break (min)
timesheet-comment = Comment
timesheet-computed = Computed
timesheet-normal-short = normal
timesheet-overtime-short = overtime
timesheet-units = Allowances by quantity
timesheet-submit-on-behalf = Save and submit for the worker
timesheet-saved = The timesheet is saved.
timesheet-totals = Totals
timesheet-worked = Worked
timesheet-normal = Normal hours
timesheet-overtime = Overtime
timesheet-law-overtime = Overtime by the Act
timesheet-pay = Expected pay
timesheet-expenses = Expenses
timesheet-bill = To invoice (excl. VAT)
timesheet-warnings = Working-hours warnings
timesheet-rejected-because = Rejected by the approver:
timesheet-history = History
timesheet-history-none = No events yet.
timesheet-reopen = Reopen
timesheet-reopen-reason = Reason
timesheet-hours-month = Hours reported this month
timesheet-event-saved = saved
timesheet-event-submitted = submitted
timesheet-event-withdrawn = withdrawn
timesheet-event-first-approved = first approval
timesheet-event-approved = approved
timesheet-event-rejected = rejected
timesheet-event-reopened = reopened
timesheet-actor-worker = the worker
timesheet-actor-contact = approver
timesheet-actor-staff = the agency
timesheet-changed = Someone else changed the timesheet in the meantime (now: { $status }). Reload the page and try again.
timesheet-wrong-state = That cannot be done with a timesheet that is { $status }.
timesheet-locked = The timesheet is { $status } and cannot be changed.
timesheet-approved-by-you = You have already approved this timesheet; it waits for the other approver.
timesheet-reject-comment-required = Say why the timesheet is rejected.
timesheet-reopen-reason-required = Say why the timesheet is reopened.
timesheet-comment-too-long = The text is too long.
timesheet-invoiced = The timesheet is invoiced and cannot be reopened.

## On the card's history (staff's changes).
history-timesheet-update = Timesheet entered for the worker
history-timesheet-submit = Timesheet submitted for the worker
history-timesheet-withdraw = Timesheet withdrawn for the worker
history-timesheet-reopen = Approved timesheet reopened
timesheet-hours = Hours
timesheet-reason = Reason
timesheet-told-portal = { $name } was told by email to approve in the portal.
timesheet-told-email = { $name } got a one-time link by email.
timesheet-told-sms = { $name } got a one-time link by SMS.
timesheet-told-none = { $name } could not be told: no email or mobile number. Add one on the contact, or tell them yourself.
