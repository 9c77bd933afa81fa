//! Signatures on paper: recording a batch, and a moderator removing one.

use rocket::http::Status;
use rocket::serde::json::{self, json, Json, Value};
use rocket::{post, routes, Route, State};

use super::body::{body, optional_body};
use super::moderation::Reason;
use crate::app::paper::{self, PaperInput};
use crate::auth::{ApiModerator, ApiUser};
use crate::error::Result;
use crate::read::paper::PaperView;
use crate::state::AppState;

/// The letter's editors and owners, or the lead of the batch's group.
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

#[post("/moderation/paper/<id>/remove", data = "<data>")]
async fn remove(
    app: &State<AppState>,
    who: ApiModerator,
    id: i64,
    data: std::result::Result<Json<Reason>, json::Error<'_>>,
) -> Result<Json<Value>> {
    let reason = optional_body(data)?.reason;
    paper::remove(app, &who.0, id, reason.as_deref()).await?;
    Ok(Json(
        json!({ "id": id, "status": "removed", "reason": reason }),
    ))
}

pub(super) fn routes() -> Vec<Route> {
    routes![record, remove]
}
