# The customer card's overview

box-master = Master data
box-invoice = Invoice details
box-activity = Latest activity
activity-none = No activities registered.
activity-all = See the customer's whole diary
box-figures = Key figures
error-back-card = Back to the customer card

layout-drag = Drag to move
layout-move-up = Move up
layout-move-down = Move down
layout-hide = Hide
layout-reset = Reset the layout
layout-make-default = Use my layout as the firm's default
layout-saved = Layout saved.
layout-unknown-box = Unknown box.
layout-unknown-box-named = Unknown box: { $key }

comments-none = No fixed comments.
comment-new = New fixed comment
comment-add = Add comment
comment-text = Comment
comment-body = Comment

figures-contacts = Active contact persons
figures-active-assignments = Active assignments
figures-portal-users = Customer portal users
figures-customer-since = Registered

invoice-edit = Change invoice details
invoice-delivery-method = The invoice is sent as
invoice-email = Invoice email
invoice-invoice-email = Invoice email
invoice-ehf = EHF (electronic invoice)
invoice-ehf-enabled = EHF
invoice-peppol-id = Receiver's PEPPOL ID
invoice-peppol-hint = Used when the invoice is sent as EHF. Empty means 0192 and the organisation number (Norwegian businesses).
invoice-payment-terms = Payment terms
invoice-payment-terms-days = Payment terms (days)
invoice-days = { $count ->
    [one] 1 day
   *[other] { $count } days
}
invoice-address = Invoice address
invoice-invoice-street = Invoice address
invoice-invoice-postal-code = Postal code (invoice)
invoice-address-same = Same as the postal address
invoice-address-hint = Fill in only if invoices go to another address.
invoice-po-required = The customer requires their reference or purchase order number on invoices
invoice-po-required-short = Requires their reference
invoice-our-reference = Our reference
invoice-stale = Someone else changed the invoice details while you were editing. What you typed is still in the form; check it and save again.
delivery-email = Email
delivery-ehf = EHF (electronic invoice)
delivery-paper = Paper (printed and posted)
peppol-needed = EHF needs a PEPPOL ID or an organisation number on the customer.
peppol-format = Write the PEPPOL ID like 0192:923609016.
payment-terms-range = Enter a number of days from 0 to 365.
delivery-email-needs-email = Fill in the invoice email when invoices are sent by email.

brreg-update = Update from Enhetsregisteret
brreg-ours = Ours
brreg-register = In Enhetsregisteret
brreg-apply = Use the values from Enhetsregisteret
brreg-no-differences = Everything matches Enhetsregisteret.
brreg-no-org-number = The customer has no organisation number.

history-comment-create = Fixed comment added
history-comment-update = Fixed comment changed
history-comment-delete = Fixed comment deleted
history-comment-move = Fixed comments reordered
history-invoice-settings = Invoice details changed
page-out-of-range = The page number must be a whole number from 1 to { $max }.
request-refused = The request was refused: { $detail }
# The card head's quick actions (decision 0048).
quick-actions = Quick actions
quick-menu = + New
quick-log-activity = Log activity
quick-follow-up = Schedule follow-up
quick-email = Write email
quick-sms = Write SMS
quick-call = Call { $name }
quick-upload = Upload document
quick-sign = Send for signing
quick-close = Close
quick-upload-title = Upload documents
