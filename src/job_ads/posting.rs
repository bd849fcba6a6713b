//! What the public sees of an ad, made once for the page, the JSON-LD and both feeds: its
//! address, the employer as the ad chooses to show it, and schema.org's `JobPosting`.
//!
//! The employer: `agency` names the agency, `customer` the customer (with its logo from the
//! card's documents, category `logo`, when it has one), `anonymous` says "a customer of ours"
//! and names the agency as the hiring organisation. For an anonymous ad the customer's name
//! and logo are never read, so nothing made here can leak them. The employers of a whole page
//! of ads are read in one query ([`employers`], [`Posting::all`]).

use std::collections::HashMap;

use serde_json::{Value, json};

use super::{model::EmployerShown, store::JobAd};
use crate::{
    AppState, Result,
    db::{Db, Sql},
    i18n::Lang,
    timefmt::when::{date_string, iso_oslo, oslo_date},
};

/// The image types a customer's logo is shown in (raster images browsers show safely; an SVG
/// could carry script and is never served).
pub const LOGO_TYPES: [&str; 4] = ["image/png", "image/jpeg", "image/gif", "image/webp"];

/// The condition on `d` (documents), `k` (its category) and `v` (its current version) that
/// makes the customer's logo: a live document in the built-in category `logo` whose latest
/// version is an image of [`LOGO_TYPES`].
const LOGO_WHERE: &str = "k.key = 'logo' AND d.deleted_at IS NULL \
    AND v.content_type IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp')";

/// Which logo of several: the one changed last.
const LOGO_ORDER: &str = "ORDER BY d.updated_at DESC, d.id DESC";

/// A customer as an ad shows it as employer.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Employer {
    pub id: i64,
    pub name: String,
    /// The document version of its logo, when it has one.
    pub logo_version_id: Option<i64>,
}

/// The customers named by the ads that show their customer as employer, with their logos, in
/// one query. Anonymous and agency ads are left out: their customer is never read.
pub async fn employers(db: &Db, ads: &[JobAd]) -> Result<HashMap<i64, Employer>> {
    let mut ids: Vec<i64> = ads
        .iter()
        .filter(|a| EmployerShown::parse(&a.employer_shown) == Some(EmployerShown::Customer))
        .map(|a| a.customer_id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut sql = Sql::new(&format!(
        "SELECT c.id, c.name, (SELECT v.id FROM documents d \
         JOIN document_categories k ON k.id = d.category_id \
         JOIN document_versions v ON v.id = d.current_version_id \
         WHERE d.customer_id = c.id AND {LOGO_WHERE} {LOGO_ORDER} LIMIT 1) AS logo_version_id \
         FROM customers c WHERE c.id IN ("
    ));
    sql.bind_list(ids).push(")");
    let rows: Vec<Employer> = sql.query_as().fetch_all(&db.pool).await?;
    Ok(rows.into_iter().map(|e| (e.id, e)).collect())
}

/// The stored file of a customer's logo.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LogoFile {
    pub version_id: i64,
    pub storage_key: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
}

/// The customer's logo (see [`LOGO_WHERE`]), when it has one. Only for an ad that shows the
/// customer as employer: the caller checks.
pub async fn logo_file(db: &Db, customer_id: i64) -> Result<Option<LogoFile>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT v.id AS version_id, v.storage_key, v.file_name, v.content_type, v.size_bytes, \
         v.sha256 FROM documents d JOIN document_categories k ON k.id = d.category_id \
         JOIN document_versions v ON v.id = d.current_version_id \
         WHERE d.customer_id = $1 AND {LOGO_WHERE} {LOGO_ORDER} LIMIT 1"
    )))
    .bind(customer_id)
    .fetch_optional(&db.pool)
    .await?)
}

/// An ad as published.
#[derive(Clone, Debug)]
pub struct Posting {
    pub ad: JobAd,
    /// The ad's public address.
    pub url: String,
    /// The employer as the page writes it.
    pub employer: String,
    /// The organisation named in the JSON-LD's `hiringOrganization`.
    pub hiring_organization: String,
    /// The agency's name.
    pub agency: String,
    /// The absolute address of the customer's logo, only when the ad shows the customer as
    /// employer and the customer has one.
    pub logo_url: Option<String>,
    /// The lead paragraph and the (sanitised) body, as HTML.
    pub description_html: String,
    /// The same without tags.
    pub summary: String,
    /// `YYYY-MM-DD`, Oslo time.
    pub date_posted: String,
    /// RFC 3339, Oslo time (feeds).
    pub published_rfc3339: String,
    pub updated_rfc3339: String,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The public address of the ad with `slug`.
pub fn url(state: &AppState, slug: &str) -> String {
    state
        .config
        .public_url
        .join(&format!("jobs/{slug}"))
        .map(|u| u.to_string())
        .unwrap_or_default()
}

/// The public address of the logo of the ad with `slug` (`version` makes a new logo a new
/// address, so caches never show the old one).
pub fn logo_url(state: &AppState, slug: &str, version: i64) -> String {
    state
        .config
        .public_url
        .join(&format!("jobs/{slug}/logo?v={version}"))
        .map(|u| u.to_string())
        .unwrap_or_default()
}

impl Posting {
    /// The ad as the public sees it, in `lang`.
    pub async fn of(state: &AppState, ad: JobAd, lang: Lang) -> Result<Posting> {
        let employers = employers(&state.db, std::slice::from_ref(&ad)).await?;
        Ok(Self::with(state, ad, lang, &employers))
    }

    /// Several ads as the public sees them, their employers read in one query.
    pub async fn all(state: &AppState, ads: Vec<JobAd>, lang: Lang) -> Result<Vec<Posting>> {
        let employers = employers(&state.db, &ads).await?;
        Ok(ads
            .into_iter()
            .map(|a| Self::with(state, a, lang, &employers))
            .collect())
    }

    /// The ad as the public sees it, with its customer (when shown) from `employers`.
    fn with(
        state: &AppState,
        ad: JobAd,
        lang: Lang,
        employers: &HashMap<i64, Employer>,
    ) -> Posting {
        let agency = state.config.seller.name.clone();
        let shown = EmployerShown::parse(&ad.employer_shown).unwrap_or(EmployerShown::Anonymous);
        let mut logo_url = None;
        let (employer, hiring_organization) = match shown {
            EmployerShown::Agency => (agency.clone(), agency.clone()),
            EmployerShown::Customer => match employers.get(&ad.customer_id) {
                Some(e) => {
                    logo_url = e
                        .logo_version_id
                        .map(|v| self::logo_url(state, &ad.slug, v));
                    (e.name.clone(), e.name.clone())
                }
                None => (agency.clone(), agency.clone()),
            },
            EmployerShown::Anonymous => (
                lang.t_with("job-ad-public-anonymous", &[("agency", agency.clone())]),
                agency.clone(),
            ),
        };
        let mut description_html = String::new();
        if !ad.lead.is_empty() {
            description_html.push_str(&format!("<p><strong>{}</strong></p>\n", esc(&ad.lead)));
        }
        description_html.push_str(&ad.body_html);
        let summary = if ad.lead.is_empty() {
            let text = super::model::plain_text(&ad.body_html);
            let mut short: String = text.chars().take(300).collect();
            if short.len() < text.len() {
                short.push('…');
            }
            short
        } else {
            ad.lead.clone()
        };
        let published = ad.published_at.unwrap_or(ad.created_at);
        Posting {
            url: url(state, &ad.slug),
            date_posted: date_string(oslo_date(published)),
            published_rfc3339: iso_oslo(published),
            updated_rfc3339: iso_oslo(ad.updated_at.max(published)),
            employer,
            hiring_organization,
            agency,
            logo_url,
            description_html,
            summary,
            ad,
        }
    }

    /// schema.org `JobPosting`: the required properties (title, description, datePosted,
    /// hiringOrganization, jobLocation) and the recommended ones the ad has (validThrough with
    /// a deadline, employmentType, baseSalary only when the ad tells the pay, identifier,
    /// directApply: the form is on the page).
    pub fn json_ld(&self) -> Value {
        let a = &self.ad;
        let mut address = serde_json::Map::new();
        address.insert("@type".into(), json!("PostalAddress"));
        if let Some(p) = &a.postal_code {
            address.insert("postalCode".into(), json!(p));
        }
        if let Some(c) = &a.city {
            address.insert("addressLocality".into(), json!(c));
        }
        if let Some(region) = a
            .postal_code
            .as_deref()
            .and_then(crate::geo::postal::lookup)
            .and_then(|p| crate::geo::county_name(p.county_no))
        {
            address.insert("addressRegion".into(), json!(region));
        }
        address.insert("addressCountry".into(), json!("NO"));
        let mut v = json!({
            "@context": "https://schema.org/",
            "@type": "JobPosting",
            "title": a.title,
            "description": self.description_html,
            "datePosted": self.date_posted,
            "hiringOrganization": {
                "@type": "Organization",
                "name": self.hiring_organization,
            },
            "jobLocation": {
                "@type": "Place",
                "address": Value::Object(address),
            },
            "employmentType": a.employment_type,
            "identifier": {
                "@type": "PropertyValue",
                "name": self.agency,
                "value": a.slug,
            },
            "directApply": true,
            "totalJobOpenings": a.positions,
            "url": self.url,
        });
        let o = v.as_object_mut().expect("an object");
        if let Some(logo) = &self.logo_url {
            o["hiringOrganization"]
                .as_object_mut()
                .expect("an object")
                .insert("logo".into(), json!(logo));
        }
        if let Some(d) = &a.deadline {
            o.insert("validThrough".into(), json!(format!("{d}T23:59:59")));
        }
        if let Some(ore) = a.salary_hour_ore {
            o.insert(
                "baseSalary".into(),
                json!({
                    "@type": "MonetaryAmount",
                    "currency": "NOK",
                    "value": {
                        "@type": "QuantitativeValue",
                        "value": ore as f64 / 100.0,
                        "unitText": "HOUR",
                    },
                }),
            );
        }
        if let Some(s) = &a.start_date {
            o.insert("jobStartDate".into(), json!(s));
        }
        if let Some(code) = &a.styrk_code {
            let title = a.occupation_title.as_deref().unwrap_or_default();
            o.insert(
                "occupationalCategory".into(),
                json!(format!("{code} {title}").trim()),
            );
        }
        v
    }

    /// The JSON-LD as a `<script type="application/ld+json">` element, safe inside HTML: `<`,
    /// `>` and `&` only occur inside JSON strings, where they are written as `\u003c` etc., so
    /// no `</script>` or `<!--` in an ad can end the element early.
    pub fn json_ld_script(&self) -> String {
        format!(
            "<script type=\"application/ld+json\">{}</script>",
            script_safe_json(&self.json_ld())
        )
    }
}

/// JSON that can stand inside a `<script>` element.
pub fn script_safe_json(v: &Value) -> String {
    v.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_script_end_in_a_string_cannot_close_the_element() {
        let v = json!({"description": "</script><script>alert(1)</script><!-- & "});
        let s = script_safe_json(&v);
        assert!(!s.contains('<') && !s.contains('>'), "{s}");
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }
}
