//! Delivering a letter to its recipients.

use rocket::http::Status;
use rocket::serde::json::Json;
use rocket::{post, routes, Route, State};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use crate::app::deliveries;
use crate::auth::ApiOrganiser;
use crate::error::Result;
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
struct Delivered {
    id: i64,
    delivered_at: chrono::DateTime<chrono::Utc>,
    signature_count: i64,
    verified_count: i64,
    /// How many recipients it went to.
    recipients: i32,
}

/// Sends the letter to each of its recipients, with its counts now.
#[utoipa::path(post, path = "/letters/{slug}/deliveries", tag = "organisers", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The letter's slug")),
    responses((status = 201, description = "The delivery", body = Delivered)))]
#[post("/letters/<slug>/deliveries")]
async fn deliver(
    app: &State<AppState>,
    who: ApiOrganiser,
    slug: &str,
) -> Result<(Status, Json<Delivered>)> {
    let d = deliveries::deliver(app, &who.0, slug).await?;
    Ok((
        Status::Created,
        Json(Delivered {
            id: d.id,
            delivered_at: d.delivered_at,
            signature_count: d.signature_count,
            verified_count: d.verified_count,
            recipients: d.recipient_count,
        }),
    ))
}

pub(super) fn routes() -> Vec<Route> {
    routes![deliver]
}

#[derive(OpenApi)]
#[openapi(paths(deliver))]
pub(super) struct Doc;
