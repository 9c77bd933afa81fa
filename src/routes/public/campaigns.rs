//! The home page (campaigns first, then the letters outside them) and a
//! campaign's page and chart. Cached like the letter page.

use rocket::http::ContentType;
use rocket::response::content::RawHtml;
use rocket::{get, routes, Either, Route, State};
use rocket_dyn_templates::{context, Metadata, Template};

use super::super::nav::Nav;
use super::super::page::{render_to_string, PageError, PageResult};
use crate::db::campaigns;
use crate::db::entities::letter::Category;
use crate::domain::markdown;
use crate::error::{Error, Result};
use crate::read::cache::{IfNoneMatch, PublicResponse};
use crate::read::campaigns as read;
use crate::read::history::{self, Chart};
use crate::read::views;
use crate::state::AppState;

/// A search as typed, trimmed and bounded (a page is cached per search).
fn search_text(q: Option<&str>) -> String {
    q.unwrap_or("").trim().chars().take(100).collect()
}

fn context_value(ctx: impl serde::Serialize) -> PageResult<serde_json::Value> {
    serde_json::to_value(ctx).map_err(|e| PageError(Error::Internal(format!("page context: {e}"))))
}

/// The campaigns, then the letters outside any campaign; a search over their
/// titles and summaries, and a filter by audience.
#[get("/?<q>&<audience>")]
async fn index(
    app: &State<AppState>,
    templates: Metadata<'_>,
    nav: Nav,
    q: Option<&str>,
    audience: Option<&str>,
) -> PageResult<Either<Template, RawHtml<String>>> {
    let q = search_text(q);
    let audience = match audience.filter(|a| !a.is_empty()) {
        None => None,
        Some(a) => Some(Category::parse(a).ok_or_else(|| {
            Error::BadRequest(format!(
                "There is no audience {a:?}; choose one from the list."
            ))
        })?),
    };
    let key = format!(
        "html:{}:{}:index:{q}:{}",
        nav.lang,
        nav.text_lang(),
        audience.map_or("", Category::as_str)
    );
    let q = &q;
    super::super::page::cached_page(app, templates, &nav, key, |nav| async move {
        let mut home = read::home(&app.db, nav.text_lang()).await?;
        let needle = q.to_lowercase();
        let matches = |title: &str, summary: &str| {
            needle.is_empty()
                || title.to_lowercase().contains(&needle)
                || summary.to_lowercase().contains(&needle)
        };
        home.campaigns.retain(|c| {
            matches(&c.title, &c.summary) && audience.is_none_or(|a| c.audiences.contains(&a))
        });
        home.letters
            .retain(|l| matches(&l.title, &l.summary) && audience.is_none_or(|a| l.category == a));
        let audiences: Vec<_> = Category::ALL
            .iter()
            .map(|c| context! { value: c.as_str(), label: crate::i18n::t(&nav.lang, c.label_id()) })
            .collect();
        let ctx = context_value(context! {
            nav,
            campaigns: home.campaigns,
            letters: home.letters,
            q,
            audience: audience.map(Category::as_str),
            audiences,
            filtered: !q.is_empty() || audience.is_some(),
        })?;
        Ok(("public/index", ctx))
    })
    .await
}

/// A campaign's page: the story, the fronts, the combined count, "Find your
/// campus" across every front (`q`), the timeline of wins, the updates.
#[get("/campaigns/<slug>?<q>")]
async fn show(
    app: &State<AppState>,
    templates: Metadata<'_>,
    nav: Nav,
    slug: &str,
    q: Option<&str>,
) -> PageResult<Either<Template, RawHtml<String>>> {
    let q = search_text(q);
    let key = format!("html:{}:{}:campaign:{slug}:{q}", nav.lang, nav.text_lang());
    let q = &q;
    super::super::page::cached_page(app, templates, &nav, key, |nav| async move {
        let c = campaigns::public_by_slug(&app.db, slug).await?;
        let organise = crate::app::volunteers::form_for(app, Some(c.id)).await?;
        let fronts = campaigns::letters(&app.db, c.id, true).await?;
        let groups = read::find_groups(&app.db, &fronts, q).await?;
        let updates = crate::read::updates::of_letters(&app.db, &fronts, &nav.lang).await?;
        let detail = read::detail(&app.db, c, fronts)
            .await?
            .in_language(nav.text_lang());
        let body_html = markdown::render(&detail.body);
        // The languages the campaign is written in, each named in its own.
        let campaign_languages: Vec<(String, String)> = detail
            .languages
            .iter()
            .map(|l| (l.clone(), crate::i18n::language_name(l)))
            .collect();
        let campaign_dir = crate::i18n::direction(&detail.language);
        let fronts: Vec<_> = detail
            .letters
            .iter()
            .map(|l| {
                context! {
                    letter: l,
                    audience: l.category.label_id(),
                    progress: views::progress(l.signature_count, l.goal),
                }
            })
            .collect();
        let share = views::share_links(
            &nav.lang,
            &detail.title,
            &format!("{}/campaigns/{}", app.settings.public_url, detail.slug),
        );
        let ctx = context_value(context! {
            nav,
            campaign: &detail,
            campaign_languages,
            campaign_dir,
            body_html,
            fronts,
            shown_groups: groups.iter().take(GROUPS_SHOWN).collect::<Vec<_>>(),
            group_count: groups.len(),
            q,
            updates,
            organise,
            vform: super::super::volunteers::VolunteerForm::default(),
            share,
        })?;
        Ok(("public/campaign", ctx))
    })
    .await
}

/// Groups "Find your campus" lists at most (a search narrows them).
const GROUPS_SHOWN: usize = 60;

/// The whole campaign's signatures over time.
#[get("/campaigns/<slug>/chart.svg")]
async fn chart(
    app: &State<AppState>,
    templates: Metadata<'_>,
    slug: &str,
    inm: IfNoneMatch,
    lang: super::super::nav::Lang,
) -> PageResult<PublicResponse> {
    let lang = lang.0;
    let key = format!("chart:campaign:{lang}:{slug}");
    Ok(app
        .history_cache
        .respond(&key, ContentType::SVG, inm, || async {
            let c = campaigns::public_by_slug(&app.db, slug).await?;
            let ids: Vec<i64> = campaigns::letters(&app.db, c.id, true)
                .await?
                .iter()
                .map(|l| l.id)
                .collect();
            let history: Result<_> = history::of_letters(&app.db, &ids).await;
            let translations = campaigns::translations_into(&app.db, [c.id], &lang).await?;
            let title = crate::i18n::closest(translations.iter(), &lang, |t| &t.language)
                .map_or(c.title, |t| t.title.clone());
            let chart = Chart::draw(&title, &history?, &lang);
            render_to_string(&templates, "public/chart", context! { chart })
        })
        .await?)
}

pub(super) fn routes() -> Vec<Route> {
    routes![index, show, chart]
}
