# Rental offers (utleietilbud) from a vacancy (decision 0042).
offers = Utleietilbud
offers-none = Ingen tilbud er laget ennå.
offer-document = Tilbud
offer-status = Status
offer-valid-until = Gyldig til
offer-status-draft = Ikke sendt
offer-status-sent = Sendt
offer-status-accepted = Akseptert
offer-status-declined = Avslått
offer-status-expired = Utløpt
offer-sent-email = Sendt på e-post { $date }
offer-sent-signing = Sendt til signering { $date }
offer-answered = { $date }, { $by } ({ $how })
offer-answered-signing = signert
offer-signing-order = Signeringsoppdraget
offer-email-to = Send til
offer-email-not-configured = E-post er ikke satt opp ennå: e-posten venter i utboksen og sendes først når e-post er satt opp.
offer-send-email = Send på e-post
offer-send-signing = Send til signering
offer-record-answer = Registrer kundens svar
offer-answered-on = Dato
offer-answered-by = Hvem svarte
offer-answered-how = Hvordan
offer-answered-how-hint = f.eks. e-post, telefon
offer-accepted-button = Akseptert
offer-declined-button = Avslått
offer-language = Språk
offer-language-nb = Norsk (bokmål)
offer-language-en = Engelsk
offer-make = Lag tilbud
offer-make-hint = Tilbudet lages som PDF med stillingens periode, priser og vilkår og lagres under kundens dokumenter.
offer-notice-made = Tilbudet er laget og lagret under kundens dokumenter.
offer-notice-emailed = Tilbudet er lagt i utboksen og sendes nå.
offer-notice-queued = Tilbudet er lagt i utboksen, men e-post er ikke satt opp, så det er ikke sendt ennå.
offer-notice-accepted = Kundens aksept er registrert.
offer-notice-declined = Kundens avslag er registrert.
offer-not-open = Tilbudet er allerede besvart eller utløpt og kan ikke sendes.
offer-already-answered = Tilbudet er allerede besvart.
offer-date-invalid = Skriv datoen som 01.03.2027.
offer-valid-until-past = Datoen kan ikke være passert.
offer-answer-future = Datoen kan ikke være frem i tid.
offer-contact-required = Velg en kontaktperson.
offer-contact-no-email = Kontaktpersonen har ingen e-postadresse.
offer-file-name = Utleietilbud { $number }.pdf
offer-mail-subject = Utleietilbud: { $title }
offer-mail-body =
    Hei { $name },

    Vedlagt er vårt tilbud om utleie av personell: { $title }. Tilbudet gjelder til og med { $valid }.

    Med vennlig hilsen
    { $sender }
history-vacancy-offer-create = Utleietilbud laget
history-vacancy-offer-email = Utleietilbud sendt på e-post
history-vacancy-offer-signing = Utleietilbud sendt til signering
history-vacancy-offer-accepted = Utleietilbud akseptert
history-vacancy-offer-declined = Utleietilbud avslått
offer-pdf-title = Utleietilbud
offer-pdf-number = Tilbudsnr.
offer-pdf-date = Dato
offer-pdf-valid-until = Gyldig til
offer-pdf-to = Til
offer-pdf-from = Fra
offer-pdf-org-number = Org.nr.
offer-pdf-foretaksregisteret = Foretaksregisteret
offer-pdf-intro = Tilbud
offer-pdf-intro-text = Vi takker for forespørselen og har gleden av å gi { $customer } tilbud om utleie av personell på disse vilkårene.
offer-pdf-position = Stilling
offer-pdf-occupation = Yrke
offer-pdf-period = Periode
offer-pdf-open-ended = fra { $from }, uten sluttdato
offer-pdf-positions = Antall
offer-pdf-positions-count =
    { $count ->
        [one] { $count } person
       *[other] { $count } personer
    }
offer-pdf-working-time = Arbeidstid
offer-pdf-hours-per-week = Timer per uke
offer-pdf-break = Pause
offer-pdf-break-minutes =
    { $count ->
        [one] { $count } minutt pause
       *[other] { $count } minutter pause
    }
offer-pdf-workplace = Arbeidssted
offer-pdf-building-site = byggeplass
offer-pdf-contact = Kontaktperson hos dere
offer-pdf-consultant = Ansvarlig konsulent
offer-pdf-prices = Priser
offer-pdf-hourly-rate = Timepris
offer-pdf-kr-per-hour = { $amount } kr per time
offer-pdf-overtime = Overtid
offer-pdf-overtime-class = Overtid { $percent } %
offer-pdf-allowances = Tillegg
offer-pdf-per-hour = per time
offer-pdf-terms = Vilkår
offer-pdf-purchase-order = Innkjøpsordre
offer-pdf-legal-basis = Grunnlag for innleie
offer-pdf-equal-treatment = Likebehandling
offer-pdf-equal-treatment-text = Lønn hos dere for tilsvarende arbeid (arbeidsmiljøloven § 14-12 a): { $pay } kr per time, bekreftet av dere { $confirmed }.
offer-pdf-vat = Merverdiavgift
offer-pdf-vat-text = Alle priser er uten merverdiavgift.
offer-pdf-acceptance = Aksept
offer-pdf-acceptance-text = Tilbudet gjelder til og med { $date }. Det aksepteres ved å signere det eller ved å svare oss skriftlig innen den datoen.
# The offers' fields in the card's history (entity `vacancy`).
vacancy-offer = Tilbud
vacancy-valid-until = Gyldig til
vacancy-signing-order = Signeringsoppdrag
vacancy-answered-on = Svart
vacancy-answered-by = Svar fra
vacancy-answered-how = Hvordan
