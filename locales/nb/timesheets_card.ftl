# Timesheets on the customer's card (Assignments tab, overview) and in the API.
timesheet-weeks-month = Timelister denne måneden
timesheet-week-short = U{ $week }
figures-hours-30-days = Innrapporterte timer siste 30 dager (levert og godkjent)
timesheet-api-status-invalid = Ukjent status: bruk draft, submitted, approved eller rejected.
timesheet-api-date-invalid = Skriv datoen som ÅÅÅÅ-MM-DD.
# Short column headings on the card's Assignments tab (the full text is the heading's title).
assignment-col-sheets = Timelister (mnd.)
assignment-col-hours = Timer (mnd.)
assignment-col-bill-rate = Timepris
