# Payments: by hand, bank files (OCR giro, camt.054), unmatched, overdue and the first reminder.
# Pages under /payments and /invoices/{id}/payments/new.
nav-payments = Payments
payments-title = Payments
payments-import-title = Import payments
payments-unmatched-title = Unmatched payments
payments-overdue-title = Overdue invoices
payments-new-title = Register payment
payments-new-invoice = Invoice { $number } to { $customer }
payments-due = Due date
payments-total = Invoice amount
payments-paid = Paid
payments-credited = Credited
payments-outstanding = Outstanding
payments-paid-on = Payment date
payments-amount = Amount (NOK)
payments-amount-hint = Type the amount in kroner, e.g. 1 234,50. Partial payments are allowed.
payments-note = Note
payments-register = Register payment
payments-cancel = Cancel
payments-date-invalid = Type a valid date.
payments-date-future = The payment date cannot be in the future.
payments-amount-invalid = Type an amount in kroner, e.g. 1 234,50 (at most two decimals).
payments-amount-zero = The amount must be more than 0.
payments-note-too-long = The note can be at most 200 characters.
payments-over-warning = The amount { $amount } is more than what is outstanding ({ $owed }). Tick the box to register it anyway.
payments-over-confirm = Register the overpayment
payments-file = File from the bank
payments-file-hint = Nets OCR giro (BBS format) or ISO 20022 camt.054 (XML). Payments with a KID are matched to the invoice with that KID; the rest go to unmatched payments. A file can be imported only once.
payments-import = Import
payments-imported = Imported: { $file }
payments-imported-matched = { $count ->
    [one] One payment matched to an invoice.
   *[other] { $count } payments matched to invoices.
}
payments-imported-unmatched = { $count ->
    [one] One payment is unmatched.
   *[other] { $count } payments are unmatched.
}
payments-imported-reversals = { $count ->
    [one] One reversal.
   *[other] { $count } reversals.
}
payments-imported-total = Total: NOK { $total }.
payments-imported-skipped = { $count ->
    [one] One entry in the file was not a payment to us and was skipped.
   *[other] { $count } entries in the file were not payments to us and were skipped.
}
payments-file-none = Choose a file.
payments-file-too-large = The file is too large (at most 10 MB).
payments-file-unknown = The file is neither an OCR giro file nor a camt.054 file. Nothing was imported.
payments-file-bad-record = The file was refused, nothing was imported: record { $line }: { $what }
payments-file-bad-entry = The file was refused, nothing was imported: entry { $line }: { $what }
payments-import-duplicate = This file has already been imported. Nothing was imported again.
payments-why-ocr-empty = the file is empty.
payments-why-ocr-length = a record must be exactly 80 characters.
payments-why-ocr-after-end = there is something after the transmission's end record.
payments-why-ocr-format-code = a record must start with NY.
payments-why-ocr-structure = the record is in the wrong place in the file.
payments-why-ocr-not-ocr-giro = the assignment is not OCR giro (service code 09).
payments-why-ocr-transaction-type = unknown transaction type.
payments-why-ocr-transaction-number = invalid transaction number.
payments-why-ocr-date = invalid date.
payments-why-ocr-amount = invalid amount.
payments-why-ocr-kid = invalid KID.
payments-why-ocr-counts = the number of transactions or records does not add up.
payments-why-ocr-sum = the sum does not match the transactions.
payments-why-ocr-record-type = unknown record type.
payments-why-ocr-no-end = the transmission has no end record.
payments-why-camt-xml = the file is not valid XML.
payments-why-camt-not-054 = the file is not a camt.054 message.
payments-why-camt-amount = invalid or missing amount.
payments-why-camt-currency = the amount is not in Norwegian kroner.
payments-why-camt-credit-debit = invalid or missing credit/debit indicator.
payments-why-camt-reversal = invalid reversal indicator.
payments-why-camt-date = invalid or missing date.
payments-why-camt-batch-sum = the transactions do not add up to the entry.
payments-status = Status
payments-status-matched = Matched to invoice
payments-status-unmatched = Unmatched
payments-status-ignored = Ignored
payments-source = Source
payments-source-manual = Registered by hand
payments-source-ocr = OCR giro
payments-source-camt054 = camt.054
payments-all = All
payments-from = From
payments-to = To
payments-show = Show
payments-none = No payments.
payments-invoice = Invoice
payments-customer = Customer
payments-kid = KID
payments-payer = Payer
payments-sum = Total
payments-unmatched-hint = Payments without a KID or with a KID no issued invoice has. Match them to an invoice by invoice number or KID, or ignore them.
payments-unmatched-none = No unmatched payments.
payments-match-label = Invoice no. or KID
payments-match = Match to invoice
payments-ignore = Ignore
payments-match-none = No issued invoice has this number or KID.
payments-match-many = Several invoices fit. Type the whole KID.
payments-already-handled = The payment has already been handled.
payments-overdue-none = No overdue invoices with an amount outstanding.
payments-overdue-days = Days overdue
payments-days-overdue = { $count ->
    [one] 1 day
   *[other] { $count } days
}
payments-reminder = Reminder
payments-send-reminder = Send reminder
payments-reminder-fee-short = Reminder fee NOK { $fee }
payments-reminded-at = Reminded { $date }
payments-reminder-queued = The reminder is in the outbox and goes to the customer's invoice address. It shows in the customer's dialog.
payments-reminder-rules = A reminder is sent no earlier than the day after the due date and gives at least 14 days to pay. A reminder fee is charged only when the reminder is sent at least 14 days after the due date, and is at most a twentieth of the debt collection rate (inkassosats) — a tenth for invoices due before 1 October 2020. An invoice is reminded once here.
payments-reminder-no-email-setup = Email is not set up for the system, so reminders cannot be sent from here.
payments-reminder-not-due = The invoice is not overdue yet. The reminder can be sent from the day after the due date.
payments-reminder-paid = Nothing is outstanding on the invoice.
payments-reminder-no-address = The customer has no email address for invoices.
payments-reminder-twice = A reminder has already been sent for this invoice.
payments-reminder-subject = Reminder: invoice { $number }
payments-reminder-body = Hello,

    We have not received payment for invoice { $number }, due { $due }. The amount outstanding is NOK { $owed }.

    Please pay by { $pay_by }, marked with KID { $kid } (the account number is on the invoice). If you have already paid, please disregard this reminder.
payments-reminder-fee = A reminder fee of NOK { $fee } is added for this reminder, NOK { $total } in all.
payments-reminder-interest = Payment after the due date may be charged late-payment interest under the Late Payment Interest Act.
payments-reminder-interest-rate = Payment after the due date may be charged late-payment interest under the Late Payment Interest Act, now { $rate } % a year.
payments-reminder-end = Kind regards
    { $seller }
payments-api-status-invalid = The status must be matched, unmatched or ignored.
