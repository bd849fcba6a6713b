//! Reading and checking the allowance rows.

use super::*;

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn keys(e: &FieldErrors) -> Vec<String> {
    e.0.iter()
        .flat_map(|(f, msgs)| msgs.iter().map(move |m| format!("{f}:{}", m.key)))
        .collect()
}

#[test]
fn rows_are_read_from_the_form_and_checked() {
    let mut rows = from_pairs(&pairs(&[
        ("allowance_0_name", "Nattillegg"),
        ("allowance_0_code", "Night"),
        ("allowance_0_rule", "window"),
        ("allowance_0_start", "21:00"),
        ("allowance_0_end", "06:00"),
        ("allowance_0_day", "1"),
        ("allowance_0_day", "7"),
        ("allowance_0_holidays", "1"),
        ("allowance_0_kind", "pay"),
        ("allowance_0_bill", "60"),
        ("allowance_0_pay", "45,50"),
        ("allowance_1_rule", "window"),
        ("allowance_1_kind", "pay"),
        ("allowance_2_preset", "km"),
        ("allowance_2_rule", "window"),
        ("allowance_2_kind", "pay"),
        ("allowance_2_bill", "5"),
        ("allowance_2_pay", "3,50"),
        ("allowance_3_name", "Borte"),
        ("allowance_3_remove", "1"),
    ]));
    assert!(rows.pop().unwrap().is_blank());
    assert_eq!(rows.len(), 3);
    assert!(rows[1].is_blank());
    for r in &mut rows {
        r.fill_preset(Lang::Nb);
    }
    let mut e = FieldErrors::default();
    let got = validate(&rows, &mut e);
    assert!(e.is_empty(), "{:?}", keys(&e));
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].code, "night");
    assert_eq!(got[0].pay_ore, 4_550);
    let Rule::Window { start, end, days } = got[0].rule else {
        panic!("{:?}", got[0].rule)
    };
    assert_eq!((start, end), (21 * 60, 6 * 60));
    assert_eq!(
        days.weekdays,
        [true, false, false, false, false, false, true]
    );
    assert!(days.holidays);
    assert_eq!(got[1].rule, Rule::PerUnit { unit: Unit::Km });
    assert_eq!(got[1].kind, AllowanceKind::Expense);
    assert_eq!(got[1].name, "Kilometergodtgjørelse");
    // Back to rows and checked again: the same allowances.
    let again: Vec<AllowanceDraft> = got.iter().map(AllowanceDraft::from).collect();
    let mut e = FieldErrors::default();
    assert_eq!(validate(&again, &mut e), got);
}

#[test]
fn bad_rows_say_which_field() {
    let row = |code: &str, start: &str, bill: &str| AllowanceDraft {
        name: "Kveld".into(),
        code: code.into(),
        rule: "window".into(),
        start: start.into(),
        end: "21:00".into(),
        days: "1".into(),
        kind: "pay".into(),
        bill: bill.into(),
        pay: "10".into(),
        ..Default::default()
    };
    let mut e = FieldErrors::default();
    let got = validate(
        &[
            row("evening", "17:00", "20"),
            row("evening", "17.00", "20"),
            row("x y", "25:00", "-5"),
            AllowanceDraft {
                days: String::new(),
                ..row("sat", "00:00", "1")
            },
            AllowanceDraft {
                rule: "after_hours".into(),
                hours: "0".into(),
                ..row("ot", "", "1")
            },
        ],
        &mut e,
    );
    assert_eq!(got.len(), 1);
    assert_eq!(
        keys(&e),
        vec![
            "allowance_1_code:allowance-code-duplicate",
            "allowance_1_start:allowance-time-invalid",
            "allowance_2_bill:allowance-amount-negative",
            "allowance_2_code:allowance-code-invalid",
            "allowance_2_start:allowance-time-invalid",
            "allowance_3_days:allowance-days-required",
            "allowance_4_hours:allowance-hours-invalid",
        ]
    );
}
