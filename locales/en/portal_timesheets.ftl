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

## An approval link (a one-time link for an approver without a portal log-in), and the messages
## that tell approvers a sheet waits. $sheet is "worker, period".
approve-link-title = Timesheet to approve
approve-link-matches = The timesheet follows the plan: the same days and times as the agreed working week.
approve-link-times = Time
approve-link-break = break { $minutes } min
approve-link-once = This link is personal and works once: after you approve or reject, it no longer works.
approve-link-approved = The timesheet for { $sheet } is approved. Thank you!
approve-link-first-approved = Your approval of the timesheet for { $sheet } is recorded. It now waits for the other approver.
approve-link-rejected = The timesheet for { $sheet } is rejected and sent back with your comment.
approve-link-heading-approved = Timesheet approved
approve-link-heading-first-approved = Your approval is recorded
approve-link-heading-rejected = Timesheet rejected
approve-link-unknown = This link does not work. Check that you have the whole link from the message.
approve-link-used = This link has already been used. An approval link works only once.
approve-link-expired = This link has expired.
approve-link-other-sheet = This link is for another timesheet.
approve-link-not-approver = You are no longer an approver of this timesheet.
approve-link-gone = The timesheet no longer waits for approval: it was withdrawn or decided meanwhile (now: { $status }).
approve-link-ask = Contact us if you need a new link.
timesheet-notify-reminder = Reminder:
timesheet-notify-subject = Timesheet to approve: { $worker }, week { $week }
timesheet-notify-link-body = Hello { $name }!

    { $worker } has submitted the timesheet for { $period } ({ $title }). It waits for your approval.

    Look over the hours and approve or reject here (the link is personal, works for { $days } days and can be used once):
    { $link }

    Ask us if anything is unclear – reply to this email.
timesheet-notify-portal-body = Hello { $name }!

    { $worker } has submitted the timesheet for { $period } ({ $title }). It waits for your approval.

    Log in to the customer portal to approve or reject it:
    { $link }

    Ask us if anything is unclear – reply to this email.
timesheet-notify-sms = { $worker }'s timesheet for { $period } waits for your approval: { $link } (personal link, works once within { $days } days)
