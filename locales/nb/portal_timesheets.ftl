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
