//! Staff users: admins create them, set role and department, reset passwords and deactivate
//! (which ends the user's sessions at once and revokes their API tokens; an admin's own password
//! and email are changed in settings, not here). Also the store functions (`insert`, which the
//! seeder and the first-start bootstrap use, `save_details`, `set_password`), in the caller's
//! connection or transaction.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form, Router,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::get,
};
use axum_extra::extract::CookieJar;
use serde::Deserialize;
use sqlx::AnyConnection;

use crate::{
    AppError, AppState, Result,
    auth::{
        Role, SESSION_COOKIE, Staff, password,
        security_log::{self, Event, Kind, Subject},
        session::{self, Holder},
        tokens,
    },
    customers::facets::{self, Choice},
    db,
    error::{FieldErrors, Msg},
    i18n::Lang,
    timefmt::now,
    web::{Chrome, client_ip::ClientIp, form::field_messages},
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/users", get(list).post(create))
        .route("/admin/users/new", get(new))
        .route("/admin/users/{id}", get(edit).post(update))
}

/// A user to create (seeding, bootstrap, admin form).
pub struct NewUser<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub password_hash: String,
    pub role: Role,
    pub department_id: Option<i64>,
}

pub async fn insert(conn: &mut AnyConnection, u: NewUser<'_>) -> Result<i64, sqlx::Error> {
    let now = now();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO users (email, name, password_hash, role, department_id, locale, active, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 'nb', 1, $6, $6) RETURNING id",
    )
    .bind(u.email.trim().to_lowercase())
    .bind(u.name)
    .bind(u.password_hash)
    .bind(u.role.as_str())
    .bind(u.department_id)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

/// Makes the user choose a new password before any other staff page (a password someone else
/// set: an admin's, the generated first admin's).
pub async fn require_new_password(conn: &mut AnyConnection, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET must_change_password = 1 WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A user's changed details, as the admin form saves them.
pub struct UserDetails<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub role: Role,
    pub department_id: Option<i64>,
    pub active: bool,
}

/// Saves a user's details; `false` when there is no such user. A taken email is the database's
/// unique violation on `email` (see `db::is_unique_violation`).
pub async fn save_details(
    conn: &mut AnyConnection,
    id: i64,
    u: UserDetails<'_>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE users SET name = $1, email = $2, role = $3, department_id = $4, active = $5, updated_at = $6 WHERE id = $7",
    )
    .bind(u.name)
    .bind(u.email)
    .bind(u.role.as_str())
    .bind(u.department_id)
    .bind(i64::from(u.active))
    .bind(now())
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Replaces a user's password hash.
/// Sets a password chosen by an admin: the user must choose their own before any other staff
/// page (decision 0064).
pub async fn set_password(conn: &mut AnyConnection, id: i64, password_hash: String) -> Result<()> {
    sqlx::query("UPDATE users SET password_hash = $1, must_change_password = 1 WHERE id = $2")
        .bind(password_hash)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: String,
    pub department_name: Option<String>,
    pub active: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff/users.html")]
struct UsersPage {
    lang: Lang,
    chrome: Chrome,
    users: Vec<UserRow>,
}

impl UsersPage {
    fn role_label(&self, role: &str) -> String {
        Role::parse(role)
            .map(|r| self.lang.t(r.label_key()))
            .unwrap_or_default()
    }
}

#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn list(State(state): State<AppState>, user: Staff) -> Result<UsersPage> {
    user.require_admin()?;
    let users = sqlx::query_as(
        "SELECT u.id, u.email, u.name, u.role, d.name AS department_name, u.active FROM users u \
         LEFT JOIN departments d ON d.id = u.department_id ORDER BY u.active DESC, u.name",
    )
    .fetch_all(&state.db.pool)
    .await?;
    Ok(UsersPage {
        lang: user.lang,
        chrome: Chrome::new(&user, "admin"),
        users,
    })
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct UserForm {
    name: String,
    email: String,
    role: String,
    department_id: String,
    active: String,
    password: String,
}

impl UserForm {
    /// The fields as the form sent them, for re-authentication to post again.
    fn typed(&self) -> Vec<(String, String)> {
        [
            ("name", &self.name),
            ("email", &self.email),
            ("role", &self.role),
            ("department_id", &self.department_id),
            ("active", &self.active),
            ("password", &self.password),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "staff/user_form.html")]
struct UserFormPage {
    lang: Lang,
    chrome: Chrome,
    user_id: Option<i64>,
    /// The admin's own user: password and email are not changed here (see `update`).
    own: bool,
    form: UserForm,
    errors: FieldErrors,
    departments: Vec<Choice>,
    /// Whether the user has two-factor log-in on (decision 0054); `None` for a new user.
    two_factor: Option<bool>,
    two_factor_was_reset: bool,
    /// How many live sessions the user has (decision 0065); `None` for a new user.
    sessions_live: Option<i64>,
    /// How many an admin's "log out this user" just ended.
    sessions_ended: Option<i64>,
}

impl UserFormPage {
    fn errs(&self, field: &str) -> Vec<String> {
        field_messages(&self.errors, self.lang, field)
    }
    fn roles(&self) -> Vec<(&'static str, String)> {
        Role::ALL
            .iter()
            .map(|r| (r.as_str(), self.lang.t(r.label_key())))
            .collect()
    }
    fn is_department(&self, id: &i64) -> bool {
        self.form.department_id == id.to_string()
    }
}

async fn form_page(
    state: &AppState,
    user: &Staff,
    user_id: Option<i64>,
    form: UserForm,
    errors: FieldErrors,
) -> Result<UserFormPage> {
    Ok(UserFormPage {
        lang: user.lang,
        chrome: Chrome::new(user, "admin"),
        user_id,
        own: user_id == Some(user.id),
        form,
        errors,
        departments: facets::departments(&state.db).await?,
        two_factor: match user_id {
            Some(id) => Some(
                crate::auth::two_factor::status(&state.db, crate::auth::session::Holder::User(id))
                    .await?
                    .enabled,
            ),
            None => None,
        },
        two_factor_was_reset: false,
        sessions_live: match user_id {
            Some(id) => Some(
                crate::auth::session::list(&state.db, crate::auth::session::Holder::User(id))
                    .await?
                    .len() as i64,
            ),
            None => None,
        },
        sessions_ended: None,
    })
}

#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn new(State(state): State<AppState>, user: Staff) -> Result<UserFormPage> {
    user.require_admin()?;
    let form = UserForm {
        role: "consultant".into(),
        active: "1".into(),
        ..Default::default()
    };
    form_page(&state, &user, None, form, FieldErrors::default()).await
}

struct Valid {
    name: String,
    email: String,
    role: Role,
    department_id: Option<i64>,
    active: bool,
}

fn validate(form: &UserForm, creating: bool, context: &[String]) -> Result<Valid, FieldErrors> {
    let mut errors = FieldErrors::default();
    let name = form.name.trim().to_string();
    if name.is_empty() {
        errors.add("name", Msg::new("field-required"));
    } else if name.chars().count() > 100 {
        errors.add("name", Msg::new("field-too-long").arg("max", 100));
    } else {
        errors.single_line("name", &name);
    }
    let email = form.email.trim().to_lowercase();
    if !email.contains('@') || email.contains(char::is_whitespace) || email.len() > 254 {
        errors.add("email", Msg::new("email-invalid"));
    } else {
        errors.single_line("email", &email);
    }
    let role = Role::parse(form.role.trim()).unwrap_or_else(|| {
        errors.add("role", Msg::new("field-invalid-choice"));
        Role::Consultant
    });
    let department_id = match form.department_id.trim() {
        "" => None,
        raw => match raw.parse::<i64>() {
            Ok(id) => Some(id),
            Err(_) => {
                errors.add("department_id", Msg::new("field-invalid-choice"));
                None
            }
        },
    };
    let pw = form.password.as_str();
    if (creating || !pw.is_empty())
        && let Some(msg) =
            password::weakness(pw, &[form.name.as_str(), form.email.as_str()], context)
    {
        errors.add("password", msg);
    }
    if errors.is_empty() {
        Ok(Valid {
            name,
            email,
            role,
            department_id,
            active: creating || form.active == "1",
        })
    } else {
        Err(errors)
    }
}

fn email_taken() -> FieldErrors {
    let mut errors = FieldErrors::default();
    errors.add("email", Msg::new("email-taken"));
    errors
}

#[tracing::instrument(skip_all, fields(user_id = user.id))]
async fn create(
    State(state): State<AppState>,
    user: Staff,
    Form(form): Form<UserForm>,
) -> Result<Response> {
    user.require_admin()?;
    let valid = match validate(&form, true, &password::context_words(&state.config)) {
        Ok(v) => v,
        Err(errors) => {
            let page = form_page(&state, &user, None, form, errors).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let hash = password::hash(form.password.clone()).await?;
    let new_user = NewUser {
        email: &valid.email,
        name: &valid.name,
        password_hash: hash,
        role: valid.role,
        department_id: valid.department_id,
    };
    // The admin chose the password: the user chooses their own at the first log-in (one
    // transaction, so no user exists without the flag).
    let mut tx = state.db.begin().await?;
    match insert(&mut tx, new_user).await {
        Ok(id) => {
            require_new_password(&mut tx, id).await?;
            tx.commit().await?;
            Ok(Redirect::to("/admin/users").into_response())
        }
        Err(e) if db::is_unique_violation(&e, "email") => {
            drop(tx);
            let page = form_page(&state, &user, None, form, email_taken()).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[tracing::instrument(skip_all, fields(staff_user_id = id, user_id = user.id))]
async fn edit(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
    axum::extract::Query(q): axum::extract::Query<EditParams>,
) -> Result<UserFormPage> {
    user.require_admin()?;
    let row: Option<(String, String, String, Option<i64>, i64)> =
        sqlx::query_as("SELECT name, email, role, department_id, active FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(&state.db.pool)
            .await?;
    let (name, email, role, department_id, active) = row.ok_or(AppError::NotFound)?;
    let form = UserForm {
        name,
        email,
        role,
        department_id: department_id.map(|d| d.to_string()).unwrap_or_default(),
        active: active.to_string(),
        password: String::new(),
    };
    let mut page = form_page(&state, &user, Some(id), form, FieldErrors::default()).await?;
    page.two_factor_was_reset = q.two_factor.as_deref() == Some("reset");
    page.sessions_ended = q.sessions_ended;
    Ok(page)
}

#[derive(Deserialize, Default)]
struct EditParams {
    two_factor: Option<String>,
    sessions_ended: Option<i64>,
}

#[tracing::instrument(skip_all, fields(staff_user_id = id, user_id = user.id))]
async fn update(
    State(state): State<AppState>,
    user: Staff,
    ClientIp(ip): ClientIp,
    mut jar: CookieJar,
    Path(id): Path<i64>,
    Form(form): Form<UserForm>,
) -> Result<Response> {
    user.require_admin()?;
    // One's own password and email are the keys to the account: they are changed where the
    // current password is asked (and throttled), not here, so that a stolen admin session
    // cannot take the account over for good.
    let own = id == user.id;
    let mut own_errors = FieldErrors::default();
    if own {
        let email: String = sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
            .bind(id)
            .fetch_one(&state.db.pool)
            .await?;
        if !form.password.is_empty() {
            own_errors.add("password", Msg::new("user-own-password-refused"));
        }
        if form.email.trim().to_lowercase() != email {
            own_errors.add("email", Msg::new("user-own-email-refused"));
        }
    }
    let context = password::context_words(&state.config);
    let checked = if own {
        validate(
            &UserForm {
                password: String::new(),
                ..form.clone()
            },
            false,
            &context,
        )
    } else {
        validate(&form, false, &context)
    };
    let mut valid = match checked {
        Ok(v) if own_errors.is_empty() => v,
        outcome => {
            let mut errors = outcome.err().unwrap_or_default();
            for (field, msgs) in own_errors.0 {
                for msg in msgs {
                    errors.add(&field, msg);
                }
            }
            let page = form_page(&state, &user, Some(id), form, errors).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    if id == user.id {
        // An admin cannot lock themselves out by accident.
        valid.active = true;
        valid.role = Role::Admin;
    }
    let details = UserDetails {
        name: &valid.name,
        email: &valid.email,
        role: valid.role,
        department_id: valid.department_id,
        active: valid.active,
    };
    // What the user may do before the change: a new role or department ends their sessions.
    let before: Option<(String, Option<i64>)> =
        sqlx::query_as("SELECT role, department_id FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(&state.db.pool)
            .await?;
    let (old_role, old_department) = before.ok_or(AppError::NotFound)?;
    let role_changed = old_role != valid.role.as_str();
    let department_changed = old_department != valid.department_id;
    // A new role is a privilege change: made only by a session authenticated lately.
    if role_changed && !crate::auth::reauth::is_fresh(&state, &jar).await? {
        // The form as typed goes along and is posted again after the password (decision 0060).
        let path = format!("/admin/users/{id}");
        return crate::auth::reauth::ask_keeping(&state, &user, &path, &path, form.typed()).await;
    }
    let mut conn = state.db.pool.acquire().await?;
    match save_details(&mut conn, id, details).await {
        Ok(false) => return Err(AppError::NotFound),
        Ok(true) => {}
        Err(e) if db::is_unique_violation(&e, "email") => {
            drop(conn);
            let page = form_page(&state, &user, Some(id), form, email_taken()).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
        Err(e) => return Err(e.into()),
    }
    drop(conn);
    if !form.password.is_empty() {
        let hash = password::hash(form.password.clone()).await?;
        set_password(&mut *state.db.pool.acquire().await?, id, hash).await?;
    }
    let mut events = Vec::new();
    if role_changed {
        events.push(
            Event::new(Kind::RoleChanged, Subject::User(id))
                .detail(format!("{old_role} → {}", valid.role.as_str())),
        );
    }
    if department_changed {
        let (from, to) = (
            department_name(&state.db, old_department).await?,
            department_name(&state.db, valid.department_id).await?,
        );
        events.push(
            Event::new(Kind::DepartmentChanged, Subject::User(id)).detail(format!("{from} → {to}")),
        );
    }
    if !form.password.is_empty() {
        // Set by the admin (the log's "done by"); never the password itself.
        events.push(Event::new(Kind::PasswordChanged, Subject::User(id)));
    }
    // A privilege change, a new password or deactivation ends the user's sessions at once: the
    // next request logs in again and gets a new session with what the user may now do. An admin
    // changing their own department keeps this session, under a new id.
    if role_changed || department_changed || !valid.active || !form.password.is_empty() {
        if id == user.id {
            if let Some(token) = jar.get(SESSION_COOKIE).map(|c| c.value().to_string()) {
                session::end_others(&state.db, Holder::User(id), &token).await?;
                if let Some(fresh) = session::reissue(&state.db, &token).await? {
                    jar = jar.add(session::cookie(&state, fresh));
                }
            }
        } else {
            session::end_all_for_user(&state.db, id).await?;
        }
    }
    let mut conn = state.db.pool.acquire().await?;
    for e in events {
        security_log::record(&mut conn, &e.by(user.id).ip(ip)).await?;
    }
    // A reset password or a deactivation means the account may be in the wrong hands: its API
    // tokens go with its sessions (a deactivated user's tokens would work again on reactivation).
    if id != user.id && (!valid.active || !form.password.is_empty()) {
        tokens::revoke_all_by(&mut conn, id, user.id, ip).await?;
    }
    Ok((jar, Redirect::to("/admin/users")).into_response())
}

/// A department's name for the security log ("-" for none).
async fn department_name(db: &crate::db::Db, id: Option<i64>) -> Result<String> {
    let Some(id) = id else {
        return Ok("-".to_string());
    };
    let name: Option<String> = sqlx::query_scalar("SELECT name FROM departments WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(name.unwrap_or_else(|| id.to_string()))
}

/// Active staff as (id, name) in name order: for "responsible" and "consultant" pickers.
pub async fn active_names(db: &crate::db::Db) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, name FROM users WHERE active = 1 ORDER BY name, id")
        .fetch_all(&db.pool)
        .await
}
