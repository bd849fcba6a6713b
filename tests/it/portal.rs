//! The customer portal: invitation, log-in, isolation between customers, and access ending at once.

use crate::{
    db_test,
    support::fixtures::{accept, add_contact, count, invite, two_customers},
};

db_test!(invitation_log_in_and_isolation, |app| {
    let (oslo, bergen) = two_customers(app).await;
    let ola = app.login("ola@test.no").await;
    let kari = add_contact(
        &ola,
        app,
        oslo,
        &[
            ("first_name", "Kari"),
            ("last_name", "Nordmann"),
            ("email", "kari@nordlys.no"),
        ],
    )
    .await;
    let path = invite(
        &ola,
        app,
        oslo,
        kari,
        &["view_assignments", "approve_timesheets"],
    )
    .await;
    assert!(path.starts_with("/portal/invite/"), "{path}");
    assert_eq!(
        app.client()
            .get(app.url(&path))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let portal = accept(app, &path).await;
    // The link worked once.
    assert_eq!(
        app.client()
            .get(app.url(&path))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );

    let home = portal.get(app.url("/portal")).send().await.unwrap();
    assert_eq!(home.status(), 200);
    let body = home.text().await.unwrap();
    assert!(body.contains("Nordlys Elektro AS"));
    assert!(body.contains("Ola Oslo"), "the agency contact is shown");
    assert!(!body.contains("Fjordbygg"));

    // A portal session opens nothing on the staff side or in the API.
    for path in [
        format!("/customers/{bergen}"),
        format!("/customers/{oslo}"),
        "/customers".to_string(),
    ] {
        assert_eq!(
            portal.get(app.url(&path)).send().await.unwrap().status(),
            303,
            "{path}"
        );
    }
    // Every API route, for the contact's own customer and for another, refuses a portal session.
    for customer in [oslo, bergen] {
        for path in [
            "/api/v1/customers".to_string(),
            format!("/api/v1/customers/{customer}"),
            format!("/api/v1/customers/{customer}/contacts"),
            format!("/api/v1/customers/{customer}/comments"),
            format!("/api/v1/contacts/{kari}"),
            "/api/v1/card-layout".to_string(),
        ] {
            assert_eq!(
                portal.get(app.url(&path)).send().await.unwrap().status(),
                401,
                "GET {path}"
            );
        }
        for path in [
            format!("/api/v1/customers/{customer}/contacts"),
            format!("/api/v1/customers/{customer}/comments"),
        ] {
            let res = portal
                .post(app.url(&path))
                .json(&serde_json::json!({"body": "x"}))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 401, "POST {path}");
        }
        let res = portal
            .patch(app.url(&format!("/api/v1/customers/{customer}")))
            .json(&serde_json::json!({"name": "x"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401);
    }
    // And every staff page of either customer sends the contact to the staff log-in.
    for path in [
        format!("/customers/{bergen}/contacts"),
        format!("/customers/{oslo}/contacts/{kari}"),
        "/contacts?q=kari".to_string(),
        "/settings".to_string(),
    ] {
        assert_eq!(
            portal.get(app.url(&path)).send().await.unwrap().status(),
            303,
            "{path}"
        );
    }
    // And a staff session is not a portal session.
    let res = ola.get(app.url("/portal")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert!(
        res.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/portal/login")
    );

    // Log in again with the password.
    let again = app.client();
    let res = again
        .post(app.url("/portal/login"))
        .form(&[
            ("email", "Kari@Nordlys.no"),
            ("password", "portal-passord-1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let res = again
        .post(app.url("/portal/login"))
        .form(&[("email", "kari@nordlys.no"), ("password", "feil")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    // Staff credentials do not open the portal.
    let res = app
        .client()
        .post(app.url("/portal/login"))
        .form(&[
            ("email", "ola@test.no"),
            ("password", crate::support::PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
});

db_test!(
    removing_access_or_deactivating_ends_portal_sessions_at_once,
    |app| {
        let (oslo, _) = two_customers(app).await;
        let ola = app.login("ola@test.no").await;
        let kari = add_contact(
            &ola,
            app,
            oslo,
            &[
                ("first_name", "Kari"),
                ("last_name", "Nordmann"),
                ("email", "kari@nordlys.no"),
            ],
        )
        .await;
        let per = add_contact(
            &ola,
            app,
            oslo,
            &[
                ("first_name", "Per"),
                ("last_name", "Hansen"),
                ("email", "per@nordlys.no"),
            ],
        )
        .await;
        let kari_portal = accept(
            app,
            &invite(&ola, app, oslo, kari, &["view_invoices"]).await,
        )
        .await;
        let per_portal = accept(app, &invite(&ola, app, oslo, per, &["view_invoices"]).await).await;
        assert_eq!(
            kari_portal
                .get(app.url("/portal"))
                .send()
                .await
                .unwrap()
                .status(),
            200
        );
        assert_eq!(
            per_portal
                .get(app.url("/portal"))
                .send()
                .await
                .unwrap()
                .status(),
            200
        );

        let res = ola
            .post(app.url(&format!("/customers/{oslo}/contacts/{kari}/portal/revoke")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(
            kari_portal
                .get(app.url("/portal"))
                .send()
                .await
                .unwrap()
                .status(),
            303
        );

        let res = ola
            .post(app.url(&format!("/customers/{oslo}/contacts/{per}/active")))
            .form(&[("active", "0")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(
            per_portal
                .get(app.url("/portal"))
                .send()
                .await
                .unwrap()
                .status(),
            303
        );
        let res = app
            .client()
            .post(app.url("/portal/login"))
            .form(&[
                ("email", "per@nordlys.no"),
                ("password", "portal-passord-1"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401);
    }
);

db_test!(
    portal_access_needs_an_email_rights_and_a_unique_login,
    |app| {
        let (oslo, bergen) = two_customers(app).await;
        let admin = app.admin().await;
        let no_email = add_contact(
            &admin,
            app,
            oslo,
            &[("first_name", "Uten"), ("last_name", "Epost")],
        )
        .await;
        let res = admin
            .post(app.url(&format!("/customers/{oslo}/contacts/{no_email}/portal")))
            .form(&[("rights", "view_invoices")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("må ha en e-postadresse"));
        let kari = add_contact(
            &admin,
            app,
            oslo,
            &[
                ("first_name", "Kari"),
                ("last_name", "Nordmann"),
                ("email", "kari@nordlys.no"),
            ],
        )
        .await;
        let res = admin
            .post(app.url(&format!("/customers/{oslo}/contacts/{kari}/portal")))
            .form(&[("preset", "")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("Velg minst én rettighet")
        );
        invite(&admin, app, oslo, kari, &["view_invoices"]).await;
        // The same person as a contact of another customer cannot get a second login with that email.
        let twin = add_contact(
            &admin,
            app,
            bergen,
            &[
                ("first_name", "Kari"),
                ("last_name", "Nordmann"),
                ("email", "kari@nordlys.no"),
            ],
        )
        .await;
        let res = admin
            .post(app.url(&format!("/customers/{bergen}/contacts/{twin}/portal")))
            .form(&[("rights", "view_invoices")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("brukes allerede"));
        // Presets set several rights at once.
        let res = admin
            .post(app.url("/admin/portal-presets"))
            .form(&[
                ("name", "Leder"),
                ("rights", "view_assignments"),
                ("rights", "approve_timesheets"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let (preset,): (i64,) =
            sqlx::query_as("SELECT id FROM portal_presets WHERE name = 'Leder'")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        // The page shows the preset's rights ticked; the boxes are what is sent and saved.
        let page = admin
            .get(app.url(&format!("/customers/{oslo}/contacts/{kari}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains(&format!(
                "value=\"{preset}\" data-rights=\"view_assignments,approve_timesheets\""
            )),
            "{page}"
        );
        let res = admin
            .post(app.url(&format!("/customers/{oslo}/contacts/{kari}/portal")))
            .form(&[
                ("rights", "view_assignments"),
                ("rights", "approve_timesheets"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let (rights,): (String,) =
            sqlx::query_as("SELECT rights FROM portal_accounts WHERE contact_id = $1")
                .bind(kari)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(rights, "view_assignments,approve_timesheets");
    }
);

db_test!(
    the_preset_selector_shows_what_is_ticked_and_saving_keeps_exactly_that,
    |app| {
        let (oslo, _) = two_customers(app).await;
        let admin = app.admin().await;
        let kari = add_contact(
            &admin,
            app,
            oslo,
            &[
                ("first_name", "Kari"),
                ("last_name", "Nordmann"),
                ("email", "kari@nordlys.no"),
            ],
        )
        .await;
        let res = admin
            .post(app.url("/admin/portal-presets"))
            .form(&[
                ("name", "Leder"),
                ("rights", "view_assignments"),
                ("rights", "approve_timesheets"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let (preset,): (i64,) =
            sqlx::query_as("SELECT id FROM portal_presets WHERE name = 'Leder'")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        let page_url = app.url(&format!("/customers/{oslo}/contacts/{kari}"));
        let page = admin
            .get(&page_url)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        // The selector is shown by the page's script (which ticks a preset's boxes) and is not a
        // form field: without JavaScript only the boxes are there, and they are what is saved.
        assert!(page.contains("id=\"preset-field\" hidden"), "{page}");
        assert!(page.contains("<select id=\"preset\">"), "{page}");
        assert!(
            page.contains("<script src=\"/static/portal-rights.js\">"),
            "{page}"
        );
        let js = app
            .client()
            .get(app.url("/static/portal-rights.js"))
            .send()
            .await
            .unwrap();
        assert_eq!(js.status(), 200);
        assert!(
            js.text()
                .await
                .unwrap()
                .contains("b.checked = rights.indexOf")
        );

        // The preset plus a right ticked by hand: exactly the ticked rights are saved, and the
        // selector says "custom" because no preset matches them.
        invite(
            &admin,
            app,
            oslo,
            kari,
            &["view_assignments", "approve_timesheets", "sign_documents"],
        )
        .await;
        let stored = || async {
            let (r,): (String,) =
                sqlx::query_as("SELECT rights FROM portal_accounts WHERE contact_id = $1")
                    .bind(kari)
                    .fetch_one(&app.db.pool)
                    .await
                    .unwrap();
            r
        };
        assert_eq!(
            stored().await,
            "view_assignments,approve_timesheets,sign_documents"
        );
        let page = admin
            .get(&page_url)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!page.contains(" selected>Leder"), "{page}");
        assert!(
            page.contains("value=\"sign_documents\" checked"),
            "the hand-ticked right is shown: {page}"
        );

        // A stray `preset` field (an old page) changes nothing: the ticked boxes are saved.
        let res = admin
            .post(app.url(&format!("/customers/{oslo}/contacts/{kari}/portal")))
            .form(&[
                ("preset", preset.to_string()),
                ("rights", "view_invoices".into()),
                ("rights", "sign_documents".into()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(stored().await, "view_invoices,sign_documents");

        // Rights that match a preset show that preset chosen, not "custom".
        let res = admin
            .post(app.url(&format!("/customers/{oslo}/contacts/{kari}/portal")))
            .form(&[
                ("rights", "approve_timesheets"),
                ("rights", "view_assignments"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let page = res.text().await.unwrap();
        assert!(
            page.contains(&format!(
                "<option value=\"{preset}\" data-rights=\"view_assignments,approve_timesheets\" selected>Leder"
            )),
            "{page}"
        );
        assert_eq!(stored().await, "view_assignments,approve_timesheets");

        // Nothing ticked is refused, and the form shows nothing ticked (as typed), not the old rights.
        let res = admin
            .post(app.url(&format!("/customers/{oslo}/contacts/{kari}/portal")))
            .form(&[("preset", preset.to_string())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(page.contains("Velg minst én rettighet"), "{page}");
        assert!(!page.contains("checked"), "{page}");
        assert_eq!(stored().await, "view_assignments,approve_timesheets");
    }
);

db_test!(
    changing_rights_keeps_an_open_invitation_and_reinviting_replaces_it,
    |app| {
        let (oslo, _) = two_customers(app).await;
        let ola = app.login("ola@test.no").await;
        let kari = add_contact(
            &ola,
            app,
            oslo,
            &[
                ("first_name", "Kari"),
                ("last_name", "Nordmann"),
                ("email", "kari@nordlys.no"),
            ],
        )
        .await;
        let path = invite(&ola, app, oslo, kari, &["view_invoices"]).await;
        let messages = format!("SELECT COUNT(*) FROM messages WHERE customer_id = {oslo}");
        assert_eq!(count(app, &messages).await, 1);

        let res = ola
            .post(app.url(&format!("/customers/{oslo}/contacts/{kari}/portal")))
            .form(&[("rights", "view_invoices"), ("rights", "view_documents")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let page = res.text().await.unwrap();
        assert!(!page.contains("id=\"invite-waiting\""), "{page}");
        assert!(!page.contains("id=\"invite-sent\""), "{page}");
        assert_eq!(count(app, &messages).await, 1, "no new invitation queued");
        // The link already given out still works.
        assert_eq!(
            app.client()
                .get(app.url(&path))
                .send()
                .await
                .unwrap()
                .status(),
            200
        );
        // Re-inviting is its own action: a new email, and the old link stops working.
        assert!(page.contains("/portal/invite\"><button"), "{page}");
        let res = ola
            .post(app.url(&format!("/customers/{oslo}/contacts/{kari}/portal/invite")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.text().await.unwrap().contains("id=\"invite-waiting\""));
        assert_eq!(count(app, &messages).await, 2);
        assert_eq!(
            app.client()
                .get(app.url(&path))
                .send()
                .await
                .unwrap()
                .status(),
            404
        );
    }
);
