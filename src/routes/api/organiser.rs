//! Organisers' API: drafting, submitting, closing and exporting their letters.

use rocket::http::{ContentType, Header, Status};
use rocket::serde::json::{self, Json};
use rocket::{get, patch, post, routes, Responder, Route, State};
use utoipa::OpenApi;

use super::body::body;
use crate::app::organising::{self, LetterInput};
use crate::auth::ApiOrganiser;
use crate::db::letters;
use crate::error::Result;
use crate::read::views::{self, LetterDetail};
use crate::state::AppState;

async fn detail(
    app: &AppState,
    letter: crate::db::entities::letter::Model,
) -> Result<Json<LetterDetail>> {
    let groups = letters::groups(&app.db, letter.id).await?;
    Ok(Json(views::private_detail(&app.db, letter, &groups).await?))
}

/// Drafts a letter.
#[utoipa::path(post, path = "/letters", tag = "organisers", security(("bearer" = [])),
    request_body = LetterInput,
    responses((status = 201, description = "The draft", body = LetterDetail)))]
#[post("/letters", data = "<data>")]
async fn create(
    app: &State<AppState>,
    who: ApiOrganiser,
    data: std::result::Result<Json<LetterInput>, json::Error<'_>>,
) -> Result<(Status, Json<LetterDetail>)> {
    let letter = organising::create(app, &who.0, body(data)?).await?;
    Ok((Status::Created, detail(app, letter).await?))
}

/// Changes a draft (or a rejected letter): any of the fields.
#[utoipa::path(patch, path = "/letters/{slug}", tag = "organisers", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The letter's slug")),
    request_body = LetterInput,
    responses((status = 200, description = "The letter", body = LetterDetail)))]
#[patch("/letters/<slug>", data = "<data>")]
async fn update(
    app: &State<AppState>,
    who: ApiOrganiser,
    slug: &str,
    data: std::result::Result<Json<LetterInput>, json::Error<'_>>,
) -> Result<Json<LetterDetail>> {
    let letter = organising::update(app, &who.0, slug, body(data)?).await?;
    detail(app, letter).await
}

/// Sends a draft to the moderators.
#[utoipa::path(post, path = "/letters/{slug}/submit", tag = "organisers", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The letter's slug")),
    responses((status = 200, description = "The letter, `in_review`", body = LetterDetail)))]
#[post("/letters/<slug>/submit")]
async fn submit(
    app: &State<AppState>,
    who: ApiOrganiser,
    slug: &str,
) -> Result<Json<LetterDetail>> {
    let letter = organising::submit(app, &who.0, slug).await?;
    detail(app, letter).await
}

/// Closes a letter: it keeps its list and takes no more signatures.
#[utoipa::path(post, path = "/letters/{slug}/close", tag = "organisers", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The letter's slug")),
    responses((status = 200, description = "The letter, `closed`", body = LetterDetail)))]
#[post("/letters/<slug>/close")]
async fn close(app: &State<AppState>, who: ApiOrganiser, slug: &str) -> Result<Json<LetterDetail>> {
    let letter = organising::close(app, &who.0, slug).await?;
    detail(app, letter).await
}

/// A CSV download.
#[derive(Responder)]
pub(crate) struct CsvDownload {
    body: Vec<u8>,
    content_type: ContentType,
    disposition: Header<'static>,
}

impl CsvDownload {
    pub(crate) fn new(filename: &str, body: Vec<u8>) -> CsvDownload {
        CsvDownload {
            body,
            content_type: ContentType::CSV,
            disposition: Header::new(
                "Content-Disposition",
                format!("attachment; filename=\"{filename}\""),
            ),
        }
    }
}

/// The confirmed signatures as CSV: an address only where its signer
/// consented to the organisers' mail and is not anonymous.
#[utoipa::path(get, path = "/letters/{slug}/export.csv", tag = "organisers", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The letter's slug")),
    responses((status = 200, description = "The signatures", content_type = "text/csv", body = String)))]
#[get("/letters/<slug>/export.csv")]
async fn export(app: &State<AppState>, who: ApiOrganiser, slug: &str) -> Result<CsvDownload> {
    let (slug, bytes) = organising::export_csv(app, &who.0, slug).await?;
    Ok(CsvDownload::new(&format!("{slug}-export.csv"), bytes))
}

pub(crate) fn routes() -> Vec<Route> {
    routes![create, update, submit, close, export]
}

#[derive(OpenApi)]
#[openapi(paths(create, update, submit, close, export))]
pub(super) struct Doc;
