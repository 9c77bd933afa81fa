//! Proposed groups, for a letter's organiser and for moderators.

use rocket::serde::json::{self, json, Json, Value};
use rocket::{get, post, routes, Route, State};
use serde::Deserialize;

use super::body::optional_body;
use crate::app::organising::letter_for;
use crate::app::proposals::{self, Acceptance};
use crate::auth::ApiUser;
use crate::error::Result;
use crate::state::AppState;

#[get("/letters/<slug>/proposed-groups")]
async fn list(app: &State<AppState>, who: ApiUser, slug: &str) -> Result<Json<Value>> {
    let letter = letter_for(
        app,
        &who.0,
        slug,
        crate::db::entities::team_member::TeamRole::Editor,
        true,
    )
    .await?;
    let groups = proposals::list(&app.db, Some(letter.id)).await?;
    Ok(Json(json!({ "groups": groups })))
}

#[post("/letters/<slug>/groups/<group>/accept", data = "<data>")]
async fn accept(
    app: &State<AppState>,
    who: ApiUser,
    slug: &str,
    group: &str,
    data: std::result::Result<Json<Acceptance>, json::Error<'_>>,
) -> Result<Json<Value>> {
    let g = proposals::accept(app, &who.0, slug, group, optional_body(data)?).await?;
    Ok(Json(json!({
        "slug": g.slug,
        "name": g.name,
        "email_domains": g.domains(),
        "status": g.status,
    })))
}

#[derive(Debug, Default, Deserialize)]
struct Rejection {
    reason: Option<String>,
}

#[post("/letters/<slug>/groups/<group>/reject", data = "<data>")]
async fn reject(
    app: &State<AppState>,
    who: ApiUser,
    slug: &str,
    group: &str,
    data: std::result::Result<Json<Rejection>, json::Error<'_>>,
) -> Result<Json<Value>> {
    let r: Rejection = optional_body(data)?;
    proposals::reject(app, &who.0, slug, group, r.reason.as_deref()).await?;
    Ok(Json(json!({ "status": "rejected" })))
}

pub(super) fn routes() -> Vec<Route> {
    routes![list, accept, reject]
}
