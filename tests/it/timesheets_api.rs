//! `/api/v1` timesheets: staff read an assignment's sheets and one sheet, write lines, submit on
//! the worker's behalf and reopen with API tokens, under the card's access rules (another
//! department's consultant: 404; read-only: 403); approvers approve and reject with the portal's
//! session, staff may not (403). Stale versions are 409, bad lines 422 naming the field as sent.

use kundekort::config::ConsultantScope;
use serde_json::{Value, json};

use crate::{
    db_test,
    support::{
        TestApp,
        fixtures::{contact, oslo_customer},
        http::send,
        timesheets::{portal, setup, week_53},
    },
};

/// A client sending `user`'s API token.
async fn token(app: &TestApp, user: i64) -> reqwest::Client {
    let mut conn = app.db.pool.acquire().await.unwrap();
    let token = kundekort::auth::tokens::create(&mut conn, user, "test")
        .await
        .unwrap();
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::AUTHORIZATION,
        format!("Bearer {token}").parse().unwrap(),
    );
    reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap()
}

fn line(date: &str, start: &str, end: &str) -> Value {
    json!({"work_date": date, "start": start, "end": end, "break_minutes": 30})
}

/// December's part of week 53 as worked: Wednesday until 19:30.
fn worked() -> Vec<Value> {
    vec![
        line("2026-12-28", "07:30", "15:30"),
        line("2026-12-29", "07:30", "15:30"),
        line("2026-12-30", "07:30", "19:30"),
        line("2026-12-31", "07:30", "15:30"),
    ]
}

async fn sheet(client: &reqwest::Client, app: &TestApp, id: i64) -> Value {
    let (status, body) = send(client.get(app.url(&format!("/api/v1/timesheets/{id}")))).await;
    assert_eq!(status, 200, "{body}");
    body
}

fn post(
    client: &reqwest::Client,
    app: &TestApp,
    id: i64,
    act: &str,
    body: Value,
) -> reqwest::RequestBuilder {
    client
        .post(app.url(&format!("/api/v1/timesheets/{id}/{act}")))
        .json(&body)
}

fn put(client: &reqwest::Client, app: &TestApp, id: i64, body: Value) -> reqwest::RequestBuilder {
    client
        .put(app.url(&format!("/api/v1/timesheets/{id}/lines")))
        .json(&body)
}

db_test!(
    staff_write_lines_submit_and_reopen_while_approvers_decide,
    |app| {
        let s = setup(app, false).await;
        let (dec, jan) = week_53(app, &s).await;
        let ola = token(app, app.fx.consultant_oslo).await;

        // The list, filtered by status and period.
        let list = format!("/api/v1/assignments/{}/timesheets", s.assignment);
        let (status, body) = send(ola.get(app.url(&format!(
            "{list}?status=draft&from=2026-12-28&to=2027-01-03"
        ))))
        .await;
        assert_eq!(status, 200, "{body}");
        let ids: Vec<i64> = body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_i64().unwrap())
            .collect();
        assert_eq!(ids, [jan, dec], "{body}");
        assert_eq!(body["total"], 2);
        let (status, body) = send(ola.get(app.url(&format!("{list}?status=approved")))).await;
        assert_eq!((status, body["total"].as_i64()), (200, Some(0)), "{body}");
        let (status, body) =
            send(ola.get(app.url(&format!("{list}?status=done&from=28.12")))).await;
        assert_eq!(status, 422, "{body}");
        assert!(
            body["errors"]["status"].is_array() && body["errors"]["from"].is_array(),
            "{body}"
        );

        // One sheet: prefilled from the plan, four days of 7.5 hours.
        let d = sheet(&ola, app, dec).await;
        assert_eq!(d["sheet"]["status"], "draft");
        assert_eq!(d["lines"].as_array().unwrap().len(), 4, "{d}");
        assert_eq!(d["sheet"]["worked_minutes"], 4 * 450);
        let v = d["sheet"]["version"].as_i64().unwrap();

        // Bad input: 422 naming the line's field as sent, nothing saved.
        let mut bad = worked();
        bad[1]["start"] = json!("25:00");
        let (status, body) = send(put(&ola, app, dec, json!({"version": v, "lines": bad}))).await;
        assert_eq!(status, 422, "{body}");
        assert!(body["errors"]["lines[1].start"].is_array(), "{body}");
        assert_eq!(sheet(&ola, app, dec).await["sheet"]["version"], v);

        // Saved: Wednesday's four hours beyond the agreed day are overtime.
        let (status, d) = send(put(
            &ola,
            app,
            dec,
            json!({"version": v, "lines": worked()}),
        ))
        .await;
        assert_eq!(status, 200, "{d}");
        assert_eq!(d["sheet"]["worked_minutes"], 3 * 450 + 690);
        assert_eq!(d["sheet"]["overtime_minutes"], 240);
        assert_eq!(d["sheet"]["version"], v + 1);
        let saved = d["events"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(
            (
                saved["action"].as_str(),
                saved["actor"].as_str(),
                saved["via"].as_str()
            ),
            (Some("saved"), Some("staff"), Some("api")),
            "{d}"
        );

        // The version read before is stale: 409.
        let (status, body) = send(put(
            &ola,
            app,
            dec,
            json!({"version": v, "lines": worked()}),
        ))
        .await;
        assert_eq!(status, 409, "{body}");

        // Submitted on the worker's behalf; then locked.
        let (status, d) = send(post(&ola, app, dec, "submit", json!({"version": v + 1}))).await;
        assert_eq!(status, 200, "{d}");
        assert_eq!(d["sheet"]["status"], "submitted");
        let (status, _) = send(put(
            &ola,
            app,
            dec,
            json!({"version": v + 2, "lines": worked()}),
        ))
        .await;
        assert_eq!(status, 409);

        // Approving and rejecting are the approver's: staff get 403 and nothing changes.
        for act in ["approve", "reject"] {
            let body = json!({"version": v + 2, "comment": "Nei"});
            let (status, _) = send(post(&ola, app, dec, act, body)).await;
            assert_eq!(status, 403, "{act}");
        }
        assert_eq!(sheet(&ola, app, dec).await["sheet"]["status"], "submitted");

        // The approver, with the portal's session: a comment is required to reject.
        let per = portal(app, s.approver, "approve_timesheets").await;
        let (status, body) = send(post(&per, app, dec, "reject", json!({"version": v + 2}))).await;
        assert_eq!(status, 422, "{body}");
        assert!(body["errors"]["comment"].is_array(), "{body}");
        let (status, body) = send(post(
            &per,
            app,
            dec,
            "reject",
            json!({"version": v + 2, "comment": "Onsdag?"}),
        ))
        .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["status"], "rejected");
        // The approver never sees the pay.
        assert!(
            body.get("pay_ore").is_none() && body.get("lines").is_none(),
            "{body}"
        );

        // Submitted again, approved by the approver; its events say who and how.
        let (_, d) = send(post(&ola, app, dec, "submit", json!({"version": v + 3}))).await;
        assert_eq!(d["sheet"]["status"], "submitted", "{d}");
        let (status, body) = send(post(&per, app, dec, "approve", json!({"version": v + 4}))).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            (body["status"].as_str(), body["version"].as_i64()),
            (Some("approved"), Some(v + 5))
        );
        let d = sheet(&ola, app, dec).await;
        let approved = d["events"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(
            (
                approved["actor"].as_str(),
                approved["via"].as_str(),
                approved["contact_id"].as_i64()
            ),
            (Some("contact"), Some("api"), Some(s.approver)),
            "{d}"
        );
        // Approving twice: 409.
        let (status, _) = send(post(&per, app, dec, "approve", json!({"version": v + 5}))).await;
        assert_eq!(status, 409);

        // Reopened by staff with a reason (required), recorded in the card's history.
        let (status, body) = send(post(
            &ola,
            app,
            dec,
            "reopen",
            json!({"version": v + 5, "reason": " "}),
        ))
        .await;
        assert_eq!(status, 422, "{body}");
        assert!(body["errors"]["reason"].is_array(), "{body}");
        let (status, d) = send(post(
            &ola,
            app,
            dec,
            "reopen",
            json!({"version": v + 5, "reason": "Feil timer onsdag"}),
        ))
        .await;
        assert_eq!(status, 200, "{d}");
        assert_eq!(d["sheet"]["status"], "draft");
        let (audited,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'timesheet' AND entity_id = $1 AND action = 'timesheet-reopen'",
        )
        .bind(dec)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(audited, 1);
    }
);

/// Sheet `id`'s version.
async fn version(app: &TestApp, id: i64) -> i64 {
    crate::support::timesheets::version(app, id).await
}

/// Submits `id` as staff through the store.
async fn submit(app: &TestApp, id: i64) {
    let by = kundekort::timesheets::store::By::staff(app.fx.consultant_oslo);
    let mut tx = app.db.begin().await.unwrap();
    kundekort::timesheets::store::submit(&mut tx, id, version(app, id).await, &by)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

db_test!(
    another_departments_consultant_and_other_companies_contacts_find_nothing,
    |app| {
        let s = setup(app, false).await;
        let (dec, _) = week_53(app, &s).await;
        submit(app, dec).await;
        let v = version(app, dec).await;
        let berit = token(app, app.fx.consultant_bergen).await;
        let list = format!("/api/v1/assignments/{}/timesheets", s.assignment);
        assert_eq!(send(berit.get(app.url(&list))).await.0, 404);
        assert_eq!(
            send(berit.get(app.url(&format!("/api/v1/timesheets/{dec}"))))
                .await
                .0,
            404
        );
        assert_eq!(
            send(put(
                &berit,
                app,
                dec,
                json!({"version": v, "lines": worked()})
            ))
            .await
            .0,
            404
        );
        let (status, _) = send(post(&berit, app, dec, "submit", json!({"version": v}))).await;
        assert_eq!(status, 404);
        for act in ["approve", "reject"] {
            let (status, _) = send(post(
                &berit,
                app,
                dec,
                act,
                json!({"version": v, "comment": "x"}),
            ))
            .await;
            assert_eq!(status, 404, "{act}");
        }
        let (status, _) = send(post(
            &berit,
            app,
            dec,
            "reopen",
            json!({"version": v, "reason": "x"}),
        ))
        .await;
        assert_eq!(status, 404);

        // A contact of another company, with the right: not found. One of this company without
        // the right: 403. One with the right who is not the assignment's approver: 403.
        let other = oslo_customer(app, "Annet Firma AS").await;
        let stranger = contact(app, other, "Siri", "Fremmed").await;
        let stranger = portal(app, stranger, "approve_timesheets").await;
        let (status, _) = send(post(&stranger, app, dec, "approve", json!({"version": v}))).await;
        assert_eq!(status, 404);
        let no_right = portal(app, s.second, "").await;
        let (status, _) = send(post(&no_right, app, dec, "approve", json!({"version": v}))).await;
        assert_eq!(status, 403);
        let colleague = contact(app, s.customer, "Ole", "Kollega").await;
        let colleague = portal(app, colleague, "approve_timesheets").await;
        let (status, _) = send(post(&colleague, app, dec, "approve", json!({"version": v}))).await;
        assert_eq!(status, 403);
        // A portal session does not read staff's sheets, nor does nobody.
        assert_eq!(
            send(colleague.get(app.url(&format!("/api/v1/timesheets/{dec}"))))
                .await
                .0,
            401
        );
        let nobody = reqwest::Client::new();
        assert_eq!(send(nobody.get(app.url(&list))).await.0, 401);
        assert_eq!(
            send(post(&nobody, app, dec, "approve", json!({"version": v})))
                .await
                .0,
            401
        );
        assert_eq!(version(app, dec).await, v);
    }
);

db_test!(
    a_consultant_who_only_sees_the_customer_may_read_but_not_write,
    config = |c| c.consultant_scope = ConsultantScope::All,
    |app| {
        let s = setup(app, false).await;
        let (dec, _) = week_53(app, &s).await;
        let v = version(app, dec).await;
        let berit = token(app, app.fx.consultant_bergen).await;
        let list = format!("/api/v1/assignments/{}/timesheets", s.assignment);
        assert_eq!(send(berit.get(app.url(&list))).await.0, 200);
        assert_eq!(sheet(&berit, app, dec).await["sheet"]["id"], dec);
        assert_eq!(
            send(put(
                &berit,
                app,
                dec,
                json!({"version": v, "lines": worked()})
            ))
            .await
            .0,
            403
        );
        assert_eq!(
            send(post(&berit, app, dec, "submit", json!({"version": v})))
                .await
                .0,
            403
        );
        assert_eq!(
            send(post(
                &berit,
                app,
                dec,
                "reopen",
                json!({"version": v, "reason": "x"})
            ))
            .await
            .0,
            403
        );
        assert_eq!(version(app, dec).await, v);
    }
);

db_test!(the_document_describes_the_timesheet_operations, |app| {
    let doc: Value = reqwest::get(app.url("/api/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let paths = &doc["paths"];
    assert!(paths["/api/v1/assignments/{aid}/timesheets"]["get"].is_object());
    assert!(paths["/api/v1/timesheets/{tid}"]["get"].is_object());
    for (path, method) in [
        ("/api/v1/timesheets/{tid}/lines", "put"),
        ("/api/v1/timesheets/{tid}/submit", "post"),
        ("/api/v1/timesheets/{tid}/reopen", "post"),
        ("/api/v1/timesheets/{tid}/approve", "post"),
        ("/api/v1/timesheets/{tid}/reject", "post"),
    ] {
        let responses = &paths[path][method]["responses"];
        for status in ["403", "404", "409", "422"] {
            assert!(responses[status].is_object(), "{method} {path} {status}");
        }
    }
    let approve = &paths["/api/v1/timesheets/{tid}/approve"]["post"];
    assert_eq!(approve["security"], json!([{"portal": []}]));
    assert!(doc["components"]["securitySchemes"]["portal"].is_object());
});
