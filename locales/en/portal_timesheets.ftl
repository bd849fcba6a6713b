# Approving timesheets in the customer portal.
portal-timesheets = Timesheets to approve
portal-timesheets-intro = Timesheets our workers have submitted that wait for you. Exceptions come first; timesheets that follow the plan can be approved together. You can approve or reject, but not change the hours.
portal-timesheets-none = No timesheets wait for you.
portal-timesheets-pending = { $count ->
    [one] One timesheet waits for approval
   *[other] { $count } timesheets wait for approval
}
portal-timesheets-matching = { $count ->
    [one] One timesheet follows the plan
   *[other] { $count } timesheets follow the plan
}
portal-timesheets-matching-help = The same days and times as the agreed working week, with no overtime and no extra allowances.
portal-timesheets-approve-matching = { $count ->
    [one] Approve the timesheet ({ $total } incl. VAT)
   *[other] Approve all { $count } ({ $total } incl. VAT)
}
portal-timesheets-reject-one = Reject one of them?
portal-timesheets-approved = { $count ->
    [0] No timesheets were approved.
    [one] The timesheet is approved.
   *[other] { $count } timesheets are approved.
}
portal-timesheets-rejected = The timesheet is rejected and sent back with your comment.
portal-timesheets-conflict = Nothing was changed.
portal-timesheets-some-changed = { $approved } approved. { $count ->
    [one] One timesheet was
   *[other] { $count } timesheets were
} changed or withdrawn in the meantime and not approved; please look over the list again.
portal-timesheet-worker = Worker
portal-timesheet-period = Period
portal-timesheet-hours = Hours
portal-timesheet-overtime = { $hours } h overtime
portal-timesheet-allowances = Allowances
portal-timesheet-cost = Price excl. VAT
portal-timesheet-vat = VAT 25 %
portal-timesheet-total = Total incl. VAT
portal-timesheet-approve = Approve
portal-timesheet-reject = Reject
portal-timesheet-reject-comment = Why is the timesheet rejected?
portal-timesheet-first-approved = The other approver has already approved; your approval completes it.
portal-timesheet-diff-overtime = { $hours } h overtime
portal-timesheet-diff-missing = No hours on { $date } (a planned working day)
portal-timesheet-diff-extra = Work on { $date } (not planned)
portal-timesheet-diff-changed = Other times than planned on { $date }
portal-timesheet-diff-units = Allowances or expenses entered by hand
portal-timesheets-gone = The timesheet no longer waits for you: it was withdrawn or dealt with in the meantime (now: { $status }).
