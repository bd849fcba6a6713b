//! Activity types: eight built in (their names translated until an admin renames them) and the
//! firm's own. A deactivated type is no longer offered for new activities but stays on old ones.

use serde::{Deserialize, Serialize};

use crate::{
    AppError, Result,
    db::Db,
    error::{FieldErrors, Msg},
    i18n::Lang,
    timefmt::now,
};

/// An appointment has a start and an end; a task has a due date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Appointment,
    Task,
}

impl Kind {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "appointment" => Some(Kind::Appointment),
            "task" => Some(Kind::Task),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Appointment => "appointment",
            Kind::Task => "task",
        }
    }
    pub fn label_key(self) -> &'static str {
        match self {
            Kind::Appointment => "activity-kind-appointment",
            Kind::Task => "activity-kind-task",
        }
    }
}

/// The translation key of a built-in type's name.
pub fn builtin_label_key(key: &str) -> &'static str {
    match key {
        "customer_meeting" => "activity-type-customer-meeting",
        "phone_call" => "activity-type-phone-call",
        "visit" => "activity-type-visit",
        "interview" => "activity-type-interview",
        "follow_up" => "activity-type-follow-up",
        "lunch" => "activity-type-lunch",
        "email" => "activity-type-email",
        _ => "activity-type-other",
    }
}

/// The name to show: the admin's name if set, else the built-in name in `lang`.
pub fn label(lang: Lang, key: Option<&str>, name: Option<&str>) -> String {
    match (name, key) {
        (Some(n), _) if !n.trim().is_empty() => n.to_string(),
        (_, Some(k)) => lang.t(builtin_label_key(k)),
        _ => String::new(),
    }
}

#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct ActivityType {
    pub id: i64,
    /// Set on the built-in types (`customer_meeting`, `phone_call`, `visit`, `interview`,
    /// `follow_up`, `lunch`, `email`, `other`).
    pub key: Option<String>,
    /// The firm's name for the type; empty on built-in types that keep their translated name.
    pub name: Option<String>,
    /// `#rrggbb`.
    pub colour: String,
    pub default_minutes: i64,
    /// `appointment` or `task`.
    pub kind: String,
    /// 1 when offered for new activities.
    pub active: i64,
    pub position: i64,
}

impl ActivityType {
    pub fn label(&self, lang: Lang) -> String {
        label(lang, self.key.as_deref(), self.name.as_deref())
    }
    pub fn kind(&self) -> Kind {
        Kind::parse(&self.kind).unwrap_or(Kind::Appointment)
    }
    pub fn is_active(&self) -> bool {
        self.active == 1
    }
}

const COLUMNS: &str = "id, key, name, colour, default_minutes, kind, active, position";

/// All types in their order (inactive ones too when `include_inactive`).
pub async fn list(db: &Db, include_inactive: bool) -> Result<Vec<ActivityType>> {
    let filter = if include_inactive {
        ""
    } else {
        " WHERE active = 1"
    };
    let sql = format!("SELECT {COLUMNS} FROM activity_types{filter} ORDER BY position, id");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .fetch_all(&db.pool)
        .await?)
}

pub async fn get(db: &Db, id: i64) -> Result<Option<ActivityType>> {
    let sql = format!("SELECT {COLUMNS} FROM activity_types WHERE id = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?)
}

/// A type as typed into the admin form or sent to the API.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct TypeDraft {
    pub name: String,
    pub colour: String,
    pub default_minutes: String,
    pub kind: String,
    /// `1`/`on`/`true` for active.
    pub active: Option<String>,
}

/// A valid type.
pub struct TypeData {
    pub name: Option<String>,
    pub colour: String,
    pub default_minutes: i64,
    pub kind: Kind,
    pub active: bool,
}

impl TypeDraft {
    /// `builtin`: a built-in type may keep an empty name (its translated name is used).
    pub fn validate(&self, builtin: bool) -> std::result::Result<TypeData, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = self.name.trim();
        if name.is_empty() && !builtin {
            errors.add("name", Msg::new("field-required"));
        }
        if name.chars().count() > 60 {
            errors.add("name", Msg::new("field-too-long").arg("max", 60));
        }
        let colour = self.colour.trim().to_ascii_lowercase();
        let colour_ok = colour.len() == 7
            && colour.starts_with('#')
            && colour[1..].chars().all(|c| c.is_ascii_hexdigit());
        if !colour_ok {
            errors.add("colour", Msg::new("activity-type-colour-invalid"));
        }
        let default_minutes = match self.default_minutes.trim().parse::<i64>() {
            Ok(m) if (5..=1440).contains(&m) => m,
            _ => {
                errors.add("default_minutes", Msg::new("activity-type-minutes-invalid"));
                0
            }
        };
        let kind = Kind::parse(self.kind.trim());
        if kind.is_none() {
            errors.add("kind", Msg::new("filter-invalid"));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(TypeData {
            name: (!name.is_empty()).then(|| name.to_string()),
            colour,
            default_minutes,
            kind: kind.unwrap_or(Kind::Appointment),
            active: matches!(self.active.as_deref(), Some("1" | "on" | "true")),
        })
    }
}

impl ActivityType {
    pub fn to_draft(&self) -> TypeDraft {
        TypeDraft {
            name: self.name.clone().unwrap_or_default(),
            colour: self.colour.clone(),
            default_minutes: self.default_minutes.to_string(),
            kind: self.kind.clone(),
            active: self.is_active().then(|| "1".to_string()),
        }
    }
}

pub async fn create(db: &Db, data: &TypeData) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO activity_types (name, colour, default_minutes, kind, active, position, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, (SELECT COALESCE(MAX(position), 0) + 1 FROM activity_types), $6, $6) RETURNING id",
    )
    .bind(data.name.clone())
    .bind(&data.colour)
    .bind(data.default_minutes)
    .bind(data.kind.as_str())
    .bind(i64::from(data.active))
    .bind(now())
    .fetch_one(&db.pool)
    .await?;
    Ok(id)
}

pub async fn update(db: &Db, id: i64, data: &TypeData) -> Result<()> {
    let done = sqlx::query(
        "UPDATE activity_types SET name = $1, colour = $2, default_minutes = $3, kind = $4, \
         active = $5, updated_at = $6 WHERE id = $7",
    )
    .bind(data.name.clone())
    .bind(&data.colour)
    .bind(data.default_minutes)
    .bind(data.kind.as_str())
    .bind(i64::from(data.active))
    .bind(now())
    .bind(id)
    .execute(&db.pool)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}
