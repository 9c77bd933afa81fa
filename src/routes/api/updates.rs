//! Updates: organisers write them, moderators publish or reject them,
//! everyone reads the published ones.

use rocket::http::Status;
use rocket::serde::json::{self, json, Json, Value};
use rocket::{get, post, routes, Route, State};

use super::body::{body, optional_body};
use super::letters::cached_json;
use super::moderation::Reason;
use crate::app::updates::{self, UpdateInput};
use crate::auth::{ApiModerator, ApiOrganiser};
use crate::db::letters;
use crate::db::outbox::UpdateMail;
use crate::error::{Error, Result};
use crate::read::cache::{IfNoneMatch, PublicResponse};
use crate::read::updates::{PublicUpdate, UpdateStatusView};
use crate::state::AppState;

#[post("/letters/<slug>/updates", data = "<data>")]
async fn write(
    app: &State<AppState>,
    who: ApiOrganiser,
    slug: &str,
    data: std::result::Result<Json<UpdateInput>, json::Error<'_>>,
) -> Result<(Status, Json<UpdateStatusView>)> {
    let update = updates::write(app, &who.0, slug, body(data)?).await?;
    Ok((
        Status::Created,
        Json(UpdateStatusView::new(&update, UpdateMail::default())),
    ))
}

/// A letter's published updates, newest first.
#[get("/letters/<slug>/updates")]
async fn published(
    app: &State<AppState>,
    inm: IfNoneMatch,
    slug: &str,
    reader: crate::routes::nav::Lang,
) -> Result<PublicResponse> {
    let lang = reader.0;
    let key = format!("api:updates:{lang}:{slug}");
    cached_json(&app.public_cache, key, inm, || async {
        let letter = letters::public_by_slug(&app.db, slug).await?;
        let list: Vec<PublicUpdate> =
            crate::read::updates::published(&app.db, letter.id, &lang).await?;
        Ok(json!({ "updates": list }))
    })
    .await
}

/// One update with its status and how its mail stands (its organiser, moderators).
#[get("/letters/<slug>/updates/<id>")]
async fn one(
    app: &State<AppState>,
    who: ApiOrganiser,
    slug: &str,
    id: i64,
) -> Result<Json<UpdateStatusView>> {
    let (update, mail) = updates::for_organiser(app, &who.0, slug, id).await?;
    Ok(Json(UpdateStatusView::new(&update, mail)))
}

/// Updates waiting for a moderator, oldest first.
#[get("/moderation/updates")]
async fn in_review(app: &State<AppState>, _who: ApiModerator) -> Result<Json<Value>> {
    let list: Vec<Value> = updates::in_review(app)
        .await?
        .into_iter()
        .map(|r| {
            json!({
                "letter": r.letter.slug,
                "update": UpdateStatusView::new(&r.update, UpdateMail::default()),
            })
        })
        .collect();
    Ok(Json(json!({ "updates": list })))
}

#[post("/moderation/updates/<id>/<decision>", data = "<data>")]
async fn decide(
    app: &State<AppState>,
    who: ApiModerator,
    id: i64,
    decision: &str,
    data: std::result::Result<Json<Reason>, json::Error<'_>>,
) -> Result<Json<Value>> {
    match decision {
        "publish" => {
            let (u, recipients) = updates::publish(app, &who.0, id).await?;
            Ok(Json(
                json!({ "id": u.id, "status": u.status, "recipients": recipients }),
            ))
        }
        "reject" => {
            let r: Reason = optional_body(data)?;
            let u = updates::reject(app, &who.0, id, r.reason.as_deref()).await?;
            Ok(Json(
                json!({ "id": u.id, "status": u.status, "reason": u.rejection_reason }),
            ))
        }
        _ => Err(Error::NotFound),
    }
}

pub(super) fn routes() -> Vec<Route> {
    routes![write, published, one, in_review, decide]
}
