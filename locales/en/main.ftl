# Kundekort — English

## Navigation
nav-main = Main menu
nav-menu = Menu
nav-customers = Customers
nav-admin = Administration
api-docs-back = ← Back to Kundekort (settings)
settings-api-docs = API documentation
settings-api-docs-link = Explore and try the API in the browser
nav-logout = Log out

## Common
action-save = Save
action-cancel = Cancel
action-edit = Edit
action-add = Add
yes = Yes
no = No

## Errors
error-unauthenticated = Please log in
error-forbidden = You do not have access to this
error-not-found = Page not found
error-invalid = Some fields need correcting
error-conflict = Conflict
error-bad-request = Bad request
api-rate-limited = Too many requests to the API. Wait a little and try again (see Retry-After).
error-too-many = Too many attempts
error-unavailable = Service unavailable
error-busy = The server is very busy right now. Please try again in a few seconds.
error-internal = Something went wrong on our side. Please try again, and tell us if it happens again.
error-status = Error code
error-back = Back to the customer list
error-bad-language = Unknown language

## Log-in
login-title = Log in
login-email = Email
login-password = Password
login-submit = Log in
login-failed = Wrong email or password.
login-wait-seconds = Too many failed attempts. Wait { $count ->
        [one] one second
       *[other] { $count } seconds
    } and try again.
login-wait-minutes = Too many failed attempts. Wait { $count ->
        [one] one minute
       *[other] { $count } minutes
    } and try again.

## Settings
settings-title = Settings
settings-language = Language
settings-password = Password
settings-password-current = Current password
settings-password-new = New password
settings-password-confirm = Repeat new password
settings-password-change = Change password
settings-tokens = API tokens
settings-tokens-help = Tokens let programs use the API on your behalf (Authorization: Bearer …). Outside the API a token can only read pages, never change anything, and never open settings or administration.
settings-token-created = New token created. Copy it now – it is shown this one time only.
settings-token-name = Token name
settings-token-created-at = Created
settings-token-last-used = Last used
settings-token-revoke = Revoke
settings-token-create = Create token
password-wrong-current = The current password is not right.
password-too-short = The password needs at least { $min } characters.
password-too-guessable = The password is too easy to guess (a common password, a pattern or your name). Several words in a row work well.
password-breached = This password is known from data breaches, where attackers try it first. Choose another — several words in a row work well.
new-password-title = Choose a new password
new-password-why = Your password was set by an administrator or made when Kundekort was set up. Choose your own before you go on: type the one you logged in with, then the new one.
password-change-required = Choose a new password first: the one you have was set by someone else.
password-same-as-current = The new password must differ from the current one.
settings-password-revoke-tokens = Also revoke { $count ->
        [one] your API token
       *[other] your { $count } API tokens
    }
password-mismatch = The passwords are not the same.
token-name-required = Give the token a name (at most 100 characters).
token-out-of-scope = An API token works only for the API (/api/v1) and for reading pages. Log in in a browser to change something here, and for settings and administration.
settings-token-expires = Expires
settings-token-expired = Expired
settings-token-never = Never
settings-token-lifetime = Valid for
settings-token-days = { $count ->
        [one] { $count } day
       *[other] { $count } days
    }
token-days-invalid = Choose how long the token is valid: 30, 90 or 365 days.
token-expired = The API token has expired. Create a new one under Settings → API tokens.
token-unknown = The API token is unknown or has been revoked.
token-two-factor-required = Your firm requires two-factor log-in for your role, and you have not set it up: your API tokens do not work until you have. Log in in a browser to set it up.
token-create-two-factor-required = Your firm requires two-factor log-in for your role. Set it up under Settings → Two-factor log-in before you create an API token.

## Customer list
customers-count = { $count ->
    [one] 1 customer
   *[other] { $formatted } customers
}
customers-count-more = { $count ->
    [one] more than 1 customer
   *[other] more than { $formatted } customers
}
customers-search = Search
customers-search-placeholder = Search by name, org. no., customer no. or place
customers-none = No customers match.
customers-none-hint = Try a shorter search, or remove some filters.
customer-new = New customer
customer-new-title = New customer
customer-edit-title = Edit customer
customer-saved = The customer has been saved.
scope-label = Scope
scope-mine = My customers
scope-department = My department
scope-all = Whole firm
scope-all-visible = All I have access to
scope-visible-hint = You see your department's customers and the customers you are responsible for yourself. "My department" shows only the department's; "All I have access to" adds your own customers in other departments.
filter-status = Status
filter-all = All
filter-county = County
filter-all-counties = All counties
filter-municipality = Municipality
filter-all-municipalities = All municipalities
filter-industry = Industry
filter-owner = Owner
filter-department = Department
filter-reset = Reset
filter-fold = Filters
filter-apply = Apply filters
filter-invalid = unknown value, the filter was not applied
export-label = Export this list:
customer-export-too-many = { $count ->
    [one] An export holds at most { $formatted } customer, and this list has more. Narrow the list with a filter or a search, and export again.
   *[other] An export holds at most { $formatted } customers, and this list has more. Narrow the list with a filter or a search, and export again.
}
pager-label = Pages
pager-prev = Previous
pager-first = First page
pager-next = Next
pager-position = Page { $page } of { $pages }
pager-position-open = Page { $page }

## Status
status-potential = Potential
status-active = Active
status-former = Former
status-unknown = Unknown

## Customer fields
customer-customer-number = Customer number
customer-customer-number-short = No.
customer-name = Name
customer-org-number = Org. no.
customer-org-number-hint = 9 digits. Type the number to fetch details from Enhetsregisteret.
customer-status = Status
customer-city = Place
customer-owner = Owner
customer-owner-id = Owner
customer-department = Department
customer-department-id = Department
customer-updated = Changed
customer-industry-code = Industry code (NACE)
customer-industry-text = Industry
customer-municipality = Municipality
customer-county = County
customer-email = Email
customer-phone = Phone
customer-website = Website
customer-visit-address = Visiting address
customer-postal-address = Postal address
customer-street = Address
customer-postal-code = Postal code
customer-postal-hint = Fill in only if it differs from the visiting address.
customer-postal-same = Same as visiting address
customer-map = Show on map
customer-visit-street = Visiting address
customer-visit-postal-code = Postal code (visiting)
customer-postal-street = Postal address
customer-postal-postal-code = Postal code (postal)

## Customer card
tab-overview = Overview
tab-contacts = Contacts
card-tabs = Parts of the customer card
box-comments = Fixed comments
box-master-data = Master data
box-addresses = Addresses
box-history = Change history
history-system = The system
history-create = Created
history-update = Changed

## Forms and validation
form-has-errors = Some fields need correcting before you can save. What you typed has been kept.
form-company = Company
form-responsibility = Responsibility
form-contact = Contact details
field-required = Required.
field-too-long = At most { $max } characters.
field-invalid-choice = Not a valid choice.
orgnr-format = An organisation number has 9 digits.
orgnr-checksum = The check digit is wrong. Check that the number is typed correctly.
orgnr-duplicate = This organisation number is already registered on { $name } (customer no. { $number }).
orgnr-duplicate-unknown = This organisation number is already registered on another customer.
industry-code-format = Write the industry code like 78.200.
postal-code-format = A postal code has 4 digits.
postal-code-unknown = Postal code { $code } does not exist.
email-invalid = Enter a valid email address, like post@company.no.
phone-invalid = Enter a phone number with 5 to 15 digits.
website-invalid = Enter a valid web address, like www.company.no.
stale-edit-title = Someone else changed this customer while you were editing.
stale-edit-body = Last saved by { $by } at { $at }. Your changes are not saved yet, but they are still in the form.
stale-edit-help = Fields that now have another value are listed above. If you save again, you overwrite them with what is in the form.
stale-edit-api = The customer was changed by someone else (now version { $version }). Fetch it again and retry.

## Enhetsregisteret
brreg-invalid-number = Enter a valid organisation number to look it up in Enhetsregisteret.
brreg-not-found = The number is not in Enhetsregisteret. You can fill in the form yourself.
brreg-removed = The entity has been removed from Enhetsregisteret.
brreg-unreachable = Could not reach Enhetsregisteret. You can fill in the form yourself.
brreg-update-not-found = The number is not in Enhetsregisteret, so there is nothing to fetch. You can correct the customer's details yourself in the edit form.
brreg-update-unreachable = Could not reach Enhetsregisteret. Try again later, or correct the customer's details yourself in the edit form.
brreg-update-edit = Edit the customer
brreg-filled = Filled in from Enhetsregisteret. Check and save.
brreg-employees = { $count ->
    [one] 1 employee
   *[other] { $formatted } employees
}
brreg-bankrupt = Note: the entity is bankrupt.
brreg-winding-up = Note: the entity is being wound up.
brreg-already-customer = Already a customer:
brreg-fill = Fill in from Enhetsregisteret
brreg-source = Source: the Brønnøysund Register Centre

## API
json-wrong-shape = Error in JSON: { $detail }
json-content-type = Send JSON with Content-Type: application/json.
json-malformed = Could not read the JSON: { $detail }

## Roles and administration
role-admin = Administrator
role-manager = Manager
role-consultant = Consultant
admin-users = Users
admin-departments = Departments
admin-user-new = New user
admin-user-edit = Edit user
user-name = Name
user-email = Email
user-role = Role
user-department = Department
user-active = Active
user-active-hint = A deactivated user is logged out at once and cannot log in. The user's API tokens are revoked.
user-password = Password
user-password-hint-new = At least 10 characters. Give the password to the user in a safe way: it works for the first log-in only, when the user chooses their own.
user-password-hint-edit = Leave empty to keep the password. A new password logs the user out everywhere, revokes the user's API tokens, and works for the next log-in only, when the user chooses their own.
user-own-password-hint = Change your own password under Settings, where you give your current password:
user-own-password-refused = Your own password cannot be set here. Change it under Settings, where you give your current password.
user-own-email-hint = Another admin changes your own email address.
user-own-email-refused = Your own email address cannot be changed here. Ask another admin to change it.
email-taken = There is already a user with this email address.
department-duplicate = There is already a department with this name.
department-name = Department
department-rename = Rename
department-new = New department

# Secrets in messages: what the dialog shows in place of a link or code meant for the recipient only.
sealed-link = [personal link – shown only to the recipient]
sealed-code = [one-time code – shown only to the recipient]
sealed-portal-link = [link to the portal's timesheets]
picker-search-colleagues = Search for a colleague …
picker-search-contacts = Search for a contact …
picker-no-match = No match.
picker-hint = Type to find more; Enter picks the first match.
