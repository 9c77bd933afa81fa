//! Reading letters and their public lists. Public answers are built once per
//! cache interval for every reader, with an `ETag` (see `crate::read::cache`).

use rocket::http::ContentType;
use rocket::serde::json::Json;
use rocket::{get, routes, Either, Route, State};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use crate::auth::MaybeApiUser;
use crate::db::letters;
use crate::error::{Error, Result};
use crate::read::cache::{IfNoneMatch, PublicResponse};
use crate::read::history::{Bucket, Milestone};
use crate::read::views::{
    self, LetterDetail, LetterSummary, Paging, PublicReason, PublicSignature,
};
use crate::state::AppState;

/// A public JSON answer under `key`, from `cache` or from `make`.
pub(super) async fn cached_json<F, Fut, T>(
    cache: &crate::read::cache::PublicCache,
    key: String,
    inm: IfNoneMatch,
    make: F,
) -> Result<PublicResponse>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<T>>,
    T: Serialize,
{
    cache
        .respond(&key, ContentType::JSON, inm, || async {
            let v = make().await?;
            serde_json::to_string(&v).map_err(|e| Error::Internal(format!("json: {e}")))
        })
        .await
}

#[derive(Serialize, ToSchema)]
struct HistoryBody {
    letter: String,
    signature_count: i64,
    goal: Option<i64>,
    /// Always `UTC`: the hours and days are UTC's.
    timezone: &'static str,
    hourly: Vec<Bucket>,
    daily: Vec<Bucket>,
    milestones: Vec<Milestone>,
}

/// Signatures over time: per hour and per day (UTC) of confirmation, the
/// running total, and the milestones. Cached for `history_cache_secs`.
#[utoipa::path(get, path = "/letters/{slug}/history", tag = "letters",
    params(("slug" = String, Path, description = "The letter's slug")),
    responses((status = 200, description = "Signatures per hour and day", body = HistoryBody)))]
#[get("/letters/<slug>/history")]
async fn history(app: &State<AppState>, slug: &str, inm: IfNoneMatch) -> Result<PublicResponse> {
    let key = format!("api:history:{slug}");
    cached_json(&app.history_cache, key, inm, || async {
        let letter = letters::public_by_slug(&app.db, slug).await?;
        let h = crate::read::history::of_letter(&app.db, letter.id, letter.goal).await?;
        Ok(HistoryBody {
            letter: letter.slug,
            signature_count: h.total,
            goal: letter.goal,
            timezone: "UTC",
            hourly: h.hourly,
            daily: h.daily,
            milestones: h.milestones,
        })
    })
    .await
}

#[derive(Serialize, ToSchema)]
struct LetterList {
    letters: Vec<LetterSummary>,
}

/// Published and closed letters, newest first.
#[utoipa::path(get, path = "/letters", tag = "letters",
    responses((status = 200, description = "The public letters", body = LetterList)))]
#[get("/letters")]
async fn list(app: &State<AppState>, inm: IfNoneMatch) -> Result<PublicResponse> {
    cached_json(&app.public_cache, "api:letters".into(), inm, || async {
        let letters = views::letter_summaries(&app.db).await?;
        Ok(LetterList { letters })
    })
    .await
}

#[derive(Serialize, ToSchema)]
struct ReasonList {
    reasons: Vec<PublicReason>,
}

/// "Why I signed": approved reasons, as the list shows their signers.
#[utoipa::path(get, path = "/letters/{slug}/reasons", tag = "letters",
    params(("slug" = String, Path, description = "The letter's slug")),
    responses((status = 200, description = "Approved reasons, newest first", body = ReasonList)))]
#[get("/letters/<slug>/reasons")]
async fn reasons(app: &State<AppState>, inm: IfNoneMatch, slug: &str) -> Result<PublicResponse> {
    let key = format!("api:reasons:{slug}");
    cached_json(&app.public_cache, key, inm, || async {
        let letter = letters::public_by_slug(&app.db, slug).await?;
        let groups = letters::groups(&app.db, letter.id).await?;
        let reasons = views::public_reasons(&app.db, letter.id, &groups, 200).await?;
        Ok(ReasonList { reasons })
    })
    .await
}

/// Public letters to anyone; a draft only to its organiser and to moderators.
#[utoipa::path(get, path = "/letters/{slug}", tag = "letters",
    params(("slug" = String, Path, description = "The letter's slug"),
        ("lang" = Option<String>, Query, description = "The language to read it in (else Accept-Language)")),
    security((), ("bearer" = [])),
    responses((status = 200, description = "The letter (with its translations and counts by language for its team)", body = LetterDetail)))]
#[get("/letters/<slug>?<lang>", rank = 1)]
async fn show(
    app: &State<AppState>,
    who: MaybeApiUser,
    reader: crate::routes::nav::Lang,
    lang: Option<&str>,
    slug: &str,
    inm: IfNoneMatch,
) -> Result<Either<PublicResponse, Json<LetterDetail>>> {
    // The text in the language asked for (`?lang=`, else Accept-Language), where it exists.
    let text_lang = lang
        .and_then(crate::i18n::canonical_language)
        .unwrap_or(reader.0);
    let Some(who) = who.0 else {
        let key = format!("api:letter:{slug}:{text_lang}");
        return Ok(Either::Left(
            cached_json(&app.public_cache, key, inm, || async {
                let letter = letters::public_by_slug(&app.db, slug).await?;
                let groups = letters::groups(&app.db, letter.id).await?;
                let detail = views::letter_detail(&app.db, letter, &groups)
                    .await?
                    .in_language(&text_lang);
                Ok(detail)
            })
            .await?,
        ));
    };
    let letter = letters::find_by_slug(&app.db, slug)
        .await?
        .ok_or(Error::NotFound)?;
    let private = who.is_moderator()
        || crate::db::teams::role_on_letter(&app.db, who.user.id, &letter)
            .await?
            .is_some();
    if !(letter.status.is_public() || private) {
        return Err(Error::NotFound);
    }
    let groups = letters::groups(&app.db, letter.id).await?;
    Ok(Either::Right(Json(
        if private {
            views::private_detail(&app.db, letter, &groups).await?
        } else {
            views::letter_detail(&app.db, letter, &groups).await?
        }
        .in_language(&text_lang),
    )))
}

#[derive(Serialize, ToSchema)]
struct SignaturePage {
    total: u64,
    page: u64,
    per_page: u64,
    signatures: Vec<PublicSignature>,
}

/// The public list, in order of confirmation.
#[utoipa::path(get, path = "/letters/{slug}/signatures", tag = "letters",
    params(("slug" = String, Path, description = "The letter's slug"),
        ("page" = Option<u64>, Query, description = "From 1", minimum = 1),
        ("per_page" = Option<u64>, Query, description = "At most 500 (50 if left out)", minimum = 1, maximum = 500),
        ("group" = Option<String>, Query, description = "Only this group's (its slug)")),
    responses((status = 200, description = "One page of the list", body = SignaturePage)))]
#[get("/letters/<slug>/signatures?<page>&<per_page>&<group>")]
async fn signatures(
    app: &State<AppState>,
    slug: &str,
    page: Option<u64>,
    per_page: Option<u64>,
    group: Option<&str>,
    inm: IfNoneMatch,
) -> Result<PublicResponse> {
    let paging = Paging::parse(page, per_page)?;
    let key = format!(
        "api:signatures:{slug}:{}:{}:{}",
        paging.page,
        paging.per_page,
        group.unwrap_or("")
    );
    cached_json(&app.public_cache, key, inm, || async {
        let letter = letters::public_by_slug(&app.db, slug).await?;
        let groups = letters::groups(&app.db, letter.id).await?;
        let group_id = views::group_filter(&groups, group)?;
        let total = views::list_total(&app.db, letter.id, group_id).await?;
        let signatures = views::signature_page(
            &app.db,
            &app.list_marks,
            letter.id,
            &groups,
            group_id,
            paging,
        )
        .await?;
        Ok(SignaturePage {
            total,
            page: paging.page,
            per_page: paging.per_page,
            signatures,
        })
    })
    .await
}

pub(super) fn routes() -> Vec<Route> {
    routes![list, show, signatures, history, reasons]
}

#[derive(OpenApi)]
#[openapi(paths(list, show, signatures, history, reasons))]
pub(super) struct Doc;
