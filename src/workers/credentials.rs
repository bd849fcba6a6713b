//! A worker's papers with a date that matters: HMS card, work permit, driving and truck
//! licences. The assignment rules read them; the consultant sees the ones about to expire.

use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;
use time::{Date, Duration};

use crate::{
    Result,
    db::{Db, Sql},
    error::{FieldErrors, Msg},
    timefmt::{
        now,
        when::{date_string, parse_date},
    },
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    HmsCard,
    WorkPermit,
    DrivingLicence,
    TruckLicence,
    Other,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::HmsCard,
        Kind::WorkPermit,
        Kind::DrivingLicence,
        Kind::TruckLicence,
        Kind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::HmsCard => "hms_card",
            Kind::WorkPermit => "work_permit",
            Kind::DrivingLicence => "driving_licence",
            Kind::TruckLicence => "truck_licence",
            Kind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }

    /// `credential-hms_card` etc. in the locales.
    pub fn label_key(self) -> String {
        format!("credential-{}", self.as_str())
    }
}

#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Credential {
    pub id: i64,
    pub worker_id: i64,
    pub kind: String,
    pub reference: Option<String>,
    pub note: Option<String>,
    /// `YYYY-MM-DD`; none for a paper without an end.
    pub valid_until: Option<String>,
}

impl Credential {
    pub fn kind(&self) -> Option<Kind> {
        Kind::parse(&self.kind)
    }

    pub fn until(&self) -> Option<Date> {
        self.valid_until.as_deref().and_then(parse_date)
    }
}

#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct CredentialDraft {
    pub kind: String,
    pub reference: String,
    pub note: String,
    pub valid_until: String,
}

pub struct CredentialData {
    pub kind: Kind,
    pub reference: Option<String>,
    pub note: Option<String>,
    pub valid_until: Option<Date>,
}

impl CredentialDraft {
    pub fn validate(&self) -> std::result::Result<CredentialData, FieldErrors> {
        let mut errors = FieldErrors::default();
        let kind = Kind::parse(&self.kind);
        if kind.is_none() {
            errors.add("kind", Msg::new("credential-kind-invalid"));
        }
        let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let valid_until = match opt(&self.valid_until) {
            None => None,
            Some(raw) => {
                let d = parse_date(&raw).filter(|d| date_string(*d) == raw);
                if d.is_none() {
                    errors.add("valid_until", Msg::new("worker-date-invalid"));
                }
                d
            }
        };
        // A permit and an HMS card always end; say when.
        if matches!(kind, Some(Kind::WorkPermit | Kind::HmsCard))
            && opt(&self.valid_until).is_none()
        {
            errors.add("valid_until", Msg::new("credential-needs-date"));
        }
        for (field, value, max) in [
            ("reference", &self.reference, 100),
            ("note", &self.note, 500),
        ] {
            if value.chars().count() > max {
                errors.add(field, Msg::new("field-too-long").arg("max", max));
            }
            errors.single_line(field, value);
        }
        match (kind, errors.is_empty()) {
            (Some(kind), true) => Ok(CredentialData {
                kind,
                reference: opt(&self.reference),
                note: opt(&self.note),
                valid_until,
            }),
            _ => Err(errors),
        }
    }
}

pub async fn list(db: &Db, worker_id: i64) -> Result<Vec<Credential>> {
    Ok(sqlx::query_as(
        "SELECT id, worker_id, kind, reference, note, valid_until FROM worker_credentials \
         WHERE worker_id = $1 ORDER BY kind, valid_until DESC, id",
    )
    .bind(worker_id)
    .fetch_all(&db.pool)
    .await?)
}

pub async fn add(
    conn: &mut AnyConnection,
    user_id: i64,
    worker_id: i64,
    d: &CredentialData,
) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO worker_credentials (worker_id, kind, reference, note, valid_until, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(worker_id)
    .bind(d.kind.as_str())
    .bind(&d.reference)
    .bind(&d.note)
    .bind(d.valid_until.map(date_string))
    .bind(user_id)
    .bind(now())
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

/// Removes one of the worker's papers; `false` when it is not theirs.
pub async fn remove(conn: &mut AnyConnection, worker_id: i64, id: i64) -> Result<bool> {
    let done = sqlx::query("DELETE FROM worker_credentials WHERE id = $1 AND worker_id = $2")
        .bind(id)
        .bind(worker_id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// How near an end date is, as a CSS class: `expired`, `soon` (within 30 days) or none.
pub fn expiry_class(until: Date, today: Date) -> &'static str {
    if until < today {
        "expired"
    } else if (until - today).whole_days() <= 30 {
        "soon"
    } else {
        ""
    }
}

/// SQL: credential `c` is not replaced by a later one of the same kind (a renewed HMS card
/// makes the old one's end date no longer matter).
pub const NOT_SUPERSEDED: &str = "NOT EXISTS (SELECT 1 FROM worker_credentials n \
    WHERE n.worker_id = c.worker_id AND n.kind = c.kind AND n.valid_until > c.valid_until)";

/// The latest end date among a worker's papers of one kind (`None`: none of that kind).
pub fn latest(credentials: &[Credential], kind: Kind) -> Option<Date> {
    credentials
        .iter()
        .filter(|c| c.kind() == Some(kind))
        .filter_map(Credential::until)
        .max()
}

/// Papers that have expired or expire within `days`, of workers this consultant is
/// responsible for (all workers when `responsible_id` is `None`), soonest first.
pub async fn expiring(
    db: &Db,
    responsible_id: Option<i64>,
    today: Date,
    days: i64,
) -> Result<Vec<(Credential, String)>> {
    let limit = date_string(today + Duration::days(days));
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        credential: Credential,
        name: String,
    }
    let mut sql = Sql::new(&format!(
        "SELECT c.id, c.worker_id, c.kind, c.reference, c.note, c.valid_until, w.name \
         FROM worker_credentials c JOIN workers w ON w.id = c.worker_id \
         WHERE w.status <> 'former' AND {NOT_SUPERSEDED} AND c.valid_until <= "
    ));
    sql.bind(limit);
    if let Some(r) = responsible_id {
        sql.push(" AND w.responsible_id = ").bind(r);
    }
    sql.push(" ORDER BY c.valid_until, c.id LIMIT 200");
    let rows: Vec<Row> = sql.query_as().fetch_all(&db.pool).await?;
    Ok(rows.into_iter().map(|r| (r.credential, r.name)).collect())
}
