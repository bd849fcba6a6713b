## Earlier invoices imported from a former system (invoices::earlier, decision 0033).
earlier-import-title = Import earlier invoices
earlier-import-intro = Upload a CSV file of invoices from the former invoicing system, and their PDFs. You see every line and its result before anything is saved, and nothing is imported until every line is right. The invoices keep their numbers from the former system and cannot be changed, but they can be credited and paid.
earlier-import-format = The first line names the columns: fakturanr (number), kundenr (customer_number) or orgnr (org_number), fakturadato (issue_date) and forfallsdato (due_date) (DD.MM.YYYY or YYYY-MM-DD), mva_sats (vat_rate: 25, 15, 12 or 0), netto (net), mva (vat) and total (kroner), and optionally kid, betalt (paid: paid before the switch), pdf (the file name of the invoice's PDF), tekst (description), referanse (buyer_reference) and bestillingsnr (order_reference). One line per invoice and VAT rate. Separate the fields with semicolons or commas.
earlier-import-file = File (CSV, UTF-8)
earlier-import-pdfs = The invoices' PDFs (several files)
earlier-import-preview = Preview
earlier-import-line = Line
earlier-import-number = Invoice no.
earlier-import-customer = Customer
earlier-import-issue-date = Issue date
earlier-import-due-date = Due
earlier-import-vat-rate = VAT rate
earlier-import-net = Net
earlier-import-vat = VAT
earlier-import-total = Total
earlier-import-result = Result
earlier-import-ok = OK
earlier-import-all-good = { $count ->
    [one] Every line is right: 1 invoice.
   *[other] Every line is right: { $count } invoices.
}
earlier-import-bad-lines = { $count ->
    [one] 1 line has errors.
   *[other] { $count } lines have errors.
} Nothing was imported. Correct the file and upload it again.
earlier-import-do = { $count ->
    [one] Import 1 invoice
   *[other] Import { $count } invoices
}
earlier-import-done = { $count ->
    [one] 1 earlier invoice was imported.
   *[other] { $count } earlier invoices were imported.
}
earlier-import-no-file = Choose a CSV file.
earlier-import-empty = The file is empty.
earlier-import-too-large = The file is too large (the largest allowed is { $max }).
earlier-import-not-utf8 = The file is not UTF-8. Save it as "CSV UTF-8" and try again.
earlier-import-too-many = The file has too many lines (at most { $max }).
earlier-import-missing-column = The column "{ $column }" is missing from the first line.
earlier-import-broken = The file cannot be read from line { $line }.
earlier-import-changed = The file or the PDFs are not the ones previewed. Upload them again.
earlier-import-again = This file has been imported before.
earlier-import-number-invalid = The invoice number must be a whole number (digits only).
earlier-import-customer-number-invalid = The customer number must be a whole number.
earlier-import-org-number-invalid = The organisation number is not valid.
earlier-import-customer-missing = The customer number or organisation number is missing.
earlier-import-customer-unknown = No customer has this number.
earlier-import-customer-not-yours = You may not change this customer.
earlier-import-issue-date-invalid = The issue date is not a date (DD.MM.YYYY or YYYY-MM-DD).
earlier-import-due-date-invalid = The due date is not a date (DD.MM.YYYY or YYYY-MM-DD).
earlier-import-due-before-issue = The due date is before the issue date.
earlier-import-rate-invalid = The VAT rate must be 25, 15, 12 or 0.
earlier-import-net-invalid = The net amount is not an amount in kroner.
earlier-import-vat-invalid = The VAT amount is not an amount in kroner.
earlier-import-total-invalid = The total is not an amount in kroner.
earlier-import-paid-invalid = The amount paid is not an amount in kroner.
earlier-import-vat-wrong = The VAT does not match the rate: it should be { $expected } kr.
earlier-import-total-wrong = The total is not net plus VAT.
earlier-import-kid-invalid = The KID has no valid check digit (MOD10 or MOD11).
earlier-import-kid-exists = Another invoice already has this KID.
earlier-import-number-exists = An earlier invoice with this number has already been imported.
earlier-import-pdf-name = The PDF's file name must end in .pdf.
earlier-import-pdf-missing = The PDF "{ $name }" was not uploaded with the file.
earlier-import-pdf-not-pdf = "{ $name }" is not a PDF.
earlier-import-pdf-virus = "{ $name }" contains malware ({ $signature }) and was not kept.
earlier-import-pdf-scan-failed = "{ $name }" could not be checked for viruses and was not kept. Try again later.
earlier-import-pdf-too-large = "{ $name }" is too large (the largest allowed is { $max }).
earlier-import-pdf-too-many = Too many PDFs (at most { $max }).
earlier-import-description-invalid = The description is too long or has control characters.
earlier-import-reference-invalid = The reference or order number is too long (at most 100 characters) or has control characters.
earlier-import-disagrees = The lines of one invoice must have the same customer, dates, KID, PDF and amount paid as line { $line }.
earlier-import-rate-twice = The invoice already has a line at this VAT rate (line { $line }).
earlier-import-paid-too-much = The amount paid is more than the invoice's total.
earlier-line-text = Invoice { $number } from the former system, { $rate } % VAT
earlier-invoice-notice = Earlier invoice, imported from the former invoicing system. It cannot be changed, but it can be credited and paid.
history-invoice-import-earlier = Earlier invoice imported
history-invoice-field-earlier-number = Invoice number in the former system
history-invoice-field-total-ore = Total
