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
