//! Values too sensitive to store in plain text (a worker's national identity number), sealed
//! with AES-256-GCM under the firm's data key: a random 96-bit nonce per value, and associated
//! data that binds the value to where it belongs (e.g. `worker:42:national_id`), so a sealed
//! value copied to another row does not open there. See docs/decisions/0013.
//!
//! The key is `KUNDEKORT_DATA_KEY` (base64 of 32 bytes). Without it, a key is generated once into
//! `<data dir>/data.key` (readable by the owner only) and used from then on, so `cargo run` works
//! with no configuration.

use std::{fmt, path::Path};

use anyhow::{Context, bail};
use base64::{Engine, engine::general_purpose::STANDARD};
use ring::{
    aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey},
    rand::{SecureRandom, SystemRandom},
};

use crate::config::Config;

/// The version prefix of a sealed value: the algorithm and key scheme, for a later rotation.
const PREFIX: &str = "v1:";
/// The generated key's file name in the data folder.
pub const KEY_FILE: &str = "data.key";

/// The firm's data key. Never printed.
#[derive(Clone)]
pub struct DataKey(std::sync::Arc<LessSafeKey>);

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DataKey(***)")
    }
}

impl DataKey {
    /// A key from base64 of exactly 32 bytes.
    pub fn from_base64(text: &str) -> anyhow::Result<Self> {
        let bytes = STANDARD
            .decode(text.trim())
            .context("the data key is not base64")?;
        Self::from_bytes(&bytes)
    }

    fn from_bytes(bytes: &[u8]) -> anyhow::Result<Self> {
        if bytes.len() != 32 {
            bail!("the data key must be 32 bytes, not {}", bytes.len());
        }
        let key = UnboundKey::new(&AES_256_GCM, bytes).map_err(|_| anyhow::anyhow!("bad key"))?;
        Ok(Self(std::sync::Arc::new(LessSafeKey::new(key))))
    }

    /// `KUNDEKORT_DATA_KEY` when set; otherwise the key file in the data folder, made on first use.
    pub fn from_config(config: &Config) -> anyhow::Result<Self> {
        match &config.data_key {
            Some(secret) => Self::from_base64(secret.expose()).context("KUNDEKORT_DATA_KEY"),
            None => Self::from_file(&config.data_dir.join(KEY_FILE)),
        }
    }

    /// Reads the key file, or creates it (owner-only permissions) with a new random key.
    pub fn from_file(path: &Path) -> anyhow::Result<Self> {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                return Self::from_base64(&text).with_context(|| format!("{}", path.display()));
            }
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(e).with_context(|| format!("reading {}", path.display()));
            }
            Err(_) => {}
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut bytes = [0u8; 32];
        SystemRandom::new()
            .fill(&mut bytes)
            .map_err(|_| anyhow::anyhow!("no randomness"))?;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(path) {
            Ok(mut file) => {
                use std::io::Write;
                writeln!(file, "{}", STANDARD.encode(bytes))
                    .with_context(|| format!("writing {}", path.display()))?;
                tracing::warn!(
                    path = %path.display(),
                    "generated a new data key; back it up: without it sealed values cannot be read"
                );
                Self::from_bytes(&bytes)
            }
            // Another process made it first: use theirs.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Self::from_file(path),
            Err(e) => Err(e).with_context(|| format!("creating {}", path.display())),
        }
    }

    /// Seals `plain` for the place named by `context`: `v1:` + base64(nonce ‖ ciphertext ‖ tag).
    pub fn seal(&self, plain: &[u8], context: &str) -> String {
        let mut nonce = [0u8; NONCE_LEN];
        SystemRandom::new()
            .fill(&mut nonce)
            .expect("the system's random source works");
        let mut buf = plain.to_vec();
        self.0
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(context.as_bytes()),
                &mut buf,
            )
            .expect("AES-GCM sealing of a short value");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&buf);
        format!("{PREFIX}{}", STANDARD.encode(out))
    }

    /// Opens what [`DataKey::seal`] made for the same `context`; `None` when the key, the
    /// context or the value is not the one it was sealed with.
    pub fn open(&self, sealed: &str, context: &str) -> Option<Vec<u8>> {
        let bytes = STANDARD.decode(sealed.strip_prefix(PREFIX)?).ok()?;
        if bytes.len() < NONCE_LEN {
            return None;
        }
        let (nonce, rest) = bytes.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).ok()?;
        let mut buf = rest.to_vec();
        let plain = self
            .0
            .open_in_place(nonce, Aad::from(context.as_bytes()), &mut buf)
            .ok()?;
        Some(plain.to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    #[test]
    fn sealed_values_open_only_in_their_place_and_under_their_key() {
        let key = DataKey::from_base64(KEY).unwrap();
        let a = key.seal(b"15108695088", "worker:1:national_id");
        let b = key.seal(b"15108695088", "worker:1:national_id");
        assert_ne!(a, b, "a fresh nonce each time");
        assert!(!a.contains("15108695088"));
        assert_eq!(
            key.open(&a, "worker:1:national_id").as_deref(),
            Some(&b"15108695088"[..])
        );
        assert_eq!(key.open(&a, "worker:2:national_id"), None);
        let other = DataKey::from_bytes(&[7u8; 32]).unwrap();
        assert_eq!(other.open(&a, "worker:1:national_id"), None);
        let mut tampered = a.clone();
        tampered.pop();
        tampered.push(if a.ends_with('A') { 'B' } else { 'A' });
        assert_eq!(key.open(&tampered, "worker:1:national_id"), None);
        assert_eq!(key.open("v1:", "worker:1:national_id"), None);
    }

    #[test]
    fn a_wrong_key_is_refused() {
        assert!(DataKey::from_base64("c2hvcnQ=").is_err());
        assert!(DataKey::from_base64("not base64!").is_err());
    }

    #[test]
    fn the_key_file_is_made_once_for_the_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join(KEY_FILE);
        let first = DataKey::from_file(&path).unwrap();
        let sealed = first.seal(b"x", "c");
        let again = DataKey::from_file(&path).unwrap();
        assert_eq!(again.open(&sealed, "c").as_deref(), Some(&b"x"[..]));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
