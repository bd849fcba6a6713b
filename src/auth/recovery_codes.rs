//! The one-time recovery codes of two-factor log-in (decisions 0054, 0064): made, hashed and
//! checked. The tables and their holders are `two_factor`'s; this module knows the codes.
//!
//! A code has about 50 random bits, under the 112 that ASVS V6.5.2 lets go unsalted, so each row
//! holds argon2id with a salt of its own. What argon2id hashes is the SHA-256 hex of the
//! normalised code: rows made before decision 0064 held exactly that SHA-256, so
//! [`salt_legacy`] turns them into the new form without knowing the codes, and one check serves
//! every row. The parameters are cheap on purpose ([`PARAMS`]): the code is random, not chosen by
//! a person, so its strength is its 50 bits, not the hash's cost; a check tries up to ten rows.

use argon2::{
    Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version,
    password_hash::SaltString,
};

use super::hash_token;
use crate::db::Db;

/// argon2id with 4 MiB, one pass, one lane: a few milliseconds (8 ms on a busy two-core machine,
/// against 116 ms for the password's parameters), so checking ten rows stays under a tenth of a
/// second, while a stolen table still costs a guesser about 2^49 such hashes per row.
const PARAMS: (u32, u32, u32) = (4096, 1, 1);

/// Letters and digits nobody mixes up (no 0/o, 1/l/i).
const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// "abcde-23456": ten characters of 31, about 50 bits.
pub fn make() -> String {
    let bytes: [u8; 10] = rand::random();
    let chars: String = bytes
        .iter()
        // 256 is not a multiple of 31: the bias is under 1 %, immaterial at 50 bits.
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect();
    format!("{}-{}", &chars[..5], &chars[5..])
}

/// A code as typed (any case, with or without the hyphen or spaces) in the form it was hashed.
pub fn normalise(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether a normalised code has the length of one.
pub fn has_code_shape(plain: &str) -> bool {
    plain.len() == 10
}

fn argon2() -> Argon2<'static> {
    let (m, t, p) = PARAMS;
    Argon2::new(
        Algorithm::Argon2id,
        Version::V0x13,
        Params::new(m, t, p, None).expect("valid argon2 parameters"),
    )
}

/// argon2id, salted, over a code's SHA-256 hex (`legacy`: what rows held before).
fn salt_one(legacy: &str) -> anyhow::Result<String> {
    let salt_bytes: [u8; 16] = rand::random();
    let salt = SaltString::encode_b64(&salt_bytes).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    argon2()
        .hash_password(legacy.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
}

/// Ten new codes, each with the value to store; hashed on the blocking pool, before any
/// transaction is opened.
pub async fn fresh(count: usize) -> anyhow::Result<Vec<(String, String)>> {
    crate::ops::cpu::run(move || {
        (0..count)
            .map(|_| {
                let code = make();
                let stored = salt_one(&hash_token(&normalise(&code)))?;
                Ok((code, stored))
            })
            .collect()
    })
    .await?
}

/// The id of the row whose stored hash is `plain`'s (a normalised code), among `rows`
/// (id, stored hash); every row is tried at most once, so the work is bounded by the rows given.
pub async fn find(plain: String, rows: Vec<(i64, String)>) -> Option<i64> {
    crate::ops::cpu::run(move || {
        let legacy = hash_token(&plain);
        rows.into_iter().find_map(|(id, stored)| {
            let parsed = PasswordHash::new(&stored).ok()?;
            // The parameters are read from the stored string, so older rows keep working if
            // PARAMS change.
            argon2()
                .verify_password(legacy.as_bytes(), &parsed)
                .is_ok()
                .then_some(id)
        })
    })
    .await
    .unwrap_or(None)
}

/// The tables that hold recovery codes (staff's of decision 0054, the other holders' of 0059).
const TABLES: [&str; 2] = ["two_factor_recovery", "holder_two_factor_recovery"];

/// Rows salted at a time.
const BATCH: i64 = 200;

/// Salts every row still holding a bare SHA-256 (`salted = 0`), in both tables; returns how many
/// this call converted. Run at every start after the migrations; cheap when there is nothing
/// left. Safe to stop at any point and to run in several processes at once: each row is changed
/// by one conditional update (`salted = 0` and the same hash), so a row another process has done
/// is left alone, and what a crash left undone is found by the next run.
pub async fn salt_legacy(db: &Db) -> anyhow::Result<u64> {
    let mut done = 0;
    for table in TABLES {
        done += salt_rows(db, table, None).await?;
    }
    Ok(done)
}

/// [`salt_legacy`] for one table, all its rows or those of one holder (`column`, id): a row a
/// previous release wrote after the start is salted before its holder's codes are checked.
pub(super) async fn salt_rows(
    db: &Db,
    table: &'static str,
    holder: Option<(&'static str, i64)>,
) -> anyhow::Result<u64> {
    let select = match holder {
        Some((column, _)) => format!(
            "SELECT id, code_hash FROM {table} WHERE salted = 0 AND {column} = $1 \
             ORDER BY id LIMIT {BATCH}"
        ),
        None => {
            format!("SELECT id, code_hash FROM {table} WHERE salted = 0 ORDER BY id LIMIT {BATCH}")
        }
    };
    let update = format!(
        "UPDATE {table} SET code_hash = $1, salted = 1 WHERE id = $2 AND salted = 0 \
         AND code_hash = $3"
    );
    let mut done = 0;
    loop {
        let mut query = sqlx::query_as(sqlx::AssertSqlSafe(select.as_str()));
        if let Some((_, id)) = holder {
            query = query.bind(id);
        }
        let rows: Vec<(i64, String)> = query.fetch_all(&db.pool).await?;
        if rows.is_empty() {
            return Ok(done);
        }
        let salted: Vec<(i64, String, String)> = crate::ops::cpu::run(move || {
            rows.into_iter()
                .map(|(id, legacy)| Ok((id, salt_one(&legacy)?, legacy)))
                .collect::<anyhow::Result<_>>()
        })
        .await??;
        for (id, stored, legacy) in salted {
            // Each row leaves `salted = 0` here or by another process's update (or is deleted),
            // so the loop ends.
            done += sqlx::query(sqlx::AssertSqlSafe(update.as_str()))
                .bind(stored)
                .bind(id)
                .bind(legacy)
                .execute(&db.pool)
                .await?
                .rows_affected();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_their_shape_and_any_typing_normalises() {
        let c = make();
        assert_eq!(c.len(), 11);
        assert_eq!(&c[5..6], "-");
        let plain = normalise(&format!(" {} ", c.to_uppercase().replace('-', " ")));
        assert!(has_code_shape(&plain));
        assert_eq!(plain, c.replace('-', ""));
    }

    #[tokio::test]
    async fn a_stored_code_is_salted_argon2id_and_found_by_its_code_only() {
        let made = fresh(2).await.unwrap();
        let (code, stored) = &made[0];
        assert!(
            stored.starts_with("$argon2id$v=19$m=4096,t=1,p=1$"),
            "{stored}"
        );
        assert_ne!(made[0].1, made[1].1);
        let rows = vec![(7, made[1].1.clone()), (9, stored.clone())];
        assert_eq!(find(normalise(code), rows.clone()).await, Some(9));
        assert_eq!(find("abcdefghjk".into(), rows).await, None);
        // The same code salted twice gives two different hashes, both of which match it.
        let legacy = hash_token(&normalise(code));
        let again = salt_one(&legacy).unwrap();
        assert_ne!(&again, stored);
        assert_eq!(find(normalise(code), vec![(1, again)]).await, Some(1));
    }
}
