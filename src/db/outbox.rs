//! Queries about the `outbox`: mail written in the same transaction as the
//! change that caused it, claimed and marked by the delivery worker.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::entities::outbox::{self, OutboxStatus};
use crate::error::Result;

/// A message to queue: its kind (from the mail catalogue), recipient and both parts.
#[derive(Debug, Clone)]
pub struct NewMessage {
    pub kind: &'static str,
    /// Lower goes first: the claim takes priority 0 before 1.
    pub priority: i16,
    pub to: String,
    pub subject: String,
    /// `None` for an update's message: the worker takes the update's body.
    pub text: Option<String>,
    pub html: Option<String>,
    /// Set for mail to a list (an update to a letter's signers).
    pub list: Option<ListMessage>,
}

/// What a message to a list carries besides its body.
#[derive(Debug, Clone)]
pub struct ListMessage {
    pub update_id: i64,
    /// The language of its body when not the update's own (`update_mails`).
    pub language: Option<String>,
    /// Unique: a second message for the same recipient and update is refused.
    pub message_id: String,
    /// `List-Unsubscribe`'s one-click URL.
    pub unsubscribe: String,
    pub list_id: String,
}

fn row(message: NewMessage) -> outbox::ActiveModel {
    let now = Utc::now();
    let list = message.list;
    outbox::ActiveModel {
        update_id: Set(list.as_ref().map(|l| l.update_id)),
        message_id: Set(list.as_ref().map(|l| l.message_id.clone())),
        list_unsubscribe: Set(list.as_ref().map(|l| l.unsubscribe.clone())),
        language: Set(list.as_ref().and_then(|l| l.language.clone())),
        list_id: Set(list.map(|l| l.list_id)),
        kind: Set(message.kind.to_owned()),
        priority: Set(message.priority),
        to_address: Set(message.to),
        subject: Set(message.subject),
        body_text: Set(message.text),
        body_html: Set(message.html),
        status: Set(OutboxStatus::Pending),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    }
}

/// Queues one message; call inside the transaction that makes the change.
pub async fn insert(db: &impl ConnectionTrait, message: NewMessage) -> Result<i64> {
    Ok(row(message).insert(db).await?.id)
}

/// Queues many messages in one statement.
pub async fn insert_many(db: &impl ConnectionTrait, messages: Vec<NewMessage>) -> Result<()> {
    if messages.is_empty() {
        return Ok(());
    }
    outbox::Entity::insert_many(messages.into_iter().map(row))
        .exec(db)
        .await?;
    Ok(())
}

/// Claims up to `limit` due messages for this worker for `lease`: until the lease
/// runs out no other worker takes them; if this worker dies, they come due again.
/// On PostgreSQL rows are locked with `FOR UPDATE SKIP LOCKED`, so concurrent
/// workers never claim the same row.
pub async fn claim_due(
    db: &DatabaseConnection,
    limit: u64,
    lease: Duration,
) -> Result<Vec<outbox::Model>> {
    let now = Utc::now();
    let txn = crate::db::begin(db).await?;
    let mut rows = outbox::Entity::find()
        .filter(outbox::Column::Status.eq(OutboxStatus::Pending))
        .filter(outbox::Column::NextAttemptAt.lte(now))
        // The order of the partial index `idx_outbox_lanes`: the first lane
        // first, then what has been due longest.
        .order_by_asc(outbox::Column::Priority)
        .order_by_asc(outbox::Column::NextAttemptAt)
        .order_by_asc(outbox::Column::Id)
        .limit(limit)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .all(&txn)
        .await?;
    if rows.is_empty() {
        return Ok(rows);
    }
    let leased_until = now + lease;
    outbox::Entity::update_many()
        .col_expr(outbox::Column::NextAttemptAt, Expr::value(leased_until))
        .col_expr(
            outbox::Column::Attempts,
            Expr::col(outbox::Column::Attempts).add(1),
        )
        .filter(outbox::Column::Id.is_in(rows.iter().map(|r| r.id)))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    for row in &mut rows {
        row.attempts += 1;
        row.next_attempt_at = leased_until;
    }
    Ok(rows)
}

/// The outbox at a glance, for operators and moderators.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Messages waiting to be sent (or being sent).
    pub pending: u64,
    /// Age in seconds of the oldest of them.
    pub oldest_pending_secs: Option<i64>,
    /// Messages given up on (refused for good, or failing too often), kept `keep_mail_days`.
    pub failed: u64,
}

pub async fn stats(db: &impl ConnectionTrait) -> Result<Stats> {
    let (pending, oldest): (i64, Option<DateTime<Utc>>) = outbox::Entity::find()
        .select_only()
        .column_as(Expr::col(outbox::Column::Id).count(), "n")
        .column_as(Expr::col(outbox::Column::CreatedAt).min(), "oldest")
        .filter(outbox::Column::Status.eq(OutboxStatus::Pending))
        .into_tuple()
        .one(db)
        .await?
        .unwrap_or((0, None));
    let failed = outbox::Entity::find()
        .filter(outbox::Column::Status.eq(OutboxStatus::Failed))
        .count(db)
        .await?;
    Ok(Stats {
        pending: pending as u64,
        oldest_pending_secs: oldest.map(|t| (Utc::now() - t).num_seconds()),
        failed,
    })
}

/// The newest messages given up on, newest first.
pub async fn failed(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<outbox::Model>> {
    Ok(outbox::Entity::find()
        .filter(outbox::Column::Status.eq(OutboxStatus::Failed))
        .order_by_desc(outbox::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// Replaces the recipient of the messages `ids` of the kinds `masked` by
/// its domain (`…@example.org`): they went to an address not to be kept.
async fn mask_recipients(db: &impl ConnectionTrait, ids: &[i64], masked: &[&str]) -> Result<()> {
    if masked.is_empty() {
        return Ok(());
    }
    let domain = super::domain_of_address_sql(db.get_database_backend(), "to_address");
    outbox::Entity::update_many()
        .col_expr(
            outbox::Column::ToAddress,
            Expr::cust(format!("'…@' || {domain}")),
        )
        .filter(outbox::Column::Id.is_in(ids.iter().copied()))
        .filter(outbox::Column::Kind.is_in(masked.iter().copied()))
        .exec(db)
        .await?;
    Ok(())
}

/// Records deliveries and erases the bodies, which may hold live tokens;
/// the recipients of the kinds `masked` are reduced to their domain.
pub async fn mark_sent(db: &impl ConnectionTrait, ids: &[i64], masked: &[&str]) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    mask_recipients(db, ids, masked).await?;
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(OutboxStatus::Sent))
        .col_expr(outbox::Column::SentAt, Expr::value(Utc::now()))
        .col_expr(
            outbox::Column::BodyText,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            outbox::Column::BodyHtml,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            outbox::Column::ListUnsubscribe,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            outbox::Column::LastError,
            Expr::value(Option::<String>::None),
        )
        .filter(outbox::Column::Id.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    Ok(())
}

/// Schedules another attempt at `at` after a transient failure.
pub async fn mark_retry(
    db: &impl ConnectionTrait,
    id: i64,
    at: DateTime<Utc>,
    error: &str,
) -> Result<()> {
    outbox::ActiveModel {
        id: Set(id),
        next_attempt_at: Set(at),
        last_error: Set(Some(error.to_owned())),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Gives up on a message (permanent failure, or too many attempts); operators
/// see it (masked, for the kinds `masked`).
pub async fn mark_failed(
    db: &impl ConnectionTrait,
    id: i64,
    error: &str,
    masked: &[&str],
) -> Result<()> {
    mask_recipients(db, &[id], masked).await?;
    outbox::ActiveModel {
        id: Set(id),
        status: Set(OutboxStatus::Failed),
        last_error: Set(Some(error.to_owned())),
        body_text: Set(None),
        body_html: Set(None),
        list_unsubscribe: Set(None),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Deletes sent and failed mail (which names its recipient) queued before `before`.
pub async fn delete_done_before(db: &impl ConnectionTrait, before: DateTime<Utc>) -> Result<u64> {
    Ok(outbox::Entity::delete_many()
        .filter(outbox::Column::Status.is_in([OutboxStatus::Sent, OutboxStatus::Failed]))
        .filter(outbox::Column::CreatedAt.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}

/// How an update's mail stands: queued and waiting, sent, given up on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UpdateMail {
    pub pending: u64,
    pub sent: u64,
    pub failed: u64,
}

pub async fn update_mail(db: &impl ConnectionTrait, update_id: i64) -> Result<UpdateMail> {
    let rows: Vec<(OutboxStatus, i64)> = outbox::Entity::find()
        .select_only()
        .column(outbox::Column::Status)
        .column_as(Expr::col(outbox::Column::Id).count(), "n")
        .filter(outbox::Column::UpdateId.eq(update_id))
        .group_by(outbox::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    let mut out = UpdateMail::default();
    for (status, n) in rows {
        let n = n as u64;
        match status {
            OutboxStatus::Pending => out.pending = n,
            OutboxStatus::Sent => out.sent = n,
            OutboxStatus::Failed => out.failed = n,
        }
    }
    Ok(out)
}

/// How many of an update's messages wait in the outbox, counting no further
/// than `cap` (the fan-out only asks whether it is ahead of the worker).
pub async fn pending_of_update(db: &impl ConnectionTrait, update_id: i64, cap: u64) -> Result<u64> {
    let ids: Vec<i64> = outbox::Entity::find()
        .select_only()
        .column(outbox::Column::Id)
        .filter(outbox::Column::UpdateId.eq(update_id))
        .filter(outbox::Column::Status.eq(OutboxStatus::Pending))
        .limit(cap)
        .into_tuple()
        .all(db)
        .await?;
    Ok(ids.len() as u64)
}

/// Records addresses a receiving server refused for good (once each): no
/// further updates are queued for them.
pub async fn mark_undeliverable(db: &impl ConnectionTrait, addresses: &[String]) -> Result<()> {
    use super::entities::undeliverable_address;
    if addresses.is_empty() {
        return Ok(());
    }
    let now = Utc::now();
    let rows = addresses
        .iter()
        .map(|a| undeliverable_address::ActiveModel {
            address: Set(a.to_lowercase()),
            refused_at: Set(now),
        });
    undeliverable_address::Entity::insert_many(rows)
        .on_conflict_do_nothing_on([undeliverable_address::Column::Address])
        .exec(db)
        .await?;
    Ok(())
}

/// How many addresses were refused for good.
pub async fn undeliverable_count(db: &impl ConnectionTrait) -> Result<u64> {
    use super::entities::undeliverable_address;
    Ok(undeliverable_address::Entity::find().count(db).await?)
}
