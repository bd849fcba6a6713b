//! The files that run Kundekort for real (issue 18, "Operations"): `deploy/Containerfile` and
//! `deploy/kundekort.service`, and the commands in the README's "Running for real" (the image is
//! built and run in `container.rs`):
//!
//! - the systemd unit passes `systemd-analyze verify` without a warning and `systemd-analyze
//!   security` rates its exposure low (a missing `systemd-analyze` fails under `CI=true`);
//! - every command line in both files and in the README section calls a subcommand the binary
//!   has, with flags its `--help` lists, and every setting they name is one Kundekort reads
//!   (listed in `kundekort.env.example` and read in `src/`);
//! - the image's HEALTHCHECK command (`kundekort health`) says 0 for a running server and 1 for
//!   none, on both databases.

use std::path::Path;

use crate::{
    db_test,
    support::{
        Backend, TestApp,
        app::TEST_DATA_KEY,
        run_with,
        server_process::{Server, client, free_port, run_command},
    },
};

fn repo_file(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `systemd-analyze`, or `None` (locally) when it is not installed.
fn systemd_analyze() -> Option<&'static str> {
    match std::process::Command::new("systemd-analyze")
        .arg("--version")
        .output()
    {
        Ok(out) if out.status.success() => Some("systemd-analyze"),
        other => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("systemd-analyze is required when CI=true (apt package systemd): {other:?}");
            }
            eprintln!("systemd-analyze not found: skipping the unit check");
            None
        }
    }
}

/// `key=value` lines of a unit file (comments and section headers left out).
fn unit_entries(unit: &str) -> Vec<(String, String)> {
    unit.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with(['#', ';', '[']))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

#[test]
fn the_systemd_unit_is_valid_and_hardened() {
    let unit = repo_file("deploy/kundekort.service");
    let entries = unit_entries(&unit);
    let has = |key: &str, value: &str| entries.iter().any(|(k, v)| k == key && v == value);
    let has_key = |key: &str| entries.iter().any(|(k, _)| k == key);
    assert!(has("DynamicUser", "yes") || has_key("User"), "not root");
    assert!(has("ProtectSystem", "strict"));
    assert!(has("NoNewPrivileges", "yes"));
    assert!(has("Restart", "on-failure"));
    assert!(has_key("StateDirectory") && has_key("EnvironmentFile"));
    let Some(analyze) = systemd_analyze() else {
        return;
    };
    // The unit as installed, but with the binary where this build put it (verify checks that
    // the executable exists).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kundekort.service");
    std::fs::write(
        &path,
        unit.replace("/usr/local/bin/kundekort", env!("CARGO_BIN_EXE_kundekort")),
    )
    .unwrap();
    let out = std::process::Command::new(analyze)
        .arg("verify")
        .arg(&path)
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "systemd-analyze verify: {said}");
    assert_eq!(
        said.trim(),
        "",
        "no warning either (an unknown key is only a warning)"
    );
    // Exposure 0 (locked down) … 10 (exposed), ×10 for --threshold: at most 2.0 ("OK").
    let out = std::process::Command::new(analyze)
        .args(["security", "--offline=yes", "--threshold=20", "--no-pager"])
        .arg(&path)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "exposure above 2.0: {said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("Overall exposure level"), "{said}");
}

/// The container file's instructions, continuation lines joined.
fn instructions(file: &str) -> Vec<(String, String)> {
    let mut joined = Vec::new();
    let mut current = String::new();
    for line in file.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line.strip_suffix('\\') {
            Some(head) => {
                current.push_str(head);
                current.push(' ');
            }
            None => {
                current.push_str(line);
                joined.push(std::mem::take(&mut current));
            }
        }
    }
    joined
        .into_iter()
        .map(|l| match l.split_once(char::is_whitespace) {
            Some((op, rest)) => (op.to_uppercase(), rest.trim().to_string()),
            None => (l.to_uppercase(), String::new()),
        })
        .collect()
}

fn exec_form(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("not exec form ({e}): {json}"))
}

/// Every command line that runs the binary: its arguments after the program.
fn commands() -> Vec<(String, Vec<String>)> {
    let mut found = Vec::new();
    let is_binary = |p: &str| p == "kundekort" || p.ends_with("/kundekort");
    for (key, value) in unit_entries(&repo_file("deploy/kundekort.service")) {
        if key.starts_with("Exec") {
            let mut words = value
                .trim_start_matches(['-', '@', '+', '!', ':'])
                .split_whitespace();
            let program = words.next().unwrap_or_default();
            assert!(is_binary(program), "{key} runs {program}");
            found.push((format!("unit {key}"), words.map(str::to_string).collect()));
        }
    }
    let container = instructions(&repo_file("deploy/Containerfile"));
    let entrypoint = container
        .iter()
        .find(|(op, _)| op == "ENTRYPOINT")
        .map(|(_, v)| exec_form(v))
        .expect("an ENTRYPOINT");
    assert!(is_binary(&entrypoint[0]), "{entrypoint:?}");
    for (op, value) in &container {
        match op.as_str() {
            "CMD" => found.push((
                "Containerfile CMD".into(),
                entrypoint[1..]
                    .iter()
                    .cloned()
                    .chain(exec_form(value))
                    .collect(),
            )),
            "HEALTHCHECK" => {
                let cmd = &value[value.find("CMD").expect("HEALTHCHECK CMD") + 3..];
                let words = exec_form(cmd.trim());
                assert!(is_binary(&words[0]), "{words:?}");
                found.push(("Containerfile HEALTHCHECK".into(), words[1..].to_vec()));
            }
            _ => {}
        }
    }
    for (n, line) in running_for_real().lines().enumerate() {
        let words: Vec<&str> = line.split_whitespace().collect();
        for (i, w) in words.iter().enumerate() {
            if is_binary(w)
                && words
                    .get(i + 1)
                    .is_some_and(|n| n.starts_with(char::is_lowercase))
            {
                let args = words[i + 1..]
                    .iter()
                    .take_while(|w| !["|", "&&", ";", "\\", "#"].contains(w))
                    .map(|w| w.to_string())
                    .collect();
                found.push((format!("README line {n}: {line}"), args));
            }
        }
    }
    found
}

/// The README's "Running for real" section, up to the next section of the same level.
fn running_for_real() -> String {
    let readme = repo_file("README.md");
    let start = readme.find("## Running for real").expect("the section");
    let rest = &readme[start + 3..];
    rest[..rest.find("\n## ").unwrap_or(rest.len())].to_string()
}

/// Setting names (`NAME=`) in the deploy files and the README section.
fn settings() -> Vec<(String, String)> {
    let mut names = Vec::new();
    let mut take = |place: &str, text: &str| {
        for word in text.split(|c: char| c.is_whitespace() || c == '"' || c == '\'') {
            if let Some((name, _)) = word.split_once('=')
                && name.len() > 3
                && name
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
                && name.starts_with(|c: char| c.is_ascii_uppercase())
            {
                names.push((place.to_string(), name.to_string()));
            }
        }
    };
    for (key, value) in unit_entries(&repo_file("deploy/kundekort.service")) {
        if key == "Environment" {
            take("unit", &value);
        }
    }
    for (op, value) in instructions(&repo_file("deploy/Containerfile")) {
        if op == "ENV" {
            take("Containerfile", &value);
        }
    }
    take("README", &running_for_real());
    names
}

#[tokio::test]
async fn deploy_files_call_real_commands_and_name_real_settings() {
    let (code, top) = run_command(&["--help"], &[]).await;
    assert_eq!(code, 0, "{top}");
    let commands = commands();
    for sub in ["serve", "health"] {
        assert!(
            commands
                .iter()
                .any(|(_, args)| args.first().map(String::as_str) == Some(sub)),
            "no command line runs {sub}: {commands:?}"
        );
    }
    for (place, args) in &commands {
        let sub = args.first().expect("a subcommand");
        assert!(
            top.lines()
                .any(|l| l.trim_start().starts_with(&format!("{sub} "))),
            "{place}: `{sub}` is not a subcommand:\n{top}"
        );
        let (code, help) = run_command(&[sub.as_str(), "--help"], &[]).await;
        assert_eq!(code, 0, "{place}: {help}");
        for flag in args.iter().filter(|a| a.starts_with("--")) {
            let flag = flag.split('=').next().unwrap();
            assert!(help.contains(flag), "{place}: {sub} has no {flag}:\n{help}");
        }
    }

    let example = repo_file("kundekort.env.example");
    let mut sources = String::new();
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                sources.push_str(&std::fs::read_to_string(path).unwrap());
            }
        }
    }
    let settings = settings();
    assert!(
        settings.iter().any(|(_, n)| n == "DATABASE_URL")
            && settings.iter().any(|(_, n)| n == "KUNDEKORT_S3_BUCKET"),
        "the README shows PostgreSQL and S3: {settings:?}"
    );
    for (place, name) in settings {
        assert!(
            example.lines().any(|l| l
                .trim_start_matches(['#', ' '])
                .starts_with(&format!("{name}="))),
            "{place}: {name} is not in kundekort.env.example"
        );
        assert!(
            name == "RUST_LOG" || sources.contains(&format!("\"{name}\"")),
            "{place}: {name} is read nowhere in src/"
        );
    }

    let container = instructions(&repo_file("deploy/Containerfile"));
    // The base images are build arguments with defaults (tests/it/container.rs swaps them).
    let args: std::collections::HashMap<&str, &str> = container
        .iter()
        .filter(|(op, _)| op == "ARG")
        .filter_map(|(_, v)| v.split_once('='))
        .collect();
    let from: Vec<String> = container
        .iter()
        .filter(|(op, _)| op == "FROM")
        .map(|(_, v)| {
            args.iter()
                .fold(v.clone(), |v, (k, d)| v.replace(&format!("${{{k}}}"), d))
        })
        .collect();
    assert!(from.len() >= 2, "a build stage and a run stage: {from:?}");
    assert!(
        from.iter()
            .any(|f| f.starts_with("docker.io/library/rust:") && f.ends_with(" AS build")),
        "{from:?}"
    );
    assert!(
        from.last()
            .unwrap()
            .starts_with("docker.io/library/debian:")
            && from.last().unwrap().contains("slim"),
        "{from:?}"
    );
    assert!(
        container
            .iter()
            .any(|(op, v)| op == "RUN" && v.contains("cargo build --release --locked")),
        "built with the lock file"
    );
    let user = container
        .iter()
        .rev()
        .find(|(op, _)| op == "USER")
        .map(|(_, v)| v.as_str())
        .expect("a USER");
    assert!(!["root", "0", "0:0"].contains(&user), "runs as {user}");
}

db_test!(
    the_health_command_asks_the_server,
    each_backend = health_command
);
async fn health_command(backend: Backend) {
    run_with(
        backend,
        |_| {},
        async |app: &TestApp| {
            let port = free_port();
            let env = [
                ("DATABASE_URL", app.state.config.database_url.clone()),
                ("KUNDEKORT_DATA_KEY", TEST_DATA_KEY.to_string()),
                ("KUNDEKORT_WORKER", "off".to_string()),
            ];
            let server = Server::start("health", port, &env).await;
            let at = |addr: String| [("KUNDEKORT_ADDR", addr)];
            let (code, said) = run_command(&["health"], &at(format!("127.0.0.1:{port}"))).await;
            assert_eq!(code, 0, "{said}");
            assert!(said.contains("/healthz: 200"), "{said}");
            let (code, said) =
                run_command(&["health", "--ready"], &at(format!("127.0.0.1:{port}"))).await;
            assert_eq!(code, 0, "{said}");
            assert!(said.contains("\"ready\":true"), "{said}");
            // Listening on every address (as in the container): asked on the loopback address.
            let (code, said) = run_command(&["health"], &at(format!("0.0.0.0:{port}"))).await;
            assert_eq!(code, 0, "{said}");
            server.stop().await;
            let (code, said) = run_command(&["health"], &at(format!("127.0.0.1:{port}"))).await;
            assert_eq!(code, 1, "nothing listens any more: {said}");
            assert!(said.contains("no answer"), "{said}");
        },
    )
    .await;
}

/// Secrets in files (docs/operations.md, "Secrets in files"): any setting `NAME` may come from
/// the file `NAME_FILE` names, as systemd credentials and container secrets give them; both at
/// once, or a file that cannot be read, stops the start with a message naming the variable.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secrets_can_come_from_files() {
    let secrets = tempfile::tempdir().unwrap();
    let password_file = secrets.path().join("admin-password");
    let password = "Fil-hemmelighet-Nordlys-42";
    std::fs::write(&password_file, format!("{password}\n")).unwrap();
    let key_file = secrets.path().join("data-key");
    std::fs::write(&key_file, TEST_DATA_KEY).unwrap();
    let port = free_port();
    let env: Vec<(&str, String)> = vec![
        ("KUNDEKORT_PUBLIC_URL", format!("http://127.0.0.1:{port}")),
        ("KUNDEKORT_ADMIN_EMAIL", "admin@filer.test".into()),
        (
            "KUNDEKORT_ADMIN_PASSWORD_FILE",
            password_file.display().to_string(),
        ),
        ("KUNDEKORT_DATA_KEY_FILE", key_file.display().to_string()),
        ("KUNDEKORT_WORKER", "off".into()),
    ];
    let server = Server::start("files", port, &env).await;
    let res = client()
        .post(server.url("/login"))
        .form(&[
            ("email", "admin@filer.test"),
            ("password", password),
            ("next", "/customers"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        303,
        "the first admin's password came from the file, without its line break"
    );
    assert_eq!(res.headers()["location"], "/customers");
    // The data key from the file, not a generated one in the data folder.
    assert!(
        !server.log_text().contains("generated a new data key"),
        "{}",
        server.log_text()
    );
    server.stop().await;

    let mut both = env.clone();
    both.push(("KUNDEKORT_DATA_KEY", TEST_DATA_KEY.into()));
    let (code, said) = run_command(&["health"], &both).await;
    assert_ne!(code, 0);
    assert!(
        said.contains("set KUNDEKORT_DATA_KEY or KUNDEKORT_DATA_KEY_FILE, not both"),
        "{said}"
    );
    let mut missing = env.clone();
    missing[2].1 = "/nowhere/admin-password".into();
    let (code, said) = run_command(&["health"], &missing).await;
    assert_ne!(code, 0);
    assert!(
        said.contains("KUNDEKORT_ADMIN_PASSWORD_FILE: cannot read /nowhere/admin-password"),
        "{said}"
    );
}
