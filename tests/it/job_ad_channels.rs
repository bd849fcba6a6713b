//! Job ads on arbeidsplassen.no and FINN through the app (decision 0040), against the local fake
//! of NAV's import API and a temporary folder as FINN's file drop: publishing queues a transfer
//! whose receipt makes the ad pending with our reference, the status poll (at most hourly per
//! ad) moves it to published with NAV's URL or refused with NAV's reason, passing problems (503,
//! time-outs) are retried by the job system, unpublishing and the deadline stop the ad on NAV,
//! an anonymous employer never reaches NAV or FINN, a FINN file drop is never "published", and
//! a channel that is not set up gets nothing and says so.

use std::{path::PathBuf, time::Duration};

use kundekort::{
    app::job_handlers,
    config::FinnTransport,
    job_ads::channels::{self, Polled},
    jobs,
};

use crate::{
    db_test,
    job_ads::{ad_form, vacancy},
    support::{
        Backend, TestApp,
        fake_arbeidsplassen::FakeArbeidsplassen,
        http::{last_id, location, page},
        run_with,
    },
};

/// Runs `body` with arbeidsplassen.no pointing at a fresh fake (requests time out after a
/// second) and, with `finn`, FINN's transport dropping files into a temporary folder.
async fn with_channels(
    backend: Backend,
    finn: bool,
    body: impl AsyncFnOnce(&TestApp, &FakeArbeidsplassen, PathBuf),
) {
    let (fake, addr) = FakeArbeidsplassen::spawn().await;
    let dir = tempfile::tempdir().unwrap();
    let drop_dir = dir.path().to_path_buf();
    let transport = finn.then(|| FinnTransport::Dir(drop_dir.clone()));
    run_with(
        backend,
        move |c| {
            let mut nav = FakeArbeidsplassen::config(addr);
            nav.timeout_seconds = 1;
            c.arbeidsplassen = Some(nav);
            c.finn = transport;
        },
        async |app: &TestApp| body(app, &fake, drop_dir).await,
    )
    .await;
}

/// Runs every due job.
async fn run_jobs(app: &TestApp) -> usize {
    jobs::run_until_idle(&app.state, &job_handlers(), "w")
        .await
        .unwrap()
}

/// Runs one due job.
async fn run_one(app: &TestApp) -> bool {
    jobs::try_run_one(&app.state, &job_handlers(), "w")
        .await
        .unwrap()
}

/// A new ad of the vacancy with `changes`, published: its id.
async fn publish(
    app: &TestApp,
    ola: &reqwest::Client,
    customer: i64,
    vid: i64,
    changes: &[(&'static str, &str)],
) -> i64 {
    let res = ola
        .post(app.url(&format!("/customers/{customer}/vacancies/{vid}/ads")))
        .form(&ad_form(changes))
        .send()
        .await
        .unwrap();
    let aid = last_id(&location(res).await);
    move_ad(app, ola, customer, aid, "publish").await;
    aid
}

async fn move_ad(app: &TestApp, ola: &reqwest::Client, customer: i64, aid: i64, action: &str) {
    let res = ola
        .post(app.url(&format!("/customers/{customer}/ads/{aid}/status")))
        .form(&[("action", action)])
        .send()
        .await
        .unwrap();
    location(res).await;
}

/// (status, external_ref, detail) of the ad on `channel`.
async fn row(app: &TestApp, aid: i64, channel: &str) -> (String, Option<String>, Option<String>) {
    sqlx::query_as(
        "SELECT status, external_ref, detail FROM job_ad_publications \
         WHERE job_ad_id = $1 AND channel = $2",
    )
    .bind(aid)
    .bind(channel)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

/// The ad page's row of `channel`.
fn channel_row(html: &str, channel: &str) -> String {
    let start = html
        .find(&format!("id=\"channel-{channel}\""))
        .unwrap_or_else(|| panic!("no row {channel} in {html}"));
    let end = start + html[start..].find("</tr>").unwrap();
    html[start..end].to_string()
}

/// Lets the poll ask NAV about every ad again (as if the hour had passed).
async fn an_hour_later(app: &TestApp) {
    sqlx::query("UPDATE job_ad_publications SET checked_at = checked_at - 3600")
        .execute(&app.db.pool)
        .await
        .unwrap();
}

const NAV: [(&str, &str); 1] = [("to_arbeidsplassen", "1")];

async fn publish_poll_publish_and_stop(backend: Backend) {
    with_channels(
        backend,
        false,
        async |app: &TestApp, fake: &FakeArbeidsplassen, _: PathBuf| {
            let ola = app.login("ola@test.no").await;
            let (customer, vid, _) = vacancy(app, &ola, "Lager Vest AS").await;
            let aid = publish(
                app,
                &ola,
                customer,
                vid,
                &[
                    NAV[0],
                    ("employer_shown", "customer"),
                    ("employer_orgnr", "923 609 016"),
                ],
            )
            .await;
            let reference = channels::reference(aid);
            // Queued, not sent yet.
            assert_eq!(row(app, aid, "arbeidsplassen").await.0, "pending");
            assert_eq!(fake.calls(), 0);
            run_jobs(app).await;
            let held = fake.ad(&reference).expect("NAV got the ad");
            assert_eq!(held.body["employer"]["businessName"], "Lager Vest AS");
            assert_eq!(held.body["employer"]["orgnr"], "923609016");
            assert_eq!(held.body["title"], "Lagermedarbeider i Bergen");
            assert_eq!(held.body["categoryList"][0]["code"], "9321");
            assert_eq!(
                row(app, aid, "arbeidsplassen").await,
                ("pending".into(), Some(reference.clone()), None)
            );

            // The poll: not processed (INACTIVE) stays pending; not asked again within the hour.
            let polled = channels::poll_once(&app.state).await.unwrap();
            assert_eq!(polled.asked, 1);
            assert_eq!(row(app, aid, "arbeidsplassen").await.0, "pending");
            fake.set_publish_status(&reference, "ACTIVE", None);
            let calls = fake.calls();
            assert_eq!(
                channels::poll_once(&app.state).await.unwrap(),
                Polled::default()
            );
            assert_eq!(fake.calls(), calls, "asked again within the hour");
            an_hour_later(app).await;
            let polled = channels::poll_once(&app.state).await.unwrap();
            assert_eq!((polled.asked, polled.changed), (1, 1));
            assert_eq!(row(app, aid, "arbeidsplassen").await.0, "published");
            let (_, html) = page(&ola, app, &format!("/customers/{customer}/ads/{aid}")).await;
            let nav = channel_row(&html, "arbeidsplassen");
            assert!(nav.contains("Publisert"), "{nav}");
            assert!(
                nav.contains("https://arbeidsplassen.nav.no/stillinger/stilling/"),
                "{nav}"
            );
            // Compact on the vacancy's list of ads.
            let (_, vpage) =
                page(&ola, app, &format!("/customers/{customer}/vacancies/{vid}")).await;
            assert!(
                vpage.contains(&format!(
                    "id=\"job-ad-channels-{aid}\">arbeidsplassen.no: Publisert</span>"
                )),
                "{vpage}"
            );

            // Unpublished by hand: NAV is told to stop it; the row follows NAV's receipt.
            move_ad(app, &ola, customer, aid, "unpublish").await;
            assert_eq!(row(app, aid, "arbeidsplassen").await.0, "published");
            run_jobs(app).await;
            assert_eq!(fake.ad(&reference).unwrap().publish_status, "STOPPED");
            assert_eq!(row(app, aid, "arbeidsplassen").await.0, "stopped");
            assert_eq!(row(app, aid, "homepage").await.0, "stopped");
            // A stopped ad is not polled.
            an_hour_later(app).await;
            assert_eq!(channels::poll_once(&app.state).await.unwrap().asked, 0);

            // At the deadline: the expiry job takes it down and NAV stops it too. Published
            // again a second later, as in life: NAV answers an identical payload SKIPPED, and
            // the new publishing time is what makes it new after a stop.
            tokio::time::sleep(Duration::from_millis(1100)).await;
            move_ad(app, &ola, customer, aid, "publish").await;
            run_jobs(app).await;
            assert_eq!(fake.ad(&reference).unwrap().publish_status, "INACTIVE");
            assert_eq!(row(app, aid, "arbeidsplassen").await.0, "pending");
            sqlx::query("UPDATE job_ads SET deadline = '2020-01-01' WHERE id = $1")
                .bind(aid)
                .execute(&app.db.pool)
                .await
                .unwrap();
            let done = kundekort::job_ads::expire::run_once(&app.state)
                .await
                .unwrap();
            assert_eq!(done.expired, 1);
            run_jobs(app).await;
            assert_eq!(fake.ad(&reference).unwrap().publish_status, "STOPPED");
            assert_eq!(row(app, aid, "arbeidsplassen").await.0, "stopped");
        },
    )
    .await;
}

db_test!(
    nav_pending_then_published_by_the_poll_and_stopped_when_taken_down,
    each_backend = publish_poll_publish_and_stop
);

async fn refusals(backend: Backend) {
    with_channels(backend, false, async |app: &TestApp, fake: &FakeArbeidsplassen, _: PathBuf| {
        let ola = app.login("ola@test.no").await;
        let (customer, vid, _) = vacancy(app, &ola, "Lager Vest AS").await;

        // NAV refuses the transfer: refused with NAV's reason, not retried.
        fake.refuse_next("Ugyldig verdi i annonsen");
        let aid = publish(app, &ola, customer, vid, &NAV).await;
        run_jobs(app).await;
        let (status, _, detail) = row(app, aid, "arbeidsplassen").await;
        assert_eq!(status, "refused");
        assert!(
            detail
                .as_deref()
                .unwrap()
                .contains("Ugyldig verdi i annonsen"),
            "{detail:?}"
        );
        let (_, html) = page(&ola, app, &format!("/customers/{customer}/ads/{aid}")).await;
        let nav = channel_row(&html, "arbeidsplassen");
        assert!(nav.contains("Avvist"), "{nav}");
        assert!(nav.contains("Ugyldig verdi i annonsen"), "{nav}");

        // NAV's review rejects an ad: refused with NAV's message.
        let aid2 = publish(app, &ola, customer, vid, &NAV).await;
        run_jobs(app).await;
        let reference = channels::reference(aid2);
        fake.set_publish_status(&reference, "REJECTED", Some("DISCRIMINATING"));
        channels::poll_once(&app.state).await.unwrap();
        assert_eq!(
            row(app, aid2, "arbeidsplassen").await,
            (
                "refused".into(),
                Some(reference),
                Some("DISCRIMINATING".into())
            )
        );
        let (_, html) = page(&ola, app, &format!("/customers/{customer}/ads/{aid2}")).await;
        assert!(
            channel_row(&html, "arbeidsplassen").contains("DISCRIMINATING"),
            "{html}"
        );

        // Not processed by NAV yet (404): stays pending.
        let aid3 = publish(app, &ola, customer, vid, &NAV).await;
        run_jobs(app).await;
        sqlx::query(
            "UPDATE job_ad_publications SET external_ref = 'kundekort-job-ad-unknown' \
             WHERE job_ad_id = $1 AND channel = 'arbeidsplassen'",
        )
        .bind(aid3)
        .execute(&app.db.pool)
        .await
        .unwrap();
        let polled = channels::poll_once(&app.state).await.unwrap();
        assert_eq!((polled.asked, polled.failed), (1, 0));
        assert_eq!(row(app, aid3, "arbeidsplassen").await.0, "pending");

        // What NAV would refuse is shown on the ad's page, linking to the form, and not sent.
        let calls = fake.calls();
        let aid4 = publish(
            app,
            &ola,
            customer,
            vid,
            &[NAV[0], ("postal_code", ""), ("city", "")],
        )
        .await;
        let (_, html) = page(&ola, app, &format!("/customers/{customer}/ads/{aid4}")).await;
        assert!(html.contains("id=\"nav-problems\""), "{html}");
        assert!(
            html.contains(&format!(
                "<a href=\"/customers/{customer}/ads/{aid4}/edit\">Arbeidssted 1 mangler postnummer, kommune eller fylke.</a>"
            )),
            "{html}"
        );
        run_jobs(app).await;
        assert_eq!(fake.calls(), calls, "nothing sent");
        let (status, _, detail) = row(app, aid4, "arbeidsplassen").await;
        assert_eq!(status, "refused");
        assert!(detail.unwrap().contains("Arbeidssted 1"));
    })
    .await;
}

db_test!(
    nav_refusals_are_shown_with_the_reason,
    each_backend = refusals
);

async fn job_state(app: &TestApp, kind: &str) -> (i64, Option<String>, bool) {
    sqlx::query_as::<_, (i64, Option<String>, Option<i64>)>(
        "SELECT attempts, last_error, done_at FROM jobs WHERE kind = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(kind)
    .fetch_one(&app.db.pool)
    .await
    .map(|(a, e, d)| (a, e, d.is_some()))
    .unwrap()
}

async fn retries(backend: Backend) {
    with_channels(
        backend,
        false,
        async |app: &TestApp, fake: &FakeArbeidsplassen, _: PathBuf| {
            let ola = app.login("ola@test.no").await;
            let (customer, vid, _) = vacancy(app, &ola, "Lager Vest AS").await;

            // 503: retried by the job system, then sent.
            fake.unavailable_next(1);
            let aid = publish(app, &ola, customer, vid, &NAV).await;
            assert!(run_one(app).await);
            let (attempts, error, done) = job_state(app, channels::SEND_NAV).await;
            assert_eq!((attempts, done), (1, false));
            assert!(error.unwrap().contains("503"));
            let (status, reference, detail) = row(app, aid, "arbeidsplassen").await;
            assert_eq!((status.as_str(), reference), ("pending", None));
            assert!(detail.unwrap().contains("503"));
            assert!(run_one(app).await);
            let (attempts, _, done) = job_state(app, channels::SEND_NAV).await;
            assert_eq!((attempts, done), (2, true));
            assert_eq!(
                row(app, aid, "arbeidsplassen").await,
                ("pending".into(), Some(channels::reference(aid)), None)
            );

            // A time-out is a passing problem too: saving the published ad sends it again.
            fake.stall_next(1, Duration::from_secs(3));
            let (_, form) = page(&ola, app, &format!("/customers/{customer}/ads/{aid}/edit")).await;
            assert!(form.contains("id=\"f-to_arbeidsplassen\""), "{form}");
            let res = ola
                .post(app.url(&format!("/customers/{customer}/ads/{aid}")))
                .form(&ad_form(&[NAV[0], ("title", "Lagermedarbeider, ny tekst")]))
                .send()
                .await
                .unwrap();
            location(res).await;
            assert!(run_one(app).await);
            let (attempts, error, done) = job_state(app, channels::SEND_NAV).await;
            assert_eq!((attempts, done), (1, false));
            assert!(error.unwrap().contains("in time"));
            assert!(run_one(app).await);
            assert!(job_state(app, channels::SEND_NAV).await.2);
            assert_eq!(
                fake.ad(&channels::reference(aid)).unwrap().body["title"],
                "Lagermedarbeider, ny tekst"
            );
            // The time-out gave up on NAV's answer, not on NAV: the poll reads it as before.
            assert_eq!(row(app, aid, "arbeidsplassen").await.0, "pending");
        },
    )
    .await;
}

db_test!(nav_passing_problems_are_retried, each_backend = retries);

async fn anonymous(backend: Backend) {
    with_channels(
        backend,
        true,
        async |app: &TestApp, fake: &FakeArbeidsplassen, dir: PathBuf| {
            let ola = app.login("ola@test.no").await;
            let (customer, vid, ase) = vacancy(app, &ola, "Hemmelig Kunde AS").await;
            sqlx::query("UPDATE customers SET org_number = '923609016' WHERE id = $1")
                .bind(customer)
                .execute(&app.db.pool)
                .await
                .unwrap();
            let contact = format!("c:{ase}");
            let aid = publish(
                app,
                &ola,
                customer,
                vid,
                &[
                    NAV[0],
                    ("to_finn", "1"),
                    ("employer_shown", "anonymous"),
                    ("employer_orgnr", "923609016"),
                    ("contact", contact.as_str()),
                ],
            )
            .await;
            run_jobs(app).await;
            let sent = serde_json::to_string(&fake.batches()).unwrap();
            assert!(sent.contains(&channels::reference(aid)), "{sent}");
            let seller = &app.state.config.seller;
            let held = fake.ad(&channels::reference(aid)).unwrap();
            assert_eq!(held.body["employer"]["businessName"], seller.name.as_str());
            assert_eq!(held.body["employer"]["orgnr"], seller.org_number.as_str());
            let customer_ref = format!("customer-{customer}");
            for secret in ["Hemmelig", "923609016", "Kontaktsen", customer_ref.as_str()] {
                assert!(!sent.contains(secret), "{secret} sent to NAV: {sent}");
            }
            // FINN's document is refused (no contact person can be named), and names no customer.
            let (status, _, detail) = row(app, aid, "finn").await;
            assert_eq!(status, "refused", "{detail:?}");
            assert!(detail.unwrap().contains("kontaktperson"));
            assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);

            // With a staff contact FINN gets the file: the agency as company, no customer.
            let res = ola
                .post(app.url(&format!("/customers/{customer}/ads/{aid}")))
                .form(&ad_form(&[
                    NAV[0],
                    ("to_finn", "1"),
                    ("employer_shown", "anonymous"),
                    ("contact", format!("u:{}", app.fx.consultant_oslo).as_str()),
                ]))
                .send()
                .await
                .unwrap();
            location(res).await;
            run_jobs(app).await;
            let files: Vec<_> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            assert_eq!(files.len(), 1, "{files:?}");
            let xml = std::fs::read_to_string(&files[0]).unwrap();
            assert!(xml.contains(&seller.name), "{xml}");
            for secret in ["Hemmelig", "923609016", "Kontaktsen"] {
                assert!(!xml.contains(secret), "{secret} in the FINN file: {xml}");
            }
        },
    )
    .await;
}

db_test!(
    an_anonymous_employer_never_reaches_the_job_boards,
    each_backend = anonymous
);

async fn finn_file_drop(backend: Backend) {
    with_channels(
        backend,
        true,
        async |app: &TestApp, _: &FakeArbeidsplassen, dir: PathBuf| {
            let ola = app.login("ola@test.no").await;
            let (customer, vid, _) = vacancy(app, &ola, "Lager Vest AS").await;
            let (_, form) = page(
                &ola,
                app,
                &format!("/customers/{customer}/vacancies/{vid}/ads/new"),
            )
            .await;
            assert!(form.contains("name=\"to_finn\""), "{form}");
            assert!(
                form.contains("Formatet er ikke verifisert med FINN."),
                "{form}"
            );
            let staff = format!("u:{}", app.fx.consultant_oslo);
            let aid = publish(
                app,
                &ola,
                customer,
                vid,
                &[("to_finn", "1"), ("contact", staff.as_str())],
            )
            .await;
            run_jobs(app).await;
            let files: Vec<_> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            assert_eq!(files.len(), 1, "{files:?}");
            let xml = std::fs::read_to_string(&files[0]).unwrap();
            assert!(xml.contains("Lagermedarbeider i Bergen"), "{xml}");
            let (status, receipt, detail) = row(app, aid, "finn").await;
            assert_eq!((status.as_str(), receipt), ("pending", None));
            assert!(detail.unwrap().starts_with(channels::FINN_EXPORTED));
            let (_, html) = page(&ola, app, &format!("/customers/{customer}/ads/{aid}")).await;
            let finn = channel_row(&html, "finn");
            assert!(finn.contains("Eksportert som fil"), "{finn}");
            assert!(finn.contains("ikke publisert på FINN"), "{finn}");
            assert!(
                finn.contains("Formatet er ikke verifisert med FINN."),
                "{finn}"
            );
            assert!(!finn.contains(">Publisert<"), "{finn}");
            // Not chosen for arbeidsplassen.no: nothing queued there.
            assert!(
                channel_row(&html, "arbeidsplassen").contains("Ikke valgt for denne annonsen"),
                "{html}"
            );
        },
    )
    .await;
}

db_test!(
    a_finn_file_drop_is_exported_not_published,
    each_backend = finn_file_drop
);

db_test!(a_channel_not_set_up_gets_nothing_and_says_so, |app| {
    let ola = app.login("ola@test.no").await;
    let (customer, vid, _) = vacancy(app, &ola, "Lager Vest AS").await;
    let (_, form) = page(
        &ola,
        app,
        &format!("/customers/{customer}/vacancies/{vid}/ads/new"),
    )
    .await;
    assert!(form.contains("id=\"not-set-up-arbeidsplassen\""), "{form}");
    assert!(form.contains("KUNDEKORT_ARBEIDSPLASSEN_API_KEY"), "{form}");
    assert!(form.contains("id=\"not-set-up-finn\""), "{form}");
    assert!(!form.contains("name=\"to_arbeidsplassen\""), "{form}");
    // Even when the box is posted, nothing is queued or sent.
    let aid = publish(
        app,
        &ola,
        customer,
        vid,
        &[("to_arbeidsplassen", "1"), ("to_finn", "1")],
    )
    .await;
    let queued: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM jobs WHERE kind IN ('job_ads.arbeidsplassen_send', 'job_ads.finn_send')",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(queued, 0);
    let rows: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM job_ad_publications WHERE job_ad_id = $1 AND channel <> 'homepage'",
    )
    .bind(aid)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(rows, 0);
    let (_, html) = page(&ola, app, &format!("/customers/{customer}/ads/{aid}")).await;
    assert!(
        channel_row(&html, "arbeidsplassen").contains("Ikke satt opp"),
        "{html}"
    );
    assert!(
        channel_row(&html, "finn").contains("KUNDEKORT_FINN_TRANSPORT"),
        "{html}"
    );
    assert_eq!(
        channels::poll_once(&app.state).await.unwrap(),
        Polled::default()
    );
});
