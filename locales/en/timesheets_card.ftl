# Timesheets on the customer's card (Assignments tab, overview) and in the API.
timesheet-weeks-month = Timesheets this month
timesheet-week-short = W{ $week }
figures-hours-30-days = Hours reported in the last 30 days (submitted and approved)
timesheet-api-status-invalid = Unknown status: use draft, submitted, approved or rejected.
timesheet-api-date-invalid = Write the date as YYYY-MM-DD.
