//! Signatures on paper in HTML: the form organisers and group leads record a
//! batch with, and a moderator's button to remove one.

use rocket::form::FromForm;
use rocket::response::Redirect;
use rocket::{post, routes, Route, State};

use super::moderator::ReasonForm;
use super::page::PageResult;
use crate::app::paper::{self, PaperInput};
use crate::auth::{CsrfForm, Moderator, Organiser};
use crate::state::AppState;

/// A batch as typed: the names one per line.
#[derive(Debug, FromForm)]
struct PaperForm {
    #[field(default = String::new())]
    group: String,
    #[field(default = String::new())]
    count: String,
    #[field(default = String::new())]
    collected_on: String,
    #[field(default = String::new())]
    place: String,
    #[field(default = String::new())]
    names: String,
    /// The organiser's page the form was on, to go back to.
    #[field(default = String::new())]
    back: String,
}

#[post("/organiser/letters/<slug>/paper", data = "<form>")]
async fn record(
    app: &State<AppState>,
    who: Organiser,
    slug: &str,
    form: CsrfForm<PaperForm>,
) -> PageResult<Redirect> {
    let f = form.0;
    let count = match f.count.trim() {
        "" => None,
        // Not a number: refused as no count at all.
        n => Some(n.parse::<i64>().unwrap_or(0)),
    };
    let input = PaperInput {
        group: Some(f.group),
        count,
        collected_on: Some(f.collected_on),
        place: Some(f.place),
        names: Some(f.names.lines().map(str::to_owned).collect()),
    };
    paper::record(app, &who.0, slug, input).await?;
    let back = if f.back.starts_with("/organiser/letters/") && !f.back.contains("//") {
        f.back
    } else {
        format!("/organiser/letters/{slug}")
    };
    Ok(Redirect::to(format!("{back}#paper")))
}

#[post("/moderation/paper/<id>/remove", data = "<form>")]
async fn remove(
    app: &State<AppState>,
    who: Moderator,
    id: i64,
    form: CsrfForm<ReasonForm>,
) -> PageResult<Redirect> {
    let letter = paper::remove(app, &who.0, id, Some(&form.0.reason)).await?;
    Ok(Redirect::to(format!(
        "/moderation/letters/{}#paper",
        letter.slug
    )))
}

pub(crate) fn routes() -> Vec<Route> {
    routes![record, remove]
}
