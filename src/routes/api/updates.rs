//! Updates: organisers write them, moderators publish or reject them,
//! everyone reads the published ones.

use rocket::http::Status;
use rocket::serde::json::{self, Json};
use rocket::{get, post, routes, Route, State};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use super::body::{body, optional_body};
use super::letters::cached_json;
use super::moderation::Reason;
use crate::app::updates::{self, UpdateInput};
use crate::auth::{ApiModerator, ApiOrganiser};
use crate::db::entities::letter_update::UpdateStatus;
use crate::db::letters;
use crate::db::outbox::UpdateMail;
use crate::error::{Error, Result};
use crate::read::cache::{IfNoneMatch, PublicResponse};
use crate::read::updates::{PublicUpdate, UpdateStatusView};
use crate::state::AppState;

/// Writes an update (or a response from a recipient); it goes to the
/// moderators before anyone reads it.
#[utoipa::path(post, path = "/letters/{slug}/updates", tag = "updates", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The letter's slug")),
    request_body = UpdateInput,
    responses((status = 201, description = "The update, `in_review`", body = UpdateStatusView)))]
#[post("/letters/<slug>/updates", data = "<data>")]
async fn write(
    app: &State<AppState>,
    who: ApiOrganiser,
    slug: &str,
    data: std::result::Result<Json<UpdateInput>, json::Error<'_>>,
) -> Result<(Status, Json<UpdateStatusView>)> {
    let update = updates::write(app, &who.0, slug, body(data)?).await?;
    Ok((
        Status::Created,
        Json(UpdateStatusView::new(&update, UpdateMail::default())),
    ))
}

#[derive(Serialize, ToSchema)]
struct UpdateList {
    updates: Vec<PublicUpdate>,
}

/// A letter's published updates, newest first, in the reader's language
/// where they are translated.
#[utoipa::path(get, path = "/letters/{slug}/updates", tag = "updates",
    params(("slug" = String, Path, description = "The letter's slug")),
    responses((status = 200, description = "Published updates", body = UpdateList)))]
#[get("/letters/<slug>/updates")]
async fn published(
    app: &State<AppState>,
    inm: IfNoneMatch,
    slug: &str,
    reader: crate::routes::nav::Lang,
) -> Result<PublicResponse> {
    let lang = reader.0;
    let key = format!("api:updates:{lang}:{slug}");
    cached_json(&app.public_cache, key, inm, || async {
        let letter = letters::public_by_slug(&app.db, slug).await?;
        let updates = crate::read::updates::published(&app.db, letter.id, &lang).await?;
        Ok(UpdateList { updates })
    })
    .await
}

/// One update with its status and how its mail stands (its organiser, moderators).
#[utoipa::path(get, path = "/letters/{slug}/updates/{id}", tag = "updates", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The letter's slug"),
        ("id" = i64, Path, description = "The update's id")),
    responses((status = 200, description = "The update", body = UpdateStatusView)))]
#[get("/letters/<slug>/updates/<id>")]
async fn one(
    app: &State<AppState>,
    who: ApiOrganiser,
    slug: &str,
    id: i64,
) -> Result<Json<UpdateStatusView>> {
    let (update, mail) = updates::for_organiser(app, &who.0, slug, id).await?;
    Ok(Json(UpdateStatusView::new(&update, mail)))
}

#[derive(Serialize, ToSchema)]
struct UpdateInReview {
    letter: String,
    update: UpdateStatusView,
}

#[derive(Serialize, ToSchema)]
struct UpdatesInReview {
    updates: Vec<UpdateInReview>,
}

/// Updates waiting for a moderator, oldest first.
#[utoipa::path(get, path = "/moderation/updates", tag = "moderation", security(("bearer" = [])),
    responses((status = 200, description = "Updates in review", body = UpdatesInReview)))]
#[get("/moderation/updates")]
async fn in_review(app: &State<AppState>, _who: ApiModerator) -> Result<Json<UpdatesInReview>> {
    let updates = updates::in_review(app)
        .await?
        .into_iter()
        .map(|r| UpdateInReview {
            letter: r.letter.slug,
            update: UpdateStatusView::new(&r.update, UpdateMail::default()),
        })
        .collect();
    Ok(Json(UpdatesInReview { updates }))
}

#[derive(Serialize, ToSchema)]
struct Published {
    id: i64,
    status: UpdateStatus,
    /// How many signers it is being mailed to.
    recipients: i64,
}

#[derive(Serialize, ToSchema)]
struct Rejected {
    id: i64,
    status: UpdateStatus,
    reason: Option<String>,
}

/// Publishes an update (it is mailed to the signers who consented) or sends
/// it back with a reason.
#[utoipa::path(post, path = "/moderation/updates/{id}/{decision}", tag = "moderation", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The update's id"),
        ("decision" = String, Path, description = "`publish` or `reject`", pattern = "^(publish|reject)$")),
    request_body = Option<Reason>,
    responses((status = 200, description = "Published (with its recipients) or rejected (with the reason)", body = UpdateDecision)))]
#[post("/moderation/updates/<id>/<decision>", data = "<data>")]
async fn decide(
    app: &State<AppState>,
    who: ApiModerator,
    id: i64,
    decision: &str,
    data: std::result::Result<Json<Reason>, json::Error<'_>>,
) -> Result<Json<UpdateDecision>> {
    match decision {
        "publish" => {
            let (u, recipients) = updates::publish(app, &who.0, id).await?;
            Ok(Json(UpdateDecision::Published(Published {
                id: u.id,
                status: u.status,
                recipients,
            })))
        }
        "reject" => {
            let r: Reason = optional_body(data)?;
            let u = updates::reject(app, &who.0, id, r.reason.as_deref()).await?;
            Ok(Json(UpdateDecision::Rejected(Rejected {
                id: u.id,
                status: u.status,
                reason: u.rejection_reason,
            })))
        }
        _ => Err(Error::NotFound),
    }
}

/// What a decision on an update answers.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
enum UpdateDecision {
    Published(Published),
    Rejected(Rejected),
}

pub(super) fn routes() -> Vec<Route> {
    routes![write, published, one, in_review, decide]
}

#[derive(OpenApi)]
#[openapi(paths(write, published, one, in_review, decide))]
pub(super) struct Doc;
