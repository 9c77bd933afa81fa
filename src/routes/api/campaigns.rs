//! Campaigns in the API: the public list and page (cached), and what their
//! organisers and the moderators do with them.

use rocket::http::Status;
use rocket::serde::json::{self, json, Json, Value};
use rocket::{get, patch, post, routes, Either, Route, State};
use serde::Serialize;

use super::body::{body, optional_body};
use super::letters::cached_json;
use super::moderation::Reason;
use crate::app::campaigns::{self, CampaignInput, WinInput};
use crate::auth::{ApiModerator, ApiOrganiser, MaybeApiUser};
use crate::db::entities::campaign;
use crate::error::{Error, Result};
use crate::read::cache::{IfNoneMatch, PublicResponse};
use crate::read::campaigns::{self as read, CampaignDetail};
use crate::state::AppState;

/// A campaign as its organisers and the moderators see it: every letter
/// (drafts too), what volunteers are sent, why it was sent back.
#[derive(Debug, Serialize)]
struct PrivateCampaign {
    #[serde(flatten)]
    detail: CampaignDetail,
    resources: String,
    rejection_reason: Option<String>,
}

async fn private(app: &AppState, c: campaign::Model) -> Result<Json<PrivateCampaign>> {
    let fronts = crate::db::campaigns::letters(&app.db, c.id, false).await?;
    let resources = c.resources.clone();
    let rejection_reason = c.rejection_reason.clone();
    Ok(Json(PrivateCampaign {
        detail: read::detail(&app.db, c, fronts).await?.with_translations(),
        resources,
        rejection_reason,
    }))
}

#[get("/campaigns")]
async fn list(
    app: &State<AppState>,
    inm: IfNoneMatch,
    reader: crate::routes::nav::Lang,
) -> Result<PublicResponse> {
    let lang = reader.0;
    cached_json(
        &app.public_cache,
        format!("api:campaigns:{lang}"),
        inm,
        || async {
            let home = read::home(&app.db, &lang).await?;
            Ok(json!({ "campaigns": home.campaigns }))
        },
    )
    .await
}

/// A public campaign to anyone; a draft only to its organisers and moderators.
#[get("/campaigns/<slug>")]
async fn show(
    app: &State<AppState>,
    who: MaybeApiUser,
    slug: &str,
    inm: IfNoneMatch,
    reader: crate::routes::nav::Lang,
) -> Result<Either<PublicResponse, Json<PrivateCampaign>>> {
    if let Some(who) = who.0 {
        match campaigns::campaign_for(
            app,
            &who,
            slug,
            crate::db::entities::team_member::TeamRole::Viewer,
            true,
        )
        .await
        {
            Ok(c) => return Ok(Either::Right(private(app, c).await?)),
            Err(Error::Forbidden) => {}
            Err(e) => return Err(e),
        }
    }
    let lang = reader.0;
    let key = format!("api:campaign:{lang}:{slug}");
    Ok(Either::Left(
        cached_json(&app.public_cache, key, inm, || async {
            let c = crate::db::campaigns::public_by_slug(&app.db, slug).await?;
            let fronts = crate::db::campaigns::letters(&app.db, c.id, true).await?;
            let detail = read::detail(&app.db, c, fronts).await?.in_language(&lang);
            serde_json::to_value(detail).map_err(|e| Error::Internal(format!("json: {e}")))
        })
        .await?,
    ))
}

#[post("/campaigns", data = "<data>")]
async fn create(
    app: &State<AppState>,
    who: ApiOrganiser,
    data: std::result::Result<Json<CampaignInput>, json::Error<'_>>,
) -> Result<(Status, Json<PrivateCampaign>)> {
    let c = campaigns::create(app, &who.0, body(data)?).await?;
    Ok((Status::Created, private(app, c).await?))
}

#[patch("/campaigns/<slug>", data = "<data>")]
async fn update(
    app: &State<AppState>,
    who: ApiOrganiser,
    slug: &str,
    data: std::result::Result<Json<CampaignInput>, json::Error<'_>>,
) -> Result<Json<PrivateCampaign>> {
    let c = campaigns::update(app, &who.0, slug, body(data)?).await?;
    private(app, c).await
}

#[post("/campaigns/<slug>/submit")]
async fn submit(
    app: &State<AppState>,
    who: ApiOrganiser,
    slug: &str,
) -> Result<Json<PrivateCampaign>> {
    let c = campaigns::submit(app, &who.0, slug).await?;
    private(app, c).await
}

#[post("/campaigns/<slug>/close")]
async fn close(
    app: &State<AppState>,
    who: ApiOrganiser,
    slug: &str,
) -> Result<Json<PrivateCampaign>> {
    let c = campaigns::close(app, &who.0, slug).await?;
    private(app, c).await
}

#[post("/campaigns/<slug>/timeline", data = "<data>")]
async fn add_win(
    app: &State<AppState>,
    who: ApiOrganiser,
    slug: &str,
    data: std::result::Result<Json<WinInput>, json::Error<'_>>,
) -> Result<(Status, Json<Value>)> {
    let win = campaigns::add_win(app, &who.0, slug, body(data)?).await?;
    let view = read::WinView::from(win);
    Ok((
        Status::Created,
        Json(
            json!({ "date": view.date, "title": view.title, "body": view.body, "link": view.link }),
        ),
    ))
}

#[get("/moderation/campaigns")]
async fn in_review(app: &State<AppState>, _who: ApiModerator) -> Result<Json<Value>> {
    let list: Vec<Value> = campaigns::in_review(app)
        .await?
        .into_iter()
        .map(|c| json!({ "slug": c.slug, "title": c.title, "summary": c.summary, "status": c.status }))
        .collect();
    Ok(Json(json!({ "campaigns": list })))
}

fn status_of(c: &campaign::Model) -> Json<Value> {
    Json(json!({ "slug": c.slug, "status": c.status, "reason": c.rejection_reason }))
}

#[post("/moderation/campaigns/<slug>/publish")]
async fn publish(app: &State<AppState>, who: ApiModerator, slug: &str) -> Result<Json<Value>> {
    let c = campaigns::publish(app, &who.0, slug).await?;
    Ok(status_of(&c))
}

#[post("/moderation/campaigns/<slug>/reject", data = "<data>")]
async fn reject(
    app: &State<AppState>,
    who: ApiModerator,
    slug: &str,
    data: std::result::Result<Json<Reason>, json::Error<'_>>,
) -> Result<Json<Value>> {
    let r = optional_body(data)?;
    let c = campaigns::reject(app, &who.0, slug, r.reason.as_deref()).await?;
    Ok(status_of(&c))
}

pub(super) fn routes() -> Vec<Route> {
    routes![list, show, create, update, submit, close, add_win, in_review, publish, reject]
}
