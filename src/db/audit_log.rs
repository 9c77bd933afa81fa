//! Queries about `audit_log`: appended to, never changed (the database refuses).

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::entities::audit_log;

use crate::error::Result;

/// One entry, as the use case that acted describes it.
#[derive(Debug, Clone)]
pub struct NewEntry<'a> {
    pub actor_id: i64,
    pub actor_email: &'a str,
    pub action: &'a str,
    pub letter_id: Option<i64>,
    pub signature_id: Option<i64>,
    pub detail: String,
    pub reason: Option<&'a str>,
}

fn row(entry: NewEntry<'_>, at: chrono::DateTime<Utc>) -> audit_log::ActiveModel {
    audit_log::ActiveModel {
        actor_id: Set(entry.actor_id),
        actor_email: Set(entry.actor_email.to_owned()),
        action: Set(entry.action.to_owned()),
        letter_id: Set(entry.letter_id),
        signature_id: Set(entry.signature_id),
        detail: Set(entry.detail),
        reason: Set(entry.reason.map(str::to_owned)),
        created_at: Set(at),
        ..Default::default()
    }
}

pub async fn insert(db: &impl ConnectionTrait, entry: NewEntry<'_>) -> Result<()> {
    row(entry, Utc::now()).insert(db).await?;
    Ok(())
}

/// Several entries at once (a bulk action records one per signature).
pub async fn insert_many(db: &impl ConnectionTrait, entries: Vec<NewEntry<'_>>) -> Result<()> {
    let now = Utc::now();
    let rows: Vec<audit_log::ActiveModel> = entries.into_iter().map(|e| row(e, now)).collect();
    for chunk in rows.chunks(1_000) {
        audit_log::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    Ok(())
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
