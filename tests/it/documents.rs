//! Documents on the card: uploading one or many files (streamed to the file store), the type
//! checked from the content, safe names, the size limit, versions, the bin with the card's
//! history, downloads, and who may see what (staff by scope, portal contacts by right).

use reqwest::multipart::{Form, Part};
use sha2::Digest;

use crate::{
    db_test,
    support::fixtures::{
        accept, add_contact, category, documents, exe, invite, pdf, png, two_customers, upload,
    },
    support::{Backend, TestApp, run_with},
};

/// A contact of `customer` with portal access and these rights, logged in to the portal.
async fn portal_contact(
    staff: &reqwest::Client,
    app: &TestApp,
    customer: i64,
    (first, last, email): (&str, &str, &str),
    rights: &[&str],
) -> reqwest::Client {
    let contact = add_contact(
        staff,
        app,
        customer,
        &[("first_name", first), ("last_name", last), ("email", email)],
    )
    .await;
    let path = invite(staff, app, customer, contact, rights).await;
    accept(app, &path).await
}

fn stored_files(app: &TestApp) -> usize {
    fn count(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| {
                        let p = e.path();
                        if p.is_dir() { count(&p) } else { 1 }
                    })
                    .sum()
            })
            .unwrap_or(0)
    }
    match &app.state.config.file_store {
        kundekort::config::FileStoreConfig::Local(dir) => count(dir),
        _ => panic!("tests use the local file store"),
    }
}

db_test!(upload_two_files_list_download_and_version, |app| {
    let (oslo, _) = two_customers(app).await;
    let ola = app.login("ola@test.no").await;
    let contract = category(app, "contract").await;
    let agreement = pdf("Rammeavtale Nordlys 2027");
    let res = upload(
        &ola,
        app,
        oslo,
        contract,
        false,
        &[
            ("Rammeavtale 2027.pdf", agreement.clone()),
            ("logo.png", png()),
        ],
    )
    .await;
    assert_eq!(res.status(), 303, "{:?}", res.text().await);
    assert_eq!(
        res.headers()["location"],
        format!("/customers/{oslo}/documents?uploaded=2")
    );
    let docs = documents(app, oslo).await;
    assert_eq!(docs.len(), 2);
    assert_eq!(stored_files(app), 2);
    let page = ola
        .get(app.url(&format!("/customers/{oslo}/documents?uploaded=2")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("2 dokumenter er lastet opp"), "{page}");
    assert!(page.contains("Rammeavtale 2027.pdf") && page.contains("logo.png"));
    assert!(page.contains("Rammeavtale for 2027") && page.contains("31.12.2027"));

    // Download: the exact bytes, the type from the content, the original name.
    let (pdf_id, pdf_version, _) = docs.iter().find(|d| d.2.ends_with(".pdf")).unwrap().clone();
    let res = ola
        .get(app.url(&format!(
            "/customers/{oslo}/documents/{pdf_id}/versions/{pdf_version}/download"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let disposition = res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        disposition.starts_with("attachment;")
            && disposition.contains("filename*=UTF-8''Rammeavtale%202027.pdf"),
        "{disposition}"
    );
    assert_eq!(res.bytes().await.unwrap().to_vec(), agreement);
    let (sha,): (String,) = sqlx::query_as("SELECT sha256 FROM document_versions WHERE id = $1")
        .bind(pdf_version)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(sha, hex::encode(sha2::Sha256::digest(&agreement)));
    // Preview is inline for PDFs.
    let res = ola
        .get(app.url(&format!(
            "/customers/{oslo}/documents/{pdf_id}/versions/{pdf_version}/preview"
        )))
        .send()
        .await
        .unwrap();
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("inline;")
    );

    // A new version: the list shows the latest, the old one stays downloadable.
    let v2 = pdf("Rammeavtale Nordlys 2027, revidert");
    let form = Form::new().part(
        "file",
        Part::bytes(v2.clone()).file_name("Rammeavtale 2027 rev2.pdf"),
    );
    let res = ola
        .post(app.url(&format!("/customers/{oslo}/documents/{pdf_id}/versions")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{:?}", res.text().await);
    let page = ola
        .get(app.url(&format!("/customers/{oslo}/documents/{pdf_id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Rammeavtale 2027 rev2.pdf") && page.contains("<strong>v2</strong>"));
    let old = ola
        .get(app.url(&format!(
            "/customers/{oslo}/documents/{pdf_id}/versions/{pdf_version}/download"
        )))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(old.to_vec(), agreement);
    let list = ola
        .get(app.url(&format!("/customers/{oslo}/documents?q=rammeavtale")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        list.contains(">v2</span>") && !list.contains("logo.png"),
        "search by name"
    );
});

db_test!(invisible_direction_marks_leave_uploaded_names, |app| {
    let (oslo, _) = two_customers(app).await;
    let ola = app.login("ola@test.no").await;
    let contract = category(app, "contract").await;
    // Shown as "faktura_fdp.png" when the right-to-left override is kept.
    let spoofed = "faktura_\u{202E}gnp\u{200B}.pdf";
    let res = upload(
        &ola,
        app,
        oslo,
        contract,
        false,
        &[(spoofed, pdf("Faktura"))],
    )
    .await;
    assert_eq!(res.status(), 303, "{:?}", res.text().await);
    let (doc, version, title) = documents(app, oslo).await.remove(0);
    assert_eq!(title, "faktura_gnp.pdf");
    let (file_name,): (String,) =
        sqlx::query_as("SELECT file_name FROM document_versions WHERE id = $1")
            .bind(version)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(file_name, "faktura_gnp.pdf");
    let res = ola
        .get(app.url(&format!(
            "/customers/{oslo}/documents/{doc}/versions/{version}/download"
        )))
        .send()
        .await
        .unwrap();
    let disposition = res.headers()["content-disposition"].to_str().unwrap();
    assert!(
        disposition.contains("filename*=UTF-8''faktura_gnp.pdf"),
        "{disposition}"
    );
});

db_test!(refused_files_are_named_and_the_rest_kept, |app| {
    let (oslo, _) = two_customers(app).await;
    let ola = app.login("ola@test.no").await;
    let other = category(app, "other").await;
    let res = upload(
        &ola,
        app,
        oslo,
        other,
        false,
        &[
            ("tilbud.pdf", pdf("Tilbud")),
            ("faktura.pdf", exe()),
            ("bilde.pdf", png()),
            ("../../etc/passwd.pdf", pdf("Sneaky")),
            ("script.sh", b"#!/bin/sh\necho hi\n".to_vec()),
            ("tom.txt", Vec::new()),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("Disse filene ble ikke lagret"), "{page}");
    assert!(
        page.contains("<strong>faktura.pdf</strong>: Programfiler og skript kan ikke lastes opp."),
        "{page}"
    );
    assert!(
        page.contains(
            "<strong>bilde.pdf</strong>: Innholdet (PNG) stemmer ikke med filnavnet (.PDF)."
        ),
        "{page}"
    );
    assert!(
        page.contains("<strong>script.sh</strong>: Programfiler"),
        "{page}"
    );
    assert!(
        page.contains("<strong>tom.txt</strong>: Filen er tom."),
        "{page}"
    );
    assert!(
        page.contains("value=\"Rammeavtale for 2027\""),
        "the details are kept: {page}"
    );
    let names: Vec<String> = documents(app, oslo)
        .await
        .into_iter()
        .map(|d| d.2)
        .collect();
    assert_eq!(
        names,
        vec!["tilbud.pdf".to_string(), "passwd.pdf".to_string()]
    );
    assert_eq!(stored_files(app), 2, "refused files leave nothing behind");
    // The security log has the refusals by kind, once a minute each (two programs, one row),
    // the empty file left out, and no file's name (decision 0066).
    let logged: Vec<(Option<i64>, String)> = sqlx::query_as(
        "SELECT user_id, detail FROM security_log WHERE kind = 'upload-refused' ORDER BY id",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let details: Vec<&str> = logged.iter().map(|r| r.1.as_str()).collect();
    assert_eq!(
        details,
        [
            "POST /customers/{id}/documents: executable",
            "POST /customers/{id}/documents: mismatch (png named .pdf)",
        ],
        "{logged:?}"
    );
    assert!(logged.iter().all(|r| r.0 == Some(app.fx.consultant_oslo)));
});

db_test!(
    a_file_over_the_limit_is_refused_and_not_stored,
    each_backend = a_file_over_the_limit_is_refused_and_not_stored
);
async fn a_file_over_the_limit_is_refused_and_not_stored(backend: Backend) {
    run_with(
        backend,
        |c| c.max_upload_bytes = 1024 * 1024,
        async |app: &TestApp| {
            let (oslo, _) = two_customers(app).await;
            let ola = app.login("ola@test.no").await;
            let other = category(app, "other").await;
            let mut big = pdf("Stor");
            big.resize(3 * 1024 * 1024, b' ');
            let res = upload(
                &ola,
                app,
                oslo,
                other,
                false,
                &[("stor.pdf", big), ("liten.pdf", pdf("Liten"))],
            )
            .await;
            assert_eq!(res.status(), 422);
            let page = res.text().await.unwrap();
            assert!(
                page.contains("<strong>stor.pdf</strong>: Filen er større enn grensen på 1,0 MB."),
                "{page}"
            );
            let names: Vec<String> = documents(app, oslo)
                .await
                .into_iter()
                .map(|d| d.2)
                .collect();
            assert_eq!(names, vec!["liten.pdf".to_string()]);
            assert_eq!(stored_files(app), 1);
        },
    )
    .await;
}

db_test!(the_bin_keeps_documents_and_the_history_tells, |app| {
    let (oslo, _) = two_customers(app).await;
    let ola = app.login("ola@test.no").await;
    let offer = category(app, "offer").await;
    upload(
        &ola,
        app,
        oslo,
        offer,
        false,
        &[("tilbud.pdf", pdf("Tilbud"))],
    )
    .await;
    let (doc, version, _) = documents(app, oslo).await[0].clone();
    let res = ola
        .post(app.url(&format!("/customers/{oslo}/documents/{doc}/delete")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert!(documents(app, oslo).await.is_empty());
    assert_eq!(stored_files(app), 1, "the file stays");
    // Gone for the consultant; the bin and restoring are for admins.
    let res = ola
        .get(app.url(&format!(
            "/customers/{oslo}/documents/{doc}/versions/{version}/download"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let res = ola
        .post(app.url(&format!("/customers/{oslo}/documents/{doc}/restore")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let admin = app.admin().await;
    let bin = admin
        .get(app.url(&format!("/customers/{oslo}/documents?bin=1")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        bin.contains("tilbud.pdf") && bin.contains("Gjenopprett"),
        "{bin}"
    );
    let res = admin
        .post(app.url(&format!("/customers/{oslo}/documents/{doc}/restore")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(documents(app, oslo).await.len(), 1);
    let overview = ola
        .get(app.url(&format!("/customers/{oslo}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for line in [
        "Dokument lastet opp",
        "Dokument flyttet til papirkurven",
        "Dokument gjenopprettet",
    ] {
        assert!(overview.contains(line), "history shows {line}: {overview}");
    }
});

db_test!(documents_follow_the_card_and_the_portal_rights, |app| {
    let (oslo, bergen) = two_customers(app).await;
    let ola = app.login("ola@test.no").await;
    let contract = category(app, "contract").await;
    upload(
        &ola,
        app,
        oslo,
        contract,
        true,
        &[("delt.pdf", pdf("Delt"))],
    )
    .await;
    upload(
        &ola,
        app,
        oslo,
        contract,
        false,
        &[("intern.pdf", pdf("Intern"))],
    )
    .await;
    let docs = documents(app, oslo).await;
    let (shared_doc, shared_version, _) = docs.iter().find(|d| d.2 == "delt.pdf").unwrap().clone();
    let (internal_doc, _, _) = docs.iter().find(|d| d.2 == "intern.pdf").unwrap().clone();

    // Staff outside the customer's department see nothing of it.
    let berit = app.login("berit@test.no").await;
    for path in [
        format!("/customers/{oslo}/documents"),
        format!("/customers/{oslo}/documents/{shared_doc}"),
        format!("/customers/{oslo}/documents/{shared_doc}/versions/{shared_version}/download"),
    ] {
        let res = berit.get(app.url(&path)).send().await.unwrap();
        assert_eq!(res.status(), 404, "{path}");
    }
    // Nor can they upload to it.
    let res = upload(&berit, app, oslo, contract, false, &[("x.pdf", pdf("X"))]).await;
    assert_eq!(res.status(), 404);
    // A document id under another customer's card is not found either.
    let res = ola
        .get(app.url(&format!("/customers/{bergen}/documents/{shared_doc}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);

    // Portal: a contact with the right sees shared documents only.
    let portal = portal_contact(
        &ola,
        app,
        oslo,
        ("Kari", "Nordmann", "kari@nordlys.no"),
        &["view_documents"],
    )
    .await;
    let page = portal
        .get(app.url("/portal/documents"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("delt.pdf") && !page.contains("intern.pdf"),
        "{page}"
    );
    let res = portal
        .get(app.url(&format!("/portal/documents/{shared_doc}/download")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let res = portal
        .get(app.url(&format!("/portal/documents/{internal_doc}/download")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404, "not shared");

    // A contact of another customer asking for it: refused.
    let berit_staff = app.login("berit@test.no").await;
    let other_portal = portal_contact(
        &berit_staff,
        app,
        bergen,
        ("Nils", "Fjord", "nils@fjordbygg.no"),
        &["view_documents"],
    )
    .await;
    let res = other_portal
        .get(app.url(&format!("/portal/documents/{shared_doc}/download")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let page = other_portal
        .get(app.url("/portal/documents"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page.contains("delt.pdf"));

    // A contact without the right: forbidden.
    let no_right = portal_contact(
        &ola,
        app,
        oslo,
        ("Per", "Ås", "per@nordlys.no"),
        &["view_invoices"],
    )
    .await;
    let res = no_right
        .get(app.url(&format!("/portal/documents/{shared_doc}/download")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
});

db_test!(admins_keep_the_categories, |app| {
    let (oslo, _) = two_customers(app).await;
    let ola = app.login("ola@test.no").await;
    let res = ola
        .get(app.url("/admin/document-categories"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let admin = app.admin().await;
    let res = admin
        .post(app.url("/admin/document-categories"))
        .form(&[("name", "  ")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("må ha et navn"));
    let res = admin
        .post(app.url("/admin/document-categories"))
        .form(&[("name", "HMS-dokumentasjon")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    // Rename a built-in one; deactivate another.
    let offer = category(app, "offer").await;
    let logo = category(app, "logo").await;
    let res = admin
        .post(app.url(&format!("/admin/document-categories/{offer}")))
        .form(&[
            ("name", "Tilbud og anbud"),
            ("position", "1"),
            ("active", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let res = admin
        .post(app.url(&format!("/admin/document-categories/{logo}")))
        .form(&[("name", ""), ("position", "3")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let tab = ola
        .get(app.url(&format!("/customers/{oslo}/documents")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        tab.contains("HMS-dokumentasjon") && tab.contains("Tilbud og anbud"),
        "{tab}"
    );
    assert!(
        !tab.contains(">Logo<"),
        "an inactive category is not offered: {tab}"
    );
    // An inactive category cannot be chosen for a new upload.
    let res = upload(&ola, app, oslo, logo, false, &[("logo.png", png())]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Velg en kategori"));
});

db_test!(a_huge_form_field_beside_the_files_is_refused, |app| {
    let (oslo, _) = two_customers(app).await;
    let ola = app.login("ola@test.no").await;
    let other = category(app, "other").await;
    let huge = "x".repeat(2 * 1024 * 1024);
    // The file first, then a 2 MB description: the file already in the store is removed too.
    let form = Form::new()
        .part(
            "files",
            Part::bytes(pdf("Avtale"))
                .file_name("avtale.pdf")
                .mime_str("application/pdf")
                .unwrap(),
        )
        .text("category_id", other.to_string())
        .text("description", huge.clone());
    let res = ola
        .post(app.url(&format!("/customers/{oslo}/documents")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("Et av feltene i skjemaet er for langt (høyst 64 kB). Ingenting ble lagret."),
        "{page}"
    );
    // The same on the dialog's attachment upload, in the order a browser sends.
    let form = Form::new().text("note", huge).part(
        "files",
        Part::bytes(pdf("Vedlegg"))
            .file_name("vedlegg.pdf")
            .mime_str("application/pdf")
            .unwrap(),
    );
    let res = ola
        .post(app.url(&format!("/customers/{oslo}/dialog/attachments")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    assert!(documents(app, oslo).await.is_empty());
    assert_eq!(stored_files(app), 0);

    // A normal upload still goes through.
    let res = upload(
        &ola,
        app,
        oslo,
        other,
        false,
        &[("avtale.pdf", pdf("Avtale"))],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(documents(app, oslo).await.len(), 1);
    assert_eq!(stored_files(app), 1);
});
