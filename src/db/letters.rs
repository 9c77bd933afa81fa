//! Queries about letters, their groups and their counts.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::counts;
use super::entities::letter::{self, LetterStatus};
use super::entities::letter_group::{self, GroupStatus};
use crate::error::{Error, Result};

/// Letters the public may read (published and closed), newest first.
pub async fn public_letters(db: &impl ConnectionTrait) -> Result<Vec<letter::Model>> {
    Ok(letter::Entity::find()
        .filter(letter::Column::Status.is_in([LetterStatus::Published, LetterStatus::Closed]))
        .order_by_desc(letter::Column::PublishedAt)
        .order_by_desc(letter::Column::Id)
        .all(db)
        .await?)
}

pub async fn find_by_slug(db: &impl ConnectionTrait, slug: &str) -> Result<Option<letter::Model>> {
    Ok(letter::Entity::find()
        .filter(letter::Column::Slug.eq(slug))
        .one(db)
        .await?)
}

/// A letter the public may read, or `NotFound` (drafts are invisible, not forbidden).
pub async fn public_by_slug(db: &impl ConnectionTrait, slug: &str) -> Result<letter::Model> {
    match find_by_slug(db, slug).await? {
        Some(l) if matches!(l.status, LetterStatus::Published | LetterStatus::Closed) => Ok(l),
        _ => Err(Error::NotFound),
    }
}

/// A letter's public (accepted) groups, by name.
pub async fn groups(db: &impl ConnectionTrait, letter_id: i64) -> Result<Vec<letter_group::Model>> {
    groups_with_status(db, letter_id, GroupStatus::Accepted).await
}

/// Groups signers proposed for a letter, oldest first, waiting for a decision.
pub async fn proposed_groups(
    db: &impl ConnectionTrait,
    letter_id: i64,
) -> Result<Vec<letter_group::Model>> {
    groups_with_status(db, letter_id, GroupStatus::Proposed).await
}

async fn groups_with_status(
    db: &impl ConnectionTrait,
    letter_id: i64,
    status: GroupStatus,
) -> Result<Vec<letter_group::Model>> {
    let q = letter_group::Entity::find()
        .filter(letter_group::Column::LetterId.eq(letter_id))
        .filter(letter_group::Column::Status.eq(status));
    let q = match status {
        GroupStatus::Accepted => q.order_by_asc(letter_group::Column::Name),
        GroupStatus::Proposed => q.order_by_asc(letter_group::Column::Id),
    };
    Ok(q.all(db).await?)
}

/// One group of a letter by slug, whatever its status.
pub async fn group_by_slug(
    db: &impl ConnectionTrait,
    letter_id: i64,
    slug: &str,
) -> Result<Option<letter_group::Model>> {
    Ok(letter_group::Entity::find()
        .filter(letter_group::Column::LetterId.eq(letter_id))
        .filter(letter_group::Column::Slug.eq(slug))
        .one(db)
        .await?)
}

/// Confirmed signatures of one letter: the number the public sees.
pub async fn signature_count(db: &impl ConnectionTrait, letter_id: i64) -> Result<u64> {
    Ok(counts::letter(db, letter_id).await?.confirmed)
}

/// Confirmed signature counts for several letters at once.
pub async fn counts(db: &impl ConnectionTrait, letter_ids: &[i64]) -> Result<HashMap<i64, u64>> {
    Ok(counts::letters(db, letter_ids)
        .await?
        .into_iter()
        .map(|(id, t)| (id, t.confirmed))
        .collect())
}
