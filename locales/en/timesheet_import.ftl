## Hours imported from a time-clock file (timesheets::import).
timesheet-import = Import hours
timesheet-import-title = Import hours from a file
timesheet-import-intro = Upload a CSV file of hours, e.g. from a time clock. You see every line and its result before anything is saved, and nothing is imported until all lines are good.
timesheet-import-format = The first line names the columns: ansattnr / employee_number (or worker_id), oppdrag / assignment_id (may be left out when the worker has one assignment that day), dato / date (DD.MM.YYYY or YYYY-MM-DD), start and slutt / end (HH:MM; an end before the start is on the next day), pause / break (minutes) and kommentar / comment. Separate the fields with semicolons or commas. A day in the file replaces that day's lines on the timesheet; the other days stay.
timesheet-import-file = File (CSV, UTF-8)
timesheet-import-preview = Preview
timesheet-import-line = Line
timesheet-import-worker = Worker
timesheet-import-assignment = Assignment
timesheet-import-result = Result
timesheet-import-ok = OK
timesheet-import-all-good = { $count ->
    [one] The line is good.
   *[other] All { $count } lines are good.
}
timesheet-import-bad-lines = { $count ->
    [one] 1 line has errors.
   *[other] { $count } lines have errors.
} Nothing was imported. Correct the file and upload it again.
timesheet-import-do = { $count ->
    [one] Import 1 line
   *[other] Import { $count } lines
}
timesheet-import-done = { $count ->
    [one] 1 line was imported
   *[other] { $count } lines were imported
}
timesheet-import-done-sheets = { $count ->
    [one] into 1 timesheet.
   *[other] into { $count } timesheets.
}
timesheet-import-no-file = Choose a file.
timesheet-import-empty = The file is empty.
timesheet-import-too-large = The file is too large (at most { $max }).
timesheet-import-not-utf8 = The file is not saved as UTF-8. Save it as "CSV UTF-8" and try again.
timesheet-import-too-many = The file has too many lines (at most { $max }). Split it.
timesheet-import-missing-column = The column "{ $column }" is missing from the first line.
timesheet-import-broken = The file cannot be read at line { $line }.
timesheet-import-changed = The file is not the one previewed. Upload it again.
timesheet-import-worker-missing = Employee number or worker id missing.
timesheet-import-worker-id-invalid = The worker id must be a number.
timesheet-import-assignment-invalid = The assignment must be the assignment's number.
timesheet-import-unknown-number = No worker has employee number { $number }.
timesheet-import-unknown-id = No worker has id { $id }.
timesheet-import-assignment-not-that-day = Assignment { $id } is not this worker's assignment on this day.
timesheet-import-no-assignment = The worker has no assignment on this day.
timesheet-import-several-assignments = The worker has several assignments on this day ({ $ids }). Write the assignment's number in the assignment column.
timesheet-import-out-of-scope = The assignment is with a customer you may not change.
timesheet-import-sheet-locked = The timesheet of week { $week } is { $status } and cannot be changed.
timesheet-import-overlaps = Overlaps line { $line } (same worker, same time).
