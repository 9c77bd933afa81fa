//! Request guards. The HTML side authenticates by the private session cookie
//! only; the API by `Authorization: Bearer` only, so a browser's cookie can
//! never drive the API.

use rocket::http::Status;
use rocket::outcome::{try_outcome, IntoOutcome};
use rocket::request::{FromRequest, Outcome};
use rocket::Request;

use super::sessions;
use crate::db::entities::session::SessionKind;
use crate::db::entities::user::{self, Role};

/// Who is making the request, and through which session.
#[derive(Debug, Clone)]
pub(crate) struct Authenticated {
    pub user: user::Model,
    pub session_id: i64,
}

impl Authenticated {
    pub(crate) fn is_moderator(&self) -> bool {
        self.user.role == Role::Moderator
    }
}

/// Looks the session up once per request, whichever guards ask.
async fn authenticate(req: &Request<'_>, kind: SessionKind) -> Outcome<Authenticated, ()> {
    #[derive(Default)]
    struct Cached(Option<Result<Option<Authenticated>, ()>>);

    let cached: &Cached = req
        .local_cache_async(async {
            let Some(db) = req.rocket().state::<sea_orm::DatabaseConnection>() else {
                return Cached(Some(Err(())));
            };
            let secret = match kind {
                SessionKind::Cookie => req
                    .cookies()
                    .get_private(sessions::COOKIE_NAME)
                    .map(|c| c.value().to_owned()),
                SessionKind::Api => req
                    .headers()
                    .get_one("Authorization")
                    .and_then(|h| h.strip_prefix("Bearer "))
                    .map(|t| t.trim().to_owned()),
            };
            let Some(secret) = secret else {
                return Cached(Some(Ok(None)));
            };
            match sessions::find(db, &secret, kind).await {
                Ok(found) => Cached(Some(Ok(found.map(|(s, user)| Authenticated {
                    user,
                    session_id: s.id,
                })))),
                Err(e) => {
                    tracing::warn!(error = %e, "session lookup failed");
                    Cached(Some(Err(())))
                }
            }
        })
        .await;
    match &cached.0 {
        Some(Ok(Some(a))) => Outcome::Success(a.clone()),
        Some(Ok(None)) => Outcome::Error((Status::Unauthorized, ())),
        _ => Outcome::Error((Status::ServiceUnavailable, ())),
    }
}

macro_rules! guard {
    ($(#[$doc:meta])* $name:ident, $kind:expr, $moderator_only:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub(crate) struct $name(pub(crate) Authenticated);

        #[rocket::async_trait]
        impl<'r> FromRequest<'r> for $name {
            type Error = ();

            async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
                let who = try_outcome!(authenticate(req, $kind).await);
                if $moderator_only && !who.is_moderator() {
                    return Outcome::Error((Status::Forbidden, ()));
                }
                Outcome::Success($name(who))
            }
        }
    };
}

guard!(
    /// Any logged-in account on the HTML side.
    User, SessionKind::Cookie, false
);
guard!(
    /// An account that may organise letters (organisers and moderators).
    Organiser, SessionKind::Cookie, false
);
guard!(
    /// A moderator on the HTML side; others get 403.
    Moderator, SessionKind::Cookie, true
);
guard!(
    /// Any API client with a valid bearer token.
    ApiUser, SessionKind::Api, false
);
guard!(
    /// An API client that may organise letters.
    ApiOrganiser, SessionKind::Api, false
);
guard!(
    /// A moderator's API client; others get 403.
    ApiModerator, SessionKind::Api, true
);

/// An API client that may or may not have credentials (public reads that show
/// owners and moderators a little more).
#[derive(Debug, Clone)]
pub(crate) struct MaybeApiUser(pub Option<Authenticated>);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for MaybeApiUser {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        match authenticate(req, SessionKind::Api).await {
            Outcome::Success(a) => Outcome::Success(MaybeApiUser(Some(a))),
            Outcome::Error((Status::Unauthorized, _)) => Outcome::Success(MaybeApiUser(None)),
            Outcome::Error(e) => Outcome::Error(e),
            Outcome::Forward(f) => Outcome::Forward(f),
        }
    }
}

/// The logged-in account on the HTML side, if any (for page headers).
#[derive(Debug, Clone)]
pub(crate) struct MaybeUser(pub Option<Authenticated>);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for MaybeUser {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        let who = authenticate(req, SessionKind::Cookie).await.succeeded();
        Some(MaybeUser(who)).or_error((Status::InternalServerError, ()))
    }
}
