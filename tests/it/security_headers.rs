//! The browser-facing security headers (decision 0025): a Content-Security-Policy without inline
//! scripts, a Permissions-Policy and the old framing/sniffing/referrer headers on every kind of
//! response, HSTS only behind an https public URL — and no template that would need an inline
//! script.

use std::path::Path;

use kundekort::web::security_headers::{
    CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY, STRICT_TRANSPORT_SECURITY,
    STRICT_TRANSPORT_SECURITY_HOST_ONLY,
};

use crate::{
    db_test,
    support::{
        TestApp,
        fixtures::{accept, customer_with_contacts, invite},
    },
};

fn header(res: &reqwest::Response, name: &str) -> Option<String> {
    res.headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_string())
}

/// Responses of each kind: a staff page, a portal page, public pages (log-in, a worker's
/// log-in, an approval link that does not exist), a static file and an API JSON response.
async fn responses(app: &TestApp) -> Vec<(String, reqwest::Response)> {
    let (oslo, _, ase, _) = customer_with_contacts(app).await;
    let ola = app.login("ola@test.no").await;
    let link = invite(&ola, app, oslo, ase, &["view_documents"]).await;
    let portal = accept(app, &link).await;
    let anonymous = reqwest::Client::new();
    let mut out = Vec::new();
    for (client, path, status) in [
        (&ola, format!("/customers/{oslo}"), 200),
        (&ola, "/customers".to_string(), 200),
        (&portal, "/portal".to_string(), 200),
        (&anonymous, "/login".to_string(), 200),
        (&anonymous, "/worker/login".to_string(), 200),
        (&anonymous, "/approve/no-such-token".to_string(), 404),
        (&anonymous, "/static/kk.js".to_string(), 200),
        (&ola, "/api/v1/customers".to_string(), 200),
    ] {
        let res = client.get(app.url(&path)).send().await.unwrap();
        assert_eq!(res.status(), status, "{path}");
        out.push((path, res));
    }
    out
}

db_test!(
    every_kind_of_response_carries_the_headers_and_no_hsts_over_http,
    |app| {
        for (path, res) in responses(app).await {
            let csp = header(&res, "content-security-policy").unwrap_or_default();
            assert_eq!(csp, CONTENT_SECURITY_POLICY, "{path}");
            assert!(csp.contains("script-src 'self';"), "{path}: {csp}");
            assert!(!csp.contains("unsafe-eval"), "{path}: {csp}");
            let script_src = csp.split(';').find(|d| d.contains("script-src")).unwrap();
            assert!(!script_src.contains("unsafe-inline"), "{path}: {csp}");
            for directive in [
                "frame-ancestors 'none'",
                "form-action 'self'",
                "base-uri 'none'",
                "object-src 'none'",
                "default-src 'self'",
                "img-src 'self' data:",
            ] {
                assert!(
                    csp.contains(directive),
                    "{path}: {directive} missing in {csp}"
                );
            }
            let pp = header(&res, "permissions-policy").unwrap_or_default();
            assert_eq!(pp, PERMISSIONS_POLICY, "{path}");
            for feature in ["camera=()", "microphone=()", "geolocation=()", "payment=()"] {
                assert!(pp.contains(feature), "{path}: {pp}");
            }
            assert_eq!(
                header(&res, "x-frame-options").as_deref(),
                Some("DENY"),
                "{path}"
            );
            assert_eq!(
                header(&res, "x-content-type-options").as_deref(),
                Some("nosniff"),
                "{path}"
            );
            assert_eq!(
                header(&res, "referrer-policy").as_deref(),
                Some("same-origin"),
                "{path}"
            );
            // The public URL is http://127.0.0.1:…: no HSTS.
            assert_eq!(header(&res, "strict-transport-security"), None, "{path}");
        }
    }
);

db_test!(
    hsts_when_the_public_url_is_https,
    config = |c: &mut kundekort::config::Config| {
        c.public_url = url::Url::parse("https://kundekort.example.no").unwrap();
    },
    |app| {
        // The session cookies are Secure behind https and the test client speaks http, so
        // this asks as nobody: a public page, a refused page and API call, a static file.
        let anonymous = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        for (path, status) in [
            ("/login", 200),
            ("/worker/login", 200),
            ("/approve/no-such-token", 404),
            ("/customers", 303),
            ("/api/v1/customers", 401),
            ("/static/kk.js", 200),
        ] {
            let res = anonymous.get(app.url(path)).send().await.unwrap();
            assert_eq!(res.status(), status, "{path}");
            assert_eq!(
                header(&res, "strict-transport-security").as_deref(),
                Some(STRICT_TRANSPORT_SECURITY),
                "{path}"
            );
            assert_eq!(
                header(&res, "content-security-policy").as_deref(),
                Some(CONTENT_SECURITY_POLICY),
                "{path}"
            );
        }
    }
);

db_test!(
    hsts_covers_subdomains_unless_turned_off,
    config = |c: &mut kundekort::config::Config| {
        c.public_url = url::Url::parse("https://byraa.example.no").unwrap();
        c.hsts_include_subdomains = false;
    },
    |app| {
        // The default (above) is `includeSubDomains`, as ASVS V3.4.1 asks at level 2.
        assert_eq!(
            STRICT_TRANSPORT_SECURITY,
            "max-age=63072000; includeSubDomains"
        );
        assert!(kundekort::config::Config::with_data_dir("data".into()).hsts_include_subdomains);
        // Turned off for a host whose subdomains are not all on https.
        let res = reqwest::get(app.url("/login")).await.unwrap();
        assert_eq!(
            header(&res, "strict-transport-security").as_deref(),
            Some(STRICT_TRANSPORT_SECURITY_HOST_ONLY)
        );
        assert_eq!(STRICT_TRANSPORT_SECURITY_HOST_ONLY, "max-age=63072000");
    }
);

/// Every template under templates/: no `<script>` with content (only `<script src=…>`), no
/// `on…=` event handler attribute, no `hx-on`, htmx event filter or `hx-vars` (htmx evaluates
/// them with eval, which the policy forbids), no `javascript:` URL.
#[test]
fn no_template_needs_an_inline_script() {
    let mut problems = Vec::new();
    let mut files = Vec::new();
    collect(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("templates"),
        &mut files,
    );
    assert!(files.len() > 20, "templates not found: {}", files.len());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let name = file.display();
        let lower = text.to_lowercase();
        let mut rest = lower.as_str();
        while let Some(at) = rest.find("<script") {
            let tag_end = rest[at..]
                .find('>')
                .map(|e| at + e)
                .unwrap_or(rest.len() - 1);
            let tag = &rest[at..=tag_end];
            let close = rest[tag_end..].find("</script>").map(|c| tag_end + c);
            let content = close.map(|c| rest[tag_end + 1..c].trim()).unwrap_or("");
            if !tag.contains(" src=") || !content.is_empty() {
                problems.push(format!("{name}: inline script {tag}"));
            }
            rest = &rest[tag_end + 1..];
        }
        for (i, line) in lower.lines().enumerate() {
            let bytes = line.as_bytes();
            for (at, _) in line.match_indices("on") {
                let before = if at == 0 { b' ' } else { bytes[at - 1] };
                if !(before.is_ascii_whitespace() || before == b'-') {
                    continue;
                }
                let name_end = line[at + 2..]
                    .find(|ch: char| !(ch.is_ascii_lowercase() || ch == ':' || ch == '-'))
                    .map(|e| at + 2 + e)
                    .unwrap_or(line.len());
                let attr = &line[at..name_end];
                let after = line[name_end..].trim_start();
                let is_handler = (before != b'-' && attr.len() > 2) || line[..at].ends_with("hx-");
                if is_handler && after.starts_with('=') {
                    problems.push(format!("{name}:{}: event handler attribute {attr}", i + 1));
                }
            }
            // htmx evaluates event filters (`keyup[…]`), `hx-vars` and `js:` values with eval.
            if let Some(at) = line.find("hx-trigger=\"") {
                let value = line[at + 12..].split('"').next().unwrap_or("");
                if value.contains('[') {
                    problems.push(format!("{name}:{}: htmx event filter {value}", i + 1));
                }
            }
            if line.contains("hx-vars") || line.contains("hx-vals=\"js:") {
                problems.push(format!("{name}:{}: htmx value evaluated as script", i + 1));
            }
            if line.contains("javascript:") {
                problems.push(format!("{name}:{}: javascript: URL", i + 1));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
}
