//! Reading letters and their public lists.

use rocket::serde::json::{json, Json, Value};
use rocket::{get, routes, Route, State};

use crate::auth::MaybeApiUser;
use crate::db::letters;
use crate::error::{Error, Result};
use crate::state::AppState;
use crate::views::{self, LetterDetail, Paging};

#[get("/letters")]
async fn list(app: &State<AppState>) -> Result<Json<Value>> {
    let letters = views::letter_summaries(&app.db).await?;
    Ok(Json(json!({ "letters": letters })))
}

/// Public letters to anyone; a draft only to its organiser and to moderators.
#[get("/letters/<slug>")]
async fn show(app: &State<AppState>, who: MaybeApiUser, slug: &str) -> Result<Json<LetterDetail>> {
    let letter = letters::find_by_slug(&app.db, slug)
        .await?
        .ok_or(Error::NotFound)?;
    let visible = letter.status.is_public()
        || who
            .0
            .as_ref()
            .is_some_and(|w| w.is_moderator() || letter.organiser_id == Some(w.user.id));
    if !visible {
        return Err(Error::NotFound);
    }
    let groups = letters::groups(&app.db, letter.id).await?;
    Ok(Json(views::letter_detail(&app.db, letter, &groups).await?))
}

#[get("/letters/<slug>/signatures?<page>&<per_page>&<group>")]
async fn signatures(
    app: &State<AppState>,
    slug: &str,
    page: Option<u64>,
    per_page: Option<u64>,
    group: Option<&str>,
) -> Result<Json<Value>> {
    let paging = Paging::parse(page, per_page)?;
    let letter = letters::public_by_slug(&app.db, slug).await?;
    let groups = letters::groups(&app.db, letter.id).await?;
    let group_id = views::group_filter(&groups, group)?;
    let (total, signatures) =
        views::signature_page(&app.db, letter.id, &groups, group_id, paging).await?;
    Ok(Json(json!({
        "total": total,
        "page": paging.page,
        "per_page": paging.per_page,
        "signatures": signatures,
    })))
}

pub fn routes() -> Vec<Route> {
    routes![list, show, signatures]
}
