//! Signatures on paper: recording a batch, and a moderator removing one.

use rocket::http::Status;
use rocket::serde::json::{self, Json};
use rocket::{post, routes, Route, State};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use super::body::{body, optional_body};
use super::moderation::Reason;
use crate::app::paper::{self, PaperInput};
use crate::auth::{ApiModerator, ApiUser};
use crate::error::Result;
use crate::read::paper::PaperView;
use crate::state::AppState;

/// Records a batch of signatures collected on paper (the letter's editors
/// and owners, or the lead of the batch's group).
#[utoipa::path(post, path = "/letters/{slug}/paper", tag = "organisers", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The letter's slug")),
    request_body = PaperInput,
    responses((status = 201, description = "The batch", body = PaperView)))]
#[post("/letters/<slug>/paper", data = "<data>")]
async fn record(
    app: &State<AppState>,
    who: ApiUser,
    slug: &str,
    data: std::result::Result<Json<PaperInput>, json::Error<'_>>,
) -> Result<(Status, Json<PaperView>)> {
    let batch = paper::record(app, &who.0, slug, body(data)?).await?;
    Ok((Status::Created, Json(batch)))
}

#[derive(Serialize, ToSchema)]
struct Removed {
    id: i64,
    /// Always `removed`.
    status: &'static str,
    reason: Option<String>,
}

/// Takes a paper batch off the letter's count.
#[utoipa::path(post, path = "/moderation/paper/{id}/remove", tag = "moderation", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The batch's id")),
    request_body = Option<Reason>,
    responses((status = 200, description = "Removed", body = Removed)))]
#[post("/moderation/paper/<id>/remove", data = "<data>")]
async fn remove(
    app: &State<AppState>,
    who: ApiModerator,
    id: i64,
    data: std::result::Result<Json<Reason>, json::Error<'_>>,
) -> Result<Json<Removed>> {
    let reason = optional_body(data)?.reason;
    paper::remove(app, &who.0, id, reason.as_deref()).await?;
    Ok(Json(Removed {
        id,
        status: "removed",
        reason,
    }))
}

pub(super) fn routes() -> Vec<Route> {
    routes![record, remove]
}

#[derive(OpenApi)]
#[openapi(paths(record, remove))]
pub(super) struct Doc;
