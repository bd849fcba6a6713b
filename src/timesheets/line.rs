//! A day line as typed (work date, start, end, break, comment) and as checked ([`Line`]): the
//! real worked minutes in Europe/Oslo, daylight saving included, and the interval as UTC
//! instants for the law's checks across assignments ([`super::law`]). An end at or before the
//! start is on the next day (a night shift; `07:00`–`07:00` is 24 hours). A wall-clock time in
//! the spring's missing hour is read as an hour later, one in the autumn's repeated hour as the
//! first (`timefmt::when::oslo_to_unix`).

use serde::{Deserialize, Serialize};
use time::{Date, Duration, PrimitiveDateTime, Time};

use super::period::Period;
use crate::{
    assignments::week::StandardWeek,
    error::has_control_chars,
    norway::holidays::is_public_holiday,
    timefmt::when::{date_string, oslo_to_unix, parse_day},
};

/// The longest comment on a line, in characters.
pub const COMMENT_MAX: usize = 500;

/// A line as typed: every field a string, so a page can show it back exactly.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LineDraft {
    /// `2026-12-02` (also `02.12.2026`).
    pub work_date: String,
    /// `07:30` (also `7:30`, `07.30`).
    pub start: String,
    pub end: String,
    /// Whole minutes, empty for none.
    pub break_minutes: String,
    pub comment: String,
}

/// Why a line cannot be saved; [`LineError::key`] names it in the user's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineError {
    DateInvalid,
    DateOutsidePeriod,
    StartInvalid,
    EndInvalid,
    BreakInvalid,
    /// The break is as long as the time from start to end, or longer.
    BreakTooLong,
    CommentTooLong,
    /// A line break, tab or other control character in the comment (a one-line field).
    CommentControl,
}

impl LineError {
    pub fn key(self) -> &'static str {
        match self {
            LineError::DateInvalid => "timesheet-line-date-invalid",
            LineError::DateOutsidePeriod => "timesheet-line-date-outside",
            LineError::StartInvalid => "timesheet-line-start-invalid",
            LineError::EndInvalid => "timesheet-line-end-invalid",
            LineError::BreakInvalid => "timesheet-line-break-invalid",
            LineError::BreakTooLong => "timesheet-line-break-too-long",
            LineError::CommentTooLong => "timesheet-line-comment-too-long",
            LineError::CommentControl => "field-control-chars",
        }
    }

    /// The draft's field the error belongs to.
    pub fn field(self) -> &'static str {
        match self {
            LineError::DateInvalid | LineError::DateOutsidePeriod => "work_date",
            LineError::StartInvalid => "start",
            LineError::EndInvalid => "end",
            LineError::BreakInvalid | LineError::BreakTooLong => "break_minutes",
            LineError::CommentTooLong | LineError::CommentControl => "comment",
        }
    }
}

/// A checked line. `start` and `end` are minutes after midnight, Oslo wall-clock time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub work_date: Date,
    pub start: u16,
    pub end: u16,
    pub break_minutes: u16,
    pub comment: String,
}

/// Worked time between two instants (unix seconds, UTC), with its unplaced break.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkInterval {
    pub start: i64,
    pub end: i64,
    pub break_minutes: i64,
}

impl WorkInterval {
    pub fn span_minutes(&self) -> i64 {
        (self.end - self.start) / 60
    }
    pub fn worked_minutes(&self) -> i64 {
        (self.span_minutes() - self.break_minutes).max(0)
    }
}

/// `07:30`, `7:30` or `07.30` → minutes after midnight.
pub fn parse_clock(s: &str) -> Option<u16> {
    let (h, m) = s.trim().split_once([':', '.'])?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// Minutes after midnight as `07:30`.
pub fn clock_text(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// An Oslo wall-clock time (`minutes` after midnight of `date`) as unix seconds.
pub fn oslo_at(date: Date, minutes: u16) -> i64 {
    let time = Time::from_hms(
        u8::try_from(minutes / 60).unwrap_or(0),
        u8::try_from(minutes % 60).unwrap_or(0),
        0,
    )
    .unwrap_or(Time::MIDNIGHT);
    oslo_to_unix(PrimitiveDateTime::new(date, time))
}

impl Line {
    /// The end is on the next day.
    pub fn overnight(&self) -> bool {
        self.end <= self.start
    }

    pub fn end_date(&self) -> Date {
        if self.overnight() {
            self.work_date + Duration::days(1)
        } else {
            self.work_date
        }
    }

    pub fn interval(&self) -> WorkInterval {
        WorkInterval {
            start: oslo_at(self.work_date, self.start),
            end: oslo_at(self.end_date(), self.end),
            break_minutes: i64::from(self.break_minutes),
        }
    }

    /// Minutes from start to end as the clock really ran (23 or 25 hours on a change night).
    pub fn span_minutes(&self) -> i64 {
        self.interval().span_minutes()
    }

    /// The worked minutes: the span less the break.
    pub fn worked_minutes(&self) -> i64 {
        self.interval().worked_minutes()
    }

    pub fn draft(&self) -> LineDraft {
        LineDraft {
            work_date: date_string(self.work_date),
            start: clock_text(self.start),
            end: clock_text(self.end),
            break_minutes: if self.break_minutes == 0 {
                String::new()
            } else {
                self.break_minutes.to_string()
            },
            comment: self.comment.clone(),
        }
    }
}

impl LineDraft {
    /// Checks the line; with a period, the work date must lie in it. Every error is returned,
    /// each with its field ([`LineError::field`]).
    pub fn validate(&self, period: Option<&Period>) -> Result<Line, Vec<LineError>> {
        let mut errors = Vec::new();
        let work_date = parse_day(&self.work_date);
        match work_date {
            None => errors.push(LineError::DateInvalid),
            Some(d) if period.is_some_and(|p| !p.contains(d)) => {
                errors.push(LineError::DateOutsidePeriod)
            }
            Some(_) => {}
        }
        let start = parse_clock(&self.start);
        if start.is_none() {
            errors.push(LineError::StartInvalid);
        }
        let end = parse_clock(&self.end);
        if end.is_none() {
            errors.push(LineError::EndInvalid);
        }
        let raw_break = self.break_minutes.trim();
        let break_minutes = if raw_break.is_empty() {
            Some(0)
        } else if raw_break.bytes().all(|b| b.is_ascii_digit()) && raw_break.len() <= 4 {
            raw_break.parse::<u16>().ok()
        } else {
            None
        };
        if break_minutes.is_none() {
            errors.push(LineError::BreakInvalid);
        }
        if self.comment.trim().chars().count() > COMMENT_MAX {
            errors.push(LineError::CommentTooLong);
        }
        if has_control_chars(&self.comment) {
            errors.push(LineError::CommentControl);
        }
        if let (Some(work_date), Some(start), Some(end), Some(break_minutes)) =
            (work_date, start, end, break_minutes)
        {
            let line = Line {
                work_date,
                start,
                end,
                break_minutes,
                comment: self.comment.trim().to_string(),
            };
            if i64::from(break_minutes) >= line.span_minutes() {
                errors.push(LineError::BreakTooLong);
            }
            if errors.is_empty() {
                return Ok(line);
            }
        }
        Err(errors)
    }
}

/// The lines a new sheet starts with: the standard week's shift on each day of the period that
/// is not a public holiday.
pub fn prefill(week: &StandardWeek, period: &Period) -> Vec<Line> {
    period
        .days()
        .filter(|d| !is_public_holiday(*d))
        .filter_map(|d| {
            week.shift_on(d.weekday()).map(|s| Line {
                work_date: d,
                start: s.start,
                end: s.end,
                break_minutes: s.break_minutes,
                comment: String::new(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
