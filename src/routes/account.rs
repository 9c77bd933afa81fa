//! Account pages: register, confirm, log in and out, reset a password.

use std::net::IpAddr;

use rocket::http::{Cookie, CookieJar, Status};
use rocket::response::Redirect;
use rocket::{get, post, routes, FromForm, Route, State};
use rocket_dyn_templates::{context, Template};

use super::nav::Nav;
use super::page::{PageError, PageResult};
use crate::app::accounts;
use crate::auth::csrf::harden;
use crate::auth::{sessions, Button, CsrfForm, User};
use crate::db::entities::session::SessionKind;
use crate::db::entities::token::TokenPurpose;
use crate::error::{Error, FieldErrors};
use crate::state::AppState;

#[derive(FromForm)]
struct Credentials {
    email: String,
    password: String,
}

/// Re-renders a form page with field errors and the address typed (never the password).
fn form_page(
    template: &'static str,
    nav: &Nav,
    email: &str,
    error: Error,
) -> (Status, PageResult<Template>) {
    let status = error.status();
    let (errors, message) = match error {
        Error::Invalid(errors) => (errors, None),
        Error::TooManyRequests(_) | Error::BadCredentials | Error::Unauthorized => {
            (FieldErrors::new(), Some(error.message().render(&nav.lang)))
        }
        other => return (status, Err(PageError(other))),
    };
    (
        status,
        Ok(Template::render(
            template,
            context! { errors: errors.render(&nav.lang), nav, email, message },
        )),
    )
}

#[get("/login")]
fn login_page(nav: Nav) -> Template {
    Template::render(
        "account/login",
        context! { nav, email: "", errors: FieldErrors::new() },
    )
}

#[post("/login", data = "<form>")]
async fn login(
    app: &State<AppState>,
    nav: Nav,
    ip: IpAddr,
    jar: &CookieJar<'_>,
    form: CsrfForm<Credentials>,
) -> Result<Redirect, (Status, PageResult<Template>)> {
    let f = form.0;
    match accounts::login(
        app,
        &f.email,
        &f.password,
        &ip.to_string(),
        SessionKind::Cookie,
    )
    .await
    {
        Ok((token, _)) => {
            let mut cookie = Cookie::new(sessions::COOKIE_NAME, token.as_str().to_owned());
            harden(&mut cookie, app.settings.public_url.starts_with("https://"));
            jar.add_private(cookie);
            Ok(Redirect::to("/dashboard"))
        }
        Err(Error::Unauthorized) => Err(form_page(
            "account/login",
            &nav,
            &f.email,
            Error::BadCredentials,
        )),
        Err(e) => Err(form_page("account/login", &nav, &f.email, e)),
    }
}

#[post("/logout", data = "<_form>")]
async fn logout(
    app: &State<AppState>,
    who: User,
    jar: &CookieJar<'_>,
    _form: CsrfForm<Button>,
) -> PageResult<Redirect> {
    sessions::revoke(&app.db, who.0.session_id).await?;
    jar.remove_private(sessions::COOKIE_NAME);
    Ok(Redirect::to("/"))
}

#[post("/logout/everywhere", data = "<_form>")]
async fn logout_everywhere(
    app: &State<AppState>,
    who: User,
    jar: &CookieJar<'_>,
    _form: CsrfForm<Button>,
) -> PageResult<Redirect> {
    sessions::revoke_all(&app.db, who.0.user.id).await?;
    jar.remove_private(sessions::COOKIE_NAME);
    Ok(Redirect::to("/"))
}

#[get("/register")]
fn register_page(nav: Nav) -> Template {
    Template::render(
        "account/register",
        context! { nav, email: "", errors: FieldErrors::new() },
    )
}

#[post("/register", data = "<form>")]
async fn register(
    app: &State<AppState>,
    nav: Nav,
    ip: IpAddr,
    form: CsrfForm<Credentials>,
) -> (Status, PageResult<Template>) {
    let f = form.0;
    match accounts::register(app, &f.email, &f.password, &ip.to_string(), &nav.lang).await {
        Ok(()) => (
            Status::Ok,
            Ok(Template::render(
                "account/check_email",
                context! { nav, email: f.email.trim() },
            )),
        ),
        Err(e) => form_page("account/register", &nav, &f.email, e),
    }
}

#[get("/account/confirm/<token>")]
async fn confirm_page(app: &State<AppState>, nav: Nav, token: &str) -> PageResult<Template> {
    accounts::peek_account_token(app, TokenPurpose::ConfirmAccount, token).await?;
    Ok(Template::render("account/confirm", context! { nav, token }))
}

#[post("/account/confirm/<token>", data = "<_form>")]
async fn confirm(
    app: &State<AppState>,
    nav: Nav,
    token: &str,
    _form: CsrfForm<Button>,
) -> PageResult<Template> {
    accounts::confirm_account(app, token).await?;
    Ok(Template::render(
        "account/done",
        context! { nav, title: "account-confirmed", message: "account-confirmed-note" },
    ))
}

#[derive(FromForm)]
struct Forgot {
    email: String,
}

#[get("/password/forgot")]
fn forgot_page(nav: Nav) -> Template {
    Template::render(
        "account/forgot",
        context! { nav, email: "", errors: FieldErrors::new() },
    )
}

#[post("/password/forgot", data = "<form>")]
async fn forgot(
    app: &State<AppState>,
    nav: Nav,
    ip: IpAddr,
    form: CsrfForm<Forgot>,
) -> (Status, PageResult<Template>) {
    let f = form.0;
    match accounts::request_reset(app, &f.email, &ip.to_string(), &nav.lang).await {
        Ok(()) => (
            Status::Ok,
            Ok(Template::render(
                "account/done",
                context! {
                    nav,
                    title: "check-email-title",
                    message: "account-reset-sent",
                },
            )),
        ),
        Err(e) => form_page("account/forgot", &nav, &f.email, e),
    }
}

#[derive(FromForm)]
struct NewPassword {
    password: String,
}

#[get("/password/reset/<token>")]
async fn reset_page(app: &State<AppState>, nav: Nav, token: &str) -> PageResult<Template> {
    accounts::peek_account_token(app, TokenPurpose::ResetPassword, token).await?;
    Ok(Template::render(
        "account/reset",
        context! { nav, token, errors: FieldErrors::new() },
    ))
}

#[post("/password/reset/<token>", data = "<form>")]
async fn reset(
    app: &State<AppState>,
    nav: Nav,
    token: &str,
    jar: &CookieJar<'_>,
    form: CsrfForm<NewPassword>,
) -> (Status, PageResult<Template>) {
    match accounts::reset_password(app, token, &form.0.password).await {
        Ok(()) => {
            jar.remove_private(sessions::COOKIE_NAME);
            (
                Status::Ok,
                Ok(Template::render(
                    "account/done",
                    context! { nav, title: "account-password-changed", message: "account-password-changed-note" },
                )),
            )
        }
        Err(Error::Invalid(errors)) => (
            Status::UnprocessableEntity,
            Ok(Template::render(
                "account/reset",
                context! { errors: errors.render(&nav.lang), nav, token },
            )),
        ),
        Err(e) => (e.status(), Err(PageError(e))),
    }
}

pub(crate) fn routes() -> Vec<Route> {
    routes![
        login_page,
        login,
        logout,
        logout_everywhere,
        register_page,
        register,
        confirm_page,
        confirm,
        forgot_page,
        forgot,
        reset_page,
        reset
    ]
}
