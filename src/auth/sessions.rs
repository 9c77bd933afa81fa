//! Sessions: a secret held by the browser (in a private cookie) or the API
//! client (as a bearer token), stored here only as its SHA-256.

use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::db::entities::session::{self, SessionKind};
use crate::db::entities::user;
use crate::domain::Token;
use crate::error::{Error, Result};

pub const COOKIE_NAME: &str = "session";

fn lifetime(kind: SessionKind) -> Duration {
    match kind {
        SessionKind::Cookie => Duration::days(14),
        SessionKind::Api => Duration::days(30),
    }
}

/// Opens a session and returns its secret.
pub async fn open(db: &impl ConnectionTrait, user_id: i64, kind: SessionKind) -> Result<Token> {
    let token = Token::generate().map_err(|e| Error::Internal(format!("OS RNG: {e}")))?;
    let now = Utc::now();
    session::ActiveModel {
        token_hash: Set(token.hash()),
        user_id: Set(user_id),
        kind: Set(kind),
        created_at: Set(now),
        expires_at: Set(now + lifetime(kind)),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The live session of `kind` behind a secret, with its user.
pub async fn find(
    db: &impl ConnectionTrait,
    secret: &str,
    kind: SessionKind,
) -> Result<Option<(session::Model, user::Model)>> {
    let Some(token) = Token::parse(secret) else {
        return Ok(None);
    };
    let found = session::Entity::find()
        .filter(session::Column::TokenHash.eq(token.hash()))
        .filter(session::Column::Kind.eq(kind))
        .filter(session::Column::RevokedAt.is_null())
        .filter(session::Column::ExpiresAt.gt(Utc::now()))
        .one(db)
        .await?;
    let Some(s) = found else { return Ok(None) };
    let user = user::Entity::find_by_id(s.user_id).one(db).await?;
    Ok(user.filter(|u| u.confirmed_at.is_some()).map(|u| (s, u)))
}

/// Ends one session.
pub async fn revoke(db: &impl ConnectionTrait, session_id: i64) -> Result<()> {
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(session::Column::Id.eq(session_id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of a user ("log out everywhere", password reset).
pub async fn revoke_all(db: &impl ConnectionTrait, user_id: i64) -> Result<()> {
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
