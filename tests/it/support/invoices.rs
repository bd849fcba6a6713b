//! Issued invoices for the accounting, API and card tests: a buyer with what § 5-1-1 wants, a
//! line as typed, an invoice issued some days ago through the store, a credit note for chosen
//! lines.

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
    let mut tx = app.db.pool.begin().await.unwrap();
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
    let mut tx = app.db.pool.begin().await.unwrap();
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
