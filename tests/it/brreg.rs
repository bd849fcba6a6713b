//! Filling the customer form from Brønnøysund Enhetsregisteret (a local fake with the real shape),
//! and telling the user when the register cannot be reached.

use kundekort::config::parse_base_url;

use crate::{
    db_test,
    support::{Backend, TestApp, run_with},
};

/// Runs `body` on `backend` with the app pointed at a fresh fake register.
async fn with_fake(backend: Backend, body: impl AsyncFnOnce(&TestApp)) {
    let fake = crate::support::fake_brreg::spawn().await;
    run_with(
        backend,
        move |c| {
            c.brreg_url = parse_base_url(&format!("http://{fake}/enhetsregisteret/api")).unwrap()
        },
        body,
    )
    .await;
}

db_test!(
    lookup_offers_the_company_and_prefill_fills_the_form,
    each_backend = lookup_offers_the_company_and_prefill_fills_the_form
);
async fn lookup_offers_the_company_and_prefill_fills_the_form(backend: Backend) {
    with_fake(backend, async |app: &TestApp| {
        let ola = app.login("ola@test.no").await;
        let panel = ola
            .get(app.url("/customers/brreg?org_number=974%20760%20673"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(panel.contains("REGISTERENHETEN I BRØNNØYSUND"), "{panel}");
        assert!(panel.contains("Havnegata 48, 8900 BRØNNØYSUND"));
        assert!(panel.contains("550 ansatte"));
        assert!(panel.contains("Fyll ut fra Enhetsregisteret"));

        let form = ola
            .post(app.url("/customers/prefill"))
            .form(&[
                ("org_number", "974760673"),
                ("email", "typed@by.user"),
                ("name", ""),
            ])
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            form.contains("value=\"Registerenheten i Brønnøysund\""),
            "{form}"
        );
        assert!(form.contains("value=\"Havnegata 48\""));
        assert!(form.contains("value=\"8900\""));
        assert!(form.contains("value=\"Postboks 900\""));
        assert!(form.contains("value=\"84.110\""));
        assert!(
            form.contains("value=\"typed@by.user\""),
            "what the register lacks keeps what was typed"
        );
        assert!(form.contains("Fylt ut fra Enhetsregisteret"));

        let unknown = ola
            .get(app.url("/customers/brreg?org_number=923609016"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(unknown.contains("Fant ikke nummeret i Enhetsregisteret"));
        let removed = ola
            .get(app.url("/customers/brreg?org_number=984851006"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(removed.contains("slettet"));
        let invalid = ola
            .get(app.url("/customers/brreg?org_number=123"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(invalid.contains("Skriv et gyldig organisasjonsnummer"));
    })
    .await;
}

db_test!(
    an_existing_customer_is_pointed_out,
    each_backend = an_existing_customer_is_pointed_out
);
async fn an_existing_customer_is_pointed_out(backend: Backend) {
    with_fake(backend, async |app: &TestApp| {
        let id = app
            .customer(kundekort::customers::model::CustomerDraft {
                org_number: "974760673".into(),
                department_id: app.fx.oslo.to_string(),
                ..crate::support::fixtures::draft("Brreg (allerede)")
            })
            .await;
        let ola = app.login("ola@test.no").await;
        let panel = ola
            .get(app.url("/customers/brreg?org_number=974760673"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(panel.contains("Allerede kunde"));
        assert!(panel.contains(&format!("/customers/{id}")));
    })
    .await;
}

db_test!(
    a_hidden_customer_with_the_number_is_not_named,
    each_backend = a_hidden_customer_with_the_number_is_not_named
);
async fn a_hidden_customer_with_the_number_is_not_named(backend: Backend) {
    with_fake(backend, async |app: &TestApp| {
        let id = app
            .customer(kundekort::customers::model::CustomerDraft {
                org_number: "974760673".into(),
                department_id: app.fx.oslo.to_string(),
                ..crate::support::fixtures::draft("Skjult Oslo AS")
            })
            .await;
        let berit = app.login("berit@test.no").await;
        let panel = berit
            .get(app.url("/customers/brreg?org_number=974760673"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            panel.contains("allerede registrert på en annen kunde"),
            "{panel}"
        );
        assert!(!panel.contains("Skjult Oslo AS"), "{panel}");
        assert!(!panel.contains(&format!("/customers/{id}")), "{panel}");
    })
    .await;
}

db_test!(an_unreachable_register_is_said_plainly, |app| {
    // The default test config points at a port where nothing listens.
    let ola = app.login("ola@test.no").await;
    let panel = ola
        .get(app.url("/customers/brreg?org_number=974760673"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        panel.contains("Fikk ikke kontakt med Enhetsregisteret"),
        "{panel}"
    );
    let form = ola
        .post(app.url("/customers/prefill"))
        .form(&[("org_number", "974760673"), ("name", "Selvskrevet AS")])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(form.contains("value=\"Selvskrevet AS\""));
    assert!(form.contains("Fikk ikke kontakt med Enhetsregisteret"));
});

/// The provider clients follow no redirect (`integrations::http_client`): a register that
/// answers with a redirect elsewhere is an error, and the other host gets no request.
#[tokio::test]
async fn a_redirect_from_a_provider_is_not_followed() {
    use std::sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    };
    let elsewhere_hits = Arc::new(AtomicUsize::new(0));
    let hits = elsewhere_hits.clone();
    let elsewhere = axum::Router::new().fallback(move || {
        hits.fetch_add(1, Ordering::SeqCst);
        async { "{}" }
    });
    let other = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let other_addr = other.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(other, elsewhere).await.unwrap() });
    let redirecting = axum::Router::new().fallback(move || async move {
        axum::response::Redirect::temporary(&format!("http://{other_addr}/stolen"))
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, redirecting).await.unwrap() });

    let client = kundekort::integrations::brreg::BrregClient::new(
        parse_base_url(&format!("http://{addr}/enhetsregisteret/api")).unwrap(),
    );
    let err = client.enhet("974760673").await.unwrap_err();
    assert!(err.to_string().contains("HTTP 307"), "{err}");
    assert_eq!(elsewhere_hits.load(Ordering::SeqCst), 0);
}
