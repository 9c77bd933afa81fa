//! Organisers' API: drafting, submitting, closing and exporting their letters.

use rocket::http::{ContentType, Header, Status};
use rocket::serde::json::{self, Json};
use rocket::{get, patch, post, routes, Responder, Route, State};

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

#[post("/letters", data = "<data>")]
async fn create(
    app: &State<AppState>,
    who: ApiOrganiser,
    data: std::result::Result<Json<LetterInput>, json::Error<'_>>,
) -> Result<(Status, Json<LetterDetail>)> {
    let letter = organising::create(app, &who.0, body(data)?).await?;
    Ok((Status::Created, detail(app, letter).await?))
}

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

#[post("/letters/<slug>/submit")]
async fn submit(
    app: &State<AppState>,
    who: ApiOrganiser,
    slug: &str,
) -> Result<Json<LetterDetail>> {
    let letter = organising::submit(app, &who.0, slug).await?;
    detail(app, letter).await
}

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

#[get("/letters/<slug>/export.csv")]
async fn export(app: &State<AppState>, who: ApiOrganiser, slug: &str) -> Result<CsvDownload> {
    let (slug, bytes) = organising::export_csv(app, &who.0, slug).await?;
    Ok(CsvDownload::new(&format!("{slug}-export.csv"), bytes))
}

pub(crate) fn routes() -> Vec<Route> {
    routes![create, update, submit, close, export]
}
