//! Demo and benchmark workers: Norwegian and foreign names, a realistic status mix, skills, and
//! dated papers (HMS cards, work permits, truck licences), a few about to expire and one expired.
//! Written through the feature's own functions (`workers::store::create`,
//! `workers::credentials::add`), one transaction per batch.

use rand::{Rng, SeedableRng, rngs::StdRng, seq::IndexedRandom};
use time::{Date, Duration};

use super::words::{FIRST_NAMES, LAST_NAMES};
use crate::{
    db::Db,
    geo::postal,
    timefmt::{
        now,
        when::{date_string, oslo_date},
    },
    workers::{
        credentials::{self, CredentialData, Kind},
        model::WorkerDraft,
        store,
    },
};

/// (first names, last names, needs a work permit): EEA citizens need none.
const FOREIGN: [(&[&str], &[&str], bool); 5] = [
    (
        &[
            "Piotr",
            "Tomasz",
            "Katarzyna",
            "Marek",
            "Agnieszka",
            "Paweł",
        ],
        &[
            "Kowalski",
            "Nowak",
            "Wiśniewski",
            "Zieliński",
            "Lewandowska",
        ],
        false,
    ),
    (
        &["Mindaugas", "Tomas", "Rūta", "Darius"],
        &["Kazlauskas", "Petrauskas", "Jankauskienė"],
        false,
    ),
    (
        &["Erik", "Linnea", "Johan", "Elin"],
        &["Lindqvist", "Svensson", "Bergström"],
        false,
    ),
    (
        &["Oleksandr", "Iryna", "Andrii", "Olena"],
        &["Shevchenko", "Kovalenko", "Bondarenko"],
        true,
    ),
    (
        &["Maria", "Jose", "Angelica", "Mark"],
        &["Santos", "Reyes", "Dela Cruz", "Bautista"],
        true,
    ),
];

/// Skill sets that go together; the first ones need an HMS card on a building site.
const SKILLS: [&[&str]; 9] = [
    &["betong", "forskaling"],
    &["sveis", "stål"],
    &["tømrer", "betong"],
    &["stillas", "betong"],
    &["renhold", "maskinvask"],
    &["truck", "lager"],
    &["lager", "plukk"],
    &["truck", "lager", "sjåfør kl. C"],
    &["produksjon", "pakking"],
];

/// One generated worker: what the form would have been given, and their papers.
pub(super) struct Generated {
    pub draft: WorkerDraft,
    pub papers: Vec<CredentialData>,
}

fn ascii(s: &str) -> String {
    s.to_lowercase()
        .replace('æ', "ae")
        .replace('ø', "o")
        .replace('å', "a")
        .replace('ł', "l")
        .replace('ś', "s")
        .replace('ń', "n")
        .replace('ū', "u")
        .replace('ė', "e")
        .replace(' ', "")
}

fn paper(kind: Kind, reference: String, until: Option<Date>) -> CredentialData {
    CredentialData {
        kind,
        reference: Some(reference),
        note: (kind == Kind::WorkPermit).then(|| "Faglært arbeider".to_string()),
        valid_until: until,
    }
}

/// Worker number `i` (unique per call series): the employee number and email use it.
pub(super) fn generate(
    rng: &mut StdRng,
    i: usize,
    places: &[&postal::PostalPlace],
    today: Date,
) -> Generated {
    let (first, last, needs_permit) = if rng.random_range(0..10) < 7 {
        (
            *FIRST_NAMES.choose(rng).unwrap_or(&"Ola"),
            *LAST_NAMES.choose(rng).unwrap_or(&"Hansen"),
            false,
        )
    } else {
        let (firsts, lasts, permit) = FOREIGN[rng.random_range(0..FOREIGN.len())];
        (
            *firsts.choose(rng).unwrap_or(&"Piotr"),
            *lasts.choose(rng).unwrap_or(&"Nowak"),
            permit,
        )
    };
    let status = match i % 10 {
        0..=6 => "employee",
        7..=8 => "candidate",
        _ => "former",
    };
    let skills = SKILLS[rng.random_range(0..SKILLS.len())];
    let place = *places.choose(rng).expect("postal codes");
    let days =
        |rng: &mut StdRng, lo: i64, hi: i64| today + Duration::days(rng.random_range(lo..hi));
    let mut papers = Vec::new();
    let building = skills
        .iter()
        .any(|s| ["betong", "sveis", "tømrer", "stillas", "renhold"].contains(s));
    if building && rng.random_range(0..10) < 9 {
        papers.push(paper(
            Kind::HmsCard,
            format!("HMS-{:07}", rng.random_range(0..10_000_000)),
            Some(days(rng, 60, 900)),
        ));
    }
    if needs_permit {
        papers.push(paper(
            Kind::WorkPermit,
            format!("UDI-{:08}", rng.random_range(0..100_000_000)),
            Some(days(rng, 120, 1000)),
        ));
    }
    if skills.contains(&"truck") {
        papers.push(paper(
            Kind::TruckLicence,
            format!("T{:06}", rng.random_range(0..1_000_000)),
            None,
        ));
    }
    let draft = WorkerDraft {
        name: format!("{first} {last}"),
        email: format!("{}.{}{}@epost.no", ascii(first), ascii(last), i),
        mobile: format!(
            "+47 {}{:07}",
            [4, 9][rng.random_range(0..2)],
            rng.random_range(0..10_000_000)
        ),
        postal_code: place.postal_code.to_string(),
        employee_number: if status == "candidate" {
            String::new()
        } else {
            format!("V{}", 10_000 + i)
        },
        status: status.to_string(),
        skills: skills.join(", "),
        preferred_places: place.place_title(),
        available_from: if status == "candidate" {
            date_string(days(rng, 0, 60))
        } else {
            String::new()
        },
        needs_work_permit: if needs_permit { "1" } else { "" }.to_string(),
        ..Default::default()
    };
    Generated { draft, papers }
}

/// Saves `workers` (the user `responsible[k % len]` creates and is responsible for each), one
/// transaction per 500; returns them with their ids.
pub(super) async fn save(
    db: &Db,
    responsible: &[i64],
    workers: Vec<Generated>,
) -> anyhow::Result<Vec<Saved>> {
    let mut ids = Vec::with_capacity(workers.len());
    for (b, batch) in workers.chunks(500).enumerate() {
        let mut tx = db.begin().await?;
        for (k, w) in batch.iter().enumerate() {
            let user = responsible[(b * 500 + k) % responsible.len()];
            let data = w
                .draft
                .validate()
                .map_err(|e| anyhow::anyhow!("seed worker {}: {e:?}", w.draft.name))?;
            let id = store::create(&mut tx, user, &data).await?;
            for p in &w.papers {
                credentials::add(&mut tx, user, id, p).await?;
            }
            ids.push(id);
        }
        tx.commit().await?;
    }
    Ok(ids
        .into_iter()
        .zip(workers)
        .map(|(id, g)| Saved { id, g })
        .collect())
}

/// A saved worker: the id and what was generated.
pub(super) struct Saved {
    pub id: i64,
    pub g: Generated,
}

impl Saved {
    /// An employee who may work for a customer from `from` to `to` (open end: `None`): with an
    /// HMS card valid through the period when the customer's trade needs one, and a work
    /// permit through it when they need one.
    pub fn fits(&self, needs_hms: bool, today: Date, from: Date, to: Option<Date>) -> bool {
        let until = |kind: Kind| {
            self.g
                .papers
                .iter()
                .filter(|p| p.kind == kind)
                .filter_map(|p| p.valid_until)
                .max()
        };
        let hms_ok = until(Kind::HmsCard)
            .is_some_and(|d| d >= from.max(today) && to.is_none_or(|to| d >= to));
        let permit_ok = until(Kind::WorkPermit)
            .zip(to)
            .is_some_and(|(d, to)| d >= to);
        self.g.draft.status == "employee"
            && (!needs_hms || hms_ok)
            && (self.g.draft.needs_work_permit != "1" || permit_ok)
    }
}

/// Consultants and managers (the admin when there are none): who keeps the workers.
pub(super) async fn keepers(db: &Db) -> anyhow::Result<Vec<i64>> {
    let mut ids: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM users WHERE role <> 'admin' AND active = 1 ORDER BY id")
            .fetch_all(&db.pool)
            .await?;
    if ids.is_empty() {
        ids = sqlx::query_scalar("SELECT id FROM users WHERE active = 1 ORDER BY id")
            .fetch_all(&db.pool)
            .await?;
    }
    Ok(ids)
}

/// The demo's workers: 60 generated ones, then a few with papers about to end (two HMS cards
/// and a work permit within 30 days), one with an expired HMS card, and one construction
/// worker without an HMS card.
pub(super) async fn demo(db: &Db, seed: u64) -> anyhow::Result<Vec<Saved>> {
    let mut rng = StdRng::seed_from_u64(seed);
    let places: Vec<&postal::PostalPlace> = postal::all().collect();
    let today = oslo_date(now());
    let mut workers: Vec<Generated> = (0..60)
        .map(|i| generate(&mut rng, i, &places, today))
        .collect();
    let special = [
        (
            "Bjørn Sætre",
            "betong, forskaling",
            Some((Kind::HmsCard, 12)),
            "",
        ),
        ("Agnieszka Nowak", "renhold", Some((Kind::HmsCard, 25)), ""),
        (
            "Andrii Bondarenko",
            "sveis, stål",
            Some((Kind::WorkPermit, 20)),
            "1",
        ),
        ("Geir Mathisen", "stillas", Some((Kind::HmsCard, -10)), ""),
        ("Tomas Petrauskas", "betong, tømrer", None, ""),
    ];
    for (k, (name, skills, paper_days, permit)) in special.into_iter().enumerate() {
        let mut g = generate(&mut rng, 60 + k, &places, today);
        g.draft.name = name.to_string();
        g.draft.email = format!("{}@epost.no", ascii(&name.replace(' ', ".")));
        g.draft.status = "employee".into();
        g.draft.employee_number = format!("V{}", 10_060 + k);
        g.draft.available_from.clear();
        g.draft.skills = skills.to_string();
        g.draft.needs_work_permit = permit.to_string();
        g.papers.clear();
        if let Some((kind, d)) = paper_days {
            g.papers.push(paper(
                kind,
                format!("{}-{}", kind.as_str(), 4711 + k),
                Some(today + Duration::days(d)),
            ));
            if kind == Kind::WorkPermit {
                g.papers.push(paper(
                    Kind::HmsCard,
                    "HMS-0047110".into(),
                    Some(today + Duration::days(400)),
                ));
            }
        }
        workers.push(g);
    }
    save(db, &keepers(db).await?, workers).await
}

/// `n` more workers for measuring, continuing the employee numbers after those there are.
pub(super) async fn large(db: &Db, n: usize, seed: u64) -> anyhow::Result<Vec<Saved>> {
    let mut rng = StdRng::seed_from_u64(seed);
    let places: Vec<&postal::PostalPlace> = postal::all().collect();
    let today = oslo_date(now());
    let (existing,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM workers")
        .fetch_one(&db.pool)
        .await?;
    let start = existing as usize + 100;
    let workers: Vec<Generated> = (0..n)
        .map(|i| generate(&mut rng, start + i, &places, today))
        .collect();
    save(db, &keepers(db).await?, workers).await
}

/// The demo worker's log-in to their own pages (`/worker`): the first worker with an active
/// assignment gets the login `vikar@demo.kundekort.no` and the demo password, as if they had
/// accepted an invitation. Returns the login to print, if there was such a worker.
pub(super) async fn demo_login(db: &Db, password_hash: &str) -> anyhow::Result<Option<String>> {
    const LOGIN: &str = "vikar@demo.kundekort.no";
    let worker: Option<(i64, Option<String>)> = sqlx::query_as(
        "SELECT w.id, w.email FROM workers w WHERE w.erased_at IS NULL AND EXISTS \
         (SELECT 1 FROM assignments a WHERE a.worker_id = w.id AND a.status = 'active') \
         ORDER BY w.id LIMIT 1",
    )
    .fetch_optional(&db.pool)
    .await?;
    let Some((id, old_email)) = worker else {
        return Ok(None);
    };
    let at = now();
    let mut tx = db.begin().await?;
    // The login is the worker's email, so the search text follows it.
    sqlx::query(
        "UPDATE workers SET email = $1, search_text = REPLACE(search_text, $2, $1) WHERE id = $3",
    )
    .bind(LOGIN)
    .bind(old_email.unwrap_or_default().to_lowercase())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO worker_accounts (worker_id, login_email, password_hash, active, invited_at, \
         accepted_at, created_at, updated_at) VALUES ($1, $2, $3, 1, $4, $4, $4, $4)",
    )
    .bind(id)
    .bind(LOGIN)
    .bind(password_hash)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(LOGIN.to_string()))
}
