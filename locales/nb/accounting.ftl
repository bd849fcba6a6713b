# Accounting export (regnskap): the export at /accounting and the chart of accounts at
# /accounting/settings; also the card's invoice key figures and invoice events in the history.
nav-accounting = Regnskap
accounting-title = Regnskapseksport
accounting-intro = Bilag for utstedte fakturaer og kreditnotaer: kundefordring (med kundenummer som reskontro), inntekt per mva-kode og utgående merverdiavgift. Kreditnotaer føres motsatt. Innbetalinger som er koblet til en faktura: bank i debet, kundefordring i kredit. Tidligere fakturaer importert fra et annet system er bokført der og er ikke med; kreditnotaer og innbetalinger på dem er med.
accounting-what = Hva skal eksporteres
accounting-mode-new = Alt som ikke er eksportert før
accounting-mode-period = Fakturadato i perioden
accounting-from = Fra og med
accounting-to = Til og med
accounting-again = Ta med bilag som er eksportert før
accounting-again-short = på nytt
accounting-format = Format
accounting-export = Eksporter
accounting-exports = Siste eksporter
accounting-exported-at = Eksportert
accounting-exported-by = Av
accounting-period = Periode
accounting-count = Bilag
accounting-entries = { $count ->
    [one] { $count } bilag
   *[other] { $count } bilag
}
accounting-nothing = Ingen bilag å eksportere.
accounting-date-invalid = Skriv en dato (åååå-mm-dd).
accounting-period-backwards = Til-datoen er før fra-datoen.
accounting-format-unknown = Velg CSV eller JSON.
accounting-no-account = Kontoplanen mangler konto for { $purpose }. Legg den inn under Kontoplan før du eksporterer.
accounting-text-invoice = Faktura { $number } { $customer }
accounting-text-credit-note = Kreditnota { $number } { $customer }
accounting-text-payment = Innbetaling faktura { $number } { $customer }
accounting-settings-title = Kontoplan
accounting-settings-saved = Kontoplanen er lagret.
accounting-settings-hint = Kontoer etter NS 4102 og SAF-T standard mva-koder (3 = utgående mva 25 %, 31 = 15 %, 33 = 12 %, 5 = fritatt, 51 = omvendt avgiftsplikt, 6 = utenfor merverdiavgiftsloven). Endringer gjelder bilag som eksporteres etterpå.
accounting-purpose = Bruk
accounting-account = Konto
accounting-vat-account = Utgående mva-konto
accounting-vat-code = Mva-kode
accounting-purpose-receivable = Kundefordringer
accounting-purpose-bank = Bank (innbetalinger)
accounting-purpose-standard = Salg med { $rate } mva
accounting-purpose-z = Salg fritatt for mva (Z)
accounting-purpose-e = Salg unntatt fra mva (E)
accounting-purpose-ae = Salg med omvendt avgiftsplikt (AE)
accounting-purpose-o = Salg utenfor mva-området (O)
accounting-account-invalid = Skriv et kontonummer på 4 til 8 sifre.
accounting-vat-code-invalid = Skriv en mva-kode på 1 eller 2 sifre.
invoice-api-kind-invalid = Bruk invoice eller credit_note.
invoice-api-status-invalid = Ukjent status. Bruk draft, issued, sent, partly_paid, paid, overdue eller credited.
invoice-api-date-invalid = Skriv en dato (åååå-mm-dd).
invoice-api-size-invalid = Sidestørrelsen må være fra 1 til 200.

# The card: invoice key figures and invoice events in the history.
figures-invoiced-this-year = Fakturert i år (eks. mva)
figures-outstanding = Utestående
figures-overdue = Forfalt
figures-overdue-value = { $amount } ({ $count ->
    [one] { $count } faktura
   *[other] { $count } fakturaer
})
history-subject-invoice = Faktura { $number }
history-subject-credit-note = Kreditnota { $number }
history-subject-invoice-draft = Fakturautkast
history-invoice-create = Fakturautkast opprettet
history-invoice-line-add = Fakturalinje lagt til
history-invoice-line-update = Fakturalinje endret
history-invoice-line-remove = Fakturalinje fjernet
history-invoice-issue = Faktura utstedt
history-invoice-credit = Faktura kreditert
history-invoice-references = Fakturareferanser endret
history-invoice-credit-amount = Faktura kreditert med et beløp
history-invoice-payment = Innbetaling registrert
history-invoice-remind = Purring sendt
history-invoice-field-buyer-reference = Kundens referanse
history-invoice-field-order-reference = Bestillingsnummer
history-invoice-field-amount-ore = Beløp
history-invoice-field-paid = Betalt
history-invoice-field-reminder-fee = Purregebyr
history-invoice-delete = Fakturautkast slettet
history-invoice-field-status = Status
history-invoice-field-number = Fakturanummer
history-invoice-field-description = Beskrivelse
history-invoice-field-quantity-milli = Antall (tusendeler)
history-invoice-field-unit-price-ore = Enhetspris
history-invoice-field-vat = Mva-kode
history-invoice-field-line = Linje
history-invoice-field-credit-note = Kreditnota
history-invoice-field-reason = Begrunnelse
