//! Access, proven for every route (issue 18). The list of routes comes from the router itself
//! (`app::router`, read through its `Debug` form: every path template and the methods each
//! answers), and every (method, route) is tried by every kind of actor against one seeded world.
//! The expected class of answer for each pair is written down in [`TABLE`]; a route the router
//! has and the table lacks fails the test (a new route needs an access decision), and so does a
//! row for a route that is gone. Afterwards the metrics layer's counts (by matched route
//! template) must show every request matched the route it was meant for, and none fell through to
//! the fallback — so the list is the router's, not a guess.
//!
//! Requests that change things are sent with an empty form (`{}` to the API): access must be
//! refused before anything is validated, so an allowed actor gets 2xx/3xx/4xx-about-input and a
//! refused one 401/403/404 (or the log-in page) without anything being changed. Routes that
//! consume their target (end a session, revoke a token) get a fresh target per actor; the ones
//! that end the actor's own session run last.

mod table;
mod world;

use std::collections::{BTreeMap, BTreeSet};

use kundekort::config::Secret;
use reqwest::header::{CONTENT_TYPE, LOCATION};

use crate::db_test;
use crate::support::TestApp;
use table::{ACTORS, TABLE};
use world::World;

db_test!(
    every_route_has_an_access_decision_and_keeps_it,
    config = |c| {
        c.metrics_token = Some(Secret::new("matrix-metrics-token"));
        c.api_rate_per_token = 0;
        c.api_rate_per_address = 0;
    },
    |app| {
        let world = World::seed(app).await;
        let routes = router_routes(app);
        assert!(
            routes.len() > 200,
            "read only {} routes from the router's Debug form: has axum changed it?",
            routes.len()
        );
        let table: BTreeMap<(&str, &str), String> = TABLE
            .iter()
            .map(|(m, p, o)| ((*m, *p), o.replace(' ', "")))
            .collect();
        assert_eq!(table.len(), TABLE.len(), "a route is in the table twice");
        let mut errors = Vec::new();
        for ((m, p), o) in &table {
            if o.len() != ACTORS.len() {
                errors.push(format!(
                    "{m} {p}: {} letters for {} actors",
                    o.len(),
                    ACTORS.len()
                ));
            }
        }
        for (m, p) in table.keys() {
            if !routes.contains(&(m.to_string(), p.to_string())) {
                errors.push(format!(
                    "{m} {p}: in the table but not in the router (remove the row)"
                ));
            }
        }

        let unmatched = |c: &BTreeMap<(String, String), i64>| -> i64 {
            c.iter()
                .filter(|((_, r), _)| r == kundekort::ops::metrics::UNMATCHED)
                .map(|(_, n)| n)
                .sum()
        };
        let mut ordered: Vec<&(String, String)> = routes.iter().collect();
        ordered.sort_by_key(|(m, p)| (phase(m, p), m.clone(), p.clone()));
        let mut pairs = 0;
        let mut observed_rows = Vec::new();
        for (method, template) in ordered {
            // The paths first (a fresh record may take requests of its own), then the requests,
            // counted by the metrics layer: each must have matched this route.
            let mut paths = Vec::new();
            for i in 0..world.actors.len() {
                paths.push(world.path_for(app, method, template, i).await);
            }
            let before = matched_counts(app).await;
            let mut observed = String::new();
            let mut details = Vec::new();
            for (i, (actor, path)) in world.actors.iter().zip(&paths).enumerate() {
                let res = request(actor, app, method, path).await;
                pairs += 1;
                let status = res.status().as_u16();
                let location = res
                    .headers()
                    .get(LOCATION)
                    .and_then(|l| l.to_str().ok())
                    .unwrap_or("")
                    .to_string();
                let class = classify(status, &location);
                if class == '?' {
                    let body = res.text().await.unwrap_or_default();
                    errors.push(format!(
                        "{method} {path} as {}: {status} {}",
                        ACTORS[i],
                        body.chars().take(300).collect::<String>()
                    ));
                }
                observed.push(class);
                details.push(format!(
                    "{status}{}",
                    if location.is_empty() {
                        String::new()
                    } else {
                        format!("→{location}")
                    }
                ));
            }
            let after = matched_counts(app).await;
            let key = (method.clone(), template.clone());
            let matched =
                after.get(&key).copied().unwrap_or(0) - before.get(&key).copied().unwrap_or(0);
            if matched != paths.len() as i64 || unmatched(&after) != unmatched(&before) {
                errors.push(format!(
                    "{method} {template}: sent {} requests, the router matched {matched} to it \
                     ({} to no route)",
                    paths.len(),
                    unmatched(&after) - unmatched(&before)
                ));
            }
            observed_rows.push(format!(
                "    ({method:?}, {template:?}, {observed:?}), // {}",
                details.join(" ")
            ));
            match table.get(&(method.as_str(), template.as_str())) {
                None => errors.push(format!(
                    "{method} {template}: no access decision in TABLE (observed {observed})"
                )),
                Some(expected) if *expected != observed => {
                    let who: Vec<String> = expected
                        .chars()
                        .zip(observed.chars())
                        .enumerate()
                        .filter(|(_, (e, o))| e != o)
                        .map(|(i, (e, o))| {
                            format!("{}: expected {e}, got {o} ({})", ACTORS[i], details[i])
                        })
                        .collect();
                    errors.push(format!("{method} {template}: {}", who.join("; ")));
                }
                Some(_) => {}
            }
        }

        eprintln!(
            "access matrix: {} routes × {} actors = {pairs} pairs tried",
            routes.len(),
            ACTORS.len()
        );
        if !errors.is_empty() {
            eprintln!("observed:\n{}", observed_rows.join("\n"));
        }
        assert!(
            errors.is_empty(),
            "{} problems:\n{}",
            errors.len(),
            errors.join("\n")
        );
    }
);

/// `A`, `I`, `L`, `U`, `F`, `N` (see [`TABLE`]); `?` for anything else (a server error, 405).
fn classify(status: u16, location: &str) -> char {
    match status {
        300..=399 => {
            let to = location.split('?').next().unwrap_or("");
            if matches!(to, "/login" | "/portal/login" | "/worker/login") {
                'L'
            } else {
                'A'
            }
        }
        200..=299 => 'A',
        400 | 409 | 413 | 422 | 429 | 503 => 'I',
        401 => 'U',
        403 => 'F',
        404 => 'N',
        _ => '?',
    }
}

/// The order routes are tried in: reads, then changes, then what ends someone else's sessions
/// (the worker's), then "end my other sessions", and last the log-outs.
fn phase(method: &str, path: &str) -> u8 {
    if path.ends_with("/logout") || path.ends_with("/logout-everywhere") {
        4
    } else if path == "/settings/sessions/end-others" {
        3
    } else if path == "/workers/{id}/login/end" || path == "/workers/{id}/login/two-factor/reset" {
        2
    } else if method == "GET" {
        0
    } else {
        1
    }
}

async fn request(
    actor: &reqwest::Client,
    app: &TestApp,
    method: &str,
    path: &str,
) -> reqwest::Response {
    let url = app.url(path);
    let req = match method {
        "GET" => actor.get(url),
        "POST" => actor.post(url),
        "PUT" => actor.put(url),
        "PATCH" => actor.patch(url),
        "DELETE" => actor.delete(url),
        other => panic!("no request for method {other}"),
    };
    let req = if method == "GET" {
        req
    } else if path.starts_with("/api/") {
        req.header(CONTENT_TYPE, "application/json").body("{}")
    } else {
        req.header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body("")
    };
    req.send().await.unwrap()
}

/// Every (method, path template) in the app's router, read from its `Debug` form: the path
/// router's route table (route id → method router) and its node (route id → path).
fn router_routes(app: &TestApp) -> BTreeSet<(String, String)> {
    let debug = format!("{:?}", kundekort::app::router(app.state.clone()));
    let start = debug
        .find("path_router: PathRouter { routes: {")
        .expect("the router's Debug form names its path router");
    let end = start
        + debug[start..]
            .find("fallback_router:")
            .expect("the router's Debug form names its fallback router");
    let section = &debug[start..end];
    let node = section
        .find("node: Node { paths: {")
        .expect("the path router's Debug form names its node's paths");
    let (endpoints, paths) = section.split_at(node);
    let mut methods: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for chunk in endpoints.split("RouteId(").skip(1) {
        let (id, rest) = chunk.split_once("): ").expect("RouteId(n): endpoint");
        let fields = rest
            .strip_prefix("MethodRouter(MethodRouter { ")
            .unwrap_or_else(|| {
                panic!("route {id} is not a method router (a service?): {rest:.200}")
            });
        let fields = format!(", {fields}");
        let set = |m: &str| -> bool {
            let key = format!(", {m}: ");
            let at = fields
                .find(&key)
                .unwrap_or_else(|| panic!("no `{m}` in route {id}'s method router"));
            !fields[at + key.len()..].starts_with("None")
        };
        for m in ["options", "trace", "connect"] {
            assert!(
                !set(m),
                "route {id} answers {m}: teach this test that method"
            );
        }
        let ms: Vec<&str> = [
            ("get", "GET"),
            ("post", "POST"),
            ("put", "PUT"),
            ("patch", "PATCH"),
            ("delete", "DELETE"),
        ]
        .into_iter()
        .filter(|(f, _)| set(f))
        .map(|(_, m)| m)
        .collect();
        assert!(!ms.is_empty(), "route {id} answers no method");
        methods.insert(id.to_string(), ms);
    }
    let mut routes = BTreeSet::new();
    let mut seen = 0;
    for chunk in paths.split("RouteId(").skip(1) {
        let (id, rest) = chunk.split_once("): \"").expect("RouteId(n): \"path\"");
        let path = &rest[..rest.find('"').expect("a quoted path")];
        let ms = methods
            .get(id)
            .unwrap_or_else(|| panic!("path {path} has no endpoint"));
        seen += 1;
        for m in ms {
            routes.insert((m.to_string(), path.to_string()));
        }
    }
    assert_eq!(seen, methods.len(), "as many paths as endpoints");
    routes
}

/// Requests counted by the metrics layer, by (method, matched route template).
async fn matched_counts(app: &TestApp) -> BTreeMap<(String, String), i64> {
    let text = app.state.metrics.scrape(&app.db).await.unwrap();
    let mut counts = BTreeMap::new();
    for l in text.lines() {
        let Some(labels) = l.strip_prefix("kundekort_http_requests_total{") else {
            continue;
        };
        let (labels, value) = labels.rsplit_once("} ").unwrap();
        let label = |name: &str| -> String {
            let key = format!("{name}=\"");
            let at = labels.find(&key).unwrap() + key.len();
            labels[at..at + labels[at..].find('"').unwrap()].to_string()
        };
        *counts.entry((label("method"), label("route"))).or_insert(0) +=
            value.parse::<i64>().unwrap();
    }
    counts
}

db_test!(an_outsiders_form_is_refused_before_it_is_read, |app| {
    let world = World::seed(app).await;
    let customer = world.id("customer");
    let contact = world.id("contact");
    let active = format!("/customers/{customer}/contacts/{contact}/active");
    let [_, _, berit, lise, ..] = &world.actors[..] else {
        unreachable!()
    };
    // The form lacks its one field: those who see the customer are told so, the consultant of
    // another department only that there is no such customer.
    assert_eq!(request(lise, app, "POST", &active).await.status(), 422);
    assert_eq!(request(berit, app, "POST", &active).await.status(), 404);
    // The same through the API, and an admin form.
    let comments = format!("/api/v1/customers/{customer}/comments");
    assert_eq!(request(lise, app, "POST", &comments).await.status(), 422);
    assert_eq!(request(berit, app, "POST", &comments).await.status(), 404);
    let categories = "/admin/document-categories";
    assert_eq!(request(lise, app, "POST", categories).await.status(), 403);
    assert_eq!(
        request(&world.actors[4], app, "POST", categories)
            .await
            .status(),
        422
    );
});
