# The invoice run (/invoices/run) and the hours specification (/invoices/{id}/hours); decision 0028.
invoice-run-title = Invoice hours
invoice-run-from = From date
invoice-run-to = To date
invoice-run-department = Department
invoice-run-whole-firm = The whole firm
invoice-run-for-customer = Only the customer { $customer }.
invoice-run-all-customers = All customers
invoice-run-hint = Approved hours and allowances in the period that are not invoiced become draft invoices – one per customer, assignment, worker or purchase order, as the assignment or the customer is set up. A preview comes first; nothing is saved until you make the drafts.
invoice-run-preview = Show preview
invoice-run-preview-title = Preview
invoice-run-summary = { $invoices } with { $lines } · ready: { $ready } · NOK { $net } excl. VAT
invoice-run-invoices = { $count ->
    [one] One invoice
   *[other] { $count } invoices
}
invoice-run-lines = { $count ->
    [one] one line
   *[other] { $count } lines
}
invoice-run-customers = { $count ->
    [one] one customer
   *[other] { $count } customers
}
invoice-run-drafts = { $count ->
    [one] One draft invoice
   *[other] { $count } draft invoices
}
invoice-run-nothing = No approved hours to invoice in the period.
invoice-run-blocked = Stopped
invoice-run-red = Red
invoice-run-yellow = Yellow
invoice-run-fix = Fix
invoice-run-invoice = Invoice
invoice-run-line-count = Lines
invoice-run-hours = Hours
invoice-run-net = Amount excl. VAT
invoice-run-group-customer = Everything for the customer
invoice-run-group-po = Purchase order { $po }
invoice-run-make = Make draft invoices
invoice-run-outcome = Result
invoice-run-made = { $invoices } made, NOK { $net } excl. VAT. The drafts must be checked and issued before they are sent.
invoice-run-customer = Customer
invoice-run-draft = Draft
invoice-run-open-draft = Open the draft
invoice-run-blocked-list = Not invoiced because of red problems: { $customers }.
invoice-run-problem-org-number = The customer has no organisation number.
invoice-run-problem-address = The customer has no invoice address.
invoice-run-problem-peppol = The customer gets EHF but has neither a PEPPOL ID nor an organisation number.
invoice-run-problem-po = The customer requires a purchase order, but the assignment “{ $assignment }” has none.
invoice-run-problem-zero-hours = An approved timesheet in the period has no hours.
invoice-run-problem-rate-zero = The assignment “{ $assignment }” is billed at NOK 0 an hour.
invoice-run-problem-not-approved = { $count ->
    [one] One timesheet in the period is still waiting for approval and is not included.
   *[other] { $count } timesheets in the period are still waiting for approval and are not included.
}
invoice-run-problem-ehf-reference = { $count ->
    [one] One invoice has neither a buyer reference nor a purchase order number, which EHF requires. Fill in one of them on the draft before issuing it.
   *[other] { $count } invoices have neither a buyer reference nor a purchase order number, which EHF requires. Fill in one of them on the drafts before issuing them.
}
invoice-run-problem-rounding = The day lines differ by NOK { $amount } from the timesheet's amount (rounding per day).
invoice-run-date-invalid = Enter a date (yyyy-mm-dd).
invoice-run-period-backwards = The to date is before the from date.
invoice-run-period-too-long = The period can be at most one year.
invoice-run-scope-invalid = Choose a department from the list.
invoice-run-billed-meanwhile = Some of the hours were invoiced by another run at the same time. Show the preview again.
invoice-run-changed-meanwhile = A timesheet was changed while the drafts were made. Show the preview again.
invoice-run-blocked-now = The customer has red problems and was not invoiced.
invoice-run-failed = The drafts could not be made. Try again.
invoice-run-credit-amount = Enter an amount above 0.
invoice-run-credit-too-much = The amount is more than what is left uncredited of the invoice.
invoice-hours-link = Hours specification
invoice-hours-title = Hours specification for invoice { $number }
invoice-hours-title-credit = Hours specification for credit note { $number }
invoice-hours-title-draft = Hours specification for draft invoice
invoice-hours-back = To the invoice
invoice-hours-none = The invoice has no lines from timesheets.
invoice-hours-date = Date
invoice-hours-worker = Worker
invoice-hours-line = Line
invoice-hours-quantity = Quantity
invoice-hours-rate = Rate
invoice-hours-amount = Amount
invoice-hours-sheet = Timesheet
invoice-hours-approval = Approved
invoice-hours-approved-by = { $name }, { $when }
invoice-hours-approval-unknown = Not recorded
invoice-hours-credited = Credited by credit note { $number }
invoice-hours-total = Total
invoice-hours-unit-hours = h
invoice-hours-unit-km = km
invoice-hours-unit-pieces = pcs

# The texts of the lines an invoice run makes (in the customer's invoice language).
invoice-run-line-day = { $date } { $worker }, { $title }
invoice-run-line-overtime = { $line }, overtime
invoice-run-line-overtime-percent = { $line }, overtime { $percent } %
invoice-run-line-allowance = { $allowance }, { $worker }, week { $week } ({ $from } – { $to })
# A run's page (/invoices/run/{id}): progress and result, issuing all its drafts; decision 0034.
invoice-run-run-title = Invoice run { $from } – { $to }
invoice-run-new = New invoice run
invoice-run-making = Making draft invoices …
invoice-run-issuing = Issuing invoices …
invoice-run-progress-drafts = { $done } of { $total } done.
invoice-run-progress-issue = { $done } of { $total } done.
invoice-run-customers-of = { $count ->
    [one] one customer
   *[other] { $count } customers
}
invoice-run-invoices-of = { $count ->
    [one] one invoice
   *[other] { $count } invoices
}
invoice-run-working-hint = The run works in the background; you may close the page and come back. The page updates itself.
invoice-run-reload = Update now
invoice-run-stopped = The run stopped before it was finished. What was done is kept; start it again for the rest.
invoice-run-issued = { $invoices } issued.
invoice-run-issued-count = { $count ->
    [one] One invoice
   *[other] { $count } invoices
}
invoice-run-issue-failures = { $count ->
    [one] One could not be issued.
   *[other] { $count } could not be issued.
}
invoice-run-failures = { $count ->
    [one] One failure
   *[other] { $count } failures
}
invoice-run-invoice-number = Invoice { $number }
invoice-run-issue-all = { $count ->
    [one] Issue the run's draft …
   *[other] Issue all { $count } drafts of the run …
}
invoice-run-issue-title = Issue all the drafts
invoice-run-issue-confirm = { $invoices } will be issued, NOK { $net } excl. VAT in all.
invoice-run-issue-hint = Each invoice gets its number and KID and can afterwards only be corrected by a credit note. Drafts that cannot be issued stay, with the reason.
invoice-run-issue-button = Issue
invoice-run-issue-cancel = Cancel
invoice-run-not-draft = The invoice is no longer a draft.
invoice-run-issue-failed = The invoice could not be issued.
invoice-run-nothing-to-issue = The run has no drafts to issue.
invoice-run-busy = The run is still working.
