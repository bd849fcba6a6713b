//! The real `kundekort` binary run as a server process (`CARGO_BIN_EXE_kundekort`), for the
//! tests of what only a whole process shows: two processes sharing a database, the health
//! command a container runs.

use std::{path::PathBuf, time::Duration};

/// One `kundekort serve` process.
pub struct Server {
    pub name: &'static str,
    pub base: String,
    log: PathBuf,
    child: tokio::process::Child,
    _dir: tempfile::TempDir,
}

impl Server {
    /// Starts the binary with `env` (and its own address and data folder) and waits for its
    /// `/readyz`.
    pub async fn start(name: &'static str, port: u16, env: &[(&str, String)]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("server.log");
        let out = std::fs::File::create(&log).unwrap();
        let child = tokio::process::Command::new(env!("CARGO_BIN_EXE_kundekort"))
            .arg("serve")
            .current_dir(dir.path())
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("KUNDEKORT_ADDR", format!("127.0.0.1:{port}"))
            .env("KUNDEKORT_DATA_DIR", dir.path().join("data"))
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            // The log goes to stdout: both into the file, for the panics' messages.
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .kill_on_drop(true)
            .spawn()
            .expect("the kundekort binary starts");
        let mut server = Self {
            name,
            base: format!("http://127.0.0.1:{port}"),
            log,
            child,
            _dir: dir,
        };
        let http = reqwest::Client::new();
        for _ in 0..1200 {
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("{name} exited with {status}:\n{}", server.log_text());
            }
            if http
                .get(server.url("/readyz"))
                .send()
                .await
                .is_ok_and(|r| r.status() == 200)
            {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "{name} was not ready within two minutes:\n{}",
            server.log_text()
        );
    }

    /// Kills the process and waits until it is gone.
    pub async fn stop(mut self) {
        let _ = self.child.kill().await;
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Logs `email` in (with the fixtures' password) on `server`; returns the `Cookie` header value
/// of the session, to send by hand to whichever process.
pub async fn log_in(server: &Server, email: &str) -> String {
    let res = client()
        .post(server.url("/login"))
        .form(&[
            ("email", email),
            ("password", crate::support::PASSWORD),
            ("next", "/customers"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        303,
        "log-in on {}: {}",
        server.name,
        server.log_text()
    );
    let cookies: Vec<String> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok()?.split(';').next().map(str::to_string))
        .collect();
    assert!(
        cookies.iter().any(|c| c.starts_with("kk_session=")),
        "{cookies:?}"
    );
    cookies.join("; ")
}

/// A client without a cookie jar: the session cookie is sent by hand, to whichever process.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Runs `kundekort ARGS` with `env` (nothing else from the test's environment) to its end: the
/// exit code and what it printed.
pub async fn run_command(args: &[&str], env: &[(&str, String)]) -> (i32, String) {
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_kundekort"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .output()
        .await
        .expect("the kundekort binary runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}
