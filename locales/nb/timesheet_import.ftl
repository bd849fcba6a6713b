## Hours imported from a time-clock file (timesheets::import).
timesheet-import = Importer timer
timesheet-import-title = Importer timer fra fil
timesheet-import-intro = Last opp en CSV-fil med timer, for eksempel fra et stemplingsur. Du ser hver linje og resultatet før noe lagres, og ingenting importeres før alle linjene er i orden.
timesheet-import-format = Første linje navngir kolonnene: ansattnr (eller vikar_id), oppdrag (kan utelates når vikaren bare har ett oppdrag den dagen), dato (DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD), start og slutt (TT:MM; en slutt før starten er neste dag), pause (minutter) og kommentar. Skill feltene med semikolon eller komma. En dag i filen erstatter dagens linjer på timelisten; de andre dagene står.
timesheet-import-file = Fil (CSV, UTF-8)
timesheet-import-preview = Forhåndsvis
timesheet-import-line = Linje
timesheet-import-worker = Vikar
timesheet-import-assignment = Oppdrag
timesheet-import-result = Resultat
timesheet-import-ok = OK
timesheet-import-all-good = { $count ->
    [one] Linjen er i orden.
   *[other] Alle { $count } linjene er i orden.
}
timesheet-import-bad-lines = { $count ->
    [one] 1 linje har feil.
   *[other] { $count } linjer har feil.
} Ingenting er importert. Rett filen og last den opp igjen.
timesheet-import-do = { $count ->
    [one] Importer 1 linje
   *[other] Importer { $count } linjer
}
timesheet-import-done = { $count ->
    [one] 1 linje er importert
   *[other] { $count } linjer er importert
}
timesheet-import-done-sheets = { $count ->
    [one] til 1 timeliste.
   *[other] til { $count } timelister.
}
timesheet-import-no-file = Velg en fil.
timesheet-import-empty = Filen er tom.
timesheet-import-too-large = Filen er for stor (høyst { $max }).
timesheet-import-not-utf8 = Filen er ikke lagret som UTF-8. Lagre den som «CSV UTF-8» og prøv igjen.
timesheet-import-too-many = Filen har for mange linjer (høyst { $max }). Del den opp.
timesheet-import-missing-column = Kolonnen «{ $column }» mangler i første linje.
timesheet-import-broken = Filen kan ikke leses ved linje { $line }.
timesheet-import-changed = Filen er ikke den som ble forhåndsvist. Last den opp igjen.
timesheet-import-worker-missing = Ansattnummer eller vikar-id mangler.
timesheet-import-worker-id-invalid = Vikar-id må være et tall.
timesheet-import-assignment-invalid = Oppdrag må være oppdragets nummer.
timesheet-import-unknown-number = Ingen vikar har ansattnummer { $number }.
timesheet-import-unknown-id = Ingen vikar har id { $id }.
timesheet-import-assignment-not-that-day = Oppdrag { $id } er ikke denne vikarens oppdrag denne dagen.
timesheet-import-no-assignment = Vikaren har ikke noe oppdrag denne dagen.
timesheet-import-several-assignments = Vikaren har flere oppdrag denne dagen ({ $ids }). Skriv oppdragets nummer i kolonnen oppdrag.
timesheet-import-out-of-scope = Oppdraget er hos en kunde du ikke kan endre.
timesheet-import-sheet-locked = Timelisten for uke { $week } er { $status } og kan ikke endres.
timesheet-import-overlaps = Overlapper linje { $line } (samme vikar, samme tid).
