## Assignments (oppdrag): the compliance light and its reasons.

compliance-green = Ingen avvik
compliance-yellow = Advarsel
compliance-red = Stopper aktivering
compliance-no-legal-basis = Mangler rettslig grunnlag for innleie (aml. § 14-12).
compliance-legal-basis-incomplete = Det rettslige grunnlaget for innleie er ikke beskrevet (hva er behovet, hvem vikarieres for, hvilken avtale).
compliance-no-hms-card = Kunden er i bygg eller renhold, og vikaren har ikke gyldig HMS-kort.
compliance-hms-card-expired = HMS-kortet gikk ut { $date }, før oppdraget starter.
compliance-hms-card-expires = HMS-kortet går ut { $date }, før oppdraget slutter.
compliance-no-work-permit = Vikaren trenger oppholdstillatelse for å arbeide, og ingen er registrert.
compliance-work-permit-ends = Oppholdstillatelsen gjelder bare til { $date }, før oppdraget slutter.
compliance-overtime-pay-too-low = Overtidslønnen for { $percent } % er lavere enn lønnen med minst { $minimum } % tillegg (aml. § 10-6).
compliance-building-site-ban = Innleie fra bemanningsforetak til bygningsarbeid på byggeplass er forbudt i dette fylket.
compliance-equal-terms-missing = Innleiebedriftens lønns- og arbeidsvilkår for stillingen er ikke registrert (likebehandling, aml. § 14-12 a).
compliance-equal-terms-unmet = Lønnen er lavere enn innleiebedriftens lønn for stillingen (likebehandling).
compliance-equal-terms-old = Innleiebedriftens vilkår ble sist bekreftet { $date }; de må bekreftes på nytt etter lønnsoppgjøret.
compliance-margin-below-floor = Dekningsbidraget er under firmaets nedre grense.
compliance-three-years = Vikaren har vært leid inn til denne kunden sammenhengende i nesten tre år ({ $date }).

holiday-new-years-day = Første nyttårsdag
holiday-maundy-thursday = Skjærtorsdag
holiday-good-friday = Langfredag
holiday-easter-sunday = Første påskedag
holiday-easter-monday = Andre påskedag
holiday-labour-day = Arbeidernes dag
holiday-constitution-day = Grunnlovsdag
holiday-ascension-day = Kristi himmelfartsdag
holiday-whit-sunday = Første pinsedag
holiday-whit-monday = Andre pinsedag
holiday-christmas-day = Første juledag
holiday-boxing-day = Andre juledag

tab-assignments = Oppdrag
assignments-current = Pågående og kommende
assignments-ended = Avsluttet
assignments-none = Ingen oppdrag her.
assignment-new = Nytt oppdrag
assignment-edit = Rediger oppdrag
assignment-saved = Oppdraget er lagret.
assignment-stale = Noen andre har lagret dette oppdraget etter at du åpnet det. Det du skrev står fortsatt her; se over og lagre igjen.
assignment-worker = Vikar
assignment-choose-worker = Velg vikar
assignment-worker-required = Velg en vikar.
assignment-title = Rolle
assignment-styrk = STYRK-kode
assignment-styrk-invalid = En STYRK-08-kode har fire siffer, f.eks. 9321.
assignment-period = Periode
assignment-open-ended = fra { $from }, uten sluttdato
assignment-from = Fra
assignment-to = Til
assignment-to-field = Til (tomt: uten sluttdato)
assignment-to-before-from = Sluttdatoen er før startdatoen.
assignment-hours-per-week = Timer per uke
assignment-hours-invalid = Skriv timer per uke som et tall, f.eks. 37,5.
assignment-standard-week = Normaluke
assignment-days-required = Kryss av minst én arbeidsdag.
assignment-day-start = Fra kl.
assignment-day-end = Til kl.
assignment-break = Pause (minutter)
assignment-time-invalid = Skriv klokkeslett som TT:MM, f.eks. 07:30.
assignment-break-invalid = Pausen må være fra 0 til 180 minutter.
assignment-end-before-start = Arbeidsdagen må slutte etter at den starter, og være lengre enn pausen.
assignment-rates = Priser per time (kr)
assignment-bill-rate = Timepris til kunde
assignment-pay-rate = Timelønn
assignment-rate-invalid = Skriv et beløp i kroner, f.eks. 450 eller 450,50.
assignment-ot50-bill = Overtid 50 %: pris
assignment-ot50-pay = Overtid 50 %: lønn
assignment-ot100-bill = Overtid 100 %: pris
assignment-ot100-pay = Overtid 100 %: lønn
assignment-overtime = Overtid
assignment-hiring-law = Innleie (arbeidsmiljøloven)
assignment-legal-basis = Rettslig grunnlag
assignment-legal-basis-none = Ikke valgt
assignment-legal-basis-text = Beskrivelse (behovet, hvem det vikarieres for, avtalen)
legal-basis-temporary_work = Arbeid av midlertidig karakter (§ 14-12 første ledd)
legal-basis-substitute = Vikariat (§ 14-12 første ledd)
legal-basis-agreement = Avtale med tillitsvalgte (§ 14-12 andre ledd)
assignment-equal-pay = Innleiebedriftens timelønn for stillingen
assignment-equal-confirmed = Bekreftet dato
assignment-equal-date-required = Skriv når innleiebedriften sist bekreftet lønnen.
assignment-workplace = Arbeidssted
assignment-building-site = Bygningsarbeid på byggeplass
assignment-people = Ansvar og godkjenning
assignment-consultant = Ansvarlig konsulent
assignment-approver = Godkjenner timelister
assignment-second-approver = Andre godkjenner (dobbel godkjenning)
assignment-same-approver = Andre godkjenner må være en annen person.
assignment-purchase-order = Innkjøpsordre / referanse
assignment-invoice-grouping = Fakturering
invoice-grouping-default = Som kundens standard
invoice-grouping-customer = Én faktura per kunde
invoice-grouping-assignment = Én faktura per oppdrag
invoice-grouping-worker = Én faktura per vikar
invoice-grouping-purchase_order = Én faktura per innkjøpsordre
assignment-status = Status
assignment-status-planned = Planlagt
assignment-status-active = Aktiv
assignment-status-ended = Avsluttet
assignment-status-cancelled = Kansellert
assignment-compliance = Regelsjekk
assignment-margin = Dekningsbidrag per time
assignment-margin-per-hour = Dekningsbidrag per time
assignment-period-margin = For perioden: { $hours } timer, dekningsbidrag { $amount } kr.
assignment-check-incomplete = Fyll ut vikar, datoer, arbeidstid og priser, så sjekkes reglene mens du skriver.
assignment-activate = Aktiver
assignment-cancel = Kanseller
assignment-extend = Endre sluttdato
assignment-end = Avslutt
assignment-new-end = Ny sluttdato
assignment-last-day = Siste dag
assignment-red-blocks = Oppdraget kan ikke aktiveres mens regelsjekken er rød. Rett det som står under Regelsjekk først.
assignment-end-date-invalid = Skriv en dato som ikke er før oppdraget startet.
assignment-move-not-allowed = Det går ikke an å gjøre det med et oppdrag med denne statusen.
assignment-closed = Et avsluttet eller kansellert oppdrag kan ikke endres.
assignment-stale-move = Noen andre har endret oppdraget i mellomtiden. Last siden på nytt.
weekday-short-1 = Man
weekday-short-2 = Tir
weekday-short-3 = Ons
weekday-short-4 = Tor
weekday-short-5 = Fre
weekday-short-6 = Lør
weekday-short-7 = Søn
form-malformed = Skjemaet kom ikke fram slik det skulle. Prøv igjen.
history-assignment-create = Oppdrag opprettet
history-assignment-update = Oppdrag endret
history-assignment-activate = Oppdrag aktivert
history-assignment-extend = Oppdragets sluttdato endret
history-assignment-end = Oppdrag avsluttet
history-assignment-cancel = Oppdrag kansellert
portal-assignments = Oppdrag
portal-assignments-none = Ingen pågående eller kommende oppdrag.
# The confirmation emails go out in Norwegian whatever the sender's language (assignments::confirm).
confirmation-subject = Oppdragsbekreftelse: { $title } hos { $customer }
confirmation-worker-body = Hei { $worker }!

    Vi bekrefter oppdraget ditt som { $title } hos { $customer }.

    Periode: { $period }
    Arbeidssted: { $place }
    Arbeidstid: { $hours } timer per uke
    Timelønn: { $rate } kr

    Ta kontakt med oss hvis noe ikke stemmer.
confirmation-customer-body = Hei!

    Vi bekrefter at { $worker } arbeider hos { $customer } som { $title }.

    Periode: { $period }
    Arbeidssted: { $place }
    Arbeidstid: { $hours } timer per uke
    Timepris: { $rate } kr eks. mva.

    Ta kontakt med oss hvis noe ikke stemmer.
assignment-confirm = Send oppdragsbekreftelse
assignment-confirm-sent = Oppdragsbekreftelsen er lagt i utboksen{ $worker ->
    [yes] {" "}til vikaren
   *[no] {""}
}{ $count ->
    [0] {""}
    [one] {" "}og til { $count } godkjenner
   *[other] {" "}og til { $count } godkjennere
}. Du ser den under Dialog.
assignment-confirm-nobody = Verken vikaren eller godkjenneren har e-postadresse, så ingen bekreftelse ble sendt.
assignment-confirm-not-configured = E-post er ikke satt opp ennå: bekreftelsen venter i utboksen til den er det.
history-assignment-confirm = Oppdragsbekreftelse sendt
assignment-confirmation = Bekreftelse
assignment-stale-api = Oppdraget er endret av noen andre (nå versjon { $version }). Hent det på nytt og prøv igjen.
assignment-days-invalid = Arbeidsdager er tall fra 1 (mandag) til 7 (søndag).
invoice-grouping-hint = Styrer hvordan fakturakjøringen samler timene fra dette oppdraget på fakturaer.

# Allowances (tillegg) on the assignment
assignment-allowances = Tillegg
allowance-hint = Tillegg per time i et tidsrom (kveld, natt, helg, helligdag), etter et antall timer per dag, eller per enhet (km, måltid). Lønn er skattepliktig og gir feriepenger; utgiftsgodtgjørelse (km, måltider) gjør ikke det. Velg en mal for å fylle ut en tom rad; tomme rader lagres ikke.
allowance-preset = Mal
allowance-preset-evening = Kveldstillegg
allowance-preset-night = Nattillegg
allowance-preset-saturday = Lørdagstillegg
allowance-preset-sunday = Søndagstillegg
allowance-preset-holiday = Helligdagstillegg
allowance-preset-km = Kilometergodtgjørelse
allowance-preset-meal = Kostgodtgjørelse
allowance-name = Navn
allowance-code = Kode
allowance-kind = Type
allowance-kind-pay = Lønn
allowance-kind-expense = Utgiftsgodtgjørelse
allowance-bill = Pris (kr)
allowance-pay = Lønn (kr)
allowance-rule = Regel
allowance-rule-window = Tidsrom
allowance-rule-after_hours = Etter timer per dag
allowance-rule-per_unit = Per enhet
allowance-start = Fra
allowance-end = Til
allowance-days = Dager
allowance-holidays = Helligdager
allowance-hours = Etter timer
allowance-unit = Enhet
allowance-unit-km = km
allowance-unit-meal = måltid
allowance-unit-day = dag
allowance-unit-piece = stk.
allowance-remove = Fjern
allowance-none = Ingen tillegg.
allowance-whole-day = hele døgnet
allowance-after-hours-text = etter { $hours } timer per dag
allowance-per-km = per km
allowance-per-meal = per måltid
allowance-per-day = per dag
allowance-per-piece = per stk.
allowance-too-many = Et oppdrag kan ha høyst { $max } tillegg.
allowance-code-invalid = Koden kan bare ha små bokstaver a–z, sifre, - og _ (høyst 30 tegn).
allowance-code-duplicate = Koden «{ $code }» er brukt på et annet tillegg. Hvert tillegg trenger sin egen kode.
allowance-time-invalid = Skriv klokkeslett som TT:MM, for eksempel 21:00.
allowance-days-required = Velg minst én dag eller helligdager.
allowance-hours-invalid = Skriv antall timer per dag, mellom 0 og 24, for eksempel 9 eller 7,5.
allowance-amount-negative = Beløpet kan ikke være negativt.
confirmation-allowances = Tillegg: { $names }

# The admin's hiring settings (/admin/hiring).
hire-settings-title = Innleieregler
hire-settings-saved = Innleiereglene er lagret. Lysene og marginene bruker dem nå.
hire-settings-costs = Kostnader i tillegg til lønn
hire-settings-costs-hint = Andeler av lønnen, i prosent (for eksempel «12,0 %»). Dekningsbidraget er timepris minus lønn × (1 + summen av andelene).
hire-settings-holiday-pay = Feriepenger
hire-settings-employer-contribution = Arbeidsgiveravgift
hire-settings-pension = Pensjon (OTP)
hire-settings-insurance = Forsikring
hire-settings-total = I bruk nå: til sammen { $total }.
hire-settings-example = En lønn på { $pay } kr/t koster { $cost } kr/t.
hire-settings-margin = Dekningsbidrag
hire-settings-margin-floor = Varsle når dekningsbidraget er under (andel av timeprisen)
hire-settings-margin-floor-hint = Oppdrag med lavere dekningsbidrag enn { $floor } får gult lys.
hire-settings-equal-terms-age = Innleiebedriftens vilkår må bekreftes på nytt etter { $count ->
    [one] { $count } dag
   *[other] { $count } dager
} (fast, ikke en innstilling).
hire-settings-ban = Forbud mot innleie til bygningsarbeid på byggeplasser
hire-settings-ban-hint = Regelen som gjelder fra 1. april 2023: innleie fra bemanningsforetak til bygningsarbeid på byggeplasser er forbudt i Oslo, tidligere Viken (nå Østfold 31, Akershus 32 og Buskerud 33) og tidligere Vestfold (39). Kryss av fylkene der forbudet gjelder; endre listen hvis loven endres. Et oppdrag på byggeplass i et avkrysset fylke får rødt lys.
hire-settings-share-invalid = Skriv en prosent med høyst to desimaler, for eksempel «12,0».
hire-settings-share-range = Prosenten kan ikke være over 100.
hire-settings-county-unknown = Ukjent fylkesnummer: { $county }.

# The hirer's terms in the customer portal.
hirer-title = Lønns- og arbeidsvilkår for innleide
hirer-intro = Innleide skal ha minst samme lønn og arbeidstid som om de var ansatt hos dere i samme stilling (likebehandling, arbeidsmiljøloven § 14-12 a). Oppgi deres egen timelønn for hver stilling, og bekreft den på nytt etter hvert lønnsoppgjør.
hirer-saved = Takk, vilkårene er lagret.
hirer-none = Dere har ingen pågående eller kommende oppdrag.
hirer-on-file = Registrert: { $pay } kr/t, bekreftet { $date }.
hirer-confirm-unchanged = Bekreft uendret
hirer-missing = Ikke registrert ennå.
hirer-pay = Deres timelønn for stillingen (kr)
hirer-terms = Arbeidstid og andre vilkår (valgfritt)
hirer-save = Lagre og bekreft
hirer-pay-required = Skriv timelønnen.
hirer-pay-invalid = Skriv timelønnen i kroner, for eksempel «245» eller «245,50».
hirer-terms-too-long = Vilkårene kan være høyst { $max } tegn.
hirer-nothing-to-confirm = Det er ingen vilkår å bekrefte for denne stillingen ennå.

# Who confirmed the hirer's terms (on the assignment) and the card's history.
assignment-equal-confirmed-by = Bekreftet { $date } av { $who }
assignment-equal-by-contact = { $name } (kundeportalen)
assignment-equal-by-portal = kundens kontaktperson (kundeportalen)
assignment-equal-none = Ikke registrert
history-equal-terms-portal = Innleiebedriftens vilkår registrert i kundeportalen
history-equal-terms-confirm = Innleiebedriftens vilkår bekreftet uendret i kundeportalen
equal-terms-position = Stilling
equal-terms-pay = Timelønn
equal-terms-terms = Vilkår
equal-terms-confirmed-by = Bekreftet av
