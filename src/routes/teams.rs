//! The page behind an invitation link: who invites to what, as which role,
//! and a button to accept it for the account that is logged in.

use rocket::response::Redirect;
use rocket::{get, post, routes, Route, State};
use rocket_dyn_templates::{context, Template};

use super::nav::Nav;
use super::page::PageResult;
use crate::app::teams;
use crate::auth::{Button, CsrfForm, User};
use crate::state::AppState;

#[get("/invitations/<token>")]
async fn page(app: &State<AppState>, nav: Nav, token: &str) -> PageResult<Template> {
    let invitation = teams::peek(app, token).await?;
    Ok(Template::render(
        "account/invitation",
        context! { nav, token, invitation },
    ))
}

#[post("/invitations/<token>", data = "<_form>")]
async fn accept(
    app: &State<AppState>,
    who: User,
    token: &str,
    _form: CsrfForm<Button>,
) -> PageResult<Redirect> {
    let invitation = teams::accept(app, &who.0, token).await?;
    Ok(Redirect::to(invitation.next))
}

pub(crate) fn routes() -> Vec<Route> {
    routes![page, accept]
}
