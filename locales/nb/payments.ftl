# Payments (innbetalinger): by hand, bank files (OCR giro, camt.054), unmatched, overdue and the
# first reminder. Pages under /payments and /invoices/{id}/payments/new.
nav-payments = Innbetalinger
payments-title = Innbetalinger
payments-import-title = Importer innbetalinger
payments-unmatched-title = Uavklarte innbetalinger
payments-overdue-title = Forfalte fakturaer
payments-new-title = Registrer innbetaling
payments-new-invoice = Faktura { $number } til { $customer }
payments-due = Forfallsdato
payments-total = Fakturabeløp
payments-paid = Innbetalt
payments-credited = Kreditert
payments-outstanding = Utestående
payments-paid-on = Betalingsdato
payments-amount = Beløp (kr)
payments-amount-hint = Skriv beløpet i kroner, for eksempel 1 234,50. Delbetaling er lov.
payments-note = Merknad
payments-register = Registrer innbetaling
payments-cancel = Avbryt
payments-date-invalid = Skriv en gyldig dato.
payments-date-future = Betalingsdatoen kan ikke være fram i tid.
payments-amount-invalid = Skriv et beløp i kroner, for eksempel 1 234,50 (høyst to desimaler).
payments-amount-zero = Beløpet må være større enn 0.
payments-note-too-long = Merknaden kan være på høyst 200 tegn.
payments-over-warning = Beløpet { $amount } er mer enn det som står utestående ({ $owed }). Kryss av for å registrere det likevel.
payments-over-confirm = Registrer overbetalingen
payments-file = Fil fra banken
payments-file-hint = Nets OCR giro (BBS-format) eller ISO 20022 camt.054 (XML). Innbetalinger med KID knyttes til fakturaen med den KID-en; resten havner under uavklarte innbetalinger. En fil kan bare importeres én gang.
payments-import = Importer
payments-imported = Importert: { $file }
payments-imported-matched = { $count ->
    [one] Én innbetaling knyttet til faktura.
   *[other] { $count } innbetalinger knyttet til faktura.
}
payments-imported-unmatched = { $count ->
    [one] Én innbetaling er uavklart.
   *[other] { $count } innbetalinger er uavklart.
}
payments-imported-reversals = { $count ->
    [one] Én tilbakeføring.
   *[other] { $count } tilbakeføringer.
}
payments-imported-total = Sum: { $total } kr.
payments-imported-skipped = { $count ->
    [one] Én post i filen var ikke en innbetaling til oss og ble hoppet over.
   *[other] { $count } poster i filen var ikke innbetalinger til oss og ble hoppet over.
}
payments-file-none = Velg en fil.
payments-file-too-large = Filen er for stor (høyst 10 MB).
payments-file-unknown = Filen er verken en OCR giro-fil eller en camt.054-fil. Ingenting er importert.
payments-file-bad-record = Filen er avvist, ingenting er importert: post { $line }: { $what }
payments-file-bad-entry = Filen er avvist, ingenting er importert: postering { $line }: { $what }
payments-import-duplicate = Denne filen er allerede importert. Ingenting er importert på nytt.
payments-why-ocr-empty = filen er tom.
payments-why-ocr-length = en post skal være nøyaktig 80 tegn.
payments-why-ocr-after-end = det står noe etter forsendelsens sluttpost.
payments-why-ocr-format-code = en post skal begynne med NY.
payments-why-ocr-structure = posten står på feil sted i filen.
payments-why-ocr-not-ocr-giro = oppdraget er ikke OCR giro (tjenestekode 09).
payments-why-ocr-transaction-type = ukjent transaksjonstype.
payments-why-ocr-transaction-number = ugyldig transaksjonsnummer.
payments-why-ocr-date = ugyldig dato.
payments-why-ocr-amount = ugyldig beløp.
payments-why-ocr-kid = ugyldig KID.
payments-why-ocr-counts = antall transaksjoner eller poster stemmer ikke.
payments-why-ocr-sum = summen stemmer ikke med transaksjonene.
payments-why-ocr-record-type = ukjent posttype.
payments-why-ocr-no-end = forsendelsen mangler sluttpost.
payments-why-camt-xml = filen er ikke gyldig XML.
payments-why-camt-not-054 = filen er ikke en camt.054-melding.
payments-why-camt-amount = ugyldig eller manglende beløp.
payments-why-camt-currency = beløpet er ikke i norske kroner.
payments-why-camt-credit-debit = ugyldig eller manglende kreditt/debet.
payments-why-camt-reversal = ugyldig tilbakeføringsmerke.
payments-why-camt-date = ugyldig eller manglende dato.
payments-why-camt-batch-sum = summen av transaksjonene stemmer ikke med posteringen.
payments-status = Status
payments-status-matched = Knyttet til faktura
payments-status-unmatched = Uavklart
payments-status-ignored = Sett bort fra
payments-source = Kilde
payments-source-manual = Registrert for hånd
payments-source-ocr = OCR giro
payments-source-camt054 = camt.054
payments-all = Alle
payments-from = Fra
payments-to = Til
payments-show = Vis
payments-none = Ingen innbetalinger.
payments-invoice = Faktura
payments-customer = Kunde
payments-kid = KID
payments-payer = Betaler
payments-sum = Sum
payments-unmatched-hint = Innbetalinger uten KID eller med en KID som ingen utstedt faktura har. Knytt dem til en faktura med fakturanummer eller KID, eller sett bort fra dem.
payments-unmatched-none = Ingen uavklarte innbetalinger.
payments-match-label = Fakturanr. eller KID
payments-match = Knytt til faktura
payments-ignore = Sett bort fra
payments-match-none = Ingen utstedt faktura har dette nummeret eller denne KID-en.
payments-match-many = Flere fakturaer passer. Skriv hele KID-en.
payments-already-handled = Innbetalingen er allerede behandlet.
payments-overdue-none = Ingen forfalte fakturaer med utestående beløp.
payments-overdue-days = Dager over forfall
payments-days-overdue = { $count ->
    [one] 1 dag
   *[other] { $count } dager
}
payments-reminder = Purring
payments-send-reminder = Send purring
payments-reminder-fee-short = Purregebyr { $fee } kr
payments-reminded-at = Purret { $date }
payments-reminder-queued = Purringen er lagt i utboksen og sendes til kundens fakturaadresse. Den vises i kundens dialog.
payments-reminder-rules = Purringen sendes tidligst dagen etter forfall og gir minst 14 dager til å betale. Purregebyr tas bare når purringen sendes minst 14 dager etter forfall, og er høyst en tjuendedel av inkassosatsen (en tidel for fakturaer med forfall før 1. oktober 2020). En faktura purres én gang her.
payments-reminder-no-email-setup = E-post er ikke satt opp for systemet, så purringer kan ikke sendes herfra.
payments-reminder-not-due = Fakturaen er ikke forfalt ennå. Purringen kan sendes tidligst dagen etter forfallsdatoen.
payments-reminder-paid = Fakturaen har ikke noe utestående beløp.
payments-reminder-no-address = Kunden har ingen e-postadresse for faktura.
payments-reminder-twice = Det er allerede sendt en purring på denne fakturaen.
payments-reminder-subject = Purring: faktura { $number }
payments-reminder-body = Hei,

    Vi kan ikke se å ha mottatt betaling for faktura { $number }, som forfalt { $due }. Utestående beløp er { $owed } kr.

    Vennligst betal innen { $pay_by }, merket med KID { $kid } (kontonummeret står på fakturaen). Har du allerede betalt, kan du se bort fra denne purringen.
payments-reminder-fee = For denne purringen kommer et purregebyr på { $fee } kr, til sammen { $total } kr.
payments-reminder-interest = Ved betaling etter forfall kan vi kreve forsinkelsesrente etter forsinkelsesrenteloven.
payments-reminder-interest-rate = Ved betaling etter forfall kan vi kreve forsinkelsesrente etter forsinkelsesrenteloven, nå { $rate } % per år.
payments-reminder-end = Med vennlig hilsen
    { $seller }
payments-api-status-invalid = Status må være matched, unmatched eller ignored.
