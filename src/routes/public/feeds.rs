//! For readers and robots: an Atom feed of newly published letters, a
//! sitemap of every public letter, and `robots.txt` pointing at it (and away
//! from the emailed one-time links).

use atom_syndication::{Entry, Feed, Link, Person, Text};
use chrono::{DateTime, Utc};
use rocket::http::ContentType;
use rocket::{get, routes, Route, State};
use rocket_dyn_templates::{context, Metadata};
use serde::Serialize;

use super::super::page::{render_to_string, PageResult};
use crate::db::entities::letter;
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

#[get("/letters.atom")]
async fn feed(app: &State<AppState>, inm: IfNoneMatch) -> PageResult<PublicResponse> {
    let atom = ContentType::new("application", "atom+xml");
    Ok(app
        .public_cache
        .respond("feed:letters", atom, inm, || async {
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
                        links: vec![Link {
                            href: url,
                            rel: "alternate".into(),
                            mime_type: Some("text/html".into()),
                            ..Default::default()
                        }],
                        ..Default::default()
                    }
                })
                .collect();
            let feed = Feed {
                id: format!("{base}/letters.atom"),
                title: Text::plain("Undersigned: new open letters"),
                updated: letters
                    .first()
                    .map(published)
                    .unwrap_or_else(Utc::now)
                    .fixed_offset(),
                authors: vec![Person {
                    name: "Undersigned".into(),
                    uri: Some(base.clone()),
                    ..Default::default()
                }],
                links: vec![
                    Link {
                        href: format!("{base}/letters.atom"),
                        rel: "self".into(),
                        mime_type: Some("application/atom+xml".into()),
                        ..Default::default()
                    },
                    Link {
                        href: format!("{base}/"),
                        rel: "alternate".into(),
                        mime_type: Some("text/html".into()),
                        ..Default::default()
                    },
                ],
                entries,
                ..Default::default()
            };
            Ok::<_, Error>(feed.to_string())
        })
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
            let places: Vec<Place> = public_letters(app, None)
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
            render_to_string(&templates, "sitemap", context! { base, places })
        })
        .await?)
}

#[get("/robots.txt")]
fn robots(app: &State<AppState>) -> String {
    format!(
        "User-agent: *\nDisallow: /confirm/\nDisallow: /withdraw/\nDisallow: /dashboard\n\
         Disallow: /moderation\nDisallow: /organiser/\nDisallow: /api/\n\
         Sitemap: {}/sitemap.xml\n",
        app.settings.public_url
    )
}

pub(super) fn routes() -> Vec<Route> {
    routes![feed, sitemap, robots]
}
