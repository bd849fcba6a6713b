use time::macros::date;

use super::*;

/// A clean assignment: a warehouse customer in Bergen, everything in place.
fn clean() -> Facts {
    Facts {
        today: date!(2026 - 12 - 02),
        from: date!(2027 - 01 - 04),
        to: Some(date!(2027 - 06 - 30)),
        customer_nace: Some("52.100".into()),
        building_site_work: false,
        workplace_county: Some("46".into()),
        legal_basis: Some(LegalBasis::TemporaryWork {
            need: "Season peak in the warehouse".into(),
        }),
        pay_ore: 23_000,
        overtime: vec![
            OvertimeClass {
                percent: 50,
                pay_ore: 34_500,
            },
            OvertimeClass {
                percent: 100,
                pay_ore: 46_000,
            },
        ],
        hms_card_until: None,
        work_permit: WorkPermit::NotNeeded,
        equal_terms: Some(EqualTerms {
            pay_ore: 22_500,
            confirmed_on: date!(2026 - 06 - 01),
        }),
        margin_share_bp: Some(3400),
        hired_since: date!(2027 - 01 - 04),
    }
}

fn codes(f: &Facts) -> Vec<(&'static str, Light)> {
    check(f, &HiringRules::default())
        .into_iter()
        .map(|x| (x.code, x.light))
        .collect()
}

#[test]
fn a_clean_assignment_is_green() {
    assert_eq!(codes(&clean()), vec![]);
    assert_eq!(
        light(&check(&clean(), &HiringRules::default())),
        Light::Green
    );
}

#[test]
fn a_construction_customer_without_hms_card_is_red() {
    let f = Facts {
        customer_nace: Some("41.200".into()),
        ..clean()
    };
    assert_eq!(codes(&f), vec![("no-hms-card", Light::Red)]);
    // Cleaning (81.2) too, but not 81.1 (facility services) and not 4xx industries like 46.
    for (nace, needs) in [
        ("81.210", true),
        ("81.100", false),
        ("43.3", true),
        ("46.900", false),
        ("410", false),
    ] {
        let f = Facts {
            customer_nace: Some(nace.into()),
            ..clean()
        };
        assert_eq!(
            codes(&f).contains(&("no-hms-card", Light::Red)),
            needs,
            "{nace}"
        );
    }
}

#[test]
fn an_hms_card_expired_before_the_start_is_red_and_one_expiring_inside_is_yellow() {
    let construction = |until| Facts {
        customer_nace: Some("43.320".into()),
        hms_card_until: Some(until),
        ..clean()
    };
    assert_eq!(
        codes(&construction(date!(2027 - 01 - 03))),
        vec![("hms-card-expired", Light::Red)]
    );
    assert_eq!(
        codes(&construction(date!(2027 - 03 - 01))),
        vec![("hms-card-expires", Light::Yellow)]
    );
    assert_eq!(codes(&construction(date!(2027 - 06 - 30))), vec![]);
}

#[test]
fn a_work_permit_ending_in_the_middle_of_the_period_is_red() {
    let f = Facts {
        work_permit: WorkPermit::Until(date!(2027 - 03 - 15)),
        ..clean()
    };
    let findings = check(&f, &HiringRules::default());
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].code, "work-permit-ends");
    assert_eq!(findings[0].light, Light::Red);
    assert_eq!(findings[0].args, vec![("date", "15.03.2027".to_string())]);
    // Open-ended: a permit with an end always ends inside the period.
    let open = Facts {
        to: None,
        ..f.clone()
    };
    assert_eq!(codes(&open), vec![("work-permit-ends", Light::Red)]);
    let covered = Facts {
        work_permit: WorkPermit::Until(date!(2027 - 06 - 30)),
        ..f
    };
    assert_eq!(codes(&covered), vec![]);
    let missing = Facts {
        work_permit: WorkPermit::Missing,
        ..clean()
    };
    assert_eq!(codes(&missing), vec![("no-work-permit", Light::Red)]);
}

#[test]
fn overtime_pay_below_one_point_four_times_pay_is_red() {
    let at = |ot| Facts {
        overtime: vec![OvertimeClass {
            percent: 50,
            pay_ore: ot,
        }],
        ..clean()
    };
    assert_eq!(codes(&at(32_200)), vec![]); // exactly 1.4 × 230.00
    assert_eq!(
        codes(&at(32_199)),
        vec![("overtime-pay-too-low", Light::Red)]
    );
}

#[test]
fn no_legal_basis_or_an_empty_one_is_red() {
    let none = Facts {
        legal_basis: None,
        ..clean()
    };
    assert_eq!(codes(&none), vec![("no-legal-basis", Light::Red)]);
    let empty = Facts {
        legal_basis: Some(LegalBasis::Substitute {
            for_whom: "  ".into(),
        }),
        ..clean()
    };
    assert_eq!(codes(&empty), vec![("legal-basis-incomplete", Light::Red)]);
}

#[test]
fn building_site_work_in_oslo_viken_or_vestfold_is_red() {
    for (county, banned) in [
        ("03", true),
        ("31", true),
        ("32", true),
        ("33", true),
        ("39", true),
        ("40", false),
        ("46", false),
    ] {
        let f = Facts {
            building_site_work: true,
            workplace_county: Some(county.into()),
            ..clean()
        };
        assert_eq!(
            codes(&f).contains(&("building-site-ban", Light::Red)),
            banned,
            "{county}"
        );
    }
    // The counties are data: an admin may change them.
    let rules = HiringRules {
        building_site_ban_counties: vec!["40".into()],
        ..Default::default()
    };
    let f = Facts {
        building_site_work: true,
        workplace_county: Some("40".into()),
        ..clean()
    };
    assert_eq!(light(&check(&f, &rules)), Light::Red);
}

#[test]
fn equal_terms_missing_unmet_or_old_is_yellow() {
    let missing = Facts {
        equal_terms: None,
        ..clean()
    };
    assert_eq!(
        codes(&missing),
        vec![("equal-terms-missing", Light::Yellow)]
    );
    let unmet = Facts {
        equal_terms: Some(EqualTerms {
            pay_ore: 23_001,
            confirmed_on: date!(2026 - 06 - 01),
        }),
        ..clean()
    };
    assert_eq!(codes(&unmet), vec![("equal-terms-unmet", Light::Yellow)]);
    let old = Facts {
        equal_terms: Some(EqualTerms {
            pay_ore: 22_000,
            confirmed_on: date!(2025 - 12 - 01),
        }),
        ..clean()
    };
    assert_eq!(codes(&old), vec![("equal-terms-old", Light::Yellow)]);
}

#[test]
fn a_thin_margin_is_yellow() {
    let thin = Facts {
        margin_share_bp: Some(1499),
        ..clean()
    };
    assert_eq!(codes(&thin), vec![("margin-below-floor", Light::Yellow)]);
}

#[test]
fn nearly_three_years_in_a_row_is_yellow_and_reds_come_first() {
    let long = Facts {
        hired_since: date!(2024 - 04 - 15),
        legal_basis: None,
        ..clean()
    };
    // Three years on 15 April 2027, inside the period (ends 30 June 2027).
    assert_eq!(
        codes(&long),
        vec![
            ("no-legal-basis", Light::Red),
            ("three-years", Light::Yellow)
        ]
    );
    let short = Facts {
        hired_since: date!(2024 - 10 - 01),
        ..clean()
    };
    assert_eq!(codes(&short), vec![]);
}

#[test]
fn short_breaks_do_not_restart_the_count() {
    let from = date!(2027 - 01 - 04);
    let others = [
        (date!(2024 - 01 - 08), Some(date!(2025 - 06 - 30))),
        (date!(2025 - 07 - 14), Some(date!(2026 - 12 - 23))),
    ];
    assert_eq!(continuous_since(from, &others, 14), date!(2024 - 01 - 08));
    // A gap longer than allowed: the count starts at the later period.
    // The breaks are 11 and 13 days long.
    assert_eq!(continuous_since(from, &others, 12), date!(2025 - 07 - 14));
    assert_eq!(continuous_since(from, &others, 10), from);
    assert_eq!(continuous_since(from, &[], 14), from);
    assert_eq!(add_years(date!(2024 - 02 - 29), 3), date!(2027 - 02 - 28));
}
