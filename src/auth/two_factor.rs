//! Two-factor log-in for staff (issue 18, decision 0054), portal contacts and workers (decision
//! 0059; [`SubjectKind`] says whose rows a call reads): time-based one-time codes (TOTP,
//! RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps, one step either side accepted) from any
//! authenticator app, and ten one-time recovery codes.
//!
//! - The key (20 random bytes) is sealed with the firm's data key ([`crate::vault`]), bound to
//!   its user, and never logged. A new key waits in `pending` until a code from it is typed, so a
//!   half-finished enrolment never locks anybody out.
//! - A code is accepted only for a later step than the last one accepted (`last_step`, moved in
//!   one conditional update), so a code seen over someone's shoulder cannot be used again.
//! - Recovery codes are shown once, stored with a salted hash ([`super::recovery_codes`],
//!   decision 0064), and each works once.
//! - After the right password a user with two-factor log-in gets a *challenge*
//!   (`login_challenges`): a random token in its own cookie that grants nothing but the second
//!   step, ends after [`CHALLENGE_SECS`] or [`CHALLENGE_TRIES`] wrong codes, and is no session.

use hmac::{Hmac, Mac};

use super::{Role, hash_token, random_token, recovery_codes, session::Holder};
use crate::{Result, db::Db, timefmt::now, vault::DataKey};

/// Seconds per step.
pub const STEP_SECS: i64 = 30;
/// Digits in a code.
pub const DIGITS: u32 = 6;
/// Recovery codes made at a time.
pub const RECOVERY_CODES: usize = 10;
/// How long the second step may take after the password (seconds).
pub const CHALLENGE_SECS: i64 = 10 * 60;
/// Wrong codes one challenge takes before the password must be typed again.
pub const CHALLENGE_TRIES: i64 = 5;
/// The cookie that carries a challenge.
pub const CHALLENGE_COOKIE: &str = "kk_2fa";
/// The name authenticator apps show above the code.
const ISSUER: &str = "Kundekort";

// ---- the algorithm ----

/// HOTP (RFC 4226) of `counter` under `key`, `digits` long.
pub fn hotp(key: &[u8], counter: u64, digits: u32) -> u32 {
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(&counter.to_be_bytes());
    let h = mac.finalize().into_bytes();
    let offset = usize::from(h[19] & 0x0f);
    let bin = u32::from_be_bytes([
        h[offset] & 0x7f,
        h[offset + 1],
        h[offset + 2],
        h[offset + 3],
    ]);
    bin % 10u32.pow(digits)
}

/// The step a Unix time falls in.
pub fn step_at(unix: i64) -> i64 {
    unix.div_euclid(STEP_SECS)
}

/// The six-digit code of `step`, as an app shows it ("012345").
pub fn code_at_step(key: &[u8], step: i64) -> String {
    format!("{:06}", hotp(key, step.max(0) as u64, DIGITS))
}

/// The step (of now, one before or one after) whose code `typed` is, if any and later than
/// `after`.
pub fn matching_step(key: &[u8], typed: &str, unix: i64, after: i64) -> Option<i64> {
    let typed = digits_only(typed)?;
    let now_step = step_at(unix);
    [now_step, now_step - 1, now_step + 1]
        .into_iter()
        .filter(|s| *s > after)
        .find(|s| constant_eq(code_at_step(key, *s).as_bytes(), typed.as_bytes()))
}

/// `typed` without spaces, when what is left is six digits.
fn digits_only(typed: &str) -> Option<String> {
    let d: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    (d.len() == DIGITS as usize && d.chars().all(|c| c.is_ascii_digit())).then_some(d)
}

fn constant_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

const B32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// RFC 4648 base32 without padding: how authenticator apps take a key.
pub fn base32(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buf, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buf = (buf << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            out.push(B32[((buf >> (bits - 5)) & 31) as usize] as char);
            bits -= 5;
        }
    }
    if bits > 0 {
        out.push(B32[((buf << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// Reads base32 (any case, spaces and padding ignored); `None` on another character.
pub fn from_base32(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buf, mut bits) = (0u32, 0u32);
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        let v = B32
            .iter()
            .position(|b| *b as char == c.to_ascii_uppercase())? as u32;
        buf = (buf << 5) | v;
        bits += 5;
        if bits >= 8 {
            out.push((buf >> (bits - 8)) as u8);
            bits -= 8;
        }
    }
    Some(out)
}

/// The code an app holding the base32 `secret` shows at `unix` (tests compute codes with it).
pub fn code_for_secret(secret: &str, unix: i64) -> Option<String> {
    Some(code_at_step(&from_base32(secret)?, step_at(unix)))
}

/// The key as people type it: base32 in groups of four.
pub fn grouped(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `otpauth://` address a QR code carries for authenticator apps.
pub fn otpauth_uri(secret: &str, account: &str) -> String {
    let enc = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    format!(
        "otpauth://totp/{}:{}?secret={secret}&issuer={}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECS}",
        enc(ISSUER).replace('+', "%20"),
        enc(account).replace('+', "%20"),
        enc(ISSUER)
    )
}

/// The QR code of `text` as inline SVG (no XML declaration), black on white.
pub fn qr_svg(text: &str) -> String {
    match qrcode::QrCode::new(text.as_bytes()) {
        Ok(code) => {
            let svg = code
                .render::<qrcode::render::svg::Color>()
                .min_dimensions(200, 200)
                .quiet_zone(true)
                .build();
            match svg.find("<svg") {
                Some(at) => svg[at..].replacen("<svg", "<svg role=\"img\" class=\"qr\"", 1),
                None => svg,
            }
        }
        Err(_) => String::new(),
    }
}

// ---- keys and codes in the database ----

/// Where a holder's two-factor rows live: staff in the tables of decision 0054, portal contacts
/// and workers in the `holder_*` tables of decision 0059 (one of `contact_id`, `worker_id` set).
struct Tables {
    keys: &'static str,
    recovery: &'static str,
    challenges: &'static str,
    column: &'static str,
}

const STAFF_TABLES: Tables = Tables {
    keys: "user_two_factor",
    recovery: "two_factor_recovery",
    challenges: "login_challenges",
    column: "user_id",
};
const CONTACT_TABLES: Tables = Tables {
    keys: "holder_two_factor",
    recovery: "holder_two_factor_recovery",
    challenges: "holder_login_challenges",
    column: "contact_id",
};
const WORKER_TABLES: Tables = Tables {
    keys: "holder_two_factor",
    recovery: "holder_two_factor_recovery",
    challenges: "holder_login_challenges",
    column: "worker_id",
};

/// Who uses two-factor log-in: a kind of session holder (decision 0059).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubjectKind {
    Staff,
    Contact,
    Worker,
}

impl SubjectKind {
    pub fn of(holder: Holder) -> (Self, i64) {
        match holder {
            Holder::User(id) => (SubjectKind::Staff, id),
            Holder::Contact(id) => (SubjectKind::Contact, id),
            Holder::Worker(id) => (SubjectKind::Worker, id),
        }
    }
    pub fn holder(self, id: i64) -> Holder {
        match self {
            SubjectKind::Staff => Holder::User(id),
            SubjectKind::Contact => Holder::Contact(id),
            SubjectKind::Worker => Holder::Worker(id),
        }
    }
    fn tables(self) -> &'static Tables {
        match self {
            SubjectKind::Staff => &STAFF_TABLES,
            SubjectKind::Contact => &CONTACT_TABLES,
            SubjectKind::Worker => &WORKER_TABLES,
        }
    }
    /// The throttle's account for this holder's codes (door `totp`).
    pub fn throttle_account(self, id: i64) -> String {
        match self {
            SubjectKind::Staff => format!("user:{id}"),
            SubjectKind::Contact => format!("contact:{id}"),
            SubjectKind::Worker => format!("worker:{id}"),
        }
    }
}

/// `sql` with `{keys}`, `{recovery}`, `{challenges}` and `{col}` filled in for `kind` (names
/// from the constants above, never from a request).
fn sql(kind: SubjectKind, text: &str) -> sqlx::AssertSqlSafe<String> {
    let t = kind.tables();
    sqlx::AssertSqlSafe(
        text.replace("{keys}", t.keys)
            .replace("{recovery}", t.recovery)
            .replace("{challenges}", t.challenges)
            .replace("{col}", t.column),
    )
}

fn seal_context(holder: Holder) -> String {
    match holder {
        Holder::User(id) => format!("user:{id}:totp"),
        Holder::Contact(id) => format!("contact:{id}:totp"),
        Holder::Worker(id) => format!("worker:{id}:totp"),
    }
}

/// A holder's two-factor state.
#[derive(Debug, Default, Clone)]
pub struct Status {
    /// Confirmed and in use.
    pub enabled: bool,
    /// Unused recovery codes.
    pub recovery_left: i64,
}

pub async fn status(db: &Db, holder: Holder) -> Result<Status> {
    let (kind, id) = SubjectKind::of(holder);
    let enabled: Option<i64> = sqlx::query_scalar(sql(
        kind,
        "SELECT {col} FROM {keys} WHERE {col} = $1 AND secret IS NOT NULL",
    ))
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    let recovery_left: i64 = sqlx::query_scalar(sql(
        kind,
        "SELECT COUNT(*) FROM {recovery} WHERE {col} = $1 AND used_at IS NULL",
    ))
    .bind(id)
    .fetch_one(&db.pool)
    .await?;
    Ok(Status {
        enabled: enabled.is_some(),
        recovery_left,
    })
}

/// Whether the firm requires two-factor log-in of `role`.
pub async fn required_roles(db: &Db) -> Result<Vec<Role>> {
    let roles: Option<String> =
        sqlx::query_scalar("SELECT two_factor_roles FROM session_settings WHERE id = 1")
            .fetch_optional(&db.pool)
            .await?;
    Ok(parse_roles(&roles.unwrap_or_default()))
}

pub fn parse_roles(text: &str) -> Vec<Role> {
    Role::ALL
        .into_iter()
        .filter(|r| text.split(',').any(|t| t.trim() == r.as_str()))
        .collect()
}

pub async fn is_required(db: &Db, role: Role) -> Result<bool> {
    Ok(required_roles(db).await?.contains(&role))
}

/// Whether the firm requires two-factor log-in of portal contacts who may approve timesheets
/// or sign documents (decision 0059).
pub async fn approvers_required(db: &Db) -> Result<bool> {
    let on: Option<i64> =
        sqlx::query_scalar("SELECT two_factor_approvers FROM session_settings WHERE id = 1")
            .fetch_optional(&db.pool)
            .await?;
    Ok(on == Some(1))
}

/// Whether portal rights (as stored) make a contact an approver the firm setting covers.
pub fn is_approver(rights: &crate::contacts::model::Rights) -> bool {
    use crate::contacts::model::Right;
    rights.has(Right::ApproveTimesheets) || rights.has(Right::SignDocuments)
}

/// Whether a portal contact with these rights must use two-factor log-in.
pub async fn contact_required(db: &Db, rights: &crate::contacts::model::Rights) -> Result<bool> {
    Ok(is_approver(rights) && approvers_required(db).await?)
}

/// The pending key of `holder` (base32), made now when there is none or `fresh` is asked.
pub async fn pending_secret(db: &Db, key: &DataKey, holder: Holder, fresh: bool) -> Result<String> {
    let (kind, id) = SubjectKind::of(holder);
    if !fresh {
        let sealed: Option<Option<String>> =
            sqlx::query_scalar(sql(kind, "SELECT pending FROM {keys} WHERE {col} = $1"))
                .bind(id)
                .fetch_optional(&db.pool)
                .await?;
        if let Some(bytes) = sealed
            .flatten()
            .and_then(|s| key.open(&s, &seal_context(holder)))
        {
            return Ok(base32(&bytes));
        }
    }
    let bytes: [u8; 20] = rand::random();
    let sealed = key.seal(&bytes, &seal_context(holder));
    let at = now();
    let updated = sqlx::query(sql(
        kind,
        "UPDATE {keys} SET pending = $1, pending_at = $2 WHERE {col} = $3",
    ))
    .bind(&sealed)
    .bind(at)
    .bind(id)
    .execute(&db.pool)
    .await?;
    if updated.rows_affected() == 0 {
        sqlx::query(sql(
            kind,
            "INSERT INTO {keys} ({col}, pending, pending_at, last_step) VALUES ($1, $2, $3, 0)",
        ))
        .bind(id)
        .bind(&sealed)
        .bind(at)
        .execute(&db.pool)
        .await?;
    }
    Ok(base32(&bytes))
}

/// Confirms the pending key with a code from it: it becomes the key in use (replacing any
/// earlier one) and ten new recovery codes are made and returned. `None` when the code is not
/// the pending key's (or there is no pending key).
pub async fn confirm(
    db: &Db,
    key: &DataKey,
    holder: Holder,
    typed: &str,
) -> Result<Option<Vec<String>>> {
    let (kind, id) = SubjectKind::of(holder);
    let row: Option<(Option<String>, i64)> = sqlx::query_as(sql(
        kind,
        "SELECT pending, last_step FROM {keys} WHERE {col} = $1",
    ))
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    let Some((Some(sealed), last_step)) = row else {
        return Ok(None);
    };
    let Some(bytes) = key.open(&sealed, &seal_context(holder)) else {
        return Ok(None);
    };
    let Some(step) = matching_step(&bytes, typed, now(), last_step) else {
        return Ok(None);
    };
    let fresh = recovery_codes::fresh(RECOVERY_CODES).await?;
    let mut tx = db.begin().await?;
    let done = sqlx::query(sql(
        kind,
        "UPDATE {keys} SET secret = pending, pending = NULL, pending_at = NULL, \
         enabled_at = $1, last_step = $2 WHERE {col} = $3 AND pending = $4",
    ))
    .bind(now())
    .bind(step)
    .bind(id)
    .bind(&sealed)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(None);
    }
    let codes = store_recovery_codes(&mut tx, holder, fresh).await?;
    tx.commit().await?;
    Ok(Some(codes))
}

/// Replaces a holder's recovery codes with ten new ones, returned for showing once.
pub async fn renew_recovery_codes(db: &Db, holder: Holder) -> Result<Vec<String>> {
    // Hashed before the transaction, which then only writes.
    let fresh = recovery_codes::fresh(RECOVERY_CODES).await?;
    let mut tx = db.begin().await?;
    let codes = store_recovery_codes(&mut tx, holder, fresh).await?;
    tx.commit().await?;
    Ok(codes)
}

/// Replaces a holder's recovery codes with `fresh` ones (code, stored hash); returns the codes.
async fn store_recovery_codes(
    conn: &mut sqlx::AnyConnection,
    holder: Holder,
    fresh: Vec<(String, String)>,
) -> Result<Vec<String>> {
    let (kind, id) = SubjectKind::of(holder);
    sqlx::query(sql(kind, "DELETE FROM {recovery} WHERE {col} = $1"))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let mut codes = Vec::with_capacity(fresh.len());
    for (code, stored) in fresh {
        sqlx::query(sql(
            kind,
            "INSERT INTO {recovery} ({col}, code_hash, salted) VALUES ($1, $2, 1)",
        ))
        .bind(id)
        .bind(stored)
        .execute(&mut *conn)
        .await?;
        codes.push(code);
    }
    Ok(codes)
}

/// What a typed code turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// A code from the app, for a step not used before.
    Code,
    /// One of the recovery codes, now used.
    Recovery,
    Wrong,
}

/// Checks a code typed by `holder` (from the app, or a recovery code when `recovery_ok`), and
/// uses it up.
pub async fn verify(
    db: &Db,
    key: &DataKey,
    holder: Holder,
    typed: &str,
    recovery_ok: bool,
) -> Result<Verdict> {
    let (kind, id) = SubjectKind::of(holder);
    let row: Option<(Option<String>, i64)> = sqlx::query_as(sql(
        kind,
        "SELECT secret, last_step FROM {keys} WHERE {col} = $1",
    ))
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    let Some((Some(sealed), last_step)) = row else {
        return Ok(Verdict::Wrong);
    };
    if digits_only(typed).is_some() {
        let Some(bytes) = key.open(&sealed, &seal_context(holder)) else {
            return Ok(Verdict::Wrong);
        };
        let Some(step) = matching_step(&bytes, typed, now(), last_step) else {
            return Ok(Verdict::Wrong);
        };
        // Only one request can move the step forward: the same code at once twice is taken once.
        let done = sqlx::query(sql(
            kind,
            "UPDATE {keys} SET last_step = $1 WHERE {col} = $2 AND last_step < $1",
        ))
        .bind(step)
        .bind(id)
        .execute(&db.pool)
        .await?;
        return Ok(if done.rows_affected() > 0 {
            Verdict::Code
        } else {
            Verdict::Wrong
        });
    }
    let plain = recovery_codes::normalise(typed);
    if !recovery_ok || !recovery_codes::has_code_shape(&plain) {
        return Ok(Verdict::Wrong);
    }
    // A row a previous release wrote beside this one is salted first, so one check serves all.
    let tables = kind.tables();
    recovery_codes::salt_rows(db, tables.recovery, Some((tables.column, id))).await?;
    // At most the ten unused codes one holder has: the argon2 work per attempt is bounded.
    let rows: Vec<(i64, String)> = sqlx::query_as(sql(
        kind,
        &format!(
            "SELECT id, code_hash FROM {{recovery}} WHERE {{col}} = $1 AND used_at IS NULL \
             AND salted = 1 ORDER BY id LIMIT {RECOVERY_CODES}"
        ),
    ))
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let Some(row) = recovery_codes::find(plain, rows).await else {
        return Ok(Verdict::Wrong);
    };
    // Two requests with the same code at once: one conditional update, so it is used once.
    let done = sqlx::query(sql(
        kind,
        "UPDATE {recovery} SET used_at = $1 WHERE id = $2 AND used_at IS NULL",
    ))
    .bind(now())
    .bind(row)
    .execute(&db.pool)
    .await?;
    Ok(if done.rows_affected() > 0 {
        Verdict::Recovery
    } else {
        Verdict::Wrong
    })
}

/// Turns two-factor log-in off for a holder: key, pending key, recovery codes and challenges go.
pub async fn remove(db: &Db, holder: Holder) -> Result<()> {
    let mut tx = db.begin().await?;
    remove_in(&mut tx, holder).await?;
    tx.commit().await?;
    Ok(())
}

/// [`remove`] inside a transaction (ending a contact's or worker's access).
pub async fn remove_in(conn: &mut sqlx::AnyConnection, holder: Holder) -> Result<()> {
    let (kind, id) = SubjectKind::of(holder);
    for text in [
        "DELETE FROM {keys} WHERE {col} = $1",
        "DELETE FROM {recovery} WHERE {col} = $1",
        "DELETE FROM {challenges} WHERE {col} = $1",
    ] {
        sqlx::query(sql(kind, text))
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

// ---- the half-logged-in state ----

/// What the second step of a log-in is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Type a code.
    Code,
    /// Two-factor log-in is required and not set up: set it up first.
    Enrol,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Code => "code",
            Purpose::Enrol => "enrol",
        }
    }
}

/// A log-in waiting for its second step.
#[derive(Debug, Clone)]
pub struct Challenge {
    pub holder: Holder,
    /// The holder's id (a staff user's, contact's or worker's).
    pub id: i64,
    pub purpose: Purpose,
    pub next: String,
}

/// What comes after the right password for this staff user.
pub async fn after_password(db: &Db, user_id: i64, role: Role) -> Result<Option<Purpose>> {
    after_password_for(db, Holder::User(user_id), is_required(db, role).await?).await
}

/// What comes after the right password for `holder`, when the firm requires it of them or not.
pub async fn after_password_for(
    db: &Db,
    holder: Holder,
    required: bool,
) -> Result<Option<Purpose>> {
    if status(db, holder).await?.enabled {
        Ok(Some(Purpose::Code))
    } else if required {
        Ok(Some(Purpose::Enrol))
    } else {
        Ok(None)
    }
}

/// Starts a challenge; returns the token for its cookie. Challenges past their time go.
pub async fn start_challenge(
    db: &Db,
    holder: Holder,
    purpose: Purpose,
    next: &str,
) -> Result<String> {
    let (kind, id) = SubjectKind::of(holder);
    let at = now();
    sqlx::query(sql(kind, "DELETE FROM {challenges} WHERE created_at < $1"))
        .bind(at - CHALLENGE_SECS)
        .execute(&db.pool)
        .await?;
    let token = random_token();
    sqlx::query(sql(
        kind,
        "INSERT INTO {challenges} (token_hash, {col}, purpose, next_path, attempts, created_at) \
         VALUES ($1, $2, $3, $4, 0, $5)",
    ))
    .bind(hash_token(&token))
    .bind(id)
    .bind(purpose.as_str())
    .bind(next)
    .bind(at)
    .execute(&db.pool)
    .await?;
    Ok(token)
}

/// The challenge of a holder of `kind` behind a cookie's token, while it lasts. A staff user's
/// must still be active; the portal and the worker pages check their account when the log-in
/// finishes.
pub async fn challenge(db: &Db, kind: SubjectKind, token: &str) -> Result<Option<Challenge>> {
    let text = if kind == SubjectKind::Staff {
        "SELECT c.user_id, c.purpose, c.next_path, c.attempts, c.created_at FROM login_challenges c \
         JOIN users u ON u.id = c.user_id WHERE c.token_hash = $1 AND u.active = 1"
    } else {
        "SELECT c.{col}, c.purpose, c.next_path, c.attempts, c.created_at FROM {challenges} c \
         WHERE c.token_hash = $1 AND c.{col} IS NOT NULL"
    };
    let row: Option<(i64, String, String, i64, i64)> = sqlx::query_as(sql(kind, text))
        .bind(hash_token(token))
        .fetch_optional(&db.pool)
        .await?;
    let Some((id, purpose, next, attempts, created_at)) = row else {
        return Ok(None);
    };
    if now() - created_at > CHALLENGE_SECS || attempts >= CHALLENGE_TRIES {
        end_challenge(db, kind, token).await?;
        return Ok(None);
    }
    let purpose = if purpose == Purpose::Enrol.as_str() {
        Purpose::Enrol
    } else {
        Purpose::Code
    };
    Ok(Some(Challenge {
        holder: kind.holder(id),
        id,
        purpose,
        next,
    }))
}

/// Counts a wrong code against the challenge; whether it may still be used.
pub async fn challenge_failed(db: &Db, kind: SubjectKind, token: &str) -> Result<bool> {
    sqlx::query(sql(
        kind,
        "UPDATE {challenges} SET attempts = attempts + 1 WHERE token_hash = $1",
    ))
    .bind(hash_token(token))
    .execute(&db.pool)
    .await?;
    Ok(challenge(db, kind, token).await?.is_some())
}

pub async fn end_challenge(db: &Db, kind: SubjectKind, token: &str) -> Result<()> {
    sqlx::query(sql(kind, "DELETE FROM {challenges} WHERE token_hash = $1"))
        .bind(hash_token(token))
        .execute(&db.pool)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_sha1_vectors() {
        let key = b"12345678901234567890";
        for (t, code) in [
            (59, 94287082),
            (1111111109, 7081804),
            (1111111111, 14050471),
            (1234567890, 89005924),
            (2000000000, 69279037),
            (20000000000, 65353130),
        ] {
            assert_eq!(hotp(key, step_at(t) as u64, 8), code, "{t}");
        }
        assert_eq!(code_at_step(key, step_at(59)), "287082");
    }

    #[test]
    fn base32_round_trip() {
        assert_eq!(
            base32(b"12345678901234567890"),
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
        );
        assert_eq!(
            from_base32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq").unwrap(),
            b"12345678901234567890"
        );
    }
}
