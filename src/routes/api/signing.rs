//! Signing, confirming and withdrawing through the API.

use rocket::http::Status;
use rocket::serde::json::{self, json, Json, Value};
use rocket::{post, routes, Route, State};

use super::body::{body, token_of, TokenBody};
use crate::app::signing::{self, SignQueue, SignatureInput};
use crate::error::Result;
use crate::state::AppState;

#[post("/letters/<slug>/signatures", data = "<data>")]
async fn sign(
    app: &State<AppState>,
    queue: &State<SignQueue>,
    ip: Option<std::net::IpAddr>,
    lang: crate::routes::nav::Lang,
    slug: &str,
    data: std::result::Result<Json<SignatureInput>, json::Error<'_>>,
) -> Result<(Status, Json<Value>)> {
    app.limiter.sign(ip, slug).await?;
    let mut input = body(data)?;
    // The signer's mail is written in the language they asked for.
    input.language = Some(lang.0);
    let new = input.validate()?;
    signing::sign(app, queue, slug, new).await?;
    Ok((
        Status::Accepted,
        Json(json!({ "status": "check_your_email" })),
    ))
}

#[post("/confirm", data = "<data>")]
async fn confirm(
    app: &State<AppState>,
    queue: &State<SignQueue>,
    data: std::result::Result<Json<TokenBody>, json::Error<'_>>,
) -> Result<Json<Value>> {
    let (outcome, _, receipt) = signing::confirm(app, queue, &token_of(data)?).await?;
    Ok(Json(json!({ "status": outcome, "receipt": receipt })))
}

#[post("/withdraw", data = "<data>")]
async fn withdraw(
    app: &State<AppState>,
    data: std::result::Result<Json<TokenBody>, json::Error<'_>>,
) -> Result<Json<Value>> {
    signing::withdraw(app, &token_of(data)?).await?;
    Ok(Json(json!({ "status": "withdrawn" })))
}

pub(super) fn routes() -> Vec<Route> {
    routes![sign, confirm, withdraw]
}
