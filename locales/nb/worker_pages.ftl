# Workers' own pages (/worker) and the worker page's log-in and messages sections.

worker-pages-name = Vikarsider
worker-login-title = Logg inn på vikarsidene
worker-login-help = For våre vikarer: se opplysningene dine og oppdragene dine.
worker-invite-title = Velg passord
worker-invite-welcome = Velkommen, { $name }! Velg et passord for vikarsidene.
worker-invite-invalid = Lenken er allerede brukt, er utløpt eller er trukket tilbake. Be kontaktpersonen din hos oss om en ny.
worker-invite-mail-subject = Invitasjon til vikarsidene
worker-invite-mail-body = Hei { $name }!

    Du er invitert til vikarsidene våre. Der ser du opplysningene vi har om deg og oppdragene dine.

    Velg passord her (lenken virker i { $days } dager og kan brukes én gang):
    { $link }

    Spør oss gjerne om noe er uklart – svar på denne e-posten.
worker-page-assignments = Oppdragene dine
worker-page-documents = Dokumentene dine
worker-page-documents-none = Ingen dokumenter er delt med deg ennå.
worker-page-assignments-none = Du har ingen oppdrag ennå.
worker-page-details = Opplysningene dine
worker-page-details-help = Er noe feil? Si fra til kontaktpersonen din hos oss, så retter vi det.
worker-page-back = Tilbake til oversikten
worker-page-workplace = Arbeidssted
worker-page-week = Arbeidstid
worker-page-shift = { $day } { $start }–{ $end } ({ $break } min pause)
worker-page-pay = Timelønn
worker-login = Innlogging på vikarsidene
worker-login-none = Vikaren har ikke tilgang til vikarsidene.
worker-login-email = Logger inn med
worker-login-state = Status
worker-login-invited = Invitert { $date }, har ikke valgt passord ennå
worker-login-active = Aktiv siden { $date }
worker-login-last = Sist innlogget
worker-invite = Inviter til vikarsidene
worker-reinvite = Send ny invitasjon
worker-login-end = Fjern tilgang
worker-invite-needs-email = Vikaren må ha en e-postadresse for å bli invitert til vikarsidene.
worker-email-taken = E-postadressen { $email } brukes allerede av en annen vikar på vikarsidene.
worker-invite-emailed = Invitasjonen sendes på e-post til { $email }. Lenken i den er bare for vikaren: under Meldinger ser du at den er sendt, men ikke lenken.
worker-invite-waiting = E-post er ikke satt opp i Kundekort ennå. Invitasjonen venter i utboksen og sendes når e-post er satt opp. Lenken i den er bare for vikaren og vises ikke her.
worker-messages = Meldinger
worker-messages-none = Ingen meldinger til vikaren ennå.
worker-message-time = Tidspunkt
worker-message-channel = Kanal
worker-message-subject = Emne
worker-message-status = Status
worker-mail-write = Skriv e-post til vikaren
worker-mail-body = Tekst
worker-mail-send = Send e-post
worker-mail-waits = E-post er ikke satt opp i Kundekort ennå: e-posten venter i utboksen og sendes når e-post er satt opp.

## The worker's own timesheets.
worker-timesheets = Timelistene dine
worker-timesheets-todo = Fyll ut og send inn
worker-timesheets-todo-none = Ingen timelister venter på deg.
worker-timesheets-recent = Siste timelister
worker-timesheet-submit = Lagre og send inn
worker-timesheet-withdraw = Trekk tilbake
worker-timesheet-read-only = Timelisten er godkjent og kan ikke endres. Er noe feil, si fra til kontaktpersonen din hos oss.
worker-timesheet-waiting = Sendt inn og venter på godkjenning. Vil du endre noe, kan du trekke den tilbake til den er godkjent eller avvist.
worker-timesheet-break-short = pause
worker-timesheet-pay-help = Forventet bruttolønn (før skatt) etter timelønnen og tilleggene i oppdraget. Det endelige beløpet står på lønnsslippen.
worker-timesheet-copy-last-week = Kopier forrige uke
worker-timesheet-as-planned = Som planlagt { $start }–{ $end }
worker-timesheet-nothing-to-copy = Forrige uke har ingen timer å kopiere.
