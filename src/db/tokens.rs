//! Issuing and redeeming one-time tokens.

use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::entities::token::{self, TokenPurpose};
use crate::domain::Token;
use crate::error::{Error, Result};

/// Creates a token for a signature and stores its hash; the plain token goes only into the email.
pub async fn issue(
    db: &impl ConnectionTrait,
    purpose: TokenPurpose,
    signature_id: i64,
    lifetime: Duration,
) -> Result<Token> {
    store(db, purpose, Some(signature_id), None, lifetime).await
}

/// Creates a token for an account (confirmation, password reset).
pub async fn issue_for_user(
    db: &impl ConnectionTrait,
    purpose: TokenPurpose,
    user_id: i64,
    lifetime: Duration,
) -> Result<Token> {
    store(db, purpose, None, Some(user_id), lifetime).await
}

async fn store(
    db: &impl ConnectionTrait,
    purpose: TokenPurpose,
    signature_id: Option<i64>,
    user_id: Option<i64>,
    lifetime: Duration,
) -> Result<Token> {
    let (token, row) = prepare(purpose, signature_id, user_id, lifetime)?;
    row.insert(db).await?;
    Ok(token)
}

/// A new token and the row that stores its hash, for inserting many at once.
pub fn prepare(
    purpose: TokenPurpose,
    signature_id: Option<i64>,
    user_id: Option<i64>,
    lifetime: Duration,
) -> Result<(Token, token::ActiveModel)> {
    let token = Token::generate().map_err(|e| Error::Internal(format!("OS RNG: {e}")))?;
    let now = Utc::now();
    let row = token::ActiveModel {
        token_hash: Set(token.hash()),
        purpose: Set(purpose),
        signature_id: Set(signature_id),
        user_id: Set(user_id),
        expires_at: Set(now + lifetime),
        used_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    };
    Ok((token, row))
}

/// A live token of `purpose` matching `text`, without using it up.
/// Unknown, malformed, expired and used tokens are all `Gone`.
pub async fn find_live(
    db: &impl ConnectionTrait,
    purpose: TokenPurpose,
    text: &str,
) -> Result<token::Model> {
    let Some(token) = Token::parse(text) else {
        return Err(Error::LinkNotValid);
    };
    // The lookup is by hash through a unique index: the secret itself is never compared.
    let found = token::Entity::find()
        .filter(token::Column::TokenHash.eq(token.hash()))
        .filter(token::Column::Purpose.eq(purpose))
        .one(db)
        .await?;
    match found {
        Some(t) if t.used_at.is_none() && t.expires_at > Utc::now() => Ok(t),
        _ => Err(Error::LinkNotValid),
    }
}

/// Marks a token used. Of two requests racing with one token, only one wins.
pub async fn use_up(db: &impl ConnectionTrait, token_id: i64) -> Result<()> {
    let res = token::Entity::update_many()
        .col_expr(token::Column::UsedAt, Expr::value(Utc::now()))
        .filter(token::Column::Id.eq(token_id))
        .filter(token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    if res.rows_affected == 1 {
        Ok(())
    } else {
        Err(Error::LinkNotValid)
    }
}

/// Retires every unused token of `purpose` for a signature (e.g. confirm links after withdrawal).
pub async fn retire_for_signature(
    db: &impl ConnectionTrait,
    signature_id: i64,
    purpose: TokenPurpose,
) -> Result<()> {
    token::Entity::update_many()
        .col_expr(token::Column::UsedAt, Expr::value(Utc::now()))
        .filter(token::Column::SignatureId.eq(signature_id))
        .filter(token::Column::Purpose.eq(purpose))
        .filter(token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Stores tokens made with [`prepare`], in one statement.
pub async fn insert_many(db: &impl ConnectionTrait, rows: Vec<token::ActiveModel>) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    token::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}
