//! Every upload scanned by a real ClamAV daemon (decision 0071; `support::clamd`, whose
//! database knows only our EICAR signatures): an infected document refused with the
//! signature named in nb and en, nothing of it in the store or the documents table, the rest of
//! the form kept and a security-log row; a clean file beside it kept; the public CV form and the
//! earlier invoices' PDFs refused the same way; clamd configured but not answering refuses
//! every upload (fail closed); not configured, uploads work unscanned and the admin is told.

use kundekort::integrations::clamav::{ClamdAddr, Scanner, Verdict};

use crate::{
    db_test,
    job_ads::{application, published_ad, vacancy},
    support::{
        Backend, TestApp,
        clamd::{
            EICAR, EICAR_PDF_SIGNATURE, EICAR_SIGNATURE, clamd, clamd_with_a_1_mb_stream_limit,
            eicar_pdf,
        },
        fixtures::{category, documents, pdf, two_customers, upload},
        invoices::{buyer, customer_number, earlier_preview},
        run_with,
    },
};

/// Every key in the file store.
async fn stored(app: &TestApp) -> Vec<String> {
    app.state
        .files
        .list_all()
        .await
        .unwrap()
        .into_iter()
        .map(|(key, _)| key)
        .collect()
}

/// The `upload-refused` rows of the security log: (user, detail).
async fn refusals(app: &TestApp) -> Vec<(Option<i64>, String)> {
    sqlx::query_as(
        "SELECT user_id, detail FROM security_log WHERE kind = 'upload-refused' ORDER BY id",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

/// An address where nothing listens.
fn nowhere() -> ClamdAddr {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    ClamdAddr::Tcp(format!("127.0.0.1:{port}"))
}

/// The client alone (no app, no database): clamd's verdicts as the lead checked them by hand.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_client_speaks_instream_to_a_real_clamd() {
    let Some(clamd) = clamd() else { return };
    let scanner = Scanner::new(clamd.addr());
    scanner.ping().await.unwrap();
    assert_eq!(
        scanner.scan_bytes(EICAR).await.unwrap(),
        Verdict::Infected(EICAR_SIGNATURE.into())
    );
    assert_eq!(
        scanner.scan_bytes(&eicar_pdf()).await.unwrap(),
        Verdict::Infected(EICAR_PDF_SIGNATURE.into())
    );
    assert_eq!(scanner.scan_bytes(b"hello").await.unwrap(), Verdict::Clean);
    // Sent in small pieces, as an upload arrives: the same verdict.
    let mut scan = scanner.start().await.unwrap();
    for piece in EICAR.chunks(7) {
        scan.send(piece).await.unwrap();
    }
    assert_eq!(
        scan.finish().await.unwrap(),
        Verdict::Infected(EICAR_SIGNATURE.into())
    );
    let err = Scanner::new(nowhere())
        .scan_bytes(b"hello")
        .await
        .unwrap_err();
    assert!(err.0.contains("cannot connect"), "{err}");
}

db_test!(
    an_infected_document_is_refused_and_nothing_of_it_kept,
    each_backend = an_infected_document_is_refused_and_nothing_of_it_kept
);
async fn an_infected_document_is_refused_and_nothing_of_it_kept(backend: Backend) {
    let Some(clamd) = clamd() else { return };
    run_with(
        backend,
        |c| c.clamd = Some(clamd.addr()),
        async |app: &TestApp| {
            let (oslo, _) = two_customers(app).await;
            let ola = app.login("ola@test.no").await;
            let other = category(app, "other").await;
            let res = upload(
                &ola,
                app,
                oslo,
                other,
                false,
                &[("eicar.txt", EICAR.to_vec()), ("tilbud.pdf", pdf("Tilbud"))],
            )
            .await;
            assert_eq!(res.status(), 422);
            let page = res.text().await.unwrap();
            assert!(
                page.contains(&format!(
                    "<strong>eicar.txt</strong>: Filen inneholder skadelig kode \
                     ({EICAR_SIGNATURE}) og ble ikke lagret."
                )),
                "{page}"
            );
            assert!(
                page.contains("value=\"Rammeavtale for 2027\""),
                "the details are kept: {page}"
            );
            // The clean file beside it is kept; of the infected one nothing.
            let names: Vec<String> = documents(app, oslo)
                .await
                .into_iter()
                .map(|d| d.2)
                .collect();
            assert_eq!(names, ["tilbud.pdf"]);
            assert_eq!(stored(app).await.len(), 1, "{:?}", stored(app).await);
            let logged = refusals(app).await;
            assert_eq!(
                logged,
                [(
                    Some(app.fx.consultant_oslo),
                    format!("POST /customers/{{id}}/documents: virus-found ({EICAR_SIGNATURE})")
                )]
            );

            // In English, and alone: refused the same way.
            sqlx::query("UPDATE users SET locale = 'en' WHERE email = 'ola@test.no'")
                .execute(&app.db.pool)
                .await
                .unwrap();
            let ola = app.login("ola@test.no").await;
            let res = upload(
                &ola,
                app,
                oslo,
                other,
                false,
                &[("eicar.txt", EICAR.to_vec())],
            )
            .await;
            assert_eq!(res.status(), 422);
            let page = res.text().await.unwrap();
            assert!(
                page.contains(&format!(
                    "<strong>eicar.txt</strong>: The file contains malware ({EICAR_SIGNATURE}) \
                     and was not saved."
                )),
                "{page}"
            );
            assert!(page.contains("value=\"Rammeavtale for 2027\""), "{page}");
            assert_eq!(documents(app, oslo).await.len(), 1);
            assert_eq!(stored(app).await.len(), 1);

            // A clean file alone is kept, and the admin is told uploads are scanned.
            let res = upload(
                &ola,
                app,
                oslo,
                other,
                false,
                &[("notat.txt", b"hello".to_vec())],
            )
            .await;
            let status = res.status();
            assert_eq!(status, 303, "{}", res.text().await.unwrap());
            assert_eq!(documents(app, oslo).await.len(), 2);
            assert_eq!(stored(app).await.len(), 2);
            let admin = app.admin().await;
            let page = admin
                .get(app.url("/admin/document-categories"))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            assert!(
                page.contains(&format!(
                    "sjekkes for virus av ClamAV (127.0.0.1:{})",
                    clamd.port
                )),
                "{page}"
            );
            // /readyz reports the scanner.
            let body: serde_json::Value = app
                .client()
                .get(app.url("/readyz"))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            assert_eq!(body["clamd"]["ok"], true, "{body}");
        },
    )
    .await
}

db_test!(
    the_public_cv_form_refuses_a_virus,
    each_backend = the_public_cv_form_refuses_a_virus
);
async fn the_public_cv_form_refuses_a_virus(backend: Backend) {
    let Some(clamd) = clamd() else { return };
    run_with(
        backend,
        |c| c.clamd = Some(clamd.addr()),
        async |app: &TestApp| {
            let ola = app.login("ola@test.no").await;
            let (customer, vid, _) = vacancy(app, &ola, "Lager Vest AS").await;
            let (_, slug) = published_ad(app, &ola, customer, vid, &[]).await;
            let anyone = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap();
            let before = stored(app).await;
            let res = anyone
                .post(app.url(&format!("/jobs/{slug}/apply")))
                .multipart(application(
                    "Ola Robot",
                    "ola.robot@example.no",
                    ("cv.pdf", eicar_pdf(), "application/pdf"),
                    &[("consent", "1")],
                ))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 422);
            let body = res.text().await.unwrap();
            assert!(
                body.contains(&format!(
                    "Filen inneholder skadelig kode ({EICAR_PDF_SIGNATURE}) og ble ikke lagret."
                )),
                "{body}"
            );
            assert!(body.contains("value=\"Ola Robot\""), "{body}");
            assert!(body.contains("Jeg har truckførerbevis."), "{body}");
            let workers: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM worker_documents")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
            assert_eq!(workers, 0);
            assert_eq!(stored(app).await, before, "nothing of the CV is kept");
            let logged = refusals(app).await;
            assert_eq!(
                logged,
                [(
                    None,
                    format!("POST /jobs/{{slug}}/apply: virus-found ({EICAR_PDF_SIGNATURE})")
                )]
            );
        },
    )
    .await
}

db_test!(
    an_earlier_invoices_pdf_with_a_virus_is_not_kept,
    each_backend = an_earlier_invoices_pdf_with_a_virus_is_not_kept
);
async fn an_earlier_invoices_pdf_with_a_virus_is_not_kept(backend: Backend) {
    let Some(clamd) = clamd() else { return };
    run_with(
        backend,
        |c| c.clamd = Some(clamd.addr()),
        async |app: &TestApp| {
            let customer = buyer(app, "Nordlys Elektro AS").await;
            let number = customer_number(app, customer).await;
            let file = format!(
                "fakturanr;kundenr;fakturadato;forfallsdato;mva_sats;netto;mva;total;kid;pdf\n\
                 10;{number};2026-01-05;2026-01-19;25;100;25;125;;virus.pdf\n"
            );
            let admin = app.admin().await;
            let (code, page) =
                earlier_preview(&admin, app, &file, &[("virus.pdf", eicar_pdf().as_slice())]).await;
            assert_eq!(code, 422, "{page}");
            assert!(
                page.contains(&format!(
                    "«virus.pdf» inneholder skadelig kode ({EICAR_PDF_SIGNATURE}) og ble ikke \
                     tatt vare på."
                )),
                "{page}"
            );
            assert!(
                stored(app)
                    .await
                    .iter()
                    .all(|k| !k.starts_with("invoices/earlier/")),
                "{:?}",
                stored(app).await
            );
            let logged = refusals(app).await;
            assert_eq!(logged.len(), 1, "{logged:?}");
            assert!(
                logged[0]
                    .1
                    .ends_with(&format!("virus-found ({EICAR_PDF_SIGNATURE})")),
                "{logged:?}"
            );
        },
    )
    .await
}

db_test!(
    a_scanner_that_does_not_answer_refuses_every_upload,
    each_backend = a_scanner_that_does_not_answer_refuses_every_upload
);
async fn a_scanner_that_does_not_answer_refuses_every_upload(backend: Backend) {
    run_with(
        backend,
        |c| c.clamd = Some(nowhere()),
        async |app: &TestApp| {
            let (oslo, _) = two_customers(app).await;
            let ola = app.login("ola@test.no").await;
            let other = category(app, "other").await;
            let res = upload(
                &ola,
                app,
                oslo,
                other,
                false,
                &[("tilbud.pdf", pdf("Tilbud"))],
            )
            .await;
            assert_eq!(res.status(), 422);
            let page = res.text().await.unwrap();
            assert!(
                page.contains(
                    "<strong>tilbud.pdf</strong>: Filen kunne ikke sjekkes for virus og ble ikke \
                     lagret. Prøv igjen senere."
                ),
                "{page}"
            );
            assert!(page.contains("value=\"Rammeavtale for 2027\""), "{page}");
            assert!(documents(app, oslo).await.is_empty());
            assert!(stored(app).await.is_empty(), "{:?}", stored(app).await);
            let logged = refusals(app).await;
            assert_eq!(logged.len(), 1, "{logged:?}");
            assert!(
                logged[0].1.starts_with(
                    "POST /customers/{id}/documents: virus-scan-failed (cannot connect"
                ),
                "{logged:?}"
            );
            // /readyz names the scanner as down, but the server stays ready: only uploads wait.
            let res = app.client().get(app.url("/readyz")).send().await.unwrap();
            assert_eq!(res.status(), 200);
            let body: serde_json::Value = res.json().await.unwrap();
            assert_eq!(body["ready"], true, "{body}");
            assert_eq!(body["clamd"]["ok"], false, "{body}");
        },
    )
    .await
}

db_test!(
    a_file_longer_than_clamds_stream_limit_is_refused_not_passed,
    each_backend = a_file_longer_than_clamds_stream_limit_is_refused_not_passed
);
async fn a_file_longer_than_clamds_stream_limit_is_refused_not_passed(backend: Backend) {
    let Some(clamd) = clamd_with_a_1_mb_stream_limit() else {
        return;
    };
    run_with(
        backend,
        |c| c.clamd = Some(clamd.addr()),
        async |app: &TestApp| {
            let (oslo, _) = two_customers(app).await;
            let ola = app.login("ola@test.no").await;
            let other = category(app, "other").await;
            let mut big = pdf("Stor");
            big.resize(3 * 1024 * 1024, b' ');
            let res = upload(&ola, app, oslo, other, false, &[("stor.pdf", big)]).await;
            assert_eq!(res.status(), 422);
            let page = res.text().await.unwrap();
            assert!(
                page.contains("<strong>stor.pdf</strong>: Filen kunne ikke sjekkes for virus"),
                "{page}"
            );
            assert!(documents(app, oslo).await.is_empty());
            assert!(stored(app).await.is_empty(), "{:?}", stored(app).await);
            let logged = refusals(app).await;
            assert_eq!(logged.len(), 1, "{logged:?}");
            assert!(logged[0].1.contains(": virus-scan-failed ("), "{logged:?}");
            println!("clamd over its stream limit: {}", logged[0].1);
        },
    )
    .await
}

db_test!(
    without_a_scanner_uploads_work_unscanned_and_the_admin_is_told,
    |app| {
        let (oslo, _) = two_customers(app).await;
        let ola = app.login("ola@test.no").await;
        let other = category(app, "other").await;
        let res = upload(
            &ola,
            app,
            oslo,
            other,
            false,
            &[("eicar.txt", EICAR.to_vec())],
        )
        .await;
        let status = res.status();
        assert_eq!(status, 303, "{}", res.text().await.unwrap());
        let names: Vec<String> = documents(app, oslo)
            .await
            .into_iter()
            .map(|d| d.2)
            .collect();
        assert_eq!(names, ["eicar.txt"]);
        assert!(refusals(app).await.is_empty());
        let admin = app.admin().await;
        let page = admin
            .get(app.url("/admin/document-categories"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
        page.contains(
            "id=\"virus-scan-status\">Opplastede filer sjekkes ikke for virus: ingen virusskanner \
             er satt opp"
        ),
        "{page}"
    );
        let body: serde_json::Value = app
            .client()
            .get(app.url("/readyz"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(body.get("clamd").is_none(), "{body}");
        // The admin reading English is told too.
        sqlx::query("UPDATE users SET locale = 'en' WHERE email = 'admin@test.no'")
            .execute(&app.db.pool)
            .await
            .unwrap();
        let admin = app.admin().await;
        let page = admin
            .get(app.url("/admin/document-categories"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("Uploaded files are not scanned for viruses"),
            "{page}"
        );
    }
);
