use super::*;

pub fn draft() -> AssignmentDraft {
    AssignmentDraft {
        worker_id: "7".into(),
        title: "Lagermedarbeider".into(),
        from_date: "2027-01-04".into(),
        hours_per_week: "37,5".into(),
        days: "1,2,3,4,5".into(),
        day_start: "07:30".into(),
        day_end: "15:30".into(),
        break_minutes: "30".into(),
        bill_rate: "450".into(),
        pay_rate: "230".into(),
        ..Default::default()
    }
}

fn keys(d: AssignmentDraft) -> Vec<String> {
    match d.validate() {
        Ok(_) => vec![],
        Err(e) => {
            e.0.iter()
                .flat_map(|(f, m)| m.iter().map(move |m| format!("{f}:{}", m.key)))
                .collect()
        }
    }
}

#[test]
fn a_standard_assignment() {
    let a = draft().validate().unwrap();
    assert_eq!(a.hours_per_week_minutes, 2250);
    assert_eq!(a.week.minutes_per_week(), 2250);
    assert_eq!(a.bill_rate_ore, 45_000);
    assert_eq!(a.to, None);
    assert!(a.overtime.is_empty());
}

#[test]
fn bad_input_is_explained_field_by_field() {
    let bad = AssignmentDraft {
        to_date: "2026-12-31".into(),
        pay_rate: "2,3,0".into(),
        ot50_pay: "345".into(),
        day_end: "07:00".into(),
        equal_pay: "240".into(),
        ..draft()
    };
    assert_eq!(
        keys(bad),
        vec![
            "day_end:assignment-end-before-start",
            "equal_confirmed_on:assignment-equal-date-required",
            "ot50_bill:field-required",
            "pay_rate:assignment-rate-invalid",
            "to_date:assignment-to-before-from",
        ]
    );
}

#[test]
fn overtime_and_workplace() {
    let a = AssignmentDraft {
        ot50_bill: "675".into(),
        ot50_pay: "345".into(),
        workplace_postal_code: "0150".into(),
        ..draft()
    }
    .validate()
    .unwrap();
    assert_eq!(
        a.overtime,
        vec![OvertimeRate {
            percent: 50,
            bill_ore: 67_500,
            pay_ore: 34_500
        }]
    );
    assert_eq!(a.workplace_county_no.as_deref(), Some("03"));
    assert_eq!(a.workplace_city.as_deref(), Some("Oslo"));
}
