# Rental offers (utleietilbud) from a vacancy (decision 0042).
offers = Rental offers
offers-none = No offers have been made yet.
offer-document = Offer
offer-status = Status
offer-valid-until = Valid until
offer-status-draft = Not sent
offer-status-sent = Sent
offer-status-accepted = Accepted
offer-status-declined = Declined
offer-status-expired = Expired
offer-sent-email = Sent by email { $date }
offer-sent-signing = Sent for signing { $date }
offer-answered = { $date }, { $by } ({ $how })
offer-answered-signing = signed
offer-signing-order = The signing order
offer-email-to = Send to
offer-email-not-configured = Email is not set up yet: the email waits in the outbox and is only sent once email is set up.
offer-send-email = Send by email
offer-send-signing = Send for signing
offer-record-answer = Record the customer's answer
offer-answered-on = Date
offer-answered-by = Who answered
offer-answered-how = How
offer-answered-how-hint = e.g. email, phone
offer-accepted-button = Accepted
offer-declined-button = Declined
offer-language = Language
offer-language-nb = Norwegian (bokmål)
offer-language-en = English
offer-make = Make offer
offer-make-hint = The offer is made as a PDF with the vacancy's period, prices and terms and kept among the customer's documents.
offer-notice-made = The offer was made and kept among the customer's documents.
offer-notice-emailed = The offer is in the outbox and is being sent.
offer-notice-queued = The offer is in the outbox, but email is not set up, so it has not been sent yet.
offer-notice-accepted = The customer's acceptance is recorded.
offer-notice-declined = The customer's refusal is recorded.
offer-not-open = The offer has already been answered or has expired and cannot be sent.
offer-already-answered = The offer has already been answered.
offer-date-invalid = Write the date as 01.03.2027.
offer-valid-until-past = The date cannot have passed.
offer-answer-future = The date cannot be in the future.
offer-contact-required = Choose a contact.
offer-contact-no-email = The contact has no email address.
offer-file-name = Rental offer { $number }.pdf
offer-mail-subject = Rental offer: { $title }
offer-mail-body =
    Dear { $name },

    Please find attached our offer for the hire of staff: { $title }. The offer is valid until { $valid } inclusive.

    Kind regards
    { $sender }
history-vacancy-offer-create = Rental offer made
history-vacancy-offer-email = Rental offer sent by email
history-vacancy-offer-signing = Rental offer sent for signing
history-vacancy-offer-accepted = Rental offer accepted
history-vacancy-offer-declined = Rental offer declined
offer-pdf-title = Rental offer
offer-pdf-number = Offer no.
offer-pdf-date = Date
offer-pdf-valid-until = Valid until
offer-pdf-to = To
offer-pdf-from = From
offer-pdf-org-number = Org. no.
offer-pdf-foretaksregisteret = Foretaksregisteret
offer-pdf-intro = Offer
offer-pdf-intro-text = Thank you for your enquiry. We are pleased to offer { $customer } the hire of staff on these terms.
offer-pdf-position = Position
offer-pdf-occupation = Occupation
offer-pdf-period = Period
offer-pdf-open-ended = from { $from }, no end date
offer-pdf-positions = Number
offer-pdf-positions-count =
    { $count ->
        [one] { $count } person
       *[other] { $count } people
    }
offer-pdf-working-time = Working time
offer-pdf-hours-per-week = Hours per week
offer-pdf-break = Break
offer-pdf-break-minutes =
    { $count ->
        [one] { $count } minute break
       *[other] { $count } minutes break
    }
offer-pdf-workplace = Workplace
offer-pdf-building-site = building site
offer-pdf-contact = Your contact
offer-pdf-consultant = Responsible consultant
offer-pdf-prices = Prices
offer-pdf-hourly-rate = Hourly rate
offer-pdf-kr-per-hour = NOK { $amount } per hour
offer-pdf-overtime = Overtime
offer-pdf-overtime-class = Overtime { $percent } %
offer-pdf-allowances = Allowances
offer-pdf-per-hour = per hour
offer-pdf-terms = Terms
offer-pdf-purchase-order = Purchase order
offer-pdf-legal-basis = Legal basis for the hire
offer-pdf-equal-treatment = Equal treatment
offer-pdf-equal-treatment-text = Your pay for the same work (Working Environment Act § 14-12 a): NOK { $pay } per hour, confirmed by you on { $confirmed }.
offer-pdf-vat = VAT
offer-pdf-vat-text = All prices are exclusive of VAT.
offer-pdf-acceptance = Acceptance
offer-pdf-acceptance-text = The offer is valid until { $date } inclusive. It is accepted by signing it or by answering us in writing by that date.
# The offers' fields in the card's history (entity `vacancy`).
vacancy-offer = Offer
vacancy-valid-until = Valid until
vacancy-signing-order = Signing order
vacancy-answered-on = Answered
vacancy-answered-by = Answered by
vacancy-answered-how = How
