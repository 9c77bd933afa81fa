//! One error type for the whole application.
//!
//! What the user sees (`public message`) is kept apart from what is logged
//! (`Internal` carries detail that never leaves the server).

use std::collections::BTreeMap;

use rocket::http::{ContentType, Status};
use rocket::response::{self, Responder};
use rocket::serde::json::Json;
use rocket::Request;
use serde_json::json;

/// What a failed login says, whatever failed.
pub const BAD_LOGIN: &str = "That email and password don't match an account.";

/// Field name → message, for validation failures (in English in the API,
/// in the reader's language on a page).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct FieldErrors(BTreeMap<String, crate::i18n::Msg>);

impl FieldErrors {
    pub fn new() -> FieldErrors {
        FieldErrors::default()
    }

    /// Records the first problem of `field` (a later one replaces it).
    pub fn insert(&mut self, field: String, message: impl Into<crate::i18n::Msg>) {
        self.0.insert(field, message.into());
    }

    /// Every message in `lang`, for a page.
    pub fn render(&self, lang: &str) -> BTreeMap<String, String> {
        self.0
            .iter()
            .map(|(k, v)| (k.clone(), v.render(lang)))
            .collect()
    }
}

impl std::ops::Deref for FieldErrors {
    type Target = BTreeMap<String, crate::i18n::Msg>;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl std::ops::DerefMut for FieldErrors {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl IntoIterator for FieldErrors {
    type Item = (String, crate::i18n::Msg);
    type IntoIter = std::collections::btree_map::IntoIter<String, crate::i18n::Msg>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    BadRequest(String),
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Gone(String),
    /// A link's token expired, was used up, or never existed.
    #[error("This link has expired or has already been used.")]
    LinkNotValid,
    #[error("This letter is closed and no longer takes signatures.")]
    LetterClosed,
    #[error("This campaign is closed and no longer takes volunteers.")]
    CampaignClosed,
    #[error("some fields are not valid")]
    Invalid(FieldErrors),
    #[error("{0}")]
    Conflict(String),
    #[error("you need to log in")]
    Unauthorized,
    #[error("{}", BAD_LOGIN)]
    BadCredentials,
    #[error("you are not allowed to do that")]
    Forbidden,
    #[error("too many attempts; try again in {0} seconds")]
    TooManyRequests(u64),
    /// Too soon for one more of something rationed (an update per interval):
    /// what the user is told, and the seconds until it is allowed.
    #[error("{0}")]
    TooSoon(String, u64),
    #[error("the service is unavailable, try again shortly")]
    Unavailable(String),
    /// More requests of a kind are in hand than the service can finish in
    /// time; refused at once, not logged one by one (the metrics count them).
    #[error("{0}")]
    Busy(&'static str),
    #[error("something went wrong on our side")]
    Internal(String),
}

impl Error {
    /// A validation failure of one field.
    pub fn field(field: &str, message: impl Into<crate::i18n::Msg>) -> Error {
        let mut errors = FieldErrors::new();
        errors.insert(field.to_owned(), message.into());
        Error::Invalid(errors)
    }

    pub fn status(&self) -> Status {
        match self {
            Error::BadRequest(_) => Status::BadRequest,
            Error::NotFound => Status::NotFound,
            Error::Unauthorized | Error::BadCredentials => Status::Unauthorized,
            Error::Forbidden => Status::Forbidden,
            Error::TooManyRequests(_) | Error::TooSoon(..) => Status::TooManyRequests,
            Error::Gone(_) | Error::LinkNotValid | Error::LetterClosed | Error::CampaignClosed => {
                Status::Gone
            }
            Error::Invalid(_) => Status::UnprocessableEntity,
            Error::Conflict(_) => Status::Conflict,
            Error::Unavailable(_) | Error::Busy(_) => Status::ServiceUnavailable,
            Error::Internal(_) => Status::InternalServerError,
        }
    }

    /// Logs server-side detail once, where the error turns into a response.
    fn log(&self) {
        match self {
            Error::Internal(detail) => tracing::error!(%detail, "internal error"),
            Error::Unavailable(detail) => tracing::warn!(%detail, "service unavailable"),
            _ => {}
        }
    }

    /// Seconds to wait before trying again, for `Retry-After`.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            Error::TooManyRequests(secs) | Error::TooSoon(_, secs) => Some(*secs),
            Error::Busy(_) => Some(1),
            _ => None,
        }
    }

    /// A stable, machine-readable name of the error, for clients to
    /// translate: the API's `"code"` beside its English `"error"`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::BadRequest(_) => "bad_request",
            Error::NotFound => "not_found",
            Error::Gone(_) => "gone",
            Error::LinkNotValid => "link_not_valid",
            Error::LetterClosed => "letter_closed",
            Error::CampaignClosed => "campaign_closed",
            Error::Invalid(_) => "invalid_field",
            Error::Conflict(_) => "conflict",
            Error::Unauthorized => "unauthorized",
            Error::BadCredentials => "bad_credentials",
            Error::Forbidden => "forbidden",
            Error::TooManyRequests(_) => "rate_limited",
            Error::TooSoon(..) => "too_soon",
            Error::Unavailable(_) => "unavailable",
            Error::Busy(_) => "busy",
            Error::Internal(_) => "internal",
        }
    }

    /// What a person is told, in any language (the API says it in English).
    pub fn message(&self) -> crate::i18n::Msg {
        use crate::i18n::Msg;
        match self {
            Error::LinkNotValid => Msg::id("error-link-not-valid"),
            Error::LetterClosed => Msg::id("error-letter-closed"),
            Error::CampaignClosed => Msg::id("error-campaign-closed"),
            Error::BadCredentials => Msg::id("error-bad-credentials"),
            Error::Unauthorized => Msg::id("error-unauthorized"),
            Error::Forbidden => Msg::id("error-forbidden"),
            Error::NotFound => Msg::id("error-not-found"),
            Error::TooManyRequests(secs) => Msg::id("error-rate-limited").with("n", secs),
            Error::Unavailable(_) => Msg::id("error-unavailable"),
            other => Msg::Text(other.to_string()),
        }
    }

    /// The JSON body of the API contract.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Error::Invalid(errors) => {
                json!({ "error": self.to_string(), "code": self.code(), "errors": errors })
            }
            _ => json!({ "error": self.to_string(), "code": self.code() }),
        }
    }
}

impl From<sea_orm::DbErr> for Error {
    fn from(err: sea_orm::DbErr) -> Self {
        use sea_orm::DbErr;
        match &err {
            DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => Error::Unavailable(err.to_string()),
            _ => Error::Internal(err.to_string()),
        }
    }
}

impl<T> From<sea_orm::TransactionError<T>> for Error
where
    T: Into<Error> + std::error::Error,
{
    fn from(err: sea_orm::TransactionError<T>) -> Self {
        match err {
            sea_orm::TransactionError::Connection(db) => db.into(),
            sea_orm::TransactionError::Transaction(e) => e.into(),
        }
    }
}

impl From<tera::Error> for Error {
    fn from(err: tera::Error) -> Self {
        Error::Internal(format!("template: {err:?}"))
    }
}

/// API responses render errors as JSON.
impl<'r> Responder<'r, 'static> for Error {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        self.log();
        let status = self.status();
        let mut res = Json(self.to_json()).respond_to(req)?;
        res.set_status(status);
        res.set_header(ContentType::JSON);
        if let Some(secs) = self.retry_after() {
            res.set_raw_header("Retry-After", secs.to_string());
        }
        Ok(res)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
