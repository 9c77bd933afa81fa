//! Queries about `server_secrets`: keys made once and kept.

use chrono::Utc;
use sea_orm::{ConnectionTrait, EntityTrait, Set};

use super::entities::server_secret;
use crate::error::{Error, Result};

/// The secret named `name`, made by `make` and stored if there is none yet.
/// Two instances starting at once both read the one stored first.
pub async fn get_or_insert(
    db: &impl ConnectionTrait,
    name: &str,
    make: impl FnOnce() -> Result<String>,
) -> Result<String> {
    if let Some(row) = server_secret::Entity::find_by_id(name.to_owned())
        .one(db)
        .await?
    {
        return Ok(row.secret);
    }
    server_secret::Entity::insert(server_secret::ActiveModel {
        name: Set(name.to_owned()),
        secret: Set(make()?),
        created_at: Set(Utc::now()),
    })
    .on_conflict_do_nothing_on([server_secret::Column::Name])
    .exec(db)
    .await?;
    Ok(server_secret::Entity::find_by_id(name.to_owned())
        .one(db)
        .await?
        .ok_or_else(|| Error::Internal(format!("server secret {name} vanished")))?
        .secret)
}
