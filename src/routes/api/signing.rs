//! Signing, confirming and withdrawing through the API.

use rocket::http::Status;
use rocket::serde::json::{self, Json};
use rocket::{post, routes, Route, State};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use super::body::{body, token_of, TokenBody};
use super::openapi::StatusBody;
use crate::app::signing::{self, Confirmed, Receipt, SignQueue, SignatureInput};
use crate::error::Result;
use crate::state::AppState;

/// Signs a letter: a confirmation link goes to the address. The answer is
/// the same for an address that has signed before or is blocked.
#[utoipa::path(post, path = "/letters/{slug}/signatures", tag = "signing",
    params(("slug" = String, Path, description = "The letter's slug")),
    request_body = SignatureInput,
    responses((status = 202, description = "`check_your_email`", body = StatusBody)))]
#[post("/letters/<slug>/signatures", data = "<data>")]
async fn sign(
    app: &State<AppState>,
    queue: &State<SignQueue>,
    ip: Option<std::net::IpAddr>,
    lang: crate::routes::nav::Lang,
    slug: &str,
    data: std::result::Result<Json<SignatureInput>, json::Error<'_>>,
) -> Result<(Status, Json<StatusBody>)> {
    app.limiter.sign(ip, slug).await?;
    let mut input = body(data)?;
    // The signer's mail is written in the language they asked for.
    input.language = Some(lang.0);
    let new = input.validate()?;
    signing::sign(app, queue, slug, new).await?;
    Ok((Status::Accepted, StatusBody::of("check_your_email")))
}

#[derive(Serialize, ToSchema)]
struct ConfirmedBody {
    status: Confirmed,
    /// What the signer keeps to find their entry in the letter's log.
    receipt: Receipt,
}

/// Confirms a signature with the token of its emailed link.
#[utoipa::path(post, path = "/confirm", tag = "signing",
    request_body = TokenBody,
    responses((status = 200, description = "Confirmed, or waiting for a moderator", body = ConfirmedBody)))]
#[post("/confirm", data = "<data>")]
async fn confirm(
    app: &State<AppState>,
    queue: &State<SignQueue>,
    data: std::result::Result<Json<TokenBody>, json::Error<'_>>,
) -> Result<Json<ConfirmedBody>> {
    let (status, _, receipt) = signing::confirm(app, queue, &token_of(data)?).await?;
    Ok(Json(ConfirmedBody { status, receipt }))
}

/// Withdraws a signature with the token of its emailed withdrawal link.
#[utoipa::path(post, path = "/withdraw", tag = "signing",
    request_body = TokenBody,
    responses((status = 200, description = "`withdrawn`", body = StatusBody)))]
#[post("/withdraw", data = "<data>")]
async fn withdraw(
    app: &State<AppState>,
    data: std::result::Result<Json<TokenBody>, json::Error<'_>>,
) -> Result<Json<StatusBody>> {
    signing::withdraw(app, &token_of(data)?).await?;
    Ok(StatusBody::of("withdrawn"))
}

pub(super) fn routes() -> Vec<Route> {
    routes![sign, confirm, withdraw]
}

#[derive(OpenApi)]
#[openapi(paths(sign, confirm, withdraw))]
pub(super) struct Doc;
