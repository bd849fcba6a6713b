//! Password hashing with argon2id (the crate's defaults follow OWASP's recommendation).
//! Hashing is CPU-heavy, so it runs on the blocking pool.

use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier, password_hash::SaltString};

pub const MIN_LENGTH: usize = 10;

pub async fn hash(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
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
    tokio::task::spawn_blocking(move || {
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
    #[tokio::test]
    async fn verifies_what_it_hashed_and_nothing_else() {
        let h = super::hash("korrekt hest batteri".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(super::verify(Some(h.clone()), "korrekt hest batteri".into()).await);
        assert!(!super::verify(Some(h), "feil".into()).await);
        assert!(!super::verify(None, "anything".into()).await);
    }
}
