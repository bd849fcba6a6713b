use time::macros::{date, datetime};

use super::*;
use crate::assignments::week::Shift;

fn typed(date: &str, start: &str, end: &str, brk: &str) -> LineDraft {
    LineDraft {
        work_date: date.into(),
        start: start.into(),
        end: end.into(),
        break_minutes: brk.into(),
        comment: String::new(),
    }
}

fn line(date: &str, start: &str, end: &str, brk: &str) -> Line {
    typed(date, start, end, brk).validate(None).unwrap()
}

#[test]
fn a_day_line_is_its_hours_less_the_break() {
    let l = line("2026-12-02", "07:30", "15:30", "30");
    assert_eq!(l.worked_minutes(), 450);
    assert!(!l.overnight());
    // 07:30 in Oslo in winter is 06:30 UTC.
    assert_eq!(
        l.interval().start,
        datetime!(2026-12-02 06:30 UTC).unix_timestamp()
    );
    assert_eq!(
        line("2026-12-02", "7.30", "15:30", "").worked_minutes(),
        480
    );
}

#[test]
fn night_shifts_over_the_daylight_saving_changes() {
    // Spring: on the night to Sunday 29 March 2026 the clock jumps 02:00 → 03:00.
    let spring = line("2026-03-28", "22:00", "06:00", "");
    assert!(spring.overnight());
    assert_eq!(spring.worked_minutes(), 7 * 60);
    assert_eq!(
        spring.interval().start,
        datetime!(2026-03-28 21:00 UTC).unix_timestamp()
    );
    assert_eq!(
        spring.interval().end,
        datetime!(2026-03-29 04:00 UTC).unix_timestamp()
    );
    // The next night is an ordinary one again.
    assert_eq!(
        line("2026-03-29", "22:00", "06:00", "").worked_minutes(),
        8 * 60
    );
    // Autumn: on the night to Sunday 25 October 2026 the clock goes back 03:00 → 02:00.
    let autumn = line("2026-10-24", "22:00", "06:00", "30");
    assert_eq!(autumn.worked_minutes(), 9 * 60 - 30);
    assert_eq!(
        autumn.interval().end,
        datetime!(2026-10-25 05:00 UTC).unix_timestamp()
    );
    assert_eq!(
        line("2026-10-25", "22:00", "06:00", "").worked_minutes(),
        8 * 60
    );
}

#[test]
fn an_end_at_the_start_is_a_whole_day() {
    assert_eq!(
        line("2026-12-02", "07:00", "07:00", "").worked_minutes(),
        24 * 60
    );
    assert_eq!(
        line("2026-12-02", "16:00", "00:00", "").worked_minutes(),
        8 * 60
    );
}

#[test]
fn bad_input_gives_typed_codes_for_every_field() {
    let errs = typed("2026-02-30", "25:00", "7", "ti")
        .validate(None)
        .unwrap_err();
    assert_eq!(
        errs,
        vec![
            LineError::DateInvalid,
            LineError::StartInvalid,
            LineError::EndInvalid,
            LineError::BreakInvalid
        ]
    );
    assert_eq!(errs[3].field(), "break_minutes");
    assert_eq!(errs[0].key(), "timesheet-line-date-invalid");
    assert_eq!(
        typed("2026-12-02", "08:00", "09:00", "60").validate(None),
        Err(vec![LineError::BreakTooLong])
    );
    assert!(
        typed("2026-12-02", "08:00", "09:00", "59")
            .validate(None)
            .is_ok()
    );
    let period = Period {
        start: date!(2026 - 11 - 30),
        end: date!(2026 - 12 - 06),
    };
    assert_eq!(
        typed("2026-12-07", "08:00", "09:00", "").validate(Some(&period)),
        Err(vec![LineError::DateOutsidePeriod])
    );
    let mut long = typed("2026-12-02", "08:00", "09:00", "");
    long.comment = "x".repeat(COMMENT_MAX + 1);
    assert_eq!(long.validate(None), Err(vec![LineError::CommentTooLong]));
    // A comment is one line: a line break or tab is refused (what was typed is the page's).
    let mut broken = typed("2026-12-02", "08:00", "09:00", "");
    broken.comment = "Støp\nmer".into();
    assert_eq!(broken.validate(None), Err(vec![LineError::CommentControl]));
    assert_eq!(LineError::CommentControl.field(), "comment");
    // The day may be typed the Norwegian way too.
    assert_eq!(
        typed("02.12.2026", "08:00", "09:00", "")
            .validate(None)
            .map(|l| l.work_date),
        Ok(date!(2026 - 12 - 02))
    );
}

#[test]
fn a_line_shows_back_as_typed() {
    let l = line("2026-12-02", "7:30", "15:30", "30");
    assert_eq!(l.draft(), typed("2026-12-02", "07:30", "15:30", "30"));
}

#[test]
fn prefill_leaves_out_public_holidays() {
    let week = StandardWeek::weekdays(Shift {
        start: 8 * 60,
        end: 16 * 60,
        break_minutes: 30,
    });
    // Christmas 2026: Friday 25 December is a holiday; the period is Monday 21 … Sunday 27.
    let period = Period {
        start: date!(2026 - 12 - 21),
        end: date!(2026 - 12 - 27),
    };
    let lines = prefill(&week, &period);
    let dates: Vec<_> = lines.iter().map(|l| l.work_date).collect();
    assert_eq!(
        dates,
        vec![
            date!(2026 - 12 - 21),
            date!(2026 - 12 - 22),
            date!(2026 - 12 - 23),
            date!(2026 - 12 - 24)
        ]
    );
    assert!(lines.iter().all(|l| l.worked_minutes() == 450));
}
