//! Queries about `blocks`: addresses and domains that may no longer sign.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};

use super::entities::block::{self, BlockKind};
use crate::domain::email::domain_and_parents;
use crate::domain::Email;
use crate::error::Result;

/// Stores a block; `Conflict` when the same one exists.
pub async fn insert(
    db: &impl ConnectionTrait,
    kind: BlockKind,
    value: &str,
    reason: Option<String>,
    created_by: i64,
) -> Result<block::Model> {
    block::ActiveModel {
        kind: Set(kind),
        value: Set(value.to_owned()),
        reason: Set(reason),
        created_by: Set(created_by),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| super::conflict_on_unique(e, "That is already blocked."))
}

/// Every block, newest first.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<block::Model>> {
    Ok(block::Entity::find()
        .order_by_desc(block::Column::Id)
        .all(db)
        .await?)
}

/// Whether an address may not sign: blocked itself, or its domain or a parent domain is.
pub async fn is_blocked(db: &impl ConnectionTrait, email: &Email) -> Result<bool> {
    let by_email = Condition::all()
        .add(block::Column::Kind.eq(BlockKind::Email))
        .add(block::Column::Value.eq(email.normalized()));
    let by_domain = Condition::all()
        .add(block::Column::Kind.eq(BlockKind::Domain))
        .add(block::Column::Value.is_in(domain_and_parents(email.domain())));
    Ok(block::Entity::find()
        .filter(Condition::any().add(by_email).add(by_domain))
        .count(db)
        .await?
        > 0)
}

/// Every blocked address (canonical) and domain, to leave out of mail to many.
#[derive(Debug, Clone, Default)]
pub struct Blocked {
    pub emails: Vec<String>,
    pub domains: Vec<String>,
}

pub async fn every(db: &impl ConnectionTrait) -> Result<Blocked> {
    let mut out = Blocked::default();
    for b in block::Entity::find().all(db).await? {
        match b.kind {
            BlockKind::Email => out.emails.push(b.value),
            BlockKind::Domain => out.domains.push(b.value),
        }
    }
    Ok(out)
}
