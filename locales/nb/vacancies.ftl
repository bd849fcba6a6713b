# Vacancies (ledige stillinger) on the customer card, the firm-wide list and the API.
nav-vacancies = Ledige stillinger
vacancies = Ledige stillinger
vacancy = Ledig stilling
vacancies-none = Ingen ledige stillinger.
assignments-group = Oppdrag
vacancy-new = Ny ledig stilling
vacancy-edit = Endre ledig stilling
vacancy-saved = Den ledige stillingen er lagret.
vacancy-stale = Noen andre har endret stillingen mens du skrev. Se over og lagre igjen.
vacancy-check-hint = Sjekken gjelder vilkårene. Vikarens papirer (HMS-kort, oppholdstillatelse) sjekkes på oppdraget som lages for hver vikar.
vacancy-title = Stillingstittel
vacancy-positions = Antall vikarer
vacancy-styrk-code = Yrkeskode (STYRK-08)
vacancy-occupation-title = Yrke
vacancy-occupation = Yrke
vacancy-contact = Kundens kontaktperson
vacancy-consultant = Ansvarlig konsulent
vacancy-description = Beskrivelse
vacancy-requirements = Krav
vacancy-customer = Kunde
vacancy-places = Plasser
vacancy-status = Status
vacancy-status-open = Åpen
vacancy-status-filled = Besatt
vacancy-status-cancelled = Kansellert
vacancy-status-current = Åpne og besatte
vacancy-filter = Vis
vacancy-count = { $count ->
    [one] { $formatted } ledig stilling
   *[other] { $formatted } ledige stillinger
}
vacancy-filled = { $filled } av { $count ->
    [one] { $count } plass
   *[other] { $count } plasser
} besatt
vacancy-cancel = Kanseller stillingen
vacancy-reopen = Åpne stillingen igjen
vacancy-candidates = Kandidater
vacancy-candidates-none = Ingen kandidater ennå. Søk etter vikarer nedenfor.
vacancy-stage = Trinn
vacancy-stage-suggested = Foreslått
vacancy-stage-contacted = Kontaktet
vacancy-stage-presented = Presentert
vacancy-stage-accepted = Akseptert
vacancy-stage-declined = Avslått
vacancy-stage-move = Flytt
vacancy-make-assignment = Lag oppdrag
vacancy-assignment-made = Oppdrag laget
vacancy-find-workers = Finn vikarer
vacancy-search-name = Navn
vacancy-search-skill = Kompetanse
vacancy-search-place = Sted
vacancy-search-free = Ledig i hele perioden
vacancy-search-button = Søk
vacancy-search-found = { $count ->
    [one] { $formatted } vikar funnet
   *[other] { $formatted } vikarer funnet
}
vacancy-search-found-more = { $count ->
    [one] mer enn 1 vikar funnet
   *[other] mer enn { $formatted } vikarer funnet
}
vacancy-already-candidate = Allerede kandidat
vacancy-add-candidate = Legg til som kandidat
vacancy-positions-invalid = Skriv et helt tall fra 1 til { $max }.
vacancy-move-refused = Stillingen har allerede den statusen.
vacancy-stale-move = Noen andre har endret dette i mellomtiden. Last siden på nytt og prøv igjen.
vacancy-candidate-exists = Vikaren er allerede kandidat til denne stillingen.
vacancy-candidate-assigned = Det er allerede laget et oppdrag for denne kandidaten.
vacancy-candidate-not-accepted = Bare en kandidat som har akseptert, kan få oppdrag.
vacancy-not-open = Stillingen er ikke åpen: alle plassene er besatt, eller den er kansellert.
vacancy-closed = Stillingen er kansellert. Åpne den igjen for å endre den.
vacancy-terms-invalid = Vilkårene i stillingen kan ikke brukes på et oppdrag slik de er nå. Endre stillingen og prøv igjen.
vacancy-no-worker = En ledig stilling har ingen vikar; vikarer legges til som kandidater.
history-vacancy-create = Ledig stilling opprettet
history-vacancy-update = Ledig stilling endret
history-vacancy-open = Ledig stilling åpen igjen
history-vacancy-filled = Ledig stilling besatt
history-vacancy-cancel = Ledig stilling kansellert
history-vacancy-reopen = Ledig stilling åpnet igjen
history-vacancy-candidate-add = Kandidat lagt til
history-vacancy-candidate-stage = Kandidat flyttet
history-vacancy-assignment = Oppdrag laget fra ledig stilling
vacancy-from = Fra
vacancy-to = Til
vacancy-bill-rate = Timepris
vacancy-pay-rate = Timelønn
vacancy-hours-per-week = Timer per uke
vacancy-legal-basis = Grunnlag for innleie
vacancy-purchase-order = Innkjøpsordre
vacancy-workplace-city = Arbeidssted
vacancy-vacancy-status = Status
vacancy-worker = Vikar
vacancy-assignment-landed = Oppdraget er laget fra den ledige stillingen med alle vilkårene. Kontroller og juster dem før du aktiverer og sender bekreftelsen.
vacancy-back = Tilbake til stillingen
vacancies-show-all = Vis { $count ->
    [one] den ene ledige stillingen
   *[other] alle { $formatted } ledige stillingene
}
vacancies-at-customer = Ledige stillinger hos { $customer }
vacancies-back-to-card = Tilbake til kundekortet
vacancy-applied = Søkte via annonsen «{ $title }» { $date } · kilde: { $source }
vacancy-applied-cv = CV
