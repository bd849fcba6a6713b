//! The week page's shortcuts on a phone: "copy last week" (this sheet's lines become the
//! worker's lines of the week before on the same assignment, seven days on; the other part of a
//! split week included) and one tap per planned day (that day's line becomes the standard
//! week's shift). Both only fill the lines; the page saves them as a draft, never submits.

use time::Duration;

use crate::{
    Result,
    assignments::week::StandardWeek,
    db::Db,
    norway::holidays::is_public_holiday,
    timefmt::when::{date_string, parse_date},
    timesheets::{
        line::{LineDraft, clock_text},
        store::{self, Sheet},
    },
};

/// What the form's `action` asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fill {
    CopyLastWeek,
    /// `plan:2026-12-28`: that day as planned.
    Planned(String),
}

impl Fill {
    pub fn parse(action: &str) -> Option<Self> {
        if action == "copy-last-week" {
            return Some(Fill::CopyLastWeek);
        }
        let day = action.strip_prefix("plan:")?;
        parse_date(day)
            .filter(|d| date_string(*d) == day)
            .map(|_| Fill::Planned(day.to_string()))
    }
}

/// The planned line of `date` (`YYYY-MM-DD`): the standard week's shift that weekday, none on a
/// public holiday or a day without one.
pub fn planned(week: &StandardWeek, date: &str) -> Option<LineDraft> {
    let d = parse_date(date)?;
    if is_public_holiday(d) {
        return None;
    }
    let s = week.shift_on(d.weekday())?;
    Some(LineDraft {
        work_date: date.to_string(),
        start: clock_text(s.start),
        end: clock_text(s.end),
        break_minutes: if s.break_minutes == 0 {
            String::new()
        } else {
            s.break_minutes.to_string()
        },
        comment: String::new(),
    })
}

/// `drafts` with the lines of `date` replaced by its planned line (left as they are when the
/// day has none).
pub fn fill_planned(week: &StandardWeek, drafts: Vec<LineDraft>, date: &str) -> Vec<LineDraft> {
    let Some(p) = planned(week, date) else {
        return drafts;
    };
    let mut out: Vec<LineDraft> = drafts.into_iter().filter(|d| d.work_date != date).collect();
    out.push(p);
    out.sort_by(|a, b| a.work_date.cmp(&b.work_date));
    out
}

/// The worker's lines of the week before `sheet`'s on the same assignment, moved seven days
/// on, those falling in `sheet`'s period. Empty when there were none.
pub async fn last_week(db: &Db, sheet: &Sheet) -> Result<Vec<LineDraft>> {
    let Some(period) = sheet.period() else {
        return Ok(Vec::new());
    };
    let monday = period.week_monday() - Duration::days(7);
    let (from, to) = (date_string(monday), date_string(monday + Duration::days(6)));
    let before: Vec<Sheet> = store::for_assignment(db, sheet.assignment_id)
        .await?
        .into_iter()
        .filter(|s| s.period_start <= to && s.period_end >= from)
        .collect();
    let mut out = Vec::new();
    let mut conn = db.pool.acquire().await?;
    for s in before {
        let (lines, _) = store::typed_in(&mut conn, s.id).await?;
        for line in lines {
            let Some(day) = parse_date(&line.work_date).map(|x| x + Duration::days(7)) else {
                continue;
            };
            if period.contains(day) {
                out.push(LineDraft {
                    work_date: date_string(day),
                    ..line
                });
            }
        }
    }
    out.sort_by(|a, b| (&a.work_date, &a.start).cmp(&(&b.work_date, &b.start)));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assignments::week::Shift;

    fn week() -> StandardWeek {
        StandardWeek::weekdays(Shift {
            start: 7 * 60 + 30,
            end: 15 * 60 + 30,
            break_minutes: 30,
        })
    }

    #[test]
    fn a_planned_day_is_the_standard_weeks_shift() {
        let p = planned(&week(), "2026-12-28").unwrap();
        assert_eq!(
            (p.start.as_str(), p.end.as_str(), p.break_minutes.as_str()),
            ("07:30", "15:30", "30")
        );
        assert_eq!(planned(&week(), "2027-01-02"), None, "Saturday");
        assert_eq!(planned(&week(), "2027-01-01"), None, "New Year's Day");
        let typed = vec![
            LineDraft {
                work_date: "2026-12-29".into(),
                start: "08:00".into(),
                ..LineDraft::default()
            },
            LineDraft {
                work_date: "2026-12-28".into(),
                start: "x".into(),
                ..LineDraft::default()
            },
        ];
        let filled = fill_planned(&week(), typed, "2026-12-28");
        assert_eq!(filled.len(), 2);
        assert_eq!(
            (filled[0].work_date.as_str(), filled[0].start.as_str()),
            ("2026-12-28", "07:30")
        );
        assert_eq!(filled[1].start, "08:00", "the other days as typed");
    }

    #[test]
    fn actions_are_read_strictly() {
        assert_eq!(Fill::parse("copy-last-week"), Some(Fill::CopyLastWeek));
        assert_eq!(
            Fill::parse("plan:2026-12-28"),
            Some(Fill::Planned("2026-12-28".into()))
        );
        assert_eq!(Fill::parse("plan:2026-12-28x"), None);
        assert_eq!(Fill::parse("save"), None);
    }
}
