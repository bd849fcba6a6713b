//! Request helpers on [`TestApp`]: addresses, a client per user (its own cookie jar, redirects
//! not followed so tests can look at them), and logging the fixture users in.

use serde_json::Value;

use super::{PASSWORD, TestApp};

impl TestApp {
    /// The app's address for `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// A client with its own cookie jar that does not follow redirects (tests look at them).
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    }

    /// Logs `email` in and returns the client holding the session.
    pub async fn login(&self, email: &str) -> reqwest::Client {
        let client = self.client();
        let res = client
            .post(self.url("/login"))
            .form(&[
                ("email", email),
                ("password", PASSWORD),
                ("next", "/customers"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "log-in of {email} failed");
        client
    }

    /// Logs the fixture admin (admin@test.no) in.
    pub async fn admin(&self) -> reqwest::Client {
        self.login("admin@test.no").await
    }
}

/// Sends an API request: the status and the JSON answer (`Null` when there is none); an error
/// must be problem JSON.
pub async fn send(req: reqwest::RequestBuilder) -> (u16, Value) {
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    if status >= 400 {
        assert_eq!(
            res.headers()["content-type"],
            "application/problem+json",
            "{status}"
        );
    }
    (status, res.json().await.unwrap_or(Value::Null))
}

/// Where a `303 See Other` points; fails with the page's text when the answer is anything else.
pub async fn location(res: reqwest::Response) -> String {
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    res.headers()["location"].to_str().unwrap().to_string()
}

/// The id at the end of a path such as `/customers/7/vacancies/12?saved=1#terms`.
pub fn last_id(path: &str) -> i64 {
    path.split(['?', '#'])
        .next()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// GETs `path` as `client`: the status and the page.
pub async fn page(client: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let res = client.get(app.url(path)).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// POSTs `form` to `path` as `client`: the status and the answer's text.
pub async fn post<F: serde::Serialize + ?Sized>(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    form: &F,
) -> (u16, String) {
    let res = client.post(app.url(path)).form(form).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The browser a session made directly in a test (not through a log-in form) says it is from.
pub fn local_client() -> kundekort::auth::session::Client {
    kundekort::auth::session::Client {
        ip: std::net::IpAddr::from([127, 0, 0, 1]),
        user_agent: "test".to_string(),
    }
}
