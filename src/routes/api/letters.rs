//! Reading letters and their public lists. Public answers are built once per
//! cache interval for every reader, with an `ETag` (see `crate::read::cache`).

use rocket::http::ContentType;
use rocket::serde::json::{json, Json};
use rocket::{get, routes, Either, Route, State};

use crate::auth::MaybeApiUser;
use crate::db::letters;
use crate::error::{Error, Result};
use crate::read::cache::{IfNoneMatch, PublicResponse};
use crate::read::views::{self, LetterDetail, Paging};
use crate::state::AppState;

/// A public JSON answer under `key`, from `cache` or from `make`.
pub(super) async fn cached_json<F, Fut>(
    cache: &crate::read::cache::PublicCache,
    key: String,
    inm: IfNoneMatch,
    make: F,
) -> Result<PublicResponse>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<serde_json::Value>>,
{
    cache
        .respond(&key, ContentType::JSON, inm, || async {
            let v = make().await?;
            serde_json::to_string(&v).map_err(|e| Error::Internal(format!("json: {e}")))
        })
        .await
}

/// Signatures over time: per hour and per day (UTC) of confirmation, the
/// running total, and the milestones. Cached for `history_cache_secs`.
#[get("/letters/<slug>/history")]
async fn history(app: &State<AppState>, slug: &str, inm: IfNoneMatch) -> Result<PublicResponse> {
    let key = format!("api:history:{slug}");
    cached_json(&app.history_cache, key, inm, || async {
        let letter = letters::public_by_slug(&app.db, slug).await?;
        let h = crate::read::history::of_letter(&app.db, letter.id, letter.goal).await?;
        Ok(json!({
            "letter": letter.slug,
            "signature_count": h.total,
            "goal": letter.goal,
            "timezone": "UTC",
            "hourly": h.hourly,
            "daily": h.daily,
            "milestones": h.milestones,
        }))
    })
    .await
}

#[get("/letters")]
async fn list(app: &State<AppState>, inm: IfNoneMatch) -> Result<PublicResponse> {
    cached_json(&app.public_cache, "api:letters".into(), inm, || async {
        let letters = views::letter_summaries(&app.db).await?;
        Ok(json!({ "letters": letters }))
    })
    .await
}

/// "Why I signed": approved reasons, as the list shows their signers.
#[get("/letters/<slug>/reasons")]
async fn reasons(app: &State<AppState>, inm: IfNoneMatch, slug: &str) -> Result<PublicResponse> {
    let key = format!("api:reasons:{slug}");
    cached_json(&app.public_cache, key, inm, || async {
        let letter = letters::public_by_slug(&app.db, slug).await?;
        let groups = letters::groups(&app.db, letter.id).await?;
        let reasons = views::public_reasons(&app.db, letter.id, &groups, 200).await?;
        Ok(json!({ "reasons": reasons }))
    })
    .await
}

/// Public letters to anyone; a draft only to its organiser and to moderators.
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
                serde_json::to_value(detail).map_err(|e| Error::Internal(format!("json: {e}")))
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
        Ok(json!({
            "total": total,
            "page": paging.page,
            "per_page": paging.per_page,
            "signatures": signatures,
        }))
    })
    .await
}

pub(super) fn routes() -> Vec<Route> {
    routes![list, show, signatures, history, reasons]
}
