//! Queries about `users`: organiser and moderator accounts.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::entities::user::{self, Role};
use crate::error::Result;

/// The account of a (lower-cased) address.
pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<user::Model>> {
    Ok(user::Entity::find_by_id(id).one(db).await?)
}

pub async fn find_by_email(db: &impl ConnectionTrait, email: &str) -> Result<Option<user::Model>> {
    Ok(user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await?)
}

/// Stores a new account; `confirmed` for accounts an operator makes, unset
/// for registrations until their emailed link is followed.
pub async fn insert(
    db: &impl ConnectionTrait,
    email: &str,
    password_hash: String,
    role: Role,
    confirmed: bool,
    language: &str,
) -> Result<user::Model> {
    let now = Utc::now();
    Ok(user::ActiveModel {
        email: Set(email.to_owned()),
        password_hash: Set(password_hash),
        role: Set(role),
        confirmed_at: Set(confirmed.then_some(now)),
        created_at: Set(now),
        language: Set(language.to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// Marks an account's address as proved (its emailed link was followed).
pub async fn confirm(db: &impl ConnectionTrait, user_id: i64) -> Result<()> {
    user::ActiveModel {
        id: Set(user_id),
        confirmed_at: Set(Some(Utc::now())),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Sets a new password hash; the reset link that allowed it proves the address too.
pub async fn set_password(db: &impl ConnectionTrait, user_id: i64, hash: String) -> Result<()> {
    user::ActiveModel {
        id: Set(user_id),
        password_hash: Set(hash),
        confirmed_at: Set(Some(Utc::now())),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}
