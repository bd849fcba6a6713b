//! Access: the card's department scope, the API and the portal's shortlist.

use super::*;

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

db_test!(the_firms_recruitments_come_fifty_a_page, |app| {
    let customer = oslo_customer(app, "Regnskap Nord AS").await;
    for n in 0..52 {
        sqlx::query(
            "INSERT INTO recruitments (customer_id, title, fee_kind, guarantee_consequence, status, \
             created_at, updated_at) VALUES ($1, $2, 'fixed', 'replacement', 'open', $3, $3)",
        )
        .bind(customer)
        .bind(format!("Regnskapsfører {n:02}"))
        .bind(1_700_000_000_i64 + n)
        .execute(&app.db.pool)
        .await
        .unwrap();
    }
    let ola = app.login("ola@test.no").await;
    let (status, first) = page(&ola, app, "/recruitments").await;
    assert_eq!(status, 200);
    assert_eq!(
        first.matches("<tr id=\"recruitment-").count(),
        50,
        "{first}"
    );
    assert!(first.contains("rel=\"next\""), "{first}");
    let (_, second) = page(&ola, app, "/recruitments?page=2").await;
    assert_eq!(
        second.matches("<tr id=\"recruitment-").count(),
        2,
        "{second}"
    );
    assert!(second.contains("rel=\"prev\"") && !second.contains("rel=\"next\""));
    // The two pages together are the 52, each once.
    let ids = |html: &str| -> Vec<String> {
        html.split("<tr id=\"recruitment-")
            .skip(1)
            .map(|s| s.split('"').next().unwrap().to_string())
            .collect()
    };
    let mut all = ids(&first);
    all.extend(ids(&second));
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 52);
    // A page number that cannot be read is explained, and the first page shown.
    let (status, bad) = page(&ola, app, "/recruitments?page=tre").await;
    assert_eq!(status, 200);
    assert!(bad.contains("id=\"page-error\""), "{bad}");
    assert_eq!(bad.matches("<tr id=\"recruitment-").count(), 50);
    // Another department's consultant sees none of them.
    let berit = app.login("berit@test.no").await;
    let (_, none) = page(&berit, app, "/recruitments").await;
    assert_eq!(none.matches("<tr id=\"recruitment-").count(), 0);
});
