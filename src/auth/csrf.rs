//! CSRF protection for every state-changing HTML form.
//!
//! A random token lives in a private (encrypted, authenticated, `HttpOnly`,
//! `SameSite=Lax`) cookie; each form carries the same value in a hidden
//! `_csrf` field. Another site can neither read the cookie nor forge one, so
//! it cannot produce a matching pair. [`CsrfForm`] checks the pair before the
//! form is even parsed.

use rocket::data::{self, Data, FromData, ToByteUnit};
use rocket::form::name::NameView;
use rocket::form::{Form, FromForm, ValueField};
use rocket::http::{Cookie, CookieJar, SameSite, Status};
use rocket::request::{FromRequest, Outcome};
use rocket::Request;
use subtle::ConstantTimeEq;

use crate::config::Settings;
use crate::domain::Token;

pub(crate) const COOKIE_NAME: &str = "csrf";
pub(crate) const FIELD_NAME: &str = "_csrf";

/// Cookie attributes shared by the session and CSRF cookies.
pub(crate) fn harden(cookie: &mut Cookie<'static>, secure: bool) {
    cookie.set_http_only(true);
    cookie.set_same_site(SameSite::Lax);
    cookie.set_secure(secure);
    cookie.set_path("/");
}

fn secure(req: &Request<'_>) -> bool {
    req.rocket()
        .state::<std::sync::Arc<Settings>>()
        .is_some_and(|settings| settings.public_url.starts_with("https://"))
}

/// The CSRF token for forms on this page; set in a cookie if the browser has none yet.
#[derive(Debug, Clone)]
pub(crate) struct CsrfToken(pub String);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for CsrfToken {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        let token = req
            .local_cache(|| current_or_new(req.cookies(), secure(req)))
            .clone();
        match token {
            Some(t) => Outcome::Success(CsrfToken(t)),
            None => Outcome::Error((Status::InternalServerError, ())),
        }
    }
}

fn current_or_new(jar: &CookieJar<'_>, secure: bool) -> Option<String> {
    if let Some(c) = jar.get_private(COOKIE_NAME) {
        return Some(c.value().to_owned());
    }
    let token = Token::generate().ok()?.as_str().to_owned();
    let mut cookie = Cookie::new(COOKIE_NAME, token.clone());
    harden(&mut cookie, secure);
    jar.add_private(cookie);
    Some(token)
}

/// A url-encoded form whose `_csrf` field matched the cookie. A mismatch is a
/// 403 and the form is never handed to the route.
#[derive(Debug)]
pub(crate) struct CsrfForm<T>(pub T);

/// The decoded fields of a form body, kept for the request's lifetime.
struct DecodedFields(Vec<(String, String)>);

#[rocket::async_trait]
impl<'r, T: FromForm<'r> + 'r> FromData<'r> for CsrfForm<T> {
    type Error = String;

    async fn from_data(req: &'r Request<'_>, data: Data<'r>) -> data::Outcome<'r, Self> {
        let limit = req.limits().get("form").unwrap_or_else(|| 64.kibibytes());
        let body = match data.open(limit).into_string().await {
            Ok(s) if s.is_complete() => s.into_inner(),
            Ok(_) => {
                return data::Outcome::Error((Status::PayloadTooLarge, "form too large".into()))
            }
            Err(e) => return data::Outcome::Error((Status::BadRequest, e.to_string())),
        };
        let fields: &'r [(String, String)] = &req
            .local_cache(move || {
                DecodedFields(
                    url::form_urlencoded::parse(body.as_bytes())
                        .into_owned()
                        .collect(),
                )
            })
            .0;
        let sent = fields
            .iter()
            .find(|(k, _)| k == FIELD_NAME)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default();
        let expected = req.cookies().get_private(COOKIE_NAME);
        let matches = expected.is_some_and(|c| {
            !sent.is_empty() && bool::from(c.value().as_bytes().ct_eq(sent.as_bytes()))
        });
        if !matches {
            return data::Outcome::Error((
                Status::Forbidden,
                "the form's CSRF token is missing or wrong".into(),
            ));
        }
        let values = fields.iter().map(|(k, v)| ValueField {
            name: NameView::new(k.as_str()),
            value: v.as_str(),
        });
        match Form::<T>::parse_iter(values) {
            Ok(value) => data::Outcome::Success(CsrfForm(value)),
            Err(errors) => data::Outcome::Error((Status::UnprocessableEntity, errors.to_string())),
        }
    }
}

/// The form of a lone button: nothing but the CSRF field (checked by
/// [`CsrfForm`] before this is parsed).
#[derive(Debug, FromForm)]
pub(crate) struct Button {
    #[field(name = "_csrf")]
    _csrf: String,
}
