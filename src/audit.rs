//! The audit log: who did what, when, and why. Written in the same transaction
//! as the action it records; the database refuses to change or delete entries.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::db::entities::{audit_log, user};
use crate::error::Result;

/// What an entry is about.
#[derive(Debug, Default, Clone)]
pub struct Subject {
    pub letter_id: Option<i64>,
    pub signature_id: Option<i64>,
    pub detail: String,
}

pub async fn record(
    db: &impl ConnectionTrait,
    actor: &user::Model,
    action: &str,
    subject: Subject,
    reason: Option<&str>,
) -> Result<()> {
    audit_log::ActiveModel {
        actor_id: Set(actor.id),
        actor_email: Set(actor.email.clone()),
        action: Set(action.to_owned()),
        letter_id: Set(subject.letter_id),
        signature_id: Set(subject.signature_id),
        detail: Set(subject.detail),
        reason: Set(reason.map(str::to_owned)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The id of the letter an audit query names by slug (`None`: all letters).
pub async fn letter_filter(db: &impl ConnectionTrait, slug: Option<&str>) -> Result<Option<i64>> {
    match slug.filter(|s| !s.is_empty()) {
        Some(slug) => Ok(Some(
            crate::db::letters::find_by_slug(db, slug)
                .await?
                .ok_or(crate::error::Error::NotFound)?
                .id,
        )),
        None => Ok(None),
    }
}

/// The newest entries first, optionally of one letter.
pub async fn recent(
    db: &impl ConnectionTrait,
    letter_id: Option<i64>,
    limit: u64,
) -> Result<Vec<audit_log::Model>> {
    let mut q = audit_log::Entity::find();
    if let Some(id) = letter_id {
        q = q.filter(audit_log::Column::LetterId.eq(id));
    }
    Ok(q.order_by_desc(audit_log::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}
