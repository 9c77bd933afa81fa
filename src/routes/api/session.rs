//! API sessions: bearer tokens from `POST /session`.

use std::net::IpAddr;

use rocket::serde::json::{self, Json};
use rocket::{delete, post, routes, Route, State};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use super::body::body;
use super::openapi::StatusBody;
use crate::app::accounts;
use crate::auth::{sessions, ApiUser};
use crate::db::entities::session::SessionKind;
use crate::error::{Error, Result};
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
struct Credentials {
    email: Option<String>,
    password: Option<String>,
}

#[derive(Serialize, ToSchema)]
struct SessionBody {
    /// Send it as `Authorization: Bearer <token>`.
    token: String,
    role: crate::db::entities::user::Role,
}

/// Logs in: a bearer token for the calls that need an account.
#[utoipa::path(post, path = "/session", tag = "session",
    request_body = Credentials,
    responses((status = 200, description = "A new token", body = SessionBody),
        (status = 401, description = "That email and password don't match an account.", body = super::openapi::ApiError)))]
#[post("/session", data = "<data>")]
async fn login(
    app: &State<AppState>,
    ip: IpAddr,
    data: std::result::Result<Json<Credentials>, json::Error<'_>>,
) -> Result<Json<SessionBody>> {
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
    Ok(Json(SessionBody {
        token: token.as_str().to_owned(),
        role: user.role,
    }))
}

/// Ends the session of the token sent.
#[utoipa::path(delete, path = "/session", tag = "session",
    security(("bearer" = [])),
    responses((status = 200, description = "`ended`", body = StatusBody)))]
#[delete("/session")]
async fn logout(app: &State<AppState>, who: ApiUser) -> Result<Json<StatusBody>> {
    sessions::revoke(&app.db, who.0.session_id).await?;
    Ok(StatusBody::of("ended"))
}

pub(super) fn routes() -> Vec<Route> {
    routes![login, logout]
}

#[derive(OpenApi)]
#[openapi(paths(login, logout))]
pub(super) struct Doc;
