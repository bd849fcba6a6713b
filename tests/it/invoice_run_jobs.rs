//! The invoice run at scale (decision 0034): a large run's drafts are the `invoice_run` job, the
//! run's page shows a progress bar until the job has worked it and then the result (drafts
//! made, customers left out for red problems); "issue all drafts of this run" has a confirm step
//! with the count and the sum, issues each draft in its own transaction, and reports a draft
//! that cannot be issued with its reason while the others are issued; a small run still makes
//! its drafts in the request. Access: finance, the run's creator or an admin. On both databases.

use kundekort::{app::job_handlers, jobs};
use time::macros::date;

use crate::db_test;
use crate::support::{
    TestApp,
    fixtures::count,
    timesheets::{Setup, generate, line, setup, version},
};
use kundekort::timesheets::{
    line::LineDraft,
    store::{self as sheets, Actor, By, Via},
};

const FROM: &str = "2026-12-01";
const TO: &str = "2026-12-31";

/// Every run is a job: the test config makes nothing inline.
fn all_jobs(c: &mut kundekort::config::Config) {
    c.invoice_run_inline = 0;
}

async fn approve(app: &TestApp, s: &Setup, id: i64, lines: &[LineDraft]) {
    let worker = By::new(Actor::Worker(s.worker), Via::Page);
    let mut tx = app.db.begin().await.unwrap();
    let saved = sheets::save(&mut tx, id, version(app, id).await, lines, &[], &worker)
        .await
        .unwrap();
    let v = sheets::submit(&mut tx, id, saved.version, &worker)
        .await
        .unwrap();
    sheets::approve(
        &mut tx,
        id,
        v,
        &By::new(Actor::Contact(s.approver), Via::Page),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

/// A customer named `name` with Kari's week of 7 December approved (5 × 7.5 hours at 450 kr:
/// 16 875 kr); invoiceable (organisation number and postal address) when `ready`.
async fn customer(app: &TestApp, name: &str, ready: bool) -> Setup {
    let s = setup(app, false).await;
    sqlx::query("UPDATE customers SET name = $1 WHERE id = $2")
        .bind(name)
        .bind(s.customer)
        .execute(&app.db.pool)
        .await
        .unwrap();
    if ready {
        sqlx::query(
            "UPDATE customers SET org_number = $1, postal_street = 'Postboks 1', \
             postal_postal_code = '0150', postal_city = 'OSLO' WHERE id = $2",
        )
        .bind(format!("9{:08}", s.customer))
        .bind(s.customer)
        .execute(&app.db.pool)
        .await
        .unwrap();
    }
    let sheet = generate(app, &s, date!(2026 - 12 - 07), date!(2026 - 12 - 13)).await("2026-12-07");
    let week: Vec<LineDraft> = (7..12)
        .map(|d| line(&format!("2026-12-{d:02}"), "07:30", "15:30", "30"))
        .collect();
    approve(app, &s, sheet, &week).await;
    s
}

async fn text(c: &reqwest::Client, url: String) -> (u16, String) {
    let res = c.get(url).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn run_jobs(app: &TestApp) -> usize {
    jobs::run_until_idle(&app.state, &job_handlers(), "w")
        .await
        .unwrap()
}

fn location(res: &reqwest::Response) -> String {
    res.headers()["location"].to_str().unwrap().to_string()
}

db_test!(
    a_large_run_works_in_the_background_and_issues_all_its_drafts,
    config = all_jobs,
    |app| {
        let a = customer(app, "Alfa Bygg AS", true).await;
        let b = customer(app, "Beta Betong AS", true).await;
        let _c = customer(app, "Gamma Grus AS", false).await;
        let admin = app.admin().await;
        let res = admin
            .post(app.url("/invoices/run"))
            .form(&[("from", FROM), ("to", TO), ("department", "")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let page = location(&res);
        let (run,): (i64,) = sqlx::query_as("SELECT id FROM invoice_runs")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(page, format!("/invoices/run/{run}"));
        // Nothing made in the request: the page shows the bar, polled every second, and works
        // without JavaScript too.
        assert_eq!(count(app, "SELECT COUNT(*) FROM invoices").await, 0);
        let (status, html) = text(&admin, app.url(&page)).await;
        assert_eq!(status, 200);
        assert!(
            html.contains("<progress id=\"invoice-run-bar\" max=\"2\" value=\"0\""),
            "{html}"
        );
        assert!(
            html.contains(&format!("hx-get=\"/invoices/run/{run}/progress\"")),
            "{html}"
        );
        assert!(html.contains("hx-trigger=\"every 1s\""), "{html}");
        assert!(
            html.contains("<noscript><meta http-equiv=\"refresh\""),
            "{html}"
        );
        assert!(html.contains("id=\"invoice-run-reload\""), "{html}");
        assert!(html.contains("0 av 2 kunder ferdig."), "{html}");
        let res = admin
            .get(app.url(&format!("{page}/progress")))
            .header("hx-request", "true")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.headers().get("hx-refresh").is_none());

        // The job makes the drafts, one per ready customer; the blocked one is left out.
        assert_eq!(run_jobs(app).await, 1);
        let (drafts,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM invoices WHERE status = 'draft'")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(drafts, 2);
        let res = admin
            .get(app.url(&format!("{page}/progress")))
            .header("hx-request", "true")
            .send()
            .await
            .unwrap();
        assert_eq!(res.headers()["hx-refresh"], "true");
        assert!(res.text().await.unwrap().contains("2 av 2 kunder ferdig."));
        let (_, html) = text(&admin, app.url(&page)).await;
        assert!(!html.contains("<progress"), "{html}");
        assert!(
            html.contains("2 fakturautkast laget, 33\u{a0}750,00 kr"),
            "{html}"
        );
        assert!(
            html.contains("Ikke fakturert på grunn av røde problemer: Gamma Grus AS."),
            "{html}"
        );
        let id_of = async |customer: i64| -> i64 {
            sqlx::query_scalar("SELECT id FROM invoices WHERE customer_id = $1")
                .bind(customer)
                .fetch_one(&app.db.pool)
                .await
                .unwrap()
        };
        let (inv_a, inv_b) = (id_of(a.customer).await, id_of(b.customer).await);
        assert!(
            html.contains(&format!("href=\"/invoices/{inv_a}\"")),
            "{html}"
        );
        assert!(
            html.contains(&format!("href=\"/invoices/{inv_b}/hours\"")),
            "{html}"
        );
        assert!(
            html.contains("Utsted alle 2 utkastene fra kjøringen"),
            "{html}"
        );

        // Beta now wants its own reference or a purchase order on every invoice, and its draft
        // has neither (the approver's name, which the run put as "your reference", is taken
        // off): it cannot be issued.
        sqlx::query(
            "INSERT INTO invoice_settings (customer_id, po_required, updated_at) VALUES ($1, 1, 0) \
         ON CONFLICT (customer_id) DO UPDATE SET po_required = 1",
        )
        .bind(b.customer)
        .execute(&app.db.pool)
        .await
        .unwrap();
        sqlx::query("UPDATE invoices SET buyer_reference = NULL WHERE id = $1")
            .bind(inv_b)
            .execute(&app.db.pool)
            .await
            .unwrap();
        // The confirm step: how many and their sum.
        let (status, html) = text(&admin, app.url(&format!("{page}/issue"))).await;
        assert_eq!(status, 200);
        assert!(
            html.contains("2 fakturautkast blir utstedt, til sammen 33\u{a0}750,00 kr eks. mva."),
            "{html}"
        );
        assert!(
            html.contains(&format!("action=\"/invoices/run/{run}/issue\"")),
            "{html}"
        );
        assert_eq!(
            count(app, "SELECT COUNT(*) FROM invoices WHERE status = 'issued'").await,
            0
        );
        let res = admin
            .post(app.url(&format!("{page}/issue")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(location(&res), page);
        let (_, html) = text(&admin, app.url(&page)).await;
        assert!(html.contains("Utsteder fakturaer"), "{html}");
        assert!(html.contains("0 av 2 fakturaer ferdig."), "{html}");
        // The run's job, then the PDF jobs the issued invoices queued.
        assert!(run_jobs(app).await > 1);
        // Alfa's is issued with the first number; Beta's stays a draft, with the reason shown.
        let (number, status): (Option<i64>, String) =
            sqlx::query_as("SELECT number, status FROM invoices WHERE id = $1")
                .bind(inv_a)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!((number, status.as_str()), (Some(1), "issued"));
        let (status,): (String,) = sqlx::query_as("SELECT status FROM invoices WHERE id = $1")
            .bind(inv_b)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(status, "draft");
        let (_, html) = text(&admin, app.url(&page)).await;
        assert!(
            html.contains("Én faktura utstedt. Én kunne ikke utstedes."),
            "{html}"
        );
        assert!(html.contains("Faktura 1</a>"), "{html}");
        assert!(
            html.contains("Kunden krever referanse eller bestillingsnummer på alle fakturaer."),
            "{html}"
        );
        assert!(
            html.contains(&format!("href=\"/invoices/{inv_b}\"")),
            "{html}"
        );
        assert!(html.contains("Utsted utkastet fra kjøringen"), "{html}");
        let (issued, failed, state): (i64, i64, String) =
            sqlx::query_as("SELECT issued, failed, state FROM invoice_runs WHERE id = $1")
                .bind(run)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!((issued, failed, state.as_str()), (1, 1, "done"));

        // Put right (the reference filled in), issuing the run again tries it: the next number.
        sqlx::query("UPDATE invoices SET order_reference = 'PO-77' WHERE id = $1")
            .bind(inv_b)
            .execute(&app.db.pool)
            .await
            .unwrap();
        let res = admin
            .post(app.url(&format!("{page}/issue")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        // The run's job, then the PDF jobs the issued invoices queued.
        assert!(run_jobs(app).await > 1);
        let (number,): (Option<i64>,) = sqlx::query_as("SELECT number FROM invoices WHERE id = $1")
            .bind(inv_b)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(number, Some(2));
        // Nothing left to issue: the confirm step sends back to the run, and a POST changes nothing.
        let res = admin
            .get(app.url(&format!("{page}/issue")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let res = admin
            .post(app.url(&format!("{page}/issue")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(run_jobs(app).await, 0);
        // Each issued invoice queued its PDF.
        assert_eq!(
            count(app, "SELECT COUNT(*) FROM jobs WHERE kind = 'invoice_pdf'").await,
            2
        );
    }
);

db_test!(
    a_run_job_run_again_makes_nothing_twice,
    config = all_jobs,
    |app| {
        customer(app, "Alfa Bygg AS", true).await;
        let admin = app.admin().await;
        let res = admin
            .post(app.url("/invoices/run"))
            .form(&[("from", FROM), ("to", TO)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let (run,): (i64,) = sqlx::query_as("SELECT id FROM invoice_runs")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        // The same run worked twice (a job claimed again after its lease ran out): the customer is
        // taken once.
        let r = kundekort::invoices::run::runs::get(&app.db, run)
            .await
            .unwrap()
            .unwrap();
        kundekort::invoices::run::runs::work_drafts(&app.db, &r)
            .await
            .unwrap();
        kundekort::invoices::run::runs::work_drafts(&app.db, &r)
            .await
            .unwrap();
        assert_eq!(run_jobs(app).await, 1);
        assert_eq!(count(app, "SELECT COUNT(*) FROM invoices").await, 1);
        assert_eq!(
            count(app, "SELECT COUNT(*) FROM invoice_run_invoices").await,
            1
        );
        let (done, made): (i64, i64) =
            sqlx::query_as("SELECT done, made FROM invoice_runs WHERE id = $1")
                .bind(run)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!((done, made), (1, 1));
    }
);

db_test!(
    a_small_run_is_made_at_once_and_offers_to_issue_its_drafts,
    |app| {
        let a = customer(app, "Alfa Bygg AS", true).await;
        let admin = app.admin().await;
        let res = admin
            .post(app.url("/invoices/run"))
            .form(&[
                ("from", FROM.to_string()),
                ("to", TO.to_string()),
                ("customer", a.customer.to_string()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        assert!(html.contains("Ett fakturautkast laget"), "{html}");
        let (run,): (i64,) = sqlx::query_as("SELECT id FROM invoice_runs")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert!(
            html.contains(&format!("href=\"/invoices/run/{run}/issue\"")),
            "{html}"
        );
        assert_eq!(
            count(app, "SELECT COUNT(*) FROM jobs WHERE kind = 'invoice_run'").await,
            0
        );
        // Issuing is a job even for a small run.
        let res = admin
            .post(app.url(&format!("/invoices/run/{run}/issue")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        // The run's job, then the PDF jobs the issued invoices queued.
        assert!(run_jobs(app).await > 1);
        assert_eq!(
            count(app, "SELECT COUNT(*) FROM invoices WHERE status = 'issued'").await,
            1
        );
    }
);

db_test!(
    only_finance_and_the_runs_own_creator_see_a_run,
    config = all_jobs,
    |app| {
        let a = customer(app, "Alfa Bygg AS", true).await;
        // Lise (manager, Oslo) runs her customer.
        let lise = app.login("leder@test.no").await;
        let res = lise
            .post(app.url("/invoices/run"))
            .form(&[
                ("from", FROM.to_string()),
                ("to", TO.to_string()),
                ("customer", a.customer.to_string()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let page = location(&res);
        assert_eq!(text(&lise, app.url(&page)).await.0, 200);
        // Ola (consultant) may not; the admin may; Berit (not the creator) does not see it.
        let ola = app.login("ola@test.no").await;
        for path in [
            page.clone(),
            format!("{page}/progress"),
            format!("{page}/issue"),
        ] {
            assert_eq!(text(&ola, app.url(&path)).await.0, 403, "{path}");
        }
        let res = ola
            .post(app.url(&format!("{page}/issue")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        assert_eq!(text(&app.admin().await, app.url(&page)).await.0, 200);
        let berit = app.login("berit@test.no").await;
        let (status, _) = text(&berit, app.url(&page)).await;
        assert!(status == 403 || status == 404, "{status}");
        assert_eq!(text(&lise, app.url("/invoices/run/999999")).await.0, 404);
    }
);

db_test!(
    a_customer_blocked_after_the_preview_fails_alone_in_its_batch,
    config = all_jobs,
    |app| {
        // Three customers made in one transaction (one batch), each under its own savepoint.
        let a = customer(app, "Alfa Bygg AS", true).await;
        let b = customer(app, "Beta Betong AS", true).await;
        let c = customer(app, "Gamma Grus AS", true).await;
        let admin = app.admin().await;
        let res = admin
            .post(app.url("/invoices/run"))
            .form(&[("from", FROM), ("to", TO)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        // After the preview and before the job: Beta's organisation number is removed.
        sqlx::query("UPDATE customers SET org_number = NULL WHERE id = $1")
            .bind(b.customer)
            .execute(&app.db.pool)
            .await
            .unwrap();
        run_jobs(app).await;
        let drafts: Vec<(i64,)> =
            sqlx::query_as("SELECT customer_id FROM invoices ORDER BY customer_id")
                .fetch_all(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(drafts, vec![(a.customer,), (c.customer,)]);
        let states: Vec<(i64, String, Option<String>)> = sqlx::query_as(
            "SELECT customer_id, state, reason FROM invoice_run_customers ORDER BY customer_id",
        )
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(
            states,
            vec![
                (a.customer, "done".to_string(), None),
                (
                    b.customer,
                    "failed".to_string(),
                    Some("invoice-run-blocked-now".to_string())
                ),
                (c.customer, "done".to_string(), None),
            ]
        );
        let (done, failed, made): (i64, i64, i64) =
            sqlx::query_as("SELECT done, failed, made FROM invoice_runs")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!((done, failed, made), (2, 1, 2));
        // Beta's hours are not billed and its sheet not marked.
        assert_eq!(
            count(
                app,
                &format!(
                    "SELECT COUNT(*) FROM invoice_billing b JOIN timesheets t \
                     ON t.id = b.timesheet_id JOIN assignments a ON a.id = t.assignment_id \
                     WHERE a.customer_id = {}",
                    b.customer
                )
            )
            .await,
            0
        );
    }
);

db_test!(
    a_customer_that_fails_while_its_batch_is_written_together_fails_alone,
    config = all_jobs,
    |app| {
        // The batch's drafts are first written together; when one customer's cannot be (here
        // Beta's purchase order gained a control character after the preview, which a draft
        // refuses), all of it is undone and each customer is written alone: Alfa and Gamma are
        // made, Beta fails with the reason named, nothing of Beta's is billed.
        let a = customer(app, "Alfa Bygg AS", true).await;
        let b = customer(app, "Beta Betong AS", true).await;
        let c = customer(app, "Gamma Grus AS", true).await;
        let admin = app.admin().await;
        let res = admin
            .post(app.url("/invoices/run"))
            .form(&[("from", FROM), ("to", TO)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        sqlx::query("UPDATE assignments SET purchase_order = $1 WHERE id = $2")
            .bind("PO\u{7}17")
            .bind(b.assignment)
            .execute(&app.db.pool)
            .await
            .unwrap();
        run_jobs(app).await;
        let drafts: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT i.customer_id, COUNT(l.id) FROM invoices i \
             JOIN invoice_lines l ON l.invoice_id = i.id GROUP BY i.customer_id \
             ORDER BY i.customer_id",
        )
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(
            drafts.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
            vec![a.customer, c.customer]
        );
        assert!(drafts.iter().all(|(_, lines)| *lines > 0), "{drafts:?}");
        let states: Vec<(i64, String, Option<String>)> = sqlx::query_as(
            "SELECT customer_id, state, reason FROM invoice_run_customers ORDER BY customer_id",
        )
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(
            states,
            vec![
                (a.customer, "done".to_string(), None),
                (
                    b.customer,
                    "failed".to_string(),
                    Some("field-control-chars".to_string())
                ),
                (c.customer, "done".to_string(), None),
            ]
        );
        // Every line of the made drafts bills its source once, and their audit rows are there.
        assert_eq!(
            count(
                app,
                "SELECT COUNT(*) FROM invoice_lines l LEFT JOIN invoice_billing b \
                 ON b.invoice_line_id = l.id WHERE b.source_key IS NULL"
            )
            .await,
            0
        );
        assert_eq!(
            count(
                app,
                "SELECT COUNT(*) FROM audit_log WHERE entity = 'invoice' AND action = 'create'"
            )
            .await,
            2
        );
        assert_eq!(
            count(
                app,
                &format!(
                    "SELECT COUNT(*) FROM invoice_billing b JOIN timesheets t \
                     ON t.id = b.timesheet_id JOIN assignments a ON a.id = t.assignment_id \
                     WHERE a.customer_id = {}",
                    b.customer
                )
            )
            .await,
            0
        );
    }
);
