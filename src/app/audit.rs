//! The audit log: who did what, when, and why. Written in the same transaction
//! as the action it records; the database refuses to change or delete entries.

use sea_orm::ConnectionTrait;

use crate::db::audit_log::{self, NewEntry};
use crate::db::entities::{audit_log as entry, user};
use crate::error::{Error, Result};

/// What an entry is about.
#[derive(Debug, Default, Clone)]
pub(crate) struct Subject {
    pub letter_id: Option<i64>,
    pub signature_id: Option<i64>,
    pub detail: String,
}

pub(crate) async fn record(
    db: &impl ConnectionTrait,
    actor: &user::Model,
    action: &str,
    subject: Subject,
    reason: Option<&str>,
) -> Result<()> {
    write(db, (actor.id, &actor.email), action, subject, reason).await
}

/// Records one action on many subjects at once, as one entry each.
pub(crate) async fn record_many(
    db: &impl ConnectionTrait,
    actor: &user::Model,
    action: &str,
    subjects: Vec<Subject>,
    reason: Option<&str>,
) -> Result<()> {
    let entries = subjects
        .into_iter()
        .map(|subject| NewEntry {
            actor_id: actor.id,
            actor_email: &actor.email,
            action,
            letter_id: subject.letter_id,
            signature_id: subject.signature_id,
            detail: subject.detail,
            reason,
        })
        .collect();
    audit_log::insert_many(db, entries).await
}

/// Who the log names for what the service does by itself (a deadline passing).
pub(crate) const SERVICE_ACTOR: &str = "undersigned (automatic)";

/// Records what the service did by itself, with actor id 0.
pub(crate) async fn record_by_service(
    db: &impl ConnectionTrait,
    action: &str,
    subject: Subject,
    reason: Option<&str>,
) -> Result<()> {
    write(db, (0, SERVICE_ACTOR), action, subject, reason).await
}

async fn write(
    db: &impl ConnectionTrait,
    (actor_id, actor_email): (i64, &str),
    action: &str,
    subject: Subject,
    reason: Option<&str>,
) -> Result<()> {
    audit_log::insert(
        db,
        NewEntry {
            actor_id,
            actor_email,
            action,
            letter_id: subject.letter_id,
            signature_id: subject.signature_id,
            detail: subject.detail,
            reason,
        },
    )
    .await
}

/// The id of the letter an audit query names by slug (`None`: all letters).
pub(crate) async fn letter_filter(
    db: &impl ConnectionTrait,
    slug: Option<&str>,
) -> Result<Option<i64>> {
    match slug.filter(|s| !s.is_empty()) {
        Some(slug) => Ok(Some(
            crate::db::letters::find_by_slug(db, slug)
                .await?
                .ok_or(Error::NotFound)?
                .id,
        )),
        None => Ok(None),
    }
}

/// The newest entries first, optionally of one letter.
pub(crate) async fn recent(
    db: &impl ConnectionTrait,
    letter_id: Option<i64>,
    limit: u64,
) -> Result<Vec<entry::Model>> {
    audit_log::recent(db, letter_id, limit).await
}
