# Payroll export: the admin's settings at /admin/payroll and the export at /payroll.
nav-payroll = Payroll
payroll-title = Payroll export
payroll-settings-title = Wage types
payroll-settings-saved = The payroll settings are saved.
payroll-wage-types = Wage types
payroll-wage-types-hint = The payroll system's wage type code for each pay item. Overtime and allowances are usually holiday-pay basis; mileage and meal allowances within the state's rates are tax-free and not holiday-pay basis. An item without a code cannot be exported.
payroll-item = Pay item
payroll-code = Wage type
payroll-holiday-pay-basis = Holiday-pay basis
payroll-tax-free = Tax-free reimbursement
payroll-item-normal = Normal hours
payroll-item-overtime = Overtime { $percent } %
payroll-item-overtime-none = Overtime without a rate (normal hourly pay)
payroll-format = File format
payroll-format-hint = Semicolon-separated CSV. The presets are described in docs/payroll-export.md; choose "Custom" to pick the columns yourself.
payroll-preset = Preset
payroll-preset-standard = Standard (all columns)
payroll-preset-payroll_import = Payroll import (employee no., wage type, quantity, rate, amount)
payroll-preset-identity = A-melding basis (with national identity number and STYRK)
payroll-preset-custom = Custom
payroll-columns = Columns (custom)
payroll-columns-hint = Column keys in order, separated by commas: { $columns }
payroll-header = Header row
payroll-bom = Byte order mark (for Excel)
payroll-decimal = Decimal mark
payroll-decimal-comma = Comma (7,50)
payroll-decimal-dot = Point (7.50)
payroll-code-required = Enter a wage type code.
payroll-code-too-long = The wage type code can be at most 20 characters.
payroll-code-invalid = The wage type code can only have letters, digits and - _ . /
payroll-tax-free-not-holiday-pay = A tax-free reimbursement is not holiday-pay basis: choose only one.
payroll-preset-unknown = Choose a preset from the list.
payroll-columns-empty = Enter at least one column.
payroll-column-unknown = Unknown column: "{ $column }".
payroll-column-twice = The column "{ $column }" is there more than once.
payroll-from = From
payroll-to = To
payroll-period-hint = A timesheet belongs to the period it ends in. Timesheets are split at a month's end, so a month gives exactly the month's days.
payroll-show = Show
payroll-date-invalid = Enter a date like 2026-12-31.
payroll-period-backwards = The end date is before the start date.
payroll-period-too-long = The period can be at most a year.
payroll-new = Not exported yet
payroll-summary = Pay lines: { $count } · workers: { $workers } · pay: { $pay } kr · tax-free reimbursements: { $expenses } kr
payroll-not-approved = { $count ->
    [one] One timesheet in the period is not approved and is left out.
   *[other] { $count } timesheets in the period are not approved and are left out.
}
payroll-repriced = { $count ->
    [one] One timesheet is priced at the assignment's rates today, which changed after the timesheet was saved.
   *[other] { $count } timesheets are priced at the assignment's rates today, which changed after the timesheets were saved.
}
payroll-unmapped = These pay items have no wage type: { $items }.
payroll-more-workers = { $count ->
    [one] … and one more worker (all are in the file).
   *[other] … and { $count } more workers (all are in the file).
}
payroll-employee-number = Employee no.
payroll-name = Name
payroll-lines = Lines
payroll-hours = Hours
payroll-pay = Pay
payroll-expenses = Reimbursements
payroll-export = Export and download
payroll-nothing-new = Nothing new to export in the period: everything approved has been sent.
payroll-sent = Already sent
payroll-sent-unchanged = { $count ->
    [0] None of the period's lines has been sent before.
    [one] One of the period's lines has already been sent and is not sent again.
   *[other] { $count } of the period's lines have already been sent and are not sent again.
}
payroll-exported-at = Exported
payroll-exported-by = By
payroll-period = Period
payroll-download-again = Download again
payroll-differences = Changed after export
payroll-differences-hint = These lines were sent, but the timesheet has changed since (reopened or corrected). They are not sent again: correct them in the payroll system.
payroll-diff-sent = Sent
payroll-diff-now = Now
payroll-diff-gone = No longer on the timesheet
payroll-diff-reopened = The timesheet was reopened (now: { $status })
payroll-sent-meanwhile = Someone else exported some of these lines meanwhile. Reload the page.
