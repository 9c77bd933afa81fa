//! Campaigns in the API: the public list and page (cached), and what their
//! organisers and the moderators do with them.

use rocket::http::Status;
use rocket::serde::json::{self, Json};
use rocket::{get, patch, post, routes, Either, Route, State};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use super::body::{body, optional_body};
use super::letters::cached_json;
use super::moderation::Reason;
use crate::app::campaigns::{self, CampaignInput, WinInput};
use crate::auth::{ApiModerator, ApiOrganiser, MaybeApiUser};
use crate::db::entities::campaign::{self, CampaignStatus};
use crate::error::{Error, Result};
use crate::read::cache::{IfNoneMatch, PublicResponse};
use crate::read::campaigns::{self as read, CampaignDetail, CampaignSummary, WinView};
use crate::state::AppState;

/// A campaign as its organisers and the moderators see it: every letter
/// (drafts too), what volunteers are sent, why it was sent back.
#[derive(Debug, Serialize, ToSchema)]
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

#[derive(Serialize, ToSchema)]
struct CampaignList {
    campaigns: Vec<CampaignSummary>,
}

/// Public campaigns, with their letters' counts added up.
#[utoipa::path(get, path = "/campaigns", tag = "campaigns",
    responses((status = 200, description = "The public campaigns", body = CampaignList)))]
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
            Ok(CampaignList {
                campaigns: home.campaigns,
            })
        },
    )
    .await
}

/// A public campaign to anyone; a draft only to its organisers and moderators.
#[utoipa::path(get, path = "/campaigns/{slug}", tag = "campaigns",
    params(("slug" = String, Path, description = "The campaign's slug")),
    security((), ("bearer" = [])),
    responses((status = 200, description = "The campaign (with `resources`, `rejection_reason` and every translation for its team)", body = CampaignDetail)))]
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
            Ok(detail)
        })
        .await?,
    ))
}

/// Drafts a campaign.
#[utoipa::path(post, path = "/campaigns", tag = "campaigns", security(("bearer" = [])),
    request_body = CampaignInput,
    responses((status = 201, description = "The draft", body = PrivateCampaign)))]
#[post("/campaigns", data = "<data>")]
async fn create(
    app: &State<AppState>,
    who: ApiOrganiser,
    data: std::result::Result<Json<CampaignInput>, json::Error<'_>>,
) -> Result<(Status, Json<PrivateCampaign>)> {
    let c = campaigns::create(app, &who.0, body(data)?).await?;
    Ok((Status::Created, private(app, c).await?))
}

/// Changes a campaign: any of its fields.
#[utoipa::path(patch, path = "/campaigns/{slug}", tag = "campaigns", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The campaign's slug")),
    request_body = CampaignInput,
    responses((status = 200, description = "The campaign", body = PrivateCampaign)))]
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

/// Sends a draft campaign to the moderators.
#[utoipa::path(post, path = "/campaigns/{slug}/submit", tag = "campaigns", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The campaign's slug")),
    responses((status = 200, description = "The campaign, `in_review`", body = PrivateCampaign)))]
#[post("/campaigns/<slug>/submit")]
async fn submit(
    app: &State<AppState>,
    who: ApiOrganiser,
    slug: &str,
) -> Result<Json<PrivateCampaign>> {
    let c = campaigns::submit(app, &who.0, slug).await?;
    private(app, c).await
}

/// Closes a campaign: it takes no more volunteers.
#[utoipa::path(post, path = "/campaigns/{slug}/close", tag = "campaigns", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The campaign's slug")),
    responses((status = 200, description = "The campaign, `closed`", body = PrivateCampaign)))]
#[post("/campaigns/<slug>/close")]
async fn close(
    app: &State<AppState>,
    who: ApiOrganiser,
    slug: &str,
) -> Result<Json<PrivateCampaign>> {
    let c = campaigns::close(app, &who.0, slug).await?;
    private(app, c).await
}

/// Adds a win to the campaign's timeline.
#[utoipa::path(post, path = "/campaigns/{slug}/timeline", tag = "campaigns", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The campaign's slug")),
    request_body = WinInput,
    responses((status = 201, description = "The win", body = WinView)))]
#[post("/campaigns/<slug>/timeline", data = "<data>")]
async fn add_win(
    app: &State<AppState>,
    who: ApiOrganiser,
    slug: &str,
    data: std::result::Result<Json<WinInput>, json::Error<'_>>,
) -> Result<(Status, Json<WinView>)> {
    let win = campaigns::add_win(app, &who.0, slug, body(data)?).await?;
    Ok((Status::Created, Json(WinView::from(win))))
}

#[derive(Serialize, ToSchema)]
struct CampaignInReview {
    slug: String,
    title: String,
    summary: String,
    status: CampaignStatus,
}

#[derive(Serialize, ToSchema)]
struct CampaignsInReview {
    campaigns: Vec<CampaignInReview>,
}

/// Campaigns waiting for a moderator, oldest first.
#[utoipa::path(get, path = "/moderation/campaigns", tag = "moderation", security(("bearer" = [])),
    responses((status = 200, description = "Campaigns in review", body = CampaignsInReview)))]
#[get("/moderation/campaigns")]
async fn in_review(app: &State<AppState>, _who: ApiModerator) -> Result<Json<CampaignsInReview>> {
    let campaigns = campaigns::in_review(app)
        .await?
        .into_iter()
        .map(|c| CampaignInReview {
            slug: c.slug,
            title: c.title,
            summary: c.summary,
            status: c.status,
        })
        .collect();
    Ok(Json(CampaignsInReview { campaigns }))
}

/// A campaign's status after a moderator's decision.
#[derive(Serialize, ToSchema)]
struct CampaignDecision {
    slug: String,
    status: CampaignStatus,
    /// Why it was sent back.
    reason: Option<String>,
}

fn status_of(c: campaign::Model) -> Json<CampaignDecision> {
    Json(CampaignDecision {
        slug: c.slug,
        status: c.status,
        reason: c.rejection_reason,
    })
}

/// Publishes a campaign in review.
#[utoipa::path(post, path = "/moderation/campaigns/{slug}/publish", tag = "moderation", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The campaign's slug")),
    responses((status = 200, description = "`published`", body = CampaignDecision)))]
#[post("/moderation/campaigns/<slug>/publish")]
async fn publish(
    app: &State<AppState>,
    who: ApiModerator,
    slug: &str,
) -> Result<Json<CampaignDecision>> {
    let c = campaigns::publish(app, &who.0, slug).await?;
    Ok(status_of(c))
}

/// Sends a campaign in review back to its organisers, with a reason.
#[utoipa::path(post, path = "/moderation/campaigns/{slug}/reject", tag = "moderation", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The campaign's slug")),
    request_body = Option<Reason>,
    responses((status = 200, description = "`rejected`", body = CampaignDecision)))]
#[post("/moderation/campaigns/<slug>/reject", data = "<data>")]
async fn reject(
    app: &State<AppState>,
    who: ApiModerator,
    slug: &str,
    data: std::result::Result<Json<Reason>, json::Error<'_>>,
) -> Result<Json<CampaignDecision>> {
    let r = optional_body(data)?;
    let c = campaigns::reject(app, &who.0, slug, r.reason.as_deref()).await?;
    Ok(status_of(c))
}

pub(super) fn routes() -> Vec<Route> {
    routes![list, show, create, update, submit, close, add_win, in_review, publish, reject]
}

#[derive(OpenApi)]
#[openapi(paths(
    list, show, create, update, submit, close, add_win, in_review, publish, reject
))]
pub(super) struct Doc;
