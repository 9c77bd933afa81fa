//! Queries about `sessions`: each stored by the SHA-256 of its secret.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::entities::session::{self, SessionKind};
use super::entities::user;
use crate::error::Result;

/// Stores a session by its secret's hash.
pub async fn insert(
    db: &impl ConnectionTrait,
    token_hash: String,
    user_id: i64,
    kind: SessionKind,
    expires_at: DateTime<Utc>,
) -> Result<()> {
    session::ActiveModel {
        token_hash: Set(token_hash),
        user_id: Set(user_id),
        kind: Set(kind),
        created_at: Set(Utc::now()),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The live (unexpired, unrevoked) session of `kind` with this hash, and its
/// user if that account is confirmed.
pub async fn find_live(
    db: &impl ConnectionTrait,
    token_hash: &str,
    kind: SessionKind,
) -> Result<Option<(session::Model, user::Model)>> {
    let found = session::Entity::find()
        .filter(session::Column::TokenHash.eq(token_hash))
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

/// Ends every session of a user.
pub async fn revoke_all(db: &impl ConnectionTrait, user_id: i64) -> Result<()> {
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
