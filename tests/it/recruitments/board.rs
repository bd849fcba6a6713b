//! The pipeline board: bad input explained and kept, moves by the forms the keyboard and the
//! script send, interviews booked in the diary.

use super::*;

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
