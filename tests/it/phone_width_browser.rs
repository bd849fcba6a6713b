//! Every page fits a phone: the demo (`kundekort serve --demo`, the real binary with its real
//! data) crawled in headless Chromium at 390 × 844 as the staff admin (who sees every staff page),
//! the portal contact and the worker, following every link on every page (one page per kind of address, a few
//! of each), and failing when any page is wider than the viewport — with the elements that stick
//! out named, so the message says what to fix.

use std::{
    collections::{BTreeMap, HashMap, VecDeque},
    net::TcpListener,
    process::Stdio,
    time::Duration,
};

use fantoccini::{Client, Locator};
use url::Url;

use crate::support::browser::{shot, with_bare_browser};

const DEMO_PASSWORD: &str = "kundekort-demo";
/// Pages of the same kind (same path with its ids masked, same tab) visited at most.
const PER_KIND: usize = 2;
/// Pages visited at most per person.
const MAX_PAGES: usize = 250;

/// The release of the demo server: killed when dropped.
struct Demo {
    _process: tokio::process::Child,
    base: Url,
    _dir: tempfile::TempDir,
}

async fn start_demo() -> Demo {
    let dir = tempfile::tempdir().unwrap();
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let process = tokio::process::Command::new(env!("CARGO_BIN_EXE_kundekort"))
        .args(["serve", "--demo"])
        .current_dir(dir.path())
        .env("KUNDEKORT_ADDR", format!("127.0.0.1:{port}"))
        .env("KUNDEKORT_DATA_DIR", dir.path().join("data"))
        .env_remove("KUNDEKORT_DATABASE_URL")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("the kundekort binary starts");
    let base = Url::parse(&format!("http://127.0.0.1:{port}/")).unwrap();
    let health = base.join("/healthz").unwrap();
    // Seeding the demo takes a while in a debug build.
    for _ in 0..600 {
        if reqwest::get(health.clone())
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return Demo {
                _process: process,
                base,
                _dir: dir,
            };
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("the demo server did not answer /healthz within two minutes");
}

async fn log_in(c: &Client, base: &Url, login_path: &str, email: &str) {
    c.goto(base.join(login_path).unwrap().as_str())
        .await
        .unwrap();
    c.find(Locator::Css("#email"))
        .await
        .unwrap()
        .send_keys(email)
        .await
        .unwrap();
    let password = c.find(Locator::Css("#password")).await.unwrap();
    password.send_keys(DEMO_PASSWORD).await.unwrap();
    password.send_keys("\u{E007}").await.unwrap(); // Enter
    for _ in 0..100 {
        let at = c.current_url().await.unwrap();
        if !at.path().ends_with("/login") {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{email} could not log in at {login_path}");
}

/// The kind of page an address is: its path with ids masked and its query's keys (with the
/// values of the keys that choose what the page shows, such as the card's tab).
fn kind(url: &Url) -> String {
    let path: Vec<String> = url
        .path_segments()
        .into_iter()
        .flatten()
        .map(|s| {
            if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '-') {
                ":id".to_string()
            } else {
                s.to_string()
            }
        })
        .collect();
    let mut query: Vec<String> = url
        .query_pairs()
        .map(|(k, v)| match &*k {
            "tab" | "view" | "kind" | "scope" | "status" | "show" => format!("{k}={v}"),
            _ => k.into_owned(),
        })
        .collect();
    query.sort();
    format!("/{}?{}", path.join("/"), query.join("&"))
}

/// Addresses a crawl must not follow: other sites, files and downloads, machine endpoints.
fn skipped(url: &Url, base: &Url) -> bool {
    if url.origin() != base.origin() {
        return true;
    }
    let p = url.path();
    const PREFIXES: [&str; 6] = [
        "/api",
        "/static",
        "/files",
        "/jobs/feed",
        "/diary/feed",
        "/metrics",
    ];
    const PARTS: [&str; 8] = [
        "/download",
        "/export",
        "/file",
        "/pdf",
        "/ehf",
        "/print.",
        "/feed",
        "/logout",
    ];
    const ENDINGS: [&str; 11] = [
        ".pdf", ".csv", ".ics", ".xml", ".zip", ".json", ".png", ".jpg", ".svg", ".atom", ".txt",
    ];
    PREFIXES.iter().any(|x| p.starts_with(x))
        || PARTS.iter().any(|x| p.contains(x))
        || ENDINGS.iter().any(|x| p.ends_with(x))
}

/// How far the page sticks out to the right of the viewport, and the outermost elements that do.
const MEASURE: &str = r#"
const w = window.innerWidth;
const over = document.documentElement.scrollWidth - w;
const culprits = [];
if (over > 0) {
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.right <= w + 1) continue;
    // Positioned out of its scroll box's flow, it widens the page wherever it sits.
    const loose = ['absolute', 'fixed'].includes(getComputedStyle(e).position);
    let p = e.parentElement, inside = false;
    while (!loose && p && p !== document.body) {
      if (getComputedStyle(p).overflowX !== 'visible') { inside = true; break; }
      const pr = p.getBoundingClientRect();
      if (pr.right > w + 1) { inside = true; break; }
      p = p.parentElement;
    }
    if (inside) continue;
    const cls = typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : '';
    culprits.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + cls + ' (right edge ' + Math.round(r.right) + ' px)');
    if (culprits.length >= 4) break;
  }
}
return [over, culprits.join('; ')];
"#;

const LINKS: &str = "return Array.from(document.querySelectorAll('a[href]'))\
    .filter(a => !a.hasAttribute('download') && !a.href.startsWith('mailto:') && !a.href.startsWith('tel:'))\
    .map(a => a.href)";

/// Crawls from `start` as whoever is logged in: the pages that are wider than the viewport,
/// with what sticks out, and the number of pages seen.
async fn crawl(c: &Client, base: &Url, start: &[&str], who: &str) -> (Vec<String>, usize) {
    let mut queue: VecDeque<Url> = start.iter().map(|p| base.join(p).unwrap()).collect();
    let mut seen_kinds: HashMap<String, usize> = HashMap::new();
    let mut seen: std::collections::HashSet<String> = Default::default();
    let mut wide = Vec::new();
    let mut visited = 0;
    while let Some(mut url) = queue.pop_front() {
        url.set_fragment(None);
        if visited >= MAX_PAGES || skipped(&url, base) || !seen.insert(url.to_string()) {
            continue;
        }
        let k = kind(&url);
        let n = seen_kinds.entry(k).or_default();
        if *n >= PER_KIND {
            continue;
        }
        *n += 1;
        c.goto(url.as_str()).await.unwrap();
        visited += 1;
        // A link may have been a log-out of sorts or led elsewhere: only measure our own pages.
        let at = c.current_url().await.unwrap();
        if at.origin() != base.origin() {
            continue;
        }
        let measured = c.execute(MEASURE, vec![]).await.unwrap();
        let over = measured[0].as_i64().unwrap_or(0);
        if over > 0 {
            let name = format!("wide-{who}-{}", wide.len());
            shot(c, &name).await;
            wide.push(format!(
                "{who}: {} is {over} px wider than the phone: {}",
                at.as_str()
                    .trim_start_matches(base.as_str().trim_end_matches('/')),
                measured[1].as_str().unwrap_or("")
            ));
        }
        let links: Vec<String> =
            serde_json::from_value(c.execute(LINKS, vec![]).await.unwrap()).unwrap_or_default();
        for link in links {
            if let Ok(u) = Url::parse(&link) {
                queue.push_back(u);
            }
        }
    }
    (wide, visited)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_fits_a_phone() {
    with_bare_browser(async |c: &Client| {
        let demo = start_demo().await;
        let base = demo.base.clone();
        c.set_window_size(390, 844).await.unwrap();
        let width: i64 = c
            .execute("return window.innerWidth", vec![])
            .await
            .unwrap()
            .as_i64()
            .unwrap();
        assert!(width <= 390, "the window is a phone's: {width} px");
        // Who logs in where, where the crawl starts, and how many pages they have at least (so a
        // crawl that never got past the log-in fails).
        let people: [(&str, &str, &str, &[&str], usize); 3] = [
            (
                "admin",
                "/login",
                "admin@demo.kundekort.no",
                &["/customers", "/admin"],
                60,
            ),
            (
                "portal",
                "/portal/login",
                "kunde@demo.kundekort.no",
                &["/portal"],
                5,
            ),
            (
                "worker",
                "/worker/login",
                "vikar@demo.kundekort.no",
                &["/worker"],
                3,
            ),
        ];
        let mut report = BTreeMap::new();
        let mut wide = Vec::new();
        for (who, login, email, start, least) in people {
            c.delete_all_cookies().await.unwrap();
            log_in(c, &base, login, email).await;
            let (w, visited) = crawl(c, &base, start, who).await;
            report.insert(who, (visited, least));
            wide.extend(w);
        }
        eprintln!("pages checked at 390 px: {report:?}");
        assert!(
            wide.is_empty(),
            "{} pages are wider than a phone:\n{}",
            wide.len(),
            wide.join("\n")
        );
        for (who, (visited, least)) in &report {
            assert!(
                visited >= least,
                "{who} saw only {visited} pages: the crawl did not get in"
            );
        }
        drop(demo);
    })
    .await;
}
