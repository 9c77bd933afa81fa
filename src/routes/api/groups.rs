//! Proposed groups, for a letter's organiser and for moderators.

use rocket::serde::json::{self, Json};
use rocket::{get, post, routes, Route, State};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use super::body::optional_body;
use crate::app::organising::letter_for;
use crate::app::proposals::{self, Acceptance, Proposal};
use crate::auth::ApiUser;
use crate::db::entities::letter_group::GroupStatus;
use crate::error::Result;
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
struct ProposedList {
    groups: Vec<Proposal>,
}

/// Groups signers proposed, waiting for the letter's editors.
#[utoipa::path(get, path = "/letters/{slug}/proposed-groups", tag = "organisers", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The letter's slug")),
    responses((status = 200, description = "Proposed groups", body = ProposedList)))]
#[get("/letters/<slug>/proposed-groups")]
async fn list(app: &State<AppState>, who: ApiUser, slug: &str) -> Result<Json<ProposedList>> {
    let letter = letter_for(
        app,
        &who.0,
        slug,
        crate::db::entities::team_member::TeamRole::Editor,
        true,
    )
    .await?;
    let groups = proposals::list(&app.db, Some(letter.id)).await?;
    Ok(Json(ProposedList { groups }))
}

#[derive(Serialize, ToSchema)]
struct Accepted {
    slug: String,
    name: String,
    email_domains: Vec<String>,
    status: GroupStatus,
}

/// Accepts a proposed group (its name and domains may be changed on the way).
#[utoipa::path(post, path = "/letters/{slug}/groups/{group}/accept", tag = "organisers", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The letter's slug"),
        ("group" = String, Path, description = "The group's slug")),
    request_body = Option<Acceptance>,
    responses((status = 200, description = "The group, now listed", body = Accepted)))]
#[post("/letters/<slug>/groups/<group>/accept", data = "<data>")]
async fn accept(
    app: &State<AppState>,
    who: ApiUser,
    slug: &str,
    group: &str,
    data: std::result::Result<Json<Acceptance>, json::Error<'_>>,
) -> Result<Json<Accepted>> {
    let g = proposals::accept(app, &who.0, slug, group, optional_body(data)?).await?;
    Ok(Json(Accepted {
        email_domains: g.domains().into_iter().map(str::to_owned).collect(),
        slug: g.slug,
        name: g.name,
        status: g.status,
    }))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
struct Rejection {
    reason: Option<String>,
}

/// Rejects a proposed group; its signatures stay, in no group.
#[utoipa::path(post, path = "/letters/{slug}/groups/{group}/reject", tag = "organisers", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The letter's slug"),
        ("group" = String, Path, description = "The group's slug")),
    request_body = Option<Rejection>,
    responses((status = 200, description = "`rejected`", body = super::openapi::StatusBody)))]
#[post("/letters/<slug>/groups/<group>/reject", data = "<data>")]
async fn reject(
    app: &State<AppState>,
    who: ApiUser,
    slug: &str,
    group: &str,
    data: std::result::Result<Json<Rejection>, json::Error<'_>>,
) -> Result<Json<super::openapi::StatusBody>> {
    let r: Rejection = optional_body(data)?;
    proposals::reject(app, &who.0, slug, group, r.reason.as_deref()).await?;
    Ok(super::openapi::StatusBody::of("rejected"))
}

pub(super) fn routes() -> Vec<Route> {
    routes![list, accept, reject]
}

#[derive(OpenApi)]
#[openapi(paths(list, accept, reject))]
pub(super) struct Doc;
