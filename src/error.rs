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

/// Field name → message, for validation failures.
pub type FieldErrors = BTreeMap<String, String>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    BadRequest(String),
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Gone(String),
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
    pub fn field(field: &str, message: impl Into<String>) -> Error {
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
            Error::Gone(_) => Status::Gone,
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

    /// The JSON body of the API contract.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Error::Invalid(errors) => json!({ "error": self.to_string(), "errors": errors }),
            _ => json!({ "error": self.to_string() }),
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
