# Documents (customer card part 4)
tab-documents = Documents
document-name = Name
document-category = Category
document-categories = Document categories
document-category-offer = Offer
document-category-contract = Contract
document-category-logo = Logo
document-category-price-agreement = Price agreement
document-category-other = Other
document-category-name = Name
document-category-builtin = Standard name: { $name } (used when the field is empty)
document-category-new = New category
document-category-position = Order
document-category-active = In use
document-category-required = Choose a category.
document-category-name-required = The category needs a name.
document-category-name-too-long = The name can be at most 60 characters.
document-category-position-invalid = The order must be a number.
document-description = Description
document-description-too-long = The description can be at most 2000 characters.
document-valid-until = Valid until
document-valid-until-invalid = Write the date as dd.mm.yyyy.
document-shared-with-customer = Share with the customer (visible in the customer portal to contacts with access to documents)
document-shared = Shared with customer
document-signed = Signed
document-size = Size
document-uploaded-by = Uploaded by
document-updated = Updated
document-deleted = Deleted
document-versions = Versions
document-new-version = Upload a new version
document-details = Details
document-download = Download
document-preview = Preview
document-search = Search names
document-none = No documents yet. Drop files here to upload.
document-drop-here = Drag and drop files here, or
document-choose-files = Choose files
document-choose-files-again = Choose the files again – they were not saved.
document-limits = At most { $max } per file, { $files } files at a time. PDF, images, Office and text files.
document-upload = Upload
document-limit-one = At most { $max }. PDF, images, Office and text files.
document-uploaded = { $count ->
    [one] One document uploaded.
   *[other] { $count } documents uploaded.
}
document-no-files = Choose at least one file.
document-upload-broken = The upload broke off. Please try again.
document-too-many-files = Too many files at once (at most { $max }).
document-refused-title = These files were not saved:
document-refused-empty = The file is empty.
document-refused-too-large = The file is larger than the limit of { $max }.
document-refused-executable = Programs and scripts cannot be uploaded.
document-refused-mismatch = The content ({ $detected }) does not match the file name (.{ $extension }).
document-refused-unsupported = Files of type “{ $extension }” are not accepted. Use PDF, images, Office or text files.
document-refused-virus = The file contains malware ({ $signature }) and was not saved.
document-refused-scan-failed = The file could not be checked for viruses and was not saved. Try again later.
document-refused-named = “{ $name }” was not saved: { $reason }
document-saved = Your changes are saved.
document-delete = Move to bin
document-delete-confirm = Move the document to the bin? An administrator can restore it.
document-bin = Bin
document-bin-empty = The bin is empty.
document-back-to-list = Back to the documents
document-in-bin = This document is in the bin.
document-restore = Restore
# history
history-document-create = Document uploaded
history-document-update = Document changed
history-document-new-version = New version of a document
history-document-signed = Signed copy stored
history-document-delete = Document moved to the bin
history-document-restore = Document restored
document-document = Document
document-version = Version
# portal
portal-home = Home
portal-documents = Documents
portal-documents-none = No documents have been shared with you yet.
portal-documents-all = All documents
portal-to-sign = Waiting for your signature

# Uploads: a form field other than a file that is too long.
error-too-large = Request too large
document-field-too-large = One of the form's fields is too long (at most { $max }). Nothing was saved.
# The document categories page: whether uploads are scanned for viruses (decision 0071).
document-virus-scan-on = Every uploaded file is scanned for viruses by ClamAV ({ $addr }) before it is saved.
document-virus-scan-off = Uploaded files are not scanned for viruses: no virus scanner is set up (KUNDEKORT_CLAMD, see the operations guide).
