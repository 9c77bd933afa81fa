//! Who is asking: password hashing, sessions, CSRF, and the request guards
//! for organisers and moderators (they read the database and settings Rocket
//! manages, never the application's state).

pub(crate) mod csrf;
pub(crate) mod guards;
pub(crate) mod password;
pub(crate) mod sessions;

pub(crate) use csrf::{Button, CsrfForm, CsrfToken};
pub(crate) use guards::{
    ApiModerator, ApiOrganiser, ApiUser, MaybeApiUser, Moderator, Organiser, User,
};
