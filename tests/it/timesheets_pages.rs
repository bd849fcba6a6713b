//! The staff's timesheet pages: a bad line kept with its message and nothing saved, a good one
//! computed, and access by department (the assignment page's rules).

use kundekort::{
    AppError,
    timesheets::store::{self, By},
};

use crate::db_test;
use crate::support::timesheets::{december_lines, line, setup, version, week_53};

db_test!(
    a_bad_line_is_kept_with_its_message_and_nothing_saved,
    |app| {
        let s = setup(app, false).await;
        let (dec, _) = week_53(app, &s).await;
        let ola = app.login("ola@test.no").await;
        let path = format!(
            "/customers/{}/assignments/{}/timesheets/{dec}",
            s.customer, s.assignment
        );
        let v = version(app, dec).await.to_string();
        let mut form: Vec<(&str, String)> = vec![("version", v.clone()), ("action", "save".into())];
        for (date, start, end) in [
            ("2026-12-28", "07:30", "15:30"),
            ("2026-12-29", "25:00", "15:30"),
        ] {
            form.push(("work_date", date.into()));
            form.push(("start", start.into()));
            form.push(("end", end.into()));
            form.push(("break_minutes", "30".into()));
            form.push(("comment", "Støp".into()));
        }
        let res = ola.post(app.url(&path)).form(&form).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(body.contains("Skriv starttiden som TT:MM"), "{body}");
        assert!(body.contains("value=\"25:00\""), "{body}");
        assert!(body.contains("value=\"Støp\""), "{body}");
        // Nothing saved: the four prefilled lines and the version as they were.
        let d = store::detail(&app.db, dec).await.unwrap().unwrap();
        assert_eq!(d.lines.len(), 4);
        assert_eq!(d.sheet.version.to_string(), v);
        assert!(d.events.is_empty());

        // The same in the store: every bad field named by its line.
        let mut tx = app.db.begin().await.unwrap();
        let bad = store::save(
            &mut tx,
            dec,
            d.sheet.version,
            &[line("2027-01-05", "07:30", "x", "")],
            &[],
            &By::staff(app.fx.consultant_oslo),
        )
        .await;
        match bad {
            Err(AppError::Invalid(f)) => {
                assert!(f.get("line-0-work_date").is_some() && f.get("line-0-end").is_some())
            }
            other => panic!("{other:?}"),
        }
        drop(tx);

        // A good save through the page shows the computed overtime.
        let mut form: Vec<(&str, String)> = vec![("version", v), ("action", "save".into())];
        for l in december_lines() {
            form.push(("work_date", l.work_date));
            form.push(("start", l.start));
            form.push(("end", l.end));
            form.push(("break_minutes", l.break_minutes));
            form.push(("comment", String::new()));
        }
        let res = ola.post(app.url(&path)).form(&form).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let body = ola
            .get(app.url(&path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(body.contains("id=\"total-overtime\">4,0"), "{body}");
    }
);

db_test!(
    a_consultant_of_another_department_does_not_see_the_sheets,
    |app| {
        let s = setup(app, false).await;
        let (dec, _) = week_53(app, &s).await;
        let base = format!(
            "/customers/{}/assignments/{}/timesheets",
            s.customer, s.assignment
        );
        let ola = app.login("ola@test.no").await;
        for path in [base.clone(), format!("{base}/{dec}")] {
            let res = ola.get(app.url(&path)).send().await.unwrap();
            assert_eq!(res.status(), 200, "{path}");
        }
        // The card's tab shows the sheet's state this month (none begun: missing).
        let tab = ola
            .get(app.url(&format!("/customers/{}/assignments", s.customer)))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            tab.contains(&format!("id=\"sheet-state-{}\"", s.assignment)),
            "{tab}"
        );
        let berit = app.login("berit@test.no").await;
        for path in [base.clone(), format!("{base}/{dec}")] {
            let res = berit.get(app.url(&path)).send().await.unwrap();
            assert_eq!(res.status(), 404, "{path}");
        }
        let res = berit
            .post(app.url(&format!("{base}/{dec}")))
            .form(&[("version", "1"), ("action", "save")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        let res = berit
            .post(app.url(&format!("{base}/{dec}/reopen")))
            .form(&[("version", "1"), ("reason", "x")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        // A sheet under another assignment's path is not found either.
        let res = ola
            .get(app.url(&format!(
                "/customers/{}/assignments/{}/timesheets/{dec}",
                s.customer,
                s.assignment + 1000
            )))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
    }
);
