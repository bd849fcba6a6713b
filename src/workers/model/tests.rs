//! The worker form's rules.

use super::*;

fn draft() -> WorkerDraft {
    WorkerDraft {
        name: "Kari Nordmann".into(),
        status: "employee".into(),
        ..Default::default()
    }
}

fn errors_of(d: WorkerDraft) -> Vec<String> {
    match d.validate() {
        Ok(_) => vec![],
        Err(e) => {
            e.0.iter()
                .flat_map(|(f, msgs)| msgs.iter().map(move |m| format!("{f}:{}", m.key)))
                .collect()
        }
    }
}

#[test]
fn norwegian_account_or_iban_with_bic() {
    let ok = WorkerDraft {
        bank_account: "8601 11 17947".into(),
        ..draft()
    }
    .validate()
    .unwrap();
    let set = |account: &str, bic: Option<&str>| BankChange::Set {
        account: account.into(),
        bic: bic.map(Into::into),
    };
    assert_eq!(ok.bank, set("86011117947", None));
    let no_iban = WorkerDraft {
        bank_account: "NO93 8601 1117 947".into(),
        ..draft()
    }
    .validate()
    .unwrap();
    assert_eq!(no_iban.bank, set("86011117947", None));
    assert_eq!(
        errors_of(WorkerDraft {
            bank_account: "8601 11 17949".into(),
            ..draft()
        }),
        vec!["bank_account:bank-account-checksum"]
    );
    assert_eq!(
        errors_of(WorkerDraft {
            bank_account: "PL61109010140000071219812874".into(),
            ..draft()
        }),
        vec!["bic:bic-required"]
    );
    let pl = WorkerDraft {
        bank_account: "PL61 1090 1014 0000 0712 1981 2874".into(),
        bic: "wbkppl pp".replace(' ', ""),
        ..draft()
    }
    .validate()
    .unwrap();
    assert_eq!(
        pl.bank,
        set("PL61109010140000071219812874", Some("WBKPPLPP"))
    );
    // Nothing typed keeps the stored account; "remove" removes it; a BIC alone is refused.
    assert_eq!(draft().validate().unwrap().bank, BankChange::Keep);
    let removed = WorkerDraft {
        bank_account_remove: "1".into(),
        ..draft()
    }
    .validate()
    .unwrap();
    assert_eq!(removed.bank, BankChange::Remove);
    assert_eq!(
        errors_of(WorkerDraft {
            bic: "DEUTDEFF".into(),
            ..draft()
        }),
        vec!["bank_account:bank-account-missing-for-bic"]
    );
    assert_eq!(
        errors_of(WorkerDraft {
            bank_account: "DE89370400440532013001".into(),
            bic: "DEUTDEFF".into(),
            ..draft()
        }),
        vec!["bank_account:iban-checksum"]
    );
}

#[test]
fn national_identity_numbers() {
    let set = WorkerDraft {
        national_id: "151086 95088".into(),
        ..draft()
    }
    .validate()
    .unwrap();
    assert!(
        matches!(set.national_id, NationalIdChange::Set(ref id) if id.as_str() == "15108695088")
    );
    assert_eq!(
        draft().validate().unwrap().national_id,
        NationalIdChange::Keep
    );
    let removed = WorkerDraft {
        national_id_remove: "1".into(),
        ..draft()
    };
    assert_eq!(
        removed.validate().unwrap().national_id,
        NationalIdChange::Remove
    );
    for (typed, key) in [
        ("15108695077", "national_id:national-id-checksum"),
        ("1510869508", "national_id:national-id-format"),
    ] {
        let d = WorkerDraft {
            national_id: typed.into(),
            ..draft()
        };
        assert_eq!(errors_of(d), vec![key]);
    }
}

#[test]
fn the_rest_of_the_form() {
    assert_eq!(
        errors_of(WorkerDraft {
            email: "kari@vikar.no\u{7}".into(),
            ..draft()
        }),
        vec!["email:field-control-chars"]
    );
    assert_eq!(
        errors_of(WorkerDraft {
            name: " ".into(),
            ..draft()
        }),
        vec!["name:field-required"]
    );
    assert_eq!(
        errors_of(WorkerDraft {
            mobile: "22 33 44 55".into(),
            ..draft()
        }),
        vec!["mobile:mobile-not-mobile"]
    );
    assert_eq!(
        errors_of(WorkerDraft {
            available_from: "2027-02-30".into(),
            ..draft()
        }),
        vec!["available_from:worker-date-invalid"]
    );
    assert_eq!(
        errors_of(WorkerDraft {
            status: "boss".into(),
            ..draft()
        }),
        vec!["status:worker-status-invalid"]
    );
    assert_eq!(
        parse_skills("Truck, lager ,, truck;HMS"),
        vec!["Truck", "lager", "HMS"]
    );
}
