//! Demo documents: contracts, price lists and offers as real PDFs in the file store for the
//! customers that have contacts, a few contracts out for signing and a few signed (with the
//! built-in simple signature, so the signed copy carries its signature page).

use rand::{Rng, SeedableRng, rngs::StdRng};
use sha2::Digest;

use crate::{
    contacts::lookup,
    db::Db,
    documents::store::{self as documents, Meta},
    files::{FileStore, Stored},
    signing::{
        complete,
        pdf::{Line, simple_pdf},
        store as signing,
    },
    timefmt::now,
};

async fn category(db: &Db, key: &str) -> anyhow::Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT id FROM document_categories WHERE key = $1")
            .bind(key)
            .fetch_one(&db.pool)
            .await?,
    )
}

async fn store_pdf(files: &FileStore, customer: i64, bytes: Vec<u8>) -> anyhow::Result<Stored> {
    let stored = Stored {
        key: FileStore::new_key(customer),
        content_type: "application/pdf".into(),
        size_bytes: bytes.len() as i64,
        sha256: hex::encode(sha2::Sha256::digest(&bytes)),
    };
    files.put(&stored.key, bytes).await?;
    Ok(stored)
}

pub(super) async fn documents(db: &Db, files: &FileStore, seed: u64) -> anyhow::Result<()> {
    let mut rng = StdRng::seed_from_u64(seed);
    let contract = category(db, "contract").await?;
    let price = category(db, "price_agreement").await?;
    let offer = category(db, "offer").await?;
    // Customers with a main contact that has an email, and an owner.
    let owned: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT id, name, owner_id FROM customers WHERE owner_id IS NOT NULL ORDER BY id",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut customers = Vec::new();
    let mut conn = db.pool.acquire().await?;
    for (id, name, owner) in owned {
        if customers.len() == 40 {
            break;
        }
        if let Some(k) = lookup::main_contact(&mut conn, id).await?
            && let Some(email) = k.email
        {
            let contact_name = format!("{} {}", k.first_name, k.last_name);
            customers.push((id, name, owner, k.id, contact_name, email));
        }
    }
    drop(conn);
    let mut signed = Vec::new();
    for (i, (customer, name, owner, contact, contact_name, email)) in customers.iter().enumerate() {
        let mut tx = db.begin().await?;
        let agreement = simple_pdf(&[
            Line::title("Rammeavtale om innleie av arbeidskraft"),
            Line::blank(),
            Line::text(format!("Mellom Kundekort Bemanning AS og {name}.")),
            Line::blank(),
            Line::heading("1. Formål"),
            Line::text(
                "Avtalen regulerer innleie av arbeidstakere fra byrået til kunden etter arbeidsmiljøloven § 14-12.",
            ),
            Line::heading("2. Priser"),
            Line::text(
                "Timepriser følger gjeldende prisliste. Overtid faktureres med 50 % eller 100 % tillegg.",
            ),
            Line::heading("3. Varighet"),
            Line::text("Avtalen gjelder fra signering til og med 31.12.2027."),
        ]);
        let stored = store_pdf(files, *customer, agreement.clone()).await?;
        let meta = Meta {
            category_id: contract,
            description: "Rammeavtale 2027".into(),
            valid_until: Some("2027-12-31".into()),
            shared_with_customer: true,
        };
        let (doc, version) = documents::create(
            &mut tx,
            *customer,
            &meta,
            "Rammeavtale 2027.pdf",
            &stored,
            Some(*owner),
        )
        .await?;
        let prices = simple_pdf(&[
            Line::title("Prisliste 2027"),
            Line::text(format!("Gjelder for {name}.")),
            Line::text(format!(
                "Lagermedarbeider: {} kr/t",
                rng.random_range(420..520)
            )),
            Line::text(format!(
                "Sjåfør klasse C: {} kr/t",
                rng.random_range(520..640)
            )),
            Line::text(format!("Elektriker: {} kr/t", rng.random_range(640..780))),
        ]);
        let stored = store_pdf(files, *customer, prices).await?;
        let meta = Meta {
            category_id: price,
            description: String::new(),
            valid_until: Some("2027-12-31".into()),
            shared_with_customer: true,
        };
        documents::create(
            &mut tx,
            *customer,
            &meta,
            "Prisliste 2027.pdf",
            &stored,
            Some(*owner),
        )
        .await?;
        if i % 3 == 0 {
            let stored = store_pdf(
                files,
                *customer,
                simple_pdf(&[
                    Line::title(format!("Tilbud til {name}")),
                    Line::text("Bemanning av varemottak i høstsesongen, 4 personer i 12 uker."),
                ]),
            )
            .await?;
            let meta = Meta {
                category_id: offer,
                description: "Sesongbemanning".into(),
                valid_until: None,
                shared_with_customer: false,
            };
            documents::create(
                &mut tx,
                *customer,
                &meta,
                "Tilbud sesong.pdf",
                &stored,
                Some(*owner),
            )
            .await?;
        }
        // Every fourth contract is out for signing, every fourth signed.
        let state = i % 4;
        if state < 2 {
            let at = now() - rng.random_range(1..10) * 86_400;
            let (order,): (i64,) = sqlx::query_as(
                "INSERT INTO signature_orders (customer_id, document_id, document_version_id, \
                 method, status, title, message, expires_at, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, 'simple', 'open', 'Rammeavtale 2027', '', $4, $5, $6, $6) \
                 RETURNING id",
            )
            .bind(customer)
            .bind(doc)
            .bind(version)
            .bind(at + 30 * 86_400)
            .bind(owner)
            .bind(at)
            .fetch_one(&mut *tx)
            .await?;
            // No link is made for the demo's waiting signers: a reminder mails them one.
            sqlx::query(
                "INSERT INTO signature_signers (order_id, contact_id, name, email, position, \
                 status, signed_at, signed_ip, signed_user_agent, signed_sha256) \
                 VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8, $9)",
            )
            .bind(order)
            .bind(contact)
            .bind(contact_name)
            .bind(email)
            .bind(if state == 0 { "signed" } else { "opened" })
            .bind((state == 0).then_some(at + 3600))
            .bind((state == 0).then_some("192.0.2.10"))
            .bind((state == 0).then_some("Mozilla/5.0 (demo)"))
            .bind((state == 0).then(|| stored_sha(&agreement)))
            .execute(&mut *tx)
            .await?;
            signing::add_event(&mut tx, order, None, "created", None, Some(*owner)).await?;
            if state == 0 {
                signed.push((order, version, agreement));
            }
        }
        tx.commit().await?;
    }
    // The signed ones get their signed copy as any completed order does.
    for (order_id, version_id, bytes) in signed {
        let order = signing::order_by_id(db, order_id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("demo order {order_id} is gone"))?;
        let (_, original) = documents::version_by_id(db, version_id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("demo version {version_id} is gone"))?;
        let signers = signing::signers(db, order_id).await?;
        let mut tx = db.begin().await?;
        complete::complete_simple(&mut tx, files, &order, &original, &bytes, &signers).await?;
        tx.commit().await?;
    }
    Ok(())
}

fn stored_sha(bytes: &[u8]) -> String {
    hex::encode(sha2::Sha256::digest(bytes))
}
