# Recruitments (rekrutteringer) on the customer card, the firm-wide list, the privacy setting
# and the API.
nav-recruitments = Rekrutteringer
recruitments = Rekrutteringer
recruitment = Rekruttering
recruitments-none = Ingen rekrutteringer.
rec-new = Ny rekruttering
rec-edit = Endre rekruttering
rec-saved = Rekrutteringen er lagret.
rec-stale = Noen andre har endret rekrutteringen i mellomtiden. Last siden på nytt og prøv igjen.
rec-title = Stilling
rec-styrk-code = Yrkeskode (STYRK-08)
rec-description = Beskrivelse
rec-customer = Kunde
rec-contact = Kundens kontaktperson
rec-consultant = Ansvarlig konsulent
rec-fee = Honorar
rec-fee-fixed = Fast beløp
rec-fee-percent = Prosent av årslønn
rec-fee-amount = Fast honorar (kr eks. mva.)
rec-fee-percent-field = Prosent av årslønn
rec-annual-salary = Avtalt årslønn (kr)
rec-fee-hint = Honoraret faktureres med 25 % mva. når kandidaten er ansatt. Prosenthonorar regnes av årslønnen og rundes til hele øre.
rec-fee-percent-text = { $share } av { $salary } kr = { $fee } kr
rec-guarantee = Garanti
rec-guarantee-months = Garantitid (måneder)
rec-guarantee-months-count = { $count ->
    [one] { $formatted } måned
   *[other] { $formatted } måneder
}
rec-guarantee-until = til og med { $date }
rec-consequence = Hvis personen slutter i garantitiden
rec-consequence-replacement = Ny rekruttering uten nytt honorar
rec-consequence-partial_credit = Kreditering av en del av honoraret
rec-consequence-credit-of = kreditering av { $share } av honoraret
rec-credit-percent = Andel som krediteres (%)
rec-status = Status
rec-status-open = Åpen
rec-status-hired = Ansatt
rec-status-reopened = Åpnet igjen (garanti)
rec-status-cancelled = Kansellert
rec-status-closed = Avsluttet
rec-status-current = Åpne og ansatte
rec-filter = Vis
rec-count = { $count ->
    [one] { $formatted } rekruttering
   *[other] { $formatted } rekrutteringer
}
rec-candidates = Kandidater
rec-candidates-count = { $count ->
    [one] { $formatted } kandidat
   *[other] { $formatted } kandidater
}
rec-cancel = Kanseller rekrutteringen
rec-close = Avslutt rekrutteringen
rec-reopen = Åpne rekrutteringen igjen
rec-move-refused = Rekrutteringen kan ikke flyttes dit fra den statusen den har nå.
rec-not-searching = Rekrutteringen er ikke åpen for kandidater nå.
rec-worker-erased = Personopplysningene til denne personen er slettet; de kan ikke bli kandidat igjen.
rec-candidate-exists = Personen er allerede kandidat i denne rekrutteringen.
rec-hired-by-form = En kandidat blir ansatt med skjemaet «Registrer ansettelse», som også lager honorarfakturaen.
rec-share-needs-consent = En kandidat kan bare vises for kunden når samtykket deres er registrert.
rec-hire-refused = Denne kandidaten kan ikke registreres som ansatt (allerede ansatt eller avvist).
rec-left-refused = Bare en rekruttering med en registrert ansettelse kan få en sluttdato.
rec-left-before-start = Sluttdatoen kan ikke være før startdatoen.
rec-amount-invalid = Skriv et beløp i kroner, for eksempel 95 000 eller 95000,50.
rec-percent-invalid = Skriv en prosent over 0 og høyst 100, for eksempel 15 eller 12,5.
rec-styrk-invalid = Yrkeskoden har fire sifre, for eksempel 2411.
rec-fee-kind-required = Velg fast honorar eller prosent av årslønn.
rec-months-invalid = Skriv et helt antall måneder fra 0 til { $max }.
rec-date-invalid = Skriv en dato som 01.03.2027 eller 2027-03-01.
rec-placement = Ansettelse og garanti
rec-hired-worker = Ansatt
rec-start-date = Startdato
rec-left-at = Sluttet
rec-fee-invoice = Honorarfaktura
rec-invoice-draft = Utkast
rec-invoice-issued = Utstedt
rec-invoiced = Ansettelsen er registrert, og et fakturautkast med honoraret er laget. Kontroller og utsted det under Faktura.
rec-hire = Registrer ansettelse
rec-candidate = Kandidat
rec-hire-choose = Velg kandidaten som ble ansatt.
rec-hire-hint = Lager et fakturautkast til kunden med honoraret (25 % mva.). Fakturaen utstedes først når noen med økonomitilgang gjør det.
rec-hire-hint-invoiced = Honoraret er allerede fakturert for denne rekrutteringen; en erstatning gir ingen ny faktura.
rec-hire-button = Registrer ansettelse
rec-left = Personen har sluttet
rec-left-date = Siste arbeidsdag
rec-left-hint = Innenfor garantitiden åpnes rekrutteringen igjen med det som er avtalt. Etter garantitiden blir bare datoen notert.
rec-left-button = Registrer at personen har sluttet
rec-reopened-text = Personen sluttet innenfor garantitiden, og rekrutteringen er åpnet igjen.
rec-offer-replacement = Avtalen er en ny rekruttering uten nytt honorar: fortsett med kandidatene under.
rec-offer-credit = Avtalen er å kreditere { $amount } kr eks. mva. av honoraret.
rec-credit-link = Lag kreditnota for beløpet
rec-credit-finance-only = En administrator eller leder må lage kreditnotaen.
rec-offer-credit-draft = Avtalen er å kreditere { $amount } kr eks. mva. av honoraret, men honorarfakturaen er fortsatt et utkast: sett ned beløpet på utkastet (eller slett det) før det utstedes. Det er ingenting å kreditere ennå.
rec-open-invoice = Åpne fakturautkastet
rec-offer-credit-none = Avtalen er å kreditere { $amount } kr eks. mva. av honoraret, men rekrutteringen har ingen honorarfaktura lenger. Ingenting er fakturert, så ingenting skal krediteres.
rec-credit-reason = Garanti: kreditering av en del av honoraret for { $title }
rec-fee-line = Rekrutteringshonorar: { $title } ({ $worker })
rec-pipeline = Kandidater
rec-pipeline-hint = Dra et kort til en annen kolonne, eller velg kortet og bruk piltastene: venstre og høyre flytter til forrige eller neste steg, opp og ned endrer rekkefølgen. Knappene på kortet gjør det samme.
rec-stage = Steg
rec-stage-new = Ny
rec-stage-screening = Vurderes
rec-stage-interview = Intervju
rec-stage-shortlist = Kortliste
rec-stage-offer = Tilbud
rec-stage-hired = Ansatt
rec-stage-rejected = Avvist
rec-stage-move = Flytt
rec-move-left = Flytt til forrige steg
rec-move-right = Flytt til neste steg
rec-move-up = Flytt opp
rec-move-down = Flytt ned
rec-more = Mer
rec-anonymised = Anonymisert
rec-shared = Vist for kunden
rec-kept = Samtykket til lagring
rec-interview-booked = Intervju booket
rec-interview-when = Intervjutidspunkt
rec-book-interview = Book intervju
rec-interview-no-type = Dagboken har ingen aktivitetstype for avtaler. Be en administrator opprette en.
rec-interview-when-invalid = Skriv dato og klokkeslett som 01.03.2027 10:00.
rec-interview-minutes-invalid = Skriv varigheten i minutter, fra 5 til 600.
rec-interview-title = Intervju: { $worker } – { $title }
rec-interview-notes = Rekruttering: { $link }
rec-consent = Kandidaten har samtykket til å bli presentert for denne kunden
rec-share = Vis for kunden
rec-keep-record = Registrer samtykke til lagring
rec-keep-withdraw = Trekk tilbake samtykke til lagring
rec-find-candidates = Finn kandidater
rec-search-name = Navn
rec-search-skill = Kompetanse
rec-search-place = Sted
rec-search-button = Søk
rec-search-found = { $count ->
    [one] { $formatted } person funnet
   *[other] { $formatted } personer funnet
}
rec-search-found-more = { $count ->
    [one] mer enn 1 person funnet
   *[other] mer enn { $formatted } personer funnet
}
rec-already-candidate = Allerede kandidat
rec-add-candidate = Legg til som kandidat
rec-settings-title = Rekruttering
rec-settings-saved = Innstillingen er lagret.
rec-settings-months = Lagringstid for kandidater (måneder)
rec-settings-hint = Kandidater som ikke er ansatt og aldri har hatt oppdrag, anonymiseres når de ikke har vært i bruk så lenge, med mindre de har samtykket til lagring. Det skjer hver natt.
rec-settings-months-invalid = Skriv et helt antall måneder fra 1 til { $max }.
history-rec-create = Rekruttering opprettet
history-rec-update = Rekruttering endret
history-rec-cancel = Rekruttering kansellert
history-rec-close = Rekruttering avsluttet
history-rec-reopen = Rekruttering åpnet igjen
history-rec-candidate-add = Kandidat lagt til
history-rec-candidate-stage = Kandidat flyttet
history-rec-candidate-sharing = Deling med kunden endret
history-rec-interview = Intervju booket
history-rec-hired = Ansettelse registrert
history-rec-left-guarantee = Sluttet i garantitiden
history-rec-left = Sluttet etter garantitiden
history-rec-keep-consent = Samtykke til lagring endret
recruitment-title = Stilling
recruitment-styrk-code = Yrkeskode
recruitment-fee = Honorar
recruitment-annual-salary = Årslønn
recruitment-guarantee-months = Garantitid (måneder)
recruitment-guarantee-consequence = Ved slutt i garantitiden
recruitment-rec-status = Status
recruitment-worker = Kandidat
recruitment-stage = Steg
recruitment-consent = Samtykke
recruitment-shared = Vist for kunden
recruitment-when = Tidspunkt
recruitment-start-date = Startdato
recruitment-left-at = Sluttet
recruitment-keep-consent = Samtykke til lagring
rec-portal-title = Rekrutteringer og kortlister
rec-portal-none-shared = Ingen kandidater er presentert ennå.
