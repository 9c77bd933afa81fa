//! Queries about letters, their groups and their counts.

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::entities::letter::{self, LetterStatus};
use super::entities::letter_group::{self, GroupStatus};
use super::entities::signature::{self, SignatureStatus};
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
    Ok(counts(db, &[letter_id])
        .await?
        .get(&letter_id)
        .copied()
        .unwrap_or(0))
}

/// Confirmed signature counts for several letters at once.
pub async fn counts(db: &impl ConnectionTrait, letter_ids: &[i64]) -> Result<HashMap<i64, u64>> {
    if letter_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i64, i64)> = signature::Entity::find()
        .select_only()
        .column(signature::Column::LetterId)
        .column_as(Expr::col(signature::Column::Id).count(), "n")
        .filter(signature::Column::LetterId.is_in(letter_ids.iter().copied()))
        .filter(signature::Column::Status.eq(SignatureStatus::Confirmed))
        .group_by(signature::Column::LetterId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, n)| (id, n as u64)).collect())
}

/// Confirmed signatures of one letter, and how many of them are verified.
pub async fn verified_count(db: &impl ConnectionTrait, letter_id: i64) -> Result<u64> {
    Ok(signature::Entity::find()
        .filter(signature::Column::LetterId.eq(letter_id))
        .filter(signature::Column::Status.eq(SignatureStatus::Confirmed))
        .filter(signature::Column::VerifiedAffiliation.eq(true))
        .count(db)
        .await?)
}

/// Per group of one letter: (confirmed, of which verified).
pub async fn group_counts(
    db: &impl ConnectionTrait,
    letter_id: i64,
) -> Result<HashMap<i64, (u64, u64)>> {
    let rows: Vec<(Option<i64>, bool, i64)> = signature::Entity::find()
        .select_only()
        .column(signature::Column::GroupId)
        .column(signature::Column::VerifiedAffiliation)
        .column_as(Expr::col(signature::Column::Id).count(), "n")
        .filter(signature::Column::LetterId.eq(letter_id))
        .filter(signature::Column::Status.eq(SignatureStatus::Confirmed))
        .filter(signature::Column::GroupId.is_not_null())
        .group_by(signature::Column::GroupId)
        .group_by(signature::Column::VerifiedAffiliation)
        .into_tuple()
        .all(db)
        .await?;
    let mut out: HashMap<i64, (u64, u64)> = HashMap::new();
    for (group_id, verified, n) in rows {
        let Some(group_id) = group_id else { continue };
        let entry = out.entry(group_id).or_default();
        entry.0 += n as u64;
        if verified {
            entry.1 += n as u64;
        }
    }
    Ok(out)
}
