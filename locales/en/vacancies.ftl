# Vacancies on the customer card, the firm-wide list and the API.
nav-vacancies = Vacancies
vacancies = Vacancies
vacancy = Vacancy
vacancies-none = No vacancies.
assignments-group = Assignments
vacancy-new = New vacancy
vacancy-edit = Edit vacancy
vacancy-saved = The vacancy is saved.
vacancy-stale = Someone else changed the vacancy while you were typing. Check and save again.
vacancy-check-hint = The check covers the terms. The worker's papers (HMS card, residence permit) are checked on the assignment made for each worker.
vacancy-title = Job title
vacancy-positions = Number of workers
vacancy-styrk-code = Occupation code (STYRK-08)
vacancy-occupation-title = Occupation
vacancy-occupation = Occupation
vacancy-contact = Customer's contact
vacancy-consultant = Responsible consultant
vacancy-description = Description
vacancy-requirements = Requirements
vacancy-customer = Customer
vacancy-places = Places
vacancy-status = Status
vacancy-status-open = Open
vacancy-status-filled = Filled
vacancy-status-cancelled = Cancelled
vacancy-status-current = Open and filled
vacancy-filter = Show
vacancy-count = { $count ->
    [one] { $formatted } vacancy
   *[other] { $formatted } vacancies
}
vacancy-filled = { $filled } of { $count ->
    [one] { $count } place
   *[other] { $count } places
} filled
vacancy-cancel = Cancel the vacancy
vacancy-reopen = Reopen the vacancy
vacancy-candidates = Candidates
vacancy-candidates-none = No candidates yet. Search for workers below.
vacancy-stage = Stage
vacancy-stage-suggested = Suggested
vacancy-stage-contacted = Contacted
vacancy-stage-presented = Presented
vacancy-stage-accepted = Accepted
vacancy-stage-declined = Declined
vacancy-stage-move = Move
vacancy-make-assignment = Make assignment
vacancy-assignment-made = Assignment made
vacancy-find-workers = Find workers
vacancy-search-name = Name
vacancy-search-skill = Skill
vacancy-search-place = Place
vacancy-search-free = Free for the whole period
vacancy-search-button = Search
vacancy-search-found = { $count ->
    [one] { $formatted } worker found
   *[other] { $formatted } workers found
}
vacancy-search-found-more = { $count ->
    [one] more than 1 worker found
   *[other] more than { $formatted } workers found
}
vacancy-already-candidate = Already a candidate
vacancy-add-candidate = Add as candidate
vacancy-positions-invalid = Enter a whole number from 1 to { $max }.
vacancy-move-refused = The vacancy already has that status.
vacancy-stale-move = Someone else changed this meanwhile. Reload the page and try again.
vacancy-candidate-exists = The worker is already a candidate for this vacancy.
vacancy-candidate-assigned = An assignment has already been made for this candidate.
vacancy-candidate-not-accepted = Only a candidate who has accepted can be given an assignment.
vacancy-not-open = The vacancy is not open: every place is filled, or it is cancelled.
vacancy-closed = The vacancy is cancelled. Reopen it to change it.
vacancy-terms-invalid = The vacancy's terms cannot be used for an assignment as they are now. Edit the vacancy and try again.
vacancy-no-worker = A vacancy has no worker; workers are added as candidates.
history-vacancy-create = Vacancy created
history-vacancy-update = Vacancy changed
history-vacancy-open = Vacancy open again
history-vacancy-filled = Vacancy filled
history-vacancy-cancel = Vacancy cancelled
history-vacancy-reopen = Vacancy reopened
history-vacancy-candidate-add = Candidate added
history-vacancy-candidate-stage = Candidate moved
history-vacancy-assignment = Assignment made from vacancy
vacancy-from = From
vacancy-to = To
vacancy-bill-rate = Bill rate
vacancy-pay-rate = Pay rate
vacancy-hours-per-week = Hours per week
vacancy-legal-basis = Basis for hiring
vacancy-purchase-order = Purchase order
vacancy-workplace-city = Workplace
vacancy-vacancy-status = Status
vacancy-worker = Worker
vacancy-assignment-landed = The assignment was made from the vacancy with all its terms. Check and adjust them before you activate it and send the confirmation.
vacancy-back = Back to the vacancy
vacancies-show-all = Show { $count ->
    [one] the one vacancy
   *[other] all { $formatted } vacancies
}
vacancies-at-customer = Vacancies at { $customer }
vacancies-back-to-card = Back to the customer card
vacancy-applied = Applied through the ad “{ $title }” { $date } · source: { $source }
vacancy-applied-cv = CV
