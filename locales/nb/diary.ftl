# Dagbok (del 6 av kundekortet): aktiviteter, konsulentens kalender, kalenderabonnement.

tab-diary = Dagbok
nav-diary = Min dagbok
diary-title = Dagbok
diary-activities = Aktiviteter
diary-empty = Ingen aktiviteter ennå.
diary-filter = Filtrer
diary-busy = Opptatt
diary-busy-only = Du ser bare når kollegaen er opptatt.
diary-open = Åpne dagbok for
diary-open-tasks = Åpne oppgaver og oppfølginger
diary-no-tasks = Ingen åpne oppgaver.
diary-overdue = forfalt
diary-move-failed = Aktiviteten kunne ikke flyttes. Den er satt tilbake.
diary-settings = Innstillinger for dagbok
diary-colleague-details = Konsulenter ser detaljer i kollegers dagbok
diary-colleague-details-hint = Av: kolleger i samme avdeling ser bare opptatt/ledig. Ledere ser alltid avdelingens dagbøker.

activity-new = Ny aktivitet
activity-edit = Rediger aktivitet
activity-saved = Aktiviteten er lagret.
activity-delete = Slett aktiviteten
activity-type = Type
activity-title = Tittel
activity-notes = Notater
activity-all-day = Hele dagen
activity-due-date = Frist
activity-due = Frist { $date }
activity-location = Sted
activity-participants = Konsulenter
activity-contacts = Kontaktpersoner
activity-no-contacts = Kunden har ingen kontaktpersoner.
activity-consultant = Konsulent
activity-contact = Kontaktperson
activity-state = Status
activity-open = Åpen
activity-done = Utført
activity-from = Fra
activity-to = Til
activity-when = Når
activity-next-step = Planlegg neste steg
activity-next-step-hint = Fyll ut for å opprette oppfølgingen samtidig som du lagrer.
activity-next-when = Dato (og ev. klokkeslett)

activity-types = Aktivitetstyper
activity-type-name = Navn
activity-type-kind = Art
activity-type-minutes = Standard varighet (min)
activity-type-active = Aktiv
activity-type-inactive = Deaktivert
activity-type-colour = Farge
activity-type-new = Ny aktivitetstype
activity-type-edit = Endre aktivitetstype
activity-type-builtin-hint = Innebygd type: la navnet stå tomt for å bruke standardnavnet.
activity-kind-appointment = Avtale med tidspunkt
activity-kind-task = Oppgave med frist

activity-type-customer-meeting = Kundemøte
activity-type-phone-call = Telefonsamtale
activity-type-visit = Besøk
activity-type-interview = Intervju
activity-type-follow-up = Oppfølging
activity-type-lunch = Lunsj/representasjon
activity-type-email = E-post
activity-type-other = Annet

activity-type-colour-invalid = Skriv fargen som #rrggbb, f.eks. #2563eb.
activity-type-minutes-invalid = Skriv et helt antall minutter mellom 5 og 1440.
activity-type-missing = Velg en aktiv aktivitetstype.
activity-date-invalid = Skriv datoen som ÅÅÅÅ-MM-DD, f.eks. 2026-11-28.
activity-datetime-invalid = Skriv dato og klokkeslett som ÅÅÅÅ-MM-DDTTT:MM, f.eks. 2026-11-28T10:00.
activity-end-before-start = Slutt må være etter start.
activity-too-long = En aktivitet kan vare høyst 62 dager.
activity-participants-required = Velg minst én konsulent.
activity-participant-unknown = En av konsulentene finnes ikke eller er deaktivert.
activity-contact-unknown = En av kontaktpersonene hører ikke til denne kunden.
activity-stale = Noen andre har endret aktiviteten mens du arbeidet. Last den inn på nytt og prøv igjen.
activity-range-invalid = Ugyldig tidsrom (høyst 62 dager).
activity-customer-fixed = En aktivitet kan ikke flyttes til en annen kunde.

feed-title = Kalenderabonnement
feed-help = Abonner på dagboken din i Outlook eller Google Kalender med en hemmelig adresse. Alle som har adressen, ser aktivitetene dine.
feed-url = Adressen din
feed-url-once = Kopier adressen nå: den vises bare denne ene gangen. Lag en ny hvis den kommer på avveie.
feed-exists = Du har en abonnementsadresse. Lager du en ny, slutter den gamle å virke.
feed-create = Lag abonnementsadresse
feed-renew = Lag ny adresse

customers-last-activity = Siste aktivitet
filter-inactive-days = Ingen aktivitet siste … dager

history-activity-create = Aktivitet registrert
history-activity-update = Aktivitet endret
history-activity-complete = Aktivitet utført
history-activity-move = Aktivitet flyttet
history-activity-delete = Aktivitet slettet

activity-list-too-long = Høyst { $max } kan velges.
activity-time-only = Du er med på denne aktiviteten, men kunden hører ikke til deg: du kan flytte den eller endre tiden, ikke noe annet.
activity-day-format = Skriv datoen som dd.mm.åååå, f.eks. 28.11.2026.
activity-clock-format = Skriv klokkeslettet som tt:mm (24 timer), f.eks. 14:30.
activity-start-date = Dato
activity-start-time = Fra kl.
activity-end-date = Til dato
activity-end-time = Til kl.
activity-times-hint = Klokkeslett i kvarters steg. For hele dager holder datoene.
# Labels of the card's history (activity-<field>).
activity-start = Start
activity-end = Slutt
activity-customer = Kunde (valgfritt)
activity-customer-search = Søk etter kunde …
activity-no-customer = Ingen kunde
activity-customer-no-match = Ingen kunde du har tilgang til passer med søket.
activity-customer-unavailable = Du kan ikke legge aktiviteter på denne kunden. Velg en annen, eller ingen.
