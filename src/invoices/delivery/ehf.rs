//! EHF through the access point: the document's UBL (`documents::ehf`, as `/invoices/{id}/ehf.xml`
//! serves it) goes to the buyer's PEPPOL endpoint, after the access point said the buyer
//! receives that document type (invoice or credit note). A buyer that does not is a failed
//! delivery with that reason (staff may switch the document to email or print); a passing
//! problem (5xx, unreachable) is retried with the jobs' back-off, with the same idempotency key.

use super::{Payload, store};
use crate::{
    Result, ehf,
    integrations::access_point::{DocKind, Participant},
    invoices::documents::{Issued, ehf::document},
    jobs::Outcome,
    state::AppState,
};

async fn fail(state: &AppState, d: &store::Delivery, key: &str, detail: &str) -> Result<Outcome> {
    let mut tx = state.db.begin().await?;
    store::finish(&mut tx, d, Some(key), "failed", detail, None).await?;
    tx.commit().await?;
    Ok(Outcome::Done)
}

pub async fn deliver(state: &AppState, p: &Payload) -> Result<Outcome> {
    let Some(client) = &state.access_point else {
        return Ok(Outcome::Retry("the access point is not configured".into()));
    };
    let Some(d) = store::current(&state.db, p.invoice_id, &p.key).await? else {
        return Ok(Outcome::Done);
    };
    let doc = {
        let mut conn = state.db.pool.acquire().await?;
        Issued::load(&mut conn, p.invoice_id).await?
    };
    let Some(doc) = doc else {
        return Ok(Outcome::Fail("not an issued document".into()));
    };
    let written = document(&doc, &state.config.seller).and_then(|document| {
        let ubl = ehf::write(&document)
            .map_err(|e| crate::AppError::Internal(anyhow::anyhow!("EHF: {e}")))?;
        Ok((document.buyer.endpoint.clone(), ubl))
    });
    let (endpoint, ubl) = match written {
        Ok(w) => w,
        // The document cannot be EHF as it stands (e.g. neither buyer nor order reference).
        Err(e) => return fail(state, &d, &p.key, &format!("ehf-invalid:{e}")).await,
    };
    let to = Participant {
        scheme: endpoint.scheme,
        id: endpoint.id,
    };
    let kind = if d.kind == "credit_note" {
        DocKind::CreditNote
    } else {
        DocKind::Invoice
    };
    match client.receives(&to, kind).await {
        Ok(true) => {}
        Ok(false) => {
            let code = if kind == DocKind::Invoice {
                "not-receiver"
            } else {
                "not-receiver-credit"
            };
            return fail(state, &d, &p.key, &format!("{code}:{to}")).await;
        }
        Err(e) if e.permanent => {
            return fail(state, &d, &p.key, &format!("error:{}", e.reason)).await;
        }
        Err(e) => return Ok(Outcome::Retry(e.reason)),
    }
    match client.submit(&to, kind, &ubl, &p.key).await {
        Ok(guid) => {
            let mut tx = state.db.begin().await?;
            store::finish(
                &mut tx,
                &d,
                Some(&p.key),
                "sent",
                &format!("ap-id:{guid}"),
                None,
            )
            .await?;
            tx.commit().await?;
            Ok(Outcome::Done)
        }
        Err(e) if e.permanent => fail(state, &d, &p.key, &format!("error:{}", e.reason)).await,
        Err(e) => Ok(Outcome::Retry(e.reason)),
    }
}
