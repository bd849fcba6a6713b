//! `/api/v1`: JSON over the same feature functions the pages use, described by an OpenAPI 3
//! document at `/api/openapi.json` and browsable at `/api/docs`. Errors are problem JSON
//! (RFC 9457), rendered centrally by `web::errors`.
//!
//! Each feature owns its handlers in its own `api` module (`customers::api`, `contacts::api`,
//! `diary::api`, `dialog::api`, `documents::api`, `workers::api`, `assignments::api`,
//! `vacancies::api`, `recruitments::api`, `job_ads::api`, `timesheets::api`, `invoices::api`,
//! `payments::api`, `search` for `/api/v1/search`; the public `/jobs/feed.json` is
//! `job_ads::feeds`); this
//! module keeps the OpenAPI document and the router that merges theirs. The JSON plumbing they
//! share (`ApiJson`, `Problem`) is in `web::json`, below the features. Every list answers
//! `{"items": [...], "total": N}`.

pub mod problems;
pub mod rate_limit;

use axum::Router;
use utoipa::{
    Modify, OpenApi,
    openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme},
};
use utoipa_swagger_ui::SwaggerUi;

use crate::web::json::Problem;
use problems::ProblemResponses;

use crate::{
    AppState, assignments::api as assignments, contacts::api as contacts,
    customers::api as customers, dialog::api as dialog, diary::api as diary,
    documents::api as documents, invoices::api as invoices, payments::api as payments,
    timesheets::api as timesheets, vacancies::api as vacancies, workers::api as workers,
    workers::documents::api as worker_documents,
};

#[derive(OpenApi)]
#[openapi(
    info(title = "Kundekort API", version = "1", description = "Customers of a Norwegian staffing agency."),
    paths(
        customers::list_customers, customers::create_customer, customers::get_customer, customers::patch_customer,
        contacts::list_contacts, contacts::create_contact, contacts::get_contact, contacts::patch_contact,
        customers::overview::get_card_layout, customers::overview::put_card_layout,
        customers::overview::list_comments, customers::overview::create_comment,
        diary::list_activities, diary::create_activity, diary::get_activity, diary::patch_activity, diary::delete_activity,
        diary::types::list_types, diary::types::create_type, diary::types::patch_type,
        dialog::list_messages, dialog::get_message, dialog::send_message,
        documents::list_documents, documents::upload_documents, documents::get_document,
        documents::bin_document, documents::restore_document, documents::list_versions,
        documents::download_version,
        workers::list_workers, workers::create_worker, workers::get_worker, workers::patch_worker,
        workers::add_credential, workers::remove_credential, workers::reveal_national_id, workers::reveal_bank_account,
        worker_documents::list_worker_documents, worker_documents::download_worker_document,
        assignments::list_assignments, assignments::create_assignment, assignments::get_assignment,
        assignments::patch_assignment, assignments::move_assignment,
        vacancies::list_vacancies, vacancies::get_vacancy, vacancies::create_vacancy,
        crate::recruitments::api::list_recruitments, crate::recruitments::api::get_recruitment,
        crate::recruitments::api::create_recruitment,
        crate::job_ads::api::list_job_ads, crate::job_ads::api::get_job_ad,
        crate::job_ads::feeds::json_feed,
        timesheets::list_timesheets, timesheets::get_timesheet, timesheets::put_lines,
        timesheets::submit_timesheet, timesheets::approve_timesheet, timesheets::reject_timesheet,
        timesheets::reopen_timesheet,
        invoices::list_invoices, invoices::list_credit_notes, invoices::get_invoice,
        invoices::create_invoice, invoices::add_invoice_line, invoices::issue_invoice,
        invoices::credit_invoice,
        payments::list_payments, payments::get_payment,
        crate::search::api_search,
    ),
    components(schemas(
        crate::search::groups::Found, crate::search::groups::Group, crate::search::groups::Hit, crate::search::groups::Kind,
        Problem, customers::CustomerFields, customers::CustomerList, crate::customers::store::Customer,
        crate::customers::list::ListItem, contacts::ContactFields, contacts::ContactList, crate::contacts::store::Contact,
        crate::customers::overview::layout::Layout, customers::overview::CommentJson, customers::overview::CommentList,
        customers::overview::NewComment,
        diary::ActivityOut, diary::ActivityList, diary::ActivityInput, diary::types::TypeInput, diary::types::TypeList,
        crate::diary::types::ActivityType, dialog::MessageList, dialog::MessageItem, dialog::MessageOut,
        dialog::EventOut, dialog::AttachmentOut, dialog::NewMessage, dialog::QueuedMessage, dialog::QueuedList,
        documents::DocumentOut, documents::DocumentList, documents::VersionOut, documents::VersionList,
        crate::diary::store::Person, crate::diary::ActivitySummary,
        workers::WorkerList, workers::WorkerOut, workers::WorkerFields, workers::CredentialFields,
        crate::workers::store::Worker, crate::workers::store::ListRow, crate::workers::credentials::Credential,
        worker_documents::WorkerDocumentList, crate::workers::documents::store::WorkerDocument,
        crate::workers::national_id::Masked, crate::workers::national_id::Revealed, crate::workers::bank::RevealedAccount,
        assignments::AssignmentList, assignments::AssignmentOut, assignments::AssignmentFields,
        assignments::StatusMove, assignments::ComplianceOut, assignments::ReasonOut, assignments::MarginOut,
        crate::assignments::store::Assignment, crate::assignments::allowance::Allowance,
        crate::assignments::allowance::Rule, crate::assignments::allowance::Days,
        crate::assignments::allowance::Unit, crate::assignments::allowance::AllowanceKind,
        vacancies::VacancyList, vacancies::VacancyOut, vacancies::NewVacancy,
        crate::vacancies::store::Vacancy, crate::vacancies::store::Candidate,
        crate::recruitments::api::RecruitmentList, crate::recruitments::api::RecruitmentOut,
        crate::recruitments::api::NewRecruitment, crate::recruitments::store::Recruitment,
        crate::recruitments::store::RecruitmentCandidate,
        crate::job_ads::api::JobAdList, crate::job_ads::api::JobAdOut, crate::job_ads::store::JobAd,
        crate::job_ads::store::Publication, crate::job_ads::feeds::JsonFeed,
        crate::job_ads::feeds::FeedAuthor, crate::job_ads::feeds::FeedItem, crate::job_ads::feeds::FeedJob,
        timesheets::SheetList, timesheets::LinesIn, timesheets::LineIn, timesheets::UnitIn,
        timesheets::VersionIn, timesheets::ReasonIn, timesheets::DecisionIn, timesheets::DecisionOut,
        crate::timesheets::store::Sheet, crate::timesheets::store::Detail,
        crate::timesheets::store::LineRow, crate::timesheets::store::UnitRow,
        crate::timesheets::store::AllowanceRow, crate::timesheets::store::WarningRow,
        crate::timesheets::store::EventRow,
        invoices::InvoiceList, invoices::InvoiceItem, invoices::InvoiceOut, invoices::LineOut,
        invoices::StateOut, invoices::DraftIn, invoices::LineIn, invoices::IssueIn, invoices::CreditIn,
        payments::PaymentList, payments::PaymentOut,
    )),
    modifiers(&Security, &ProblemResponses),
    security(("bearer" = []), ("session" = [])),
)]
pub struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                crate::auth::SESSION_COOKIE,
            ))),
        );
        // A customer's contact logged in to the portal: the approvers' acts on timesheets.
        components.add_security_scheme(
            "portal",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                crate::portal::session::PORTAL_COOKIE,
            ))),
        );
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(customers::router())
        .merge(contacts::router())
        .merge(diary::router())
        .merge(dialog::router())
        .merge(documents::router())
        .merge(workers::router())
        .merge(worker_documents::router())
        .merge(assignments::router())
        .merge(vacancies::router())
        .merge(crate::recruitments::api::router())
        .merge(crate::job_ads::api::router())
        .merge(timesheets::router())
        .merge(invoices::router())
        .merge(payments::router())
        .merge(crate::search::api_router())
        .merge(SwaggerUi::new("/api/docs").url("/api/openapi.json", document()))
}

/// The OpenAPI document. Its description (shown at the top of the API browser) ends with a way
/// back to the settings page, where the browser is linked from.
fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    let intro = doc.info.description.take().unwrap_or_default();
    let back = crate::i18n::Lang::Nb.t("api-docs-back");
    doc.info.description = Some(format!("{intro}\n\n[{back}](/settings#api)"));
    doc
}
