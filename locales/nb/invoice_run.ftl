# The invoice run (/invoices/run) and the hours specification (/invoices/{id}/hours); decision 0028.
invoice-run-title = Fakturer timer
invoice-run-from = Fra dato
invoice-run-to = Til dato
invoice-run-department = Avdeling
invoice-run-whole-firm = Hele firmaet
invoice-run-for-customer = Bare kunden { $customer }.
invoice-run-all-customers = Alle kunder
invoice-run-hint = Godkjente timer og tillegg i perioden som ikke er fakturert, blir fakturautkast – ett per kunde, oppdrag, vikar eller innkjøpsordre, slik oppdraget eller kunden er satt opp. Først vises en forhåndsvisning; ingenting lagres før du lager utkastene.
invoice-run-preview = Vis forhåndsvisning
invoice-run-preview-title = Forhåndsvisning
invoice-run-summary = { $invoices } med { $lines } · klare: { $ready } · { $net } kr eks. mva.
invoice-run-invoices = { $count ->
    [one] Én faktura
   *[other] { $count } fakturaer
}
invoice-run-lines = { $count ->
    [one] én linje
   *[other] { $count } linjer
}
invoice-run-customers = { $count ->
    [one] én kunde
   *[other] { $count } kunder
}
invoice-run-drafts = { $count ->
    [one] Ett fakturautkast
   *[other] { $count } fakturautkast
}
invoice-run-nothing = Ingen godkjente timer å fakturere i perioden.
invoice-run-blocked = Stoppet
invoice-run-red = Rødt
invoice-run-yellow = Gult
invoice-run-fix = Rett opp
invoice-run-invoice = Faktura
invoice-run-line-count = Linjer
invoice-run-hours = Timer
invoice-run-net = Beløp eks. mva.
invoice-run-group-customer = Alt for kunden
invoice-run-group-po = Innkjøpsordre { $po }
invoice-run-make = Lag fakturautkast
invoice-run-outcome = Resultat
invoice-run-made = { $invoices } laget, { $net } kr eks. mva. Utkastene må kontrolleres og utstedes før de sendes.
invoice-run-customer = Kunde
invoice-run-draft = Utkast
invoice-run-open-draft = Åpne utkastet
invoice-run-blocked-list = Ikke fakturert på grunn av røde problemer: { $customers }.
invoice-run-problem-org-number = Kunden mangler organisasjonsnummer.
invoice-run-problem-address = Kunden mangler fakturaadresse.
invoice-run-problem-peppol = Kunden skal ha EHF, men har verken PEPPOL-ID eller organisasjonsnummer.
invoice-run-problem-po = Kunden krever innkjøpsordre, men oppdraget «{ $assignment }» har ingen.
invoice-run-problem-zero-hours = En godkjent timeliste i perioden har ingen timer.
invoice-run-problem-rate-zero = Oppdraget «{ $assignment }» faktureres med 0 kr timen.
invoice-run-problem-not-approved = { $count ->
    [one] Én timeliste i perioden venter fortsatt på godkjenning og er ikke med.
   *[other] { $count } timelister i perioden venter fortsatt på godkjenning og er ikke med.
}
invoice-run-problem-ehf-reference = { $count ->
    [one] Én faktura har verken kundens referanse eller bestillingsnummer, som EHF krever. Fyll ut ett av dem på utkastet før det utstedes.
   *[other] { $count } fakturaer har verken kundens referanse eller bestillingsnummer, som EHF krever. Fyll ut ett av dem på utkastene før de utstedes.
}
invoice-run-problem-rounding = Dagslinjene avviker med { $amount } kr fra timelistens beløp (avrunding per dag).
invoice-run-date-invalid = Skriv en dato (åååå-mm-dd).
invoice-run-period-backwards = Til-datoen er før fra-datoen.
invoice-run-period-too-long = Perioden kan være på høyst ett år.
invoice-run-scope-invalid = Velg en avdeling fra listen.
invoice-run-billed-meanwhile = Noen av timene ble fakturert av en annen kjøring samtidig. Vis forhåndsvisningen på nytt.
invoice-run-changed-meanwhile = En timeliste ble endret mens utkastene ble laget. Vis forhåndsvisningen på nytt.
invoice-run-blocked-now = Kunden har røde problemer og ble ikke fakturert.
invoice-run-failed = Utkastene kunne ikke lages. Prøv igjen.
invoice-run-credit-amount = Skriv et beløp over 0.
invoice-run-credit-too-much = Beløpet er mer enn det som står igjen ukreditert av fakturaen.
invoice-hours-link = Timespesifikasjon
invoice-hours-title = Timespesifikasjon for faktura { $number }
invoice-hours-title-credit = Timespesifikasjon for kreditnota { $number }
invoice-hours-title-draft = Timespesifikasjon for fakturautkast
invoice-hours-back = Til fakturaen
invoice-hours-none = Fakturaen har ingen linjer fra timelister.
invoice-hours-date = Dato
invoice-hours-worker = Vikar
invoice-hours-line = Linje
invoice-hours-quantity = Antall
invoice-hours-rate = Sats
invoice-hours-amount = Beløp
invoice-hours-sheet = Timeliste
invoice-hours-approval = Godkjent
invoice-hours-approved-by = { $name }, { $when }
invoice-hours-approval-unknown = Ikke registrert
invoice-hours-credited = Kreditert i kreditnota { $number }
invoice-hours-total = Sum
invoice-hours-unit-hours = t
invoice-hours-unit-km = km
invoice-hours-unit-pieces = stk

# The texts of the lines an invoice run makes (in the customer's invoice language).
invoice-run-line-day = { $date } { $worker }, { $title }
invoice-run-line-overtime = { $line }, overtid
invoice-run-line-overtime-percent = { $line }, overtid { $percent } %
invoice-run-line-allowance = { $allowance }, { $worker }, uke { $week } ({ $from } – { $to })
# A run's page (/invoices/run/{id}): progress and result, issuing all its drafts; decision 0034.
invoice-run-run-title = Fakturakjøring { $from } – { $to }
invoice-run-new = Ny fakturakjøring
invoice-run-making = Lager fakturautkast …
invoice-run-issuing = Utsteder fakturaer …
invoice-run-progress-drafts = { $done } av { $total } ferdig.
invoice-run-progress-issue = { $done } av { $total } ferdig.
invoice-run-customers-of = { $count ->
    [one] én kunde
   *[other] { $count } kunder
}
invoice-run-invoices-of = { $count ->
    [one] én faktura
   *[other] { $count } fakturaer
}
invoice-run-working-hint = Kjøringen går i bakgrunnen; du kan lukke siden og komme tilbake. Siden oppdateres av seg selv.
invoice-run-reload = Oppdater nå
invoice-run-stopped = Kjøringen stoppet før den var ferdig. Det som er gjort, er beholdt; start den på nytt for resten.
invoice-run-issued = { $invoices } utstedt.
invoice-run-issued-count = { $count ->
    [one] Én faktura
   *[other] { $count } fakturaer
}
invoice-run-issue-failures = { $count ->
    [one] Én kunne ikke utstedes.
   *[other] { $count } kunne ikke utstedes.
}
invoice-run-failures = { $count ->
    [one] Én feil
   *[other] { $count } feil
}
invoice-run-invoice-number = Faktura { $number }
invoice-run-issue-all = { $count ->
    [one] Utsted utkastet fra kjøringen …
   *[other] Utsted alle { $count } utkastene fra kjøringen …
}
invoice-run-issue-title = Utstede alle utkastene
invoice-run-issue-confirm = { $invoices } blir utstedt, til sammen { $net } kr eks. mva.
invoice-run-issue-hint = Hver faktura får sitt nummer og sin KID og kan etterpå bare rettes med en kreditnota. Utkast som ikke kan utstedes, blir stående med grunnen.
invoice-run-issue-button = Utsted
invoice-run-issue-cancel = Avbryt
invoice-run-not-draft = Fakturaen er ikke lenger et utkast.
invoice-run-issue-failed = Fakturaen kunne ikke utstedes.
invoice-run-nothing-to-issue = Kjøringen har ingen utkast å utstede.
invoice-run-busy = Kjøringen arbeider fortsatt.
