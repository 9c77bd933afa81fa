//! Teams in the API: owners invite, change roles and remove; members list
//! the team and may leave.

use rocket::http::Status;
use rocket::serde::json::{self, Json};
use rocket::{delete, get, patch, post, routes, Route, State};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use super::body::body;
use super::openapi::OwnerPath;
use crate::app::teams::{self, InviteInput, MemberView, TeamOf};
use crate::auth::ApiOrganiser;
use crate::error::{Error, Result};
use crate::state::AppState;

/// `letters` or `campaigns` in the path, with the slug.
pub(super) fn team_of<'a>(kind: &str, slug: &'a str) -> Result<TeamOf<'a>> {
    match kind {
        "letters" => Ok(TeamOf::Letter(slug)),
        "campaigns" => Ok(TeamOf::Campaign(slug)),
        _ => Err(Error::NotFound),
    }
}

/// Invites someone to the team, with a role; they get a link by email.
#[utoipa::path(post, path = "/{kind}/{slug}/team", tag = "teams", security(("bearer" = [])),
    params(OwnerPath),
    request_body = InviteInput,
    responses((status = 201, description = "The invitation", body = MemberView)))]
#[post("/<kind>/<slug>/team", data = "<data>")]
async fn invite(
    app: &State<AppState>,
    who: ApiOrganiser,
    kind: &str,
    slug: &str,
    data: std::result::Result<Json<InviteInput>, json::Error<'_>>,
) -> Result<(Status, Json<MemberView>)> {
    let of = team_of(kind, slug)?;
    let member = teams::invite(app, &who.0, of, body(data)?).await?;
    Ok((Status::Created, Json(member)))
}

#[derive(Serialize, ToSchema)]
struct MemberList {
    members: Vec<MemberView>,
}

/// The team: members and open invitations.
#[utoipa::path(get, path = "/{kind}/{slug}/team", tag = "teams", security(("bearer" = [])),
    params(OwnerPath),
    responses((status = 200, description = "The team", body = MemberList)))]
#[get("/<kind>/<slug>/team")]
async fn list(
    app: &State<AppState>,
    who: ApiOrganiser,
    kind: &str,
    slug: &str,
) -> Result<Json<MemberList>> {
    let members = teams::members(app, &who.0, team_of(kind, slug)?).await?;
    Ok(Json(MemberList { members }))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct RoleInput {
    role: Option<String>,
}

/// Changes a member's role (`owner`, `editor`, `viewer`).
#[utoipa::path(patch, path = "/{kind}/{slug}/team/{id}", tag = "teams", security(("bearer" = [])),
    params(OwnerPath,
        ("id" = i64, Path, description = "The member's id")),
    request_body = RoleInput,
    responses((status = 200, description = "The member", body = MemberView)))]
#[patch("/<kind>/<slug>/team/<id>", data = "<data>")]
async fn change_role(
    app: &State<AppState>,
    who: ApiOrganiser,
    kind: &str,
    slug: &str,
    id: i64,
    data: std::result::Result<Json<RoleInput>, json::Error<'_>>,
) -> Result<Json<MemberView>> {
    let input = body(data)?;
    let of = team_of(kind, slug)?;
    Ok(Json(
        teams::change_role(app, &who.0, of, id, input.role.as_deref()).await?,
    ))
}

/// Removes a member (an owner), or leaves (a member, with their own id).
#[utoipa::path(delete, path = "/{kind}/{slug}/team/{id}", tag = "teams", security(("bearer" = [])),
    params(OwnerPath,
        ("id" = i64, Path, description = "The member's id")),
    responses((status = 204, description = "Removed")))]
#[delete("/<kind>/<slug>/team/<id>")]
async fn remove(
    app: &State<AppState>,
    who: ApiOrganiser,
    kind: &str,
    slug: &str,
    id: i64,
) -> Result<Status> {
    teams::remove(app, &who.0, team_of(kind, slug)?, id).await?;
    Ok(Status::NoContent)
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct LeadInput {
    email: Option<String>,
}

/// Names a lead of one group of a letter (its editors and owners).
#[utoipa::path(post, path = "/letters/{slug}/groups/{group}/leads", tag = "teams", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The letter's slug"),
        ("group" = String, Path, description = "The group's slug")),
    request_body = LeadInput,
    responses((status = 201, description = "The lead's invitation", body = MemberView)))]
#[post("/letters/<slug>/groups/<group>/leads", data = "<data>")]
async fn invite_lead(
    app: &State<AppState>,
    who: ApiOrganiser,
    slug: &str,
    group: &str,
    data: std::result::Result<Json<LeadInput>, json::Error<'_>>,
) -> Result<(Status, Json<MemberView>)> {
    let input = body(data)?;
    let member = teams::invite_lead(app, &who.0, (slug, group), input.email.as_deref()).await?;
    Ok((Status::Created, Json(member)))
}

pub(super) fn routes() -> Vec<Route> {
    routes![invite, list, change_role, remove, invite_lead]
}

#[derive(OpenApi)]
#[openapi(paths(invite, list, change_role, remove, invite_lead))]
pub(super) struct Doc;
