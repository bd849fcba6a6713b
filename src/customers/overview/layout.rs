//! The overview's info boxes: their order and which are hidden, per user, with a firm default
//! set by an admin. Box keys unknown to this version are dropped and new boxes are added at the
//! end, so stored layouts survive boxes being added or removed.

use axum::{
    Form,
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

use crate::{AppError, AppState, Result, auth::Staff, db::Db, error::Msg, timefmt::now};

/// Every box the overview can show, in the built-in default order.
pub const BOXES: &[&str] = &[
    "comments",
    "master",
    "addresses",
    "invoice",
    "figures",
    "timeline",
    "activity",
    "history",
];

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BoxState {
    /// One of `comments`, `master`, `addresses`, `invoice`, `figures`, `timeline`, `activity`,
    /// `history`.
    pub key: String,
    pub hidden: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Layout {
    pub boxes: Vec<BoxState>,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            boxes: BOXES
                .iter()
                .map(|k| BoxState {
                    key: k.to_string(),
                    hidden: false,
                })
                .collect(),
        }
    }
}

impl Layout {
    /// Known boxes only, each once; boxes missing from the stored layout are appended visible.
    pub fn normalized(self) -> Self {
        let mut boxes: Vec<BoxState> = Vec::new();
        for b in self.boxes {
            if BOXES.contains(&b.key.as_str()) && !boxes.iter().any(|x| x.key == b.key) {
                boxes.push(b);
            }
        }
        for key in BOXES {
            if !boxes.iter().any(|b| b.key == *key) {
                boxes.push(BoxState {
                    key: key.to_string(),
                    hidden: false,
                });
            }
        }
        Layout { boxes }
    }

    pub fn visible(&self) -> Vec<&BoxState> {
        self.boxes.iter().filter(|b| !b.hidden).collect()
    }

    pub fn hidden(&self) -> Vec<&BoxState> {
        self.boxes.iter().filter(|b| b.hidden).collect()
    }

    /// Moves a visible box one place up or down among the visible boxes.
    pub fn move_box(&mut self, key: &str, up: bool) {
        let visible: Vec<usize> = (0..self.boxes.len())
            .filter(|i| !self.boxes[*i].hidden)
            .collect();
        let Some(pos) = visible.iter().position(|i| self.boxes[*i].key == key) else {
            return;
        };
        let other = if up {
            pos.checked_sub(1)
        } else {
            Some(pos + 1).filter(|p| *p < visible.len())
        };
        if let Some(other) = other {
            self.boxes.swap(visible[pos], visible[other]);
        }
    }

    pub fn set_hidden(&mut self, key: &str, hidden: bool) {
        if let Some(b) = self.boxes.iter_mut().find(|b| b.key == key) {
            b.hidden = hidden;
        }
    }

    /// The visible boxes in a new order (from drag and drop); hidden boxes keep their state.
    pub fn reorder(&mut self, order: &[&str]) {
        let mut ordered: Vec<BoxState> = order
            .iter()
            .filter_map(|k| {
                self.boxes
                    .iter()
                    .find(|b| b.key == *k && !b.hidden)
                    .cloned()
            })
            .collect();
        for b in &self.boxes {
            if !ordered.iter().any(|o| o.key == b.key) {
                ordered.push(b.clone());
            }
        }
        self.boxes = ordered;
    }
}

fn user_scope(user_id: i64) -> String {
    format!("user:{user_id}")
}

async fn stored(db: &Db, scope: &str) -> Result<Option<Layout>> {
    let row: Option<(String,)> = sqlx::query_as("SELECT boxes FROM card_layouts WHERE scope = $1")
        .bind(scope)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.and_then(|(json,)| serde_json::from_str(&json).ok()))
}

/// The user's layout, else the firm's default, else the built-in default.
pub async fn for_user(db: &Db, user_id: i64) -> Result<Layout> {
    let layout = match stored(db, &user_scope(user_id)).await? {
        Some(l) => l,
        None => stored(db, "firm").await?.unwrap_or_default(),
    };
    Ok(layout.normalized())
}

/// Stores `layout` for `scope` (`user:{id}` or `firm`).
pub async fn save(conn: &mut AnyConnection, scope: &str, layout: &Layout) -> Result<()> {
    let json = serde_json::to_string(layout).map_err(anyhow::Error::from)?;
    sqlx::query(
        "INSERT INTO card_layouts (scope, boxes, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (scope) DO UPDATE SET boxes = $2, updated_at = $3",
    )
    .bind(scope)
    .bind(json)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Forgets the user's own layout: the firm's default applies again.
pub async fn forget(conn: &mut AnyConnection, user_id: i64) -> Result<()> {
    sqlx::query("DELETE FROM card_layouts WHERE scope = $1")
        .bind(user_scope(user_id))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[derive(Deserialize, Default)]
pub struct LayoutForm {
    #[serde(default)]
    customer: String,
    #[serde(default)]
    r#box: String,
    #[serde(default)]
    dir: String,
    #[serde(default)]
    order: String,
}

impl LayoutForm {
    /// Where to go back to: the customer's overview (htmx picks the boxes out of that page).
    fn back(&self) -> Redirect {
        match self.customer.trim().parse::<i64>() {
            Ok(id) => Redirect::to(&format!("/customers/{id}")),
            Err(_) => Redirect::to("/customers"),
        }
    }
    fn known_box(&self) -> Result<&str> {
        let key = self.r#box.trim();
        if BOXES.contains(&key) {
            Ok(key)
        } else {
            Err(AppError::BadRequest(Msg::new("layout-unknown-box")))
        }
    }
}

async fn change(state: &AppState, user: &Staff, f: impl FnOnce(&mut Layout)) -> Result<()> {
    let mut layout = for_user(&state.db, user.id).await?;
    f(&mut layout);
    let mut conn = state.db.pool.acquire().await?;
    save(&mut conn, &user_scope(user.id), &layout).await
}

/// POST /card-layout/move (box, dir = up | down)
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn move_box(
    State(state): State<AppState>,
    user: Staff,
    Form(form): Form<LayoutForm>,
) -> Result<Redirect> {
    let key = form.known_box()?.to_string();
    let up = form.dir == "up";
    change(&state, &user, |l| l.move_box(&key, up)).await?;
    Ok(form.back())
}

/// POST /card-layout/hide and /card-layout/show (box)
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn hide(
    State(state): State<AppState>,
    user: Staff,
    Form(form): Form<LayoutForm>,
) -> Result<Redirect> {
    let key = form.known_box()?.to_string();
    change(&state, &user, |l| l.set_hidden(&key, true)).await?;
    Ok(form.back())
}

#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn show(
    State(state): State<AppState>,
    user: Staff,
    Form(form): Form<LayoutForm>,
) -> Result<Redirect> {
    let key = form.known_box()?.to_string();
    change(&state, &user, |l| l.set_hidden(&key, false)).await?;
    Ok(form.back())
}

/// POST /card-layout (order = comma-separated visible boxes), sent after drag and drop.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn reorder(
    State(state): State<AppState>,
    user: Staff,
    Form(form): Form<LayoutForm>,
) -> Result<Response> {
    let order: Vec<&str> = form
        .order
        .split(',')
        .map(str::trim)
        .filter(|k| BOXES.contains(k))
        .collect();
    if order.is_empty() {
        return Err(AppError::BadRequest(Msg::new("layout-unknown-box")));
    }
    change(&state, &user, |l| l.reorder(&order)).await?;
    Ok((StatusCode::OK, user.lang.t("layout-saved")).into_response())
}

/// POST /card-layout/reset: back to the firm's default.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn reset(
    State(state): State<AppState>,
    user: Staff,
    Form(form): Form<LayoutForm>,
) -> Result<Redirect> {
    forget(&mut *state.db.pool.acquire().await?, user.id).await?;
    Ok(form.back())
}

/// POST /admin/card-layout: the admin's current arrangement becomes the firm's default.
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn make_firm_default(
    State(state): State<AppState>,
    user: Staff,
    Form(form): Form<LayoutForm>,
) -> Result<Redirect> {
    user.require_admin()?;
    let layout = for_user(&state.db, user.id).await?;
    save(&mut *state.db.pool.acquire().await?, "firm", &layout).await?;
    Ok(form.back())
}

/// Saves `layout` as the user's own, normalised; a box key this version does not know is refused.
pub async fn save_for_user(
    conn: &mut AnyConnection,
    user_id: i64,
    layout: Layout,
) -> Result<Layout> {
    if let Some(bad) = layout
        .boxes
        .iter()
        .find(|b| !BOXES.contains(&b.key.as_str()))
    {
        let mut errors = crate::error::FieldErrors::default();
        errors.add(
            "boxes",
            Msg::new("layout-unknown-box-named").arg("key", &bad.key),
        );
        return Err(AppError::Invalid(errors));
    }
    let layout = layout.normalized();
    save(conn, &user_scope(user_id), &layout).await?;
    Ok(layout)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(l: &Layout) -> Vec<&str> {
        l.visible().iter().map(|b| b.key.as_str()).collect()
    }

    #[test]
    fn moves_hides_and_reorders() {
        let mut l = Layout::default();
        l.move_box("master", true);
        assert_eq!(
            keys(&l),
            vec![
                "master",
                "comments",
                "addresses",
                "invoice",
                "figures",
                "timeline",
                "activity",
                "history"
            ]
        );
        l.move_box("master", true); // already first
        l.set_hidden("addresses", true);
        l.move_box("comments", false); // skips the hidden box
        assert_eq!(
            keys(&l),
            vec![
                "master", "invoice", "comments", "figures", "timeline", "activity", "history"
            ]
        );
        l.reorder(&["history", "master"]);
        assert_eq!(keys(&l)[..2], ["history", "master"]);
        assert_eq!(l.hidden().len(), 1);
    }

    #[test]
    fn normalizes_unknown_and_missing_boxes() {
        let stored = Layout {
            boxes: vec![
                BoxState {
                    key: "history".into(),
                    hidden: true,
                },
                BoxState {
                    key: "retired-box".into(),
                    hidden: false,
                },
                BoxState {
                    key: "history".into(),
                    hidden: false,
                },
            ],
        };
        let l = stored.normalized();
        assert_eq!(l.boxes.len(), BOXES.len());
        assert_eq!(
            l.boxes[0],
            BoxState {
                key: "history".into(),
                hidden: true
            }
        );
    }
}
