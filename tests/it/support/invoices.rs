//! Issued invoices for the accounting, API and card tests: a buyer with what § 5-1-1 wants, a
//! line as typed, an invoice issued some days ago through the store, a credit note for chosen
//! lines; earlier invoices imported through the pages (preview, import); a payment.

use kundekort::{
    customers::model::CustomerDraft,
    invoices::{credit::credit_lines, model::LineInput, store},
    timefmt::{now, when::oslo_date},
};

use super::TestApp;

/// A customer with organisation number and postal address.
pub async fn buyer(app: &TestApp, name: &str) -> i64 {
    app.customer(CustomerDraft {
        name: name.into(),
        org_number: "974760673".into(),
        status: "active".into(),
        postal_street: "Postboks 900".into(),
        postal_postal_code: "0150".into(),
        ..Default::default()
    })
    .await
}

pub fn line(
    description: &str,
    quantity_milli: i64,
    price_ore: i64,
    category: &str,
    rate_bp: i64,
) -> LineInput {
    LineInput {
        description: description.into(),
        quantity_milli,
        unit_code: "HUR".into(),
        unit_price_ore: price_ore,
        vat_category: category.into(),
        vat_rate_bp: rate_bp,
        exemption_reason: (category == "E").then(|| "mval. § 3-2".into()),
    }
}

/// An invoice issued `days_ago` days before today with `lines`; its id and line ids.
pub async fn issued(
    app: &TestApp,
    customer: i64,
    lines: &[LineInput],
    days_ago: i64,
) -> (i64, Vec<i64>) {
    let user = app.fx.admin;
    let mut tx = app.db.begin().await.unwrap();
    let id = store::create_draft(&mut tx, customer, None, None, user)
        .await
        .unwrap();
    let mut version = 1;
    let mut ids = Vec::new();
    for l in lines {
        let (line_id, v) = store::add_line(&mut tx, id, version, l, user)
            .await
            .unwrap();
        ids.push(line_id);
        version = v;
    }
    let day = oslo_date(now()) - time::Duration::days(days_ago);
    store::issue(&mut tx, id, version, user, day).await.unwrap();
    tx.commit().await.unwrap();
    (id, ids)
}

pub async fn credit(app: &TestApp, invoice: i64, lines: &[i64]) -> i64 {
    let mut tx = app.db.begin().await.unwrap();
    let note = credit_lines(
        &mut tx,
        invoice,
        lines,
        "Feil timetall",
        app.fx.admin,
        oslo_date(now()),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    note.id
}

/// A hidden field's value in a page (every one named `name`).
pub fn hidden_all(page: &str, name: &str) -> Vec<String> {
    let needle = format!("name=\"{name}\" value=\"");
    page.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &page[at + needle.len()..];
            rest[..rest.find('"').unwrap()]
                .replace("&#x2f;", "/")
                .replace("&#47;", "/")
                .replace("&#x2b;", "+")
                .replace("&#43;", "+")
                .replace("&#61;", "=")
                .replace("&#x3d;", "=")
                .replace("&#58;", ":")
                .replace("&#x3a;", ":")
                .replace("&amp;", "&")
        })
        .collect()
}

/// The preview of a file of earlier invoices (`/invoices/earlier/import/preview`) with PDFs.
pub async fn earlier_preview(
    client: &reqwest::Client,
    app: &TestApp,
    csv: &str,
    pdfs: &[(&str, &[u8])],
) -> (u16, String) {
    use reqwest::multipart::{Form, Part};
    let mut form = Form::new().part(
        "file",
        Part::bytes(csv.as_bytes().to_vec())
            .file_name("tidligere.csv")
            .mime_str("text/csv")
            .unwrap(),
    );
    for (name, bytes) in pdfs {
        form = form.part(
            "pdfs",
            Part::bytes(bytes.to_vec())
                .file_name(name.to_string())
                .mime_str("application/pdf")
                .unwrap(),
        );
    }
    let res = client
        .post(app.url("/invoices/earlier/import/preview"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The import of a previewed file: the preview's hidden fields sent back.
pub async fn earlier_import(client: &reqwest::Client, app: &TestApp, page: &str) -> (u16, String) {
    let mut form: Vec<(&str, String)> = vec![("file_name", "tidligere.csv".to_string())];
    for name in ["content", "sha256"] {
        form.push((name, hidden_all(page, name).remove(0)));
    }
    for pdf in hidden_all(page, "pdf") {
        form.push(("pdf", pdf));
    }
    let res = client
        .post(app.url("/invoices/earlier/import"))
        .form(&form)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.text().await.unwrap())
}

/// Earlier invoices imported by the admin: preview, then import (which must succeed); the ids
/// of the earlier invoices by number.
pub async fn import_earlier(
    app: &TestApp,
    csv: &str,
    pdfs: &[(&str, &[u8])],
) -> std::collections::HashMap<i64, i64> {
    let admin = app.admin().await;
    let (code, page) = earlier_preview(&admin, app, csv, pdfs).await;
    assert_eq!(code, 200, "{page}");
    let (code, body) = earlier_import(&admin, app, &page).await;
    assert_eq!(code, 303, "{body}");
    sqlx::query_as::<_, (i64, i64)>(
        "SELECT number, id FROM invoices WHERE origin = 'earlier' AND kind = 'invoice'",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
    .into_iter()
    .collect()
}

/// A customer's number.
pub async fn customer_number(app: &TestApp, customer: i64) -> i64 {
    sqlx::query_as::<_, (i64,)>("SELECT customer_number FROM customers WHERE id = $1")
        .bind(customer)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
        .0
}

/// A payment registered by hand through the store: matched to `invoice` (or unmatched); its id.
pub async fn pay(app: &TestApp, invoice: Option<i64>, amount_ore: i64, paid_on: &str) -> i64 {
    use kundekort::payments::store::{NewPayment, insert};
    let mut tx = app.db.begin().await.unwrap();
    let id = insert(
        &mut tx,
        &NewPayment {
            invoice_id: invoice,
            amount_ore,
            paid_on,
            kid: None,
            payer: Some("Kunde AS"),
            reference: None,
            note: None,
            source: "manual",
            import_id: None,
            line_number: None,
            user_id: app.fx.admin,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    id
}
