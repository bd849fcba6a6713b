//! The container image (issue 18, "Operations"; docs/operations.md, "As a container"):
//! `deploy/Containerfile` built with podman and run, on both databases.
//!
//! No registry is reachable from the test machines, so the image's base comes from Debian's
//! mirror (`debootstrap --variant=minbase trixie`, imported once as
//! `localhost/kundekort-test-debian:trixie` and kept), and the run stage takes the binary of this
//! test build instead of compiling one (`--build-arg BINARY_FROM=…`, the Containerfile's own
//! switch; a release build inside the container would take most of an hour here). Everything
//! else is the Containerfile as shipped: its packages, its user, its volume, its HEALTHCHECK,
//! ENTRYPOINT and CMD. The image then:
//!
//! - starts `serve`, creates the first admin from the environment (SQLite on its volume) or uses
//!   the database given (PostgreSQL), answers `/readyz`, and takes a log-in;
//! - runs as uid 10001, and writes its data key to its volume as that user;
//! - passes its HEALTHCHECK (`podman healthcheck run`) and `kundekort health`;
//! - stops on `podman stop` by finishing what runs, with exit code 0.
//!
//! Needs podman, runc and debootstrap (Debian packages; `.ci/run` installs them), run as root.
//! Under `CI=true` a missing tool fails the test; elsewhere it is skipped with a note.

use std::{path::Path, process::Stdio, time::Duration};

use crate::support::{
    Backend, PASSWORD, TestApp,
    app::postgres_url,
    run_with,
    server_process::{client, free_port},
};

const BASE: &str = "localhost/kundekort-test-debian:trixie";

/// A podman that works on these machines: runc (crun cannot run on their hybrid cgroups) and no
/// default ulimits (raising them is not permitted in the sandbox).
struct Podman {
    conf: tempfile::TempDir,
}

impl Podman {
    fn find() -> Option<Self> {
        let missing: Vec<&str> = ["podman", "runc", "debootstrap"]
            .into_iter()
            .filter(|tool| {
                !std::process::Command::new("sh")
                    .args(["-c", &format!("command -v {tool}")])
                    .stdout(Stdio::null())
                    .status()
                    .is_ok_and(|s| s.success())
            })
            .collect();
        if !missing.is_empty() {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("{missing:?} required when CI=true (apt packages podman runc debootstrap)");
            }
            eprintln!("{missing:?} not found: skipping the container image test");
            return None;
        }
        let conf = tempfile::tempdir().unwrap();
        std::fs::write(
            conf.path().join("containers.conf"),
            "[containers]\ndefault_ulimits = []\n\n[engine]\nruntime = \"runc\"\n",
        )
        .unwrap();
        Some(Self { conf })
    }

    /// Runs `podman ARGS`: (success, stdout + stderr).
    async fn run(&self, args: &[&str]) -> (bool, String) {
        let out = tokio::process::Command::new("podman")
            .args(args)
            .env("CONTAINERS_CONF", self.conf.path().join("containers.conf"))
            .output()
            .await
            .expect("podman runs");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.success(), text)
    }

    async fn ok(&self, args: &[&str]) -> String {
        let (ok, text) = self.run(args).await;
        assert!(ok, "podman {args:?} failed:\n{text}");
        text
    }

    /// The Debian base, made from the mirror once and kept between runs.
    async fn base_image(&self) {
        if self.run(&["image", "exists", BASE]).await.0 {
            return;
        }
        let root = tempfile::tempdir().unwrap();
        let mirror = std::env::var("KUNDEKORT_TEST_DEBIAN_MIRROR")
            .unwrap_or_else(|_| "http://deb.debian.org/debian".into());
        let out = tokio::process::Command::new("debootstrap")
            .args(["--variant=minbase", "trixie"])
            .arg(root.path())
            .arg(&mirror)
            .output()
            .await
            .expect("debootstrap runs");
        assert!(
            out.status.success(),
            "debootstrap from {mirror}:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let tar = format!(
            "tar -C {} -c . | CONTAINERS_CONF={} podman import - {BASE}",
            root.path().display(),
            self.conf.path().join("containers.conf").display()
        );
        let status = tokio::process::Command::new("sh")
            .args(["-c", &tar])
            .stdout(Stdio::null())
            .status()
            .await
            .unwrap();
        assert!(status.success(), "importing the base image");
    }
}

/// Builds the repository's Containerfile with the test build's binary; returns the image name.
async fn build_image(podman: &Podman, tag: &str) -> String {
    podman.base_image().await;
    // An image holding only the binary, for BINARY_FROM.
    let context = tempfile::tempdir().unwrap();
    std::fs::copy(
        env!("CARGO_BIN_EXE_kundekort"),
        context.path().join("kundekort"),
    )
    .unwrap();
    std::fs::write(
        context.path().join("Containerfile"),
        format!("FROM {BASE}\nCOPY kundekort /usr/local/bin/kundekort\n"),
    )
    .unwrap();
    let binary = format!("localhost/kundekort-test-binary:{tag}");
    podman
        .ok(&[
            "build",
            "--network",
            "host",
            "-t",
            &binary,
            &context.path().display().to_string(),
        ])
        .await;
    let image = format!("localhost/kundekort-test:{tag}");
    let repo = env!("CARGO_MANIFEST_DIR");
    let containerfile = Path::new(repo).join("deploy/Containerfile");
    let said = podman
        .ok(&[
            "build",
            // The docker format keeps the HEALTHCHECK (OCI images have none).
            "--format",
            "docker",
            "--network",
            "host",
            "--build-arg",
            &format!("RUN_IMAGE={BASE}"),
            "--build-arg",
            &format!("BINARY_FROM={binary}"),
            "-f",
            &containerfile.display().to_string(),
            "-t",
            &image,
            repo,
        ])
        .await;
    assert!(
        !said.contains("cargo build"),
        "the build stage was skipped:\n{said}"
    );
    podman.ok(&["rmi", &binary]).await;
    image
}

/// Waits for the container's `/readyz` on `port`; panics with its log when it never comes.
async fn ready(podman: &Podman, name: &str, port: u16) {
    for _ in 0..600 {
        if client()
            .get(format!("http://127.0.0.1:{port}/readyz"))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200)
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (_, log) = podman.run(&["logs", name]).await;
    panic!("{name} was not ready within a minute:\n{log}");
}

/// Starts the image as `name` with `env`, checks it as the module says, stops it.
async fn run_and_check(
    podman: &Podman,
    image: &str,
    name: &str,
    env: &[String],
    login: (&str, &str),
) {
    let port = free_port();
    let mut args: Vec<String> = ["run", "-d", "--name", name, "--network", "host"]
        .map(String::from)
        .to_vec();
    for kv in env
        .iter()
        .cloned()
        .chain([format!("KUNDEKORT_ADDR=127.0.0.1:{port}")])
        .chain([format!("KUNDEKORT_PUBLIC_URL=http://127.0.0.1:{port}")])
    {
        args.push("-e".into());
        args.push(kv);
    }
    args.push(image.into());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    podman.ok(&args).await;
    ready(podman, name, port).await;

    let res = client()
        .post(format!("http://127.0.0.1:{port}/login"))
        .form(&[
            ("email", login.0),
            ("password", login.1),
            ("next", "/customers"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "log-in through the container");
    assert_eq!(res.headers()["location"], "/customers");

    let uid = podman.ok(&["exec", name, "id", "-u"]).await;
    assert_eq!(uid.trim(), "10001", "runs as the image's user");
    // The data key was written to the volume by that user (owner-only).
    let key = podman
        .ok(&[
            "exec",
            name,
            "stat",
            "-c",
            "%u %a",
            "/var/lib/kundekort/data.key",
        ])
        .await;
    assert_eq!(key.trim(), "10001 600", "data key on the volume");
    let health = podman.ok(&["exec", name, "kundekort", "health"]).await;
    assert!(health.contains("200"), "{health}");
    let (healthy, said) = podman.run(&["healthcheck", "run", name]).await;
    assert!(healthy, "the image's HEALTHCHECK: {said}");

    podman.ok(&["stop", "--time", "20", name]).await;
    let code = podman
        .ok(&["inspect", name, "--format", "{{.State.ExitCode}}"])
        .await;
    let (_, log) = podman.run(&["logs", name]).await;
    assert_eq!(code.trim(), "0", "stopped cleanly:\n{log}");
    assert!(log.contains("stopped"), "{log}");
    podman.ok(&["rm", "-f", name]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_container_image_builds_runs_and_stops_cleanly() {
    // PostgreSQL is part of the run: under CI=true it may not be missing either.
    if postgres_url().is_none() {
        return;
    }
    let Some(podman) = Podman::find() else {
        return;
    };
    let tag = std::process::id().to_string();
    let image = build_image(&podman, &tag).await;

    let config = podman
        .ok(&[
            "inspect",
            &image,
            "--format",
            "{{.Config.User}} {{.Config.Entrypoint}} {{.Config.Cmd}} {{.HealthCheck.Test}}",
        ])
        .await;
    assert_eq!(
        config.trim(),
        "10001:10001 [kundekort] [serve] [CMD kundekort health]"
    );

    // SQLite on the image's volume, the first admin from the environment.
    let admin_password = "Container-test-passord-9";
    run_and_check(
        &podman,
        &image,
        &format!("kundekort-test-sqlite-{tag}"),
        &[
            "KUNDEKORT_ADMIN_EMAIL=admin@container.test".into(),
            format!("KUNDEKORT_ADMIN_PASSWORD={admin_password}"),
        ],
        ("admin@container.test", admin_password),
    )
    .await;

    // PostgreSQL, as in production: the test's database with its users.
    run_with(
        Backend::Postgres,
        |c| c.run_worker = false,
        async |app: &TestApp| {
            run_and_check(
                &podman,
                &image,
                &format!("kundekort-test-postgres-{tag}"),
                &[format!("DATABASE_URL={}", app.state.config.database_url)],
                ("ola@test.no", PASSWORD),
            )
            .await;
        },
    )
    .await;

    podman.ok(&["rmi", &image]).await;
}
