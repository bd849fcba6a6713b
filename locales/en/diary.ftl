# Diary (part 6 of the customer card): activities, the consultant's calendar, calendar feed.

tab-diary = Diary
nav-diary = My diary
diary-title = Diary
diary-activities = Activities
diary-empty = No activities yet.
diary-filter = Filter
diary-busy = Busy
diary-busy-only = You see only when your colleague is busy.
diary-open = Open the diary of
diary-open-tasks = Open tasks and follow-ups
diary-no-tasks = No open tasks.
diary-overdue = overdue
diary-move-failed = The activity could not be moved. It has been put back.
diary-settings = Diary settings
diary-colleague-details = Consultants see details in colleagues' diaries
diary-colleague-details-hint = Off: colleagues in the same department see only busy/free. Managers always see their department's diaries.

activity-new = New activity
activity-edit = Edit activity
activity-saved = The activity is saved.
activity-delete = Delete the activity
activity-type = Type
activity-title = Title
activity-notes = Notes
activity-all-day = All day
activity-due-date = Due date
activity-due = Due { $date }
activity-location = Location
activity-participants = Consultants
activity-contacts = Contacts
activity-no-contacts = The customer has no contacts.
activity-consultant = Consultant
activity-contact = Contact
activity-state = Status
activity-open = Open
activity-done = Done
activity-from = From
activity-to = To
activity-when = When
activity-next-step = Schedule next step
activity-next-step-hint = Fill in to create the follow-up as you save.
activity-next-when = Date (and time, if any)

activity-types = Activity types
activity-type-name = Name
activity-type-kind = Kind
activity-type-minutes = Default length (min)
activity-type-active = Active
activity-type-inactive = Deactivated
activity-type-colour = Colour
activity-type-new = New activity type
activity-type-edit = Change activity type
activity-type-builtin-hint = Built-in type: leave the name empty to use the standard name.
activity-kind-appointment = Appointment with a time
activity-kind-task = Task with a due date

activity-type-customer-meeting = Customer meeting
activity-type-phone-call = Phone call
activity-type-visit = Visit
activity-type-interview = Interview
activity-type-follow-up = Follow-up
activity-type-lunch = Lunch/representation
activity-type-email = Email
activity-type-other = Other

activity-type-colour-invalid = Write the colour as #rrggbb, e.g. #2563eb.
activity-type-minutes-invalid = Write a whole number of minutes between 5 and 1440.
activity-type-missing = Choose an active activity type.
activity-date-invalid = Write the date as YYYY-MM-DD, e.g. 2026-11-28.
activity-datetime-invalid = Write date and time as YYYY-MM-DDTHH:MM, e.g. 2026-11-28T10:00.
activity-end-before-start = The end must be after the start.
activity-too-long = An activity may last at most 62 days.
activity-participants-required = Choose at least one consultant.
activity-participant-unknown = One of the consultants does not exist or is deactivated.
activity-contact-unknown = One of the contacts does not belong to this customer.
activity-stale = Someone else changed the activity while you were working. Reload it and try again.
activity-range-invalid = Invalid period (at most 62 days).
activity-customer-fixed = An activity cannot be moved to another customer.

feed-title = Calendar feed
feed-help = Subscribe to your diary in Outlook or Google Calendar with a secret address. Anyone with the address sees your activities.
feed-url = Your address
feed-url-once = Copy the address now: it is shown only this once. Make a new one if it gets out.
feed-exists = You have a feed address. Making a new one stops the old one from working.
feed-create = Make a feed address
feed-renew = Make a new address

customers-last-activity = Last activity
filter-inactive-days = No activity in the last … days

history-activity-create = Activity registered
history-activity-update = Activity changed
history-activity-complete = Activity done
history-activity-move = Activity moved
history-activity-delete = Activity deleted

activity-list-too-long = At most { $max } can be chosen.
activity-time-only = You take part in this activity, but the customer is not yours: you may move it or change its time, nothing else.
activity-day-format = Write the date as dd.mm.yyyy, e.g. 28.11.2026.
activity-clock-format = Write the time as hh:mm (24-hour), e.g. 14:30.
activity-start-date = Date
activity-start-time = From
activity-end-date = To date
activity-end-time = To
activity-times-hint = Times in quarter-hour steps. For whole days the dates are enough.
# Labels of the card's history (activity-<field>).
activity-start = Start
activity-end = End
activity-customer = Customer (optional)
activity-customer-search = Search for a customer …
activity-no-customer = No customer
activity-customer-no-match = No customer you have access to matches.
activity-customer-unavailable = You cannot add activities to this customer. Choose another, or none.
