//! `/api/v1/job-ads`: the job ads at the customers the user (or the user's token) may see — a
//! list and one ad — each with its publication status per channel as the channels' receipts
//! left it, over the same store and access rules as the staff's pages. The public JSON feed
//! (`/jobs/feed.json`, [`super::feeds`]) is described in the same OpenAPI document.

use std::collections::HashMap;

use axum::{
    Json, Router,
    extract::{Path, Query, State},
    routing::get,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{
    model::AdStatus,
    store::{self, JobAd, Publication},
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    customers::access::{self, Need, Visibility},
    timefmt::{
        now,
        when::{date_string, oslo_date},
    },
    web::json::{Problem, status_filter},
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/job-ads", get(list_job_ads))
        .route("/api/v1/job-ads/{id}", get(get_job_ad))
}

#[derive(Serialize, ToSchema)]
pub struct JobAdOut {
    #[serde(flatten)]
    pub ad: JobAd,
    /// The ad's public page on the agency's homepage while the public can see it (published,
    /// deadline not passed); none otherwise.
    pub public_url: Option<String>,
    /// How the ad stands on each channel it was sent to (`homepage`, `arbeidsplassen`,
    /// `finn`); a channel never tried has no entry.
    pub publications: Vec<Publication>,
}

/// Job ads, newest first.
#[derive(Serialize, ToSchema)]
pub struct JobAdList {
    pub items: Vec<JobAdOut>,
    /// How many match (the list holds at most 500).
    pub total: i64,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct JobAdQuery {
    /// `draft`, `published` or `unpublished`; none: all.
    pub status: Option<String>,
    /// Only this customer's.
    pub customer_id: Option<i64>,
    /// Only this vacancy's.
    pub vacancy_id: Option<i64>,
    /// Only this recruitment's.
    pub recruitment_id: Option<i64>,
}

fn out(state: &AppState, ad: JobAd, publications: Vec<Publication>, today: &str) -> JobAdOut {
    let public =
        ad.status() == AdStatus::Published && ad.deadline.as_deref().is_none_or(|d| d >= today);
    JobAdOut {
        public_url: public
            .then(|| {
                state
                    .config
                    .public_url
                    .join(&format!("jobs/{}", ad.slug))
                    .ok()
            })
            .flatten()
            .map(|u| u.to_string()),
        ad,
        publications,
    }
}

/// The job ads at the customers the user may see.
#[utoipa::path(get, path = "/api/v1/job-ads", tag = "job ads", params(JobAdQuery),
    responses((status = 200, description = "Job ads, newest first, each with its status per channel.", body = JobAdList),
        (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn list_job_ads(
    State(state): State<AppState>,
    user: Staff,
    Query(q): Query<JobAdQuery>,
) -> Result<Json<JobAdList>> {
    let status = status_filter(q.status.as_deref(), AdStatus::parse)?;
    let visibility = Visibility::of(&user, state.config.consultant_scope);
    let (ads, total) = store::list(
        &state.db,
        visibility,
        status,
        q.customer_id,
        q.vacancy_id,
        q.recruitment_id,
    )
    .await?;
    let ids: Vec<i64> = ads.iter().map(|a| a.id).collect();
    let mut by_ad: HashMap<i64, Vec<Publication>> = HashMap::new();
    for (ad_id, p) in store::publications_of(&state.db, &ids).await? {
        by_ad.entry(ad_id).or_default().push(p);
    }
    let today = date_string(oslo_date(now()));
    let items = ads
        .into_iter()
        .map(|ad| {
            let publications = by_ad.remove(&ad.id).unwrap_or_default();
            out(&state, ad, publications, &today)
        })
        .collect();
    Ok(Json(JobAdList { items, total }))
}

/// Read one job ad with its status per channel.
#[utoipa::path(get, path = "/api/v1/job-ads/{id}", tag = "job ads",
    params(("id" = i64, Path, description = "The job ad.")),
    responses((status = 200, description = "The job ad with its status per channel.", body = JobAdOut),
        (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(job_ad_id = id, user_id = user.id))]
pub async fn get_job_ad(
    State(state): State<AppState>,
    user: Staff,
    Path(id): Path<i64>,
) -> Result<Json<JobAdOut>> {
    let customer_id = store::customer_of(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    access::load(&state, &user, customer_id, Need::See).await?;
    let ad = store::get(&state.db, customer_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let publications = store::publications(&state.db, id).await?;
    let today = date_string(oslo_date(now()));
    Ok(Json(out(&state, ad, publications, &today)))
}
