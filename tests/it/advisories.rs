//! Known vulnerabilities in the crates we build with (OWASP ASVS 5.0 V15.2.1): `Cargo.lock`
//! checked against the RustSec advisory database, offline, on every test run.
//!
//! The database is a snapshot kept in `tools/advisory-db/` (its `SNAPSHOT` file says which commit
//! and when; `tools/update-advisory-db` refreshes it from a clone). A newer advisory against a
//! crate in `Cargo.lock` makes this test fail the day the snapshot is refreshed; a dependency
//! change that pulls in a known-vulnerable version fails it at once.
//!
//! An advisory we have read and judged not to reach Kundekort is listed in [`ACCEPTED`] with the
//! reason; docs/security/maintenance.md says how long such a judgement may stand. An accepted
//! advisory that no longer matches anything fails the test too, so the list never grows stale.

use std::{collections::BTreeSet, path::Path};

use rustsec::{Database, Lockfile, Report, WarningKind, advisory::Informational, report::Settings};

/// Advisories read and judged: (id, crate, why it does not reach Kundekort or what is done about
/// it). Vulnerabilities and informational notices (unmaintained, unsound) alike.
const ACCEPTED: &[(&str, &str, &str)] = &[
    (
        "RUSTSEC-2026-0194",
        "quick-xml",
        "0.38 comes only through typst's `citationberg` (CSL citation styles). Kundekort's own XML \
         (EHF, camt.054) uses quick-xml 0.41, which is patched; typst parses no CSL in our World \
         (no bibliography in the invoice template, no user-supplied styles), so the quadratic \
         attribute check never sees untrusted XML. Goes with the typst update that moves \
         citationberg to quick-xml >= 0.41.",
    ),
    (
        "RUSTSEC-2026-0195",
        "quick-xml",
        "Same path as RUSTSEC-2026-0194: `NsReader` in citationberg, never fed untrusted XML here.",
    ),
    (
        "RUSTSEC-2025-0141",
        "bincode",
        "Unmaintained; through typst's syntax highlighter (syntect), which loads only its own \
         bundled syntax sets. No untrusted input is decoded with it.",
    ),
    (
        "RUSTSEC-2024-0436",
        "paste",
        "Unmaintained proc-macro (build time only), through typst's bibliography crates.",
    ),
    (
        "RUSTSEC-2026-0206",
        "rustybuzz",
        "Unmaintained; typst's text shaping, on the fonts shipped in the binary only.",
    ),
    (
        "RUSTSEC-2026-0192",
        "ttf-parser",
        "Unmaintained; typst's font parsing, on the fonts shipped in the binary only.",
    ),
    (
        "RUSTSEC-2024-0320",
        "yaml-rust",
        "Unmaintained; through syntect, which parses only its own bundled syntax definitions.",
    ),
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn no_known_vulnerability_in_cargo_lock_that_is_not_accepted() {
    let db = Database::open(&root().join("tools/advisory-db")).expect("the advisory snapshot");
    // A snapshot that lost its files would pass everything: it holds a thousand or more.
    let count = db.iter().count();
    assert!(count > 1000, "only {count} advisories in tools/advisory-db");
    let snapshot = std::fs::read_to_string(root().join("tools/advisory-db/SNAPSHOT"))
        .expect("tools/advisory-db/SNAPSHOT says which commit the snapshot is");
    println!("advisory snapshot: {}", snapshot.trim());

    let lockfile = Lockfile::load(root().join("Cargo.lock")).expect("Cargo.lock");
    let settings = Settings {
        informational_warnings: vec![
            Informational::Unmaintained,
            Informational::Unsound,
            Informational::Notice,
        ],
        ..Settings::default()
    };
    let report = Report::generate(&db, &lockfile, &settings);

    let mut found: Vec<(String, String, String)> = report
        .vulnerabilities
        .list
        .iter()
        .map(|v| {
            (
                v.advisory.id.to_string(),
                v.package.name.to_string(),
                format!(
                    "{} (vulnerability: {})",
                    v.package.version, v.advisory.title
                ),
            )
        })
        .collect();
    for (kind, warnings) in &report.warnings {
        for w in warnings {
            let Some(advisory) = &w.advisory else {
                continue;
            };
            let kind = match kind {
                WarningKind::Unmaintained => "unmaintained",
                WarningKind::Unsound => "unsound",
                WarningKind::Notice => "notice",
                _ => "other",
            };
            found.push((
                advisory.id.to_string(),
                w.package.name.to_string(),
                format!("{} ({kind}: {})", w.package.version, advisory.title),
            ));
        }
    }

    let accepted: BTreeSet<(&str, &str)> = ACCEPTED.iter().map(|(id, c, _)| (*id, *c)).collect();
    let new: Vec<String> = found
        .iter()
        .filter(|(id, name, _)| !accepted.contains(&(id.as_str(), name.as_str())))
        .map(|(id, name, what)| format!("{id} {name} {what}"))
        .collect();
    assert!(
        new.is_empty(),
        "advisories against Cargo.lock not yet judged (update the crate, or read the advisory \
         and add it to ACCEPTED with the reason, per docs/security/maintenance.md):\n{}",
        new.join("\n")
    );

    let matched: BTreeSet<(&str, &str)> = found
        .iter()
        .map(|(id, name, _)| (id.as_str(), name.as_str()))
        .collect();
    let stale: Vec<&(&str, &str)> = accepted.iter().filter(|a| !matched.contains(a)).collect();
    assert!(
        stale.is_empty(),
        "accepted advisories that no longer match Cargo.lock (remove them): {stale:?}"
    );
}

/// The check finds what it should: a lock file pinning a version with a known advisory is
/// reported. Without this, an empty or unreadable snapshot could pass the test above silently.
#[test]
fn the_check_reports_a_known_vulnerable_version() {
    let db = Database::open(&root().join("tools/advisory-db")).expect("the advisory snapshot");
    let dir = tempfile::tempdir().unwrap();
    let lock = dir.path().join("Cargo.lock");
    // tokio 1.8.0: RUSTSEC-2021-0072 (a task dropped in the wrong thread on abort).
    std::fs::write(
        &lock,
        "version = 3\n\n[[package]]\nname = \"tokio\"\nversion = \"1.8.0\"\n\
         source = \"registry+https://github.com/rust-lang/crates.io-index\"\n",
    )
    .unwrap();
    let lockfile = Lockfile::load(&lock).expect("a lock file");
    let ids: Vec<String> = db
        .vulnerabilities(&lockfile)
        .iter()
        .map(|v| v.advisory.id.to_string())
        .collect();
    assert!(ids.contains(&"RUSTSEC-2021-0072".to_string()), "{ids:?}");
}
