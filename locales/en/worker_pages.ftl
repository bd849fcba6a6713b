# Workers' own pages (/worker) and the worker page's log-in and messages sections.

worker-pages-name = Worker pages
worker-login-title = Log in to the worker pages
worker-login-help = For our workers: see your details and your assignments.
worker-invite-title = Choose a password
worker-invite-welcome = Welcome, { $name }! Choose a password for the worker pages.
worker-invite-invalid = The link has already been used, has expired or has been withdrawn. Ask your contact person with us for a new one.
worker-invite-mail-subject = Invitation to the worker pages
worker-invite-mail-body = Hi { $name }!

    You are invited to our worker pages. There you see the details we hold about you and your assignments.

    Choose a password here (the link works for { $days } days and can be used once):
    { $link }

    Ask us if anything is unclear – just reply to this email.
worker-page-assignments = Your assignments
worker-page-documents = Your documents
worker-page-documents-none = No documents have been shared with you yet.
worker-page-assignments-none = You have no assignments yet.
worker-page-details = Your details
worker-page-details-help = Is something wrong? Tell your contact person with us and we will correct it.
worker-page-back = Back to the overview
worker-page-workplace = Workplace
worker-page-week = Working hours
worker-page-shift = { $day } { $start }–{ $end } ({ $break } min break)
worker-page-pay = Hourly pay
worker-login = Log-in to the worker pages
worker-login-none = The worker has no access to the worker pages.
worker-login-email = Logs in with
worker-login-state = Status
worker-login-invited = Invited { $date }, has not chosen a password yet
worker-login-active = Active since { $date }
worker-login-last = Last logged in
worker-invite = Invite to the worker pages
worker-reinvite = Send a new invitation
worker-login-end = Remove access
worker-invite-needs-email = The worker needs an email address to be invited to the worker pages.
worker-email-taken = The email address { $email } is already used by another worker on the worker pages.
worker-invite-emailed = The invitation is emailed to { $email }. The link in it is for the worker only: under Messages you see that it was sent, but not the link.
worker-invite-waiting = Email is not set up in Kundekort yet. The invitation waits in the outbox and is sent once email is set up. The link in it is for the worker only and is not shown here.
worker-messages = Messages
worker-messages-none = No messages to the worker yet.
worker-message-time = Time
worker-message-channel = Channel
worker-message-subject = Subject
worker-message-status = Status
worker-mail-write = Write an email to the worker
worker-mail-body = Text
worker-mail-send = Send email
worker-mail-waits = Email is not set up in Kundekort yet: the email waits in the outbox and is sent once email is set up.

## The worker's own timesheets.
worker-timesheets = Your timesheets
worker-timesheets-todo = To fill in and submit
worker-timesheets-todo-none = No timesheets are waiting for you.
worker-timesheets-recent = Recent timesheets
worker-timesheet-submit = Save and submit
worker-timesheet-withdraw = Withdraw
worker-timesheet-read-only = This timesheet is approved and cannot be changed. If something is wrong, tell your contact person with us.
worker-timesheet-waiting = Submitted and waiting for approval. To change something, you can withdraw it until it is approved or rejected.
worker-timesheet-break-short = break
worker-timesheet-pay-help = Expected gross pay (before tax) at the assignment's hourly pay and allowances. The final amount is on your payslip.
worker-timesheet-copy-last-week = Copy last week
worker-timesheet-as-planned = As planned { $start }–{ $end }
worker-timesheet-nothing-to-copy = Last week has no hours to copy.
