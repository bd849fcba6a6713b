//! Approving timesheets in the customer portal: the contact's pending sheets with the cost and
//! VAT, the matching ones approved with one POST, rejecting with a comment, isolation by
//! company and right, and a sheet withdrawn meanwhile.

use kundekort::{
    money::format_kr,
    timesheets::store::{self, Actor, By, Via},
};
use time::macros::date;

use crate::db_test;
use crate::support::{
    TestApp,
    fixtures::{contact, oslo_customer},
    timesheets::{Setup, december_lines, generate, portal, save, setup, version},
};

fn worker(s: &Setup) -> By {
    By::new(Actor::Worker(s.worker), Via::Page)
}

/// Weeks 50 and 51 as planned and December's part of week 53 (Wednesday until 19:30), all
/// submitted; their ids (w50, w51, w53).
async fn submitted(app: &TestApp, s: &Setup) -> (i64, i64, i64) {
    let id = generate(app, s, date!(2026 - 12 - 07), date!(2026 - 12 - 31)).await;
    let (w50, w51, w53) = (id("2026-12-07"), id("2026-12-14"), id("2026-12-28"));
    save(app, w53, &december_lines(), &worker(s)).await.unwrap();
    for sheet in [w50, w51, w53] {
        let v = version(app, sheet).await;
        let mut tx = app.db.begin().await.unwrap();
        store::submit(&mut tx, sheet, v, &worker(s)).await.unwrap();
        tx.commit().await.unwrap();
    }
    (w50, w51, w53)
}

async fn status(app: &TestApp, id: i64) -> String {
    store::get(&app.db, id).await.unwrap().unwrap().status
}

async fn text(client: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let res = client.get(app.url(path)).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

db_test!(
    the_approver_sees_the_cost_with_vat_and_approves_the_matching_sheets_at_once,
    |app| {
        let s = setup(app, false).await;
        let (w50, w51, w53) = submitted(app, &s).await;
        let per = portal(app, s.approver, "approve_timesheets").await;

        let (code, home) = text(&per, app, "/portal").await;
        assert_eq!(code, 200);
        assert!(
            home.contains("3 timelister venter på godkjenning"),
            "{home}"
        );
        assert!(home.contains("href=\"/portal/timesheets\""), "{home}");

        let (code, page) = text(&per, app, "/portal/timesheets").await;
        assert_eq!(code, 200, "{page}");
        // 37.5 hours at the bill rate 450: 16 875 kr, VAT 4 218.75, total 21 093.75.
        for amount in [1_687_500, 421_875, 2_109_375] {
            assert!(page.contains(&format_kr(amount)), "{amount}: {page}");
        }
        // Never the pay: 37.5 hours at 250 kr.
        assert!(!page.contains(&format_kr(937_500)), "{page}");
        // The exception first, with what differs; then the two matching weeks together.
        let exception = page.find(&format!("id=\"sheet-{w53}\"")).unwrap();
        let matching = page.find("id=\"matching\"").unwrap();
        assert!(exception < matching, "{page}");
        assert!(
            page.contains("Andre tider enn planlagt 30.12.2026"),
            "{page}"
        );
        assert!(page.contains("2 timelister følger planen"), "{page}");

        let res = per
            .post(app.url("/portal/timesheets/approve"))
            .form(&[
                ("sheet", format!("{w50}:{}", version(app, w50).await)),
                ("sheet", format!("{w51}:{}", version(app, w51).await)),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/portal/timesheets?approved=2");
        assert_eq!(status(app, w50).await, "approved");
        assert_eq!(status(app, w51).await, "approved");
        assert_eq!(status(app, w53).await, "submitted");
        let (_, page) = text(&per, app, "/portal/timesheets?approved=2").await;
        assert!(page.contains("2 timelister er godkjent."), "{page}");
        assert!(!page.contains("id=\"matching\""), "{page}");
        let (_, home) = text(&per, app, "/portal").await;
        assert!(
            home.contains("Én timeliste venter på godkjenning"),
            "{home}"
        );

        // The exception on its own.
        let res = per
            .post(app.url(&format!("/portal/timesheets/{w53}/approve")))
            .form(&[("version", version(app, w53).await.to_string())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(status(app, w53).await, "approved");
    }
);

db_test!(rejecting_needs_a_comment_in_the_contacts_language, |app| {
    let s = setup(app, false).await;
    let (_, _, w53) = submitted(app, &s).await;
    let per = portal(app, s.approver, "approve_timesheets").await;
    let v = version(app, w53).await.to_string();
    let path = format!("/portal/timesheets/{w53}/reject");

    let res = per
        .post(app.url(&path))
        .form(&[("version", v.as_str()), ("comment", "  ")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("Skriv hvorfor timelisten avvises."), "{page}");
    let res = per
        .post(app.url(&path))
        .header("accept-language", "en")
        .form(&[("version", v.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Say why the timesheet is rejected.")
    );
    assert_eq!(status(app, w53).await, "submitted");

    let res = per
        .post(app.url(&path))
        .form(&[
            ("version", v.as_str()),
            ("comment", "Onsdag var vi ferdige 15:30"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let sheet = store::get(&app.db, w53).await.unwrap().unwrap();
    assert_eq!(sheet.status, "rejected");
    assert_eq!(
        sheet.comment.as_deref(),
        Some("Onsdag var vi ferdige 15:30")
    );
    assert_eq!(sheet.decided_by_contact_id, Some(s.approver));
});

db_test!(
    only_the_companys_approvers_with_the_right_reach_the_sheets,
    |app| {
        let s = setup(app, false).await;
        let (w50, _, _) = submitted(app, &s).await;
        let form = [("version", version(app, w50).await.to_string())];
        let approve = format!("/portal/timesheets/{w50}/approve");

        // A contact of another company, with the right: not found, and nothing listed.
        let other = oslo_customer(app, "Annet Firma AS").await;
        let stranger = contact(app, other, "Siv", "Fremmed").await;
        let stranger = portal(app, stranger, "approve_timesheets").await;
        let res = stranger
            .post(app.url(&approve))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        let (code, page) = text(&stranger, app, "/portal/timesheets").await;
        assert_eq!(code, 200);
        assert!(page.contains("Ingen timelister venter på deg."), "{page}");
        assert!(!page.contains("Kari Nordmann"), "{page}");

        // The approver without the right: forbidden.
        let per = portal(app, s.approver, "view_assignments").await;
        assert_eq!(text(&per, app, "/portal/timesheets").await.0, 403);
        let res = per
            .post(app.url(&approve))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        let (_, home) = text(&per, app, "/portal").await;
        assert!(!home.contains("/portal/timesheets"), "{home}");

        // A contact of the company with the right who is not an approver: forbidden.
        let pia = portal(app, s.second, "approve_timesheets").await;
        let res = pia
            .post(app.url(&approve))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        assert_eq!(status(app, w50).await, "submitted");
    }
);

db_test!(a_sheet_withdrawn_meanwhile_is_told_plainly, |app| {
    let s = setup(app, false).await;
    let (w50, w51, _) = submitted(app, &s).await;
    let per = portal(app, s.approver, "approve_timesheets").await;
    let seen50 = version(app, w50).await;
    let seen51 = version(app, w51).await;
    for sheet in [w50, w51] {
        let v = version(app, sheet).await;
        let mut tx = app.db.begin().await.unwrap();
        store::withdraw(&mut tx, sheet, v, &worker(&s))
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }

    let res = per
        .post(app.url(&format!("/portal/timesheets/{w50}/approve")))
        .form(&[("version", seen50.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("Timelisten venter ikke lenger på deg") && page.contains("nå: Utkast"),
        "{page}"
    );
    assert!(page.contains("Ingenting ble endret."), "{page}");

    // The same for "approve all" with a sheet gone from the list.
    let res = per
        .post(app.url("/portal/timesheets/approve"))
        .form(&[("sheet", format!("{w51}:{seen51}"))])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("Én timeliste ble endret eller trukket tilbake"),
        "{page}"
    );
    assert_eq!(status(app, w50).await, "draft");
    assert_eq!(status(app, w51).await, "draft");
});

db_test!(
    with_two_approvers_the_sheet_waits_for_the_other_one,
    |app| {
        let s = setup(app, true).await;
        let (w50, _, _) = submitted(app, &s).await;
        let per = portal(app, s.approver, "approve_timesheets").await;
        let pia = portal(app, s.second, "approve_timesheets").await;
        let res = per
            .post(app.url(&format!("/portal/timesheets/{w50}/approve")))
            .form(&[("version", version(app, w50).await.to_string())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(status(app, w50).await, "submitted");
        // Per's list no longer holds it; Pia's does, saying hers completes it.
        let (_, page) = text(&per, app, "/portal/timesheets").await;
        assert!(!page.contains(&format!("{w50}:")), "{page}");
        let (_, home) = text(&per, app, "/portal").await;
        assert!(
            home.contains("2 timelister venter på godkjenning"),
            "{home}"
        );
        let (_, page) = text(&pia, app, "/portal/timesheets").await;
        assert!(page.contains(&format!("{w50}:")), "{page}");
        assert!(page.contains("din godkjenning fullfører den"), "{page}");
        let res = pia
            .post(app.url("/portal/timesheets/approve"))
            .form(&[("sheet", format!("{w50}:{}", version(app, w50).await))])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(status(app, w50).await, "approved");
    }
);
