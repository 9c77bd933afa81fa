//! What every HTML page needs besides its own content: who is logged in, the
//! CSRF token its forms carry, and the reader's language.

use rocket::outcome::try_outcome;
use rocket::request::{FromRequest, Outcome};
use rocket::Request;
use serde::Serialize;

use rocket::http::{Cookie, SameSite};

use crate::auth::guards::MaybeUser;
use crate::auth::CsrfToken;
use crate::i18n;

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Nav {
    pub user_email: Option<String>,
    pub moderator: bool,
    pub csrf: String,
    /// The page's language (`en`, `es`...), and how it is written (`ltr`, `rtl`).
    pub lang: String,
    pub dir: &'static str,
    /// Every language the service speaks, for the switcher: (code, own name).
    pub languages: Vec<(String, String)>,
    /// This page's path, for the switcher's links.
    pub here: String,
    /// `?lang=` as asked, even for a language the interface does not speak
    /// (a letter may be written in it).
    #[serde(skip)]
    pub asked: Option<String>,
}

/// The cookie the language switcher sets.
pub(crate) const LANG_COOKIE: &str = "lang";

/// The reader's language: `?lang=`, the cookie (set on pages by `?lang=`),
/// `Accept-Language`, the site's `default_language`.
pub(crate) struct Lang(pub String);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Lang {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        Outcome::Success(Lang(lang_of(req)))
    }
}

/// On a page, `?lang=` also sets the cookie, so the choice stays (the API
/// sets no cookie).
fn remember(req: &Request<'_>, lang: &str) {
    let query = req.query_value::<&str>("lang").and_then(Result::ok);
    let cookie = req.cookies().get(LANG_COOKIE).map(|c| c.value().to_owned());
    if query.is_some_and(|q| q == lang) && cookie.as_deref() != Some(lang) {
        req.cookies().add(
            Cookie::build((LANG_COOKIE, lang.to_owned()))
                .path("/")
                .same_site(SameSite::Lax)
                .max_age(rocket::time::Duration::days(365)),
        );
    }
}

/// The language `req` asks for (see [`Lang`]), without setting the cookie.
pub(crate) fn lang_of(req: &Request<'_>) -> String {
    let (default, pseudo) =
        req.rocket()
            .state::<crate::state::AppState>()
            .map_or(("en".to_owned(), false), |app| {
                (
                    app.settings.default_language.clone(),
                    app.settings.pseudo_language,
                )
            });
    let query = req.query_value::<&str>("lang").and_then(Result::ok);
    let cookie = req.cookies().get(LANG_COOKIE).map(|c| c.value().to_owned());
    i18n::negotiate(
        query,
        cookie.as_deref(),
        req.headers().get_one("Accept-Language"),
        &default,
        pseudo,
    )
}

impl Nav {
    /// For a page that is not a route's own (an error): the language and the
    /// switcher, nobody logged in, no form.
    pub(crate) fn plain(req: &Request<'_>) -> Nav {
        Nav::with(req, None, false, String::new(), lang_of(req))
    }

    fn with(
        req: &Request<'_>,
        user_email: Option<String>,
        moderator: bool,
        csrf: String,
        lang: String,
    ) -> Nav {
        Nav {
            user_email,
            moderator,
            csrf,
            dir: i18n::direction(&lang),
            languages: i18n::languages()
                .iter()
                .map(|l| (l.clone(), i18n::language_name(l)))
                .collect(),
            here: here_without_lang(req),
            asked: req
                .query_value::<&str>("lang")
                .and_then(Result::ok)
                .and_then(i18n::canonical_language),
            lang,
        }
    }

    /// The language to serve a letter's own text in: the one asked for, else
    /// the page's.
    pub(crate) fn text_lang(&self) -> &str {
        self.asked.as_deref().unwrap_or(&self.lang)
    }
}

/// The path of `req`, for the switcher's links: its query stays out (a
/// search's words are not repeated across the page).
fn here_without_lang(req: &Request<'_>) -> String {
    req.uri().path().to_string()
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Nav {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        let csrf = try_outcome!(req.guard::<CsrfToken>().await);
        let who = try_outcome!(req.guard::<MaybeUser>().await);
        let lang = try_outcome!(req.guard::<Lang>().await).0;
        remember(req, &lang);
        Outcome::Success(Nav::with(
            req,
            who.0.as_ref().map(|w| w.user.email.clone()),
            who.0.as_ref().is_some_and(|w| w.is_moderator()),
            csrf.0,
            lang,
        ))
    }
}
