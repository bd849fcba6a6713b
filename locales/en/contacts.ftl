# Contacts and the customer portal

nav-contacts = Contacts
action-delete = Delete
contacts-hide-inactive = Hide inactive contacts
contacts-show-inactive = Show inactive contacts too
contacts-none = No contact persons yet.
contacts-search = Search contacts
contacts-search-placeholder = Search by name, email, mobile or position
contacts-none-found = No contacts match.
contacts-own-shown = { $count ->
    [one] One contact at the customers you are responsible for. Search to find others.
   *[other] { $count } contacts at the customers you are responsible for. Search to find others.
}
contacts-own-paged = Contacts at the customers you are responsible for, by customer. Search to find others.
contacts-own-none = You are not responsible for any customers with contacts. Search to find contacts at every customer you have access to.
contact-new = New contact
contact-edit = Edit contact
contact-name = Name
contact-first-name = First name
contact-last-name = Last name
contact-position = Position
contact-department = Department at the customer
contact-email = Email
contact-mobile = Mobile
contact-phone = Phone
contact-notes = Notes
contact-customer = Customer
contact-portal = Customer portal
contact-main = Main contact
contact-main-short = Main
contact-main-hint = A customer has one main contact. Choosing this one makes the previous one an ordinary contact.
contact-inactive = Inactive
contact-is-main = Main contact
contact-active = Active
contact-portal-rights = Customer portal rights
contact-saved = The contact has been saved.
contact-stale = Someone else changed this contact while you were editing. What you typed is still in the form; check it and save again.
contact-duplicate-title = The customer already has a contact who looks the same:
contact-duplicate-confirm = This is another person – save anyway
contact-duplicate-api = The customer already has a contact who looks the same: { $contacts }. Send "confirm_duplicate": true to save anyway.
contact-deactivate = Deactivate
contact-activate = Activate again
contact-erased = The contact has been anonymised: name, contact details, notes and portal access are removed, and the change history no longer shows the old values. Accounting records that name the person (invoices, signed agreements) are kept for five years after the end of the financial year, as the Bookkeeping Act requires.
mobile-invalid = Enter a mobile number like 912 34 567, or with the country code for foreign numbers (+46 …).
mobile-not-mobile = Norwegian mobile numbers start with 4 or 9. Put landline numbers in the Phone field.

## Portal access
portal-state-none = No access
portal-state-invited = Invited
portal-state-active = Active
portal-state-blocked = Blocked
portal-state-erased = Erased
portal-preset = Rights preset
portal-preset-none = Custom (no preset)
portal-preset-hint = A preset ticks the rights below. What is ticked is what is saved.
portal-rights = Rights
portal-grant = Give access to the customer portal
portal-update-rights = Save rights
portal-new-invite = Create a new invitation link
portal-revoke = Remove access
portal-needs-email = The contact needs an email address to get access to the customer portal.
portal-inactive-contact = An inactive contact cannot get access to the customer portal.
portal-email-taken = The email address { $email } is already used by another contact in the customer portal.
rights-none = Choose at least one right.
preset-duplicate = There is already a preset with this name.
position-duplicate = The position is already in the list.
invite-created = Invitation created.
invite-email-not-configured = Email is not set up in Kundekort yet. The invitation waits in the outbox and goes out once email is set up. Its link is for the contact only and is not shown here.
invite-valid-days = The link works once and is valid for 7 days from when it is sent.
right-view-assignments = See assignments and who works there
right-approve-timesheets = Approve timesheets
right-view-invoices = See invoices
right-view-documents = See documents
right-sign-documents = Sign documents
right-request-staff = Request staff

## GDPR
gdpr-title = Privacy
gdpr-export = Download everything stored about this person (JSON)
gdpr-erase = Erase personal data
gdpr-erase-help = Anonymises the contact. This cannot be undone.
gdpr-erase-confirm = Erase this contact's personal data for good?

## Administration
admin-contacts = Contacts and portal
admin-positions = Positions
admin-position-new = New position
admin-presets = Customer portal rights presets
admin-preset-new = New preset

## Change history
history-contact-create = Contact added
history-contact-update = Contact changed
history-contact-activate = Contact activated
history-contact-deactivate = Contact deactivated
history-contact-erase = Contact anonymised
history-portal-grant = Portal access given or changed
history-portal-revoke = Portal access removed

## The customer portal
portal-name = Customer portal
portal-login-title = Log in to the customer portal
portal-login-help = For contact persons at our customers.
portal-invite-title = Choose a password
portal-invite-welcome = Welcome, { $name }! Choose a password for the customer portal.
portal-invite-submit = Save password and log in
portal-invite-invalid-title = The link does not work
portal-invite-invalid = The link has been used, has expired or was withdrawn. Ask your contact person with us for a new one.
portal-company = Your company
portal-agency-contact = Your contact person with us
portal-no-agency-contact = No contact person has been set up yet.
