//! Demo vacancies (issue 15): open needs at a handful of the demo's customers, with the terms an
//! assignment needs typed once (built as the demo's assignments are, `assignments::draft`) and
//! a few of the demo's workers linked as candidates at different stages, so the vacancy pages
//! and the worker search have something to show.

use rand::{Rng, SeedableRng, rngs::StdRng, seq::SliceRandom};
use time::Duration;

use super::{
    assignments::{Plan, customers, draft, needs_hms},
    workers::Saved,
};
use crate::{
    assignments::{model::Status, store as assignments},
    db::Db,
    timefmt::{now, when::oslo_date},
    vacancies::{
        model::{Stage, VacancyData},
        store,
    },
};

const TEXTS: [(&str, &str); 4] = [
    (
        "Vi trenger folk til høstens ordretopp. Skiftarbeid dag, fast team.",
        "Erfaring fra tilsvarende arbeid. Norsk eller engelsk muntlig.",
    ),
    (
        "Oppstart av nytt prosjekt; arbeid etter tegning i team på 4–6.",
        "Fagbrev eller lang erfaring. HMS-kort der arbeidsplassen krever det.",
    ),
    (
        "Vikar i foreldrepermisjon, med mulighet for forlengelse.",
        "Selvstendig, punktlig og fleksibel.",
    ),
    (
        "Inventartelling og årsoppgjør på lageret, hovedsakelig dagtid.",
        "Truckførerbevis T1–T4 er en fordel.",
    ),
];

/// Occupations (STYRK-08) of the vacancies at customers outside construction.
const TITLES: [(&str, &str); 6] = [
    ("Lagermedarbeider", "4321"),
    ("Truckfører", "8344"),
    ("Kundeservicemedarbeider", "4222"),
    ("Produksjonsmedarbeider", "9329"),
    ("Kokk", "5120"),
    ("Sjåfør", "8332"),
];

/// The demo's vacancies; each customer's owner is the responsible consultant.
pub(super) async fn demo(db: &Db, workers: &[Saved], seed: u64) -> anyhow::Result<()> {
    let mut rng = StdRng::seed_from_u64(seed);
    let (_, rules) = assignments::settings(db).await?;
    let today = oslo_date(now());
    let all = customers(db).await?;
    // Customers after those the assignments took, so the card shows a vacancy beside them too.
    let chosen: Vec<_> = all.iter().skip(5).step_by(7).take(8).cloned().collect();
    let stages = [
        Stage::Suggested,
        Stage::Contacted,
        Stage::Presented,
        Stage::Accepted,
        Stage::Declined,
    ];
    for (i, customer) in chosen.into_iter().enumerate() {
        let hms = needs_hms(&customer, &rules.hms_card_nace);
        let from = today + Duration::days(rng.random_range(7..45));
        let to = Some(from + Duration::days(rng.random_range(60..200)));
        let owner = customer.owner_id;
        let contact = customer.main_contact;
        let plan = Plan {
            customer,
            worker: 0,
            from,
            to,
            legal: true,
            equal: rng.random_bool(0.5),
            building_site: false,
            status: Status::Planned,
        };
        let mut typed = draft(&mut rng, &plan, hms, today);
        if !hms {
            let (title, styrk) = TITLES[i % TITLES.len()];
            typed.title = title.into();
            typed.styrk_code = styrk.into();
        }
        let Ok(terms) = typed.validate_terms() else {
            continue;
        };
        let (description, requirements) = TEXTS[i % TEXTS.len()];
        let v = VacancyData {
            positions: [1, 2, 3, 2, 5][i % 5],
            occupation_title: Some(terms.title.clone()),
            description: Some(description.into()),
            requirements: Some(requirements.into()),
            contact_id: contact,
        };
        let mut tx = db.begin().await?;
        let id = store::create(&mut tx, owner, plan.customer.id, &v, &terms).await?;
        tx.commit().await?;
        let Some(vacancy) = store::get(db, plan.customer.id, id).await? else {
            continue;
        };
        // Two to four candidates who could take it, at different stages.
        let mut fitting: Vec<&Saved> = workers
            .iter()
            .filter(|w| w.fits(hms, today, from, to))
            .collect();
        fitting.shuffle(&mut rng);
        for (k, w) in fitting
            .into_iter()
            .take(rng.random_range(2..=4))
            .enumerate()
        {
            let mut tx = db.begin().await?;
            let cid = store::add_candidate(&mut tx, owner, &vacancy, w.id).await?;
            tx.commit().await?;
            let stage = stages[(i + k) % stages.len()];
            if stage == Stage::Suggested {
                continue;
            }
            if let Some(candidate) = store::candidate(db, id, cid).await? {
                let mut tx = db.begin().await?;
                store::move_stage(&mut tx, owner, &vacancy, &candidate, stage).await?;
                tx.commit().await?;
            }
        }
    }
    Ok(())
}
