# Delivering invoices and credit notes (invoices::delivery, decision 0032).
deliv-title = Delivery
deliv-method = Sent as
deliv-status = Status
deliv-when = When
deliv-detail = What happened
deliv-choose = Send as
deliv-send-again = Send again
deliv-to-print-list = To the print list
deliv-not-configured-ehf = EHF sending is not set up (no access point is configured). The invoice has not been sent and waits until EHF is set up, or choose another way.
deliv-not-configured-email = Emailing the PDF is not set up (SMTP or PDFs are missing). The invoice has not been sent and waits until that is set up, or choose another way.
deliv-detail-not-receiver = The buyer { $value } does not receive invoices as EHF (the access point's answer). Choose email or paper.
deliv-detail-not-receiver-credit = The buyer { $value } does not receive credit notes as EHF (the access point's answer). Choose email or paper.
deliv-detail-ap-id = Delivered to the access point (id { $value })
deliv-detail-email-to = Email with the PDF to { $value }
deliv-detail-printed = Printed and posted by { $value }
deliv-detail-ehf-invalid = No EHF can be made of this document: { $value }. Choose email or paper.
deliv-detail-error = Error: { $value }
deliv-detail-no-email = The customer has no invoice email address.
deliv-bad-method = Choose EHF, email or paper.
deliv-already-sent = The document has already been sent.
deliv-print-title = Printing
deliv-print-hint = Invoices and credit notes for customers who want them on paper. Print the PDF, post it and mark it sent.
deliv-print-none = Nothing is waiting to be printed.
deliv-print-choose = Choose
deliv-print-document = Document
deliv-print-customer = Customer
deliv-print-issued = Issued
deliv-print-total = Amount
deliv-print-pdf = PDF
deliv-print-open-pdf = Open PDF
deliv-print-mark = Mark the chosen ones printed and posted
deliv-print-marked = { $count ->
    [one] { $count } document marked sent.
   *[other] { $count } documents marked sent.
}
deliv-file-invoice = Invoice-{ $number }.pdf
deliv-file-credit = Credit-note-{ $number }.pdf
deliv-document-description = Emailed to the customer: { $name }
deliv-email-invoice-subject = Invoice { $number } from { $seller }
deliv-email-invoice-body = Hello,

    attached is invoice { $number } of NOK { $total }, due { $due }. Please use KID { $kid } when paying.

    Kind regards
    { $seller }
deliv-email-credit-subject = Credit note { $number } from { $seller }
deliv-email-credit-body = Hello,

    attached is credit note { $number } of NOK { $total }.

    Kind regards
    { $seller }
history-invoice-delivered = Sent to the customer
history-invoice-delivery-failed = Sending failed
history-invoice-delivery-change = Delivery method changed
history-invoice-field-delivery-method = Sent as
history-invoice-field-delivery-detail = What happened
