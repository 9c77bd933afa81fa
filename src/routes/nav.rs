//! What every HTML page needs besides its own content: who is logged in, and
//! the CSRF token its forms carry.

use rocket::outcome::try_outcome;
use rocket::request::{FromRequest, Outcome};
use rocket::Request;
use serde::Serialize;

use crate::auth::guards::MaybeUser;
use crate::auth::CsrfToken;

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Nav {
    pub user_email: Option<String>,
    pub moderator: bool,
    pub csrf: String,
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Nav {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        let csrf = try_outcome!(req.guard::<CsrfToken>().await);
        let who = try_outcome!(req.guard::<MaybeUser>().await);
        Outcome::Success(Nav {
            user_email: who.0.as_ref().map(|w| w.user.email.clone()),
            moderator: who.0.as_ref().is_some_and(|w| w.is_moderator()),
            csrf: csrf.0,
        })
    }
}
