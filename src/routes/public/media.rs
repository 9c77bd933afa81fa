//! A letter as pictures and as a widget, for the press and for other sites:
//! the signatures-over-time chart (SVG), a counter badge (SVG), the share
//! image social sites show (PNG), the letter as a PDF, and an embeddable
//! widget. All public, all cached: the badge and widget for the count's
//! interval, the chart, the share image and the PDF for `history_cache_secs`.

use rocket::http::{ContentType, Header};
use rocket::response::content::RawHtml;
use rocket::{get, routes, Responder, Route, State};
use rocket_dyn_templates::{context, Metadata};
use serde::Serialize;

use super::super::nav::Lang;
use super::super::page::{render_to_string, PageResult};
use crate::db::{counts, letters};
use crate::error::{Error, Result};
use crate::read::cache::{IfNoneMatch, PublicResponse};
use crate::read::history::{self, Chart};
use crate::state::AppState;

/// A public letter and its count.
async fn public_letter_and_count(
    app: &AppState,
    slug: &str,
) -> Result<(crate::db::entities::letter::Model, u64)> {
    let letter = letters::public_by_slug(&app.db, slug).await?;
    let count = counts::letter(&app.db, letter.id).await?.total();
    Ok((letter, count))
}

/// A letter's title in `lang` where it has a translation, else its own.
async fn title_in(
    app: &AppState,
    letter: crate::db::entities::letter::Model,
    lang: &str,
) -> Result<String> {
    if letter.language == lang {
        return Ok(letter.title);
    }
    Ok(letters::translated_title(&app.db, letter.id, lang)
        .await?
        .unwrap_or(letter.title))
}

/// The chart on its own, for the press to embed.
#[get("/letters/<slug>/chart.svg")]
async fn chart(
    app: &State<AppState>,
    templates: Metadata<'_>,
    slug: &str,
    inm: IfNoneMatch,
    lang: Lang,
) -> PageResult<PublicResponse> {
    let lang = lang.0;
    let key = format!("chart:{lang}:{slug}");
    Ok(app
        .history_cache
        .respond(&key, ContentType::SVG, inm, || async {
            let letter = letters::public_by_slug(&app.db, slug).await?;
            let history = history::of_letter(&app.db, letter.id, letter.goal).await?;
            let title = title_in(app, letter, &lang).await?;
            let chart = Chart::draw(&title, &history, &lang);
            render_to_string(&templates, "public/chart", context! { chart })
        })
        .await?)
}

#[derive(Serialize)]
struct Badge {
    title: String,
    label: String,
    value: String,
    label_width: u32,
    value_width: u32,
    width: u32,
}

impl Badge {
    /// Widths from the characters' count at 11 px (about 6.5 px each), as
    /// badge services do without measuring fonts.
    fn new(title: String, count: u64, lang: &str) -> Badge {
        let label = crate::i18n::t(lang, "badge-label");
        let value = crate::i18n::number(lang, count);
        let w = |s: &str| (s.chars().count() as f64 * 6.5).ceil() as u32 + 12;
        let (label_width, value_width) = (w(&label), w(&value));
        Badge {
            title,
            label,
            value,
            label_width,
            value_width,
            width: label_width + value_width,
        }
    }
}

#[get("/letters/<slug>/badge.svg")]
async fn badge(
    app: &State<AppState>,
    templates: Metadata<'_>,
    slug: &str,
    inm: IfNoneMatch,
    lang: Lang,
) -> PageResult<PublicResponse> {
    let lang = lang.0;
    let key = format!("badge:{lang}:{slug}");
    Ok(app
        .public_cache
        .respond(&key, ContentType::SVG, inm, || async {
            let (letter, count) = public_letter_and_count(app, slug).await?;
            let title = title_in(app, letter, &lang).await?;
            let badge = Badge::new(title, count, &lang);
            render_to_string(&templates, "public/badge", context! { badge })
        })
        .await?)
}

/// The image link previews show: the title and the count, 1200 × 630.
#[get("/letters/<slug>/share.png")]
async fn share_image(
    app: &State<AppState>,
    templates: Metadata<'_>,
    slug: &str,
    inm: IfNoneMatch,
    lang: Lang,
) -> PageResult<PublicResponse> {
    let lang = lang.0;
    let key = format!("share:{lang}:{slug}");
    Ok(app
        .history_cache
        .respond(&key, ContentType::PNG, inm, || async {
            let (letter, count) = public_letter_and_count(app, slug).await?;
            let goal = letter.goal;
            let title = title_in(app, letter, &lang).await?;
            let mut lines: Vec<String> = textwrap::wrap(&title, 30)
                .into_iter()
                .map(|l| l.into_owned())
                .collect();
            if lines.len() > 4 {
                lines.truncate(4);
                lines[3].push('…');
            }
            let progress_width = goal
                .filter(|g| *g > 0)
                .map(|g| (count as f64 / g as f64).min(1.0) * 1056.0);
            let svg = render_to_string(
                &templates,
                "public/share",
                context! {
                    lang: &lang,
                    lines,
                    count: crate::i18n::number(&lang, count),
                    goal: goal.map(|g| crate::i18n::number(&lang, g.max(0) as u64)),
                    progress_width,
                    host: app.settings.public_host(),
                },
            )?;
            let fonts = app.fonts.clone();
            tokio::task::spawn_blocking(move || crate::read::share::png(&svg, fonts))
                .await
                .map_err(|e| Error::Internal(format!("share image task: {e}")))?
        })
        .await?)
}

/// The letter as a PDF: its text, its counts and its public list as of now
/// (rebuilt at most once per `history_cache_secs`).
#[get("/letters/<slug>/letter.pdf")]
async fn pdf(
    app: &State<AppState>,
    slug: &str,
    inm: IfNoneMatch,
    lang: Lang,
) -> Result<PublicResponse> {
    let lang = lang.0;
    let key = format!("pdf:{lang}:{slug}");
    let _one_at_a_time = app.pdf_gate.lock().await;
    app.history_cache
        .respond(&key, ContentType::PDF, inm, || async {
            let letter = letters::public_by_slug(&app.db, slug).await?;
            let groups = letters::groups(&app.db, letter.id).await?;
            let url = format!("{}/letters/{}", app.settings.public_url, letter.slug);
            let content = crate::read::pdf::gather(&app.db, &letter, &groups, url, &lang).await?;
            let fonts = app.fonts.clone();
            tokio::task::spawn_blocking(move || crate::read::pdf::render(&fonts.pdf, &content))
                .await
                .map_err(|e| Error::Internal(format!("pdf task: {e}")))?
        })
        .await
}

#[derive(Responder)]
struct Framable {
    page: RawHtml<String>,
    frame: Header<'static>,
}

/// A small page other sites put in an iframe: the title, the count, a button
/// to sign on the letter's page. The one page that may be framed anywhere.
#[get("/letters/<slug>/embed")]
async fn embed(
    app: &State<AppState>,
    templates: Metadata<'_>,
    slug: &str,
    lang: Lang,
) -> PageResult<Framable> {
    let lang = lang.0;
    let key = format!("embed:{lang}:{slug}");
    let page = app
        .public_cache
        .get_or_make(&key, || async {
            let (letter, count) = public_letter_and_count(app, slug).await?;
            let progress = crate::read::views::progress(count, letter.goal);
            render_to_string(
                &templates,
                "public/embed",
                context! {
                    letter: context! { slug: &letter.slug, title: &letter.title, goal: letter.goal },
                    count,
                    progress,
                    open: letter.takes_signatures(chrono::Utc::now()),
                    public_url: &app.settings.public_url,
                    dir: crate::i18n::direction(&lang),
                    lang: &lang,
                },
            )
        })
        .await?;
    Ok(Framable {
        page: RawHtml(String::from_utf8_lossy(&page.body).into_owned()),
        frame: Header::new(
            "Content-Security-Policy",
            crate::routes::security::EMBED_CSP,
        ),
    })
}

pub(super) fn routes() -> Vec<Route> {
    routes![chart, badge, share_image, pdf, embed]
}
