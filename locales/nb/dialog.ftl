## Dialog (part 5): email and SMS

nav-dialog = Dialog
tab-dialog = Dialog
dialog-title = E-post og SMS
dialog-firm-title = Dialog – hele firmaet
dialog-firm-scope-all = Alle e-poster og SMS sendt fra systemet, for alle kunder.
dialog-firm-scope-mine = E-poster og SMS for kundene du har tilgang til.
dialog-new-email = Skriv e-post
dialog-new-sms = Skriv SMS
dialog-email-not-configured = E-post er ikke satt opp på denne serveren (SMTP mangler). Meldinger du skriver, venter i utboksen og sendes når e-post er satt opp.
dialog-sms-not-configured = SMS er ikke satt opp på denne serveren (ingen SMS-leverandør). Meldinger du skriver, venter i utboksen og sendes når SMS er satt opp.
dialog-email-not-configured-api = E-post er ikke satt opp på denne serveren (ingen SMTP), så ingenting ble lagt i køen.
dialog-sms-not-configured-api = SMS er ikke satt opp på denne serveren (ingen SMS-leverandør), så ingenting ble lagt i køen.
dialog-channel-unknown = Kanalen må være «email» eller «sms».
dialog-queued = { $count ->
    [one] Én melding er lagt i utboksen og sendes straks.
   *[other] { $count } meldinger er lagt i utboksen og sendes straks.
}
dialog-queued-waiting = { $count ->
    [one] Én melding er lagt i utboksen. Den venter der til kanalen er satt opp på serveren, og sendes da.
   *[other] { $count } meldinger er lagt i utboksen. De venter der til kanalen er satt opp på serveren, og sendes da.
}
dialog-empty = Ingen meldinger å vise.
dialog-search = Søk
dialog-search-hint = Emne eller tekst
dialog-filter = Filtrer
dialog-filters = Filtre
dialog-filter-clear = Nullstill
dialog-field-channel = Kanal
dialog-field-direction = Retning
dialog-field-contact = Kontaktperson
dialog-field-consultant = Konsulent
dialog-field-status = Status
dialog-field-from = Fra dato
dialog-field-to = Til dato
dialog-field-q = Søk
dialog-field-page = Side
dialog-field-after = Sidestart
dialog-channel-email = E-post
dialog-channel-sms = SMS
dialog-direction-out = Sendt
dialog-direction-in = Mottatt
dialog-status-queued = I utboksen
dialog-status-sent = Sendt
dialog-status-delivered = Levert
dialog-status-failed = Feilet
dialog-status-received = Mottatt
dialog-event-queued = Lagt i utboksen
dialog-event-sent = Sendt
dialog-event-retrying = Forsøket mislyktes, prøver igjen
dialog-event-delivered = Levert til mottaker
dialog-event-failed = Kunne ikke sendes
dialog-event-received = Mottatt
dialog-col-time = Tid
dialog-col-customer = Kunde
dialog-col-from-to = Fra / til
dialog-col-subject = Emne / tekst
dialog-newer = Nyere
dialog-older = Eldre
dialog-page = Side { $page }
dialog-unknown-sender = Ukjent avsender
dialog-attachments = Vedlegg
dialog-history = Leveringshistorikk
dialog-message-id = Meldings-ID
dialog-provider-id = Leverandørens ID
dialog-from = Fra
dialog-to = Til
dialog-cc = Kopi
dialog-reply-to = Svar til
dialog-system = Systemet
dialog-sms-parts = { $parts ->
    [one] 1 SMS
   *[other] { $parts } SMS
}
dialog-recipients = Mottakere
dialog-contact = Kontaktperson
dialog-address = E-postadresse
dialog-mobile = Mobil
dialog-no-email-contacts = Ingen aktive kontaktpersoner hos kunden har e-postadresse.
dialog-no-mobile-contacts = Ingen aktive kontaktpersoner hos kunden har mobilnummer.
dialog-subject = Emne
dialog-subject-email-only = Emne (bare e-post)
dialog-body = Tekst
dialog-format-hint = Enkel formatering: tom linje gir nytt avsnitt, linjer som starter med «- » blir punktliste, **fet** blir fet, og nettadresser blir lenker.
dialog-merge-hint = Flettefelt:
dialog-merge-unknown = Ukjent flettefelt: { $fields }. Du kan bruke { $known }.
dialog-personal-note = Teksten har personlige flettefelt, så hver mottaker i Til-feltet får sin egen e-post (med de samme kopimottakerne).
dialog-recipient-required = Velg minst én mottaker.
dialog-too-many-recipients = Høyst { $max } mottakere i én melding. Til flere: bruk masseutsendelse fra kundelisten.
dialog-too-many-attachments = Høyst { $max } vedlegg i én e-post.
dialog-recipient-unknown = En valgt mottaker er ikke en aktiv kontaktperson hos denne kunden.
dialog-form-has-errors = Noe må rettes før meldingen kan sendes. Det du skrev er tatt vare på.
dialog-preview = Forhåndsvis
dialog-send = Send
dialog-cancel = Avbryt
dialog-save = Lagre
dialog-saved = Lagret.
dialog-delete = Slett
dialog-sms-length-gsm = { $chars } tegn · { $parts } SMS · { $left } tegn igjen før neste SMS
dialog-sms-length-unicode = { $chars } tegn · { $parts } SMS · { $left } tegn igjen før neste SMS (spesialtegn eller emoji gjør at hver SMS rommer færre tegn)
dialog-template = Mal
dialog-templates = Maler
dialog-template-none = Ingen mal
dialog-template-use = Bruk mal
dialog-template-new = Ny mal
dialog-template-new-email = Ny e-postmal
dialog-template-new-sms = Ny SMS-mal
dialog-template-edit = Endre mal
dialog-template-name = Navn
dialog-template-scope = Hvem kan bruke den
dialog-template-firm = Hele firmaet
dialog-template-personal = Bare meg
dialog-template-firm-admin-only = Bare administratorer kan lage maler for hele firmaet.
dialog-templates-hint = Firmaets maler kan brukes av alle og endres av administratorer. Dine egne maler ser bare du.
dialog-templates-none = Ingen maler ennå.
dialog-bulk-link = Send melding til disse kundene
dialog-bulk-title = Send melding til flere kunder
dialog-bulk-back = Tilbake til kundelisten
dialog-bulk-summary = { $customers ->
    [one] Én kunde
   *[other] { $customers } kunder
} i utvalget, { $recipients ->
    [one] én mottaker.
   *[other] { $recipients } mottakere.
}
dialog-bulk-without = { $count ->
    [one] Én av kundene har ingen kontaktperson å sende til og hoppes over.
   *[other] { $count } av kundene har ingen kontaktperson å sende til og hoppes over.
}
dialog-bulk-not-editable = { $count ->
    [one] Én kunde i utvalget er ikke din eller avdelingens og er tatt ut.
   *[other] { $count } kunder i utvalget er ikke dine eller avdelingens og er tatt ut.
}
dialog-bulk-audience = Til
dialog-bulk-audience-main = Hovedkontakten hos hver kunde
dialog-bulk-audience-all = Alle aktive kontaktpersoner
dialog-bulk-refresh = Oppdater mottakere og mal
dialog-bulk-send = { $count ->
    [one] Send 1 melding
   *[other] Send { $count } meldinger
}
dialog-bulk-no-recipients = Ingen i utvalget har en adresse å sende til.
dialog-bulk-too-many = En massesending kan ha høyst { $max } mottakere. Snevre inn utvalget.
settings-signature = Signatur
settings-signature-hint = Brukes i e-post og SMS der malen har {"{"}sender_signature{"}"}.
invite-emailed = Invitasjonen sendes på e-post til { $email }. Lenken i den er bare for kontaktpersonen: under Dialog ser du at den er sendt, men ikke lenken.
invite-mail-subject = Invitasjon til kundeportalen – { $customer }
invite-mail-body = Hei { $name }!

    Du er invitert til kundeportalen vår for { $customer }. Der kan du:
    { $offers }

    Velg passord her (lenken virker i { $days } dager og kan brukes én gang):
    { $link }

    Spør oss gjerne om noe er uklart – svar på denne e-posten.
# What the invitation promises: one line per right the contact holds that the portal has now
# (invoices and staff requests are not in the portal yet, so they are not promised).
invite-offer-view_assignments = – se oppdragene deres og vilkårene for innleide vikarer
invite-offer-approve_timesheets = – godkjenne timelister
invite-offer-view_invoices = – se fakturaer og kreditnotaer fra oss og laste dem ned som PDF
invite-offer-view_documents = – se og laste ned dokumenter vi deler med dere
invite-offer-sign_documents = – signere avtaler
invite-offer-none = – logge inn; vi gir deg tilgang til mer etter hvert
dialog-attachment-upload = Last opp vedlegg
dialog-attachment-hint = Filer du laster opp her, lagres også under kundens dokumenter.
dialog-attachment-description = Lastet opp som vedlegg i en e-post
dialog-attachment-unknown = Et av vedleggene finnes ikke lenger blant kundens dokumenter.
dialog-attachments-too-large = Vedleggene er til sammen større enn { $max }.

# Names, addresses and subjects that end up in email headers (contacts, users, messages).
field-control-chars = Kan ikke inneholde linjeskift, tabulatorer eller andre kontrolltegn.
