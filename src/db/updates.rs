//! Queries about `letter_updates`: written by organisers, decided by
//! moderators, walked by the fan-out pass.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::entities::letter_update::{self, UpdateKind, UpdateStatus};
use super::entities::{update_mail, update_translation};
use crate::error::Result;

/// An update as its organiser wrote it.
#[derive(Debug, Clone)]
pub struct NewUpdate<'a> {
    pub letter_id: i64,
    pub kind: UpdateKind,
    pub title: &'a str,
    pub body: &'a str,
    pub from_name: Option<&'a str>,
    pub author_id: i64,
}

/// Stores an update, waiting for a moderator.
pub async fn insert(db: &impl ConnectionTrait, new: NewUpdate<'_>) -> Result<letter_update::Model> {
    Ok(letter_update::ActiveModel {
        letter_id: Set(new.letter_id),
        kind: Set(new.kind),
        title: Set(new.title.to_owned()),
        body: Set(new.body.to_owned()),
        from_name: Set(new.from_name.map(str::to_owned)),
        status: Set(UpdateStatus::InReview),
        author_id: Set(Some(new.author_id)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<letter_update::Model>> {
    Ok(letter_update::Entity::find_by_id(id).one(db).await?)
}

/// The newest update of a letter written since `since` that is in review or
/// published (a rejected one does not count against the interval).
pub async fn latest_since(
    db: &impl ConnectionTrait,
    letter_id: i64,
    since: DateTime<Utc>,
) -> Result<Option<letter_update::Model>> {
    Ok(letter_update::Entity::find()
        .filter(letter_update::Column::LetterId.eq(letter_id))
        .filter(
            letter_update::Column::Status.is_in([UpdateStatus::InReview, UpdateStatus::Published]),
        )
        .filter(letter_update::Column::CreatedAt.gte(since))
        .order_by_desc(letter_update::Column::CreatedAt)
        .one(db)
        .await?)
}

/// The published updates of some letters (one, or a campaign's), newest first.
pub async fn published(
    db: &impl ConnectionTrait,
    letter_ids: &[i64],
    limit: u64,
) -> Result<Vec<letter_update::Model>> {
    Ok(letter_update::Entity::find()
        .filter(letter_update::Column::LetterId.is_in(letter_ids.iter().copied()))
        .filter(letter_update::Column::Status.eq(UpdateStatus::Published))
        .order_by_desc(letter_update::Column::PublishedAt)
        .order_by_desc(letter_update::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// A letter's updates of every status, newest first (for its organiser).
pub async fn of_letter(
    db: &impl ConnectionTrait,
    letter_id: i64,
) -> Result<Vec<letter_update::Model>> {
    Ok(letter_update::Entity::find()
        .filter(letter_update::Column::LetterId.eq(letter_id))
        .order_by_desc(letter_update::Column::Id)
        .all(db)
        .await?)
}

/// Updates waiting for a moderator, oldest first.
pub async fn in_review(db: &impl ConnectionTrait) -> Result<Vec<letter_update::Model>> {
    Ok(letter_update::Entity::find()
        .filter(letter_update::Column::Status.eq(UpdateStatus::InReview))
        .order_by_asc(letter_update::Column::Id)
        .all(db)
        .await?)
}

/// Publishes an update still in review, recording who it is to be mailed to
/// (signatures up to `until`, `recipients` of them). Whether it was in review.
pub async fn publish(
    db: &impl ConnectionTrait,
    id: i64,
    recipients: i64,
    until: Option<i64>,
) -> Result<bool> {
    let now = Utc::now();
    let row = letter_update::ActiveModel {
        status: Set(UpdateStatus::Published),
        published_at: Set(Some(now)),
        recipients: Set(Some(recipients)),
        fanout_until: Set(until),
        // Nothing to send: done at once.
        fanout_done_at: Set(until.is_none().then_some(now)),
        ..Default::default()
    };
    let res = letter_update::Entity::update_many()
        .set(row)
        .filter(letter_update::Column::Id.eq(id))
        .filter(letter_update::Column::Status.eq(UpdateStatus::InReview))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Rejects an update still in review. Whether it was in review.
pub async fn reject(db: &impl ConnectionTrait, id: i64, reason: &str) -> Result<bool> {
    let res = letter_update::Entity::update_many()
        .col_expr(
            letter_update::Column::Status,
            Expr::value(UpdateStatus::Rejected),
        )
        .col_expr(
            letter_update::Column::RejectionReason,
            Expr::value(reason.to_owned()),
        )
        .filter(letter_update::Column::Id.eq(id))
        .filter(letter_update::Column::Status.eq(UpdateStatus::InReview))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Published updates whose mail is not all queued yet, oldest first.
pub async fn fanouts_pending(db: &impl ConnectionTrait) -> Result<Vec<letter_update::Model>> {
    Ok(letter_update::Entity::find()
        .filter(letter_update::Column::Status.eq(UpdateStatus::Published))
        .filter(letter_update::Column::FanoutDoneAt.is_null())
        .order_by_asc(letter_update::Column::Id)
        .all(db)
        .await?)
}

/// Moves the fan-out's cursor from `from` to `to` (and marks it done), only
/// if no one moved it meanwhile: whether it moved. Called in the transaction
/// that queues the messages up to `to`, so they are queued once.
pub async fn advance_fanout(
    db: &impl ConnectionTrait,
    id: i64,
    from: Option<i64>,
    to: i64,
    done: bool,
) -> Result<bool> {
    let mut query = letter_update::Entity::update_many()
        .col_expr(letter_update::Column::FanoutCursor, Expr::value(to))
        .filter(letter_update::Column::Id.eq(id))
        .filter(letter_update::Column::FanoutDoneAt.is_null());
    if done {
        query = query.col_expr(letter_update::Column::FanoutDoneAt, Expr::value(Utc::now()));
    }
    query = match from {
        Some(cursor) => query.filter(letter_update::Column::FanoutCursor.eq(cursor)),
        None => query.filter(letter_update::Column::FanoutCursor.is_null()),
    };
    Ok(query.exec(db).await?.rows_affected == 1)
}

/// Keeps an update's email, rendered once for every recipient (the first
/// fan-out step writes it; later ones find it there).
pub async fn keep_mail(db: &impl ConnectionTrait, id: i64, text: &str, html: &str) -> Result<()> {
    letter_update::Entity::update_many()
        .col_expr(letter_update::Column::MailText, Expr::value(text))
        .col_expr(letter_update::Column::MailHtml, Expr::value(html))
        .filter(letter_update::Column::Id.eq(id))
        .filter(letter_update::Column::MailText.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// The kept emails of these updates: (id, text, html).
pub async fn mails(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<Vec<(i64, Option<String>, Option<String>)>> {
    Ok(letter_update::Entity::find()
        .select_only()
        .column(letter_update::Column::Id)
        .column(letter_update::Column::MailText)
        .column(letter_update::Column::MailHtml)
        .filter(letter_update::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?)
}

/// An update's title and text in another language, as its team wrote them.
#[derive(Debug, Clone)]
pub struct UpdateTranslationText<'a> {
    pub language: &'a str,
    pub title: &'a str,
    pub body: &'a str,
}

/// Stores an update's translations (written with it, reviewed with it).
pub async fn insert_translations(
    db: &impl ConnectionTrait,
    update_id: i64,
    set: &[UpdateTranslationText<'_>],
) -> Result<()> {
    let now = Utc::now();
    for t in set {
        update_translation::ActiveModel {
            update_id: Set(update_id),
            language: Set(t.language.to_owned()),
            title: Set(t.title.to_owned()),
            body: Set(t.body.to_owned()),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// The translations of the updates `ids`.
pub async fn translations(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<Vec<update_translation::Model>> {
    Ok(update_translation::Entity::find()
        .filter(update_translation::Column::UpdateId.is_in(ids))
        .order_by_asc(update_translation::Column::Language)
        .all(db)
        .await?)
}

/// Keeps an update's email rendered in `language` (once: a later fan-out
/// pass finds it there).
pub async fn keep_mail_in(
    db: &impl ConnectionTrait,
    id: i64,
    language: &str,
    text: &str,
    html: &str,
) -> Result<()> {
    let row = update_mail::ActiveModel {
        update_id: Set(id),
        language: Set(language.to_owned()),
        mail_text: Set(text.to_owned()),
        mail_html: Set(html.to_owned()),
        ..Default::default()
    };
    update_mail::Entity::insert(row)
        .on_conflict_do_nothing_on([update_mail::Column::UpdateId, update_mail::Column::Language])
        .exec(db)
        .await?;
    Ok(())
}

/// The emails of updates `ids` rendered in other languages: (update, language, text, html).
pub async fn mails_in(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<Vec<(i64, String, String, String)>> {
    Ok(update_mail::Entity::find()
        .select_only()
        .column(update_mail::Column::UpdateId)
        .column(update_mail::Column::Language)
        .column(update_mail::Column::MailText)
        .column(update_mail::Column::MailHtml)
        .filter(update_mail::Column::UpdateId.is_in(ids))
        .into_tuple()
        .all(db)
        .await?)
}
