//! The substring search asks SQLite's FTS5 index for each word's rarest trigram and checks the
//! whole words on the rows it gives, once the table's trigram sample is there (decision 0091).
//! Both ways — before the sample, every word whole, and after it — give exactly the customers
//! whose search text holds every word of three or more characters, computed here without SQL,
//! through the substring index read alone and as the driving table of a bounded count.

use kundekort::db::{Backend, Db, Sql, search};

use crate::{customer_keyset::insert_customers, db_test};

const FIRST: [&str; 9] = [
    "Nordlys",
    "Fjord",
    "Sjøbygg",
    "Ås",
    "Vest",
    "Ørsta",
    "Transportfjord",
    "Østre",
    "Romsdal",
];
const SECOND: [&str; 7] = [
    "Transport",
    "Bygg",
    "Elektro",
    "Rør",
    "Byggservice",
    "Renhold",
    "Æble",
];
const CITIES: [&str; 4] = ["Tromsø", "Bodø", "Oslo", "Ålesund"];

const QUERIES: [&str; 20] = [
    "troms",
    "romsdal troms",
    "nordlys transport",
    "fjord byg",
    "bygg",
    "byggservice",
    "sjøbygg",
    "ørsta elektro",
    "øst",
    "rør",
    "transport ås",
    "transportfjord",
    "ordl",
    "fjord fjord",
    "tromsø bygg",
    "elektro 17",
    "æble oslo",
    "nordlys zzz",
    "qxw",
    "ren ale",
];

/// The ids whose search text holds every word of `query` of three or more characters.
fn expected(texts: &[(i64, String)], query: &str) -> Vec<i64> {
    let words: Vec<String> = search::terms(query)
        .into_iter()
        .filter(|t| t.chars().count() >= 3)
        .collect();
    texts
        .iter()
        .filter(|(_, text)| words.iter().all(|w| text.contains(w.as_str())))
        .map(|(id, _)| *id)
        .collect()
}

/// The ids `query` matches through the substring index (`id IN (…)` on SQLite, `LIKE` on
/// PostgreSQL), in id order, and whether the statement checked whole words on the rows as well
/// (on SQLite, a `LIKE` beside the FTS5 query).
async fn through_index(db: &Db, query: &str) -> (Vec<i64>, bool) {
    let mut sql = Sql::new("SELECT c.id FROM customers c WHERE 1 = 1");
    search::push_customer_search(&mut sql, db, "c", query);
    sql.push(" ORDER BY c.id");
    let checked = db.backend == Backend::Sqlite && sql.text().contains("LIKE");
    let ids: Vec<(i64,)> = sql.query_as().fetch_all(&db.pool).await.unwrap();
    (ids.into_iter().map(|(id,)| id).collect(), checked)
}

/// The ids `query` matches with the FTS5 table driving (SQLite only), in id order.
async fn driving(db: &Db, query: &str) -> Vec<i64> {
    let fts = search::driving_table(db.backend, &search::CUSTOMERS, query).unwrap();
    let mut sql = Sql::new(&format!(
        "SELECT c.id FROM {fts} CROSS JOIN customers c WHERE 1 = 1"
    ));
    search::push_search_driving(&mut sql, db, &search::CUSTOMERS, "c", query);
    let mut ids: Vec<i64> = sql
        .query_as::<(i64,)>()
        .fetch_all(&db.pool)
        .await
        .unwrap()
        .into_iter()
        .map(|(id,)| id)
        .collect();
    ids.sort_unstable();
    ids
}

db_test!(
    rarest_trigrams_and_whole_words_give_the_same_matches,
    |app| {
        insert_customers(
            app,
            (0..560_i64).map(|i| {
                let name = format!(
                    "{} {} {}",
                    FIRST[(i % 9) as usize],
                    SECOND[(i % 7) as usize],
                    i % 23
                );
                (
                    900_000 + i,
                    name,
                    "active",
                    Some(CITIES[(i % 4) as usize]),
                    i,
                )
            }),
        )
        .await;
        let texts: Vec<(i64, String)> =
            sqlx::query_as("SELECT id, search_text FROM customers ORDER BY id")
                .fetch_all(&app.db.pool)
                .await
                .unwrap();

        // Before any sample: a new handle on the same database has none (the first search on it
        // starts taking one in the background, so each query gets a new handle).
        let unsampled = || Db {
            trigrams: Default::default(),
            ..app.db.clone()
        };
        // After: this handle's sample, taken now.
        let sample = app.db.trigrams.refresh(&app.db, "customers").await.unwrap();
        assert_eq!(
            sample.rows as usize,
            texts.len(),
            "a small table is read whole"
        );
        assert!(sample.whole_table);

        let mut checked_any = false;
        for query in QUERIES {
            let want = expected(&texts, query);
            let (before, checked_before) = through_index(&unsampled(), query).await;
            assert!(!checked_before, "{query}: no sample, no rows checked");
            assert_eq!(before, want, "{query}: every word whole");
            let (after, checked) = through_index(&app.db, query).await;
            assert_eq!(after, want, "{query}: the rarest trigrams, words checked");
            checked_any |= checked;
            if app.db.backend == Backend::Sqlite {
                assert_eq!(driving(&unsampled(), query).await, want, "{query}: driving");
                assert_eq!(
                    driving(&app.db, query).await,
                    want,
                    "{query}: driving, sampled"
                );
            }
        }
        // The sample is used only by SQLite's FTS5 queries (PostgreSQL searches its trigram index
        // with the words whole), and there it was.
        assert_eq!(checked_any, app.db.backend == Backend::Sqlite);
        // "troms" is asked for by its rarest trigram, which Romsdal holds too: the rows FTS5 gives
        // are more than the matches, and the check of the whole word is what leaves them out.
        if app.db.backend == Backend::Sqlite {
            let rarest = sample.rarest("troms").unwrap();
            assert!(["rom", "oms"].contains(&rarest.as_str()), "{rarest}");
            let (given,): (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM customers_fts WHERE customers_fts MATCH $1")
                    .bind(format!("\"{rarest}\""))
                    .fetch_one(&app.db.pool)
                    .await
                    .unwrap();
            assert!(given as usize > expected(&texts, "troms").len());
        }
        // The list of queries is worth something: common words, rare ones, and none at all.
        assert!(expected(&texts, "bygg").len() > 100);
        assert!(expected(&texts, "nordlys transport").len() < 20);
        assert!(expected(&texts, "nordlys zzz").is_empty());
    }
);
