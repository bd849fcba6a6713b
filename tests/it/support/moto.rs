//! moto's S3 server (`moto_server`, from PyPI) on loopback, as the S3-compatible bucket of the
//! tests that keep files in one. Without it such a test is skipped locally and fails in CI
//! (`CI=true`).

use std::{process::Stdio, time::Duration};

use kundekort::config::{FileStoreConfig, Secret};

/// The bucket the tests create and use.
pub const BUCKET: &str = "kundekort-test";

/// A running `moto_server` with [`BUCKET`] created; stopped when dropped.
pub struct Moto {
    _child: tokio::process::Child,
    pub port: u16,
}

impl Moto {
    /// Starts it on a free port, or returns `None` (locally) when it is not installed.
    pub async fn start() -> Option<Self> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let binary = std::env::var("MOTO_SERVER").unwrap_or_else(|_| "moto_server".into());
        let child = match tokio::process::Command::new(&binary)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
        {
            Ok(child) => child,
            Err(err) => {
                if std::env::var("CI").is_ok_and(|v| v == "true") {
                    panic!("moto_server is required when CI=true: {err}");
                }
                eprintln!("moto_server not found ({err}): skipping the S3 test");
                return None;
            }
        };
        let http = reqwest::Client::new();
        for _ in 0..200 {
            if http
                .get(format!("http://127.0.0.1:{port}/"))
                .send()
                .await
                .is_ok()
            {
                let res = http
                    .put(format!("http://127.0.0.1:{port}/{BUCKET}"))
                    .send()
                    .await
                    .unwrap();
                assert!(res.status().is_success(), "create bucket: {}", res.status());
                return Some(Self {
                    _child: child,
                    port,
                });
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("moto_server did not start");
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The file store settings for the bucket.
    pub fn file_store(&self) -> FileStoreConfig {
        FileStoreConfig::S3 {
            bucket: BUCKET.into(),
            endpoint: Some(self.endpoint()),
            region: "eu-north-1".into(),
            access_key_id: Some("test".into()),
            secret_access_key: Some(Secret::new("test")),
        }
    }
}
