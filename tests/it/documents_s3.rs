//! Documents in an S3-compatible bucket: the same upload (streamed as a multipart upload, parts
//! of 5 MiB) and download, against moto's S3 server on loopback (`moto_server`, from PyPI).
//! Without it the test is skipped locally and fails in CI (`CI=true`).

use std::{process::Stdio, time::Duration};

use kundekort::config::{FileStoreConfig, Secret};

use crate::{
    db_test,
    support::fixtures::{category, documents, pdf, two_customers, upload},
    support::{Backend, TestApp, run_with},
};

const BUCKET: &str = "kundekort-test";

async fn start_moto() -> Option<(tokio::process::Child, u16)> {
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
            return Some((child, port));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("moto_server did not start");
}

db_test!(
    upload_and_download_through_an_s3_bucket,
    each_backend = through_an_s3_bucket
);
async fn through_an_s3_bucket(backend: Backend) {
    let Some((_moto, port)) = start_moto().await else {
        return;
    };
    run_with(
        backend,
        |c| {
            c.file_store = FileStoreConfig::S3 {
                bucket: BUCKET.into(),
                endpoint: Some(format!("http://127.0.0.1:{port}")),
                region: "eu-north-1".into(),
                access_key_id: Some("test".into()),
                secret_access_key: Some(Secret::new("test")),
            }
        },
        async |app: &TestApp| {
            let (oslo, _) = two_customers(app).await;
            let ola = app.login("ola@test.no").await;
            let contract = category(app, "contract").await;
            // Big enough for three multipart parts.
            let mut big = pdf("Stor avtale");
            big.extend((0..12 * 1024 * 1024).map(|i| (i % 251) as u8));
            let small = pdf("Liten avtale");
            let res = upload(
                &ola,
                app,
                oslo,
                contract,
                false,
                &[("stor.pdf", big.clone()), ("liten.pdf", small.clone())],
            )
            .await;
            assert_eq!(res.status(), 303, "{:?}", res.text().await);
            for (doc, version, name) in documents(app, oslo).await {
                let got = ola
                    .get(app.url(&format!(
                        "/customers/{oslo}/documents/{doc}/versions/{version}/download"
                    )))
                    .send()
                    .await
                    .unwrap()
                    .bytes()
                    .await
                    .unwrap();
                let expected = if name == "stor.pdf" { &big } else { &small };
                assert_eq!(got.len(), expected.len(), "{name}");
                assert!(
                    got.as_ref() == expected.as_slice(),
                    "{name} came back as sent"
                );
            }
            // The objects are in the bucket, under the customer's prefix.
            let listing = reqwest::get(format!(
                "http://127.0.0.1:{port}/{BUCKET}?list-type=2&prefix=customers/{oslo}/"
            ))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
            assert_eq!(listing.matches("<Key>").count(), 2, "{listing}");
        },
    )
    .await;
}
