# Invoice documents (decision 0027): the PDF's labels, the seller settings page, the portal's invoices.
pdf-invoice = Faktura
pdf-credit-note = Kreditnota
pdf-number = Fakturanummer
pdf-issue-date = Fakturadato
pdf-due-date = Forfallsdato
pdf-delivery-date = Leveringsdato
pdf-kid = KID
pdf-account = Kontonummer
pdf-iban = IBAN
pdf-bic = BIC
pdf-org-number = Org.nr.
pdf-foretaksregisteret = Foretaksregisteret
pdf-buyer = Kunde
pdf-buyer-reference = Deres referanse
pdf-order-reference = Bestillingsnummer
pdf-description = Beskrivelse
pdf-quantity = Antall
pdf-unit-price = Enhetspris
pdf-vat = Mva
pdf-amount = Beløp
pdf-vat-summary = Merverdiavgift
pdf-vat-basis = Grunnlag
pdf-vat-amount = Mva-beløp
pdf-net = Sum eks. mva
pdf-vat-total = Mva
pdf-total = Totalt inkl. mva
pdf-to-pay = Å betale
pdf-to-credit = Til gode
pdf-credits-invoice = Krediterer faktura
pdf-reason = Årsak
pdf-payment = Betaling
pdf-hours-title = Timespesifikasjon for faktura
pdf-date = Dato
pdf-worker = Medarbeider
pdf-hours = Timer
pdf-email = E-post
pdf-phone = Telefon
pdf-exempt = Unntatt
pdf-zero-rated = Fritatt (0 %)
pdf-reverse-charge = Omvendt avgiftsplikt
pdf-outside-scope = Utenfor mva-loven
pdf-unit-HUR = t
pdf-unit-DAY = dager
pdf-unit-WEE = uker
pdf-unit-MON = mnd.
pdf-unit-C62 = stk.
pdf-unit-KMT = km
pdf-unavailable = PDF-er lages ikke av denne installasjonen (bygget uten PDF-støtte). Kontakt den som drifter systemet.
pdf-unit-LS = rundsum

# /admin/invoicing: the seller profile as configured.
invoicing-title = Fakturering: selgeropplysninger
invoicing-intro = Slik står firmaet på fakturaer (PDF og EHF). Verdiene leses fra innstillingene til serveren (kundekort.env) når den starter, og kan ikke endres her.
invoicing-demo-warning = Noen verdier er ikke satt og viser eksempelverdier. Sett dem før dere fakturerer kunder.
invoicing-setting = Opplysning
invoicing-value = Verdi
invoicing-source = Hvor den settes
invoicing-set = satt
invoicing-not-set = ikke satt (eksempelverdi)
invoicing-none = –
invoicing-yes = Ja
invoicing-no = Nei
invoicing-name = Navn
invoicing-org-number = Organisasjonsnummer
invoicing-vat-registered = Registrert i Merverdiavgiftsregisteret (MVA)
invoicing-foretaksregisteret = Registrert i Foretaksregisteret
invoicing-address = Adresse
invoicing-account = Kontonummer
invoicing-iban = IBAN
invoicing-bic = BIC
invoicing-email = E-post
invoicing-phone = Telefon
invoicing-logo = Logo
invoicing-kid-title = KID
invoicing-kid-algorithm = Kontrollsiffer
invoicing-kid-length = Lengde
invoicing-kid-variable = varierende
invoicing-kid-customer-digits = Sifre til kundenummeret
invoicing-kid-example = Eksempel (kunde 1234, faktura 10001)
invoicing-kid-note = KID-en avtales med banken. En endring gjelder fakturaer som utstedes etter at serveren er startet på nytt; utstedte fakturaer beholder sin KID.

# The portal's invoices.
portal-invoices-title = Fakturaer
portal-invoices-intro = Utstedte fakturaer og kreditnotaer til { $company }.
portal-invoices-empty = Det er ingen utstedte fakturaer ennå.
portal-invoices-number = Nummer
portal-invoices-kind = Type
portal-invoices-date = Dato
portal-invoices-due = Forfall
portal-invoices-amount = Beløp
portal-invoices-status = Status
portal-invoices-pdf = PDF
portal-invoices-invoice = Faktura
portal-invoices-credit-note = Kreditnota
portal-invoices-count = { $count ->
    [one] { $count } dokument
   *[other] { $count } dokumenter
}

# The customer's invoice settings: the PDF's language.
invoice-language = Fakturaspråk
invoice-language-nb = Norsk (bokmål)
invoice-language-en = Engelsk
