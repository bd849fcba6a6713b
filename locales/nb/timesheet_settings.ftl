# The firm's timesheet settings (/admin/timesheets), the reminders, and the firm-wide report of
# the working-hours law's warnings (/timesheets/warnings). Decision 0019.
ts-settings-title = Timelister
ts-settings-saved = Innstillingene for timelister er lagret. Neste lagring av en timeliste bruker dem.
ts-settings-overtime = Overtid etter arbeidsmiljøloven
ts-settings-overtime-none = Ingen avtale: høyst 10 timer på sju dager, 25 timer på fire uker og 200 timer på 52 uker (§ 10-6 (4))
ts-settings-overtime-agreement = Skriftlig avtale med de tillitsvalgte: høyst 20 timer på sju dager, 50 timer på fire uker og 300 timer på 52 uker (§ 10-6 (5))
ts-settings-overtime-hint = Grensene gjelder varslene om overtid. Varsler som allerede er funnet, står til timelisten lagres igjen.
ts-settings-reminders = Påminnelser
ts-settings-reminders-hint = Antall dager før påminnelsen sendes; 0 betyr ingen påminnelse. Hver påminnelse sendes én gang.
ts-settings-worker-days = Vikaren, dager etter at perioden er slutt og timelisten ikke er sendt inn
ts-settings-approver-days = Godkjenneren, dager etter innsending uten avgjørelse
ts-settings-days-invalid = Skriv et helt antall dager, for eksempel «3».
ts-settings-days-range = Skriv et antall fra 0 til { $max ->
    [one] { $max } dag
   *[other] { $max } dager
}.

nav-timesheet-warnings = Arbeidstid
ts-warnings-title = Varsler om arbeidstid
ts-warnings-hint = Alle brudd på arbeidsmiljølovens arbeidstidsregler som er funnet i timelistene til kundene du ser. Varslene stopper ikke føringen.
ts-warnings-from = Fra
ts-warnings-to = Til
ts-warnings-rule = Regel
ts-warnings-empty = Ingen varsler i perioden.
ts-warnings-count = { $count ->
    [one] { $count } varsel på denne siden
   *[other] { $count } varsler på denne siden
}
ts-warnings-col-rule = Regel
ts-warnings-col-worker = Vikar
ts-warnings-col-customer = Kunde
ts-warnings-col-assignment = Oppdrag
ts-warnings-col-warning = Varsel (åpner timelisten)
ts-warnings-next = Eldre varsler
ts-warnings-bad-date = En dato er ugyldig og er ikke brukt; skriv den som åååå-mm-dd.
ts-warnings-bad-rule = Ukjent regel; filteret er ikke brukt.
ts-warnings-bad-department = Ukjent avdeling; filteret er ikke brukt.
ts-rule-overtime-7-days = Overtid, sju dager
ts-rule-overtime-4-weeks = Overtid, fire uker
ts-rule-overtime-52-weeks = Overtid, 52 uker
ts-rule-work-24-hours = Arbeidstid, 24 timer
ts-rule-work-7-days = Arbeidstid, sju dager
ts-rule-daily-rest = Døgnhvile
ts-rule-weekly-rest = Ukehvile
ts-rule-no-break = Ingen pause
ts-rule-short-break = For kort pause
ts-rule-young-night = Under 18: nattarbeid
ts-rule-young-day = Under 18: timer per dag
ts-rule-young-week = Under 18: timer per uke

ts-remind-worker-subject = Påminnelse: timelisten for { $period } er ikke sendt inn
ts-remind-worker-body = Hei { $name }!

    Timelisten din for { $assignment } hos { $customer }, { $period }, er ikke sendt inn ennå.

    Fyll den ut og send den inn her:
    { $link }

    Spør oss gjerne om noe er uklart – svar på denne e-posten.
ts-remind-worker-sms = Påminnelse: timelisten din for { $assignment } hos { $customer }, { $period }, er ikke sendt inn. Send den inn her: { $link }
