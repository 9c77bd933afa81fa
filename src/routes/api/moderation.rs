//! Moderators' API: letters in review, signatures, blocks, the audit log.

use rocket::http::Status;
use rocket::serde::json::{self, json, Json, Value};
use rocket::{get, post, routes, Route, State};
use serde::Deserialize;

use super::body::{body, optional_body};
use crate::app::audit;
use crate::app::moderation::{self, BlockTarget, Decision};
use crate::auth::ApiModerator;
use crate::error::{Error, Result};
use crate::read::views::{self, LetterSummary};
use crate::state::AppState;

/// A moderator's reason for a decision (required where they refuse or hide).
#[derive(Deserialize, Default)]
pub(super) struct Reason {
    pub(super) reason: Option<String>,
}

#[get("/moderation/letters")]
async fn in_review(app: &State<AppState>, _who: ApiModerator) -> Result<Json<Value>> {
    let list = moderation::letters_in_review(app).await?;
    let letters: Vec<LetterSummary> = list
        .into_iter()
        .map(|l| views::summary(l, Default::default()))
        .collect();
    Ok(Json(json!({ "letters": letters })))
}

#[post("/moderation/letters/<slug>/publish")]
async fn publish(app: &State<AppState>, who: ApiModerator, slug: &str) -> Result<Json<Value>> {
    let l = moderation::publish(app, &who.0, slug).await?;
    Ok(Json(json!({ "slug": l.slug, "status": l.status })))
}

#[post("/moderation/letters/<slug>/reject", data = "<data>")]
async fn reject(
    app: &State<AppState>,
    who: ApiModerator,
    slug: &str,
    data: std::result::Result<Json<Reason>, json::Error<'_>>,
) -> Result<Json<Value>> {
    let r = optional_body(data)?;
    let l = moderation::reject_letter(app, &who.0, slug, r.reason.as_deref()).await?;
    Ok(Json(
        json!({ "slug": l.slug, "status": l.status, "reason": l.rejection_reason }),
    ))
}

#[get("/moderation/reasons")]
async fn pending_reasons(app: &State<AppState>, _who: ApiModerator) -> Result<Json<Value>> {
    let reasons = moderation::pending_reasons(app).await?;
    Ok(Json(json!({ "reasons": reasons })))
}

#[post("/moderation/reasons/<id>/<decision>")]
async fn decide_reason(
    app: &State<AppState>,
    who: ApiModerator,
    id: i64,
    decision: &str,
) -> Result<Json<Value>> {
    let approve = match decision {
        "approve" => true,
        "reject" => false,
        _ => return Err(Error::NotFound),
    };
    moderation::decide_reason(app, &who.0, id, approve).await?;
    Ok(Json(
        json!({ "id": id, "reason_status": if approve { "approved" } else { "rejected" } }),
    ))
}

#[get("/moderation/signatures?<letter>&<status>")]
async fn signatures(
    app: &State<AppState>,
    _who: ApiModerator,
    letter: Option<&str>,
    status: Option<&str>,
) -> Result<Json<Value>> {
    let list = moderation::signatures(app, letter, status).await?;
    Ok(Json(json!({ "signatures": list })))
}

#[post("/moderation/signatures/<id>/<action>", data = "<data>")]
async fn decide(
    app: &State<AppState>,
    who: ApiModerator,
    id: i64,
    action: &str,
    data: std::result::Result<Json<Reason>, json::Error<'_>>,
) -> Result<Json<Value>> {
    let decision = Decision::parse(action).ok_or(Error::NotFound)?;
    let r = optional_body(data)?;
    moderation::decide(app, &who.0, id, decision, r.reason.as_deref()).await?;
    Ok(Json(json!({ "id": id, "status": "done" })))
}

#[derive(Deserialize)]
struct BlockBody {
    email: Option<String>,
    email_domain: Option<String>,
    reason: Option<String>,
}

#[post("/moderation/blocks", data = "<data>")]
async fn block(
    app: &State<AppState>,
    who: ApiModerator,
    data: std::result::Result<Json<BlockBody>, json::Error<'_>>,
) -> Result<(Status, Json<Value>)> {
    let b = body(data)?;
    let target = BlockTarget::parse(b.email.as_deref(), b.email_domain.as_deref())?;
    let row = moderation::block(app, &who.0, target, b.reason.as_deref()).await?;
    Ok((
        Status::Created,
        Json(
            json!({ "id": row.id, "kind": format!("{:?}", row.kind).to_lowercase(), "value": row.value }),
        ),
    ))
}

#[get("/moderation/letters/<slug>/padding")]
async fn padding(app: &State<AppState>, _who: ApiModerator, slug: &str) -> Result<Json<Value>> {
    let (_, report) = crate::app::padding::report(app, slug).await?;
    Ok(Json(json!(report)))
}

#[derive(Deserialize)]
struct InvalidateBody {
    domain: Option<String>,
    from: Option<String>,
    until: Option<String>,
    reason: Option<String>,
}

#[post("/moderation/letters/<slug>/invalidate", data = "<data>")]
async fn invalidate(
    app: &State<AppState>,
    who: ApiModerator,
    slug: &str,
    data: std::result::Result<Json<InvalidateBody>, json::Error<'_>>,
) -> Result<Json<Value>> {
    let b = body(data)?;
    let what = crate::app::padding::Invalidation::parse(
        b.domain.as_deref(),
        b.from.as_deref(),
        b.until.as_deref(),
        b.reason.as_deref(),
    )?;
    let n = crate::app::padding::invalidate(app, &who.0, slug, &what).await?;
    Ok(Json(json!({ "invalidated": n })))
}

#[get("/moderation/audit?<letter>")]
async fn audit_log(
    app: &State<AppState>,
    _who: ApiModerator,
    letter: Option<&str>,
) -> Result<Json<Value>> {
    let letter_id = audit::letter_filter(&app.db, letter).await?;
    let entries: Vec<Value> = audit::recent(&app.db, letter_id, 1000)
        .await?
        .into_iter()
        .map(|e| {
            json!({
                "id": e.id,
                "actor": e.actor_email,
                "action": e.action,
                "subject": e.detail,
                "signature_id": e.signature_id,
                "reason": e.reason,
                "at": e.created_at,
            })
        })
        .collect();
    Ok(Json(json!({ "entries": entries })))
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
