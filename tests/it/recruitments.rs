//! Recruitments through the app: bad input explained and kept, the pipeline board moved by its
//! forms (the keyboard's and the script's requests), interviews in the diary, "hired" making one
//! draft fee invoice with the right øre, the guarantee inside and outside its period, the
//! candidates' privacy job, and access (department, API, the portal's shortlist).

use kundekort::{
    customers::model::CustomerDraft,
    recruitments::{privacy, store},
    timefmt::{now, when::oslo_date},
};
use serde_json::json;

use crate::db_test;
use crate::support::{
    TestApp,
    fixtures::{contact, oslo_customer},
    http::send,
    timesheets::portal,
};

async fn location(res: reqwest::Response) -> String {
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    res.headers()["location"].to_str().unwrap().to_string()
}

fn last_id(path: &str) -> i64 {
    path.split(['?', '#'])
        .next()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

async fn page(client: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let res = client.get(app.url(path)).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn post<F: serde::Serialize + ?Sized>(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    form: &F,
) -> (u16, String) {
    let res = client.post(app.url(path)).form(form).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// A worker made through the form by `client`, with `status`; their id.
async fn worker(client: &reqwest::Client, app: &TestApp, name: &str, status: &str) -> i64 {
    let res = client
        .post(app.url("/workers"))
        .form(&[
            ("name", name),
            ("status", status),
            ("mobile", "912 34 567"),
            ("skills", "Økonomi"),
            ("city", "Oslo"),
        ])
        .send()
        .await
        .unwrap();
    last_id(&location(res).await)
}

fn percent_form(contact: i64) -> Vec<(&'static str, String)> {
    vec![
        ("title", "Økonomisjef".into()),
        ("styrk_code", "1211".into()),
        ("description", "Leder økonomiavdelingen.".into()),
        ("fee_kind", "percent".into()),
        ("fee_percent", "12,5".into()),
        ("annual_salary", "654 321,23".into()),
        ("guarantee_months", "6".into()),
        ("guarantee_consequence", "replacement".into()),
        ("contact_id", contact.to_string()),
    ]
}

/// A recruitment made by `client` at `customer` with `form`: (id, its page's path).
async fn recruitment(
    app: &TestApp,
    client: &reqwest::Client,
    customer: i64,
    form: &[(&'static str, String)],
) -> (i64, String) {
    let res = client
        .post(app.url(&format!("/customers/{customer}/recruitments")))
        .form(form)
        .send()
        .await
        .unwrap();
    let to = location(res).await;
    let path = to.split('?').next().unwrap().to_string();
    (last_id(&path), path)
}

/// The candidate row of `worker` on recruitment `rid`.
async fn candidate_of(app: &TestApp, rid: i64, worker: i64) -> i64 {
    sqlx::query_scalar(
        "SELECT id FROM recruitment_candidates WHERE recruitment_id = $1 AND worker_id = $2",
    )
    .bind(rid)
    .bind(worker)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

/// The board as (stage, position, worker) sorted.
async fn board(app: &TestApp, rid: i64) -> Vec<(String, i64, i64)> {
    sqlx::query_as(
        "SELECT stage, position, worker_id FROM recruitment_candidates WHERE recruitment_id = $1 \
         ORDER BY stage, position",
    )
    .bind(rid)
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

async fn status_of(app: &TestApp, rid: i64) -> String {
    sqlx::query_scalar("SELECT status FROM recruitments WHERE id = $1")
        .bind(rid)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

db_test!(bad_recruitment_input_is_explained_and_kept, |app| {
    let customer = oslo_customer(app, "Regnskap Nord AS").await;
    let ola = app.login("ola@test.no").await;
    let form = [
        ("title", ""),
        ("styrk_code", "12a1"),
        ("fee_kind", "fixed"),
        ("fee", "mange penger"),
        ("guarantee_months", "40"),
        ("guarantee_consequence", "partial_credit"),
        ("guarantee_credit_percent", "150"),
        ("description", "Første linje\nAndre linje"),
    ];
    let (status, body) = post(
        &ola,
        app,
        &format!("/customers/{customer}/recruitments"),
        &form,
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("id=\"form-errors\""), "{body}");
    assert!(body.contains("Skriv et beløp i kroner"), "{body}");
    assert!(body.contains("Yrkeskoden har fire sifre"), "{body}");
    assert!(body.contains("fra 0 til 36"), "{body}");
    assert!(body.contains("høyst 100"), "{body}");
    assert!(body.contains("value=\"mange penger\""), "{body}");
    assert!(body.contains("value=\"12a1\""), "{body}");
    assert!(body.contains("value=\"150\""), "{body}");
    assert!(body.contains("Første linje\nAndre linje"), "{body}");
    // A contact of another customer is refused too.
    let other = oslo_customer(app, "Annen Kunde AS").await;
    let stranger = contact(app, other, "Ulf", "Utenfor").await;
    let (status, body) = post(
        &ola,
        app,
        &format!("/customers/{customer}/recruitments"),
        &percent_form(stranger)
            .iter()
            .map(|(k, v)| (*k, v.as_str()))
            .collect::<Vec<_>>(),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("value=\"654 321,23\""), "{body}");
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM recruitments")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(n, 0);

    // Right: saved, shown on its page, the card's tab and the firm-wide list.
    let mine = contact(app, customer, "Åse", "Berg").await;
    let (rid, path) = recruitment(app, &ola, customer, &percent_form(mine)).await;
    let (status, body) = page(&ola, app, &path).await;
    assert_eq!(status, 200);
    // 12,5 % of 654 321,23 kr = 81 790,15375 kr → 81 790,15 kr.
    assert!(
        body.contains("12,5 % av 654\u{a0}321,23 kr = 81\u{a0}790,15 kr"),
        "{body}"
    );
    assert!(body.contains("6 måneder"), "{body}");
    assert!(body.contains("Åse Berg"), "{body}");
    let (_, tab) = page(&ola, app, &format!("/customers/{customer}/assignments")).await;
    assert!(tab.contains(&format!("id=\"recruitment-{rid}\"")), "{tab}");
    assert!(tab.contains("Rekrutteringer"), "{tab}");
    let (_, list) = page(&ola, app, "/recruitments").await;
    assert!(
        list.contains("Økonomisjef") && list.contains("1 rekruttering"),
        "{list}"
    );
    // Editing keeps the version check: a stale save is refused and shows what was typed.
    let mut edited = percent_form(mine);
    edited.push(("version", "0".into()));
    edited.retain(|(k, _)| *k != "title");
    edited.push(("title", "Økonomileder".into()));
    let res = ola.post(app.url(&path)).form(&edited).send().await.unwrap();
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("value=\"Økonomileder\""));
    edited.retain(|(k, _)| *k != "version");
    edited.push(("version", "1".into()));
    let res = ola.post(app.url(&path)).form(&edited).send().await.unwrap();
    location(res).await;
    let title: String = sqlx::query_scalar("SELECT title FROM recruitments WHERE id = $1")
        .bind(rid)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(title, "Økonomileder");
});

db_test!(candidates_move_across_the_board_in_order, |app| {
    let customer = oslo_customer(app, "Regnskap Nord AS").await;
    let ola = app.login("ola@test.no").await;
    let (rid, path) = recruitment(app, &ola, customer, &percent_form(0)[..8]).await;
    let kari = worker(&ola, app, "Kari Nordmann", "candidate").await;
    let nils = worker(&ola, app, "Nils Nilsen", "candidate").await;
    let per = worker(&ola, app, "Per Hansen", "candidate").await;
    // The search finds them by skill; each is added once.
    let (_, found) = page(&ola, app, &format!("{path}?search=1&skill=Økonomi")).await;
    for w in [kari, nils, per] {
        assert!(found.contains(&format!("id=\"found-{w}\"")), "{found}");
        let (s, _) = post(
            &ola,
            app,
            &format!("{path}/candidates"),
            &[("worker_id", &w.to_string())],
        )
        .await;
        assert_eq!(s, 303);
    }
    let (s, body) = post(
        &ola,
        app,
        &format!("{path}/candidates"),
        &[("worker_id", &kari.to_string())],
    )
    .await;
    assert_eq!(s, 409);
    assert!(body.contains("allerede kandidat"), "{body}");
    assert_eq!(
        board(app, rid).await,
        vec![
            ("new".into(), 0, kari),
            ("new".into(), 1, nils),
            ("new".into(), 2, per)
        ]
    );
    let (ck, cn, cp) = (
        candidate_of(app, rid, kari).await,
        candidate_of(app, rid, nils).await,
        candidate_of(app, rid, per).await,
    );
    let mv = |c: i64| format!("{path}/candidates/{c}/move");
    // The keyboard: Per up one place, Kari right (screening), Kari right again (interview).
    assert_eq!(post(&ola, app, &mv(cp), &[("dir", "up")]).await.0, 303);
    assert_eq!(post(&ola, app, &mv(ck), &[("dir", "right")]).await.0, 303);
    assert_eq!(post(&ola, app, &mv(ck), &[("dir", "right")]).await.0, 303);
    assert_eq!(
        board(app, rid).await,
        vec![
            ("interview".into(), 0, kari),
            ("new".into(), 0, per),
            ("new".into(), 1, nils)
        ]
    );
    // A drop: Nils into interview before Kari; the stage select: Per to shortlist.
    assert_eq!(
        post(
            &ola,
            app,
            &mv(cn),
            &[("stage", "interview"), ("index", "0")]
        )
        .await
        .0,
        303
    );
    assert_eq!(
        post(&ola, app, &mv(cp), &[("stage", "shortlist")]).await.0,
        303
    );
    assert_eq!(
        board(app, rid).await,
        vec![
            ("interview".into(), 0, nils),
            ("interview".into(), 1, kari),
            ("shortlist".into(), 0, per)
        ]
    );
    // Down past the end stays last; left from new stays; hired only through the hire form.
    assert_eq!(post(&ola, app, &mv(ck), &[("dir", "down")]).await.0, 303);
    let (s, body) = post(&ola, app, &mv(ck), &[("stage", "hired")]).await;
    assert_eq!(s, 409);
    assert!(body.contains("Registrer ansettelse"), "{body}");
    let (s, _) = post(&ola, app, &mv(ck), &[("stage", "nowhere")]).await;
    assert_eq!(s, 400);
    let (_, body) = page(&ola, app, &path).await;
    assert!(body.contains("id=\"column-interview\""), "{body}");
    assert!(body.contains(&format!("id=\"candidate-{ck}\"")), "{body}");
    assert!(body.contains("data-movable=\"1\""), "{body}");
    assert!(body.contains("/static/recruitments.js"), "{body}");
    let moves: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE entity = 'recruitment' AND action = 'rec-candidate-stage'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(moves, 4);
});

db_test!(an_interview_is_booked_in_the_diary, |app| {
    let customer = oslo_customer(app, "Regnskap Nord AS").await;
    let ola = app.login("ola@test.no").await;
    let ase = contact(app, customer, "Åse", "Berg").await;
    let (rid, path) = recruitment(app, &ola, customer, &percent_form(ase)).await;
    let kari = worker(&ola, app, "Kari Nordmann", "candidate").await;
    post(
        &ola,
        app,
        &format!("{path}/candidates"),
        &[("worker_id", &kari.to_string())],
    )
    .await;
    let c = candidate_of(app, rid, kari).await;
    let url = format!("{path}/candidates/{c}/interview");
    let (s, body) = post(&ola, app, &url, &[("when", "i morgen tidlig")]).await;
    assert_eq!(s, 422);
    assert!(body.contains("value=\"i morgen tidlig\""), "{body}");
    assert!(body.contains("01.03.2027 10:00"), "{body}");
    let (s, _) = post(&ola, app, &url, &[("when", "01.03.2027 10:00")]).await;
    assert_eq!(s, 303);
    let (aid, stage): (Option<i64>, String) = sqlx::query_as(
        "SELECT interview_activity_id, stage FROM recruitment_candidates WHERE id = $1",
    )
    .bind(c)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(stage, "interview");
    let aid = aid.expect("linked");
    let (cust, title, starts, ends): (Option<i64>, String, i64, i64) = sqlx::query_as(
        "SELECT customer_id, title, starts_at, ends_at FROM activities WHERE id = $1",
    )
    .bind(aid)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(cust, Some(customer));
    assert!(title.contains("Kari Nordmann"), "{title}");
    assert_eq!(
        kundekort::timefmt::oslo_datetime(starts),
        "01.03.2027 10:00"
    );
    assert!(ends > starts);
    let contacts: Vec<i64> =
        sqlx::query_scalar("SELECT contact_id FROM activity_contacts WHERE activity_id = $1")
            .bind(aid)
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(contacts, vec![ase]);
    let (_, body) = page(&ola, app, &path).await;
    assert!(body.contains(&format!("/diary/activities/{aid}")), "{body}");
});

db_test!(
    hired_makes_one_draft_fee_invoice_with_the_right_ore,
    |app| {
        let customer = oslo_customer(app, "Regnskap Nord AS").await;
        let ola = app.login("ola@test.no").await;
        let kari = worker(&ola, app, "Kari Nordmann", "candidate").await;
        let nils = worker(&ola, app, "Nils Nilsen", "candidate").await;
        // Percent: 12,5 % of 654 321,23 kr.
        let (rid, path) = recruitment(app, &ola, customer, &percent_form(0)[..8]).await;
        for w in [kari, nils] {
            post(
                &ola,
                app,
                &format!("{path}/candidates"),
                &[("worker_id", &w.to_string())],
            )
            .await;
        }
        let ck = candidate_of(app, rid, kari).await;
        // A bad date is explained and kept.
        let (s, body) = post(
            &ola,
            app,
            &format!("{path}/hire"),
            &[
                ("candidate_id", ck.to_string().as_str()),
                ("start_date", "snart"),
            ],
        )
        .await;
        assert_eq!(s, 422);
        assert!(body.contains("value=\"snart\""), "{body}");
        assert!(body.contains("Skriv en dato"), "{body}");
        let res = ola
            .post(app.url(&format!("{path}/hire")))
            .form(&[
                ("candidate_id", ck.to_string()),
                ("start_date", "15.01.2027".into()),
            ])
            .send()
            .await
            .unwrap();
        assert!(location(res).await.contains("invoiced=1"));
        let (status, hired, start, inv): (String, Option<i64>, Option<String>, Option<i64>) =
        sqlx::query_as(
            "SELECT status, hired_worker_id, start_date, fee_invoice_id FROM recruitments WHERE id = $1",
        )
        .bind(rid)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(status, "hired");
        assert_eq!(hired, Some(kari));
        assert_eq!(start.as_deref(), Some("2027-01-15"));
        let inv = inv.expect("fee invoice");
        let (inv_status, inv_customer): (String, i64) =
            sqlx::query_as("SELECT status, customer_id FROM invoices WHERE id = $1")
                .bind(inv)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!((inv_status.as_str(), inv_customer), ("draft", customer));
        let lines: Vec<(String, i64, i64, String, i64, i64)> = sqlx::query_as(
        "SELECT description, quantity_milli, unit_price_ore, vat_category, vat_rate_bp, line_net_ore \
         FROM invoice_lines WHERE invoice_id = $1",
    )
    .bind(inv)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
        assert_eq!(lines.len(), 1);
        let (text, qty, price, cat, rate, net) = &lines[0];
        assert!(
            text.contains("Økonomisjef") && text.contains("Kari Nordmann"),
            "{text}"
        );
        assert_eq!(
            (*qty, *price, cat.as_str(), *rate, *net),
            (1000, 8_179_015, "S", 2500, 8_179_015)
        );
        assert_eq!(
            board(app, rid)
                .await
                .iter()
                .find(|(_, _, w)| *w == kari)
                .unwrap()
                .0,
            "hired"
        );
        // Hiring again is refused while hired; nothing more is invoiced.
        let cn = candidate_of(app, rid, nils).await;
        let (s, _) = post(
            &ola,
            app,
            &format!("{path}/hire"),
            &[
                ("candidate_id", cn.to_string().as_str()),
                ("start_date", "2027-02-01"),
            ],
        )
        .await;
        assert_eq!(s, 409);
        // Kari leaves within the guarantee: replacement; Nils is hired at no new fee.
        let (s, _) = post(
            &ola,
            app,
            &format!("{path}/left"),
            &[("left_date", "01.03.2027")],
        )
        .await;
        assert_eq!(s, 303);
        assert_eq!(status_of(app, rid).await, "reopened");
        let (_, body) = page(&ola, app, &path).await;
        assert!(body.contains("id=\"rec-offer-replacement\""), "{body}");
        let res = ola
            .post(app.url(&format!("{path}/hire")))
            .form(&[
                ("candidate_id", cn.to_string()),
                ("start_date", "2027-03-15".into()),
            ])
            .send()
            .await
            .unwrap();
        assert!(!location(res).await.contains("invoiced=1"));
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM invoices WHERE customer_id = $1")
            .bind(customer)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(n, 1);
        assert_eq!(status_of(app, rid).await, "hired");

        // Fixed: 95 000 kr.
        let fixed: Vec<(&'static str, String)> = vec![
            ("title", "Controller".into()),
            ("fee_kind", "fixed".into()),
            ("fee", "95 000".into()),
            ("guarantee_months", "3".into()),
        ];
        let (rid2, path2) = recruitment(app, &ola, customer, &fixed).await;
        post(
            &ola,
            app,
            &format!("{path2}/candidates"),
            &[("worker_id", &kari.to_string())],
        )
        .await;
        let c = candidate_of(app, rid2, kari).await;
        post(
            &ola,
            app,
            &format!("{path2}/hire"),
            &[
                ("candidate_id", c.to_string().as_str()),
                ("start_date", "2027-04-01"),
            ],
        )
        .await;
        let price: i64 = sqlx::query_scalar(
        "SELECT l.unit_price_ore FROM invoice_lines l JOIN recruitments r ON r.fee_invoice_id = l.invoice_id \
         WHERE r.id = $1",
    )
    .bind(rid2)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
        assert_eq!(price, 9_500_000);
    }
);

db_test!(
    leaving_within_the_guarantee_reopens_and_after_it_changes_nothing,
    |app| {
        // A customer the invoice can be issued to, in Ola's department.
        let customer = app
            .customer(CustomerDraft {
                name: "Regnskap Nord AS".into(),
                org_number: "974760673".into(),
                status: "active".into(),
                postal_street: "Postboks 900".into(),
                postal_postal_code: "0150".into(),
                owner_id: app.fx.consultant_oslo.to_string(),
                department_id: app.fx.oslo.to_string(),
                ..Default::default()
            })
            .await;
        let ola = app.login("ola@test.no").await;
        let kari = worker(&ola, app, "Kari Nordmann", "candidate").await;
        let credit: Vec<(&'static str, String)> = vec![
            ("title", "Controller".into()),
            ("fee_kind", "fixed".into()),
            ("fee", "100 000".into()),
            ("guarantee_months", "6".into()),
            ("guarantee_consequence", "partial_credit".into()),
            ("guarantee_credit_percent", "50".into()),
        ];
        let hire = |path: String, c: i64| {
            let ola = ola.clone();
            async move {
                let (s, _) = post(
                    &ola,
                    app,
                    &format!("{path}/hire"),
                    &[
                        ("candidate_id", c.to_string().as_str()),
                        ("start_date", "15.01.2027"),
                    ],
                )
                .await;
                assert_eq!(s, 303);
            }
        };
        // Outside the period: 15 July 2027 is the day after the guarantee's last day.
        let (r1, p1) = recruitment(app, &ola, customer, &credit).await;
        post(
            &ola,
            app,
            &format!("{p1}/candidates"),
            &[("worker_id", &kari.to_string())],
        )
        .await;
        hire(p1.clone(), candidate_of(app, r1, kari).await).await;
        let (s, body) = post(
            &ola,
            app,
            &format!("{p1}/left"),
            &[("left_date", "14.01.2027")],
        )
        .await;
        assert_eq!(s, 409, "{body}");
        let (s, _) = post(
            &ola,
            app,
            &format!("{p1}/left"),
            &[("left_date", "15.07.2027")],
        )
        .await;
        assert_eq!(s, 303);
        assert_eq!(status_of(app, r1).await, "hired");
        let left: Option<String> =
            sqlx::query_scalar("SELECT left_at FROM recruitments WHERE id = $1")
                .bind(r1)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(left.as_deref(), Some("2027-07-15"));

        // Inside, with the fee invoice still a draft: say plainly to change the draft.
        let (r2, p2) = recruitment(app, &ola, customer, &credit).await;
        post(
            &ola,
            app,
            &format!("{p2}/candidates"),
            &[("worker_id", &kari.to_string())],
        )
        .await;
        hire(p2.clone(), candidate_of(app, r2, kari).await).await;
        let (s, _) = post(
            &ola,
            app,
            &format!("{p2}/left"),
            &[("left_date", "14.07.2027")],
        )
        .await;
        assert_eq!(s, 303);
        assert_eq!(status_of(app, r2).await, "reopened");
        let (_, body) = page(&ola, app, &p2).await;
        assert!(body.contains("id=\"rec-offer-credit-draft\""), "{body}");
        assert!(body.contains("50\u{a0}000,00"), "{body}");
        assert!(!body.contains("id=\"rec-credit-link\""), "{body}");

        // Inside, with the fee invoice issued: the credit page with the amount filled in.
        let (r3, p3) = recruitment(app, &ola, customer, &credit).await;
        post(
            &ola,
            app,
            &format!("{p3}/candidates"),
            &[("worker_id", &kari.to_string())],
        )
        .await;
        hire(p3.clone(), candidate_of(app, r3, kari).await).await;
        let inv: i64 = sqlx::query_scalar("SELECT fee_invoice_id FROM recruitments WHERE id = $1")
            .bind(r3)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        let version: i64 = sqlx::query_scalar("SELECT version FROM invoices WHERE id = $1")
            .bind(inv)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        let mut tx = app.db.pool.begin().await.unwrap();
        kundekort::invoices::store::issue(&mut tx, inv, version, app.fx.admin, oslo_date(now()))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        post(
            &ola,
            app,
            &format!("{p3}/left"),
            &[("left_date", "2027-02-01")],
        )
        .await;
        assert_eq!(status_of(app, r3).await, "reopened");
        // A consultant is told who may credit; an admin gets the link.
        let (_, body) = page(&ola, app, &p3).await;
        assert!(body.contains("id=\"rec-offer-credit\""), "{body}");
        assert!(body.contains("administrator eller leder"), "{body}");
        let admin = app.admin().await;
        let (_, body) = page(&admin, app, &p3).await;
        let href = body
            .split("id=\"rec-credit-link\"")
            .next()
            .unwrap()
            .rsplit("href=\"")
            .next()
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .replace("&amp;", "&")
            .replace("&#38;", "&");
        assert!(
            href.starts_with(&format!("/invoices/{inv}/credit?")),
            "{href}"
        );
        let (s, form) = page(&admin, app, &href).await;
        assert_eq!(s, 200, "{form}");
        assert!(form.contains("value=\"50000\""), "{form}");
        assert!(form.contains("value=\"S:2500\" selected"), "{form}");
        assert!(form.contains("Garanti: kreditering"), "{form}");
    }
);

db_test!(the_privacy_job_anonymises_old_candidates_only, |app| {
    let customer = oslo_customer(app, "Regnskap Nord AS").await;
    let ola = app.login("ola@test.no").await;
    let old = worker(&ola, app, "Olga Gammel", "candidate").await;
    let consented = worker(&ola, app, "Sigrid Samtykke", "candidate").await;
    let hired = worker(&ola, app, "Harald Ansatt", "candidate").await;
    let active = worker(&ola, app, "Aktiv Kandidat", "candidate").await;
    let recent = worker(&ola, app, "Ny Kandidat", "candidate").await;
    let employee = worker(&ola, app, "Eva Ansatt", "employee").await;
    let fixed: Vec<(&'static str, String)> = vec![
        ("title", "Controller".into()),
        ("fee_kind", "fixed".into()),
        ("fee", "95 000".into()),
    ];
    let (rid, path) = recruitment(app, &ola, customer, &fixed).await;
    for w in [old, consented, hired, active] {
        post(
            &ola,
            app,
            &format!("{path}/candidates"),
            &[("worker_id", &w.to_string())],
        )
        .await;
    }
    let c = candidate_of(app, rid, consented).await;
    assert_eq!(
        post(
            &ola,
            app,
            &format!("{path}/candidates/{c}/keep"),
            &[("keep", "1")]
        )
        .await
        .0,
        303
    );
    let c = candidate_of(app, rid, hired).await;
    post(
        &ola,
        app,
        &format!("{path}/hire"),
        &[
            ("candidate_id", c.to_string().as_str()),
            ("start_date", "2026-01-05"),
        ],
    )
    .await;
    // A year ago: every worker and candidacy but "active" (moved recently) and "recent".
    let year_ago = now() - 365 * 86_400;
    for w in [old, consented, hired, active, employee] {
        sqlx::query("UPDATE workers SET updated_at = $1 WHERE id = $2")
            .bind(year_ago)
            .bind(w)
            .execute(&app.db.pool)
            .await
            .unwrap();
    }
    sqlx::query("UPDATE recruitment_candidates SET updated_at = $1 WHERE worker_id <> $2")
        .bind(year_ago)
        .bind(active)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let report = privacy::run_due(&app.state, now()).await.unwrap();
    assert_eq!(report.anonymised, 1, "{report:?}");
    assert_eq!(report.kept_by_consent, 1, "{report:?}");
    assert_eq!(report.kept_active, 2, "{report:?}");
    let name = |w: i64| async move {
        sqlx::query_as::<_, (String, Option<String>, Option<i64>)>(
            "SELECT name, mobile, erased_at FROM workers WHERE id = $1",
        )
        .bind(w)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
    };
    let (n, mobile, erased) = name(old).await;
    assert_eq!(n, format!("#{old}"));
    assert!(mobile.is_none() && erased.is_some());
    for (w, expected) in [
        (consented, "Sigrid Samtykke"),
        (hired, "Harald Ansatt"),
        (active, "Aktiv Kandidat"),
        (recent, "Ny Kandidat"),
        (employee, "Eva Ansatt"),
    ] {
        assert_eq!(name(w).await.0, expected);
    }
    // The candidacy stays on the board, anonymised; the run is in the audit log.
    let (_, body) = page(&ola, app, &path).await;
    assert!(
        body.contains(&format!("#{old}")) && body.contains("Anonymisert"),
        "{body}"
    );
    assert!(!body.contains("Olga Gammel"), "{body}");
    let runs: Vec<String> = sqlx::query_scalar(
        "SELECT changes FROM audit_log WHERE entity = 'recruitment-privacy' AND action = 'privacy-run'",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(runs.len(), 1);
    assert!(runs[0].contains("anonymised"), "{}", runs[0]);
    let marked: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE entity = 'worker' AND action = 'privacy-anonymise' AND entity_id = $1",
    )
    .bind(old)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(marked, 1);
    // A second run finds nothing new.
    let again = privacy::run_due(&app.state, now()).await.unwrap();
    assert_eq!(again.anonymised, 0);

    // The period is the firm's setting (admins only).
    let (s, _) = post(
        &ola,
        app,
        "/admin/recruitments",
        &[("candidate_retention_months", "12")],
    )
    .await;
    assert_eq!(s, 403);
    let admin = app.admin().await;
    let (s, body) = post(
        &admin,
        app,
        "/admin/recruitments",
        &[("candidate_retention_months", "0")],
    )
    .await;
    assert_eq!(s, 422);
    assert!(body.contains("value=\"0\""), "{body}");
    let (s, _) = post(
        &admin,
        app,
        "/admin/recruitments",
        &[("candidate_retention_months", "24")],
    )
    .await;
    assert_eq!(s, 303);
    assert_eq!(privacy::retention_months(&app.db).await.unwrap(), 24);
    // With 24 months, a worker idle for a year is kept.
    let idle = worker(&ola, app, "Ett År", "candidate").await;
    sqlx::query("UPDATE workers SET updated_at = $1 WHERE id = $2")
        .bind(year_ago)
        .bind(idle)
        .execute(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(
        privacy::run_due(&app.state, now())
            .await
            .unwrap()
            .anonymised,
        0
    );
});

db_test!(recruitments_follow_the_cards_access_and_the_api, |app| {
    let customer = oslo_customer(app, "Regnskap Nord AS").await;
    let ola = app.login("ola@test.no").await;
    let ase = contact(app, customer, "Åse", "Berg").await;
    let (rid, path) = recruitment(app, &ola, customer, &percent_form(ase)).await;
    let kari = worker(&ola, app, "Kari Nordmann", "candidate").await;
    let nils = worker(&ola, app, "Nils Nilsen", "candidate").await;
    for w in [kari, nils] {
        post(
            &ola,
            app,
            &format!("{path}/candidates"),
            &[("worker_id", &w.to_string())],
        )
        .await;
    }
    let ck = candidate_of(app, rid, kari).await;
    let cn = candidate_of(app, rid, nils).await;
    // Sharing needs the consent; Kari consents and is shared, Nils is not.
    let (s, body) = post(
        &ola,
        app,
        &format!("{path}/candidates/{cn}/sharing"),
        &[("shared", "1")],
    )
    .await;
    assert_eq!(s, 409);
    assert!(body.contains("samtykket"), "{body}");
    let (s, _) = post(
        &ola,
        app,
        &format!("{path}/candidates/{ck}/sharing"),
        &[("consent", "1"), ("shared", "1")],
    )
    .await;
    assert_eq!(s, 303);
    let shared = store::shared_candidates(&app.db, rid).await.unwrap();
    assert_eq!(
        shared.iter().map(|c| c.worker_id).collect::<Vec<_>>(),
        vec![kari]
    );

    // Berit (Bergen) neither sees nor changes it, on the pages or through the API.
    let berit = app.login("berit@test.no").await;
    for p in [path.clone(), format!("{path}/edit")] {
        assert_eq!(page(&berit, app, &p).await.0, 404, "{p}");
    }
    for (p, form) in [
        (
            format!("{path}/candidates"),
            vec![("worker_id", kari.to_string())],
        ),
        (
            format!("{path}/candidates/{ck}/move"),
            vec![("dir", "right".to_string())],
        ),
        (
            format!("{path}/hire"),
            vec![("candidate_id", ck.to_string())],
        ),
        (
            format!("{path}/status"),
            vec![("action", "cancel".to_string())],
        ),
        (
            format!("/customers/{customer}/recruitments"),
            vec![("title", "X".to_string())],
        ),
    ] {
        let res = berit.post(app.url(&p)).form(&form).send().await.unwrap();
        assert_eq!(res.status(), 404, "{p}");
    }
    let (_, firm) = page(&berit, app, "/recruitments").await;
    assert!(!firm.contains("Økonomisjef"), "{firm}");
    let (s, _) = send(berit.get(app.url(&format!("/api/v1/recruitments/{rid}")))).await;
    assert_eq!(s, 404);
    let (s, list) = send(berit.get(app.url("/api/v1/recruitments"))).await;
    assert_eq!(s, 200);
    assert_eq!(list["total"], 0, "{list}");
    let (s, _) = send(berit.post(app.url("/api/v1/recruitments")).json(&json!({
        "customer_id": customer, "title": "X", "fee_kind": "fixed", "fee_ore": 100
    })))
    .await;
    assert_eq!(s, 404);

    // Ola through the API: the list, one with its candidates, create with checks.
    let (s, one) = send(ola.get(app.url(&format!("/api/v1/recruitments/{rid}")))).await;
    assert_eq!(s, 200);
    assert_eq!(one["fee_amount_ore"], 8_179_015, "{one}");
    assert_eq!(one["candidates"].as_array().unwrap().len(), 2, "{one}");
    let (s, list) = send(ola.get(app.url("/api/v1/recruitments?status=open"))).await;
    assert_eq!(s, 200);
    assert_eq!(list["total"], 1, "{list}");
    let (s, bad) = send(ola.get(app.url("/api/v1/recruitments?status=nope"))).await;
    assert_eq!(s, 422, "{bad}");
    let (s, bad) = send(ola.post(app.url("/api/v1/recruitments")).json(&json!({
        "customer_id": customer, "title": "Controller", "fee_kind": "percent",
        "fee_percent_bp": 20000, "annual_salary_ore": 70000000
    })))
    .await;
    assert_eq!(s, 422, "{bad}");
    assert!(bad.to_string().contains("fee_percent_bp"), "{bad}");
    let (s, made) = send(ola.post(app.url("/api/v1/recruitments")).json(&json!({
        "customer_id": customer, "title": "Controller", "fee_kind": "percent",
        "fee_percent_bp": 1500, "annual_salary_ore": 70000000, "guarantee_months": 3,
        "guarantee_consequence": "partial_credit", "guarantee_credit_bp": 5000, "contact_id": ase
    })))
    .await;
    assert_eq!(s, 201, "{made}");
    assert_eq!(made["status"], "open");
    assert_eq!(made["fee_amount_ore"], 10_500_000);
    assert_eq!(made["guarantee_credit_bp"], 5000);

    // A contact of the customer in the portal reaches none of the staff's pages; their
    // shortlist shows Kari (shared, with consent) and nothing of Nils.
    let contact = portal(app, ase, "view_assignments,approve_timesheets").await;
    for p in [
        path.clone(),
        "/recruitments".to_string(),
        format!("/api/v1/recruitments/{rid}"),
    ] {
        let status = page(&contact, app, &p).await.0;
        assert!(status == 303 || status == 401, "{p}: {status}");
    }
    let (s, body) = page(&contact, app, "/portal/recruitments").await;
    assert_eq!(s, 200, "{body}");
    assert!(
        body.contains(&format!("id=\"portal-candidate-{ck}\"")),
        "{body}"
    );
    assert!(body.contains("Kari Nordmann"), "{body}");
    assert!(
        !body.contains("Nils Nilsen") && !body.contains(&format!("portal-candidate-{cn}")),
        "{body}"
    );
    // Withdrawn consent hides Kari again.
    post(
        &ola,
        app,
        &format!("{path}/candidates/{ck}/sharing"),
        &[("consent", "")],
    )
    .await;
    let (_, body) = page(&contact, app, "/portal/recruitments").await;
    assert!(!body.contains("Kari Nordmann"), "{body}");
    // Without the right: refused; another company's contact sees nothing of it.
    let bare = contact_in_portal(app, customer, "Per", "Uten", "approve_timesheets").await;
    assert_eq!(page(&bare, app, "/portal/recruitments").await.0, 403);
    let other = oslo_customer(app, "Annen Kunde AS").await;
    let stranger = contact_in_portal(app, other, "Ulf", "Utenfor", "view_assignments").await;
    let (s, body) = page(&stranger, app, "/portal/recruitments").await;
    assert_eq!(s, 200);
    assert!(
        !body.contains("Økonomisjef") && !body.contains("Kari"),
        "{body}"
    );
});

async fn contact_in_portal(
    app: &TestApp,
    customer: i64,
    first: &str,
    last: &str,
    rights: &str,
) -> reqwest::Client {
    let id = contact(app, customer, first, last).await;
    portal(app, id, rights).await
}
