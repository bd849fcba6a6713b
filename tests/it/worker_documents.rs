//! Documents on a worker (`workers::documents`): upload on the staff worker page, the list,
//! download on the page and in the API, bad input explained and kept, the department rule, and
//! GDPR (export lists them; erasure removes their files but keeps the employment contract).

use kundekort::workers::documents::{self, store};
use reqwest::multipart::{Form, Part};
use serde_json::Value;

use crate::{
    db_test,
    support::{
        TestApp,
        fixtures::{exe, pdf},
    },
};

/// A worker made on the page by `client` (who becomes the responsible consultant).
async fn worker(client: &reqwest::Client, app: &TestApp, name: &str) -> i64 {
    let res = client
        .post(app.url("/workers"))
        .form(&[("name", name), ("email", "vikar@vikar.test")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let to = res.headers()["location"].to_str().unwrap().to_string();
    to.trim_start_matches("/workers/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// Posts the upload form: details first, then the file (if any), as a browser does.
async fn upload(
    client: &reqwest::Client,
    app: &TestApp,
    worker: i64,
    fields: &[(&'static str, &str)],
    file: Option<(&str, Vec<u8>)>,
) -> reqwest::Response {
    let mut form = Form::new();
    for (name, value) in fields {
        form = form.text(*name, value.to_string());
    }
    if let Some((name, bytes)) = file {
        form = form.part(
            "file",
            Part::bytes(bytes)
                .file_name(name.to_string())
                .mime_str("application/octet-stream")
                .unwrap(),
        );
    }
    client
        .post(app.url(&format!("/workers/{worker}/documents")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn docs(app: &TestApp, worker: i64) -> Vec<store::WorkerDocument> {
    store::list(&app.db, worker).await.unwrap()
}

async fn in_store(app: &TestApp, key: &str) -> bool {
    app.state.files.bytes(key).await.is_ok()
}

async fn status(client: &reqwest::Client, app: &TestApp, path: &str) -> u16 {
    client
        .get(app.url(path))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

db_test!(
    documents_on_a_worker_are_uploaded_listed_and_downloaded,
    |app| {
        let ola = app.login("ola@test.no").await;
        let kari = worker(&ola, app, "Kari Vikar").await;
        let res = ola
            .post(app.url(&format!("/workers/{kari}/credentials")))
            .form(&[("kind", "hms_card"), ("valid_until", "2030-01-31")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let (card,): (i64,) =
            sqlx::query_as("SELECT id FROM worker_credentials WHERE worker_id = $1")
                .bind(kari)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();

        let scan = pdf("HMS-kort Kari Vikar");
        let card_id = card.to_string();
        let res = upload(
            &ola,
            app,
            kari,
            &[
                ("category", "hms_card"),
                ("title", "HMS-kort"),
                ("valid_until", "2030-01-31"),
                ("credential_id", &card_id),
                ("visible_to_worker", "1"),
            ],
            Some(("hms.pdf", scan.clone())),
        )
        .await;
        assert_eq!(res.status(), 303, "{:?}", res.text().await);
        assert_eq!(
            res.headers()["location"],
            format!("/workers/{kari}#documents")
        );
        let res = upload(
            &ola,
            app,
            kari,
            &[("category", "cv"), ("title", "")],
            Some(("Kari CV.pdf", pdf("CV"))),
        )
        .await;
        assert_eq!(res.status(), 303);

        let list = docs(app, kari).await;
        assert_eq!(list.len(), 2);
        let cv = &list[0];
        let hms = &list[1];
        assert_eq!(
            (cv.category.as_str(), cv.title.as_str()),
            ("cv", "Kari CV.pdf")
        );
        assert_eq!(hms.category, "hms_card");
        assert_eq!(hms.valid_until.as_deref(), Some("2030-01-31"));
        assert_eq!(hms.credential_id, Some(card));
        assert_eq!((hms.visible_to_worker, cv.visible_to_worker), (1, 0));
        assert_eq!(hms.content_type, "application/pdf");
        assert!(hms.storage_key.starts_with(&format!("workers/{kari}/")));
        assert!(in_store(app, &hms.storage_key).await);

        // The page lists them, with the paper the scan belongs to.
        let page = ola
            .get(app.url(&format!("/workers/{kari}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("id=\"worker-documents\""), "{page}");
        assert!(page.contains("HMS-kort") && page.contains("Kari CV.pdf"));
        assert!(page.contains("31.01.2030"));
        assert!(page.contains(&format!("/workers/{kari}/documents/{}/download", hms.id)));

        // Download on the page and in the API: the same bytes, as an attachment.
        let res = ola
            .get(app.url(&format!("/workers/{kari}/documents/{}/download", hms.id)))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "application/pdf");
        let disposition = res.headers()["content-disposition"].to_str().unwrap();
        assert!(disposition.starts_with("attachment;") && disposition.contains("hms.pdf"));
        assert_eq!(res.bytes().await.unwrap().to_vec(), scan);
        let res = ola
            .get(app.url(&format!("/api/v1/workers/{kari}/documents")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["total"], 2);
        assert_eq!(body["items"][1]["category"], "hms_card");
        assert_eq!(body["items"][1]["file_name"], "hms.pdf");
        assert!(body["items"][1].get("storage_key").is_none(), "{body}");
        let res = ola
            .get(app.url(&format!("/api/v1/workers/{kari}/documents/{}/file", hms.id)))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.bytes().await.unwrap().to_vec(), scan);
        assert_eq!(
            status(
                &ola,
                app,
                &format!("/api/v1/workers/{kari}/documents/999999/file")
            )
            .await,
            404
        );

        // The worker's own pages see only what is marked visible to them.
        let theirs = store::list_for_worker_pages(&app.db, kari).await.unwrap();
        assert_eq!(theirs.iter().map(|d| d.id).collect::<Vec<_>>(), [hms.id]);
        assert!(
            documents::download(&app.state, kari, hms.id, true, false)
                .await
                .is_ok()
        );
        assert!(
            documents::download(&app.state, kari, cv.id, true, false)
                .await
                .is_err()
        );
        let other = worker(&ola, app, "Per Annen").await;
        assert!(
            documents::download(&app.state, other, hms.id, true, false)
                .await
                .is_err()
        );

        // Deleting removes the row and the file.
        let res = ola
            .post(app.url(&format!("/workers/{kari}/documents/{}/delete", cv.id)))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(docs(app, kari).await.len(), 1);
        assert!(!in_store(app, &cv.storage_key).await);

        // Removing the paper keeps its scan, no longer linked.
        let res = ola
            .post(app.url(&format!("/workers/{kari}/credentials/{card}/delete")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let left = docs(app, kari).await;
        assert_eq!((left[0].id, left[0].credential_id), (hms.id, None));
    }
);

db_test!(
    bad_worker_document_input_is_explained_and_kept,
    config = |c| c.max_upload_bytes = 4096,
    |app| {
        let ola = app.login("ola@test.no").await;
        let kari = worker(&ola, app, "Kari Vikar").await;
        let fields = |until: &'static str| {
            vec![
                ("category", "certificate"),
                ("title", "Truckkurs T1"),
                ("valid_until", until),
            ]
        };
        let refused = |res: reqwest::Response| async move {
            assert_eq!(res.status(), 422);
            let page = res.text().await.unwrap();
            assert!(page.contains("value=\"Truckkurs T1\""), "the title is kept");
            assert!(
                page.contains("value=\"certificate\" selected"),
                "the category is kept"
            );
            page
        };

        // No file.
        let page = refused(upload(&ola, app, kari, &fields(""), None).await).await;
        assert!(page.contains("Velg en fil."), "{page}");

        // A program that calls itself a PDF.
        let page =
            refused(upload(&ola, app, kari, &fields(""), Some(("kurs.pdf", exe()))).await).await;
        assert!(page.contains("kurs.pdf ble ikke lastet opp"), "{page}");

        // Too big.
        let mut big = pdf("Kursbevis");
        big.resize(10_000, b' ');
        let page =
            refused(upload(&ola, app, kari, &fields(""), Some(("stor.pdf", big))).await).await;
        assert!(page.contains("stor.pdf ble ikke lastet opp"), "{page}");

        // A bad date: the file is not kept either.
        let page = refused(
            upload(
                &ola,
                app,
                kari,
                &fields("31.02.2030"),
                Some(("kurs.pdf", pdf("Kurs"))),
            )
            .await,
        )
        .await;
        assert!(page.contains("Skriv datoen som åååå-mm-dd"), "{page}");
        assert!(page.contains("value=\"31.02.2030\""), "the date is kept");

        // A paper of another worker.
        let per = worker(&ola, app, "Per Annen").await;
        ola.post(app.url(&format!("/workers/{per}/credentials")))
            .form(&[("kind", "hms_card"), ("valid_until", "2030-01-31")])
            .send()
            .await
            .unwrap();
        let (pers,): (i64,) =
            sqlx::query_as("SELECT id FROM worker_credentials WHERE worker_id = $1")
                .bind(per)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        let pers = pers.to_string();
        let mut with_card = fields("");
        with_card.push(("credential_id", &pers));
        let res = upload(&ola, app, kari, &with_card, Some(("kurs.pdf", pdf("Kurs")))).await;
        assert_eq!(res.status(), 422);

        assert!(docs(app, kari).await.is_empty());
        let (rows,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM worker_documents")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(rows, 0);
        if let kundekort::config::FileStoreConfig::Local(dir) = &app.state.config.file_store {
            let folder = dir.join(format!("workers/{kari}"));
            let left = std::fs::read_dir(&folder).map(|d| d.count()).unwrap_or(0);
            assert_eq!(left, 0, "nothing of a refused upload stays in the store");
        }

        // English for an English user.
        sqlx::query("UPDATE users SET locale = 'en' WHERE email = 'ola@test.no'")
            .execute(&app.db.pool)
            .await
            .unwrap();
        let ola = app.login("ola@test.no").await;
        let page = refused(upload(&ola, app, kari, &fields(""), None).await).await;
        assert!(page.contains("Choose a file."), "{page}");
    }
);

db_test!(
    another_departments_consultant_cannot_read_or_upload_worker_documents,
    |app| {
        let ola = app.login("ola@test.no").await;
        let berit = app.login("berit@test.no").await;
        let leder = app.login("leder@test.no").await;
        let kari = worker(&ola, app, "Kari Vikar").await;
        let res = upload(
            &ola,
            app,
            kari,
            &[
                ("category", "work_permit"),
                ("title", "Tillatelse 2027-XYZ"),
            ],
            Some(("permit.pdf", pdf("Permit"))),
        )
        .await;
        assert_eq!(res.status(), 303);
        let doc = docs(app, kari).await.remove(0);

        // Berit (Bergen) sees the worker, not the documents.
        let res = berit
            .get(app.url(&format!("/workers/{kari}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let page = res.text().await.unwrap();
        assert!(!page.contains("Tillatelse 2027-XYZ"), "{page}");
        assert!(page.contains("id=\"worker-documents-hidden\""));
        assert!(!page.contains("worker-document-form"));
        let file = format!("/workers/{kari}/documents/{}/download", doc.id);
        assert_eq!(status(&berit, app, &file).await, 403);
        assert_eq!(
            status(&berit, app, &format!("/api/v1/workers/{kari}/documents")).await,
            403
        );
        let api_file = format!("/api/v1/workers/{kari}/documents/{}/file", doc.id);
        assert_eq!(status(&berit, app, &api_file).await, 403);
        let res = upload(
            &berit,
            app,
            kari,
            &[("category", "cv")],
            Some(("cv.pdf", pdf("CV"))),
        )
        .await;
        assert_eq!(res.status(), 403);
        let res = berit
            .post(app.url(&format!("/workers/{kari}/documents/{}/delete", doc.id)))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        assert_eq!(docs(app, kari).await.len(), 1);
        assert!(in_store(app, &doc.storage_key).await);

        // Oslo's manager and the admin do see them.
        assert_eq!(status(&leder, app, &file).await, 200);
        assert_eq!(status(&app.admin().await, app, &api_file).await, 200);
        assert_eq!(
            status(&berit, app, "/api/v1/workers/999999/documents").await,
            404
        );
    }
);

db_test!(
    erasing_a_worker_removes_their_files_but_keeps_the_contract,
    |app| {
        let ola = app.login("ola@test.no").await;
        let admin = app.admin().await;
        let kari = worker(&ola, app, "Kari Vikar").await;
        for (category, name) in [
            ("cv", "cv.pdf"),
            ("employment_contract", "arbeidsavtale.pdf"),
        ] {
            let res = upload(
                &ola,
                app,
                kari,
                &[("category", category), ("visible_to_worker", "1")],
                Some((name, pdf(name))),
            )
            .await;
            assert_eq!(res.status(), 303);
        }
        let before = docs(app, kari).await;
        let contract = before
            .iter()
            .find(|d| d.category == "employment_contract")
            .unwrap();
        let cv = before.iter().find(|d| d.category == "cv").unwrap();

        // The export lists them.
        let export: Value = ola
            .get(app.url(&format!("/workers/{kari}/export.json")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let names: Vec<&str> = export["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["file_name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["arbeidsavtale.pdf", "cv.pdf"]);

        // The erase form says what is kept and for how long.
        let page = admin
            .get(app.url(&format!("/workers/{kari}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("bare arbeidsavtalen"), "{page}");
        assert!(page.contains("fem år etter"), "{page}");

        // No assignments, but a contract: anonymised, not deleted.
        let res = admin
            .post(app.url(&format!("/workers/{kari}/erase")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(
            res.headers()["location"],
            format!("/workers/{kari}?erased=1")
        );
        let after = docs(app, kari).await;
        assert_eq!(after.len(), 1);
        assert_eq!(after[0].id, contract.id);
        let year = time::OffsetDateTime::now_utc().year();
        let until = after[0].retain_until.clone().unwrap();
        assert!(until == format!("{}-12-31", year + 5) || until == format!("{}-12-31", year + 6));
        assert_eq!(after[0].visible_to_worker, 0);
        assert!(
            store::list_for_worker_pages(&app.db, kari)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(in_store(app, &contract.storage_key).await);
        assert!(!in_store(app, &cv.storage_key).await);

        // A worker with only a CV is deleted with its file.
        let per = worker(&ola, app, "Per Annen").await;
        upload(
            &ola,
            app,
            per,
            &[("category", "cv")],
            Some(("cv.pdf", pdf("CV"))),
        )
        .await;
        let key = docs(app, per).await.remove(0).storage_key;
        let res = admin
            .post(app.url(&format!("/workers/{per}/erase")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.headers()["location"], "/workers?erased=1");
        let (n,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM worker_documents WHERE worker_id = $1")
                .bind(per)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(n, 0);
        assert!(!in_store(app, &key).await);
    }
);
