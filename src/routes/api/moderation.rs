//! Moderators' API: letters in review, signatures, blocks, the audit log.

use rocket::http::Status;
use rocket::serde::json::{self, Json};
use rocket::{get, post, routes, Route, State};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use super::body::{body, optional_body};
use crate::app::audit;
use crate::app::moderation::{self, BlockTarget, Decision, ModeratedSignature, PendingReason};
use crate::app::padding::Report;
use crate::auth::ApiModerator;
use crate::db::entities::letter::LetterStatus;
use crate::error::{Error, Result};
use crate::read::views::{self, LetterSummary};
use crate::state::AppState;

/// A moderator's reason for a decision (required where they refuse or hide).
#[derive(Deserialize, Default, ToSchema)]
pub(super) struct Reason {
    pub(super) reason: Option<String>,
}

#[derive(Serialize, ToSchema)]
struct LettersInReview {
    letters: Vec<LetterSummary>,
}

/// Letters waiting for a moderator, oldest first.
#[utoipa::path(get, path = "/moderation/letters", tag = "moderation", security(("bearer" = [])),
    responses((status = 200, description = "Letters in review", body = LettersInReview)))]
#[get("/moderation/letters")]
async fn in_review(app: &State<AppState>, _who: ApiModerator) -> Result<Json<LettersInReview>> {
    let list = moderation::letters_in_review(app).await?;
    let letters: Vec<LetterSummary> = list
        .into_iter()
        .map(|l| views::summary(l, Default::default()))
        .collect();
    Ok(Json(LettersInReview { letters }))
}

/// A letter's status after a moderator's decision.
#[derive(Serialize, ToSchema)]
struct LetterDecision {
    slug: String,
    status: LetterStatus,
    /// Why it was sent back.
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

/// Publishes a letter in review.
#[utoipa::path(post, path = "/moderation/letters/{slug}/publish", tag = "moderation", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The letter's slug")),
    responses((status = 200, description = "`published`", body = LetterDecision)))]
#[post("/moderation/letters/<slug>/publish")]
async fn publish(
    app: &State<AppState>,
    who: ApiModerator,
    slug: &str,
) -> Result<Json<LetterDecision>> {
    let l = moderation::publish(app, &who.0, slug).await?;
    Ok(Json(LetterDecision {
        slug: l.slug,
        status: l.status,
        reason: None,
    }))
}

/// Sends a letter in review back to its organiser, with a reason.
#[utoipa::path(post, path = "/moderation/letters/{slug}/reject", tag = "moderation", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The letter's slug")),
    request_body = Option<Reason>,
    responses((status = 200, description = "`rejected`", body = LetterDecision)))]
#[post("/moderation/letters/<slug>/reject", data = "<data>")]
async fn reject(
    app: &State<AppState>,
    who: ApiModerator,
    slug: &str,
    data: std::result::Result<Json<Reason>, json::Error<'_>>,
) -> Result<Json<LetterDecision>> {
    let r = optional_body(data)?;
    let l = moderation::reject_letter(app, &who.0, slug, r.reason.as_deref()).await?;
    Ok(Json(LetterDecision {
        slug: l.slug,
        status: l.status,
        reason: l.rejection_reason,
    }))
}

#[derive(Serialize, ToSchema)]
struct PendingReasons {
    reasons: Vec<PendingReason>,
}

/// "Why I signed" reasons waiting for a moderator, oldest first.
#[utoipa::path(get, path = "/moderation/reasons", tag = "moderation", security(("bearer" = [])),
    responses((status = 200, description = "Pending reasons", body = PendingReasons)))]
#[get("/moderation/reasons")]
async fn pending_reasons(
    app: &State<AppState>,
    _who: ApiModerator,
) -> Result<Json<PendingReasons>> {
    let reasons = moderation::pending_reasons(app).await?;
    Ok(Json(PendingReasons { reasons }))
}

#[derive(Serialize, ToSchema)]
struct ReasonDecided {
    /// The signature's id.
    id: i64,
    /// `approved` or `rejected`.
    reason_status: &'static str,
}

/// Approves a signature's reason (it shows on the letter) or rejects it.
#[utoipa::path(post, path = "/moderation/reasons/{id}/{decision}", tag = "moderation", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The signature's id"),
        ("decision" = String, Path, description = "`approve` or `reject`", pattern = "^(approve|reject)$")),
    responses((status = 200, description = "The reason's status", body = ReasonDecided)))]
#[post("/moderation/reasons/<id>/<decision>")]
async fn decide_reason(
    app: &State<AppState>,
    who: ApiModerator,
    id: i64,
    decision: &str,
) -> Result<Json<ReasonDecided>> {
    let approve = match decision {
        "approve" => true,
        "reject" => false,
        _ => return Err(Error::NotFound),
    };
    moderation::decide_reason(app, &who.0, id, approve).await?;
    Ok(Json(ReasonDecided {
        id,
        reason_status: if approve { "approved" } else { "rejected" },
    }))
}

#[derive(Serialize, ToSchema)]
struct SignatureList {
    signatures: Vec<ModeratedSignature>,
}

/// Signatures as moderators judge them, newest first.
#[utoipa::path(get, path = "/moderation/signatures", tag = "moderation", security(("bearer" = [])),
    params(("letter" = Option<String>, Query, description = "Only this letter's (its slug)"),
        ("status" = Option<String>, Query, description = "Only those in this status (`awaiting_approval`, `confirmed`…)")),
    responses((status = 200, description = "Signatures", body = SignatureList)))]
#[get("/moderation/signatures?<letter>&<status>")]
async fn signatures(
    app: &State<AppState>,
    _who: ApiModerator,
    letter: Option<&str>,
    status: Option<&str>,
) -> Result<Json<SignatureList>> {
    let signatures = moderation::signatures(app, letter, status).await?;
    Ok(Json(SignatureList { signatures }))
}

#[derive(Serialize, ToSchema)]
struct Done {
    id: i64,
    /// Always `done`.
    status: &'static str,
}

/// Approves, rejects or hides a signature (a reason is needed to reject or hide).
#[utoipa::path(post, path = "/moderation/signatures/{id}/{action}", tag = "moderation", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The signature's id"),
        ("action" = String, Path, description = "`approve`, `reject` or `hide`", pattern = "^(approve|reject|hide)$")),
    request_body = Option<Reason>,
    responses((status = 200, description = "Done", body = Done)))]
#[post("/moderation/signatures/<id>/<action>", data = "<data>")]
async fn decide(
    app: &State<AppState>,
    who: ApiModerator,
    id: i64,
    action: &str,
    data: std::result::Result<Json<Reason>, json::Error<'_>>,
) -> Result<Json<Done>> {
    let decision = Decision::parse(action).ok_or(Error::NotFound)?;
    let r = optional_body(data)?;
    moderation::decide(app, &who.0, id, decision, r.reason.as_deref()).await?;
    Ok(Json(Done { id, status: "done" }))
}

/// An address or a domain to block, one of the two.
#[derive(Deserialize, ToSchema)]
struct BlockBody {
    email: Option<String>,
    email_domain: Option<String>,
    reason: Option<String>,
}

#[derive(Serialize, ToSchema)]
struct Block {
    id: i64,
    /// `email` or `domain`.
    kind: String,
    value: String,
}

/// Blocks an address or a domain: it can no longer sign (it gets the same 202
/// and no signature is made).
#[utoipa::path(post, path = "/moderation/blocks", tag = "moderation", security(("bearer" = [])),
    request_body = BlockBody,
    responses((status = 201, description = "The block", body = Block)))]
#[post("/moderation/blocks", data = "<data>")]
async fn block(
    app: &State<AppState>,
    who: ApiModerator,
    data: std::result::Result<Json<BlockBody>, json::Error<'_>>,
) -> Result<(Status, Json<Block>)> {
    let b = body(data)?;
    let target = BlockTarget::parse(b.email.as_deref(), b.email_domain.as_deref())?;
    let row = moderation::block(app, &who.0, target, b.reason.as_deref()).await?;
    Ok((
        Status::Created,
        Json(Block {
            id: row.id,
            kind: format!("{:?}", row.kind).to_lowercase(),
            value: row.value,
        }),
    ))
}

/// What may be padding on a letter: bursts from one domain, disposable
/// domains, names repeated or written several ways.
#[utoipa::path(get, path = "/moderation/letters/{slug}/padding", tag = "moderation", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The letter's slug")),
    responses((status = 200, description = "The padding report", body = Report)))]
#[get("/moderation/letters/<slug>/padding")]
async fn padding(app: &State<AppState>, _who: ApiModerator, slug: &str) -> Result<Json<Report>> {
    let (_, report) = crate::app::padding::report(app, slug).await?;
    Ok(Json(report))
}

/// Signatures to take off the count: a domain's, or those made in a window
/// (RFC 3339 `from` and `until`), with the reason.
#[derive(Deserialize, ToSchema)]
struct InvalidateBody {
    domain: Option<String>,
    from: Option<String>,
    until: Option<String>,
    reason: Option<String>,
}

#[derive(Serialize, ToSchema)]
struct Invalidated {
    /// How many signatures no longer count.
    invalidated: usize,
}

/// Invalidates padding: the signatures stay in the audit trail, off the count.
#[utoipa::path(post, path = "/moderation/letters/{slug}/invalidate", tag = "moderation", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The letter's slug")),
    request_body = InvalidateBody,
    responses((status = 200, description = "How many were invalidated", body = Invalidated)))]
#[post("/moderation/letters/<slug>/invalidate", data = "<data>")]
async fn invalidate(
    app: &State<AppState>,
    who: ApiModerator,
    slug: &str,
    data: std::result::Result<Json<InvalidateBody>, json::Error<'_>>,
) -> Result<Json<Invalidated>> {
    let b = body(data)?;
    let what = crate::app::padding::Invalidation::parse(
        b.domain.as_deref(),
        b.from.as_deref(),
        b.until.as_deref(),
        b.reason.as_deref(),
    )?;
    let n = crate::app::padding::invalidate(app, &who.0, slug, &what).await?;
    Ok(Json(Invalidated { invalidated: n }))
}

/// One moderator action.
#[derive(Serialize, ToSchema)]
struct AuditEntry {
    id: i64,
    /// The moderator's address.
    actor: String,
    /// e.g. `letter.publish`, `signature.hide`, `block.create`.
    action: String,
    /// What was acted on.
    subject: String,
    signature_id: Option<i64>,
    reason: Option<String>,
    at: chrono::DateTime<chrono::Utc>,
}

#[derive(Serialize, ToSchema)]
struct AuditLog {
    entries: Vec<AuditEntry>,
}

/// Every moderator action, who, when and why, newest first (the last 1,000).
#[utoipa::path(get, path = "/moderation/audit", tag = "moderation", security(("bearer" = [])),
    params(("letter" = Option<String>, Query, description = "Only this letter's (its slug)")),
    responses((status = 200, description = "The audit log", body = AuditLog)))]
#[get("/moderation/audit?<letter>")]
async fn audit_log(
    app: &State<AppState>,
    _who: ApiModerator,
    letter: Option<&str>,
) -> Result<Json<AuditLog>> {
    let letter_id = audit::letter_filter(&app.db, letter).await?;
    let entries = audit::recent(&app.db, letter_id, 1000)
        .await?
        .into_iter()
        .map(|e| AuditEntry {
            id: e.id,
            actor: e.actor_email,
            action: e.action,
            subject: e.detail,
            signature_id: e.signature_id,
            reason: e.reason,
            at: e.created_at,
        })
        .collect();
    Ok(Json(AuditLog { entries }))
}

pub(super) fn routes() -> Vec<Route> {
    routes![
        in_review,
        publish,
        reject,
        signatures,
        decide,
        block,
        audit_log,
        pending_reasons,
        decide_reason,
        padding,
        invalidate
    ]
}

#[derive(OpenApi)]
#[openapi(paths(
    in_review,
    publish,
    reject,
    signatures,
    decide,
    block,
    audit_log,
    pending_reasons,
    decide_reason,
    padding,
    invalidate
))]
pub(super) struct Doc;
