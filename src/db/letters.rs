//! Queries about letters and their groups (one aggregate), and their counts.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::counts;
use super::entities::letter::{self, Category, LetterStatus};
use super::entities::letter_group::{self, GroupStatus};
use super::entities::letter_translation;
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

/// What counts on one letter (confirmed online, and on paper): the number the public sees.
pub async fn signature_count(db: &impl ConnectionTrait, letter_id: i64) -> Result<u64> {
    Ok(counts::letter(db, letter_id).await?.total())
}

/// What counts on several letters at once.
pub async fn counts(db: &impl ConnectionTrait, letter_ids: &[i64]) -> Result<HashMap<i64, u64>> {
    Ok(counts::letters(db, letter_ids)
        .await?
        .into_iter()
        .map(|(id, t)| (id, t.total()))
        .collect())
}

/// Public letters that have a publication date, the most recently published
/// first (`None`: all of them).
pub async fn recently_published(
    db: &impl ConnectionTrait,
    limit: Option<u64>,
) -> Result<Vec<letter::Model>> {
    Ok(letter::Entity::find()
        .filter(letter::Column::Status.is_in([LetterStatus::Published, LetterStatus::Closed]))
        .filter(letter::Column::PublishedAt.is_not_null())
        .order_by_desc(letter::Column::PublishedAt)
        .order_by_desc(letter::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<letter::Model>> {
    Ok(letter::Entity::find_by_id(id).one(db).await?)
}

/// Several letters by id, in no particular order.
pub async fn by_ids(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<Vec<letter::Model>> {
    Ok(letter::Entity::find()
        .filter(letter::Column::Id.is_in(ids))
        .all(db)
        .await?)
}

/// Letters waiting for a moderator, oldest first.
pub async fn in_review(db: &impl ConnectionTrait) -> Result<Vec<letter::Model>> {
    Ok(letter::Entity::find()
        .filter(letter::Column::Status.eq(LetterStatus::InReview))
        .order_by_asc(letter::Column::UpdatedAt)
        .all(db)
        .await?)
}

/// The ids of letters closed before `before`.
pub async fn closed_before(db: &impl ConnectionTrait, before: DateTime<Utc>) -> Result<Vec<i64>> {
    Ok(letter::Entity::find()
        .select_only()
        .column(letter::Column::Id)
        .filter(letter::Column::Status.eq(LetterStatus::Closed))
        .filter(letter::Column::ClosedAt.lt(before))
        .into_tuple()
        .all(db)
        .await?)
}

/// What an organiser writes: a letter's text and settings.
#[derive(Debug, Clone)]
pub struct LetterText<'a> {
    pub slug: &'a str,
    pub closes_at: Option<DateTime<Utc>>,
    pub title: &'a str,
    pub summary: &'a str,
    pub body: &'a str,
    pub category: Category,
    pub goal: Option<i64>,
    pub requires_approval: bool,
    pub allow_group_proposals: bool,
    pub discreet: bool,
    pub language: &'a str,
}

/// What an organiser lists as a group of a letter.
#[derive(Debug, Clone)]
pub struct GroupText<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub email_domains: &'a [String],
    pub require_verified: bool,
    pub goal: Option<i64>,
    pub discreet: bool,
}

/// A letter's translations, by language.
pub async fn translations(
    db: &impl ConnectionTrait,
    letter_id: i64,
) -> Result<Vec<letter_translation::Model>> {
    Ok(letter_translation::Entity::find()
        .filter(letter_translation::Column::LetterId.eq(letter_id))
        .order_by_asc(letter_translation::Column::Language)
        .all(db)
        .await?)
}

/// The translations of letters `ids` into `language` (or a language of its
/// family, `es-MX` for `es`), by letter.
pub async fn translations_into(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
    language: &str,
) -> Result<Vec<letter_translation::Model>> {
    let base = language.split('-').next().unwrap_or(language);
    Ok(letter_translation::Entity::find()
        .filter(letter_translation::Column::LetterId.is_in(ids))
        .filter(
            letter_translation::Column::Language
                .eq(language)
                .or(letter_translation::Column::Language.eq(base))
                .or(letter_translation::Column::Language.starts_with(format!("{base}-"))),
        )
        .order_by_asc(letter_translation::Column::Language)
        .all(db)
        .await?)
}

/// A letter's title as a reader of `language` reads it, if it has a
/// translation for them (see [`crate::i18n::closest`]).
pub async fn translated_title(
    db: &impl ConnectionTrait,
    letter_id: i64,
    language: &str,
) -> Result<Option<String>> {
    let translations = translations_into(db, [letter_id], language).await?;
    Ok(
        crate::i18n::closest(translations.iter(), language, |t| &t.language)
            .map(|t| t.title.clone()),
    )
}

/// A translation as its team writes it.
#[derive(Debug, Clone)]
pub struct TranslationText<'a> {
    pub language: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub body: &'a str,
}

/// Sets the translations of `languages` to `set` (by language): each one
/// named in `set` is written, each other one of `languages` removed.
pub async fn replace_translations(
    db: &impl ConnectionTrait,
    letter_id: i64,
    languages: &[&str],
    set: &[TranslationText<'_>],
) -> Result<()> {
    if !languages.is_empty() {
        letter_translation::Entity::delete_many()
            .filter(letter_translation::Column::LetterId.eq(letter_id))
            .filter(letter_translation::Column::Language.is_in(languages.iter().copied()))
            .exec(db)
            .await?;
    }
    let now = Utc::now();
    for t in set {
        letter_translation::ActiveModel {
            letter_id: Set(letter_id),
            language: Set(t.language.to_owned()),
            title: Set(t.title.to_owned()),
            summary: Set(t.summary.to_owned()),
            body: Set(t.body.to_owned()),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// A letter's counted signatures per language they were signed in.
pub async fn counts_by_language(
    db: &impl ConnectionTrait,
    letter_id: i64,
) -> Result<Vec<(String, i64)>> {
    Ok(signature::Entity::find()
        .select_only()
        .column(signature::Column::Language)
        .column_as(Expr::col(signature::Column::Id).count(), "n")
        .filter(signature::Column::LetterId.eq(letter_id))
        .filter(signature::Column::Status.eq(SignatureStatus::Confirmed))
        .group_by(signature::Column::Language)
        .order_by_asc(signature::Column::Language)
        .into_tuple()
        .all(db)
        .await?)
}

/// Another letter already has the slug.
pub const SLUG_TAKEN: &str = "Another letter already uses this slug.";

/// The columns an organiser writes.
fn written(text: &LetterText<'_>) -> letter::ActiveModel {
    letter::ActiveModel {
        slug: Set(text.slug.to_owned()),
        title: Set(text.title.to_owned()),
        summary: Set(text.summary.to_owned()),
        body: Set(text.body.to_owned()),
        category: Set(text.category),
        goal: Set(text.goal),
        requires_approval: Set(text.requires_approval),
        allow_group_proposals: Set(text.allow_group_proposals),
        discreet: Set(text.discreet),
        language: Set(text.language.to_owned()),
        closes_at: Set(text.closes_at),
        status: Set(LetterStatus::Draft),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
}

/// Stores a new draft; `Conflict` when the slug is taken.
pub async fn insert_draft(
    db: &impl ConnectionTrait,
    text: &LetterText<'_>,
    organiser_id: i64,
) -> Result<letter::Model> {
    let row = written(text);
    letter::ActiveModel {
        created_at: row.updated_at.clone(),
        published_at: Set(None),
        closed_at: Set(None),
        organiser_id: Set(Some(organiser_id)),
        rejection_reason: Set(None),
        ..row
    }
    .insert(db)
    .await
    .map_err(|e| super::conflict_on_unique(e, SLUG_TAKEN))
}

/// Rewrites a letter's text; it becomes a draft again.
pub async fn update_draft(
    db: &impl ConnectionTrait,
    id: i64,
    text: &LetterText<'_>,
) -> Result<letter::Model> {
    letter::ActiveModel {
        id: Set(id),
        ..written(text)
    }
    .update(db)
    .await
    .map_err(|e| super::conflict_on_unique(e, SLUG_TAKEN))
}

/// Replaces a draft's groups whole (drafts have no signatures).
pub async fn replace_groups(
    db: &impl ConnectionTrait,
    letter_id: i64,
    groups: &[GroupText<'_>],
) -> Result<()> {
    letter_group::Entity::delete_many()
        .filter(letter_group::Column::LetterId.eq(letter_id))
        .exec(db)
        .await?;
    let now = Utc::now();
    for g in groups {
        letter_group::ActiveModel {
            letter_id: Set(letter_id),
            slug: Set(g.slug.to_owned()),
            name: Set(g.name.to_owned()),
            email_domains: Set(g.email_domains.join(" ")),
            require_verified: Set(g.require_verified),
            goal: Set(g.goal),
            discreet: Set(g.discreet),
            created_at: Set(now),
            status: Set(GroupStatus::Accepted),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Moves a letter from `from` to `to`, only if it is still in `from` (so two
/// moderators cannot both act); stamps the time or reason the move calls for.
/// Whether it moved.
pub async fn move_status(
    db: &impl ConnectionTrait,
    id: i64,
    from: LetterStatus,
    to: LetterStatus,
    reason: Option<&str>,
) -> Result<bool> {
    let now = Utc::now();
    let mut row = letter::ActiveModel {
        id: Set(id),
        status: Set(to),
        updated_at: Set(now),
        ..Default::default()
    };
    match to {
        LetterStatus::Published => row.published_at = Set(Some(now)),
        LetterStatus::Closed => row.closed_at = Set(Some(now)),
        LetterStatus::Rejected => row.rejection_reason = Set(reason.map(str::to_owned)),
        LetterStatus::InReview => row.rejection_reason = Set(None),
        LetterStatus::Draft => {}
    }
    let res = letter::Entity::update_many()
        .set(row)
        .filter(letter::Column::Id.eq(id))
        .filter(letter::Column::Status.eq(from))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

pub async fn group(db: &impl ConnectionTrait, id: i64) -> Result<Option<letter_group::Model>> {
    Ok(letter_group::Entity::find_by_id(id).one(db).await?)
}

/// Several groups by id, in no particular order.
pub async fn groups_by_ids(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<Vec<letter_group::Model>> {
    Ok(letter_group::Entity::find()
        .filter(letter_group::Column::Id.is_in(ids))
        .all(db)
        .await?)
}

/// Proposed groups of one letter (`Some`) or of every letter, oldest first, 500 at most.
pub async fn proposals(
    db: &impl ConnectionTrait,
    letter_id: Option<i64>,
) -> Result<Vec<letter_group::Model>> {
    let mut q = letter_group::Entity::find()
        .filter(letter_group::Column::Status.eq(GroupStatus::Proposed))
        .order_by_asc(letter_group::Column::Id);
    if let Some(id) = letter_id {
        q = q.filter(letter_group::Column::LetterId.eq(id));
    }
    Ok(q.limit(500).all(db).await?)
}

/// Stores a group a signer proposed, hidden until accepted; `Conflict` when
/// its slug was taken meanwhile.
pub async fn insert_proposed_group(
    db: &impl ConnectionTrait,
    letter_id: i64,
    slug: &str,
    name: &str,
) -> Result<i64> {
    let row = letter_group::ActiveModel {
        letter_id: Set(letter_id),
        slug: Set(slug.to_owned()),
        name: Set(name.to_owned()),
        email_domains: Set(String::new()),
        require_verified: Set(false),
        goal: Set(None),
        created_at: Set(Utc::now()),
        status: Set(GroupStatus::Proposed),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| super::conflict_on_unique(e, "signed concurrently"))?;
    Ok(row.id)
}

/// Makes a proposed group public, named and with the domains that verify it.
pub async fn accept_group(
    db: &impl ConnectionTrait,
    id: i64,
    name: String,
    email_domains: &[String],
) -> Result<letter_group::Model> {
    Ok(letter_group::ActiveModel {
        id: Set(id),
        name: Set(name),
        email_domains: Set(email_domains.join(" ")),
        status: Set(GroupStatus::Accepted),
        ..Default::default()
    }
    .update(db)
    .await?)
}

pub async fn delete_group(db: &impl ConnectionTrait, id: i64) -> Result<()> {
    letter_group::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// Sets or removes a letter's deadline (allowed on a published letter too).
pub async fn set_deadline(
    db: &impl ConnectionTrait,
    id: i64,
    closes_at: Option<DateTime<Utc>>,
) -> Result<letter::Model> {
    Ok(letter::ActiveModel {
        id: Set(id),
        closes_at: Set(closes_at),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(db)
    .await?)
}

/// Published letters whose deadline has come.
pub async fn past_deadline(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<Vec<letter::Model>> {
    Ok(letter::Entity::find()
        .filter(letter::Column::Status.eq(LetterStatus::Published))
        .filter(letter::Column::ClosesAt.lte(now))
        .all(db)
        .await?)
}

/// Public letters with a goal not reached yet: (id, goal).
pub async fn goal_pending(db: &impl ConnectionTrait) -> Result<Vec<(i64, i64)>> {
    Ok(letter::Entity::find()
        .select_only()
        .column(letter::Column::Id)
        .column(letter::Column::Goal)
        .filter(letter::Column::Status.is_in([LetterStatus::Published, LetterStatus::Closed]))
        .filter(letter::Column::Goal.is_not_null())
        .filter(letter::Column::GoalReachedAt.is_null())
        .into_tuple()
        .all(db)
        .await?)
}

/// Records the moment a letter's count reached its goal (once: a later call changes nothing).
pub async fn set_goal_reached(db: &impl ConnectionTrait, id: i64, at: DateTime<Utc>) -> Result<()> {
    letter::Entity::update_many()
        .col_expr(
            letter::Column::GoalReachedAt,
            sea_orm::sea_query::Expr::value(Some(at)),
        )
        .filter(letter::Column::Id.eq(id))
        .filter(letter::Column::GoalReachedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Holds a letter's row until the transaction ends, so that what is decided
/// about it (one update per interval) is decided one at a time. PostgreSQL
/// only: SQLite has one writer at a time anyway.
pub async fn lock(db: &impl ConnectionTrait, id: i64) -> Result<()> {
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        letter::Entity::find_by_id(id)
            .lock_exclusive()
            .one(db)
            .await?;
    }
    Ok(())
}
