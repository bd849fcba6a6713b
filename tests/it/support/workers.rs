//! Set-up for the workers' own pages: a worker made through the form, an assignment for them,
//! an invitation by staff, its link as delivery makes it, and a password set from it.

use kundekort::workers::account;

use super::TestApp;

/// A worker made through the form by Ola; their id.
pub async fn worker(app: &TestApp, name: &str, email: &str) -> i64 {
    let ola = app.login("ola@test.no").await;
    let res = ola
        .post(app.url("/workers"))
        .form(&[
            ("name", name),
            ("status", "employee"),
            ("email", email),
            ("mobile", "912 34 567"),
            ("street", "Storgata 1"),
            ("postal_code", "0155"),
            ("city", "Oslo"),
            ("bank_account", "8601 11 17947"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    res.headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/workers/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// An assignment for `worker` at the Oslo customer, approved by Åse; its detail path and id.
pub async fn assignment(
    app: &TestApp,
    oslo: i64,
    ase: i64,
    worker: i64,
    title: &str,
) -> (String, i64) {
    let ola = app.login("ola@test.no").await;
    let form: Vec<(&str, String)> = vec![
        ("worker_id", worker.to_string()),
        ("title", title.into()),
        ("from_date", "2027-01-04".into()),
        ("to_date", "2027-03-31".into()),
        ("hours_per_week", "37,5".into()),
        ("day", "1".into()),
        ("day", "2".into()),
        ("day", "3".into()),
        ("day", "4".into()),
        ("day", "5".into()),
        ("day_start", "07:30".into()),
        ("day_end", "15:30".into()),
        ("break_minutes", "30".into()),
        ("bill_rate", "450".into()),
        ("pay_rate", "230".into()),
        ("legal_basis", "temporary_work".into()),
        ("legal_basis_text", "Vareopptelling".into()),
        ("equal_pay", "225".into()),
        ("equal_confirmed_on", "2026-10-01".into()),
        ("workplace_street", "Lagerveien 5".into()),
        ("approver_contact_id", ase.to_string()),
    ];
    let res = ola
        .post(app.url(&format!("/customers/{oslo}/assignments")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let detail = res.headers()["location"]
        .to_str()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let id = detail.rsplit('/').next().unwrap().parse().unwrap();
    (detail, id)
}

/// Staff invite the worker; the page's answer.
pub async fn invite(app: &TestApp, staff: &str, worker: i64) -> reqwest::Response {
    app.login(staff)
        .await
        .post(app.url(&format!("/workers/{worker}/invite")))
        .send()
        .await
        .unwrap()
}

/// The invitation link's path, as delivery makes it (without email set up, the test makes it
/// as the outbox would).
pub async fn minted(app: &TestApp, worker: i64) -> String {
    account::mint_invite(&app.state, worker)
        .await
        .unwrap()
        .expect("the worker waits for an invitation")
        .trim_start_matches(&app.url(""))
        .to_string()
}

/// Sets a password from the invitation at `path`; the worker's logged-in client.
pub async fn accept(app: &TestApp, path: &str) -> reqwest::Client {
    let client = app.client();
    let res = client
        .post(app.url(path))
        .form(&[("password", "kort"), ("confirm", "kort")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("minst 10 tegn"));
    let res = client
        .post(app.url(path))
        .form(&[
            ("password", "vikar-passord-1"),
            ("confirm", "vikar-passord-1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/worker");
    client
}

/// A page's status and text.
pub async fn get(client: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let res = client.get(app.url(path)).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.text().await.unwrap())
}

/// A worker made through the form, invited by Ola and with a password set; their id and their
/// logged-in client.
pub async fn logged_in(app: &TestApp, name: &str, email: &str) -> (i64, reqwest::Client) {
    let id = worker(app, name, email).await;
    assert_eq!(invite(app, "ola@test.no", id).await.status(), 200);
    let path = minted(app, id).await;
    (id, accept(app, &path).await)
}
