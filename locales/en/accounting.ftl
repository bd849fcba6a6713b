# Accounting export: the export at /accounting and the chart of accounts at
# /accounting/settings; also the card's invoice key figures and invoice events in the history.
nav-accounting = Accounting
accounting-title = Accounting export
accounting-intro = Journal entries for issued invoices and credit notes: receivable (with the customer number as sub-ledger), revenue per VAT code and output VAT. Credit notes are reversed. Payments matched to an invoice: bank debited, receivable credited. Earlier invoices imported from a former system were booked there and are left out; credit notes and payments against them are included.
accounting-what = What to export
accounting-mode-new = Everything not exported before
accounting-mode-period = Invoice date in the period
accounting-from = From
accounting-to = To
accounting-again = Include entries exported before
accounting-again-short = again
accounting-format = Format
accounting-export = Export
accounting-exports = Latest exports
accounting-exported-at = Exported
accounting-exported-by = By
accounting-period = Period
accounting-count = Entries
accounting-entries = { $count ->
    [one] { $count } entry
   *[other] { $count } entries
}
accounting-nothing = No entries to export.
accounting-date-invalid = Enter a date (yyyy-mm-dd).
accounting-period-backwards = The end date is before the start date.
accounting-format-unknown = Choose CSV or JSON.
accounting-no-account = The chart of accounts has no account for { $purpose }. Add it under Chart of accounts before exporting.
accounting-text-invoice = Invoice { $number } { $customer }
accounting-text-credit-note = Credit note { $number } { $customer }
accounting-text-payment = Payment of invoice { $number } { $customer }
accounting-settings-title = Chart of accounts
accounting-settings-saved = The chart of accounts is saved.
accounting-settings-hint = Accounts per NS 4102 and SAF-T standard VAT codes (3 = output VAT 25 %, 31 = 15 %, 33 = 12 %, 5 = zero-rated, 51 = domestic reverse charge, 6 = outside the VAT act). Changes apply to entries exported afterwards.
accounting-purpose = Use
accounting-account = Account
accounting-vat-account = Output VAT account
accounting-vat-code = VAT code
accounting-purpose-receivable = Accounts receivable
accounting-purpose-bank = Bank (payments)
accounting-purpose-standard = Sales with { $rate } VAT
accounting-purpose-z = Zero-rated sales (Z)
accounting-purpose-e = VAT-exempt sales (E)
accounting-purpose-ae = Sales with reverse charge (AE)
accounting-purpose-o = Sales outside the scope of VAT (O)
accounting-account-invalid = Enter an account number of 4 to 8 digits.
accounting-vat-code-invalid = Enter a VAT code of 1 or 2 digits.
invoice-api-kind-invalid = Use invoice or credit_note.
invoice-api-status-invalid = Unknown status. Use draft, issued, sent, partly_paid, paid, overdue or credited.
invoice-api-date-invalid = Enter a date (yyyy-mm-dd).
invoice-api-size-invalid = The page size must be from 1 to 200.

# The card: invoice key figures and invoice events in the history.
figures-invoiced-this-year = Invoiced this year (excl. VAT)
figures-outstanding = Outstanding
figures-overdue = Overdue
figures-overdue-value = { $amount } ({ $count ->
    [one] { $count } invoice
   *[other] { $count } invoices
})
history-subject-invoice = Invoice { $number }
history-subject-credit-note = Credit note { $number }
history-subject-invoice-draft = Draft invoice
history-invoice-create = Draft invoice created
history-invoice-line-add = Invoice line added
history-invoice-line-update = Invoice line changed
history-invoice-line-remove = Invoice line removed
history-invoice-issue = Invoice issued
history-invoice-credit = Invoice credited
history-invoice-references = Invoice references changed
history-invoice-credit-amount = Invoice credited by an amount
history-invoice-payment = Payment registered
history-invoice-remind = Reminder sent
history-invoice-field-buyer-reference = Customer's reference
history-invoice-field-order-reference = Order number
history-invoice-field-amount-ore = Amount
history-invoice-field-paid = Paid
history-invoice-field-reminder-fee = Reminder fee
history-invoice-delete = Draft invoice deleted
history-invoice-field-status = Status
history-invoice-field-number = Invoice number
history-invoice-field-description = Description
history-invoice-field-quantity-milli = Quantity (thousandths)
history-invoice-field-unit-price-ore = Unit price
history-invoice-field-vat = VAT code
history-invoice-field-line = Line
history-invoice-field-credit-note = Credit note
history-invoice-field-reason = Reason
