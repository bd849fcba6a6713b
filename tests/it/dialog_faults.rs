//! Messages are never lost nor sent twice: the mail server down when a message is queued, a
//! mail server that dies in the middle of a send, a worker that dies after claiming a job or
//! after sending, a permanent refusal, and a channel that is not configured yet.

use std::time::Duration;

use kundekort::{AppState, jobs};

use crate::{
    db_test,
    support::fake_smtp::FakeSmtp,
    support::fixtures::{customer_with_contacts, events, message_rows, queue_email, run_worker},
    support::smtp_config,
    support::{Backend, run_with},
};

/// A port where nothing listens now (the fake server comes up there later).
async fn free_port() -> std::net::SocketAddr {
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    l.local_addr().unwrap()
}

db_test!(
    smtp_down_when_queued_then_up_delivers_once,
    each_backend = smtp_down_then_up
);
async fn smtp_down_then_up(backend: Backend) {
    let addr = free_port().await;
    run_with(
        backend,
        |c| c.smtp = Some(smtp_config(addr.port())),
        async |app| {
            let (oslo, _, ase, _) = customer_with_contacts(app).await;
            queue_email(app, oslo, ase, "Mens serveren var nede").await;
            // Down: the attempt fails, the message waits with the reason.
            assert!(
                jobs::try_run_one(&app.state, &kundekort::app::job_handlers(), "w")
                    .await
                    .unwrap()
            );
            let rows = message_rows(app, oslo).await;
            assert_eq!(rows[0].1, "queued");
            assert!(
                rows[0].3.as_deref().unwrap_or("").contains("onnect"),
                "{rows:?}"
            );
            assert_eq!(events(app, rows[0].0).await, ["queued", "retrying"]);
            // Up again: delivered, once.
            let smtp = FakeSmtp::start_on(addr).await;
            assert_eq!(run_worker(app).await, 1);
            assert_eq!(run_worker(app).await, 0);
            let got = smtp.messages();
            assert_eq!(got.len(), 1);
            assert_eq!(got[0].parsed().subject(), Some("Mens serveren var nede"));
            let rows = message_rows(app, oslo).await;
            assert_eq!(rows[0].1, "sent");
            assert_eq!(rows[0].3, None);
            assert_eq!(events(app, rows[0].0).await, ["queued", "retrying", "sent"]);
            smtp.stop().await;
        },
    )
    .await;
}

db_test!(
    smtp_killed_mid_send_and_restarted_delivers_once,
    each_backend = smtp_killed_mid_send
);
async fn smtp_killed_mid_send(backend: Backend) {
    let smtp = FakeSmtp::start().await;
    let addr = smtp.addr;
    run_with(
        backend,
        |c| c.smtp = Some(smtp_config(addr.port())),
        async |app| {
            let (oslo, _, ase, _) = customer_with_contacts(app).await;
            queue_email(app, oslo, ase, "Midt i sendingen").await;
            smtp.die_mid_send();
            assert!(
                jobs::try_run_one(&app.state, &kundekort::app::job_handlers(), "w")
                    .await
                    .unwrap()
            );
            smtp.wait_stopped().await;
            assert!(
                smtp.messages().is_empty(),
                "the dead server accepted nothing"
            );
            let rows = message_rows(app, oslo).await;
            assert_eq!(rows[0].1, "queued", "{rows:?}");
            // Restarted on the same port: the retry goes through, once.
            let restarted = FakeSmtp::start_on(addr).await;
            assert_eq!(run_worker(app).await, 1);
            let got = restarted.messages();
            assert_eq!(got.len(), 1);
            let message_id = got[0].parsed().message_id().unwrap().to_string();
            assert!(
                message_id.starts_with(&rows[0].2),
                "the same Message-ID on the retry"
            );
            assert_eq!(message_rows(app, oslo).await[0].1, "sent");
            assert_eq!(run_worker(app).await, 0);
            assert_eq!(restarted.messages().len(), 1);
            restarted.stop().await;
        },
    )
    .await;
}

db_test!(
    a_worker_that_dies_neither_loses_nor_repeats,
    each_backend = worker_dies
);
async fn worker_dies(backend: Backend) {
    let smtp = FakeSmtp::start().await;
    let port = smtp.port();
    run_with(
        backend,
        |c| c.smtp = Some(smtp_config(port)),
        async |app| {
            let (oslo, _, ase, per) = customer_with_contacts(app).await;
            queue_email(app, oslo, ase, "Første").await;
            // A worker claims the job and dies before doing anything: the job is not lost …
            let claimed = jobs::claim(&app.state, "dead-worker", &["send_email"])
                .await
                .unwrap()
                .unwrap();
            assert!(
                jobs::claim(&app.state, "other", &["send_email"])
                    .await
                    .unwrap()
                    .is_none(),
                "a leased job is not handed out twice"
            );
            // … once its lease runs out, another worker sends it.
            sqlx::query("UPDATE jobs SET locked_until = $1 WHERE id = $2")
                .bind(kundekort::timefmt::now() - 1)
                .bind(claimed.id)
                .execute(&app.db.pool)
                .await
                .unwrap();
            assert_eq!(run_worker(app).await, 1);
            assert_eq!(smtp.messages().len(), 1);
            // A worker that sent a message and died before marking its job done: the job runs
            // again, sees the message is sent, and does not send it again.
            queue_email(app, oslo, per, "Andre").await;
            assert_eq!(run_worker(app).await, 1);
            assert_eq!(smtp.messages().len(), 2);
            sqlx::query("UPDATE jobs SET done_at = NULL, locked_until = NULL")
                .execute(&app.db.pool)
                .await
                .unwrap();
            assert_eq!(run_worker(app).await, 2);
            assert_eq!(smtp.messages().len(), 2, "nothing was sent twice");
        },
    )
    .await;
    smtp.stop().await;
}

db_test!(
    a_refused_recipient_fails_at_once_with_the_reason,
    each_backend = refused_recipient
);
async fn refused_recipient(backend: Backend) {
    let smtp = FakeSmtp::start().await;
    smtp.reject("ase@nordlys.test");
    let port = smtp.port();
    run_with(
        backend,
        |c| c.smtp = Some(smtp_config(port)),
        async |app| {
            let (oslo, _, ase, _) = customer_with_contacts(app).await;
            queue_email(app, oslo, ase, "Til en som ikke finnes").await;
            assert_eq!(run_worker(app).await, 1);
            let rows = message_rows(app, oslo).await;
            assert_eq!(rows[0].1, "failed");
            assert!(
                rows[0].3.as_deref().unwrap().contains("No such user"),
                "{rows:?}"
            );
            let (attempts,): (i64,) = sqlx::query_as("SELECT attempts FROM jobs")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
            assert_eq!(attempts, 1, "a permanent refusal is not retried");
            let ola = app.login("ola@test.no").await;
            let tab = ola
                .get(app.url(&format!("/customers/{oslo}/dialog?status=failed")))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            assert!(tab.contains("Til en som ikke finnes"), "{tab}");
            assert!(tab.contains("No such user"), "the reason is shown: {tab}");
        },
    )
    .await;
    smtp.stop().await;
}

db_test!(
    without_smtp_messages_wait_and_go_once_it_is_set_up,
    each_backend = not_configured
);
async fn not_configured(backend: Backend) {
    run_with(
        backend,
        |_| {},
        async |app| {
            let (oslo, _, ase, _) = customer_with_contacts(app).await;
            let ola = app.login("ola@test.no").await;
            let page = ola
                .get(app.url(&format!("/customers/{oslo}/dialog/email")))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            assert!(page.contains("id=\"email-not-configured\""), "{page}");
            queue_email(app, oslo, ase, "Venter på SMTP").await;
            assert!(
                !jobs::try_run_one(&app.state, &kundekort::app::job_handlers(), "w")
                    .await
                    .unwrap(),
                "nothing to do yet"
            );
            assert_eq!(message_rows(app, oslo).await[0].1, "queued");
            // The same database, a server started with SMTP set up.
            let smtp = FakeSmtp::start().await;
            let mut config = (*app.state.config).clone();
            config.smtp = Some(smtp_config(smtp.port()));
            config.run_worker = true;
            let configured = AppState::new(app.db.clone(), config);
            jobs::spawn_workers(configured.clone(), kundekort::app::job_handlers());
            smtp.wait_for(1, 10).await;
            for _ in 0..250 {
                if message_rows(app, oslo).await[0].1 == "sent" {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            assert_eq!(message_rows(app, oslo).await[0].1, "sent");
            assert_eq!(smtp.messages().len(), 1);
            smtp.stop().await;
        },
    )
    .await;
}

db_test!(
    a_job_whose_attempts_never_finish_is_given_up,
    each_backend = attempts_never_finish
);
async fn attempts_never_finish(backend: Backend) {
    let smtp = FakeSmtp::start().await;
    let port = smtp.port();
    run_with(
        backend,
        |c| c.smtp = Some(smtp_config(port)),
        async |app| {
            let (oslo, _, ase, _) = customer_with_contacts(app).await;
            queue_email(app, oslo, ase, "Krasj").await;
            // Every attempt so far was claimed and never finished (the process died each time).
            let (max,): (i64,) = sqlx::query_as("SELECT max_attempts FROM jobs")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
            sqlx::query("UPDATE jobs SET attempts = $1, locked_until = $2, locked_by = 'dead'")
                .bind(max)
                .bind(kundekort::timefmt::now() - 1)
                .execute(&app.db.pool)
                .await
                .unwrap();
            assert_eq!(run_worker(app).await, 1);
            assert!(smtp.messages().is_empty(), "not run again");
            let (failed_at, error): (Option<i64>, Option<String>) =
                sqlx::query_as("SELECT failed_at, last_error FROM jobs")
                    .fetch_one(&app.db.pool)
                    .await
                    .unwrap();
            assert!(failed_at.is_some());
            assert!(error.unwrap().contains("did not finish"));
            let rows = message_rows(app, oslo).await;
            assert_eq!(rows[0].1, "failed");
            assert!(rows[0].3.as_deref().unwrap().contains("did not finish"));
        },
    )
    .await;
    smtp.stop().await;
}

/// A name that would add a header to every email sent to the contact.
const INJECTED: &str = "Eve\r\nBcc: x@evil.example";
const CONTROL_CHARS_NB: &str =
    "Kan ikke inneholde linjeskift, tabulatorer eller andre kontrolltegn.";

crate::db_test!(
    names_and_subjects_with_line_breaks_are_refused_at_the_edge,
    |app| {
        let (oslo, _) = crate::support::fixtures::two_customers(app).await;
        let ola = app.login("ola@test.no").await;
        // The API: 422 problem JSON naming the field.
        let res = ola
            .post(app.url(&format!("/api/v1/customers/{oslo}/contacts")))
            .json(
                &serde_json::json!({"first_name": INJECTED, "last_name": "Angrep",
                "email": "eve@angrep.test"}),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let problem: serde_json::Value = res.json().await.unwrap();
        assert_eq!(
            problem["errors"]["first_name"][0], CONTROL_CHARS_NB,
            "{problem}"
        );
        let res = ola
            .post(app.url(&format!("/api/v1/customers/{oslo}/contacts")))
            .json(
                &serde_json::json!({"first_name": "Eve", "last_name": "Angrep\u{0}",
                "email": "eve@angrep.test\u{7}"}),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let problem: serde_json::Value = res.json().await.unwrap();
        assert_eq!(
            problem["errors"]["last_name"][0], CONTROL_CHARS_NB,
            "{problem}"
        );
        assert!(problem["errors"]["email"].is_array(), "{problem}");

        // The page: the message beside the field, what was typed kept.
        let res = ola
            .post(app.url(&format!("/customers/{oslo}/contacts")))
            .form(&[
                ("first_name", INJECTED),
                ("last_name", "Angrep"),
                ("email", "eve@angrep.test"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(page.contains(CONTROL_CHARS_NB), "{page}");
        assert!(page.contains(INJECTED) && page.contains("value=\"Angrep\""));
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM contacts")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(n, 0);

        // A staff user's name goes into the From header.
        let admin = app.admin().await;
        let res = admin
            .post(app.url("/admin/users"))
            .form(&[
                ("name", "Mallory\nBcc: x@evil.example"),
                ("email", "mallory@test.no"),
                ("role", "consultant"),
                ("password", "et-langt-passord-123"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains(CONTROL_CHARS_NB));

        // A subject typed with a line break.
        let contact = crate::support::fixtures::add_contact(
            &ola,
            app,
            oslo,
            &[
                ("first_name", "Åse"),
                ("last_name", "Berg"),
                ("email", "ase@nordlys.test"),
            ],
        )
        .await;
        let res = ola
            .post(app.url(&format!("/customers/{oslo}/dialog/email")))
            .form(&[
                ("to", contact.to_string()),
                ("subject", "Hei\r\nBcc: x@evil.example".to_string()),
                ("body", "Hei!".to_string()),
                ("action", "send".to_string()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(page.contains(CONTROL_CHARS_NB), "{page}");
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM messages")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(n, 0);
    }
);

db_test!(
    an_old_name_with_a_line_break_fails_its_message_alone,
    each_backend = old_name_with_line_break
);
async fn old_name_with_line_break(backend: Backend) {
    let smtp = FakeSmtp::start().await;
    let port = smtp.port();
    run_with(
        backend,
        |c| c.smtp = Some(smtp_config(port)),
        async |app| {
            let (oslo, _, ase, per) = customer_with_contacts(app).await;
            queue_email(app, oslo, per, "Til Per").await;
            // Written before names were checked: the recipient's name holds a line break.
            sqlx::query("UPDATE message_recipients SET name = $1")
                .bind(INJECTED)
                .execute(&app.db.pool)
                .await
                .unwrap();
            queue_email(app, oslo, ase, "Til Åse").await;
            // One worker runs both: the bad one fails for good, the good one goes out.
            assert_eq!(run_worker(app).await, 2);
            let rows = message_rows(app, oslo).await;
            assert_eq!(rows[0].1, "failed", "{rows:?}");
            assert!(
                rows[0]
                    .3
                    .as_deref()
                    .unwrap_or("")
                    .contains("recipient name"),
                "{rows:?}"
            );
            assert_eq!(events(app, rows[0].0).await, ["queued", "failed"]);
            assert_eq!(rows[1].1, "sent", "{rows:?}");
            let got = smtp.messages();
            assert_eq!(got.len(), 1);
            assert_eq!(got[0].parsed().subject(), Some("Til Åse"));
            assert_eq!(run_worker(app).await, 0);
        },
    )
    .await;
    smtp.stop().await;
}

crate::db_test!(recipient_and_attachment_lists_are_bounded, |app| {
    // A form with 250,000 recipient ids is refused at once, with the reason and what was typed,
    // instead of each id being looked up in a scan of the customer's contacts.
    let (oslo, _, ase, _) = customer_with_contacts(app).await;
    let ola = app.login("ola@test.no").await;
    let write = async |to: Vec<String>, attach: Vec<String>| {
        let mut form: Vec<(&str, String)> = vec![
            ("subject", "Avtale".into()),
            ("body", "Hei!".into()),
            ("action", "send".into()),
        ];
        form.extend(to.into_iter().map(|t| ("to", t)));
        form.extend(attach.into_iter().map(|a| ("attach", a)));
        ola.post(app.url(&format!("/customers/{oslo}/dialog/email")))
            .form(&form)
            .send()
            .await
            .unwrap()
    };
    let res = write(vec![ase.to_string(); 250_000], Vec::new()).await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("Høyst 100 mottakere"), "{page}");
    assert!(page.contains("value=\"Avtale\""), "the subject is kept");
    let res = write(vec![ase.to_string(); 101], Vec::new()).await;
    assert_eq!(res.status(), 422);
    let res = write(vec![ase.to_string()], vec!["1".to_string(); 21]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Høyst 20 vedlegg"));
    // A hundred (the same contact, chosen again and again) is within bounds: one message.
    let res = write(vec![ase.to_string(); 100], Vec::new()).await;
    assert_eq!(res.status(), 303);
    assert_eq!(message_rows(app, oslo).await.len(), 1);
});
