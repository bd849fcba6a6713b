//! Behind an https public URL the session cookies carry the `__Host-` prefix with `Secure`,
//! `Path=/` and no `Domain` (decision 0060); a plain-named one is not taken there. Over http
//! (every other test) they keep their plain names.

use kundekort::auth::{session::Holder, two_factor};

use crate::{
    db_test,
    support::{PASSWORD, TestApp},
};

fn https(c: &mut kundekort::config::Config) {
    c.public_url = url::Url::parse("https://kundekort.example.no").unwrap();
}

/// A client that keeps no cookies (they are `Secure`, and the test speaks http): the test
/// sends them by hand.
fn bare() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn set_cookies(res: &reqwest::Response) -> Vec<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect()
}

/// The `Set-Cookie` for `name`, checked for what the prefix requires; its value.
fn host_cookie(cookies: &[String], name: &str) -> String {
    let prefixed = format!("__Host-{name}=");
    let c = cookies
        .iter()
        .find(|c| c.starts_with(&prefixed))
        .unwrap_or_else(|| panic!("no {prefixed} in {cookies:?}"));
    let attributes: Vec<&str> = c.split(';').map(str::trim).collect();
    assert!(attributes.contains(&"Secure"), "{c}");
    assert!(attributes.contains(&"HttpOnly"), "{c}");
    assert!(attributes.contains(&"Path=/"), "{c}");
    assert!(!c.to_lowercase().contains("domain="), "{c}");
    assert!(
        !cookies.iter().any(|c| c.starts_with(&format!("{name}="))),
        "{cookies:?}"
    );
    attributes[0][prefixed.len()..].to_string()
}

async fn get(app: &TestApp, path: &str, cookie: &str) -> u16 {
    bare()
        .get(app.url(path))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

db_test!(
    behind_https_the_session_cookies_are_host_prefixed,
    config = https,
    |app| {
        let res = bare()
            .post(app.url("/login"))
            .form(&[("email", "ola@test.no"), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let session = host_cookie(&set_cookies(&res), "kk_session");
        assert!(!session.is_empty());
        // The prefixed cookie is the session; the language cookie is prefixed too (not
        // HttpOnly: the language links set it from the page).
        let lang = set_cookies(&res)
            .into_iter()
            .find(|c| c.starts_with("__Host-kk_lang="))
            .expect("the language cookie");
        assert!(lang.contains("Secure") && lang.contains("Path=/"), "{lang}");
        let with = format!("__Host-kk_lang=en; __Host-kk_session={session}");
        assert_eq!(get(app, "/customers", &with).await, 200);
        // The prefixed language cookie is read as the language.
        let res = bare()
            .get(app.url("/login"))
            .header("cookie", "__Host-kk_lang=en")
            .send()
            .await
            .unwrap();
        assert!(res.text().await.unwrap().contains("lang=\"en\""));
        // A plain-named one is not taken behind https (a sibling host may have planted it).
        let planted = format!("kk_session={session}");
        assert_eq!(get(app, "/customers", &planted).await, 303);
        // Logging out removes the prefixed one.
        let res = bare()
            .post(app.url("/logout"))
            .header("cookie", &with)
            .send()
            .await
            .unwrap();
        let cookies = set_cookies(&res);
        let removed = cookies
            .iter()
            .find(|c| c.starts_with("__Host-kk_session="))
            .unwrap_or_else(|| panic!("{cookies:?}"));
        assert!(
            removed.contains("Max-Age=0") && removed.contains("Path=/"),
            "{removed}"
        );
        assert_eq!(get(app, "/customers", &with).await, 303);

        // The two-factor challenge (Path=/login over http) is prefixed, with Path=/.
        let secret = two_factor::pending_secret(
            &app.db,
            &app.state.data_key,
            Holder::User(app.fx.consultant_oslo),
            true,
        )
        .await
        .unwrap();
        let code = two_factor::code_for_secret(&secret, kundekort::timefmt::now()).unwrap();
        two_factor::confirm(
            &app.db,
            &app.state.data_key,
            Holder::User(app.fx.consultant_oslo),
            &code,
        )
        .await
        .unwrap()
        .expect("enrolled");
        let res = bare()
            .post(app.url("/login"))
            .form(&[("email", "ola@test.no"), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        host_cookie(&set_cookies(&res), "kk_2fa");
    }
);

db_test!(over_http_the_cookies_keep_their_plain_names, |app| {
    let res = bare()
        .post(app.url("/login"))
        .form(&[("email", "ola@test.no"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    let cookies = set_cookies(&res);
    assert!(
        cookies.iter().any(|c| c.starts_with("kk_session=")),
        "{cookies:?}"
    );
    assert!(!cookies.iter().any(|c| c.starts_with("__Host-")));
});
