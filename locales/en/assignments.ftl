## Assignments: the compliance light and its reasons.

compliance-green = No issues
compliance-yellow = Warning
compliance-red = Blocks activation
compliance-no-legal-basis = No legal basis for the hire (Working Environment Act § 14-12).
compliance-legal-basis-incomplete = The legal basis of the hire is not described (what the need is, who is being replaced, which agreement).
compliance-no-hms-card = The customer is in construction or cleaning, and the worker has no valid HMS card.
compliance-hms-card-expired = The HMS card expired on { $date }, before the assignment starts.
compliance-hms-card-expires = The HMS card expires on { $date }, before the assignment ends.
compliance-no-work-permit = The worker needs a residence permit to work, and none is registered.
compliance-work-permit-ends = The residence permit is valid only until { $date }, before the assignment ends.
compliance-overtime-pay-too-low = Overtime pay for { $percent } % is below pay plus at least { $minimum } % (Working Environment Act § 10-6).
compliance-building-site-ban = Hiring from staffing agencies for construction work on building sites is banned in this county.
compliance-equal-terms-missing = The hirer's pay and working terms for the position are not registered (equal treatment, § 14-12 a).
compliance-equal-terms-unmet = Pay is below the hirer's pay for the position (equal treatment).
compliance-equal-terms-old = The hirer's terms were last confirmed on { $date }; they must be confirmed again after the wage settlement.
compliance-margin-below-floor = The margin is below the firm's floor.
compliance-three-years = The worker has been hired to this customer without a break for nearly three years ({ $date }).

holiday-new-years-day = New Year's Day
holiday-maundy-thursday = Maundy Thursday
holiday-good-friday = Good Friday
holiday-easter-sunday = Easter Sunday
holiday-easter-monday = Easter Monday
holiday-labour-day = Labour Day
holiday-constitution-day = Constitution Day
holiday-ascension-day = Ascension Day
holiday-whit-sunday = Whit Sunday
holiday-whit-monday = Whit Monday
holiday-christmas-day = Christmas Day
holiday-boxing-day = Boxing Day

tab-assignments = Assignments
assignments-current = Current and upcoming
assignments-ended = Ended
assignments-none = No assignments here.
assignment-new = New assignment
assignment-edit = Edit assignment
assignment-saved = The assignment has been saved.
assignment-stale = Someone else saved this assignment after you opened it. What you typed is still here; look it over and save again.
assignment-worker = Worker
assignment-choose-worker = Choose a worker
assignment-worker-required = Choose a worker.
assignment-title = Role
assignment-styrk = STYRK code
assignment-styrk-invalid = A STYRK-08 code has four digits, e.g. 9321.
assignment-period = Period
assignment-open-ended = from { $from }, no end date
assignment-from = From
assignment-to = To
assignment-to-field = To (empty: no end date)
assignment-to-before-from = The end date is before the start date.
assignment-hours-per-week = Hours per week
assignment-hours-invalid = Write hours per week as a number, e.g. 37.5.
assignment-standard-week = Standard week
assignment-days-required = Tick at least one working day.
assignment-day-start = From
assignment-day-end = To
assignment-break = Break (minutes)
assignment-time-invalid = Write times as HH:MM, e.g. 07:30.
assignment-break-invalid = The break must be 0 to 180 minutes.
assignment-end-before-start = The working day must end after it starts, and be longer than the break.
assignment-rates = Rates per hour (NOK)
assignment-bill-rate = Bill rate
assignment-pay-rate = Pay rate
assignment-rate-invalid = Write an amount in kroner, e.g. 450 or 450.50.
assignment-ot50-bill = Overtime 50 %: bill
assignment-ot50-pay = Overtime 50 %: pay
assignment-ot100-bill = Overtime 100 %: bill
assignment-ot100-pay = Overtime 100 %: pay
assignment-overtime = Overtime
assignment-hiring-law = Hiring (Working Environment Act)
assignment-legal-basis = Legal basis
assignment-legal-basis-none = Not chosen
assignment-legal-basis-text = Description (the need, who is replaced, the agreement)
legal-basis-temporary_work = Work of a temporary nature (§ 14-12 (1))
legal-basis-substitute = Substitute for someone away (§ 14-12 (1))
legal-basis-agreement = Agreement with elected representatives (§ 14-12 (2))
assignment-equal-pay = The hirer's hourly pay for the position
assignment-equal-confirmed = Confirmed on
assignment-equal-date-required = Write when the hirer last confirmed the pay.
assignment-workplace = Place of work
assignment-building-site = Construction work on a building site
assignment-people = Responsibility and approval
assignment-consultant = Responsible consultant
assignment-approver = Approves timesheets
assignment-second-approver = Second approver (double approval)
assignment-same-approver = The second approver must be another person.
assignment-purchase-order = Purchase order / reference
assignment-invoice-grouping = Invoicing
invoice-grouping-default = The customer's default
invoice-grouping-customer = One invoice per customer
invoice-grouping-assignment = One invoice per assignment
invoice-grouping-worker = One invoice per worker
invoice-grouping-purchase_order = One invoice per purchase order
assignment-status = Status
assignment-status-planned = Planned
assignment-status-active = Active
assignment-status-ended = Ended
assignment-status-cancelled = Cancelled
assignment-compliance = Compliance
assignment-margin = Margin per hour
assignment-margin-per-hour = Margin per hour
assignment-period-margin = For the period: { $hours } hours, margin NOK { $amount }.
assignment-check-incomplete = Fill in the worker, dates, working time and rates, and the rules are checked as you type.
assignment-activate = Activate
assignment-cancel = Cancel assignment
assignment-extend = Change end date
assignment-end = End
assignment-new-end = New end date
assignment-last-day = Last day
assignment-red-blocks = The assignment cannot be activated while the compliance light is red. Fix what is listed under Compliance first.
assignment-end-date-invalid = Write a date that is not before the assignment started.
assignment-move-not-allowed = That cannot be done with an assignment in this status.
assignment-closed = An ended or cancelled assignment cannot be changed.
assignment-stale-move = Someone else changed the assignment meanwhile. Reload the page.
weekday-short-1 = Mon
weekday-short-2 = Tue
weekday-short-3 = Wed
weekday-short-4 = Thu
weekday-short-5 = Fri
weekday-short-6 = Sat
weekday-short-7 = Sun
form-malformed = The form did not arrive as it should. Please try again.
history-assignment-create = Assignment created
history-assignment-update = Assignment changed
history-assignment-activate = Assignment activated
history-assignment-extend = Assignment end date changed
history-assignment-end = Assignment ended
history-assignment-cancel = Assignment cancelled
portal-assignments = Assignments
portal-assignments-none = No current or upcoming assignments.
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
assignment-confirm = Send assignment confirmation
assignment-confirm-sent = The confirmation is in the outbox{ $worker ->
    [yes] {" "}for the worker
   *[no] {""}
}{ $count ->
    [0] {""}
    [one] {" "}and for { $count } approver
   *[other] {" "}and for { $count } approvers
}. You see it under Dialog.
assignment-confirm-nobody = Neither the worker nor the approver has an email address, so no confirmation was sent.
assignment-confirm-not-configured = Email is not set up yet: the confirmation waits in the outbox until it is.
history-assignment-confirm = Assignment confirmation sent
assignment-confirmation = Confirmation
assignment-stale-api = The assignment was changed by someone else (now version { $version }). Fetch it again and retry.
assignment-days-invalid = Working days are numbers from 1 (Monday) to 7 (Sunday).
invoice-grouping-hint = Decides how the invoice run groups the hours of this assignment onto invoices.

# Allowances (tillegg) on the assignment
assignment-allowances = Allowances
allowance-hint = Allowances per hour in a time window (evening, night, weekend, public holiday), after a number of hours a day, or per unit (km, meal). Pay is taxed and earns holiday pay; an expense reimbursement (km, meals) does neither. Choose a preset to fill an empty row; empty rows are not saved.
allowance-preset = Preset
allowance-preset-evening = Evening allowance
allowance-preset-night = Night allowance
allowance-preset-saturday = Saturday allowance
allowance-preset-sunday = Sunday allowance
allowance-preset-holiday = Public holiday allowance
allowance-preset-km = Mileage allowance
allowance-preset-meal = Meal allowance
allowance-name = Name
allowance-code = Code
allowance-kind = Type
allowance-kind-pay = Pay
allowance-kind-expense = Expense reimbursement
allowance-bill = Price (kr)
allowance-pay = Pay (kr)
allowance-rule = Rule
allowance-rule-window = Time window
allowance-rule-after_hours = After hours a day
allowance-rule-per_unit = Per unit
allowance-start = From
allowance-end = To
allowance-days = Days
allowance-holidays = Public holidays
allowance-hours = After hours
allowance-unit = Unit
allowance-unit-km = km
allowance-unit-meal = meal
allowance-unit-day = day
allowance-unit-piece = piece
allowance-remove = Remove
allowance-none = No allowances.
allowance-whole-day = all day
allowance-after-hours-text = after { $hours } hours a day
allowance-per-km = per km
allowance-per-meal = per meal
allowance-per-day = per day
allowance-per-piece = per piece
allowance-too-many = An assignment can have at most { $max } allowances.
allowance-code-invalid = The code may only have lower-case letters a–z, digits, - and _ (at most 30 characters).
allowance-code-duplicate = The code “{ $code }” is used on another allowance. Each allowance needs its own code.
allowance-time-invalid = Type the time as HH:MM, for example 21:00.
allowance-days-required = Choose at least one day or public holidays.
allowance-hours-invalid = Type the number of hours a day, between 0 and 24, for example 9 or 7.5.
allowance-amount-negative = The amount cannot be negative.
confirmation-allowances = Allowances: { $names }

# The admin's hiring settings (/admin/hiring).
hire-settings-title = Hiring rules
hire-settings-saved = The hiring rules are saved. The lights and margins use them now.
hire-settings-costs = Costs on top of pay
hire-settings-costs-hint = Shares of pay, in percent (e.g. "12.0 %"). The margin is the bill rate minus pay × (1 + the sum of the shares).
hire-settings-holiday-pay = Holiday pay
hire-settings-employer-contribution = Employer's contribution
hire-settings-pension = Pension (OTP)
hire-settings-insurance = Insurance
hire-settings-total = In force now: { $total } in all.
hire-settings-example = Pay of { $pay } kr/h costs { $cost } kr/h.
hire-settings-margin = Margin
hire-settings-margin-floor = Warn when the margin is below (share of the bill rate)
hire-settings-margin-floor-hint = Assignments with a margin below { $floor } get a yellow light.
hire-settings-equal-terms-age = The hirer's terms must be confirmed again after { $count ->
    [one] { $count } day
   *[other] { $count } days
} (fixed, not a setting).
hire-settings-ban = Ban on hiring for construction work on building sites
hire-settings-ban-hint = The rule in force since 1 April 2023: hiring from staffing agencies for construction work on building sites is banned in Oslo, former Viken (now Østfold 31, Akershus 32 and Buskerud 33) and former Vestfold (39). Tick the counties where the ban applies; change the list if the law changes. An assignment on a building site in a ticked county gets a red light.
hire-settings-share-invalid = Write a percentage with at most two decimals, e.g. "12.0".
hire-settings-share-range = The percentage cannot be over 100.
hire-settings-county-unknown = Unknown county number: { $county }.

# The hirer's terms in the customer portal.
hirer-title = Pay and working terms for hired workers
hirer-intro = Hired workers must have at least the pay and working hours they would have as your own employees in the same position (equal treatment, Working Environment Act § 14-12 a). Give your own hourly pay for each position, and confirm it again after each wage settlement.
hirer-saved = Thank you, the terms are saved.
hirer-none = You have no current or upcoming assignments.
hirer-on-file = On file: { $pay } kr/h, confirmed on { $date }.
hirer-confirm-unchanged = Confirm unchanged
hirer-missing = Not registered yet.
hirer-pay = Your hourly pay for the position (kr)
hirer-terms = Working time and other terms (optional)
hirer-save = Save and confirm
hirer-pay-required = Write the hourly pay.
hirer-pay-invalid = Write the hourly pay in kroner, e.g. "245" or "245.50".
hirer-terms-too-long = The terms can be at most { $max } characters.
hirer-nothing-to-confirm = There are no terms to confirm for this position yet.

# Who confirmed the hirer's terms (on the assignment) and the card's history.
assignment-equal-confirmed-by = Confirmed on { $date } by { $who }
assignment-equal-by-contact = { $name } (customer portal)
assignment-equal-by-portal = the customer's contact (customer portal)
assignment-equal-none = Not registered
history-equal-terms-portal = The hirer's terms entered in the customer portal
history-equal-terms-confirm = The hirer's terms confirmed unchanged in the customer portal
equal-terms-position = Position
equal-terms-pay = Hourly pay
equal-terms-terms = Terms
equal-terms-confirmed-by = Confirmed by
