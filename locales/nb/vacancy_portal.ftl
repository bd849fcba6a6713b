# Vacancies in the customer portal (decision 0041): requests for staff, presenting candidates,
# the customer's answer.
vacancy-portal-title = Ledige stillinger
vacancy-portal-none = Dere har ingen ledige stillinger hos oss ennå.
vacancy-portal-places = Plasser
vacancy-portal-status-requested = Forespurt – under behandling
vacancy-portal-waiting = { $count ->
    [one] { $count } kandidat venter på svar
   *[other] { $count } kandidater venter på svar
}
vacancy-portal-candidates = Kandidater presentert for dere
vacancy-portal-candidates-none = Ingen kandidater er presentert ennå.
vacancy-portal-accept = Aksepter
vacancy-portal-decline = Avslå
vacancy-portal-decline-reason = Begrunnelse for avslag (valgfritt)
vacancy-portal-accepted-by = Akseptert av { $name } { $date }
vacancy-portal-declined-by = Avslått av { $name } { $date }
vacancy-portal-decided = Kandidaten er allerede besvart, eller stillingen er ikke lenger åpen.
vacancy-request = Bestill bemanning
vacancy-request-hint = Fortell oss hva dere trenger. Forespørselen går til kontaktpersonen deres hos oss, som tar kontakt for å avtale vilkårene.
vacancy-request-what = Hva trenger dere?
vacancy-request-positions = Antall personer
vacancy-request-place = Sted
vacancy-request-send = Send forespørsel
vacancy-request-sent = Forespørselen er mottatt og lagt som en oppgave til kontaktpersonen deres hos oss, som tar kontakt med dere.
vacancy-request-date-invalid = Skriv en dato som 04.01.2027.
vacancy-request-from-past = Startdatoen kan ikke være tilbake i tid.
vacancy-request-to-before-from = Sluttdatoen kan ikke være før startdatoen.
vacancy-request-task-title = Bemanningsforespørsel fra { $customer }: { $title }
vacancy-request-task-body = { $contact } i { $customer } har bestilt bemanning i kundeportalen.
    Hva: { $title }
    Antall: { $count }
    Periode: { $period }
    Sted: { $place }
    Beskrivelse: { $description }
    Den ledige stillingen er lagt inn som utkast. Fyll ut vilkårene og lagre: { $link }
vacancy-draft-notice = Utkast bestilt i kundeportalen av { $contact } { $when }. Fyll ut vilkårene (timer, priser, grunnlag for innleie) og lagre stillingen; før det kan det ikke lages oppdrag fra den.
vacancy-draft-no-assignment = Stillingen er et utkast fra kundeportalen. Fyll ut vilkårene og lagre den før du lager oppdrag.
vacancy-requested-by = Bestilt av
vacancy-decided-by = Besvart av
vacancy-decline-reason = Begrunnelse
vacancy-documents = Delte dokumenter
vacancy-consent-how = Hvordan samtykket ble gitt
vacancy-consent-how-phone = Telefon
vacancy-consent-how-email = E-post
vacancy-consent-how-in_person = Personlig
vacancy-consent-how-written = Skriftlig
vacancy-consent = Samtykke
vacancy-consent-given = Kandidaten har samtykket til å bli presentert for { $customer }
vacancy-consent-date = Dato for samtykket
vacancy-consent-recorded-by = Du blir registrert som den som registrerte samtykket.
vacancy-consent-how-required = Velg hvordan samtykket ble gitt.
vacancy-consent-date-future = Datoen for samtykket kan ikke være fram i tid.
vacancy-present = Presenter for kunden
vacancy-present-hint = Kunden ser kandidatens navn, sammendraget og dokumentene du velger å dele – ikke noe annet om vikaren.
vacancy-present-needs-consent = Kandidaten kan bare presenteres etter at samtykket til å bli presentert for denne kunden er registrert.
vacancy-present-document-unknown = Dokumentet finnes ikke hos denne vikaren.
vacancy-present-no-documents = Vikaren har ingen dokumenter du kan dele.
vacancy-present-notify = Send e-post til { $email } om at kandidater venter i kundeportalen
vacancy-present-email-waits = E-post er ikke satt opp ennå: meldingen legges i utboksen og sendes når e-post er satt opp.
vacancy-present-no-contact = Stillingen har ingen kontaktperson med e-postadresse å varsle.
vacancy-present-no-contact-email = Stillingen har ingen kontaktperson med e-postadresse å varsle.
vacancy-present-mail-subject = Kandidater til { $title }
vacancy-present-mail-body = Hei { $name },

    vi har presentert kandidater til { $title } for dere. Se dem og gi oss svar i kundeportalen: { $link }
vacancy-summary = Sammendrag for kunden
vacancy-summary-hint = Kort om erfaring og tilgjengelighet; kunden ser dette.
vacancy-shared-documents = Dokumenter som deles med kunden
vacancy-presented-on = Presentert { $date } · samtykke ({ $how }) { $consent }, registrert av { $by }
vacancy-decision-accepted-title = { $contact } aksepterte { $worker } til { $title }
vacancy-decision-accepted-body = { $contact } har akseptert { $worker } til { $title } i kundeportalen. Lag oppdraget: { $link }
vacancy-decision-declined-title = { $contact } avslo { $worker } til { $title }
vacancy-decision-declined-body = { $contact } har avslått { $worker } til { $title } i kundeportalen. Begrunnelse: { $reason } — { $link }
history-vacancy-requested = Bemanning bestilt i kundeportalen
history-vacancy-candidate-presented = Kandidat presentert for kunden
history-vacancy-candidate-accepted = Kandidat akseptert av kunden
history-vacancy-candidate-declined = Kandidat avslått av kunden
