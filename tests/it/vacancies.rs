//! Vacancies through the app: bad input explained and kept, access by department (and none for
//! the portal), candidates found by skill and free period, moved through the stages, and
//! "make assignment" carrying every term of the vacancy over until every place is filled.

use serde_json::json;

use crate::db_test;
use crate::support::http::{last_id, location, page};
use crate::support::{
    TestApp,
    fixtures::{contact, oslo_customer},
    http::send,
    timesheets::portal,
};

/// A worker made through the form by `client`; their id.
async fn worker(
    client: &reqwest::Client,
    app: &TestApp,
    name: &str,
    skills: &str,
    city: &str,
) -> i64 {
    let res = client
        .post(app.url("/workers"))
        .form(&[
            ("name", name),
            ("status", "employee"),
            ("mobile", "912 34 567"),
            ("skills", skills),
            ("city", city),
            ("bank_account", "8601 11 17947"),
        ])
        .send()
        .await
        .unwrap();
    last_id(&location(res).await)
}

/// The vacancy form with every term filled in, one allowance included.
fn vacancy_form(approver: i64, contact: i64) -> Vec<(&'static str, String)> {
    [
        ("title", "Betongarbeider"),
        ("positions", "2"),
        ("styrk_code", "7114"),
        ("occupation_title", "Betongarbeider"),
        ("description", "Støp av dekker.\nOppmøte kl. 07."),
        ("requirements", "Erfaring med forskaling"),
        ("from_date", "2027-01-04"),
        ("to_date", "2027-06-30"),
        ("hours_per_week", "37,5"),
        ("day", "1"),
        ("day", "2"),
        ("day", "3"),
        ("day", "4"),
        ("day", "5"),
        ("day_start", "07:00"),
        ("day_end", "15:00"),
        ("break_minutes", "30"),
        ("bill_rate", "450"),
        ("pay_rate", "230"),
        ("ot50_bill", "675"),
        ("ot50_pay", "345"),
        ("ot100_bill", "900"),
        ("ot100_pay", "460"),
        ("allowance_0_name", "Nattillegg"),
        ("allowance_0_code", "night"),
        ("allowance_0_rule", "window"),
        ("allowance_0_start", "21:00"),
        ("allowance_0_end", "06:00"),
        ("allowance_0_day", "1"),
        ("allowance_0_day", "2"),
        ("allowance_0_kind", "pay"),
        ("allowance_0_bill", "61,50"),
        ("allowance_0_pay", "47"),
        ("legal_basis", "temporary_work"),
        ("legal_basis_text", "Betongstøp i vår, midlertidig topp"),
        ("equal_pay", "225"),
        ("equal_confirmed_on", "2026-09-01"),
        ("workplace_street", "Bryggen 1"),
        ("workplace_postal_code", "5003"),
        ("purchase_order", "PO-4411"),
        ("invoice_grouping", "worker"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_string()))
    .chain([
        ("approver_contact_id", approver.to_string()),
        ("contact_id", contact.to_string()),
    ])
    .collect()
}

/// A vacancy made by Ola at a new Oslo customer: (customer, vacancy, its page's path).
pub(crate) async fn vacancy(app: &TestApp, ola: &reqwest::Client) -> (i64, i64, String) {
    let customer = oslo_customer(app, "Betong Nord AS").await;
    let approver = contact(app, customer, "Åse", "Berg").await;
    let res = ola
        .post(app.url(&format!("/customers/{customer}/vacancies")))
        .form(&vacancy_form(approver, approver))
        .send()
        .await
        .unwrap();
    let to = location(res).await;
    let path = to.split('?').next().unwrap().to_string();
    (customer, last_id(&path), path)
}

db_test!(bad_vacancy_input_is_explained_and_kept, |app| {
    let customer = oslo_customer(app, "Betong Nord AS").await;
    let ola = app.login("ola@test.no").await;
    let other = oslo_customer(app, "Annen Kunde AS").await;
    let stranger = contact(app, other, "Ulf", "Utenfor").await;
    let mut form = vacancy_form(stranger, stranger);
    form.retain(|(k, _)| !["positions", "styrk_code", "bill_rate"].contains(k));
    form.push(("positions", "0".into()));
    form.push(("styrk_code", "71a4".into()));
    form.push(("bill_rate", "fire hundre".into()));
    let res = ola
        .post(app.url(&format!("/customers/{customer}/vacancies")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains("Skriv et helt tall fra 1 til 500"), "{body}");
    assert!(body.contains("Skriv et beløp i kroner"), "{body}");
    assert!(body.contains("value=\"fire hundre\""), "{body}");
    assert!(body.contains("value=\"71a4\""), "{body}");
    assert!(body.contains("value=\"0\""), "{body}");
    assert!(body.contains("Støp av dekker."), "{body}");
    assert!(body.contains("value=\"Betongstøp i vår, midlertidig topp\""));
    assert!(body.contains("value=\"Nattillegg\""), "{body}");

    // The terms right, but the contact and approver belong to another customer.
    let form = vacancy_form(stranger, stranger);
    let res = ola
        .post(app.url(&format!("/customers/{customer}/vacancies")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains("id=\"form-errors\""), "{body}");
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM vacancies")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(n, 0);
});

db_test!(
    vacancies_are_seen_and_changed_only_by_the_cards_access,
    |app| {
        let ola = app.login("ola@test.no").await;
        let (customer, vid, path) = vacancy(app, &ola).await;
        let (status, body) = page(&ola, app, &path).await;
        assert_eq!(status, 200);
        assert!(body.contains("0 av 2 plasser besatt"), "{body}");
        let (_, tab) = page(&ola, app, &format!("/customers/{customer}/assignments")).await;
        assert!(tab.contains(&format!("id=\"vacancy-{vid}\"")), "{tab}");
        assert!(tab.contains("Ledige stillinger"), "{tab}");

        // Berit (Bergen) neither sees nor changes it.
        let berit = app.login("berit@test.no").await;
        let w = worker(&berit, app, "Kari Nordmann", "Betong", "Bergen").await;
        for p in [path.clone(), format!("{path}/edit")] {
            assert_eq!(page(&berit, app, &p).await.0, 404, "{p}");
        }
        for (p, form) in [
            (
                format!("{path}/candidates"),
                vec![("worker_id", w.to_string())],
            ),
            (
                format!("{path}/status"),
                vec![("action", "cancel".to_string())],
            ),
            (
                format!("/customers/{customer}/vacancies"),
                vec![("title", "X".to_string())],
            ),
        ] {
            let res = berit.post(app.url(&p)).form(&form).send().await.unwrap();
            assert_eq!(res.status(), 404, "{p}");
        }
        let (status, _) = send(berit.get(app.url(&format!("/api/v1/vacancies/{vid}")))).await;
        assert_eq!(status, 404);
        let (status, list) = send(berit.get(app.url("/api/v1/vacancies"))).await;
        assert_eq!(status, 200);
        assert_eq!(list["total"], 0, "{list}");
        let (_, firm) = page(&berit, app, "/vacancies").await;
        assert!(!firm.contains("Betongarbeider"), "{firm}");
        let (_, firm) = page(&ola, app, "/vacancies").await;
        assert!(firm.contains("Betongarbeider"), "{firm}");

        // A contact of the customer logged in to the portal reaches none of it.
        let ase: i64 = sqlx::query_scalar("SELECT contact_id FROM vacancies WHERE id = $1")
            .bind(vid)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        let contact = portal(app, ase, "view_assignments,approve_timesheets").await;
        for p in [
            path.clone(),
            "/vacancies".to_string(),
            format!("/api/v1/vacancies/{vid}"),
        ] {
            let status = page(&contact, app, &p).await.0;
            assert!(status == 303 || status == 401, "{p}: {status}");
        }
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM vacancy_candidates")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(n, 0);
    }
);

/// The term columns of a row, as text, for comparing a vacancy with an assignment.
async fn terms_of(app: &TestApp, table: &str, id: i64) -> Vec<Option<String>> {
    let mut out = Vec::new();
    for col in kundekort::assignments::store::term_columns() {
        if *col == "updated_at" {
            continue;
        }
        let v: Option<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT CAST({col} AS TEXT) FROM {table} WHERE id = $1"
        )))
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        out.push(v);
    }
    out
}

db_test!(candidates_move_through_stages_and_fill_the_places, |app| {
    let ola = app.login("ola@test.no").await;
    let (customer, vid, path) = vacancy(app, &ola).await;
    let kari = worker(&ola, app, "Kari Nordmann", "Betong, forskaling", "Bergen").await;
    let nils = worker(&ola, app, "Nils Nilsen", "Betong", "Bergen").await;
    let per = worker(&ola, app, "Per Opptatt", "Betong", "Bergen").await;
    let tor = worker(&ola, app, "Tor Tømrer", "Tømrer", "Bergen").await;
    // Per works elsewhere in the vacancy's period: not free.
    let elsewhere = oslo_customer(app, "Annet Bygg AS").await;
    let mut busy: Vec<(&str, String)> = vacancy_form(0, 0)
        .into_iter()
        .filter(|(k, _)| {
            !k.starts_with("allowance_")
                && !["approver_contact_id", "contact_id", "to_date", "from_date"].contains(k)
        })
        .collect();
    busy.push(("worker_id", per.to_string()));
    busy.push(("from_date", "2027-03-01".into()));
    busy.push(("to_date", "2027-08-31".into()));
    let res = ola
        .post(app.url(&format!("/customers/{elsewhere}/assignments")))
        .form(&busy)
        .send()
        .await
        .unwrap();
    location(res).await;

    // The search: skill "Betong", free in the period, in Bergen.
    let (_, found) = page(
        &ola,
        app,
        &format!("{path}?search=1&skill=Betong&place=Bergen&free=1"),
    )
    .await;
    assert!(found.contains(&format!("id=\"found-{kari}\"")), "{found}");
    assert!(found.contains(&format!("id=\"found-{nils}\"")), "{found}");
    assert!(!found.contains(&format!("id=\"found-{per}\"")), "{found}");
    assert!(!found.contains(&format!("id=\"found-{tor}\"")), "{found}");
    assert!(found.contains("2 vikarer funnet"), "{found}");
    // Without "free", Per is found too.
    let (_, found) = page(&ola, app, &format!("{path}?search=1&skill=Betong")).await;
    assert!(found.contains(&format!("id=\"found-{per}\"")), "{found}");

    for w in [kari, nils] {
        let res = ola
            .post(app.url(&format!("{path}/candidates")))
            .form(&[("worker_id", w.to_string())])
            .send()
            .await
            .unwrap();
        location(res).await;
    }
    // Twice is refused with the reason.
    let res = ola
        .post(app.url(&format!("{path}/candidates")))
        .form(&[("worker_id", kari.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("allerede kandidat til denne stillingen")
    );
    let candidate = |worker: i64| async move {
        let id: i64 = sqlx::query_scalar(
            "SELECT id FROM vacancy_candidates WHERE vacancy_id = $1 AND worker_id = $2",
        )
        .bind(vid)
        .bind(worker)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        id
    };
    let (ck, cn) = (candidate(kari).await, candidate(nils).await);

    // Not accepted yet: no assignment.
    let res = ola
        .post(app.url(&format!("{path}/candidates/{ck}/assignment")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Bare en kandidat som har akseptert")
    );
    for stage in ["contacted", "presented", "accepted"] {
        let res = ola
            .post(app.url(&format!("{path}/candidates/{ck}/stage")))
            .form(&[("stage", stage)])
            .send()
            .await
            .unwrap();
        location(res).await;
    }
    let res = ola
        .post(app.url(&format!("{path}/candidates/{ck}/stage")))
        .form(&[("stage", "hired")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let (_, body) = page(&ola, app, &path).await;
    assert!(
        body.contains(&format!("id=\"make-assignment-{ck}\"")),
        "{body}"
    );
    assert!(
        !body.contains(&format!("id=\"make-assignment-{cn}\"")),
        "{body}"
    );

    // Make assignment: the assignment's page, every term carried over.
    let res = ola
        .post(app.url(&format!("{path}/candidates/{ck}/assignment")))
        .send()
        .await
        .unwrap();
    let to = location(res).await;
    assert!(
        to.starts_with(&format!("/customers/{customer}/assignments/")),
        "{to}"
    );
    let aid = last_id(&to);
    let (status, assignment_page) = page(&ola, app, &to).await;
    assert_eq!(status, 200);
    assert!(
        assignment_page.contains("Kari Nordmann"),
        "{assignment_page}"
    );
    assert!(
        assignment_page.contains("id=\"from-vacancy\""),
        "{assignment_page}"
    );
    assert_eq!(
        terms_of(app, "assignments", aid).await,
        terms_of(app, "vacancies", vid).await
    );
    let (worker_id, status): (i64, String) =
        sqlx::query_as("SELECT worker_id, status FROM assignments WHERE id = $1")
            .bind(aid)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!((worker_id, status.as_str()), (kari, "planned"));
    let allowances: String = sqlx::query_scalar("SELECT allowances FROM assignments WHERE id = $1")
        .bind(aid)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert!(allowances.contains("night"), "{allowances}");
    let (_, body) = page(&ola, app, &path).await;
    assert!(body.contains("1 av 2 plasser besatt"), "{body}");
    assert!(
        body.contains(&format!("id=\"candidate-assignment-{ck}\"")),
        "{body}"
    );
    // Kari's stage no longer moves; a second assignment for her is refused.
    let res = ola
        .post(app.url(&format!("{path}/candidates/{ck}/stage")))
        .form(&[("stage", "declined")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let res = ola
        .post(app.url(&format!("{path}/candidates/{ck}/assignment")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);

    // Nils accepted and assigned: every place filled.
    let res = ola
        .post(app.url(&format!("{path}/candidates/{cn}/stage")))
        .form(&[("stage", "accepted")])
        .send()
        .await
        .unwrap();
    location(res).await;
    let res = ola
        .post(app.url(&format!("{path}/candidates/{cn}/assignment")))
        .send()
        .await
        .unwrap();
    location(res).await;
    let (_, body) = page(&ola, app, &path).await;
    assert!(body.contains("2 av 2 plasser besatt"), "{body}");
    assert!(body.contains("id=\"vacancy-status\">Besatt<"), "{body}");
    let status: String = sqlx::query_scalar("SELECT status FROM vacancies WHERE id = $1")
        .bind(vid)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(status, "filled");
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM assignments WHERE customer_id = $1 AND title = $2")
            .bind(customer)
            .bind("Betongarbeider")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(n, 2);
    // The card's history tells it.
    let (_, overview) = page(&ola, app, &format!("/customers/{customer}")).await;
    assert!(overview.contains("Ledig stilling besatt"), "{overview}");
    assert!(overview.contains("Kandidat flyttet"), "{overview}");
});

db_test!(the_api_lists_reads_and_creates_vacancies, |app| {
    let ola = app.login("ola@test.no").await;
    let (customer, vid, _) = vacancy(app, &ola).await;
    let (status, one) = send(ola.get(app.url(&format!("/api/v1/vacancies/{vid}")))).await;
    assert_eq!(status, 200, "{one}");
    assert_eq!(one["positions"], 2);
    assert_eq!(one["filled"], 0);
    assert_eq!(one["status"], "open");
    assert_eq!(one["bill_rate_ore"], 45_000);
    assert_eq!(one["allowances"][0]["code"], "night");
    assert_eq!(one["candidates"], json!([]));
    assert!(one["compliance"]["light"].is_string(), "{one}");

    let body = json!({
        "customer_id": customer,
        "positions": 1,
        "occupation_title": "Tømrer",
        "terms": {
            "title": "Tømrer",
            "styrk_code": "7115",
            "from_date": "2027-02-01",
            "hours_per_week": "37,5",
            "days": [1, 2, 3, 4, 5],
            "day_start": "07:00",
            "day_end": "15:00",
            "break_minutes": "30",
            "bill_rate": "520",
            "pay_rate": "260"
        }
    });
    let (status, created) = send(ola.post(app.url("/api/v1/vacancies")).json(&body)).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["title"], "Tømrer");
    assert_eq!(created["to_date"], serde_json::Value::Null);

    // Bad input: problem JSON naming the fields; a worker is not taken.
    let mut bad = body.clone();
    bad["positions"] = json!(0);
    bad["terms"]["worker_id"] = json!(1);
    bad["terms"]["bill_rate"] = json!("mye");
    let (status, problem) = send(ola.post(app.url("/api/v1/vacancies")).json(&bad)).await;
    assert_eq!(status, 422, "{problem}");
    let text = problem.to_string();
    for field in ["positions", "worker_id", "bill_rate"] {
        assert!(text.contains(field), "{field}: {text}");
    }

    let (status, list) = send(ola.get(app.url("/api/v1/vacancies"))).await;
    assert_eq!(status, 200);
    assert_eq!(list["total"], 2, "{list}");
    let (status, list) = send(ola.get(app.url("/api/v1/vacancies?status=filled"))).await;
    assert_eq!(status, 200);
    assert_eq!(list["total"], 0, "{list}");
    let (status, _) = send(ola.get(app.url("/api/v1/vacancies?status=full"))).await;
    assert_eq!(status, 422);

    // Berit may not create one for Ola's customer.
    let berit = app.login("berit@test.no").await;
    let (status, _) = send(berit.post(app.url("/api/v1/vacancies")).json(&body)).await;
    assert_eq!(status, 404);
});

db_test!(the_card_shows_the_first_vacancies_and_links_to_all, |app| {
    let ola = app.login("ola@test.no").await;
    let (customer, first, _) = vacancy(app, &ola).await;
    let approver: i64 = sqlx::query_scalar("SELECT contact_id FROM vacancies WHERE id = $1")
        .bind(first)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    // 51 in all: more than the card shows (25) and than one page of the list (50).
    for _ in 0..50 {
        let res = ola
            .post(app.url(&format!("/customers/{customer}/vacancies")))
            .form(&vacancy_form(approver, approver))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
    }
    let (_, tab) = page(&ola, app, &format!("/customers/{customer}/assignments")).await;
    assert_eq!(tab.matches("id=\"vacancy-").count(), 25, "{tab}");
    assert!(
        tab.contains(&format!(
            "href=\"/vacancies?customer={customer}\" id=\"vacancies-all\">Vis alle 51 ledige stillingene"
        )),
        "{tab}"
    );

    // The link: that customer's vacancies only, all 51 over two pages, with the customer named.
    let other = oslo_customer(app, "Annen Kunde AS").await;
    let other_contact = contact(app, other, "Per", "Hansen").await;
    let res = ola
        .post(app.url(&format!("/customers/{other}/vacancies")))
        .form(&vacancy_form(other_contact, other_contact))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let (status, list) = page(&ola, app, &format!("/vacancies?customer={customer}")).await;
    assert_eq!(status, 200);
    assert!(
        list.contains("Ledige stillinger hos Betong Nord AS"),
        "{list}"
    );
    assert!(list.contains("51 ledige stillinger"), "{list}");
    assert_eq!(list.matches("<tr id=\"vacancy-").count(), 50, "{list}");
    assert!(!list.contains("Annen Kunde AS"), "{list}");
    assert!(list.contains("name=\"customer\" value=\""), "{list}");
    let next = format!("/vacancies?customer={customer}&#38;page=2");
    assert!(
        list.contains(&format!("href=\"{next}\" rel=\"next\"")),
        "{list}"
    );
    let (_, second) = page(&ola, app, &next.replace("&#38;", "&")).await;
    assert_eq!(second.matches("<tr id=\"vacancy-").count(), 1, "{second}");
    assert!(
        second.contains("2 / 2") && second.contains("rel=\"prev\""),
        "{second}"
    );
    let (_, firm) = page(&ola, app, "/vacancies").await;
    assert!(firm.contains("52 ledige stillinger"), "{firm}");
    assert_eq!(firm.matches("<tr id=\"vacancy-").count(), 50, "{firm}");
    // A page number that cannot be read is explained, and the first page shown.
    let (status, bad) = page(&ola, app, "/vacancies?page=tre").await;
    assert_eq!(status, 200);
    assert!(bad.contains("id=\"page-error\""), "{bad}");
    assert_eq!(bad.matches("<tr id=\"vacancy-").count(), 50, "{bad}");

    // A consultant who may not see the customer finds no such list.
    let berit = app.login("berit@test.no").await;
    let (status, _) = page(&berit, app, &format!("/vacancies?customer={customer}")).await;
    assert_eq!(status, 404);
    // Nor does a customer parameter that is no id (a page in the user's language, not a bare 400).
    let (status, body) = page(&ola, app, "/vacancies?customer=abc").await;
    assert_eq!(status, 404);
    assert!(body.contains("<html"), "{body}");
});
