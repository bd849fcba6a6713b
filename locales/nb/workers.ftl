## Workers (vikarer) and candidates.

nav-workers = Vikarer
worker-new = Ny vikar
worker-edit = Rediger vikar
worker-saved = Vikaren er lagret.
worker-stale = Noen andre har lagret denne vikaren etter at du åpnet den. Det du skrev står fortsatt her; se over og lagre igjen.
workers-search = Søk i vikarer
workers-search-placeholder = Søk på navn, e-post, mobil, ansattnummer eller kompetanse
workers-search-button = Søk
workers-count = { $count ->
    [one] { $count } vikar
   *[other] { $formatted } vikarer
}
workers-count-more = { $count ->
    [one] mer enn 1 vikar
   *[other] mer enn { $formatted } vikarer
}
workers-none-found = Ingen vikarer passer med søket.
worker-name = Navn
worker-email = E-post
worker-mobile = Mobil
worker-street = Adresse
worker-address = Adresse
worker-city = Sted
worker-employee-number = Ansattnummer
worker-employee-number-taken = En annen vikar har dette ansattnummeret.
worker-skill = Kompetanse
worker-skills = Kompetanse
worker-place = Sted
worker-preferred-places = Ønskede arbeidssteder
worker-available-from = Ledig fra
worker-available-by = Ledig innen
worker-mine = Bare mine
worker-next-expiry = Går ut
worker-papers = Papirer
worker-papers-none = Ingen papirer er registrert.
worker-papers-expired = Utgått
worker-papers-expiring = Går ut innen 30 dager
worker-pay-details = Lønnsutbetaling
worker-bank-account = Kontonummer
worker-bic = BIC (utenlandsk bank)
worker-bank-hint = Norsk kontonummer (11 siffer) eller IBAN for en utenlandsk konto; da trengs også BIC. Et lagret kontonummer vises ikke her: tomt felt beholder det, et nytt erstatter det.
worker-work-permit = Arbeidstillatelse
worker-needs-work-permit = Trenger oppholdstillatelse for å arbeide i Norge
worker-needs-work-permit-hint = Ikke for norske, EØS- eller sveitsiske borgere. Registrer tillatelsen under papirer med utløpsdato.
worker-status-candidate = Kandidat
worker-status-employee = Ansatt
worker-status-former = Tidligere
worker-status-invalid = Velg kandidat, ansatt eller tidligere.
worker-date-invalid = Skriv datoen som ÅÅÅÅ-MM-DD, f.eks. 2027-01-04.
bank-account-format = Et norsk kontonummer har 11 siffer, f.eks. 1234.56.78903.
bank-account-checksum = Kontonummeret har feil kontrollsiffer. Sjekk at alle sifrene er riktige.
bank-account-missing-for-bic = Skriv kontonummeret (IBAN) som hører til BIC-en.
iban-format = IBAN-en har feil lengde eller en ukjent landkode.
iban-checksum = IBAN-en har feil kontrollsiffer. Sjekk at alle tegnene er riktige.
bic-required = En utenlandsk konto trenger BIC (SWIFT-kode) for at lønnen skal komme fram.
bic-invalid = En BIC har 8 eller 11 tegn, f.eks. DNBANOKK.
credential-kind = Type
credential-reference = Nummer
credential-valid-until = Gyldig til
credential-note = Merknad
credential-note-hint = For oppholdstillatelse: grunnlaget, f.eks. faglært
credential-add = Legg til papir
credential-kind-invalid = Velg en type.
credential-needs-date = HMS-kort og oppholdstillatelse har alltid en sluttdato; skriv den.
credential-hms_card = HMS-kort
credential-work_permit = Oppholdstillatelse
credential-driving_licence = Førerkort
credential-truck_licence = Truckførerbevis
credential-other = Annet
worker-customer = Kunde
workers-papers-expiring-mine = { $count ->
    [one] { $count } papir for vikarene dine har gått ut eller går ut innen 30 dager
   *[other] { $count } papirer for vikarene dine har gått ut eller går ut innen 30 dager
}
worker-privacy = Personvern
worker-export = Last ned alt vi har lagret om vikaren (JSON)
worker-erase = Slett personopplysninger
worker-erase-confirm = Slette vikarens personopplysninger? Dette kan ikke angres.
worker-erase-hint = En vikar uten oppdrag slettes helt. Har vikaren hatt oppdrag, beholdes navn, ansattnummer, fødselsnummer eller D-nummer (fortsatt kryptert) og oppdragene – grunnlag for lønn, a-melding og faktura, som skal oppbevares i fem år etter regnskapsåret (bokføringsloven) – mens kontaktopplysninger, adresse, kontonummer, kompetanse og papirer slettes med en gang.
worker-erased = Vikarens personopplysninger er slettet. Bare navn, ansattnummer, fødselsnummer (kryptert) og oppdrag er beholdt, fordi de er grunnlag for lønn, a-melding og faktura.
worker-stale-api = Vikaren er endret av noen andre (nå versjon { $version }). Hent vikaren på nytt og prøv igjen.
worker-erased-no-edit = Vikarens personopplysninger er slettet, så vikaren kan ikke endres lenger.

# National identity number (fødselsnummer / D-nummer), decision 0013
national-id = Fødselsnummer / D-nummer
national-id-hint = Trengs bare for lønn (a-melding). Lagres kryptert, vises maskert, og hver gang noen viser hele nummeret, blir det logget.
national-id-stored = Lagret
national-id-remove = Fjern lagret nummer
national-id-show = Vis
national-id-kind-fnr = Fødselsnummer
national-id-kind-d_number = D-nummer
national-id-format = Skriv 11 siffer (fødselsnummer eller D-nummer).
national-id-checksum = Kontrollsifrene stemmer ikke. Sjekk at alle sifrene er riktige.
national-id-birth-date = Nummeret har ingen gyldig fødselsdato. Sjekk de seks første sifrene.
national-id-unreadable = Fødselsnummeret kan ikke leses med nøkkelen serveren har nå (KUNDEKORT_DATA_KEY). Kontakt den som drifter Kundekort.
worker-bank-account-reauth = Kontonummeret bestemmer hvor lønnen går: logg inn på nytt (eller endre det i skjemaet, som ber om passordet) før du endrer det.

bank-account-stored = Lagret
bank-account-remove = Fjern lagret konto
bank-account-show = Vis
bank-account-unreadable = Kontonummeret kan ikke leses med nøkkelen serveren har nå (KUNDEKORT_DATA_KEY). Kontakt den som drifter Kundekort.
