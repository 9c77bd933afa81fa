//! Accounts: password hashing, sessions, CSRF, and the request guards for
//! organisers and moderators.

pub mod csrf;
pub mod guards;
pub mod password;
pub mod sessions;

pub use csrf::{Button, CsrfForm, CsrfToken};
pub use guards::{ApiModerator, ApiOrganiser, ApiUser, MaybeApiUser, Moderator, Organiser, User};
