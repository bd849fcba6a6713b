//! Demo dialog: signatures, the firm's and a consultant's message templates, and a history of
//! emails and SMS with the main contacts of each consultant's and manager's first three customers. The history is written as finished
//! rows (sent, delivered, failed, received) with their delivery events — never as jobs, so
//! starting the demo sends nothing.

use rand::{Rng, SeedableRng, rngs::StdRng, seq::IndexedRandom};
use time::{Date, Duration, PrimitiveDateTime, Time, Weekday};

use super::words::{FIRM_TEMPLATES, PERSONAL_TEMPLATES, REPLIES};
use crate::{
    contacts::lookup,
    db::Db,
    dialog::{
        merge::{self, MergeData},
        model::SmsLength,
        outbox::{new_uid, search_text},
    },
    timefmt::now,
    timefmt::when::{oslo_date, oslo_to_unix},
};

#[derive(sqlx::FromRow)]
struct Sender {
    id: i64,
    name: String,
    email: String,
    department: Option<String>,
}

struct Contact {
    customer_id: i64,
    customer_name: String,
    contact_id: i64,
    first_name: String,
    last_name: String,
    email: String,
    mobile: String,
}

/// One logged message: what to write, and how it ended.
struct Logged {
    channel: &'static str,
    template_id: Option<i64>,
    subject: String,
    body: String,
    /// `sent`, `delivered`, `failed` or `received`.
    status: &'static str,
    at: i64,
}

pub(super) async fn history(db: &Db, seed: u64) -> anyhow::Result<()> {
    let mut rng = StdRng::seed_from_u64(seed);
    let at = now();
    let senders: Vec<Sender> = sqlx::query_as(
        "SELECT u.id, u.name, u.email, d.name AS department FROM users u \
         LEFT JOIN departments d ON d.id = u.department_id \
         WHERE u.role <> 'admin' AND u.active = 1 ORDER BY u.id",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut tx = db.begin().await?;
    for s in &senders {
        let place = s.department.as_deref().unwrap_or("Oslo");
        sqlx::query("UPDATE users SET signature = $1 WHERE id = $2")
            .bind(format!(
                "Vennlig hilsen\n{}\nDemo Bemanning AS, avdeling {place}\n{}",
                s.name, s.email
            ))
            .bind(s.id)
            .execute(&mut *tx)
            .await?;
    }
    let mut firm = Vec::new();
    for (channel, name, subject, body) in FIRM_TEMPLATES {
        firm.push(template(&mut tx, None, channel, name, subject, body, at).await?);
    }
    let consultant: Option<i64> =
        sqlx::query_scalar("SELECT MIN(id) FROM users WHERE role = 'consultant'")
            .fetch_one(&mut *tx)
            .await?;
    if let Some(owner) = consultant {
        for (channel, name, subject, body) in PERSONAL_TEMPLATES {
            template(&mut tx, Some(owner), channel, name, subject, body, at).await?;
        }
    }
    for s in &senders {
        let signature: String = sqlx::query_scalar("SELECT signature FROM users WHERE id = $1")
            .bind(s.id)
            .fetch_one(&mut *tx)
            .await?;
        // The main contacts (with an email and a mobile) of their first three such customers.
        let owned: Vec<(i64, String)> =
            sqlx::query_as("SELECT id, name FROM customers WHERE owner_id = $1 ORDER BY id")
                .bind(s.id)
                .fetch_all(&mut *tx)
                .await?;
        let mut contacts = Vec::new();
        for (customer_id, customer_name) in owned {
            if contacts.len() == 3 {
                break;
            }
            let Some(k) = lookup::main_contact(&mut tx, customer_id).await? else {
                continue;
            };
            if let (Some(email), Some(mobile)) = (k.email, k.mobile) {
                contacts.push(Contact {
                    customer_id,
                    customer_name,
                    contact_id: k.id,
                    first_name: k.first_name,
                    last_name: k.last_name,
                    email,
                    mobile,
                });
            }
        }
        for c in &contacts {
            let data = MergeData {
                first_name: c.first_name.clone(),
                last_name: c.last_name.clone(),
                customer_name: c.customer_name.clone(),
                sender_name: s.name.clone(),
                sender_email: s.email.clone(),
                sender_signature: signature.clone(),
            };
            for m in conversation(&mut rng, &firm, &data, at) {
                log(&mut tx, s, c, &m).await?;
            }
        }
    }
    tx.commit().await?;
    Ok(())
}

async fn template(
    tx: &mut sqlx::AnyConnection,
    owner: Option<i64>,
    channel: &str,
    name: &str,
    subject: &str,
    body: &str,
    at: i64,
) -> anyhow::Result<(i64, String, String, String)> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO message_templates (owner_id, channel, name, subject, body, created_at, \
         updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(owner)
    .bind(channel)
    .bind(name)
    .bind(subject)
    .bind(body)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    Ok((id, channel.into(), subject.into(), body.into()))
}

/// A working-day moment `days_ago` days back (moved to the Monday after a weekend), Oslo time.
fn office_hours(rng: &mut StdRng, today: Date, days_ago: i64) -> i64 {
    let mut day = today - Duration::days(days_ago);
    while matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) {
        day += Duration::days(1);
    }
    let time = Time::from_hms(rng.random_range(8..16), rng.random_range(0..60), 0)
        .unwrap_or(Time::MIDNIGHT);
    oslo_to_unix(PrimitiveDateTime::new(day, time))
}

/// About two months of messages with one contact, oldest first (`firm` in the order of
/// `FIRM_TEMPLATES`): a welcome email, timesheet
/// reminders by SMS (mostly delivered, now and then failed), a reply, a bounced email.
fn conversation(
    rng: &mut StdRng,
    firm: &[(i64, String, String, String)],
    data: &MergeData,
    at: i64,
) -> Vec<Logged> {
    let today = oslo_date(at);
    let mut days_ago = rng.random_range(40..60);
    let mut out = Vec::new();
    let from_template = |t: &(i64, String, String, String), status, when| Logged {
        channel: if t.1 == "sms" { "sms" } else { "email" },
        template_id: Some(t.0),
        subject: merge::apply(&t.2, data),
        body: merge::apply(&t.3, data),
        status,
        at: when,
    };
    out.push(from_template(
        &firm[0],
        "sent",
        office_hours(rng, today, days_ago),
    ));
    for _ in 0..rng.random_range(1..4) {
        days_ago -= rng.random_range(5..12);
        let when = office_hours(rng, today, days_ago);
        let status = if rng.random_range(0..6) == 0 {
            "failed"
        } else {
            "delivered"
        };
        out.push(from_template(&firm[2], status, when));
        if status == "delivered" && rng.random_range(0..2) == 0 {
            let reply = *REPLIES.choose(rng).unwrap_or(&REPLIES[0]);
            out.push(Logged {
                channel: "sms",
                template_id: None,
                subject: String::new(),
                body: reply.into(),
                status: "received",
                at: when + rng.random_range(300..5400),
            });
        }
    }
    days_ago -= rng.random_range(2..6);
    let when = office_hours(rng, today, days_ago);
    let status = if rng.random_range(0..4) == 0 {
        "failed"
    } else {
        "sent"
    };
    out.push(from_template(&firm[1], status, when));
    if rng.random_range(0..2) == 0 {
        out.push(from_template(&firm[3], "sent", when + 3600));
    }
    out.retain(|m| m.at < at);
    out
}

async fn log(
    tx: &mut sqlx::AnyConnection,
    s: &Sender,
    c: &Contact,
    m: &Logged,
) -> anyhow::Result<()> {
    let sms = m.channel == "sms";
    let inbound = m.status == "received";
    let name = format!("{} {}", c.first_name, c.last_name);
    let address = if sms { &c.mobile } else { &c.email };
    let contact = format!("{name} <{address}>");
    let (from, to, reply_to) = match (sms, inbound) {
        (_, true) => (contact.clone(), String::new(), None),
        (true, false) => (s.name.clone(), contact.clone(), None),
        (false, false) => (
            format!("{} <{}>", s.name, s.email),
            contact.clone(),
            Some(s.email.as_str()),
        ),
    };
    let uid = new_uid();
    // A failed SMS went out and came back as not delivered; a failed email was refused.
    let provider_id = (!inbound && (sms || m.status != "failed")).then(|| {
        if sms {
            format!("demo-{}", &uid[uid.len() - 8..])
        } else {
            format!(
                "2.0.0 Ok: queued as {}",
                &uid[uid.len() - 10..].to_uppercase()
            )
        }
    });
    let reason = (m.status == "failed").then(|| {
        if sms {
            format!(
                "Sveve: not delivered to {} (status false, error 2)",
                c.mobile
            )
        } else {
            "permanent error (550): 5.1.1 Mailbox unavailable".to_string()
        }
    });
    let sent_at = provider_id.is_some().then_some(m.at + 4);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO messages (uid, customer_id, channel, direction, from_address, to_display, \
         reply_to, subject, body, search_text, status, status_reason, provider_id, user_id, \
         template_id, sms_parts, created_at, sent_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, \
         $19) RETURNING id",
    )
    .bind(uid.as_str())
    .bind(c.customer_id)
    .bind(m.channel)
    .bind(if inbound { "in" } else { "out" })
    .bind(from)
    .bind(to)
    .bind(reply_to)
    .bind(m.subject.as_str())
    .bind(m.body.as_str())
    .bind(search_text(&m.subject, &m.body))
    .bind(m.status)
    .bind(reason.as_deref())
    .bind(provider_id.as_deref())
    .bind(s.id)
    .bind(m.template_id)
    .bind(sms.then(|| SmsLength::of(&m.body).parts as i64))
    .bind(m.at)
    .bind(sent_at)
    .bind(m.at + if sms { 30 } else { 4 })
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO message_recipients (message_id, kind, contact_id, name, address) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(if inbound { "from" } else { "to" })
    .bind(c.contact_id)
    .bind(name.as_str())
    .bind(address.as_str())
    .execute(&mut *tx)
    .await?;
    let mut events: Vec<(i64, &str, Option<String>)> = Vec::new();
    if inbound {
        events.push((m.at, "received", None));
    } else {
        events.push((m.at, "queued", None));
        if provider_id.is_some() {
            events.push((m.at + 4, "sent", provider_id.clone()));
        }
        match m.status {
            "failed" => events.push((m.at + 30, "failed", reason.clone())),
            "delivered" => events.push((
                m.at + 30,
                "delivered",
                Some(format!("Sveve: delivered to {}", c.mobile)),
            )),
            _ => {}
        }
    }
    for (at, status, detail) in events {
        sqlx::query(
            "INSERT INTO message_events (message_id, at, status, detail) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(at)
        .bind(status)
        .bind(detail.as_deref())
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}
