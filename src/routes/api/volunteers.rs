//! Signing up to organise, confirming it, and the team's list of volunteers.

use rocket::http::Status;
use rocket::serde::json::{self, json, Json, Value};
use rocket::{get, post, routes, Route, State};

use super::body::{body, token_of, TokenBody};
use crate::app::volunteers::{self, VolunteerInput};
use crate::auth::ApiUser;
use crate::error::Result;
use crate::state::AppState;

/// Answered the same whatever happened to the address (new, known, blocked).
#[post("/campaigns/<slug>/volunteers", data = "<data>")]
async fn sign_up(
    app: &State<AppState>,
    ip: Option<std::net::IpAddr>,
    slug: &str,
    lang: crate::routes::nav::Lang,
    data: std::result::Result<Json<VolunteerInput>, json::Error<'_>>,
) -> Result<(Status, Json<Value>)> {
    app.limiter.sign(ip, &format!("campaign:{slug}")).await?;
    volunteers::sign_up(app, slug, body(data)?, &lang.0).await?;
    Ok((
        Status::Accepted,
        Json(json!({ "status": "check_your_email" })),
    ))
}

#[post("/volunteers/confirm", data = "<data>")]
async fn confirm(
    app: &State<AppState>,
    data: std::result::Result<Json<TokenBody>, json::Error<'_>>,
) -> Result<Json<Value>> {
    volunteers::confirm(app, &token_of(data)?).await?;
    Ok(Json(json!({ "status": "confirmed" })))
}

/// The campaign's team sees every volunteer; a lead, their group's.
#[get("/campaigns/<slug>/volunteers")]
async fn list(app: &State<AppState>, who: ApiUser, slug: &str) -> Result<Json<Value>> {
    let roster = volunteers::roster(app, &who.0, slug).await?;
    Ok(Json(json!({ "volunteers": roster.volunteers })))
}

pub(super) fn routes() -> Vec<Route> {
    routes![sign_up, confirm, list]
}
