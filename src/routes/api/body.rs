//! Reading JSON bodies: a 400 that says what is wrong, or an empty body as the default.

use rocket::serde::json::{self, Json};

use crate::error::{Error, Result};

/// A JSON body, or a 400 that says what is wrong with it.
pub(crate) fn body<T>(data: std::result::Result<Json<T>, json::Error<'_>>) -> Result<T> {
    match data {
        Ok(Json(v)) => Ok(v),
        Err(json::Error::Io(e)) => Err(Error::BadRequest(format!("could not read the body: {e}"))),
        Err(json::Error::Parse(_, e)) => Err(Error::BadRequest(format!("malformed JSON: {e}"))),
    }
}

/// A body carrying an emailed link's token (`{"token"}`).
#[derive(serde::Deserialize, utoipa::ToSchema)]
pub(crate) struct TokenBody {
    /// The token of the emailed link (the part after its last `/`).
    token: Option<String>,
}

/// The token of a [`TokenBody`], or a 422 saying it is missing.
pub(crate) fn token_of(
    data: std::result::Result<Json<TokenBody>, json::Error<'_>>,
) -> Result<String> {
    body(data)?
        .token
        .filter(|t| !t.is_empty())
        .ok_or_else(|| Error::field("token", "The token is missing."))
}

/// A JSON body that may be left out (an empty body is `T::default()`).
pub(crate) fn optional_body<T: Default>(
    data: std::result::Result<Json<T>, json::Error<'_>>,
) -> Result<T> {
    match data {
        Err(json::Error::Parse(raw, _)) if raw.trim().is_empty() => Ok(T::default()),
        other => body(other),
    }
}
