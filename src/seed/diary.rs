//! Demo activities for the diary: each consultant's and manager's meetings, calls and visits with
//! their own customers over the last four weeks (done) and the next two (planned).

use rand::{Rng, SeedableRng, rngs::StdRng, seq::IndexedRandom};
use time::{Duration, OffsetDateTime, PrimitiveDateTime, Time, Weekday};

use crate::{
    contacts::lookup,
    db::Db,
    timefmt::{now, when::oslo_to_unix},
};

const TITLES: [(&str, &str); 6] = [
    ("customer_meeting", "Statusmøte om bemanningen"),
    ("phone_call", "Oppfølging av vikarene"),
    ("visit", "Besøk på arbeidsplassen"),
    ("interview", "Intervju av kandidat"),
    ("lunch", "Lunsj med kontaktpersonen"),
    ("customer_meeting", "Gjennomgang av rammeavtalen"),
];

pub(super) async fn activities(db: &Db, seed: u64) -> anyhow::Result<()> {
    let mut rng = StdRng::seed_from_u64(seed);
    let types: Vec<(i64, String, i64)> =
        sqlx::query_as("SELECT id, key, default_minutes FROM activity_types WHERE key IS NOT NULL")
            .fetch_all(&db.pool)
            .await?;
    let staff: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM users WHERE role <> 'admin' AND active = 1")
            .fetch_all(&db.pool)
            .await?;
    let today = OffsetDateTime::now_utc().date();
    let now = now();
    let mut tx = db.begin().await?;
    for (user_id,) in staff {
        let customers: Vec<(i64,)> =
            sqlx::query_as("SELECT id FROM customers WHERE owner_id = $1 ORDER BY id LIMIT 40")
                .bind(user_id)
                .fetch_all(&mut *tx)
                .await?;
        if customers.is_empty() {
            continue;
        }
        for _ in 0..30 {
            let mut day = today + Duration::days(rng.random_range(-28..14));
            while matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) {
                day += Duration::days(1);
            }
            let (key, title) = *TITLES.choose(&mut rng).expect("titles");
            let Some((type_id, _, minutes)) = types.iter().find(|(_, k, _)| k == key) else {
                continue;
            };
            let hour = rng.random_range(8..16) as u8;
            let minute = [0u8, 15, 30, 45][rng.random_range(0..4)];
            let start = oslo_to_unix(PrimitiveDateTime::new(
                day,
                Time::from_hms(hour, minute, 0)?,
            ));
            let end = start + minutes * 60;
            let done = end < now;
            let (customer_id,) = *customers.choose(&mut rng).expect("customers");
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO activities (customer_id, type_id, title, starts_at, ends_at, all_day, done, done_at, \
                 created_by, created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, 0, $6, $7, $8, $9, $9, 1) RETURNING id",
            )
            .bind(customer_id)
            .bind(type_id)
            .bind(title)
            .bind(start)
            .bind(end)
            .bind(i64::from(done))
            .bind(done.then_some(end))
            .bind(user_id)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query("INSERT INTO activity_participants (activity_id, user_id) VALUES ($1, $2)")
                .bind(id)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            if let Some(main) = lookup::main_contact(&mut tx, customer_id).await? {
                let contact_id = main.id;
                sqlx::query(
                    "INSERT INTO activity_contacts (activity_id, contact_id) VALUES ($1, $2)",
                )
                .bind(id)
                .bind(contact_id)
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    sqlx::query(
        "UPDATE customers SET last_activity_at = (SELECT MAX(a.starts_at) FROM activities a \
         WHERE a.customer_id = customers.id AND a.done = 1 AND a.deleted_at IS NULL)",
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    db.counts.invalidate();
    Ok(())
}
