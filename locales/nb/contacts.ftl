# Kontakter og kundeportalen

nav-contacts = Kontakter
action-delete = Slett
contacts-hide-inactive = Skjul inaktive kontakter
contacts-show-inactive = Vis også inaktive kontakter
contacts-none = Ingen kontaktpersoner registrert ennå.
contacts-search = Søk i kontakter
contacts-search-placeholder = Søk på navn, e-post, mobil eller stilling
contacts-none-found = Ingen kontakter passer søket.
contacts-own-shown = { $count ->
    [one] Én kontakt hos kundene du er ansvarlig for. Søk for å finne andre.
   *[other] { $count } kontakter hos kundene du er ansvarlig for. Søk for å finne andre.
}
contacts-own-paged = Kontakter hos kundene du er ansvarlig for, kunde for kunde. Søk for å finne andre.
contacts-own-none = Du er ikke ansvarlig for noen kunder med kontakter. Søk for å finne kontakter hos alle kundene du har tilgang til.
contact-new = Ny kontakt
contact-edit = Rediger kontakt
contact-name = Navn
contact-first-name = Fornavn
contact-last-name = Etternavn
contact-position = Stilling
contact-department = Avdeling hos kunden
contact-email = E-post
contact-mobile = Mobil
contact-phone = Telefon
contact-notes = Notater
contact-customer = Kunde
contact-portal = Kundeportal
contact-main = Hovedkontakt
contact-main-short = Hoved
contact-main-hint = Kunden har én hovedkontakt. Velger du denne, slutter den forrige å være hovedkontakt.
contact-inactive = Inaktiv
contact-is-main = Hovedkontakt
contact-active = Aktiv
contact-portal-rights = Rettigheter i kundeportalen
contact-saved = Kontakten er lagret.
contact-stale = Noen andre har endret kontakten mens du redigerte. Det du skrev står fortsatt i skjemaet; se over og lagre igjen.
contact-duplicate-title = Kunden har allerede en kontakt som ligner:
contact-duplicate-confirm = Det er en annen person – lagre likevel
contact-duplicate-api = Kunden har allerede en kontakt som ligner: { $contacts }. Send «confirm_duplicate»: true for å lagre likevel.
contact-deactivate = Deaktiver
contact-activate = Aktiver igjen
contact-erased = Kontakten er anonymisert: navn, kontaktinformasjon, notater og portaltilgang er fjernet, og endringsloggen viser ikke lenger de gamle verdiene. Regnskapsbilag der personen er nevnt (fakturaer, signerte avtaler) beholdes i fem år etter regnskapsårets slutt, som bokføringsloven krever.
mobile-invalid = Skriv et mobilnummer, som 912 34 567, eller med landskode for utenlandske nummer (+46 …).
mobile-not-mobile = Norske mobilnummer begynner på 4 eller 9. Skriv fasttelefon i feltet Telefon.

## Portaltilgang
portal-state-none = Ingen tilgang
portal-state-invited = Invitert
portal-state-active = Aktiv
portal-state-blocked = Sperret
portal-state-erased = Slettet
portal-preset = Rettighetsmal
portal-preset-none = Egendefinert (ingen mal)
portal-preset-hint = Malen krysser av rettighetene nedenfor. Det som er krysset av, er det som lagres.
portal-rights = Rettigheter
portal-grant = Gi tilgang til kundeportalen
portal-update-rights = Lagre rettigheter
portal-new-invite = Lag ny invitasjonslenke
portal-revoke = Fjern tilgang
portal-needs-email = Kontakten må ha en e-postadresse for å få tilgang til kundeportalen.
portal-inactive-contact = En inaktiv kontakt kan ikke få tilgang til kundeportalen.
portal-email-taken = E-postadressen { $email } brukes allerede av en annen kontakt i kundeportalen.
rights-none = Velg minst én rettighet.
preset-duplicate = Det finnes allerede en mal med dette navnet.
position-duplicate = Stillingen finnes allerede i listen.
invite-created = Invitasjonen er laget.
invite-email-not-configured = E-post er ikke satt opp i Kundekort ennå. Invitasjonen venter i utboksen og sendes når e-post er satt opp. Lenken i den er bare for kontaktpersonen og vises ikke her.
invite-valid-days = Lenken virker én gang og gjelder i 7 dager fra den er sendt.
right-view-assignments = Se oppdrag og hvem som jobber der
right-approve-timesheets = Godkjenne timelister
right-view-invoices = Se fakturaer
right-view-documents = Se dokumenter
right-sign-documents = Signere dokumenter
right-request-staff = Bestille personell

## GDPR
gdpr-title = Personvern
gdpr-export = Last ned alt vi har lagret om personen (JSON)
gdpr-erase = Slett personopplysninger
gdpr-erase-help = Anonymiserer kontakten. Det kan ikke angres.
gdpr-erase-confirm = Slette personopplysningene til denne kontakten for godt?

## Administrasjon
admin-contacts = Kontakter og portal
admin-positions = Stillinger
admin-position-new = Ny stilling
admin-presets = Rettighetsmaler for kundeportalen
admin-preset-new = Ny mal

## Endringslogg
history-contact-create = Kontakt lagt til
history-contact-update = Kontakt endret
history-contact-activate = Kontakt aktivert
history-contact-deactivate = Kontakt deaktivert
history-contact-erase = Kontakt anonymisert
history-portal-grant = Portaltilgang gitt eller endret
history-portal-revoke = Portaltilgang fjernet

## Kundeportalen
portal-name = Kundeportal
portal-login-title = Logg inn i kundeportalen
portal-login-help = For kontaktpersoner hos våre kunder.
portal-invite-title = Velg passord
portal-invite-welcome = Velkommen, { $name }! Velg et passord for kundeportalen.
portal-invite-submit = Lagre passord og logg inn
portal-invite-invalid-title = Lenken virker ikke
portal-invite-invalid = Lenken er allerede brukt, er utløpt eller er trukket tilbake. Be kontaktpersonen din hos oss om en ny.
portal-company = Firmaet ditt
portal-agency-contact = Din kontaktperson hos oss
portal-no-agency-contact = Ingen kontaktperson er satt opp ennå.
