//! Rate limits counted in the database, so they hold across instances.

use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

use crate::db::entities::rate_event;
use crate::error::Result;

/// At most `max` events per `window`.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub max: u64,
    pub window: Duration,
}

/// Failed logins per account (by the address typed, whether or not it exists).
pub const LOGIN_PER_ACCOUNT: Limit = Limit {
    max: 5,
    window: Duration::minutes(15),
};
/// Failed logins per client address.
pub const LOGIN_PER_IP: Limit = Limit {
    max: 30,
    window: Duration::minutes(15),
};
/// Registrations and password-reset requests per client address.
pub const ACCOUNT_MAIL_PER_IP: Limit = Limit {
    max: 10,
    window: Duration::hours(1),
};

/// Mails to an address that signs a letter it has already signed.
pub const REPEAT_MAIL_PER_ADDRESS: Limit = Limit {
    max: 3,
    window: Duration::hours(24),
};

/// `Some(seconds to wait)` when `bucket` is at its limit.
pub async fn retry_after(
    db: &impl ConnectionTrait,
    bucket: &str,
    limit: Limit,
) -> Result<Option<u64>> {
    let since = Utc::now() - limit.window;
    let query = rate_event::Entity::find()
        .filter(rate_event::Column::Bucket.eq(bucket))
        .filter(rate_event::Column::At.gt(since));
    if query.clone().count(db).await? < limit.max {
        return Ok(None);
    }
    // The oldest event in the window decides when a place frees up.
    let oldest = query
        .order_by_asc(rate_event::Column::At)
        .one(db)
        .await?
        .map(|e| e.at)
        .unwrap_or_else(Utc::now);
    let wait = (oldest + limit.window - Utc::now()).num_seconds().max(1);
    Ok(Some(wait as u64))
}

/// Counts one event against `bucket`.
pub async fn hit(db: &impl ConnectionTrait, bucket: &str) -> Result<()> {
    rate_event::ActiveModel {
        bucket: Set(bucket.to_owned()),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
