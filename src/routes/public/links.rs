//! The pages behind emailed links. `GET` only shows a button, because mail
//! scanners follow links; the button's `POST` does the work.

use rocket::form::{Form, FromForm};
use rocket::http::Status;
use rocket::{get, post, routes, Route, State};
use rocket_dyn_templates::{context, Template};

use super::super::nav::Nav;
use super::super::page::PageResult;
use crate::app::signing::{self, Confirmed, SignQueue};
use crate::app::updates;
use crate::auth::{Button, CsrfForm};
use crate::error::Error;
use crate::read::views::LetterRef;
use crate::state::AppState;

#[get("/confirm/<token>")]
async fn confirm_page(app: &State<AppState>, nav: Nav, token: &str) -> PageResult<Template> {
    let letter = signing::peek_confirm(app, token).await?;
    Ok(Template::render(
        "public/confirm",
        context! { nav, token, letter: LetterRef::from(&letter) },
    ))
}

#[post("/confirm/<token>", data = "<_form>")]
async fn confirm(
    app: &State<AppState>,
    queue: &State<SignQueue>,
    nav: Nav,
    token: &str,
    _form: CsrfForm<Button>,
) -> PageResult<Template> {
    let (outcome, letter, receipt) = signing::confirm(app, queue, token).await?;
    let awaiting_approval = outcome == Confirmed::AwaitingApproval;
    // The count just after this signature joined it: its place on the list
    // (give or take others confirming in the same instant).
    let place = if awaiting_approval {
        None
    } else {
        Some(
            crate::db::counts::letter(&app.db, letter.id)
                .await?
                .confirmed,
        )
    };
    let url = format!("{}/letters/{}", app.settings.public_url, letter.slug);
    let share = crate::read::views::share_links(&nav.lang, &letter.title, &url);
    Ok(Template::render(
        "public/confirmed",
        context! {
            nav,
            awaiting_approval,
            place,
            share,
            url,
            letter: LetterRef::from(&letter),
            receipt_json: serde_json::to_string(&receipt).unwrap_or_default(),
            receipt,
        },
    ))
}

#[get("/withdraw/<token>")]
async fn withdraw_page(app: &State<AppState>, nav: Nav, token: &str) -> PageResult<Template> {
    let letter = signing::peek_withdraw(app, token).await?;
    Ok(Template::render(
        "public/withdraw",
        context! { nav, token, letter: LetterRef::from(&letter) },
    ))
}

#[post("/withdraw/<token>", data = "<_form>")]
async fn withdraw(
    app: &State<AppState>,
    nav: Nav,
    token: &str,
    _form: CsrfForm<Button>,
) -> PageResult<(Status, Template)> {
    let letter = signing::withdraw(app, token).await?;
    Ok((
        Status::Ok,
        Template::render(
            "public/withdrawn",
            context! { nav, letter: LetterRef::from(&letter) },
        ),
    ))
}

#[get("/unsubscribe/<token>")]
async fn unsubscribe_page(app: &State<AppState>, nav: Nav, token: &str) -> PageResult<Template> {
    let found = updates::peek_unsubscribe(app, token).await?;
    Ok(Template::render(
        "public/unsubscribe",
        context! { nav, token, letter: LetterRef::from(&found.letter), already: found.already },
    ))
}

/// RFC 8058's one-click body. A mail provider sends it without cookies, so
/// there is no CSRF token to check: the unguessable link is the credential,
/// and all it can do is stop one signature's updates.
#[derive(FromForm)]
struct OneClick<'r> {
    #[field(name = "List-Unsubscribe")]
    list_unsubscribe: Option<&'r str>,
}

#[post("/unsubscribe/<token>", data = "<form>")]
async fn unsubscribe(
    app: &State<AppState>,
    nav: Nav,
    token: &str,
    form: Option<Form<OneClick<'_>>>,
) -> PageResult<Template> {
    if form.as_ref().and_then(|f| f.list_unsubscribe) != Some("One-Click") {
        return Err(Error::BadRequest(
            "An unsubscribe request carries the form field List-Unsubscribe=One-Click.".into(),
        )
        .into());
    }
    let found = updates::unsubscribe(app, token).await?;
    Ok(Template::render(
        "public/unsubscribed",
        context! { nav, letter: LetterRef::from(&found.letter) },
    ))
}

pub(super) fn routes() -> Vec<Route> {
    routes![
        confirm_page,
        confirm,
        withdraw_page,
        withdraw,
        unsubscribe_page,
        unsubscribe
    ]
}
