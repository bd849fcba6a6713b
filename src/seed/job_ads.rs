//! A large set of published job ads and one customer with many vacancies, for the job ads
//! benchmark (`benches/job_ads.rs`): the public list and ad pages face the internet, and the
//! card's vacancies list must hold up for a customer with a thousand of them.

use rand::{Rng, SeedableRng, rngs::StdRng};
use time::Duration;

use super::assignments::{Plan, customers, draft, needs_hms};
use crate::{
    assignments::{model::Status, store as assignments},
    db::Db,
    job_ads::{
        model::{AdData, ContactPerson, EmployerShown, EmploymentType, Sector},
        store as ads,
    },
    timefmt::{
        now,
        when::{date_string, oslo_date},
    },
    vacancies::{model::VacancyData, store as vacancies},
};

const TITLES: [(&str, &str, &str); 6] = [
    ("Lagermedarbeider", "4321", "Lagerarbeider"),
    ("Truckfører", "8344", "Truckfører"),
    ("Kundeservicemedarbeider", "4222", "Kundesenteroperatør"),
    ("Produksjonsmedarbeider", "9329", "Produksjonsarbeider"),
    ("Kokk", "5120", "Kokk"),
    ("Sjåfør", "8332", "Lastebilsjåfør"),
];
const CITIES: [(&str, &str); 6] = [
    ("0150", "Oslo"),
    ("5003", "Bergen"),
    ("7010", "Trondheim"),
    ("4006", "Stavanger"),
    ("9008", "Tromsø"),
    ("3015", "Drammen"),
];
const BODY: &str = "<p>Vi søker motiverte medarbeidere til et travelt team. Du får opplæring, \
    faste vakter og en kontaktperson hos oss gjennom hele oppdraget.</p>\
    <h3>Arbeidsoppgaver</h3><ul><li>Plukk og pakk</li><li>Varemottak</li><li>Orden på lageret</li></ul>\
    <h3>Vi tilbyr</h3><ul><li>Konkurransedyktig lønn</li><li>Godt arbeidsmiljø</li></ul>";

/// `n` published ads spread over the active customers (a fifth with a deadline, the rest
/// "snarest"), as their owners; how many were made.
pub async fn ads(db: &Db, n: usize, seed: u64) -> anyhow::Result<usize> {
    let mut rng = StdRng::seed_from_u64(seed);
    let all = customers(db).await?;
    anyhow::ensure!(!all.is_empty(), "no active customer with an owner");
    let today = oslo_date(now());
    let mut made = 0;
    let mut tx = db.begin().await?;
    for i in 0..n {
        let c = &all[i % all.len()];
        let (title, styrk, occupation) = TITLES[rng.random_range(0..TITLES.len())];
        let (postal, city) = CITIES[rng.random_range(0..CITIES.len())];
        let with_deadline = i % 5 == 0;
        let d = AdData {
            title: format!("{title} – {city}"),
            lead: format!("Bli med som {} i {city}.", title.to_lowercase()),
            body_html: BODY.into(),
            styrk_code: Some(styrk.into()),
            occupation_title: Some(occupation.into()),
            postal_code: Some(postal.into()),
            city: Some(city.into()),
            employment_type: EmploymentType::Temporary,
            sector: Sector::Private,
            deadline: with_deadline
                .then(|| date_string(today + Duration::days(rng.random_range(7..60)))),
            asap: !with_deadline,
            start_date: None,
            start_text: Some("Snarest".into()),
            positions: rng.random_range(1..=5),
            salary_hour_ore: rng
                .random_bool(0.5)
                .then(|| rng.random_range(210..=320) * 100),
            contact: Some(ContactPerson::Staff(c.owner_id)),
            employer_shown: [
                EmployerShown::Agency,
                EmployerShown::Customer,
                EmployerShown::Anonymous,
            ][i % 3],
            // The homepage only: the job boards' clients are measured against their fakes.
            to_arbeidsplassen: false,
            to_finn: false,
            employer_orgnr: None,
        };
        let owner = c.owner_id;
        let (id, _) = ads::create(&mut tx, owner, c.id, ads::MadeFrom::Nothing, &d).await?;
        // Published as the ad page's button does it.
        let ad = ads::get_in(&mut tx, c.id, id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("ad {id} just made"))?;
        ads::publish(&mut tx, owner, &ad, &date_string(today)).await?;
        made += 1;
        if i % 500 == 499 {
            tx.commit().await?;
            tx = db.begin().await?;
        }
    }
    tx.commit().await?;
    Ok(made)
}

/// `n` open vacancies on the first active customer with an owner, with the terms an
/// assignment needs, as the demo's are built; that customer's id.
pub async fn vacancies_on_one(db: &Db, n: usize, seed: u64) -> anyhow::Result<i64> {
    let mut rng = StdRng::seed_from_u64(seed);
    let (_, rules) = assignments::settings(db).await?;
    let today = oslo_date(now());
    let customer = customers(db)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| anyhow::anyhow!("no active customer with an owner"))?;
    let id = customer.id;
    let owner = customer.owner_id;
    let hms = needs_hms(&customer, &rules.hms_card_nace);
    let mut tx = db.begin().await?;
    for i in 0..n {
        let from = today + Duration::days(rng.random_range(7..120));
        let plan = Plan {
            customer: customer.clone(),
            worker: 0,
            from,
            to: Some(from + Duration::days(rng.random_range(30..200))),
            legal: true,
            equal: rng.random_bool(0.5),
            building_site: false,
            status: Status::Planned,
        };
        let Ok(terms) = draft(&mut rng, &plan, hms, today).validate_terms() else {
            continue;
        };
        let v = VacancyData {
            positions: rng.random_range(1..=4),
            occupation_title: Some(terms.title.clone()),
            description: Some("Behov i høstens ordretopp.".into()),
            requirements: None,
            contact_id: customer.main_contact,
        };
        vacancies::create(&mut tx, owner, id, &v, &terms).await?;
        if i % 200 == 199 {
            tx.commit().await?;
            tx = db.begin().await?;
        }
    }
    tx.commit().await?;
    Ok(id)
}
