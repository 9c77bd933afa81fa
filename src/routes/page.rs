//! HTML responses: errors shown as pages rather than JSON.

use rocket::response::{self, Responder};
use rocket::Request;
use rocket_dyn_templates::{context, Template};

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
        // A form refused field by field says what is wrong with each.
        let message = match &self.0 {
            Error::Invalid(errors) if !errors.is_empty() => {
                errors.values().cloned().collect::<Vec<_>>().join(" ")
            }
            e => e.to_string(),
        };
        let mut res = Template::render(
            "error",
            context! { status: status.code, reason: status.reason_lossy(), message },
        )
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
