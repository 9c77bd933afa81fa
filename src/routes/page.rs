//! HTML responses: errors shown as pages rather than JSON, and public pages
//! kept in the cache for every visitor.

use rocket::response::content::RawHtml;
use rocket::response::{self, Responder};
use rocket::{Either, Request};
use rocket_dyn_templates::{context, Metadata, Template};

use super::nav::Nav;
use crate::state::AppState;

use crate::error::Error;

/// An [`Error`] rendered as an HTML page with the fitting status.
#[derive(Debug)]
pub(crate) struct PageError(pub Error);

impl From<Error> for PageError {
    fn from(e: Error) -> Self {
        PageError(e)
    }
}

impl<'r> Responder<'r, 'static> for PageError {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let status = self.0.status();
        if let Error::Internal(detail) | Error::Unavailable(detail) = &self.0 {
            tracing::error!(%detail, "page failed");
        }
        let nav = Nav::plain(req);
        // A form refused field by field says what is wrong with each.
        let message = match &self.0 {
            Error::Invalid(errors) if !errors.is_empty() => errors
                .values()
                .map(|m| m.render(&nav.lang))
                .collect::<Vec<_>>()
                .join(" "),
            e => e.message().render(&nav.lang),
        };
        let mut res = Template::render("error", context! { nav, status: status.code, message })
            .respond_to(req)?;
        res.set_status(status);
        if let Some(secs) = self.0.retry_after() {
            res.set_raw_header("Retry-After", secs.to_string());
        }
        Ok(res)
    }
}

pub(crate) type PageResult<T> = std::result::Result<T, PageError>;

/// A template rendered to text, for answers kept in a cache (which need the
/// text, not a `Template` responder).
pub(crate) fn render_to_string(
    templates: &rocket_dyn_templates::Metadata<'_>,
    name: &'static str,
    ctx: impl serde::Serialize,
) -> crate::error::Result<String> {
    templates
        .render(name, ctx)
        .map(|(_, text)| text)
        .ok_or_else(|| Error::Internal(format!("template {name} did not render")))
}

/// Stands for the visitor's CSRF token in a page kept for everyone.
const CSRF_SLOT: &str = "__UNDERSIGNED_CSRF_TOKEN__";

/// A page as a visitor who is not logged in sees it: built by `make` once per
/// cache interval for all of them (under `key`), each getting their own CSRF
/// token in its forms. A logged-in visitor gets it built for them.
pub(crate) async fn cached_page<F, Fut>(
    app: &AppState,
    templates: Metadata<'_>,
    nav: &Nav,
    key: String,
    make: F,
) -> PageResult<Either<Template, RawHtml<String>>>
where
    F: Fn(Nav) -> Fut,
    Fut: std::future::Future<Output = PageResult<(&'static str, serde_json::Value)>>,
{
    if nav.user_email.is_some() || app.public_cache.ttl().is_zero() {
        let (name, ctx) = make(nav.clone()).await?;
        return Ok(Either::Left(Template::render(name, ctx)));
    }
    let anonymous = Nav {
        csrf: CSRF_SLOT.into(),
        ..nav.clone()
    };
    let cached = app
        .public_cache
        .get_or_make(&key, || async {
            let (name, ctx) = make(anonymous.clone()).await.map_err(|e| e.0)?;
            render_to_string(&templates, name, ctx)
        })
        .await?;
    Ok(Either::Right(RawHtml(
        String::from_utf8_lossy(&cached.body).replace(CSRF_SLOT, &nav.csrf),
    )))
}
