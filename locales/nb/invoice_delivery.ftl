# Levering av fakturaer og kreditnotaer (invoices::delivery, beslutning 0032).
deliv-title = Levering
deliv-method = Sendes som
deliv-status = Status
deliv-when = Når
deliv-detail = Hva skjedde
deliv-choose = Send som
deliv-send-again = Send på nytt
deliv-to-print-list = Til utskriftslisten
deliv-not-configured-ehf = Sending av EHF er ikke satt opp (ingen aksesspunkt er konfigurert). Fakturaen er ikke sendt og venter til EHF er satt opp, eller velg en annen måte.
deliv-not-configured-email = Sending av e-post med PDF er ikke satt opp (SMTP eller PDF mangler). Fakturaen er ikke sendt og venter til det er satt opp, eller velg en annen måte.
deliv-detail-not-receiver = Mottakeren { $value } tar ikke imot fakturaer som EHF (svar fra aksesspunktet). Velg e-post eller papir.
deliv-detail-not-receiver-credit = Mottakeren { $value } tar ikke imot kreditnotaer som EHF (svar fra aksesspunktet). Velg e-post eller papir.
deliv-detail-ap-id = Levert til aksesspunktet (id { $value })
deliv-detail-email-to = E-post med PDF til { $value }
deliv-detail-printed = Skrevet ut og sendt av { $value }
deliv-detail-ehf-invalid = EHF-en kan ikke lages av dette dokumentet: { $value }. Velg e-post eller papir.
deliv-detail-error = Feil: { $value }
deliv-detail-no-email = Kunden har ingen e-postadresse for faktura.
deliv-bad-method = Velg EHF, e-post eller papir.
deliv-already-sent = Dokumentet er allerede sendt.
deliv-print-title = Utskrift
deliv-print-hint = Fakturaer og kreditnotaer til kunder som vil ha dem på papir. Skriv ut PDF-en, send den i posten og marker den som sendt.
deliv-print-none = Ingenting venter på utskrift.
deliv-print-choose = Velg
deliv-print-document = Dokument
deliv-print-customer = Kunde
deliv-print-issued = Utstedt
deliv-print-total = Beløp
deliv-print-pdf = PDF
deliv-print-open-pdf = Åpne PDF
deliv-print-mark = Marker valgte som skrevet ut og sendt
deliv-print-marked = { $count ->
    [one] { $count } dokument markert som sendt.
   *[other] { $count } dokumenter markert som sendt.
}
deliv-file-invoice = Faktura-{ $number }.pdf
deliv-file-credit = Kreditnota-{ $number }.pdf
deliv-document-description = Sendt til kunden på e-post: { $name }
deliv-email-invoice-subject = Faktura { $number } fra { $seller }
deliv-email-invoice-body = Hei,

    vedlagt er faktura { $number } på { $total } kr med forfall { $due }. Bruk KID { $kid } ved betaling.

    Med vennlig hilsen
    { $seller }
deliv-email-credit-subject = Kreditnota { $number } fra { $seller }
deliv-email-credit-body = Hei,

    vedlagt er kreditnota { $number } på { $total } kr.

    Med vennlig hilsen
    { $seller }
history-invoice-delivered = Sendt til kunden
history-invoice-delivery-failed = Sending feilet
history-invoice-delivery-change = Sendemåte endret
history-invoice-field-delivery-method = Sendes som
history-invoice-field-delivery-detail = Hva skjedde
