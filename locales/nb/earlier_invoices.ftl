## Earlier invoices imported from a former system (invoices::earlier, decision 0033).
earlier-import-title = Importer tidligere fakturaer
earlier-import-intro = Last opp en CSV-fil med fakturaer fra det forrige fakturasystemet, og PDF-ene deres. Du ser hver linje og resultatet før noe lagres, og ingenting importeres før alle linjene er i orden. Fakturaene beholder numrene fra det forrige systemet og kan ikke endres, men de kan krediteres og få innbetalinger.
earlier-import-format = Første linje navngir kolonnene: fakturanr, kundenr (eller orgnr), fakturadato og forfallsdato (DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD), mva_sats (25, 15, 12 eller 0), netto, mva og total (kroner), og valgfritt kid, betalt (beløp betalt før byttet), pdf (filnavnet til fakturaens PDF), tekst, referanse (kundens referanse) og bestillingsnr. Én linje per faktura og mva-sats. Skill feltene med semikolon eller komma.
earlier-import-file = Fil (CSV, UTF-8)
earlier-import-pdfs = Fakturaenes PDF-er (flere filer)
earlier-import-preview = Forhåndsvis
earlier-import-line = Linje
earlier-import-number = Fakturanr.
earlier-import-customer = Kunde
earlier-import-issue-date = Fakturadato
earlier-import-due-date = Forfall
earlier-import-vat-rate = Mva-sats
earlier-import-net = Netto
earlier-import-vat = Mva
earlier-import-total = Total
earlier-import-result = Resultat
earlier-import-ok = OK
earlier-import-all-good = { $count ->
    [one] Alle linjene er i orden: 1 faktura.
   *[other] Alle linjene er i orden: { $count } fakturaer.
}
earlier-import-bad-lines = { $count ->
    [one] 1 linje har feil.
   *[other] { $count } linjer har feil.
} Ingenting er importert. Rett filen og last den opp igjen.
earlier-import-do = { $count ->
    [one] Importer 1 faktura
   *[other] Importer { $count } fakturaer
}
earlier-import-done = { $count ->
    [one] 1 tidligere faktura er importert.
   *[other] { $count } tidligere fakturaer er importert.
}
earlier-import-no-file = Velg en CSV-fil.
earlier-import-empty = Filen er tom.
earlier-import-too-large = Filen er for stor (største tillatte er { $max }).
earlier-import-not-utf8 = Filen er ikke UTF-8. Lagre den som «CSV UTF-8» og prøv igjen.
earlier-import-too-many = Filen har for mange linjer (høyst { $max }).
earlier-import-missing-column = Kolonnen «{ $column }» mangler i første linje.
earlier-import-broken = Filen kan ikke leses fra linje { $line }.
earlier-import-changed = Filen eller PDF-ene er ikke de som ble forhåndsvist. Last dem opp igjen.
earlier-import-again = Denne filen er importert før.
earlier-import-number-invalid = Fakturanummeret må være et helt tall (bare sifre).
earlier-import-customer-number-invalid = Kundenummeret må være et helt tall.
earlier-import-org-number-invalid = Organisasjonsnummeret er ikke gyldig.
earlier-import-customer-missing = Kundenummer eller organisasjonsnummer mangler.
earlier-import-customer-unknown = Ingen kunde har dette nummeret.
earlier-import-customer-not-yours = Du kan ikke endre denne kunden.
earlier-import-issue-date-invalid = Fakturadatoen er ikke en dato (DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD).
earlier-import-due-date-invalid = Forfallsdatoen er ikke en dato (DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD).
earlier-import-due-before-issue = Forfallsdatoen er før fakturadatoen.
earlier-import-rate-invalid = Mva-satsen må være 25, 15, 12 eller 0.
earlier-import-net-invalid = Nettobeløpet er ikke et beløp i kroner.
earlier-import-vat-invalid = Mva-beløpet er ikke et beløp i kroner.
earlier-import-total-invalid = Totalbeløpet er ikke et beløp i kroner.
earlier-import-paid-invalid = Beløpet betalt er ikke et beløp i kroner.
earlier-import-vat-wrong = Mva-beløpet stemmer ikke med satsen: det skal være { $expected } kr.
earlier-import-total-wrong = Totalen er ikke netto pluss mva.
earlier-import-kid-invalid = KID-en har ikke et gyldig kontrollsiffer (MOD10 eller MOD11).
earlier-import-kid-exists = En annen faktura har allerede denne KID-en.
earlier-import-number-exists = En tidligere faktura med dette nummeret er allerede importert.
earlier-import-pdf-name = PDF-filnavnet må slutte på .pdf.
earlier-import-pdf-missing = PDF-en «{ $name }» ble ikke lastet opp sammen med filen.
earlier-import-pdf-not-pdf = «{ $name }» er ikke en PDF.
earlier-import-pdf-virus = «{ $name }» inneholder skadelig kode ({ $signature }) og ble ikke tatt vare på.
earlier-import-pdf-scan-failed = «{ $name }» kunne ikke sjekkes for virus og ble ikke tatt vare på. Prøv igjen senere.
earlier-import-pdf-too-large = «{ $name }» er for stor (største tillatte er { $max }).
earlier-import-pdf-too-many = For mange PDF-er (høyst { $max }).
earlier-import-description-invalid = Teksten er for lang eller har kontrolltegn.
earlier-import-reference-invalid = Referansen eller bestillingsnummeret er for langt (høyst 100 tegn) eller har kontrolltegn.
earlier-import-disagrees = Linjene for samme faktura må ha samme kunde, datoer, KID, PDF og betalt beløp som linje { $line }.
earlier-import-rate-twice = Fakturaen har allerede en linje med denne mva-satsen (linje { $line }).
earlier-import-paid-too-much = Beløpet betalt er større enn fakturaens total.
earlier-line-text = Faktura { $number } fra tidligere system, { $rate } % mva
earlier-invoice-notice = Tidligere faktura, importert fra det forrige fakturasystemet. Den kan ikke endres, men kan krediteres og få innbetalinger.
history-invoice-import-earlier = Tidligere faktura importert
history-invoice-field-earlier-number = Fakturanummer i tidligere system
history-invoice-field-total-ore = Total
