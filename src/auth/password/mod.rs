//! Password hashing with argon2id (the crate's defaults follow OWASP's recommendation), and the
//! rules a new password must pass. Hashing is CPU-heavy, so it runs on the blocking pool, one
//! hash per core at a time ([`crate::ops::cpu`]).

mod breached;
mod context;

pub use context::words as context_words;

use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier, password_hash::SaltString};

use crate::error::Msg;

pub const MIN_LENGTH: usize = 10;
/// Long passphrases are welcome; this only keeps hashing cheap.
pub const MAX_LENGTH: usize = 200;

/// Why a new password is refused, or `None` when it is good enough. Length matters more than
/// composition: no rule about digits or symbols, but a password must not be known from a breach
/// (a list shipped with the product, [`breached`]) nor easy to guess — judged by zxcvbn, which
/// knows tens of thousands of common passwords, names and words, keyboard patterns, repeats and
/// sequences (`aaaaaaaaaa`, `1234567890`), and is told the person's own name and email
/// (`user_inputs`) and the installation's words ([`context_words`]: product, trade, firm, host).
pub fn weakness(password: &str, user_inputs: &[&str], context: &[String]) -> Option<Msg> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Some(Msg::new("password-too-short").arg("min", MIN_LENGTH));
    }
    if length > MAX_LENGTH {
        return Some(Msg::new("field-too-long").arg("max", MAX_LENGTH));
    }
    if breached::is_breached(password) {
        return Some(Msg::new("password-breached"));
    }
    let inputs: Vec<&str> = user_inputs
        .iter()
        .copied()
        .chain(context.iter().map(String::as_str))
        .flat_map(|s| s.split(|c: char| !c.is_alphanumeric()))
        .filter(|part| part.chars().count() >= 3)
        .collect();
    let score = zxcvbn::zxcvbn(password, &inputs).score();
    (score < zxcvbn::Score::Three).then(|| Msg::new("password-too-guessable"))
}

pub async fn hash(password: String) -> anyhow::Result<String> {
    crate::ops::cpu::run(move || {
        let salt_bytes: [u8; 16] = rand::random();
        let salt = SaltString::encode_b64(&salt_bytes).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
    })
    .await?
}

/// Verifies `password`; with no stored hash it still spends the same time, so that response
/// times do not tell which emails exist.
pub async fn verify(stored: Option<String>, password: String) -> bool {
    crate::ops::cpu::run(move || {
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.to_string());
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return false;
        };
        let ok = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        ok && stored != DUMMY_HASH
    })
    .await
    .unwrap_or(false)
}

/// argon2id hash of a random string nobody knows.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$J3Wc2HZgCB2EpBH6S8XKeWwF9B4m8mWjS1Ljc0BmJ8E";

#[cfg(test)]
mod tests {
    use super::weakness;

    #[test]
    fn common_and_patterned_passwords_are_refused() {
        for weak in [
            "aaaaaaaaaa",
            "1234567890",
            "qwertyuiop",
            "passord123",
            "password123",
            "kari.nordmann",
        ] {
            assert!(
                weakness(weak, &["Kari Nordmann", "kari.nordmann@firma.no"], &[]).is_some(),
                "{weak} was accepted"
            );
        }
        assert!(weakness("kort", &[], &[]).is_some());
        assert!(weakness(&"x".repeat(201), &[], &[]).is_some());
    }

    #[test]
    fn breached_passwords_are_refused_even_when_zxcvbn_would_take_them() {
        // On the breach list, and long and varied enough for zxcvbn's score of 3.
        for breached in ["armonie-perfecta", "Access-Control-Allow-Origin"] {
            assert!(
                zxcvbn::zxcvbn(breached, &[]).score() >= zxcvbn::Score::Three,
                "{breached}: zxcvbn alone refuses it, pick another example"
            );
            assert_eq!(
                weakness(breached, &["Kari Nordmann"], &[]),
                Some(crate::error::Msg::new("password-breached")),
                "{breached}"
            );
        }
    }

    #[test]
    fn long_passphrases_are_accepted() {
        // The last ones are what the integration tests type.
        for good in [
            "korrekt hest batteri",
            "fjord-lefse-tralle-97",
            "test-password-123",
            "long-enough-pw",
            "portal-passord-1",
            "kari-sitt-passord",
            "et-nytt-langt-passord",
            "enda-et-nytt-passord-2",
        ] {
            assert_eq!(
                weakness(good, &["Kari Nordmann"], &context()),
                None,
                "{good}"
            );
        }
    }

    /// The words of an installation of "Fjordlys Bemanning AS" at kort.havbris.no.
    fn context() -> Vec<String> {
        let mut config = crate::config::Config::with_data_dir("/tmp/none".into());
        config.seller.name = "Fjordlys Bemanning AS".into();
        config.public_url = url::Url::parse("https://kort.havbris.no/").unwrap();
        super::context_words(&config)
    }

    #[test]
    fn the_installations_words_make_a_password_guessable() {
        // Each passes without the context words, and is the product's, the trade's, the firm's
        // or the host's name with a year.
        for easy in [
            "Kundekort-2025",
            "Vikarbyrå2025!",
            "Fjordlys2025!",
            "Havbris-2025",
        ] {
            assert_eq!(weakness(easy, &["Kari Nordmann"], &[]), None, "{easy}");
            assert_eq!(
                weakness(easy, &["Kari Nordmann"], &context()),
                Some(crate::error::Msg::new("password-too-guessable")),
                "{easy}"
            );
        }
    }

    #[tokio::test]
    async fn verifies_what_it_hashed_and_nothing_else() {
        let h = super::hash("korrekt hest batteri".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(super::verify(Some(h.clone()), "korrekt hest batteri".into()).await);
        assert!(!super::verify(Some(h), "feil".into()).await);
        assert!(!super::verify(None, "anything".into()).await);
    }
}
