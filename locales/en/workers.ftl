## Workers and candidates.

nav-workers = Workers
worker-new = New worker
worker-edit = Edit worker
worker-saved = The worker has been saved.
worker-stale = Someone else saved this worker after you opened it. What you typed is still here; look it over and save again.
workers-search = Search workers
workers-search-placeholder = Search by name, email, mobile, employee number or skill
workers-search-button = Search
workers-count = { $count ->
    [one] { $count } worker
   *[other] { $formatted } workers
}
workers-count-more = { $count ->
    [one] more than 1 worker
   *[other] more than { $formatted } workers
}
workers-none-found = No workers match the search.
worker-name = Name
worker-email = Email
worker-mobile = Mobile
worker-street = Address
worker-address = Address
worker-city = Place
worker-employee-number = Employee number
worker-employee-number-taken = Another worker has this employee number.
worker-skill = Skill
worker-skills = Skills
worker-place = Place
worker-preferred-places = Preferred places of work
worker-available-from = Available from
worker-available-by = Available by
worker-mine = Only mine
worker-next-expiry = Expires
worker-papers = Papers
worker-papers-none = No papers registered.
worker-papers-expired = Expired
worker-papers-expiring = Expiring within 30 days
worker-pay-details = Pay
worker-bank-account = Account number
worker-bic = BIC (foreign bank)
worker-bank-hint = A Norwegian account number (11 digits) or an IBAN for a foreign account, which also needs a BIC. A stored account is not shown here: an empty field keeps it, a new one replaces it.
worker-work-permit = Work permit
worker-needs-work-permit = Needs a residence permit to work in Norway
worker-needs-work-permit-hint = Not for Norwegian, EEA or Swiss citizens. Register the permit under papers with its end date.
worker-status-candidate = Candidate
worker-status-employee = Employee
worker-status-former = Former
worker-status-invalid = Choose candidate, employee or former.
worker-date-invalid = Write the date as YYYY-MM-DD, e.g. 2027-01-04.
bank-account-format = A Norwegian account number has 11 digits, e.g. 1234.56.78903.
bank-account-checksum = The account number's check digit is wrong. Check that every digit is right.
bank-account-missing-for-bic = Write the account number (IBAN) that goes with the BIC.
iban-format = The IBAN has the wrong length or an unknown country code.
iban-checksum = The IBAN's check digits are wrong. Check that every character is right.
bic-required = A foreign account needs a BIC (SWIFT code) for the pay to arrive.
bic-invalid = A BIC has 8 or 11 characters, e.g. DNBANOKK.
credential-kind = Type
credential-reference = Number
credential-valid-until = Valid until
credential-note = Note
credential-note-hint = For a residence permit: its basis, e.g. skilled worker
credential-add = Add paper
credential-kind-invalid = Choose a type.
credential-needs-date = An HMS card and a residence permit always end; write the date.
credential-hms_card = HMS card
credential-work_permit = Residence permit
credential-driving_licence = Driving licence
credential-truck_licence = Truck licence
credential-other = Other
worker-customer = Customer
workers-papers-expiring-mine = { $count ->
    [one] { $count } paper of your workers has expired or expires within 30 days
   *[other] { $count } papers of your workers have expired or expire within 30 days
}
worker-privacy = Privacy
worker-export = Download everything stored about the worker (JSON)
worker-erase = Erase personal data
worker-erase-confirm = Erase the worker's personal data? This cannot be undone.
worker-erase-hint = A worker with no assignments is deleted entirely. If the worker has had assignments, the name, employee number, national identity number or D-number (still encrypted) and the assignments are kept – the basis of pay, the a-melding and invoices, which must be kept for five years after the financial year (the Bookkeeping Act) – while contact details, address, bank account, skills and papers are deleted at once.
worker-erased = The worker's personal data has been erased. Only the name, employee number, national identity number (encrypted) and assignments are kept, as the basis of pay, the a-melding and invoices.
worker-stale-api = The worker was changed by someone else (now version { $version }). Fetch them again and retry.
worker-erased-no-edit = The worker's personal data has been erased, so the worker can no longer be changed.

# National identity number (fødselsnummer / D-number), decision 0013
national-id = National identity number / D-number
national-id-hint = Needed for payroll only (the a-melding). Stored encrypted, shown masked, and every time someone shows the whole number it is logged.
national-id-stored = Stored
national-id-remove = Remove the stored number
national-id-show = Show
national-id-kind-fnr = National identity number
national-id-kind-d_number = D-number
national-id-format = Type 11 digits (a national identity number or D-number).
national-id-checksum = The check digits do not add up. Check that every digit is right.
national-id-birth-date = The number has no valid date of birth. Check the first six digits.
national-id-unreadable = The national identity number cannot be read with the key the server has now (KUNDEKORT_DATA_KEY). Contact whoever runs Kundekort.
worker-bank-account-reauth = The account number decides where the pay goes: log in again (or change it in the form, which asks for your password) before changing it.

bank-account-stored = Stored
bank-account-remove = Remove the stored account
bank-account-show = Show
bank-account-unreadable = The bank account cannot be read with the key the server has now (KUNDEKORT_DATA_KEY). Contact whoever runs Kundekort.
