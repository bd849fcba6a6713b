# Signing (customer card part 4)
signing-orders = Signeringer
signing-none = Ingen dokumenter er sendt til signering ennå.
signing-send = Send til signering
signing-document = Dokument
signing-no-pdfs = Kunden har ingen PDF-dokumenter. Last opp kontrakten som PDF først.
signing-title = Tittel
signing-message = Melding til signatarene
signing-method = Signeringsmåte
signing-method-simple = Enkel elektronisk signatur (engangskode på e-post eller SMS)
signing-method-simple-help = Signataren bekrefter med en kode sendt til e-posten sin, eller på SMS når e-post ikke når fram og SMS er satt opp. Dette er ikke BankID.
signing-method-idura = BankID (via Idura)
signing-idura-not-configured = BankID-signering er ikke satt opp. Bruk enkel elektronisk signatur, eller be en administrator sette opp Idura.
signing-signers = Signatarer
signing-signer = Signatar
signing-no-email = mangler e-post
signing-agency-signer = Signatar fra byrået (valgfritt)
signing-agency-signer-none = Ingen
signing-expires-days = Utløper om (dager)
signing-expires = Utløper
signing-expires-on = Frist { $date }
signing-email-not-configured = E-post er ikke satt opp: e-postene med signeringslenker venter i utboksen og sendes når e-post er satt opp. Lenkene er bare for signatarene og vises ikke her.
signing-document-required = Velg et PDF-dokument.
signing-title-required = Skriv en tittel (høyst 200 tegn).
signing-message-too-long = Meldingen kan være på høyst 4000 tegn.
signing-expires-invalid = Fristen må være mellom 1 og 90 dager.
signing-signers-required = Velg minst én signatar.
signing-signer-needs-email = { $name } har ingen e-postadresse.
signing-signer-unknown = En av signatarene finnes ikke lenger.
signing-broker-failed = Signeringstjenesten svarte ikke som forventet, og ingenting ble sendt: { $reason }
signing-not-open = Signeringen er ikke lenger åpen.
signing-already-done = Du har allerede svart på denne signeringen.
signing-status = Status
signing-sent = Sendt
signing-sent-by = Sendt av
signing-sent-notice = Sendt. Signatarene får hver sin personlige lenke, på e-post eller SMS som vist under.
signing-sent-no-email = Opprettet. E-post er ikke satt opp: under står hvordan hver signatar nås (SMS eller kundeportalen). E-postene med signeringslenker venter i utboksen til e-post er satt opp.
signing-state-sent = Sendt
signing-state-opened = Åpnet
signing-state-partly = Signert av { $signed } av { $total }
signing-state-completed = Fullført
signing-state-rejected = Avvist
signing-state-expired = Utløpt
signing-state-cancelled = Kansellert
signing-state-failed = Feilet
signing-signer-open = Ikke åpnet
signing-signer-opened = Åpnet
signing-signer-signed = Signert
signing-signer-rejected = Avvist
signing-remind = Send påminnelse
signing-reminded = Påminnelse sendt til { $name }.
signing-reminders = { $count ->
    [one] én påminnelse
   *[other] { $count } påminnelser
}
signing-cancel = Kanseller signeringen
signing-cancel-confirm = Kansellere signeringen? Signatarene kan ikke lenger signere.
signing-reason = Begrunnelse
signing-timeline = Tidslinje
signing-signed-copy = Signert kopi
signing-event-created = Opprettet
signing-event-sent = Lenke sendt
signing-event-opened = Åpnet
signing-event-code-sent = Engangskode sendt
signing-event-code-confirmed = Engangskode bekreftet
signing-event-signed = Signert
signing-event-rejected = Avvist
signing-event-reminded = Påminnelse sendt
signing-event-cancelled = Kansellert
signing-event-expired = Utløpt
signing-event-completed = Fullført, signert kopi lagret
signing-event-failed = Feilet
signing-event-signatory-signed = Signert med BankID
signing-event-signatory-rejected = Avvist
signing-event-signatory-opened = Åpnet
signing-event-signatory-sign-link-opened = Åpnet
signing-event-signatory-download-link-opened = Lastet ned
signing-event-signature-order-expired = Utløpt
signing-event-signatory-sign-error = Feil under signering
# emails
signing-mail-subject = Dokument til signering: { $title }
signing-mail-reminder-subject = Påminnelse: dokument til signering: { $title }
signing-mail-body =
    Hei { $name },

    Vi ber deg signere «{ $title }».

    { $message }

    Åpne dokumentet og signer her:
    { $link }

    Signeringsmåte: { $method }
    Fristen er { $expires }.
signing-code-subject = Engangskode for signering: { $title }
signing-code-body =
    Hei { $name },

    Engangskoden din for å signere «{ $title }» er { $code }.
    Den gjelder i { $minutes } minutter.

    Har du ikke bedt om denne koden, kan du se bort fra e-posten.
# the signer's page
signing-page-heading = Signering
signing-page-from = { $sender } ber { $name } signere dette dokumentet.
signing-simple-explained = Dette er en enkel elektronisk signatur: du bekrefter hvem du er med en engangskode sendt til e-posten eller mobilen din. Det er ikke BankID.
signing-code-explain = Vi sender en engangskode til { $email }.
signing-code-send = Send meg en kode
signing-code-resend = Send en ny kode
signing-code = Engangskode
signing-code-confirm = Bekreft
signing-code-cannot-send = Byrået har ikke satt opp e-post eller SMS som når deg, så engangskoden kan ikke sendes. Har du tilgang til kundeportalen, kan du logge inn der og signere: innloggingen bekrefter hvem du er. Ellers: ta kontakt med byrået.
signing-code-expired = Koden er utløpt. Be om en ny kode.
signing-code-too-many = For mange feil forsøk. Be om en ny kode.
signing-code-limit = Du har bedt om så mange koder som er lov for denne signeringen. Bruk den siste koden du fikk, eller ta kontakt med byrået.
signing-code-locked = Det er skrevet inn feil kode for mange ganger for dette dokumentet, så det kan ikke signeres med kode lenger. Ta kontakt med byrået for en ny signeringsforespørsel.
signing-code-wrong = Koden stemmer ikke. Sjekk koden du fikk, og prøv igjen.
signing-open-document = Åpne dokumentet i en ny fane
signing-confirm = Jeg har lest hele dokumentet og signerer det.
signing-confirm-required = Kryss av for at du har lest dokumentet.
signing-sign = Signer
signing-reject = Avvis
signing-reason-required = Skriv en begrunnelse (høyst 1000 tegn).
signing-you-signed = Du signerte { $when }. Takk!
signing-you-rejected = Du har avvist signeringen. Byrået har fått beskjed.
signing-all-signed = Alle har signert.
signing-waiting-others = Vi venter på de andre signatarene.
signing-closed-open = Signeringen er utløpt.
signing-closed-completed = Signeringen er fullført.
signing-closed-rejected = Signeringen er avvist.
signing-closed-expired = Signeringen er utløpt.
signing-closed-cancelled = Signeringen er kansellert av byrået.
signing-closed-failed = Signeringen kunne ikke fullføres.
signing-document-changed = Dokumentet er endret siden det ble sendt, og kan ikke signeres. Ta kontakt med byrået.
# the signature page appended to the signed copy
signing-page-title = Signaturside
signing-page-kind = Enkel elektronisk signatur (ikke BankID). Hvordan hver signatar bekreftet hvem de er, står under navnet.
signing-page-document = Dokument: { $title }
signing-page-file = Fil
signing-page-email = E-post
signing-page-signed-at = Signert
signing-page-ip = IP-adresse
signing-page-user-agent = Nettleser
signing-page-hash = SHA-256 av dokumentet som ble vist
signing-portal-proof = Du er logget inn i kundeportalen som { $name }. Innloggingen bekrefter hvem du er, og det står på signatursiden.
signing-event-portal-login-confirmed = Identitet bekreftet med innlogging i kundeportalen
signing-event-waiting-in-portal = Venter i kundeportalen (verken e-post eller SMS når signataren)
signing-event-unreachable = Ingen kanal når signataren: ingen lenke sendt
signing-page-via = Identitet bekreftet
signing-page-via-email_code = engangskode sendt til e-post
signing-page-via-portal_login = innlogging i kundeportalen
signing-unreachable = { $name } kan ikke nås: verken e-post eller SMS når { $name }, og { $name } har ikke tilgang til kundeportalen med rett til å signere. Sett opp e-post eller SMS (og legg inn mobilnummer), eller gi tilgang i portalen.
signing-in-portal = Venter i kundeportalen
signing-remind-no-email = En påminnelse sendes på e-post eller SMS, og ingen av dem når denne signataren.
# decision 0049: the link and the one-time code by SMS
signing-sms-body = Du er bedt om å signere «{ $title }» innen { $expires }. Åpne dokumentet og signer her: { $link }
signing-sms-reminder-body = Påminnelse: du er bedt om å signere «{ $title }» innen { $expires }. Åpne dokumentet og signer her: { $link }
signing-code-sms-body = Engangskoden din for å signere «{ $title }» er { $code }. Den gjelder i { $minutes } minutter.
signing-code-explain-sms = Vi sender en engangskode på SMS til { $mobile }.
signing-code-explain-choice = Vi sender deg en engangskode. Velg hvor du vil få den:
signing-code-send-email = Kode på e-post til { $email }
signing-code-send-sms = Kode på SMS til { $mobile }
signing-code-sent-email = Koden er sendt på e-post til { $email }.
signing-code-sent-sms = Koden er sendt på SMS til { $mobile }.
signing-page-via-sms_code = engangskode sendt på SMS til { $mobile }
signing-event-sent-sms = Lenke sendt på SMS
signing-event-reminded-sms = Påminnelse sendt på SMS
signing-event-code-sent-sms = Engangskode sendt på SMS
signing-by-email = Lenke på e-post
signing-by-sms = Lenke på SMS til { $mobile }
signing-signer-needs-address = { $name } har verken e-postadresse eller mobilnummer.
signing-email-not-configured-sms = E-post er ikke satt opp, men SMS er: signatarer med mobilnummer får lenken og engangskoden på SMS. E-poster til de andre venter i utboksen til e-post er satt opp. Lenkene er bare for signatarene og vises ikke her.
