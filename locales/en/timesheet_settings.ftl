# The firm's timesheet settings (/admin/timesheets), the reminders, and the firm-wide report of
# the working-hours law's warnings (/timesheets/warnings). Decision 0019.
ts-settings-title = Timesheets
ts-settings-saved = The timesheet settings are saved. The next save of a timesheet uses them.
ts-settings-overtime = Overtime under the Working Environment Act
ts-settings-overtime-none = No agreement: at most 10 hours in 7 days, 25 hours in 4 weeks and 200 hours in 52 weeks (§ 10-6 (4))
ts-settings-overtime-agreement = A written agreement with the employees' representatives: at most 20 hours in 7 days, 50 hours in 4 weeks and 300 hours in 52 weeks (§ 10-6 (5))
ts-settings-overtime-hint = The limits apply to the overtime warnings. Warnings already found stay until their timesheet is saved again.
ts-settings-reminders = Reminders
ts-settings-reminders-hint = The number of days before the reminder goes out; 0 means no reminder. Each reminder is sent once.
ts-settings-worker-days = The worker, days after the period ends with the timesheet not submitted
ts-settings-approver-days = The approver, days after submission without a decision
ts-settings-days-invalid = Enter a whole number of days, for example "3".
ts-settings-days-range = Enter a number from 0 to { $max ->
    [one] { $max } day
   *[other] { $max } days
}.

nav-timesheet-warnings = Working hours
ts-warnings-title = Working-hours warnings
ts-warnings-hint = Every breach of the Working Environment Act's working-hours rules found in the timesheets of the customers you see. Warnings never stop an entry.
ts-warnings-from = From
ts-warnings-to = To
ts-warnings-rule = Rule
ts-warnings-empty = No warnings in the period.
ts-warnings-count = { $count ->
    [one] { $count } warning on this page
   *[other] { $count } warnings on this page
}
ts-warnings-col-rule = Rule
ts-warnings-col-worker = Worker
ts-warnings-col-customer = Customer
ts-warnings-col-assignment = Assignment
ts-warnings-col-warning = Warning (opens the timesheet)
ts-warnings-next = Older warnings
ts-warnings-bad-date = A date is not valid and was not used; write it as yyyy-mm-dd.
ts-warnings-bad-rule = Unknown rule; the filter was not used.
ts-warnings-bad-department = Unknown department; the filter was not used.
ts-rule-overtime-7-days = Overtime, 7 days
ts-rule-overtime-4-weeks = Overtime, 4 weeks
ts-rule-overtime-52-weeks = Overtime, 52 weeks
ts-rule-work-24-hours = Working time, 24 hours
ts-rule-work-7-days = Working time, 7 days
ts-rule-daily-rest = Daily rest
ts-rule-weekly-rest = Weekly rest
ts-rule-no-break = No break
ts-rule-short-break = Break too short
ts-rule-young-night = Under 18: night work
ts-rule-young-day = Under 18: hours a day
ts-rule-young-week = Under 18: hours a week

ts-remind-worker-subject = Reminder: the timesheet for { $period } is not submitted
ts-remind-worker-body = Hello { $name }!

    Your timesheet for { $assignment } at { $customer }, { $period }, is not submitted yet.

    Fill it in and submit it here:
    { $link }

    Just ask if anything is unclear – reply to this email.
ts-remind-worker-sms = Reminder: your timesheet for { $assignment } at { $customer }, { $period }, is not submitted. Submit it here: { $link }
