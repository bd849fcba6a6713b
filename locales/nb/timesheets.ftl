## Timesheets (timelister): a day line as typed, hand-entered units, and the working-hours law's
## warnings. In the warnings $value and $limit are hours (e.g. "10,5") or, for breaks and
## night work, minutes; $from and $to are dates.

timesheet-line-date-invalid = Skriv datoen som DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD.
timesheet-line-date-outside = Datoen er ikke i denne timelistens periode.
timesheet-line-start-invalid = Skriv starttiden som TT:MM, for eksempel 07:30.
timesheet-line-end-invalid = Skriv sluttiden som TT:MM, for eksempel 15:30.
timesheet-line-break-invalid = Skriv pausen i hele minutter.
timesheet-line-break-too-long = Pausen er like lang som arbeidstiden eller lengre.
timesheet-line-comment-too-long = Kommentaren er for lang.
timesheet-unit-unknown = Oppdraget har ikke dette tillegget.
timesheet-unit-quantity-invalid = Skriv et antall over null, med høyst tre desimaler.

timesheet-law-overtime-7-days = Overtid { $value } timer på sju dager ({ $from } – { $to }); grensen er { $limit } timer (aml. § 10-6).
timesheet-law-overtime-4-weeks = Overtid { $value } timer på fire uker ({ $from } – { $to }); grensen er { $limit } timer (aml. § 10-6).
timesheet-law-overtime-52-weeks = Overtid { $value } timer på 52 uker ({ $from } – { $to }); grensen er { $limit } timer (aml. § 10-6).
timesheet-law-work-24-hours = Arbeidstid { $value } timer i løpet av 24 timer ({ $from } – { $to }); grensen er { $limit } timer (aml. § 10-6 (8)).
timesheet-law-work-7-days = Arbeidstid { $value } timer i løpet av sju dager ({ $from } – { $to }); grensen er { $limit } timer (aml. § 10-6 (8)).
timesheet-law-daily-rest = Lengste sammenhengende hvile { $value } timer i løpet av 24 timer fra { $from }; kravet er { $limit } timer (aml. § 10-8).
timesheet-law-weekly-rest = Lengste sammenhengende hvile { $value } timer i løpet av sju dager ({ $from } – { $to }); kravet er { $limit } timer (aml. § 10-8).
timesheet-law-no-break = { $from }: { $value } timers arbeid uten pause; over { $limit } timer krever pause (aml. § 10-9).
timesheet-law-short-break = { $from }: pauser på { $value } minutter en dag over åtte timer; kravet er { $limit } minutter (aml. § 10-9).
timesheet-law-young-night = { $from }: en arbeidstaker under 18 år arbeidet { $value } minutter mellom kl. 21 og 06 (aml. § 11-3).
timesheet-law-young-day = { $from }: en arbeidstaker under 18 år arbeidet { $value } timer; grensen er { $limit } timer om dagen (aml. § 11-2).
timesheet-law-young-week = En arbeidstaker under 18 år arbeidet { $value } timer i uken { $from } – { $to }; grensen er { $limit } timer (aml. § 11-2).

## The sheets: states, the staff's pages, the life cycle's refusals.
timesheets = Timelister
timesheet = Timeliste
timesheets-none = Ingen timelister ennå.
timesheet-week = Uke
timesheet-period = Periode
timesheet-status = Status
timesheet-status-missing = Mangler
timesheet-status-draft = Utkast
timesheet-status-submitted = Sendt inn
timesheet-status-approved = Godkjent
timesheet-status-rejected = Avvist
timesheet-date = Dato
timesheet-start = Fra
timesheet-end = Til
timesheet-break = Pause (min)
timesheet-comment = Kommentar
timesheet-computed = Beregnet
timesheet-normal-short = ord.
timesheet-overtime-short = overtid
timesheet-units = Tillegg etter antall
timesheet-submit-on-behalf = Lagre og send inn på vegne av vikaren
timesheet-saved = Timelisten er lagret.
timesheet-totals = Sum
timesheet-worked = Arbeidet
timesheet-normal = Ordinære timer
timesheet-overtime = Overtid
timesheet-law-overtime = Overtid etter loven
timesheet-pay = Forventet lønn
timesheet-expenses = Utgiftsdekning
timesheet-bill = Til fakturering (eks. mva.)
timesheet-warnings = Arbeidstidsvarsler
timesheet-rejected-because = Avvist av godkjenner:
timesheet-history = Historikk
timesheet-history-none = Ingen hendelser ennå.
timesheet-reopen = Åpne igjen
timesheet-reopen-reason = Begrunnelse
timesheet-hours-month = Innrapporterte timer denne måneden
timesheet-event-saved = lagret
timesheet-event-submitted = sendt inn
timesheet-event-withdrawn = trukket tilbake
timesheet-event-first-approved = første godkjenning
timesheet-event-approved = godkjent
timesheet-event-rejected = avvist
timesheet-event-reopened = åpnet igjen
timesheet-actor-worker = den ansatte
timesheet-actor-contact = godkjenner
timesheet-actor-staff = byrået
timesheet-changed = Timelisten ble endret av noen andre i mellomtiden (nå: { $status }). Last siden på nytt og prøv igjen.
timesheet-wrong-state = Det går ikke med en timeliste som er { $status }.
timesheet-locked = Timelisten er { $status } og kan ikke endres.
timesheet-approved-by-you = Du har allerede godkjent denne timelisten; den venter på den andre godkjenneren.
timesheet-reject-comment-required = Skriv hvorfor timelisten avvises.
timesheet-reopen-reason-required = Skriv hvorfor timelisten åpnes igjen.
timesheet-comment-too-long = Teksten er for lang.
timesheet-invoiced = Timelisten er fakturert og kan ikke åpnes igjen.

## On the card's history (staff's changes).
history-timesheet-update = Timeliste ført på vegne av vikaren
history-timesheet-submit = Timeliste sendt inn på vegne av vikaren
history-timesheet-withdraw = Timeliste trukket tilbake på vegne av vikaren
history-timesheet-reopen = Godkjent timeliste åpnet igjen
timesheet-hours = Timer
timesheet-reason = Begrunnelse
timesheet-told-portal = { $name } er varslet på e-post om å godkjenne i portalen.
timesheet-told-email = { $name } har fått en engangslenke på e-post.
timesheet-told-sms = { $name } har fått en engangslenke på SMS.
timesheet-told-none = { $name } kunne ikke varsles: ingen e-post eller mobilnummer. Legg inn et på kontaktpersonen, eller gi beskjed selv.
