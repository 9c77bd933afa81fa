//! What unmatched and failed requests get: JSON under `/api`, HTML elsewhere.

use rocket::http::Status;
use rocket::response::Redirect;
use rocket::serde::json::{json, Json, Value};
use rocket::{catch, catchers, Catcher, Request};
use rocket_dyn_templates::{context, Template};

#[catch(default)]
fn api_default(status: Status, _req: &Request<'_>) -> (Status, Json<Value>) {
    let message = match status.code {
        400 => "the request is malformed",
        401 => "you need to log in: send Authorization: Bearer <token> from POST /api/v1/session",
        403 => "you are not allowed to do that",
        404 => "not found",
        422 => "the request body could not be understood",
        _ => status.reason_lossy(),
    };
    (status, Json(json!({ "error": message })))
}

#[catch(default)]
fn html_default(status: Status, _req: &Request<'_>) -> (Status, Template) {
    let message = match status.code {
        404 => "We couldn't find that page.",
        403 => "You are not allowed to do that. If you were filling in a form, reload the page and try again.",
        422 | 400 => "That request couldn't be understood.",
        _ => "Something went wrong on our side. Please try again shortly.",
    };
    (
        status,
        Template::render(
            "error",
            context! { status: status.code, reason: status.reason_lossy(), message },
        ),
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
