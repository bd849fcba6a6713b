//! Documents in an S3-compatible bucket: the same upload (streamed as a multipart upload, parts
//! of 5 MiB) and download, against moto's S3 server on loopback (`moto_server`, from PyPI).
//! Without it the test is skipped locally and fails in CI (`CI=true`).

use crate::{
    db_test,
    support::fixtures::{category, documents, pdf, two_customers, upload},
    support::moto::{BUCKET, Moto},
    support::{Backend, TestApp, run_with},
};

db_test!(
    upload_and_download_through_an_s3_bucket,
    each_backend = through_an_s3_bucket
);
async fn through_an_s3_bucket(backend: Backend) {
    let Some(moto) = Moto::start().await else {
        return;
    };
    let port = moto.port;
    run_with(
        backend,
        |c| c.file_store = moto.file_store(),
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
