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
