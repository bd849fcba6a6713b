# Vacancies in the customer portal (decision 0041): requests for staff, presenting candidates,
# the customer's answer.
vacancy-portal-title = Vacancies
vacancy-portal-none = You have no vacancies with us yet.
vacancy-portal-places = Places
vacancy-portal-status-requested = Requested – being prepared
vacancy-portal-waiting = { $count ->
    [one] { $count } candidate waits for your answer
   *[other] { $count } candidates wait for your answer
}
vacancy-portal-candidates = Candidates presented to you
vacancy-portal-candidates-none = No candidates have been presented yet.
vacancy-portal-accept = Accept
vacancy-portal-decline = Decline
vacancy-portal-decline-reason = Reason for declining (optional)
vacancy-portal-accepted-by = Accepted by { $name } { $date }
vacancy-portal-declined-by = Declined by { $name } { $date }
vacancy-portal-decided = The candidate has already been answered, or the vacancy is no longer open.
vacancy-request = Request staff
vacancy-request-hint = Tell us what you need. The request goes to your contact person with us, who will get in touch to agree the terms.
vacancy-request-what = What do you need?
vacancy-request-positions = Number of people
vacancy-request-place = Place
vacancy-request-send = Send request
vacancy-request-sent = Your request was received and added as a task for your contact person with us, who will get in touch.
vacancy-request-date-invalid = Write a date such as 04.01.2027.
vacancy-request-from-past = The start date cannot be in the past.
vacancy-request-to-before-from = The end date cannot be before the start date.
vacancy-request-task-title = Staff request from { $customer }: { $title }
vacancy-request-task-body = { $contact } at { $customer } requested staff in the customer portal.
    What: { $title }
    How many: { $count }
    Period: { $period }
    Place: { $place }
    Description: { $description }
    The vacancy was added as a draft. Complete its terms and save it: { $link }
vacancy-draft-notice = Draft requested in the customer portal by { $contact } { $when }. Complete the terms (hours, rates, legal basis) and save the vacancy; until then no assignment can be made from it.
vacancy-draft-no-assignment = The vacancy is a draft from the customer portal. Complete its terms and save it before making assignments.
vacancy-requested-by = Requested by
vacancy-decided-by = Answered by
vacancy-decline-reason = Reason
vacancy-documents = Shared documents
vacancy-consent-how = How consent was given
vacancy-consent-how-phone = Phone
vacancy-consent-how-email = Email
vacancy-consent-how-in_person = In person
vacancy-consent-how-written = In writing
vacancy-consent = Consent
vacancy-consent-given = The candidate consented to be presented to { $customer }
vacancy-consent-date = Date of consent
vacancy-consent-recorded-by = You are recorded as the one who registered the consent.
vacancy-consent-how-required = Choose how the consent was given.
vacancy-consent-date-future = The date of consent cannot be in the future.
vacancy-present = Present to the customer
vacancy-present-hint = The customer sees the candidate's name, the summary and the documents you choose to share – nothing else about the worker.
vacancy-present-needs-consent = A candidate can only be presented once their consent to be presented to this customer is recorded.
vacancy-present-document-unknown = That document does not belong to this worker.
vacancy-present-no-documents = The worker has no documents you can share.
vacancy-present-notify = Email { $email } that candidates wait in the customer portal
vacancy-present-email-waits = Email is not set up yet: the message goes to the outbox and is sent once email is set up.
vacancy-present-no-contact = The vacancy has no contact person with an email address to tell.
vacancy-present-no-contact-email = The vacancy has no contact person with an email address to tell.
vacancy-present-mail-subject = Candidates for { $title }
vacancy-present-mail-body = Hello { $name },

    we have presented candidates for { $title } to you. See them and answer us in the customer portal: { $link }
vacancy-summary = Summary for the customer
vacancy-summary-hint = Briefly on experience and availability; the customer sees this.
vacancy-shared-documents = Documents shared with the customer
vacancy-presented-on = Presented { $date } · consent ({ $how }) { $consent }, recorded by { $by }
vacancy-decision-accepted-title = { $contact } accepted { $worker } for { $title }
vacancy-decision-accepted-body = { $contact } accepted { $worker } for { $title } in the customer portal. Make the assignment: { $link }
vacancy-decision-declined-title = { $contact } declined { $worker } for { $title }
vacancy-decision-declined-body = { $contact } declined { $worker } for { $title } in the customer portal. Reason: { $reason } — { $link }
history-vacancy-requested = Staff requested in the customer portal
history-vacancy-candidate-presented = Candidate presented to the customer
history-vacancy-candidate-accepted = Candidate accepted by the customer
history-vacancy-candidate-declined = Candidate declined by the customer
