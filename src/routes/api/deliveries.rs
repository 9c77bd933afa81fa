//! Delivering a letter to its recipients.

use rocket::http::Status;
use rocket::serde::json::{json, Json, Value};
use rocket::{post, routes, Route, State};

use crate::app::deliveries;
use crate::auth::ApiOrganiser;
use crate::error::Result;
use crate::state::AppState;

/// Sends the letter to each of its recipients, with its counts now.
#[post("/letters/<slug>/deliveries")]
async fn deliver(
    app: &State<AppState>,
    who: ApiOrganiser,
    slug: &str,
) -> Result<(Status, Json<Value>)> {
    let d = deliveries::deliver(app, &who.0, slug).await?;
    Ok((
        Status::Created,
        Json(json!({
            "id": d.id,
            "delivered_at": d.delivered_at,
            "signature_count": d.signature_count,
            "verified_count": d.verified_count,
            "recipients": d.recipient_count,
        })),
    ))
}

pub(super) fn routes() -> Vec<Route> {
    routes![deliver]
}
