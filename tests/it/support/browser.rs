//! The WebDriver harness for browser tests: real headless Chromium (Debian's chromium +
//! chromium-driver) against a fresh app on SQLite. Without chromedriver a browser test is skipped
//! locally and fails in CI (`CI=true`). Set `KK_SCREENSHOTS=<folder>` to keep a screenshot of
//! each step ([`shot`]) and of a failure.

use std::{process::Stdio, time::Duration};

use fantoccini::{Client, ClientBuilder, Locator};

use super::{Backend, PASSWORD, TestApp, run_with};

struct Driver {
    process: tokio::process::Child,
    url: String,
}

async fn start_driver() -> Option<Driver> {
    let binary = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".to_string());
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let spawned = tokio::process::Command::new(&binary)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn();
    let process = match spawned {
        Ok(p) => p,
        Err(e) => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("chromedriver is required when CI=true: {e}");
            }
            eprintln!("chromedriver not found ({e}): skipping browser test");
            return None;
        }
    };
    // Wait (bounded) until the driver accepts connections.
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return Some(Driver {
                process,
                url: format!("http://127.0.0.1:{port}"),
            });
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not start on port {port}");
}

async fn browser(driver: &Driver) -> Client {
    kundekort::install_crypto_provider();
    let profile = tempfile::tempdir().unwrap().keep();
    let caps: serde_json::Map<String, serde_json::Value> = serde_json::from_value(serde_json::json!({
        "goog:chromeOptions": {
            "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string()),
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=nb-NO",
                     format!("--user-data-dir={}", profile.display())]
        }
    }))
    .unwrap();
    ClientBuilder::rustls()
        .unwrap()
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("WebDriver session")
}

/// Runs `body` with a logged-out browser against a fresh app (SQLite).
pub async fn with_browser(body: impl AsyncFnOnce(&TestApp, &Client)) {
    with_browser_using(|_| {}, body).await
}

/// Like [`with_browser`], with the app's configuration changed first.
pub async fn with_browser_using(
    configure: impl FnOnce(&mut kundekort::config::Config),
    body: impl AsyncFnOnce(&TestApp, &Client),
) {
    let Some(mut driver) = start_driver().await else {
        return;
    };
    run_with(Backend::Sqlite, configure, async |app: &TestApp| {
        let client = browser(&driver).await;
        let outcome =
            futures::FutureExt::catch_unwind(std::panic::AssertUnwindSafe(body(app, &client)))
                .await;
        if outcome.is_err() {
            shot(&client, "failure").await;
        }
        let _ = client.close().await;
        if let Err(p) = outcome {
            std::panic::resume_unwind(p);
        }
    })
    .await;
    let _ = driver.process.kill().await;
}

/// Runs `body` with a browser and no app of its own (for a server the test starts itself).
pub async fn with_bare_browser(body: impl AsyncFnOnce(&Client)) {
    let Some(mut driver) = start_driver().await else {
        return;
    };
    let client = browser(&driver).await;
    let outcome =
        futures::FutureExt::catch_unwind(std::panic::AssertUnwindSafe(body(&client))).await;
    if outcome.is_err() {
        shot(&client, "failure").await;
    }
    let _ = client.close().await;
    let _ = driver.process.kill().await;
    if let Err(p) = outcome {
        std::panic::resume_unwind(p);
    }
}

/// Saves a screenshot named `name` into `KK_SCREENSHOTS`, when set.
pub async fn shot(client: &Client, name: &str) {
    if let Ok(dir) = std::env::var("KK_SCREENSHOTS")
        && let Ok(png) = client.screenshot().await
    {
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(format!("{dir}/{name}.png"), png);
    }
}

/// Logs `email` in through the log-in page and waits for the customer list.
pub async fn login(app: &TestApp, c: &Client, email: &str) {
    c.goto(&app.url("/login")).await.unwrap();
    c.find(Locator::Css("#email"))
        .await
        .unwrap()
        .send_keys(email)
        .await
        .unwrap();
    c.find(Locator::Css("#password"))
        .await
        .unwrap()
        .send_keys(PASSWORD)
        .await
        .unwrap();
    c.find(Locator::Css("button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("#customer-table"))
        .await
        .unwrap();
}

/// Clicks the element matching `css`; panics if there is none.
pub async fn click(c: &Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|_| panic!("{css} is on the page"))
        .click()
        .await
        .unwrap();
}

/// The text of an element once the page has settled (retrying through navigations) and
/// `ok` accepts it.
pub async fn text_when(
    c: &Client,
    css: &str,
    attr: Option<&str>,
    ok: impl Fn(&str) -> bool,
) -> String {
    let mut last = String::new();
    for _ in 0..100 {
        if let Ok(el) = c.find(Locator::Css(css)).await {
            let got = match attr {
                Some(a) => el.prop(a).await.ok().flatten(),
                None => el.text().await.ok(),
            };
            if let Some(text) = got {
                if ok(&text) {
                    return text;
                }
                last = text;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css} never became right; last seen: {last}");
}

/// Clears the field `css` and types `text` into it.
pub async fn fill(c: &Client, css: &str, text: &str) {
    let el = c.find(Locator::Css(css)).await.unwrap();
    el.clear().await.unwrap();
    el.send_keys(text).await.unwrap();
}

/// Sets the date field `#f-<name>` (ISO date) as a picker would: value, then a change event
/// (typing into a date input depends on the browser's locale).
pub async fn set_date(c: &Client, name: &str, iso: &str) {
    let js = "const e = document.getElementById(arguments[0]); e.value = arguments[1]; \
              e.dispatchEvent(new Event('input', {bubbles: true})); \
              e.dispatchEvent(new Event('change', {bubbles: true}));";
    c.execute(js, vec![format!("f-{name}").into(), iso.into()])
        .await
        .unwrap();
}

/// Screenshots of the page at 1280 and at 390 px wide (`{name}-1280`, `{name}-390`), back at 1280.
pub async fn wide_and_narrow(c: &Client, name: &str) {
    c.set_window_size(1280, 900).await.unwrap();
    shot(c, &format!("{name}-1280")).await;
    c.set_window_size(390, 844).await.unwrap();
    shot(c, &format!("{name}-390")).await;
    c.set_window_size(1280, 900).await.unwrap();
}
