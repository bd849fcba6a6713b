# Kundekortets oversikt

box-master = Grunndata
box-invoice = Fakturaopplysninger
box-activity = Siste aktivitet
activity-none = Ingen aktiviteter registrert.
activity-all = Se hele dagboken for kunden
box-figures = Nøkkeltall
error-back-card = Tilbake til kundekortet

layout-drag = Dra for å flytte
layout-move-up = Flytt opp
layout-move-down = Flytt ned
layout-hide = Skjul
layout-reset = Tilbakestill oppsettet
layout-make-default = Bruk mitt oppsett som standard for firmaet
layout-saved = Oppsettet er lagret.
layout-unknown-box = Ukjent boks.
layout-unknown-box-named = Ukjent boks: { $key }

comments-none = Ingen faste kommentarer.
comment-new = Ny fast kommentar
comment-add = Legg til kommentar
comment-text = Kommentar
comment-body = Kommentar

figures-contacts = Aktive kontaktpersoner
figures-active-assignments = Aktive oppdrag
figures-portal-users = Brukere i kundeportalen
figures-customer-since = Registrert

invoice-edit = Endre fakturaopplysninger
invoice-delivery-method = Fakturaen sendes som
invoice-email = E-post for faktura
invoice-invoice-email = E-post for faktura
invoice-ehf = EHF (elektronisk faktura)
invoice-ehf-enabled = EHF
invoice-peppol-id = Mottakers PEPPOL-ID
invoice-peppol-hint = Brukes når fakturaen sendes som EHF. Tomt felt betyr 0192 og organisasjonsnummeret (norske virksomheter).
invoice-payment-terms = Betalingsfrist
invoice-payment-terms-days = Betalingsfrist (dager)
invoice-days = { $count ->
    [one] 1 dag
   *[other] { $count } dager
}
invoice-address = Fakturaadresse
invoice-invoice-street = Fakturaadresse
invoice-invoice-postal-code = Postnummer (faktura)
invoice-address-same = Samme som postadressen
invoice-address-hint = Fyll ut bare hvis fakturaer skal til en annen adresse.
invoice-po-required = Kunden krever sin referanse eller bestillingsnummer på fakturaen
invoice-po-required-short = Krever kundens referanse
invoice-our-reference = Vår referanse
invoice-stale = Noen andre har endret fakturaopplysningene mens du redigerte. Det du skrev står fortsatt i skjemaet; se over og lagre igjen.
delivery-email = E-post
delivery-ehf = EHF (elektronisk faktura)
delivery-paper = Papir (skrives ut og sendes i posten)
peppol-needed = EHF krever en PEPPOL-ID eller et organisasjonsnummer på kunden.
peppol-format = Skriv PEPPOL-ID som 0192:923609016.
payment-terms-range = Skriv et antall dager fra 0 til 365.
delivery-email-needs-email = Fyll ut e-post for faktura når fakturaer sendes som e-post.

brreg-update = Oppdater fra Enhetsregisteret
brreg-ours = Hos oss
brreg-register = I Enhetsregisteret
brreg-apply = Bruk verdiene fra Enhetsregisteret
brreg-no-differences = Alt stemmer med Enhetsregisteret.
brreg-no-org-number = Kunden har ikke organisasjonsnummer.

history-comment-create = Fast kommentar lagt til
history-comment-update = Fast kommentar endret
history-comment-delete = Fast kommentar slettet
history-comment-move = Faste kommentarer sortert
history-invoice-settings = Fakturaopplysninger endret
page-out-of-range = Sidetallet må være et heltall fra 1 til { $max }.
request-refused = Forespørselen ble avvist: { $detail }
# The card head's quick actions (decision 0048).
quick-actions = Hurtigvalg
quick-menu = + Ny
quick-log-activity = Logg aktivitet
quick-follow-up = Planlegg oppfølging
quick-email = Skriv e-post
quick-sms = Skriv SMS
quick-call = Ring { $name }
quick-upload = Last opp dokument
quick-sign = Send til signering
quick-close = Lukk
quick-upload-title = Last opp dokumenter
