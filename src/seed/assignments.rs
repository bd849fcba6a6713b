//! Demo and benchmark assignments on the seeded customers: planned, active and ended, at
//! realistic rates (bill 420–650 kr, pay 210–320 kr an hour, overtime 50 % at 1.5 × pay), most
//! with their legal basis, some with the hirer's terms. Written through the feature's own
//! functions (`assignments::store::create`, then `set_status` to activate and end), so each
//! move is on the card's history as if a consultant had made it.

use std::collections::HashSet;

use rand::{Rng, SeedableRng, rngs::StdRng, seq::SliceRandom};
use time::{Date, Duration};

use super::workers::Saved;
use crate::{
    assignments::{
        model::{AssignmentDraft, Status},
        store,
    },
    db::Db,
    timefmt::{
        now,
        when::{date_string, oslo_date},
    },
};

/// (title, STYRK-08 code) by the customer's trade.
const CONSTRUCTION: [(&str, &str); 4] = [
    ("Betongarbeider", "7114"),
    ("Tømrer", "7115"),
    ("Stillasmontør", "7119"),
    ("Sveiser", "7212"),
];
const CLEANING: [(&str, &str); 1] = [("Renholder", "9112")];
const OTHER: [(&str, &str); 4] = [
    ("Lagermedarbeider", "4321"),
    ("Truckfører", "8344"),
    ("Produksjonsmedarbeider", "9329"),
    ("Sjåfør", "8332"),
];
const NEEDS: [&str; 4] = [
    "Ordretopp i høstsesongen",
    "Prosjekt med fast sluttdato",
    "Inventartelling og årsoppgjør på lageret",
    "Oppstart av ny produksjonslinje",
];

/// A customer to place workers with.
#[derive(Clone, sqlx::FromRow)]
pub(super) struct Customer {
    pub id: i64,
    pub industry_code: Option<String>,
    pub visit_street: Option<String>,
    pub visit_postal_code: Option<String>,
    pub owner_id: i64,
    pub main_contact: Option<i64>,
}

pub(super) async fn customers(db: &Db) -> anyhow::Result<Vec<Customer>> {
    Ok(sqlx::query_as(
        "SELECT c.id, c.industry_code, c.visit_street, c.visit_postal_code, c.owner_id, \
         (SELECT k.id FROM contacts k WHERE k.customer_id = c.id AND k.is_main = 1) AS main_contact \
         FROM customers c WHERE c.status = 'active' AND c.owner_id IS NOT NULL ORDER BY c.id",
    )
    .fetch_all(&db.pool)
    .await?)
}

fn kr(ore: i64) -> String {
    format!("{},{:02}", ore / 100, ore % 100)
}

/// One assignment as the form would be filled in.
pub(super) struct Plan {
    pub customer: Customer,
    pub worker: i64,
    pub from: Date,
    pub to: Option<Date>,
    pub legal: bool,
    pub equal: bool,
    pub building_site: bool,
    /// Where it should end up: planned, active or ended.
    pub status: Status,
}

pub(super) fn draft(rng: &mut StdRng, p: &Plan, hms: bool, today: Date) -> AssignmentDraft {
    let nace = p.customer.industry_code.as_deref().unwrap_or("");
    let titles: &[(&str, &str)] = if nace.starts_with("81.2") {
        &CLEANING
    } else if hms {
        &CONSTRUCTION
    } else {
        &OTHER
    };
    let (title, styrk) = titles[rng.random_range(0..titles.len())];
    let bill = rng.random_range(42..=65) * 1000;
    let pay = rng.random_range(210..=320) * 100;
    let (basis, text) = match rng.random_range(0..10) {
        0..=6 => (
            "temporary_work",
            NEEDS[rng.random_range(0..NEEDS.len())].to_string(),
        ),
        7..=8 => ("substitute", "Fast ansatt i foreldrepermisjon".to_string()),
        _ => (
            "agreement",
            "Avtale med tillitsvalgte av 01.03.2026".to_string(),
        ),
    };
    let (start, end) =
        [("07:00", "15:00"), ("07:30", "15:30"), ("06:00", "14:00")][rng.random_range(0..3)];
    AssignmentDraft {
        worker_id: p.worker.to_string(),
        title: title.into(),
        styrk_code: styrk.into(),
        workplace_street: p.customer.visit_street.clone().unwrap_or_default(),
        workplace_postal_code: p.customer.visit_postal_code.clone().unwrap_or_default(),
        building_site: if p.building_site { "1" } else { "" }.into(),
        consultant_id: p.customer.owner_id.to_string(),
        approver_contact_id: p
            .customer
            .main_contact
            .map(|c| c.to_string())
            .unwrap_or_default(),
        from_date: date_string(p.from),
        to_date: p.to.map(date_string).unwrap_or_default(),
        hours_per_week: "37,5".into(),
        days: "1,2,3,4,5".into(),
        day_start: start.into(),
        day_end: end.into(),
        break_minutes: "30".into(),
        bill_rate: kr(bill),
        pay_rate: kr(pay),
        ot50_bill: kr(bill * 3 / 2),
        ot50_pay: kr(pay * 3 / 2),
        legal_basis: if p.legal { basis } else { "" }.into(),
        legal_basis_text: if p.legal { text } else { String::new() },
        equal_pay: if p.equal {
            kr(pay - rng.random_range(0..=3) * 500)
        } else {
            String::new()
        },
        equal_confirmed_on: if p.equal {
            date_string(today - Duration::days(rng.random_range(10..200)))
        } else {
            String::new()
        },
        purchase_order: if rng.random_bool(0.3) {
            format!("PO-{}", rng.random_range(10_000..99_999))
        } else {
            String::new()
        },
        invoice_grouping: "assignment".into(),
        ..Default::default()
    }
}

/// Creates the plans (one transaction per 250), then moves each to where it should end up:
/// active, or active and then ended.
pub(super) async fn save(db: &Db, rng: &mut StdRng, plans: &[Plan]) -> anyhow::Result<()> {
    let (_, rules) = store::settings(db).await?;
    let today = oslo_date(now());
    for batch in plans.chunks(250) {
        let mut tx = db.begin().await?;
        let mut ids = Vec::new();
        for p in batch {
            let nace = p.customer.industry_code.as_deref().unwrap_or("");
            let hms = rules
                .hms_card_nace
                .iter()
                .any(|n| nace.starts_with(n.as_str()));
            let d = draft(rng, p, hms, today);
            let data = d
                .validate()
                .map_err(|e| anyhow::anyhow!("seed assignment: {e:?}"))?;
            ids.push(store::create(&mut tx, p.customer.owner_id, p.customer.id, &data).await?);
        }
        tx.commit().await?;
        let mut tx = db.begin().await?;
        for (p, id) in batch.iter().zip(ids) {
            if p.status == Status::Planned {
                continue;
            }
            let mut a = store::get(db, p.customer.id, id)
                .await?
                .ok_or_else(|| anyhow::anyhow!("assignment {id} just created"))?;
            let user = p.customer.owner_id;
            store::set_status(&mut tx, user, &a, Status::Active, None).await?;
            if p.status == Status::Ended {
                a.version += 1;
                a.status = "active".into();
                store::set_status(&mut tx, user, &a, Status::Ended, None).await?;
            }
        }
        tx.commit().await?;
    }
    db.counts.invalidate();
    Ok(())
}

pub(super) fn needs_hms(c: &Customer, prefixes: &[String]) -> bool {
    let nace = c.industry_code.as_deref().unwrap_or("");
    prefixes.iter().any(|p| nace.starts_with(p.as_str()))
}

/// The demo's assignments: on 3 construction, 2 cleaning and 20 other active customers, one to
/// three each, planned, active or ended; and, on the first construction customer, a planned one
/// whose worker has no HMS card (a red light: it cannot be activated).
pub(super) async fn demo(db: &Db, workers: &[Saved], seed: u64) -> anyhow::Result<()> {
    let mut rng = StdRng::seed_from_u64(seed);
    let (_, rules) = store::settings(db).await?;
    let today = oslo_date(now());
    let all = customers(db).await?;
    let is = |c: &&Customer, p: &[&str]| {
        let nace = c.industry_code.as_deref().unwrap_or("");
        p.iter().any(|p| nace.starts_with(p))
    };
    let mut chosen: Vec<Customer> = Vec::new();
    chosen.extend(
        all.iter()
            .filter(|c| is(c, &["41", "42", "43"]))
            .take(3)
            .cloned(),
    );
    chosen.extend(all.iter().filter(|c| is(c, &["81.2"])).take(2).cloned());
    chosen.extend(
        all.iter()
            .filter(|c| !needs_hms(c, &rules.hms_card_nace))
            .take(20)
            .cloned(),
    );
    let mut busy: HashSet<i64> = HashSet::new();
    let mut order: Vec<usize> = (0..workers.len()).collect();
    let mut plans = Vec::new();
    for (i, customer) in chosen.iter().enumerate() {
        let hms = needs_hms(customer, &rules.hms_card_nace);
        let county_ok = customer
            .visit_postal_code
            .as_deref()
            .and_then(crate::geo::postal::lookup)
            .is_some_and(|p| {
                !rules
                    .building_site_ban_counties
                    .iter()
                    .any(|c| c == p.county_no)
            });
        for k in 0..rng.random_range(1..=3) {
            let status = [Status::Active, Status::Planned, Status::Ended][(i + k) % 3];
            let d = |rng: &mut StdRng, lo: i64, hi: i64| {
                today + Duration::days(rng.random_range(lo..hi))
            };
            let (from, to) = match status {
                Status::Active => (
                    d(&mut rng, -120, -7),
                    rng.random_bool(0.7).then(|| d(&mut rng, 30, 200)),
                ),
                Status::Planned => {
                    let from = d(&mut rng, 7, 40);
                    (from, Some(from + Duration::days(rng.random_range(60..180))))
                }
                _ => (d(&mut rng, -320, -150), Some(d(&mut rng, -60, -10))),
            };
            order.shuffle(&mut rng);
            let Some(w) = order.iter().map(|&j| &workers[j]).find(|w| {
                w.fits(hms, today, from, to) && (status == Status::Ended || !busy.contains(&w.id))
            }) else {
                continue;
            };
            if status != Status::Ended {
                busy.insert(w.id);
            }
            plans.push(Plan {
                customer: customer.clone(),
                worker: w.id,
                from,
                to,
                // Without a legal basis the light is red: only planned ones lack it.
                legal: status != Status::Planned || rng.random_range(0..4) > 0,
                equal: rng.random_bool(0.4),
                building_site: hms && county_ok && !is(&customer, &["81.2"]),
                status,
            });
        }
    }
    // The red light: a construction worker without an HMS card, planned on a building customer.
    if let (Some(customer), Some(w)) = (
        chosen
            .first()
            .filter(|c| needs_hms(c, &rules.hms_card_nace)),
        workers
            .iter()
            .find(|w| w.g.draft.name == "Tomas Petrauskas"),
    ) {
        let from = today + Duration::days(14);
        plans.push(Plan {
            customer: customer.clone(),
            worker: w.id,
            from,
            to: Some(from + Duration::days(90)),
            legal: true,
            equal: true,
            building_site: false,
            status: Status::Planned,
        });
    }
    save(db, &mut rng, &plans).await
}

/// `n` active assignments for measuring: `on_one` of them on one customer (the first active
/// customer whose trade needs no HMS card), the rest spread over the other active customers,
/// each with its own worker (from `workers`), legal basis filled, half of them open-ended.
pub(super) async fn large(
    db: &Db,
    workers: &[Saved],
    n: usize,
    on_one: usize,
    seed: u64,
) -> anyhow::Result<Option<i64>> {
    let mut rng = StdRng::seed_from_u64(seed);
    let (_, rules) = store::settings(db).await?;
    let today = oslo_date(now());
    let all = customers(db).await?;
    let Some(big) = all.iter().position(|c| !needs_hms(c, &rules.hms_card_nace)) else {
        return Ok(None);
    };
    let mut used = vec![false; workers.len()];
    let mut plans = Vec::with_capacity(n);
    for i in 0..n {
        let customer = if i < on_one || all.len() == 1 {
            &all[big]
        } else {
            let mut c = rng.random_range(0..all.len() - 1);
            if c >= big {
                c += 1;
            }
            &all[c]
        };
        let hms = needs_hms(customer, &rules.hms_card_nace);
        let from = today - Duration::days(rng.random_range(1..200));
        let to = rng
            .random_bool(0.5)
            .then(|| today + Duration::days(rng.random_range(30..365)));
        let Some(j) =
            (0..workers.len()).find(|&j| !used[j] && workers[j].fits(hms, today, from, to))
        else {
            break;
        };
        used[j] = true;
        plans.push(Plan {
            customer: customer.clone(),
            worker: workers[j].id,
            from,
            to,
            legal: true,
            equal: rng.random_bool(0.3),
            building_site: false,
            status: Status::Active,
        });
    }
    save(db, &mut rng, &plans).await?;
    Ok(Some(all[big].id))
}
