## Dialog (part 5): email and SMS

nav-dialog = Dialog
tab-dialog = Dialog
dialog-title = Email and SMS
dialog-firm-title = Dialog – the whole firm
dialog-firm-scope-all = Every email and SMS sent from the system, for all customers.
dialog-firm-scope-mine = Email and SMS for the customers you have access to.
dialog-new-email = Write email
dialog-new-sms = Write SMS
dialog-email-not-configured = Email is not set up on this server (no SMTP). Messages you write wait in the outbox and go when email is set up.
dialog-sms-not-configured = SMS is not set up on this server (no SMS provider). Messages you write wait in the outbox and go when SMS is set up.
dialog-email-not-configured-api = Email is not set up on this server (no SMTP), so nothing was queued.
dialog-sms-not-configured-api = SMS is not set up on this server (no SMS provider), so nothing was queued.
dialog-channel-unknown = The channel must be “email” or “sms”.
dialog-queued = { $count ->
    [one] One message is in the outbox and goes out right away.
   *[other] { $count } messages are in the outbox and go out right away.
}
dialog-queued-waiting = { $count ->
    [one] 1 message is in the outbox. It waits there until the channel is set up on the server, and goes out then.
   *[other] { $count } messages are in the outbox. They wait there until the channel is set up on the server, and go out then.
}
dialog-empty = No messages to show.
dialog-search = Search
dialog-search-hint = Subject or text
dialog-filter = Filter
dialog-filters = Filters
dialog-filter-clear = Clear
dialog-field-channel = Channel
dialog-field-direction = Direction
dialog-field-contact = Contact
dialog-field-consultant = Consultant
dialog-field-status = Status
dialog-field-from = From date
dialog-field-to = To date
dialog-field-q = Search
dialog-field-page = Page
dialog-field-after = Page start
dialog-channel-email = Email
dialog-channel-sms = SMS
dialog-direction-out = Sent
dialog-direction-in = Received
dialog-status-queued = In the outbox
dialog-status-sent = Sent
dialog-status-delivered = Delivered
dialog-status-failed = Failed
dialog-status-received = Received
dialog-event-queued = Put in the outbox
dialog-event-sent = Sent
dialog-event-retrying = Attempt failed, trying again
dialog-event-delivered = Delivered to the recipient
dialog-event-failed = Could not be sent
dialog-event-received = Received
dialog-col-time = Time
dialog-col-customer = Customer
dialog-col-from-to = From / to
dialog-col-subject = Subject / text
dialog-newer = Newer
dialog-older = Older
dialog-page = Page { $page }
dialog-unknown-sender = Unknown sender
dialog-attachments = Attachments
dialog-history = Delivery history
dialog-message-id = Message ID
dialog-provider-id = Provider's ID
dialog-from = From
dialog-to = To
dialog-cc = Cc
dialog-reply-to = Reply to
dialog-system = The system
dialog-sms-parts = { $parts ->
    [one] 1 SMS
   *[other] { $parts } SMS
}
dialog-recipients = Recipients
dialog-contact = Contact
dialog-address = Email address
dialog-mobile = Mobile
dialog-no-email-contacts = No active contact at this customer has an email address.
dialog-no-mobile-contacts = No active contact at this customer has a mobile number.
dialog-subject = Subject
dialog-subject-email-only = Subject (email only)
dialog-body = Text
dialog-format-hint = Simple formatting: a blank line starts a new paragraph, lines starting with "- " make a bullet list, **bold** is bold, and web addresses become links.
dialog-merge-hint = Merge fields:
dialog-merge-unknown = Unknown merge field: { $fields }. You can use { $known }.
dialog-personal-note = The text has personal merge fields, so each recipient in To gets their own email (with the same copies).
dialog-recipient-required = Choose at least one recipient.
dialog-too-many-recipients = At most { $max } recipients in one message. For more, use a bulk send from the customer list.
dialog-too-many-attachments = At most { $max } attachments in one email.
dialog-recipient-unknown = A chosen recipient is not an active contact of this customer.
dialog-form-has-errors = Something must be fixed before the message can be sent. What you wrote is kept.
dialog-preview = Preview
dialog-send = Send
dialog-cancel = Cancel
dialog-save = Save
dialog-saved = Saved.
dialog-delete = Delete
dialog-sms-length-gsm = { $chars ->
    [one] 1 character
   *[other] { $chars } characters
} · { $parts } SMS · { $left ->
    [one] 1 character
   *[other] { $left } characters
} left before the next SMS
dialog-sms-length-unicode = { $chars ->
    [one] 1 character
   *[other] { $chars } characters
} · { $parts } SMS · { $left ->
    [one] 1 character
   *[other] { $left } characters
} left before the next SMS (special characters or emoji make each SMS hold fewer characters)
dialog-template = Template
dialog-templates = Templates
dialog-template-none = No template
dialog-template-use = Use template
dialog-template-new = New template
dialog-template-new-email = New email template
dialog-template-new-sms = New SMS template
dialog-template-edit = Edit template
dialog-template-name = Name
dialog-template-scope = Who can use it
dialog-template-firm = The whole firm
dialog-template-personal = Only me
dialog-template-firm-admin-only = Only admins can make templates for the whole firm.
dialog-templates-hint = The firm's templates can be used by everyone and changed by admins. Only you see your own.
dialog-templates-none = No templates yet.
dialog-bulk-link = Send a message to these customers
dialog-bulk-title = Send a message to many customers
dialog-bulk-back = Back to the customer list
dialog-bulk-summary = { $customers ->
    [one] 1 customer
   *[other] { $customers } customers
} in the selection, { $recipients ->
    [one] 1 recipient.
   *[other] { $recipients } recipients.
}
dialog-bulk-without = { $count ->
    [one] 1 of the customers has no contact to send to and is skipped.
   *[other] { $count } of the customers have no contact to send to and are skipped.
}
dialog-bulk-not-editable = { $count ->
    [one] 1 customer in the selection is not yours or your department's and is left out.
   *[other] { $count } customers in the selection are not yours or your department's and are left out.
}
dialog-bulk-audience = To
dialog-bulk-audience-main = The main contact of each customer
dialog-bulk-audience-all = Every active contact
dialog-bulk-refresh = Update recipients and template
dialog-bulk-send = { $count ->
    [one] Send 1 message
   *[other] Send { $count } messages
}
dialog-bulk-no-recipients = No one in the selection has an address to send to.
dialog-bulk-too-many = A bulk send can have at most { $max } recipients. Narrow the selection.
settings-signature = Signature
settings-signature-hint = Used in email and SMS where the template has {"{"}sender_signature{"}"}.
invite-emailed = The invitation is being emailed to { $email }. Its link is for the contact only: Dialog shows that it was sent, not the link.
invite-mail-subject = Invitation to the customer portal – { $customer }
invite-mail-body = Hi { $name }!

    You are invited to our customer portal for { $customer }. There you can:
    { $offers }

    Choose a password here (the link works for { $days } days and can be used once):
    { $link }

    Ask us if anything is unclear – just reply to this email.
# What the invitation promises: one line per right the contact holds that the portal has now
# (invoices and staff requests are not in the portal yet, so they are not promised).
invite-offer-view_assignments = – see your assignments and the terms for hired workers
invite-offer-approve_timesheets = – approve timesheets
invite-offer-view_invoices = – see your invoices and credit notes and download them as PDF
invite-offer-view_documents = – see and download the documents we share with you
invite-offer-sign_documents = – sign agreements
invite-offer-none = – log in; we will give you access to more over time
dialog-attachment-upload = Upload an attachment
dialog-attachment-hint = Files you upload here are also kept among the customer's documents.
dialog-attachment-description = Uploaded as an email attachment
dialog-attachment-unknown = One of the attachments is no longer among the customer's documents.
dialog-attachments-too-large = The attachments add up to more than { $max }.

# Names, addresses and subjects that end up in email headers (contacts, users, messages).
field-control-chars = May not contain line breaks, tabs or other control characters.
