# Timesheets on the customer's card (Assignments tab, overview) and in the API.
timesheet-weeks-month = Timesheets this month
timesheet-week-short = W{ $week }
figures-hours-30-days = Hours reported in the last 30 days (submitted and approved)
timesheet-api-status-invalid = Unknown status: use draft, submitted, approved or rejected.
timesheet-api-date-invalid = Write the date as YYYY-MM-DD.
# Short column headings on the card's Assignments tab (the full text is the heading's title).
assignment-col-sheets = Timesheets (month)
assignment-col-hours = Hours (month)
assignment-col-bill-rate = Bill rate
