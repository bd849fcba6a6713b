//! Clients for outside services. Each takes its base URL from config, so tests point it at a
//! local fake that follows the real contract. Every HTTP client is made by [`http_client`]:
//! with time-outs, and following no redirect, so a request goes only to the host configured for
//! it (a provider's redirect, or one injected on the way, is an error, not a request elsewhere);
//! the server fetches no URL a user typed.

use std::time::Duration;

/// The builder every provider client starts from: `timeout` for the whole request, a connect
/// time-out of at most 10 s, no redirects followed, our user agent.
pub fn http_client(timeout: Duration) -> reqwest::ClientBuilder {
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout.min(Duration::from_secs(10)))
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("kundekort/", env!("CARGO_PKG_VERSION")))
}

pub mod access_point;
pub mod arbeidsplassen;
pub mod brreg;
pub mod clamav;
pub mod finn;
pub mod idura;
pub mod sms;
pub mod smtp;
