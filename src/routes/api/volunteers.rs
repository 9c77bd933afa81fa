//! Signing up to organise, confirming it, and the team's list of volunteers.

use rocket::http::Status;
use rocket::serde::json::{self, Json};
use rocket::{get, post, routes, Route, State};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use super::body::{body, token_of, TokenBody};
use super::openapi::StatusBody;
use crate::app::volunteers::{self, VolunteerInput, VolunteerView};
use crate::auth::ApiUser;
use crate::error::Result;
use crate::state::AppState;

/// Signs up to organise for a campaign: a confirmation link goes to the
/// address. Answered the same whatever happened to it (new, known, blocked).
#[utoipa::path(post, path = "/campaigns/{slug}/volunteers", tag = "campaigns",
    params(("slug" = String, Path, description = "The campaign's slug")),
    request_body = VolunteerInput,
    responses((status = 202, description = "`check_your_email`", body = StatusBody)))]
#[post("/campaigns/<slug>/volunteers", data = "<data>")]
async fn sign_up(
    app: &State<AppState>,
    ip: Option<std::net::IpAddr>,
    slug: &str,
    lang: crate::routes::nav::Lang,
    data: std::result::Result<Json<VolunteerInput>, json::Error<'_>>,
) -> Result<(Status, Json<StatusBody>)> {
    app.limiter.sign(ip, &format!("campaign:{slug}")).await?;
    volunteers::sign_up(app, slug, body(data)?, &lang.0).await?;
    Ok((Status::Accepted, StatusBody::of("check_your_email")))
}

/// Confirms a volunteer with the token of their emailed link.
#[utoipa::path(post, path = "/volunteers/confirm", tag = "campaigns",
    request_body = TokenBody,
    responses((status = 200, description = "`confirmed`", body = StatusBody)))]
#[post("/volunteers/confirm", data = "<data>")]
async fn confirm(
    app: &State<AppState>,
    data: std::result::Result<Json<TokenBody>, json::Error<'_>>,
) -> Result<Json<StatusBody>> {
    volunteers::confirm(app, &token_of(data)?).await?;
    Ok(StatusBody::of("confirmed"))
}

#[derive(Serialize, ToSchema)]
struct VolunteerList {
    volunteers: Vec<VolunteerView>,
}

/// The campaign's team sees every volunteer; a lead, their group's.
#[utoipa::path(get, path = "/campaigns/{slug}/volunteers", tag = "campaigns", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The campaign's slug")),
    responses((status = 200, description = "Volunteers", body = VolunteerList)))]
#[get("/campaigns/<slug>/volunteers")]
async fn list(app: &State<AppState>, who: ApiUser, slug: &str) -> Result<Json<VolunteerList>> {
    let roster = volunteers::roster(app, &who.0, slug).await?;
    Ok(Json(VolunteerList {
        volunteers: roster.volunteers,
    }))
}

pub(super) fn routes() -> Vec<Route> {
    routes![sign_up, confirm, list]
}

#[derive(OpenApi)]
#[openapi(paths(sign_up, confirm, list))]
pub(super) struct Doc;
