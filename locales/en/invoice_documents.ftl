# Invoice documents (decision 0027): the PDF's labels, the seller settings page, the portal's invoices.
pdf-invoice = Invoice
pdf-credit-note = Credit note
pdf-number = Invoice number
pdf-issue-date = Invoice date
pdf-due-date = Due date
pdf-delivery-date = Delivery date
pdf-kid = KID
pdf-account = Account number
pdf-iban = IBAN
pdf-bic = BIC
pdf-org-number = Org. no.
pdf-foretaksregisteret = Foretaksregisteret
pdf-buyer = Customer
pdf-buyer-reference = Your reference
pdf-order-reference = Purchase order
pdf-description = Description
pdf-quantity = Quantity
pdf-unit-price = Unit price
pdf-vat = VAT
pdf-amount = Amount
pdf-vat-summary = VAT
pdf-vat-basis = Basis
pdf-vat-amount = VAT amount
pdf-net = Total excl. VAT
pdf-vat-total = VAT
pdf-total = Total incl. VAT
pdf-to-pay = Amount due
pdf-to-credit = Credited to you
pdf-credits-invoice = Credits invoice
pdf-reason = Reason
pdf-payment = Payment
pdf-hours-title = Hours for invoice
pdf-date = Date
pdf-worker = Worker
pdf-hours = Hours
pdf-email = Email
pdf-phone = Phone
pdf-exempt = Exempt
pdf-zero-rated = Zero rated (0 %)
pdf-reverse-charge = Reverse charge
pdf-outside-scope = Outside the scope of VAT
pdf-unit-HUR = h
pdf-unit-DAY = days
pdf-unit-WEE = weeks
pdf-unit-MON = months
pdf-unit-C62 = pcs
pdf-unit-KMT = km
pdf-unavailable = This installation does not make PDFs (built without PDF support). Contact whoever runs the system.
pdf-unit-LS = lump sum

# /admin/invoicing: the seller profile as configured.
invoicing-title = Invoicing: seller details
invoicing-intro = How the firm appears on invoices (PDF and EHF). The values are read from the server's settings (kundekort.env) when it starts and cannot be changed here.
invoicing-demo-warning = Some values are not set and show example values. Set them before you invoice customers.
invoicing-setting = Detail
invoicing-value = Value
invoicing-source = Where it is set
invoicing-set = set
invoicing-not-set = not set (example value)
invoicing-none = –
invoicing-yes = Yes
invoicing-no = No
invoicing-name = Name
invoicing-org-number = Organisation number
invoicing-vat-registered = Registered for VAT (MVA)
invoicing-foretaksregisteret = Registered in Foretaksregisteret
invoicing-address = Address
invoicing-account = Account number
invoicing-iban = IBAN
invoicing-bic = BIC
invoicing-email = Email
invoicing-phone = Phone
invoicing-logo = Logo
invoicing-kid-title = KID
invoicing-kid-algorithm = Check digit
invoicing-kid-length = Length
invoicing-kid-variable = variable
invoicing-kid-customer-digits = Digits for the customer number
invoicing-kid-example = Example (customer 1234, invoice 10001)
invoicing-kid-note = The KID is agreed with the bank. A change applies to invoices issued after the server is restarted; issued invoices keep their KID.

# The portal's invoices.
portal-invoices-title = Invoices
portal-invoices-intro = Issued invoices and credit notes to { $company }.
portal-invoices-empty = There are no issued invoices yet.
portal-invoices-number = Number
portal-invoices-kind = Type
portal-invoices-date = Date
portal-invoices-due = Due
portal-invoices-amount = Amount
portal-invoices-status = Status
portal-invoices-pdf = PDF
portal-invoices-invoice = Invoice
portal-invoices-credit-note = Credit note
portal-invoices-count = { $count ->
    [one] { $count } document
   *[other] { $count } documents
}

# The customer's invoice settings: the PDF's language.
invoice-language = Invoice language
invoice-language-nb = Norwegian (Bokmål)
invoice-language-en = English
