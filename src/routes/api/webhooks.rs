//! Webhooks in the API: a letter's or a campaign's owners register and
//! remove endpoints; its team lists them and their deliveries.

use rocket::http::Status;
use rocket::serde::json::{self, Json};
use rocket::{delete, get, post, routes, Route, State};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use super::body::body;
use super::openapi::OwnerPath;
use super::teams::team_of as of;
use crate::app::webhooks::{self, CreatedWebhook, DeliveryView, WebhookInput, WebhookView};
use crate::auth::ApiOrganiser;
use crate::error::Result;
use crate::state::AppState;

/// Registers an endpoint for events (owners); the secret is shown only here.
#[utoipa::path(post, path = "/{kind}/{slug}/webhooks", tag = "webhooks", security(("bearer" = [])),
    params(OwnerPath),
    request_body = WebhookInput,
    responses((status = 201, description = "The endpoint, with its secret", body = CreatedWebhook)))]
#[post("/<kind>/<slug>/webhooks", data = "<data>")]
async fn register(
    app: &State<AppState>,
    who: ApiOrganiser,
    kind: &str,
    slug: &str,
    data: std::result::Result<Json<WebhookInput>, json::Error<'_>>,
) -> Result<(Status, Json<CreatedWebhook>)> {
    let of = of(kind, slug)?;
    let created = webhooks::register(app, &who.0, of, body(data)?).await?;
    Ok((Status::Created, Json(created)))
}

#[derive(Serialize, ToSchema)]
struct WebhookList {
    webhooks: Vec<WebhookView>,
}

/// The endpoints, how they stand and their last delivery (the team).
#[utoipa::path(get, path = "/{kind}/{slug}/webhooks", tag = "webhooks", security(("bearer" = [])),
    params(OwnerPath),
    responses((status = 200, description = "The endpoints", body = WebhookList)))]
#[get("/<kind>/<slug>/webhooks")]
async fn list(
    app: &State<AppState>,
    who: ApiOrganiser,
    kind: &str,
    slug: &str,
) -> Result<Json<WebhookList>> {
    let webhooks = webhooks::list(app, &who.0, of(kind, slug)?).await?;
    Ok(Json(WebhookList { webhooks }))
}

#[derive(Serialize, ToSchema)]
struct DeliveryList {
    deliveries: Vec<DeliveryView>,
}

/// An endpoint's latest 100 deliveries, newest first (the team).
#[utoipa::path(get, path = "/{kind}/{slug}/webhooks/{id}/deliveries", tag = "webhooks", security(("bearer" = [])),
    params(OwnerPath,
        ("id" = i64, Path, description = "The endpoint's id")),
    responses((status = 200, description = "Its deliveries", body = DeliveryList)))]
#[get("/<kind>/<slug>/webhooks/<id>/deliveries")]
async fn deliveries(
    app: &State<AppState>,
    who: ApiOrganiser,
    kind: &str,
    slug: &str,
    id: i64,
) -> Result<Json<DeliveryList>> {
    let deliveries = webhooks::deliveries(app, &who.0, of(kind, slug)?, id).await?;
    Ok(Json(DeliveryList { deliveries }))
}

/// Removes an endpoint and what waits for it (owners).
#[utoipa::path(delete, path = "/{kind}/{slug}/webhooks/{id}", tag = "webhooks", security(("bearer" = [])),
    params(OwnerPath,
        ("id" = i64, Path, description = "The endpoint's id")),
    responses((status = 204, description = "Removed")))]
#[delete("/<kind>/<slug>/webhooks/<id>")]
async fn remove(
    app: &State<AppState>,
    who: ApiOrganiser,
    kind: &str,
    slug: &str,
    id: i64,
) -> Result<Status> {
    webhooks::remove(app, &who.0, of(kind, slug)?, id).await?;
    Ok(Status::NoContent)
}

pub(super) fn routes() -> Vec<Route> {
    routes![register, list, deliveries, remove]
}

#[derive(OpenApi)]
#[openapi(paths(register, list, deliveries, remove))]
pub(super) struct Doc;
