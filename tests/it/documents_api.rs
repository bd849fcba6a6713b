//! `/api/v1/customers/{id}/documents`: uploading through the API (the page's checks), listing,
//! the file back byte for byte, versions, the bin and back, and the card's access rules.

use reqwest::multipart::{Form, Part};
use serde_json::Value;

use crate::{
    db_test,
    support::{
        TestApp,
        fixtures::{category, documents, exe, pdf, two_customers, upload},
    },
};

/// Posts files to the API's upload, with no category (the default one).
async fn api_upload(
    client: &reqwest::Client,
    app: &TestApp,
    customer: i64,
    files: &[(&str, Vec<u8>)],
) -> reqwest::Response {
    let mut form = Form::new().text("description", "Fra API-et");
    for (name, bytes) in files {
        form = form.part(
            "files",
            Part::bytes(bytes.clone())
                .file_name(name.to_string())
                .mime_str("application/octet-stream")
                .unwrap(),
        );
    }
    client
        .post(app.url(&format!("/api/v1/customers/{customer}/documents")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn get_json(client: &reqwest::Client, url: String) -> (u16, Value) {
    let res = client.get(url).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

db_test!(upload_list_and_download_through_the_api, |app| {
    let (oslo, _) = two_customers(app).await;
    let ola = app.login("ola@test.no").await;
    let bytes = pdf("Rammeavtale Ærø");
    let res = api_upload(&ola, app, oslo, &[("Avtale Ærø.pdf", bytes.clone())]).await;
    assert_eq!(res.status(), 201);
    let created: Value = res.json().await.unwrap();
    assert_eq!(created["total"], 1, "{created}");
    let doc = &created["items"][0];
    assert_eq!(doc["title"], "Avtale Ærø.pdf");
    assert_eq!(doc["content_type"], "application/pdf");
    assert_eq!(doc["category_id"], category(app, "other").await);
    assert_eq!(doc["size_bytes"], bytes.len());
    let (did, vid) = (
        doc["id"].as_i64().unwrap(),
        doc["version_id"].as_i64().unwrap(),
    );

    let (status, list) = get_json(
        &ola,
        app.url(&format!("/api/v1/customers/{oslo}/documents")),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(list["total"], 1, "{list}");
    assert_eq!(list["items"][0]["id"], did);
    let (status, versions) = get_json(
        &ola,
        app.url(&format!(
            "/api/v1/customers/{oslo}/documents/{did}/versions"
        )),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(versions["total"], 1, "{versions}");
    assert_eq!(versions["items"][0]["id"], vid);
    assert_eq!(versions["items"][0]["version_no"], 1);
    assert!(versions["items"][0].get("storage_key").is_none());

    let res = ola
        .get(app.url(&format!(
            "/api/v1/customers/{oslo}/documents/{did}/versions/{vid}/file"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert_eq!(
        res.headers()["content-disposition"],
        "attachment; filename=\"Avtale Ero.pdf\"; filename*=UTF-8''Avtale%20%C3%86r%C3%B8.pdf"
    );
    assert_eq!(res.bytes().await.unwrap().to_vec(), bytes);

    // A program named as a PDF is refused with the page's reason, and nothing of that upload
    // is kept (the good file sent with it neither).
    let res = api_upload(
        &ola,
        app,
        oslo,
        &[("tilbud.pdf", exe()), ("ok.pdf", pdf("Ok"))],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let problem: Value = res.json().await.unwrap();
    let reason = problem["errors"]["files"][0].as_str().unwrap();
    assert!(
        reason.starts_with("«tilbud.pdf» ble ikke lagret: "),
        "{problem}"
    );
    assert_eq!(documents(app, oslo).await.len(), 1);
    // No file at all, or a category that does not exist: 422 too.
    let res = api_upload(&ola, app, oslo, &[]).await;
    assert_eq!(res.status(), 422);
    let form = Form::new()
        .text("category_id", "999999")
        .part("files", Part::bytes(pdf("x")).file_name("x.pdf"));
    let res = ola
        .post(app.url(&format!("/api/v1/customers/{oslo}/documents")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let problem: Value = res.json().await.unwrap();
    assert!(problem["errors"]["details"].is_array(), "{problem}");
    assert_eq!(documents(app, oslo).await.len(), 1);
});

db_test!(the_bin_through_the_api, |app| {
    let (oslo, _) = two_customers(app).await;
    let ola = app.login("ola@test.no").await;
    let admin = app.admin().await;
    let res = api_upload(&ola, app, oslo, &[("avtale.pdf", pdf("Avtale"))]).await;
    let created: Value = res.json().await.unwrap();
    let did = created["items"][0]["id"].as_i64().unwrap();
    let vid = created["items"][0]["version_id"].as_i64().unwrap();
    let doc_url = app.url(&format!("/api/v1/customers/{oslo}/documents/{did}"));
    let list_url = app.url(&format!("/api/v1/customers/{oslo}/documents"));
    let file_url = format!("{doc_url}/versions/{vid}/file");

    let res = ola.delete(&doc_url).send().await.unwrap();
    assert_eq!(res.status(), 204);
    assert_eq!(get_json(&ola, list_url.clone()).await.1["total"], 0);
    // As on the pages: the bin and what is in it are for administrators.
    assert_eq!(get_json(&ola, format!("{list_url}?bin=true")).await.0, 403);
    assert_eq!(get_json(&ola, doc_url.clone()).await.0, 404);
    assert_eq!(ola.get(&file_url).send().await.unwrap().status(), 404);
    let (status, bin) = get_json(&admin, format!("{list_url}?bin=true")).await;
    assert_eq!(status, 200);
    assert_eq!(bin["total"], 1, "{bin}");
    assert!(bin["items"][0]["deleted_at"].is_i64(), "{bin}");
    assert_eq!(admin.get(&file_url).send().await.unwrap().status(), 200);
    let res = ola.post(format!("{doc_url}/restore")).send().await.unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(res.headers()["content-type"], "application/problem+json");

    let res = admin
        .post(format!("{doc_url}/restore"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let restored: Value = res.json().await.unwrap();
    assert!(restored["deleted_at"].is_null(), "{restored}");
    assert_eq!(get_json(&ola, list_url).await.1["total"], 1);
    // The card's history has both steps, as when done on the page.
    let actions: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE entity = 'document' AND entity_id = $1 ORDER BY id",
    )
    .bind(did)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        actions,
        ["document-create", "document-delete", "document-restore"]
    );
});

db_test!(documents_in_the_api_follow_the_cards_access, |app| {
    let (oslo, _) = two_customers(app).await;
    let ola = app.login("ola@test.no").await;
    let res = upload(
        &ola,
        app,
        oslo,
        category(app, "offer").await,
        false,
        &[("a.pdf", pdf("A"))],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (did, vid, _) = documents(app, oslo).await[0].clone();
    // Berit in Bergen does not see Oslo's customer: 404 in the API as on the page.
    let berit = app.login("berit@test.no").await;
    let page = berit
        .get(app.url(&format!("/customers/{oslo}/documents")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 404);
    let base = format!("/api/v1/customers/{oslo}/documents");
    for url in [
        base.clone(),
        format!("{base}/{did}"),
        format!("{base}/{did}/versions"),
        format!("{base}/{did}/versions/{vid}/file"),
    ] {
        let res = berit.get(app.url(&url)).send().await.unwrap();
        assert_eq!(res.status(), 404, "{url}");
        assert_eq!(res.headers()["content-type"], "application/problem+json");
    }
    let res = api_upload(&berit, app, oslo, &[("b.pdf", pdf("B"))]).await;
    assert_eq!(res.status(), 404);
    let res = berit
        .delete(app.url(&format!("{base}/{did}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(documents(app, oslo).await.len(), 1);
});

db_test!(
    a_consultant_who_only_sees_cannot_change_documents,
    config = |c| c.consultant_scope = kundekort::config::ConsultantScope::All,
    |app| {
        let (oslo, _) = two_customers(app).await;
        let ola = app.login("ola@test.no").await;
        let res = api_upload(&ola, app, oslo, &[("a.pdf", pdf("A"))]).await;
        assert_eq!(res.status(), 201);
        let (did, _, _) = documents(app, oslo).await[0].clone();
        // Berit sees the whole firm but may change only Bergen's: 403, as the page answers.
        let berit = app.login("berit@test.no").await;
        let url = format!("/api/v1/customers/{oslo}/documents");
        let (status, list) = get_json(&berit, app.url(&url)).await;
        assert_eq!(status, 200);
        assert_eq!(list["total"], 1);
        let page = upload(
            &berit,
            app,
            oslo,
            category(app, "offer").await,
            false,
            &[("b.pdf", pdf("B"))],
        )
        .await;
        assert_eq!(page.status(), 403);
        let res = api_upload(&berit, app, oslo, &[("b.pdf", pdf("B"))]).await;
        assert_eq!(res.status(), 403);
        let res = berit
            .delete(app.url(&format!("{url}/{did}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        assert_eq!(documents(app, oslo).await.len(), 1);
    }
);
