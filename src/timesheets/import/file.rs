//! A time-clock file as read, without the database: UTF-8 with or without a byte-order mark,
//! Windows or Unix line ends, `;` or `,` between fields (whichever the header row uses), quoted
//! fields allowed; a header row naming the columns in Norwegian or English, in any order, other
//! columns ignored (docs/timesheet-import.md). Every line is checked on its own here (the worker
//! named, the date, the times, the break, the comment); [`super::check`] does the rest against
//! the database.

use time::Date;

use crate::files::csv::{line_at, separator};

use crate::{
    error::Msg,
    timefmt::when::{date_string, parse_day},
    timesheets::line::{Line, LineDraft},
};

/// The largest file read, in bytes.
pub const MAX_BYTES: usize = 1024 * 1024;
/// The most lines in one file.
pub const MAX_LINES: usize = 5000;

/// Who a line is for: the worker's employee number, or their id in Kundekort.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum WorkerRef {
    Number(String),
    Id(i64),
}

/// One line of the file as typed, with what it gives or why it cannot be read.
#[derive(Clone, Debug)]
pub struct FileLine {
    /// The line's number in the file (the header is line 1).
    pub number: u64,
    pub worker: Option<WorkerRef>,
    /// The worker as typed (employee number or id), shown in the preview.
    pub worker_typed: String,
    pub assignment: Option<i64>,
    /// The line as typed; the date as `YYYY-MM-DD` when it could be read.
    pub draft: LineDraft,
    /// The checked line, when every field could be read.
    pub line: Option<Line>,
    pub errors: Vec<Msg>,
}

impl FileLine {
    pub fn date(&self) -> Option<Date> {
        self.line.as_ref().map(|l| l.work_date)
    }
}

/// Why the file as a whole cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    Empty,
    TooLarge,
    NotUtf8,
    TooManyLines,
    /// A needed column is missing from the header: its name as documented.
    MissingColumn(&'static str),
    /// The file breaks off or is malformed at this line.
    Broken(u64),
}

impl FileError {
    pub fn msg(&self) -> Msg {
        match self {
            FileError::Empty => Msg::new("timesheet-import-empty"),
            FileError::TooLarge => Msg::new("timesheet-import-too-large")
                .arg("max", crate::web::format_size(MAX_BYTES as i64)),
            FileError::NotUtf8 => Msg::new("timesheet-import-not-utf8"),
            FileError::TooManyLines => Msg::new("timesheet-import-too-many").arg("max", MAX_LINES),
            FileError::MissingColumn(c) => {
                Msg::new("timesheet-import-missing-column").arg("column", *c)
            }
            FileError::Broken(n) => Msg::new("timesheet-import-broken").arg("line", *n),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    EmployeeNumber,
    WorkerId,
    Assignment,
    Date,
    Start,
    End,
    Break,
    Comment,
}

/// The header names understood (lower case, `-` and spaces read as `_`).
const NAMES: &[(&str, Column)] = &[
    ("ansattnr", Column::EmployeeNumber),
    ("ansattnummer", Column::EmployeeNumber),
    ("employee_number", Column::EmployeeNumber),
    ("vikar_id", Column::WorkerId),
    ("worker_id", Column::WorkerId),
    ("oppdrag", Column::Assignment),
    ("oppdrag_id", Column::Assignment),
    ("assignment_id", Column::Assignment),
    ("dato", Column::Date),
    ("date", Column::Date),
    ("start", Column::Start),
    ("slutt", Column::End),
    ("end", Column::End),
    ("pause", Column::Break),
    ("break", Column::Break),
    ("kommentar", Column::Comment),
    ("comment", Column::Comment),
];

fn column(name: &str) -> Option<Column> {
    let n = name.trim().to_lowercase().replace(['-', ' '], "_");
    NAMES.iter().find(|(k, _)| *k == n).map(|(_, c)| *c)
}

/// The text of the file: UTF-8, a byte-order mark dropped.
pub fn decode(bytes: &[u8]) -> Result<&str, FileError> {
    if bytes.len() > MAX_BYTES {
        return Err(FileError::TooLarge);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| FileError::NotUtf8)?;
    if text.trim().is_empty() {
        return Err(FileError::Empty);
    }
    Ok(text)
}

/// Reads the file's lines, each checked on its own. Blank lines are skipped.
pub fn read(bytes: &[u8]) -> Result<Vec<FileLine>, FileError> {
    let text = decode(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator(text))
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|_| FileError::Broken(1))?.clone();
    let columns: Vec<Option<Column>> = headers.iter().map(column).collect();
    let has = |c: Column| columns.contains(&Some(c));
    if !has(Column::EmployeeNumber) && !has(Column::WorkerId) {
        return Err(FileError::MissingColumn("ansattnr"));
    }
    for (c, name) in [
        (Column::Date, "dato"),
        (Column::Start, "start"),
        (Column::End, "slutt"),
    ] {
        if !has(c) {
            return Err(FileError::MissingColumn(name));
        }
    }
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record
            .map_err(|e| FileError::Broken(line_at(text, e.position().map_or(0, |p| p.byte()))))?;
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if out.len() == MAX_LINES {
            return Err(FileError::TooManyLines);
        }
        // The line the record starts on, counted from its byte offset.
        let number = line_at(text, record.position().map_or(0, |p| p.byte()));
        let field = |c: Column| -> String {
            columns
                .iter()
                .position(|x| *x == Some(c))
                .and_then(|i| record.get(i))
                .unwrap_or_default()
                .to_string()
        };
        out.push(line(number, &field));
    }
    Ok(out)
}

fn line(number: u64, field: &dyn Fn(Column) -> String) -> FileLine {
    let mut errors = Vec::new();
    let employee = field(Column::EmployeeNumber).trim().to_string();
    let id = field(Column::WorkerId).trim().to_string();
    let (worker, worker_typed) = if !employee.is_empty() {
        (Some(WorkerRef::Number(employee.clone())), employee)
    } else if !id.is_empty() {
        match id.parse::<i64>() {
            Ok(n) if n > 0 => (Some(WorkerRef::Id(n)), id),
            _ => {
                errors.push(Msg::new("timesheet-import-worker-id-invalid"));
                (None, id)
            }
        }
    } else {
        errors.push(Msg::new("timesheet-import-worker-missing"));
        (None, String::new())
    };
    let assignment_typed = field(Column::Assignment).trim().to_string();
    let assignment = if assignment_typed.is_empty() {
        None
    } else {
        match assignment_typed.parse::<i64>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                errors.push(Msg::new("timesheet-import-assignment-invalid"));
                None
            }
        }
    };
    let typed_date = field(Column::Date).trim().to_string();
    let draft = LineDraft {
        work_date: parse_day(&typed_date).map_or(typed_date, date_string),
        start: field(Column::Start).trim().to_string(),
        end: field(Column::End).trim().to_string(),
        break_minutes: field(Column::Break).trim().to_string(),
        comment: field(Column::Comment).trim().to_string(),
    };
    let line = match draft.validate(None) {
        Ok(l) => Some(l),
        Err(es) => {
            errors.extend(es.into_iter().map(|e| Msg::new(e.key())));
            None
        }
    };
    FileLine {
        number,
        worker,
        worker_typed,
        assignment,
        draft,
        line,
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(l: &FileLine) -> Vec<&'static str> {
        l.errors.iter().map(|m| m.key).collect()
    }

    #[test]
    fn reads_semicolons_with_a_bom_and_windows_line_ends() {
        let file = "\u{feff}Ansattnr;Dato;Start;Slutt;Pause;Kommentar\r\nV100;28.12.2026;07:30;15:30;30;\"Støp; dekke\"\r\n\r\nV101;2026-12-29;22:00;06:00;;\r\n";
        let lines = read(file.as_bytes()).unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].number, 2);
        assert_eq!(lines[0].worker, Some(WorkerRef::Number("V100".into())));
        assert_eq!(lines[0].draft.work_date, "2026-12-28");
        assert_eq!(lines[0].draft.comment, "Støp; dekke");
        assert_eq!(lines[0].line.as_ref().unwrap().worked_minutes(), 450);
        // Over midnight: the end is on the next day.
        assert_eq!(lines[1].number, 4);
        assert_eq!(lines[1].line.as_ref().unwrap().worked_minutes(), 480);
    }

    #[test]
    fn reads_commas_and_english_headers_in_any_order() {
        let file = "date,end,start,worker_id,assignment_id,break\n2026-12-28,15:30,07:30,7,12,30\n";
        let lines = read(file.as_bytes()).unwrap();
        assert_eq!(lines[0].worker, Some(WorkerRef::Id(7)));
        assert_eq!(lines[0].assignment, Some(12));
        assert!(lines[0].errors.is_empty());
    }

    #[test]
    fn names_each_bad_field_of_a_line() {
        let file = "ansattnr;oppdrag;dato;start;slutt;pause\n;x;31.02.2026;25:00;15:30;abc\n";
        let lines = read(file.as_bytes()).unwrap();
        assert_eq!(
            keys(&lines[0]),
            [
                "timesheet-import-worker-missing",
                "timesheet-import-assignment-invalid",
                "timesheet-line-date-invalid",
                "timesheet-line-start-invalid",
                "timesheet-line-break-invalid"
            ]
        );
    }

    #[test]
    fn refuses_what_is_no_time_clock_file() {
        assert_eq!(read(b"").unwrap_err(), FileError::Empty);
        assert_eq!(
            read(b"navn;by\n\xc5se;Troms\xf8\n").unwrap_err(),
            FileError::NotUtf8
        );
        assert_eq!(
            read(b"ansattnr;dato;start\nV1;28.12.2026;07:00\n").unwrap_err(),
            FileError::MissingColumn("slutt")
        );
        assert_eq!(
            read(b"dato;start;slutt\n").unwrap_err(),
            FileError::MissingColumn("ansattnr")
        );
        let big = vec![b'a'; MAX_BYTES + 1];
        assert_eq!(read(&big).unwrap_err(), FileError::TooLarge);
    }
}
