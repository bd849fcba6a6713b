//! Seeding for the dialog benchmark: a main contact on every customer (the bulk send's
//! recipients), and one customer's long message history, in multi-row INSERTs.
//!
//! Statements stay under about 1,000 bound values: sqlx looks each `$N` up by name, so larger
//! statements make seeding quadratic (see `seed/customers.rs`).

use std::collections::HashMap;

use kundekort::{
    collate::sort_key,
    db::{Db, Sql},
    dialog::{model::SmsLength, outbox::search_text},
    timefmt::now,
};
use rand::{Rng, rngs::StdRng, seq::IndexedRandom};

const FIRST: [&str; 12] = [
    "Åse", "Per", "Kari", "Ola", "Ingrid", "Lars", "Sigrid", "Jon", "Marte", "Eirik", "Nora",
    "Håkon",
];
const LAST: [&str; 10] = [
    "Berg", "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Nilsen", "Dahl", "Lie", "Haugen",
];

/// Gives every customer without contacts one active main contact with email and mobile.
pub async fn main_contacts(db: &Db, rng: &mut StdRng) -> usize {
    let customers: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM customers c WHERE NOT EXISTS \
         (SELECT 1 FROM contacts k WHERE k.customer_id = c.id) ORDER BY id",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    contacts(db, rng, &customers, true).await;
    customers.len()
}

/// One contact on each of `customers` (listing a customer again gives it another).
async fn contacts(db: &Db, rng: &mut StdRng, customers: &[i64], main: bool) {
    let at = now();
    let mut tx = db.pool.begin().await.unwrap();
    // 11 values a row: 90 rows a statement.
    for chunk in customers.chunks(90) {
        let mut sql = Sql::new(
            "INSERT INTO contacts (customer_id, first_name, last_name, position, email, mobile, \
             is_main, active, search_text, sort_name, version, created_at, updated_at) VALUES ",
        );
        for (i, id) in chunk.iter().enumerate() {
            let first = *FIRST.choose(rng).unwrap();
            let last = *LAST.choose(rng).unwrap();
            let n: u32 = rng.random();
            let email = format!("kontakt{n}@kunde{id}.test");
            let mobile = format!("+479{:07}", rng.random_range(0..10_000_000));
            if i > 0 {
                sql.push(", ");
            }
            sql.push("(")
                .bind(*id)
                .push(", ")
                .bind(first)
                .push(", ")
                .bind(last)
                .push(", ")
                .bind(if main { "Daglig leder" } else { "Driftsleder" })
                .push(", ")
                .bind(email.as_str())
                .push(", ")
                .bind(mobile.as_str())
                .push(", ")
                .bind(i64::from(main))
                .push(", 1, ")
                .bind(format!("{first} {last} {email} {mobile}").to_lowercase())
                .push(", ")
                .bind(sort_key(&format!("{last} {first}")))
                .push(", 1, ")
                .bind(at)
                .push(", ")
                .bind(at)
                .push(")");
        }
        sql.query().execute(&mut *tx).await.unwrap();
    }
    tx.commit().await.unwrap();
}

const EMAIL_SUBJECTS: [&str; 8] = [
    "Oppfølging etter møtet",
    "Timelister for uke {week}",
    "Bekreftelse av oppdrag",
    "Nye kandidater til lageret",
    "Faktura og timeliste",
    "Spørsmål om bemanning i sommer",
    "Referat fra statusmøtet",
    "Tilbud på vikarer",
];
const SENTENCES: [&str; 10] = [
    "Takk for en hyggelig prat i dag.",
    "Vedlagt finner du timelistene for perioden.",
    "Vi har to nye kandidater som passer godt til stillingen som lagermedarbeider.",
    "Gi gjerne beskjed om dere trenger flere vikarer fra neste uke.",
    "Fakturaen sendes som EHF som avtalt.",
    "Vikaren møter kl. 07.00 ved varemottaket, inngang B.",
    "Husk å godkjenne timelisten innen fredag.",
    "Jeg ringer deg i morgen for å avklare detaljene.",
    "Prisene følger avtalen vi har for inneværende år.",
    "Ha en fin helg!",
];
/// In about one message in 200: what the "rare phrase" search looks for.
pub const RARE: &str = "revidert rammeavtale";

/// How a generated message looks: email or SMS, which way, how it ended.
fn kind(rng: &mut StdRng) -> (&'static str, &'static str, &'static str) {
    let roll = rng.random_range(0..100);
    let status_roll = rng.random_range(0..100);
    if roll < 65 {
        let status = if status_roll < 3 { "failed" } else { "sent" };
        ("email", "out", status)
    } else if roll < 91 {
        let status = match status_roll {
            0..=4 => "failed",
            5..=14 => "sent",
            _ => "delivered",
        };
        ("sms", "out", status)
    } else {
        ("sms", "in", "received")
    }
}

fn text(rng: &mut StdRng, sentences: usize) -> String {
    let mut out = Vec::new();
    for _ in 0..sentences {
        out.push(*SENTENCES.choose(rng).unwrap());
    }
    let mut body = out.join(" ");
    if rng.random_range(0..200) == 0 {
        body.push_str(&format!(" Se vedlagt {RARE} for neste år."));
    }
    body
}

/// Logs `n` messages on `customer` over the last three years, with their recipients; returns
/// the customer's contact ids.
pub async fn history(db: &Db, rng: &mut StdRng, customer: i64, n: usize) -> Vec<i64> {
    let staff: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, name, email FROM users WHERE role <> 'admin' ORDER BY id LIMIT 4",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    // Four more people at the customer besides the main contact.
    contacts(db, rng, &[customer; 4], false).await;
    let contacts: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT id, first_name || ' ' || last_name, email, mobile FROM contacts \
         WHERE customer_id = $1 ORDER BY id",
    )
    .bind(customer)
    .fetch_all(&db.pool)
    .await
    .unwrap();
    let at = now();
    let mut tx = db.pool.begin().await.unwrap();
    let mut picked: HashMap<String, (usize, &'static str, &'static str)> =
        HashMap::with_capacity(n);
    // 17 values a row: 55 rows (935 values) a statement.
    let rows: Vec<usize> = (0..n).collect();
    for chunk in rows.chunks(55) {
        let mut sql = Sql::new(
            "INSERT INTO messages (uid, customer_id, channel, direction, from_address, to_display, \
             subject, body, search_text, status, status_reason, provider_id, user_id, sms_parts, \
             created_at, sent_at, updated_at) VALUES ",
        );
        for (i, k) in chunk.iter().enumerate() {
            let (channel, direction, status) = kind(rng);
            let (user_id, user_name, user_email) = staff.choose(rng).unwrap();
            let c = rng.random_range(0..contacts.len());
            let (_, name, email, mobile) = &contacts[c];
            let created = at - rng.random_range(0..3 * 365 * 86_400);
            let uid = format!("bench.{customer}.{k}");
            let (subject, body) = if channel == "email" {
                let s = EMAIL_SUBJECTS
                    .choose(rng)
                    .unwrap()
                    .replace("{week}", &rng.random_range(1..53).to_string());
                let sentences = rng.random_range(3..9);
                (
                    s,
                    format!("Hei,\n\n{}\n\nHilsen\n{user_name}", text(rng, sentences)),
                )
            } else {
                let sentences = rng.random_range(1..3);
                (String::new(), text(rng, sentences))
            };
            let (from, to) = match (channel, direction) {
                ("email", _) => (
                    format!("{user_name} <{user_email}>"),
                    format!("{name} <{email}>"),
                ),
                (_, "out") => (user_name.clone(), format!("{name} <{mobile}>")),
                _ => (format!("{name} <{mobile}>"), String::new()),
            };
            let role = if direction == "in" { "from" } else { "to" };
            picked.insert(uid.clone(), (c, role, channel));
            if i > 0 {
                sql.push(", ");
            }
            sql.push("(")
                .bind(uid)
                .push(", ")
                .bind(customer)
                .push(", ")
                .bind(channel)
                .push(", ")
                .bind(direction)
                .push(", ")
                .bind(from)
                .push(", ")
                .bind(to)
                .push(", ")
                .bind(subject.as_str())
                .push(", ")
                .bind(body.as_str())
                .push(", ")
                .bind(search_text(&subject, &body))
                .push(", ")
                .bind(status)
                .push(", ");
            if status == "failed" {
                sql.bind("550 5.1.1 Mailbox unavailable");
            } else {
                sql.push("NULL");
            }
            sql.push(", ").bind(format!("P{k}")).push(", ");
            // An SMS reply is put on the consultant who wrote to the contact last.
            sql.bind(*user_id).push(", ");
            if channel == "sms" {
                sql.bind(SmsLength::of(&body).parts as i64);
            } else {
                sql.push("NULL");
            }
            sql.push(", ")
                .bind(created)
                .push(", ")
                .bind(created + 2)
                .push(", ")
                .bind(created + 2)
                .push(")");
        }
        sql.query().execute(&mut *tx).await.unwrap();
    }
    let ids: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, uid FROM messages WHERE customer_id = $1 AND uid LIKE 'bench.%'",
    )
    .bind(customer)
    .fetch_all(&mut *tx)
    .await
    .unwrap();
    // 5 values a row: 190 rows a statement.
    for chunk in ids.chunks(190) {
        let mut sql = Sql::new(
            "INSERT INTO message_recipients (message_id, kind, contact_id, name, address) VALUES ",
        );
        for (i, (id, uid)) in chunk.iter().enumerate() {
            let (c, kind, channel) = picked[uid];
            let (contact_id, name, email, mobile) = &contacts[c];
            let address = if channel == "sms" { mobile } else { email };
            if i > 0 {
                sql.push(", ");
            }
            sql.push("(")
                .bind(*id)
                .push(", ")
                .bind(kind)
                .push(", ")
                .bind(*contact_id)
                .push(", ")
                .bind(name.as_str())
                .push(", ")
                .bind(address.as_str())
                .push(")");
        }
        sql.query().execute(&mut *tx).await.unwrap();
    }
    tx.commit().await.unwrap();
    contacts.iter().map(|c| c.0).collect()
}
