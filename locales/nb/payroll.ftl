# Payroll export (lønn): the admin's settings at /admin/payroll and the export at /payroll.
nav-payroll = Lønn
payroll-title = Lønnseksport
payroll-settings-title = Lønnsarter
payroll-settings-saved = Lønnsinnstillingene er lagret.
payroll-wage-types = Lønnsarter
payroll-wage-types-hint = Lønnsartkoden i lønnssystemet for hver lønnspost. Overtid og tillegg er vanligvis feriepengegrunnlag; kilometer- og kostgodtgjørelse innenfor statens satser er skattefri og ikke feriepengegrunnlag. En post uten kode kan ikke eksporteres.
payroll-item = Lønnspost
payroll-code = Lønnsart
payroll-holiday-pay-basis = Feriepengegrunnlag
payroll-tax-free = Skattefri godtgjørelse
payroll-item-normal = Normaltimer
payroll-item-overtime = Overtid { $percent } %
payroll-item-overtime-none = Overtid uten sats (normal timelønn)
payroll-format = Filformat
payroll-format-hint = Semikolonseparert CSV. Forhåndsvalgene er beskrevet i docs/payroll-export.md; velg «Egendefinert» for å bestemme kolonnene selv.
payroll-preset = Forhåndsvalg
payroll-preset-standard = Standard (alle kolonner)
payroll-preset-payroll_import = Lønnsimport (ansattnr., lønnsart, antall, sats, beløp)
payroll-preset-identity = A-melding-grunnlag (med fødselsnummer og STYRK)
payroll-preset-custom = Egendefinert
payroll-columns = Kolonner (egendefinert)
payroll-columns-hint = Kolonnenøkler i rekkefølge, skilt med komma: { $columns }
payroll-header = Overskriftsrad
payroll-bom = Byte order mark (for Excel)
payroll-decimal = Desimaltegn
payroll-decimal-comma = Komma (7,50)
payroll-decimal-dot = Punktum (7.50)
payroll-code-required = Skriv en lønnsartkode.
payroll-code-too-long = Lønnsartkoden kan være på høyst 20 tegn.
payroll-code-invalid = Lønnsartkoden kan bare ha bokstaver, sifre og - _ . /
payroll-tax-free-not-holiday-pay = En skattefri godtgjørelse er ikke feriepengegrunnlag: velg bare én.
payroll-preset-unknown = Velg et forhåndsvalg fra listen.
payroll-columns-empty = Skriv minst én kolonne.
payroll-column-unknown = Ukjent kolonne: «{ $column }».
payroll-column-twice = Kolonnen «{ $column }» står mer enn én gang.
payroll-from = Fra
payroll-to = Til
payroll-period-hint = En timeliste hører til perioden der den slutter. Timelister deles ved månedsskifte, så en måned gir nøyaktig månedens dager.
payroll-show = Vis
payroll-date-invalid = Skriv en dato som 2026-12-31.
payroll-period-backwards = Til-datoen er før fra-datoen.
payroll-period-too-long = Perioden kan være på høyst ett år.
payroll-new = Ikke eksportert ennå
payroll-summary = Lønnslinjer: { $count } · vikarer: { $workers } · lønn: { $pay } kr · skattefrie godtgjørelser: { $expenses } kr
payroll-not-approved = { $count ->
    [one] Én timeliste i perioden er ikke godkjent og er ikke med.
   *[other] { $count } timelister i perioden er ikke godkjent og er ikke med.
}
payroll-repriced = { $count ->
    [one] Én timeliste er beregnet med oppdragets satser i dag, som er endret siden timelisten ble lagret.
   *[other] { $count } timelister er beregnet med oppdragets satser i dag, som er endret siden timelistene ble lagret.
}
payroll-unmapped = Disse lønnspostene mangler lønnsart: { $items }.
payroll-more-workers = { $count ->
    [one] … og én vikar til (alle er med i filen).
   *[other] … og { $count } vikarer til (alle er med i filen).
}
payroll-employee-number = Ansattnr.
payroll-name = Navn
payroll-lines = Linjer
payroll-hours = Timer
payroll-pay = Lønn
payroll-expenses = Godtgjørelser
payroll-export = Eksporter og last ned
payroll-nothing-new = Ingenting nytt å eksportere i perioden: alt godkjent er allerede sendt.
payroll-sent = Allerede sendt
payroll-sent-unchanged = { $count ->
    [0] Ingen av periodens linjer er sendt før.
    [one] Én av periodens linjer er allerede sendt og blir ikke sendt igjen.
   *[other] { $count } av periodens linjer er allerede sendt og blir ikke sendt igjen.
}
payroll-exported-at = Eksportert
payroll-exported-by = Av
payroll-period = Periode
payroll-download-again = Last ned igjen
payroll-differences = Endret etter eksport
payroll-differences-hint = Disse linjene er sendt, men timelisten er endret siden (gjenåpnet eller rettet). De sendes ikke på nytt: rett dem i lønnssystemet.
payroll-diff-sent = Sendt
payroll-diff-now = Nå
payroll-diff-gone = Ikke lenger på timelisten
payroll-diff-reopened = Timelisten er gjenåpnet (nå: { $status })
payroll-sent-meanwhile = Noen andre eksporterte noen av disse linjene i mellomtiden. Last siden på nytt.
