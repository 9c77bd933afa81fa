//! Sessions: a secret held by the browser (in a private cookie) or the API
//! client (as a bearer token), stored only as its SHA-256.

use chrono::{Duration, Utc};
use sea_orm::ConnectionTrait;

use crate::db::entities::session::{self, SessionKind};
use crate::db::entities::user;
use crate::db::sessions;
use crate::domain::Token;
use crate::error::{Error, Result};

pub(crate) const COOKIE_NAME: &str = "session";

fn lifetime(kind: SessionKind) -> Duration {
    match kind {
        SessionKind::Cookie => Duration::days(14),
        SessionKind::Api => Duration::days(30),
    }
}

/// Opens a session and returns its secret.
pub(crate) async fn open(
    db: &impl ConnectionTrait,
    user_id: i64,
    kind: SessionKind,
) -> Result<Token> {
    let token = Token::generate().map_err(|e| Error::Internal(format!("OS RNG: {e}")))?;
    sessions::insert(db, token.hash(), user_id, kind, Utc::now() + lifetime(kind)).await?;
    Ok(token)
}

/// The live session of `kind` behind a secret, with its user.
pub(crate) async fn find(
    db: &impl ConnectionTrait,
    secret: &str,
    kind: SessionKind,
) -> Result<Option<(session::Model, user::Model)>> {
    let Some(token) = Token::parse(secret) else {
        return Ok(None);
    };
    sessions::find_live(db, &token.hash(), kind).await
}

/// Ends one session.
pub(crate) async fn revoke(db: &impl ConnectionTrait, session_id: i64) -> Result<()> {
    sessions::revoke(db, session_id).await
}

/// Ends every session of a user ("log out everywhere", password reset).
pub(crate) async fn revoke_all(db: &impl ConnectionTrait, user_id: i64) -> Result<()> {
    sessions::revoke_all(db, user_id).await
}
