//! For readers and robots: an Atom feed of newly published letters, a
//! sitemap of every public letter, and `robots.txt` pointing at it (and away
//! from the emailed one-time links).

use atom_syndication::{Content, Entry, Feed, Link, Person, Text};
use chrono::{DateTime, Utc};
use rocket::http::ContentType;
use rocket::{get, routes, Route, State};
use rocket_dyn_templates::{context, Metadata};
use serde::Serialize;

use super::super::nav::Lang;
use super::super::page::{render_to_string, PageResult};
use crate::db::entities::letter;
use crate::db::entities::letter_update::UpdateKind;
use crate::error::{Error, Result};
use crate::read::cache::{IfNoneMatch, PublicResponse};
use crate::state::AppState;

/// Letters in the feed at most.
const FEED_LENGTH: u64 = 50;

/// Public letters, the most recently published first.
async fn public_letters(app: &AppState, limit: Option<u64>) -> Result<Vec<letter::Model>> {
    crate::db::letters::recently_published(&app.db, limit).await
}

fn published(l: &letter::Model) -> DateTime<Utc> {
    l.published_at.unwrap_or(l.created_at)
}

fn link(href: String, rel: &str, mime: &str) -> Link {
    Link {
        href,
        rel: rel.into(),
        mime_type: Some(mime.into()),
        ..Default::default()
    }
}

/// An Atom document at `self_url` about the page at `page_url`.
fn atom(
    self_url: String,
    page_url: String,
    (title, lang): (String, &str),
    updated: DateTime<Utc>,
    entries: Vec<Entry>,
) -> String {
    let base = page_url.clone();
    Feed {
        id: self_url.clone(),
        title: Text::plain(title),
        lang: Some(lang.to_owned()),
        updated: updated.fixed_offset(),
        authors: vec![Person {
            name: crate::i18n::t(lang, "site-name"),
            uri: Some(base),
            ..Default::default()
        }],
        links: vec![
            link(self_url, "self", ATOM),
            link(page_url, "alternate", "text/html"),
        ],
        entries,
        ..Default::default()
    }
    .to_string()
}

const ATOM: &str = "application/atom+xml";

#[get("/letters.atom")]
async fn feed(app: &State<AppState>, inm: IfNoneMatch, lang: Lang) -> PageResult<PublicResponse> {
    let atom_type = ContentType::new("application", "atom+xml");
    let lang = lang.0;
    Ok(app
        .public_cache
        .respond(&format!("feed:letters:{lang}"), atom_type, inm, || async {
            let base = &app.settings.public_url;
            let letters = public_letters(app, Some(FEED_LENGTH)).await?;
            let entries: Vec<Entry> = letters
                .iter()
                .map(|l| {
                    let url = format!("{base}/letters/{}", l.slug);
                    Entry {
                        id: url.clone(),
                        title: Text::plain(l.title.clone()),
                        updated: published(l).fixed_offset(),
                        published: Some(published(l).fixed_offset()),
                        summary: Some(Text::plain(l.summary.clone())),
                        links: vec![link(url, "alternate", "text/html")],
                        ..Default::default()
                    }
                })
                .collect();
            let updated = letters.first().map(published).unwrap_or_else(Utc::now);
            Ok::<_, Error>(atom(
                format!("{base}/letters.atom"),
                format!("{base}/"),
                (crate::i18n::t(&lang, "feed-letters-title"), &lang),
                updated,
                entries,
            ))
        })
        .await?)
}

/// A letter's published updates (and responses), newest first.
#[get("/letters/<slug>/updates.atom")]
async fn updates_feed(
    app: &State<AppState>,
    inm: IfNoneMatch,
    slug: &str,
    lang: Lang,
) -> PageResult<PublicResponse> {
    let atom_type = ContentType::new("application", "atom+xml");
    let lang = lang.0;
    Ok(app
        .public_cache
        .respond(
            &format!("feed:updates:{lang}:{slug}"),
            atom_type,
            inm,
            || async {
                let base = &app.settings.public_url;
                let letter = crate::db::letters::public_by_slug(&app.db, slug).await?;
                let page = format!("{base}/letters/{}", letter.slug);
                let updates = crate::read::updates::published(&app.db, letter.id, &lang).await?;
                let entries: Vec<Entry> = updates
                    .iter()
                    .map(|u| {
                        let at = u.published_at.unwrap_or_else(Utc::now).fixed_offset();
                        let title = match (&u.from, u.kind) {
                            (Some(from), UpdateKind::Response) => format!(
                                "{} {}",
                                crate::i18n::t_args(
                                    &lang,
                                    "letter-response-from",
                                    &[("from", from.as_str().into())]
                                ),
                                u.title
                            ),
                            _ => u.title.clone(),
                        };
                        Entry {
                            id: format!("{page}#update-{}", u.id),
                            title: Text::plain(title),
                            updated: at,
                            published: Some(at),
                            content: Some(Content {
                                value: Some(u.body_html.clone()),
                                content_type: Some("html".into()),
                                ..Default::default()
                            }),
                            links: vec![link(
                                format!("{page}#update-{}", u.id),
                                "alternate",
                                "text/html",
                            )],
                            ..Default::default()
                        }
                    })
                    .collect();
                let updated = updates
                    .first()
                    .and_then(|u| u.published_at)
                    .or(letter.published_at)
                    .unwrap_or(letter.created_at);
                Ok::<_, Error>(atom(
                    format!("{page}/updates.atom"),
                    page,
                    (
                        crate::i18n::t_args(
                            &lang,
                            "letter-updates-feed-title",
                            &[("title", letter.title.as_str().into())],
                        ),
                        &lang,
                    ),
                    updated,
                    entries,
                ))
            },
        )
        .await?)
}

#[derive(Serialize)]
struct Place {
    loc: String,
    lastmod: String,
}

#[get("/sitemap.xml")]
async fn sitemap(
    app: &State<AppState>,
    templates: Metadata<'_>,
    inm: IfNoneMatch,
) -> PageResult<PublicResponse> {
    Ok(app
        .public_cache
        .respond("sitemap", ContentType::XML, inm, || async {
            let base = &app.settings.public_url;
            let mut places: Vec<Place> = public_letters(app, None)
                .await?
                .iter()
                .map(|l| Place {
                    loc: format!("{base}/letters/{}", l.slug),
                    lastmod: l
                        .closed_at
                        .unwrap_or_else(|| published(l))
                        .format("%Y-%m-%d")
                        .to_string(),
                })
                .collect();
            for c in crate::db::campaigns::public_campaigns(&app.db).await? {
                places.push(Place {
                    loc: format!("{base}/campaigns/{}", c.slug),
                    lastmod: c.updated_at.format("%Y-%m-%d").to_string(),
                });
            }
            // Each page in every language the site speaks (`?lang=`), the
            // plain address for readers whose language the site picks.
            let languages = crate::i18n::languages();
            render_to_string(&templates, "sitemap", context! { base, places, languages })
        })
        .await?)
}

#[get("/robots.txt")]
fn robots(app: &State<AppState>) -> String {
    format!(
        "User-agent: *\nDisallow: /confirm/\nDisallow: /withdraw/\nDisallow: /unsubscribe/\nDisallow: /dashboard\n\
         Disallow: /moderation\nDisallow: /organiser/\nDisallow: /api/\n\
         Sitemap: {}/sitemap.xml\n",
        app.settings.public_url
    )
}

pub(super) fn routes() -> Vec<Route> {
    routes![feed, updates_feed, sitemap, robots]
}
