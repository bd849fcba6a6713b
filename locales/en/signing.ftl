# Signing (customer card part 4)
signing-orders = Signings
signing-none = No documents have been sent for signing yet.
signing-send = Send for signing
signing-document = Document
signing-no-pdfs = The customer has no PDF documents. Upload the contract as a PDF first.
signing-title = Title
signing-message = Message to the signers
signing-method = Signing method
signing-method-simple = Simple electronic signature (one-time code by email or SMS)
signing-method-simple-help = The signer confirms with a code sent to their email, or by SMS when email does not reach them and SMS is set up. This is not BankID.
signing-method-idura = BankID (through Idura)
signing-idura-not-configured = BankID signing is not set up. Use the simple electronic signature, or ask an administrator to set up Idura.
signing-signers = Signers
signing-signer = Signer
signing-no-email = no email
signing-agency-signer = Signer from the agency (optional)
signing-agency-signer-none = None
signing-expires-days = Expires in (days)
signing-expires = Expires
signing-expires-on = Deadline { $date }
signing-email-not-configured = Email is not set up: the emails with signing links wait in the outbox and go out once email is set up. The links are for the signers only and are not shown here.
signing-document-required = Choose a PDF document.
signing-title-required = Write a title (at most 200 characters).
signing-message-too-long = The message can be at most 4000 characters.
signing-expires-invalid = The deadline must be between 1 and 90 days.
signing-signers-required = Choose at least one signer.
signing-signer-needs-email = { $name } has no email address.
signing-signer-unknown = One of the signers no longer exists.
signing-broker-failed = The signing service did not answer as expected, and nothing was sent: { $reason }
signing-not-open = The signing is no longer open.
signing-already-done = You have already answered this signing.
signing-status = Status
signing-sent = Sent
signing-sent-by = Sent by
signing-sent-notice = Sent. Each signer gets a personal link, by email or SMS as shown below.
signing-sent-no-email = Created. Email is not set up: below is how each signer is reached (SMS or the customer portal). The emails with signing links wait in the outbox until email is set up.
signing-state-sent = Sent
signing-state-opened = Opened
signing-state-partly = Signed by { $signed } of { $total }
signing-state-completed = Completed
signing-state-rejected = Rejected
signing-state-expired = Expired
signing-state-cancelled = Cancelled
signing-state-failed = Failed
signing-signer-open = Not opened
signing-signer-opened = Opened
signing-signer-signed = Signed
signing-signer-rejected = Rejected
signing-remind = Send a reminder
signing-reminded = Reminder sent to { $name }.
signing-reminders = { $count ->
    [one] one reminder
   *[other] { $count } reminders
}
signing-cancel = Cancel the signing
signing-cancel-confirm = Cancel the signing? The signers will no longer be able to sign.
signing-reason = Reason
signing-timeline = Timeline
signing-signed-copy = Signed copy
signing-event-created = Created
signing-event-sent = Link sent
signing-event-opened = Opened
signing-event-code-sent = One-time code sent
signing-event-code-confirmed = One-time code confirmed
signing-event-signed = Signed
signing-event-rejected = Rejected
signing-event-reminded = Reminder sent
signing-event-cancelled = Cancelled
signing-event-expired = Expired
signing-event-completed = Completed, signed copy stored
signing-event-failed = Failed
signing-event-signatory-signed = Signed with BankID
signing-event-signatory-rejected = Rejected
signing-event-signatory-opened = Opened
signing-event-signatory-sign-link-opened = Opened
signing-event-signatory-download-link-opened = Downloaded
signing-event-signature-order-expired = Expired
signing-event-signatory-sign-error = Error while signing
# emails
signing-mail-subject = Document to sign: { $title }
signing-mail-reminder-subject = Reminder: document to sign: { $title }
signing-mail-body =
    Hello { $name },

    Please sign “{ $title }”.

    { $message }

    Open the document and sign here:
    { $link }

    Signing method: { $method }
    The deadline is { $expires }.
signing-code-subject = One-time code for signing: { $title }
signing-code-body =
    Hello { $name },

    Your one-time code for signing “{ $title }” is { $code }.
    It is valid for { $minutes } minutes.

    If you did not ask for this code, you can ignore this email.
# the signer's page
signing-page-heading = Signing
signing-page-from = { $sender } asks { $name } to sign this document.
signing-simple-explained = This is a simple electronic signature: you confirm who you are with a one-time code sent to your email or mobile phone. It is not BankID.
signing-code-explain = We will send a one-time code to { $email }.
signing-code-send = Send me a code
signing-code-resend = Send a new code
signing-code = One-time code
signing-code-confirm = Confirm
signing-code-cannot-send = The agency has not set up email or SMS that reaches you, so the one-time code cannot be sent. If you have access to the customer portal, log in there and sign: the log-in confirms who you are. Otherwise, contact the agency.
signing-code-expired = The code has expired. Ask for a new code.
signing-code-too-many = Too many wrong attempts. Ask for a new code.
signing-code-limit = You have asked for as many codes as allowed for this signing. Use the last code you received, or contact the agency.
signing-code-locked = A wrong code has been entered too many times for this document, so it can no longer be signed with a code. Contact the agency for a new signing request.
signing-code-wrong = The code is not right. Check the code you received and try again.
signing-open-document = Open the document in a new tab
signing-confirm = I have read the whole document and sign it.
signing-confirm-required = Tick the box to confirm you have read the document.
signing-sign = Sign
signing-reject = Reject
signing-reason-required = Write a reason (at most 1000 characters).
signing-you-signed = You signed on { $when }. Thank you!
signing-you-rejected = You rejected the signing. The agency has been told.
signing-all-signed = Everyone has signed.
signing-waiting-others = We are waiting for the other signers.
signing-closed-open = The signing has expired.
signing-closed-completed = The signing is completed.
signing-closed-rejected = The signing was rejected.
signing-closed-expired = The signing has expired.
signing-closed-cancelled = The agency cancelled the signing.
signing-closed-failed = The signing could not be completed.
signing-document-changed = The document has changed since it was sent and cannot be signed. Please contact the agency.
# the signature page appended to the signed copy
signing-page-title = Signature page
signing-page-kind = Simple electronic signature (not BankID). How each signer confirmed who they are is given under their name.
signing-page-document = Document: { $title }
signing-page-file = File
signing-page-email = Email
signing-page-signed-at = Signed
signing-page-ip = IP address
signing-page-user-agent = Browser
signing-page-hash = SHA-256 of the document shown
signing-portal-proof = You are logged in to the customer portal as { $name }. The log-in confirms who you are, and the signature page says so.
signing-event-portal-login-confirmed = Identity confirmed by customer portal log-in
signing-event-waiting-in-portal = Waiting in the customer portal (neither email nor SMS reaches the signer)
signing-event-unreachable = No channel reaches the signer: no link sent
signing-page-via = Identity confirmed by
signing-page-via-email_code = one-time code sent by email
signing-page-via-portal_login = customer portal log-in
signing-unreachable = { $name } cannot be reached: neither email nor SMS reaches { $name }, and { $name } has no customer portal access with the right to sign. Set up email or SMS (and add a mobile number), or give portal access.
signing-in-portal = Waiting in the customer portal
signing-remind-no-email = A reminder goes by email or SMS, and neither reaches this signer.
# decision 0049: the link and the one-time code by SMS
signing-sms-body = You are asked to sign "{ $title }" by { $expires }. Open the document and sign here: { $link }
signing-sms-reminder-body = Reminder: you are asked to sign "{ $title }" by { $expires }. Open the document and sign here: { $link }
signing-code-sms-body = Your one-time code to sign "{ $title }" is { $code }. It is valid for { $minutes } minutes.
signing-code-explain-sms = We will send a one-time code by SMS to { $mobile }.
signing-code-explain-choice = We will send you a one-time code. Choose where to get it:
signing-code-send-email = Code by email to { $email }
signing-code-send-sms = Code by SMS to { $mobile }
signing-code-sent-email = The code was sent by email to { $email }.
signing-code-sent-sms = The code was sent by SMS to { $mobile }.
signing-page-via-sms_code = one-time code sent by SMS to { $mobile }
signing-event-sent-sms = Link sent by SMS
signing-event-reminded-sms = Reminder sent by SMS
signing-event-code-sent-sms = One-time code sent by SMS
signing-by-email = Link by email
signing-by-sms = Link by SMS to { $mobile }
signing-signer-needs-address = { $name } has neither an email address nor a mobile number.
signing-email-not-configured-sms = Email is not set up, but SMS is: signers with a mobile number get the link and the one-time code by SMS. Emails to the others wait in the outbox until email is set up. The links are for the signers only and are not shown here.
