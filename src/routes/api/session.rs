//! API sessions: bearer tokens from `POST /session`.

use std::net::IpAddr;

use rocket::serde::json::{self, json, Json, Value};
use rocket::{delete, post, routes, Route, State};
use serde::Deserialize;

use super::body::body;
use crate::app::accounts;
use crate::auth::{sessions, ApiUser};
use crate::db::entities::session::SessionKind;
use crate::error::{Error, Result};
use crate::state::AppState;

#[derive(Deserialize)]
struct Credentials {
    email: Option<String>,
    password: Option<String>,
}

#[post("/session", data = "<data>")]
async fn login(
    app: &State<AppState>,
    ip: IpAddr,
    data: std::result::Result<Json<Credentials>, json::Error<'_>>,
) -> Result<Json<Value>> {
    let c = body(data)?;
    let (token, user) = accounts::login(
        app,
        c.email.as_deref().unwrap_or(""),
        c.password.as_deref().unwrap_or(""),
        &ip.to_string(),
        SessionKind::Api,
    )
    .await
    .map_err(|e| match e {
        Error::Unauthorized => Error::BadCredentials,
        other => other,
    })?;
    Ok(Json(json!({ "token": token.as_str(), "role": user.role })))
}

#[delete("/session")]
async fn logout(app: &State<AppState>, who: ApiUser) -> Result<Json<Value>> {
    sessions::revoke(&app.db, who.0.session_id).await?;
    Ok(Json(json!({ "status": "ended" })))
}

pub(super) fn routes() -> Vec<Route> {
    routes![login, logout]
}
