# Approving timesheets in the customer portal.
portal-timesheets = Timelister til godkjenning
portal-timesheets-intro = Timelister dine ansatte fra oss har sendt inn, og som venter på deg. Avvikene står først; timelister som følger planen kan godkjennes samlet. Du kan godkjenne eller avvise, men ikke endre timene.
portal-timesheets-none = Ingen timelister venter på deg.
portal-timesheets-pending = { $count ->
    [one] Én timeliste venter på godkjenning
   *[other] { $count } timelister venter på godkjenning
}
portal-timesheets-matching = { $count ->
    [one] Én timeliste følger planen
   *[other] { $count } timelister følger planen
}
portal-timesheets-matching-help = Samme dager og tider som den avtalte arbeidsuken, uten overtid og uten ekstra tillegg.
portal-timesheets-approve-matching = { $count ->
    [one] Godkjenn timelisten ({ $total } inkl. mva.)
   *[other] Godkjenn alle { $count } ({ $total } inkl. mva.)
}
portal-timesheets-reject-one = Avvise én av dem?
portal-timesheets-approved = { $count ->
    [0] Ingen timelister ble godkjent.
    [one] Timelisten er godkjent.
   *[other] { $count } timelister er godkjent.
}
portal-timesheets-rejected = Timelisten er avvist og sendt tilbake med kommentaren din.
portal-timesheets-conflict = Ingenting ble endret.
portal-timesheets-some-changed = { $approved } godkjent. { $count ->
    [one] Én timeliste
   *[other] { $count } timelister
} ble endret eller trukket tilbake i mellomtiden og er ikke godkjent; se over listen på nytt.
portal-timesheet-worker = Ansatt
portal-timesheet-period = Periode
portal-timesheet-hours = Timer
portal-timesheet-overtime = { $hours } t overtid
portal-timesheet-allowances = Tillegg
portal-timesheet-cost = Pris eks. mva.
portal-timesheet-vat = Mva. 25 %
portal-timesheet-total = Totalt inkl. mva.
portal-timesheet-approve = Godkjenn
portal-timesheet-reject = Avvis
portal-timesheet-reject-comment = Hvorfor avvises timelisten?
portal-timesheet-first-approved = Den andre godkjenneren har allerede godkjent; din godkjenning fullfører den.
portal-timesheet-diff-overtime = { $hours } t overtid
portal-timesheet-diff-missing = Ingen timer { $date } (planlagt arbeidsdag)
portal-timesheet-diff-extra = Arbeid { $date } (ikke planlagt)
portal-timesheet-diff-changed = Andre tider enn planlagt { $date }
portal-timesheet-diff-units = Tillegg eller utlegg ført for hånd
portal-timesheets-gone = Timelisten venter ikke lenger på deg: den ble trukket tilbake eller behandlet i mellomtiden (nå: { $status }).

## An approval link (a one-time link for an approver without a portal log-in), and the messages
## that tell approvers a sheet waits. $sheet is "worker, period".
approve-link-title = Timeliste til godkjenning
approve-link-matches = Timelisten følger planen: samme dager og tider som den avtalte arbeidsuken.
approve-link-times = Tid
approve-link-break = pause { $minutes } min
approve-link-once = Lenken er personlig og kan brukes én gang: når du har godkjent eller avvist, virker den ikke lenger.
approve-link-approved = Timelisten for { $sheet } er godkjent. Takk!
approve-link-first-approved = Godkjenningen din av timelisten for { $sheet } er registrert. Den venter nå på den andre godkjenneren.
approve-link-rejected = Timelisten for { $sheet } er avvist og sendt tilbake med kommentaren din.
approve-link-heading-approved = Timelisten er godkjent
approve-link-heading-first-approved = Godkjenningen din er registrert
approve-link-heading-rejected = Timelisten er avvist
approve-link-unknown = Denne lenken virker ikke. Sjekk at du har fått med hele lenken fra meldingen.
approve-link-used = Denne lenken er allerede brukt. En lenke til godkjenning virker bare én gang.
approve-link-expired = Denne lenken er utløpt.
approve-link-other-sheet = Denne lenken gjelder en annen timeliste.
approve-link-not-approver = Du er ikke lenger godkjenner for denne timelisten.
approve-link-gone = Timelisten venter ikke lenger på godkjenning: den ble trukket tilbake eller behandlet i mellomtiden (nå: { $status }).
approve-link-ask = Ta kontakt med oss hvis du trenger en ny lenke.
timesheet-notify-reminder = Påminnelse:
timesheet-notify-subject = Timeliste til godkjenning: { $worker }, uke { $week }
timesheet-notify-link-body = Hei { $name }!

    { $worker } har sendt inn timelisten for { $period } ({ $title }). Den venter på godkjenning fra deg.

    Se over timene og godkjenn eller avvis her (lenken er personlig, virker i { $days } dager og kan brukes én gang):
    { $link }

    Spør oss gjerne om noe er uklart – svar på denne e-posten.
timesheet-notify-portal-body = Hei { $name }!

    { $worker } har sendt inn timelisten for { $period } ({ $title }). Den venter på godkjenning fra deg.

    Logg inn i kundeportalen for å godkjenne eller avvise:
    { $link }

    Spør oss gjerne om noe er uklart – svar på denne e-posten.
timesheet-notify-sms = Timelisten til { $worker } for { $period } venter på godkjenning fra deg: { $link } (personlig lenke, virker én gang i { $days } dager)
