# Invoices and credit notes (part 8): the store's messages.
invoice-line-description-required = Say what the line is for.
invoice-line-quantity = The quantity must be other than 0 and at most 1,000,000.
invoice-line-unit = Choose a unit.
invoice-line-price = The unit price cannot be negative or above NOK 100,000,000.
invoice-line-vat-category = Choose a VAT code (S, Z, E, AE or O).
invoice-line-vat-rate = The rate does not fit the VAT code: standard rate (S) must be above 0 and at most 100 %, the other codes are 0 %.
invoice-line-reason-required = Exempt (E) needs a reason.
invoice-line-reason-forbidden = Only exempt lines (E) have a reason.
invoice-empty = The invoice has no lines.
invoice-amounts = The invoice's amounts are too large.
invoice-outside-scope-mixed = Lines outside the scope of VAT (O) cannot share an invoice with other VAT codes.
invoice-buyer-org-number = The customer has no organisation number, which the invoice must show.
invoice-buyer-address = The customer has no invoice address (street, postal code and city).
invoice-not-draft = The invoice is issued and cannot be changed. Correct it with a credit note.
invoice-changed-meanwhile = Someone else changed the invoice meanwhile. Reload the page.
invoice-kid = The customer number or the invoice number does not fit in the KID.
invoice-credit-not-issued = Only an issued invoice can be credited.
invoice-credit-reason = Say why the invoice is credited.
invoice-credit-lines = Choose lines of the invoice to credit.
invoice-credit-line-credited = One of the lines is already credited.
invoice-credit-nothing-left = Every line of the invoice is already credited.

# Statuses shown in lists (invoices::state).
invoice-status-draft = Draft
invoice-status-issued = Issued
invoice-status-sent = Sent
invoice-status-partly-paid = Partly paid
invoice-status-paid = Paid
invoice-status-overdue = Overdue
invoice-status-credited = Credited
