//! What unmatched and failed requests get: JSON under `/api`, HTML elsewhere.

use rocket::http::Status;
use rocket::response::Redirect;
use rocket::serde::json::{json, Json, Value};
use rocket::{catch, catchers, Catcher, Request};
use rocket_dyn_templates::{context, Template};

#[catch(default)]
fn api_default(status: Status, _req: &Request<'_>) -> (Status, Json<Value>) {
    let (message, code) = match status.code {
        400 => ("the request is malformed", "bad_request"),
        401 => (
            "you need to log in: send Authorization: Bearer <token> from POST /api/v1/session",
            "unauthorized",
        ),
        403 => ("you are not allowed to do that", "forbidden"),
        404 => ("not found", "not_found"),
        413 => ("the request body is too large", "too_large"),
        422 => ("the request body could not be understood", "invalid_body"),
        429 => ("too many requests; try again shortly", "rate_limited"),
        503 => (
            "the service is unavailable, try again shortly",
            "unavailable",
        ),
        s if s >= 500 => ("something went wrong on our side", "internal"),
        _ => (status.reason_lossy(), "bad_request"),
    };
    (status, Json(json!({ "error": message, "code": code })))
}

#[catch(default)]
fn html_default(status: Status, req: &Request<'_>) -> (Status, Template) {
    let nav = super::nav::Nav::plain(req);
    let message = crate::i18n::t(
        &nav.lang,
        match status.code {
            404 => "error-not-found",
            403 => "error-forbidden",
            422 | 400 => "error-bad-request",
            _ => "error-internal",
        },
    );
    (
        status,
        Template::render("error", context! { nav, status: status.code, message }),
    )
}

/// Pages that need an account send people to the login page.
#[catch(401)]
fn html_unauthorized() -> Redirect {
    Redirect::to("/login")
}

pub(crate) fn api() -> Vec<Catcher> {
    catchers![api_default]
}

pub(crate) fn html() -> Vec<Catcher> {
    catchers![html_default, html_unauthorized]
}
