# Kundekort — norsk bokmål (standardspråk)

## Navigasjon
nav-main = Hovedmeny
nav-menu = Meny
nav-customers = Kunder
nav-admin = Administrasjon
api-docs-back = ← Tilbake til Kundekort (innstillinger)
settings-api-docs = API-dokumentasjon
settings-api-docs-link = Utforsk og prøv API-et i nettleseren
nav-logout = Logg ut

## Felles
action-save = Lagre
action-cancel = Avbryt
action-edit = Rediger
action-add = Legg til
yes = Ja
no = Nei

## Feil
error-unauthenticated = Du må logge inn
error-forbidden = Du har ikke tilgang til dette
error-not-found = Fant ikke siden
error-invalid = Noen felt må rettes
error-conflict = Konflikt
error-bad-request = Ugyldig forespørsel
api-rate-limited = For mange forespørsler til API-et. Vent litt og prøv igjen (se Retry-After).
error-too-many = For mange forsøk
error-unavailable = Tjenesten er ikke tilgjengelig
error-busy = Serveren har mye å gjøre akkurat nå. Prøv igjen om noen sekunder.
error-internal = Noe gikk galt hos oss. Prøv igjen, og si fra om det skjer igjen.
error-status = Feilkode
error-back = Tilbake til kundelisten
error-bad-language = Ukjent språk

## Innlogging
login-title = Logg inn
login-email = E-post
login-password = Passord
login-submit = Logg inn
login-failed = Feil e-post eller passord.
login-wait-seconds = For mange mislykkede forsøk. Vent { $count ->
        [one] ett sekund
       *[other] { $count } sekunder
    } og prøv igjen.
login-wait-minutes = For mange mislykkede forsøk. Vent { $count ->
        [one] ett minutt
       *[other] { $count } minutter
    } og prøv igjen.

## Innstillinger
settings-title = Innstillinger
settings-language = Språk
settings-password = Passord
settings-password-current = Nåværende passord
settings-password-new = Nytt passord
settings-password-confirm = Gjenta nytt passord
settings-password-change = Bytt passord
settings-tokens = API-nøkler
settings-tokens-help = Nøkler gir programmer tilgang til API-et på dine vegne (Authorization: Bearer …). Utenfor API-et kan en nøkkel bare lese sider, aldri endre noe, og aldri åpne innstillinger eller administrasjon.
settings-token-created = Ny nøkkel laget. Kopier den nå – den vises bare denne ene gangen.
settings-token-name = Navn på nøkkel
settings-token-created-at = Laget
settings-token-last-used = Sist brukt
settings-token-revoke = Trekk tilbake
settings-token-create = Lag ny nøkkel
password-wrong-current = Nåværende passord stemmer ikke.
password-too-short = Passordet må ha minst { $min } tegn.
password-too-guessable = Passordet er for lett å gjette (et vanlig passord, et mønster eller navnet ditt). Bruk gjerne flere ord etter hverandre.
password-breached = Dette passordet er kjent fra datalekkasjer, og angripere prøver det først. Velg et annet – gjerne flere ord etter hverandre.
new-password-title = Velg et nytt passord
new-password-why = Passordet ditt ble satt av en administrator eller laget da Kundekort ble satt opp. Velg ditt eget før du går videre: skriv det du logget inn med, og så det nye.
password-change-required = Velg et nytt passord først: det du har, ble satt av noen andre.
password-same-as-current = Det nye passordet må være et annet enn det nåværende.
settings-password-revoke-tokens = Trekk også tilbake { $count ->
        [one] API-nøkkelen din
       *[other] de { $count } API-nøklene dine
    }
password-mismatch = Passordene er ikke like.
token-name-required = Gi nøkkelen et navn (høyst 100 tegn).
token-out-of-scope = En API-nøkkel gjelder bare API-et (/api/v1) og å lese sider. Logg inn i nettleseren for å endre noe her, og for innstillinger og administrasjon.
settings-token-expires = Utløper
settings-token-expired = Utløpt
settings-token-never = Aldri
settings-token-lifetime = Gyldig i
settings-token-days = { $count ->
        [one] { $count } dag
       *[other] { $count } dager
    }
token-days-invalid = Velg hvor lenge nøkkelen skal gjelde: 30, 90 eller 365 dager.
token-expired = API-nøkkelen er utløpt. Lag en ny under Innstillinger → API-nøkler.
token-unknown = API-nøkkelen er ukjent eller trukket tilbake.
token-two-factor-required = Firmaet krever totrinnsinnlogging for rollen din, og du har ikke satt det opp: API-nøklene dine virker ikke før du har gjort det. Logg inn i nettleseren for å sette det opp.
token-create-two-factor-required = Firmaet krever totrinnsinnlogging for rollen din. Sett det opp under Innstillinger → Totrinnsinnlogging før du lager en API-nøkkel.

## Kundeliste
customers-count = { $count ->
    [one] 1 kunde
   *[other] { $formatted } kunder
}
customers-count-more = { $count ->
    [one] mer enn 1 kunde
   *[other] mer enn { $formatted } kunder
}
customers-search = Søk
customers-search-placeholder = Søk på navn, org.nr., kundenr. eller sted
customers-none = Ingen kunder passer søket.
customers-none-hint = Prøv et kortere søk, eller fjern noen filtre.
customer-new = Ny kunde
customer-new-title = Ny kunde
customer-edit-title = Rediger kunde
customer-saved = Kunden er lagret.
scope-label = Utvalg
scope-mine = Mine kunder
scope-department = Min avdeling
scope-all = Hele firmaet
scope-all-visible = Alle jeg har tilgang til
scope-visible-hint = Du ser kundene i avdelingen din og kundene du selv er ansvarlig for. «Min avdeling» viser bare avdelingens kunder; «Alle jeg har tilgang til» tar med dine egne kunder i andre avdelinger.
filter-status = Status
filter-all = Alle
filter-county = Fylke
filter-all-counties = Alle fylker
filter-municipality = Kommune
filter-all-municipalities = Alle kommuner
filter-industry = Bransje
filter-owner = Ansvarlig
filter-department = Avdeling
filter-reset = Nullstill
filter-fold = Filtre
filter-apply = Bruk filter
filter-invalid = ukjent verdi, filteret er ikke brukt
export-label = Eksporter listen:
customer-export-too-many = { $count ->
    [one] En eksport tar med høyst { $formatted } kunde, og denne listen har flere. Snevre inn listen med et filter eller et søk, og eksporter igjen.
   *[other] En eksport tar med høyst { $formatted } kunder, og denne listen har flere. Snevre inn listen med et filter eller et søk, og eksporter igjen.
}
pager-label = Sider
pager-prev = Forrige
pager-first = Første side
pager-next = Neste
pager-position = Side { $page } av { $pages }
pager-position-open = Side { $page }

## Status
status-potential = Potensiell
status-active = Aktiv
status-former = Tidligere
status-unknown = Ukjent

## Kundefelt
customer-customer-number = Kundenummer
customer-customer-number-short = Nr.
customer-name = Navn
customer-org-number = Org.nr.
customer-org-number-hint = 9 siffer. Skriv nummeret for å hente opplysninger fra Enhetsregisteret.
customer-status = Status
customer-city = Sted
customer-owner = Ansvarlig
customer-owner-id = Ansvarlig
customer-department = Avdeling
customer-department-id = Avdeling
customer-updated = Endret
customer-industry-code = Næringskode
customer-industry-text = Bransje
customer-municipality = Kommune
customer-county = Fylke
customer-email = E-post
customer-phone = Telefon
customer-website = Nettsted
customer-visit-address = Besøksadresse
customer-postal-address = Postadresse
customer-street = Adresse
customer-postal-code = Postnummer
customer-postal-hint = Fyll ut bare hvis den er en annen enn besøksadressen.
customer-postal-same = Samme som besøksadresse
customer-map = Vis i kart
customer-visit-street = Besøksadresse
customer-visit-postal-code = Postnummer (besøk)
customer-postal-street = Postadresse
customer-postal-postal-code = Postnummer (post)

## Kundekort
tab-overview = Oversikt
tab-contacts = Kontakter
card-tabs = Kundekortets deler
box-comments = Faste kommentarer
box-master-data = Grunndata
box-addresses = Adresser
box-history = Endringslogg
history-system = Systemet
history-create = Opprettet
history-update = Endret

## Skjema og validering
form-has-errors = Noen felt må rettes før du kan lagre. Det du skrev er tatt vare på.
form-company = Firma
form-responsibility = Ansvar
form-contact = Kontaktinformasjon
field-required = Må fylles ut.
field-too-long = Kan ha høyst { $max } tegn.
field-invalid-choice = Ugyldig valg.
orgnr-format = Et organisasjonsnummer har 9 siffer.
orgnr-checksum = Kontrollsifferet stemmer ikke. Sjekk at nummeret er skrevet riktig.
orgnr-duplicate = Organisasjonsnummeret er allerede registrert på { $name } (kundenr. { $number }).
orgnr-duplicate-unknown = Organisasjonsnummeret er allerede registrert på en annen kunde.
industry-code-format = Skriv næringskoden som 78.200.
postal-code-format = Et postnummer har 4 siffer.
postal-code-unknown = Postnummer { $code } finnes ikke.
email-invalid = Skriv en gyldig e-postadresse, som post@firma.no.
phone-invalid = Skriv et telefonnummer med 5 til 15 siffer.
website-invalid = Skriv en gyldig nettadresse, som www.firma.no.
stale-edit-title = Noen andre har endret kunden mens du redigerte.
stale-edit-body = Sist lagret av { $by } { $at }. Endringene dine er ikke lagret ennå, men står fortsatt i skjemaet.
stale-edit-help = Felt som nå har en annen verdi er listet over. Lagrer du igjen, overskriver du dem med det som står i skjemaet.
stale-edit-api = Kunden er endret av noen andre (nå versjon { $version }). Hent den på nytt og prøv igjen.

## Enhetsregisteret
brreg-invalid-number = Skriv et gyldig organisasjonsnummer for å slå opp i Enhetsregisteret.
brreg-not-found = Fant ikke nummeret i Enhetsregisteret. Du kan fylle ut selv.
brreg-removed = Enheten er slettet fra Enhetsregisteret.
brreg-unreachable = Fikk ikke kontakt med Enhetsregisteret. Du kan fylle ut skjemaet selv.
brreg-update-not-found = Fant ikke nummeret i Enhetsregisteret, så det er ingenting å hente. Du kan rette kundens opplysninger selv i redigeringsskjemaet.
brreg-update-unreachable = Fikk ikke kontakt med Enhetsregisteret. Prøv igjen senere, eller rett kundens opplysninger selv i redigeringsskjemaet.
brreg-update-edit = Rediger kunden
brreg-filled = Fylt ut fra Enhetsregisteret. Se over og lagre.
brreg-employees = { $count ->
    [one] 1 ansatt
   *[other] { $formatted } ansatte
}
brreg-bankrupt = Merk: enheten er konkurs.
brreg-winding-up = Merk: enheten er under avvikling.
brreg-already-customer = Allerede kunde:
brreg-fill = Fyll ut fra Enhetsregisteret
brreg-source = Kilde: Brønnøysundregistrene

## API
json-wrong-shape = Feil i JSON: { $detail }
json-content-type = Send JSON med Content-Type: application/json.
json-malformed = Kunne ikke lese JSON: { $detail }

## Roller og administrasjon
role-admin = Administrator
role-manager = Leder
role-consultant = Konsulent
admin-users = Brukere
admin-departments = Avdelinger
admin-user-new = Ny bruker
admin-user-edit = Rediger bruker
user-name = Navn
user-email = E-post
user-role = Rolle
user-department = Avdeling
user-active = Aktiv
user-active-hint = En deaktivert bruker logges ut med en gang og kan ikke logge inn. API-nøklene til brukeren trekkes tilbake.
user-password = Passord
user-password-hint-new = Minst 10 tegn. Gi passordet til brukeren på en trygg måte: det gjelder bare første innlogging, da velger brukeren sitt eget.
user-password-hint-edit = La stå tomt for å beholde passordet. Et nytt passord logger brukeren ut overalt, trekker tilbake API-nøklene til brukeren og gjelder bare neste innlogging, da velger brukeren sitt eget.
user-own-password-hint = Ditt eget passord bytter du under Innstillinger, der du oppgir det nåværende passordet:
user-own-password-refused = Ditt eget passord kan ikke settes her. Bytt det under Innstillinger, der du oppgir det nåværende passordet.
user-own-email-hint = Din egen e-postadresse endres av en annen administrator.
user-own-email-refused = Din egen e-postadresse kan ikke endres her. Be en annen administrator om å endre den.
email-taken = Det finnes allerede en bruker med denne e-postadressen.
department-duplicate = Det finnes allerede en avdeling med dette navnet.
department-name = Avdeling
department-rename = Gi nytt navn
department-new = Ny avdeling

# Secrets in messages: what the dialog shows in place of a link or code meant for the recipient only.
sealed-link = [personlig lenke – vises bare for mottakeren]
sealed-code = [engangskode – vises bare for mottakeren]
sealed-portal-link = [lenke til timelistene i portalen]
picker-search-colleagues = Søk etter kollega …
picker-search-contacts = Søk etter kontaktperson …
picker-no-match = Ingen treff.
picker-hint = Skriv for å finne flere, Enter velger det første treffet.
