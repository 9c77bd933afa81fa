//! Queries about webhooks: the endpoints, the cursors that follow each
//! letter's signature log for them, and the deliveries (an outbox of their
//! own, claimed like the mail outbox).

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use super::entities::webhook::{self, WebhookStatus};
use super::entities::webhook_delivery::{self, DeliveryStatus};
use super::entities::{log_entry, log_state, signature, webhook_cursor};
use crate::error::Result;

/// Whose endpoints: a letter's or a campaign's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Letter(i64),
    Campaign(i64),
}

pub struct NewWebhook<'a> {
    pub owner: Owner,
    pub url: &'a str,
    pub events: &'a [String],
    pub secret: &'a str,
    pub created_by: i64,
}

pub async fn insert(db: &impl ConnectionTrait, new: NewWebhook<'_>) -> Result<webhook::Model> {
    let (letter_id, campaign_id) = match new.owner {
        Owner::Letter(id) => (Some(id), None),
        Owner::Campaign(id) => (None, Some(id)),
    };
    Ok(webhook::ActiveModel {
        letter_id: Set(letter_id),
        campaign_id: Set(campaign_id),
        url: Set(new.url.to_owned()),
        events: Set(new.events.join(",")),
        secret: Set(new.secret.to_owned()),
        created_by: Set(new.created_by),
        created_at: Set(Utc::now()),
        status: Set(WebhookStatus::Active),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// A letter's or a campaign's endpoints, oldest first.
pub async fn of(db: &impl ConnectionTrait, owner: Owner) -> Result<Vec<webhook::Model>> {
    let q = match owner {
        Owner::Letter(id) => webhook::Entity::find().filter(webhook::Column::LetterId.eq(id)),
        Owner::Campaign(id) => webhook::Entity::find().filter(webhook::Column::CampaignId.eq(id)),
    };
    Ok(q.order_by_asc(webhook::Column::Id).all(db).await?)
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<webhook::Model>> {
    Ok(webhook::Entity::find_by_id(id).one(db).await?)
}

/// Removes an endpoint with its cursors and deliveries.
pub async fn delete(db: &impl ConnectionTrait, id: i64) -> Result<()> {
    webhook_delivery::Entity::delete_many()
        .filter(webhook_delivery::Column::WebhookId.eq(id))
        .exec(db)
        .await?;
    webhook_cursor::Entity::delete_many()
        .filter(webhook_cursor::Column::WebhookId.eq(id))
        .exec(db)
        .await?;
    webhook::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// Active endpoints that want any of `events`.
pub async fn active_wanting(
    db: &impl ConnectionTrait,
    events: &[&str],
) -> Result<Vec<webhook::Model>> {
    let hooks = webhook::Entity::find()
        .filter(webhook::Column::Status.eq(WebhookStatus::Active))
        .order_by_asc(webhook::Column::Id)
        .all(db)
        .await?;
    Ok(hooks
        .into_iter()
        .filter(|h| events.iter().any(|e| h.wants(e)))
        .collect())
}

/// Active endpoints of a letter, or of its campaign, that want `event`.
pub async fn listening(
    db: &impl ConnectionTrait,
    letter_id: Option<i64>,
    campaign_id: Option<i64>,
    event: &str,
) -> Result<Vec<webhook::Model>> {
    let mut cond = sea_orm::Condition::any();
    if let Some(id) = letter_id {
        cond = cond.add(webhook::Column::LetterId.eq(id));
    }
    if let Some(id) = campaign_id {
        cond = cond.add(webhook::Column::CampaignId.eq(id));
    }
    if letter_id.is_none() && campaign_id.is_none() {
        return Ok(Vec::new());
    }
    let hooks = webhook::Entity::find()
        .filter(cond)
        .filter(webhook::Column::Status.eq(WebhookStatus::Active))
        .all(db)
        .await?;
    Ok(hooks.into_iter().filter(|h| h.wants(event)).collect())
}

/// The size of a letter's log now: where a new cursor starts (events from
/// now on, not the letter's past).
pub async fn log_size(db: &impl ConnectionTrait, letter_id: i64) -> Result<i64> {
    Ok(log_state::Entity::find_by_id(letter_id)
        .one(db)
        .await?
        .map_or(0, |s| s.tree_size))
}

/// The cursor of (`webhook_id`, `letter_id`), if it has one (unlocked: to
/// skip a letter whose log has not grown since).
pub async fn cursor(
    db: &impl ConnectionTrait,
    webhook_id: i64,
    letter_id: i64,
) -> Result<Option<i64>> {
    Ok(webhook_cursor::Entity::find_by_id((webhook_id, letter_id))
        .one(db)
        .await?
        .map(|c| c.next_idx))
}

/// The cursor of (`webhook_id`, `letter_id`), locked for this transaction;
/// made at the log's present size when there is none.
pub async fn lock_cursor(
    db: &impl ConnectionTrait,
    webhook_id: i64,
    letter_id: i64,
) -> Result<i64> {
    let size = log_size(db, letter_id).await?;
    webhook_cursor::Entity::insert(webhook_cursor::ActiveModel {
        webhook_id: Set(webhook_id),
        letter_id: Set(letter_id),
        next_idx: Set(size),
    })
    .on_conflict_do_nothing_on([
        webhook_cursor::Column::WebhookId,
        webhook_cursor::Column::LetterId,
    ])
    .exec(db)
    .await?;
    let cursor = webhook_cursor::Entity::find_by_id((webhook_id, letter_id))
        .lock(LockType::Update)
        .one(db)
        .await?
        .map_or(size, |c| c.next_idx);
    Ok(cursor)
}

pub async fn set_cursor(
    db: &impl ConnectionTrait,
    webhook_id: i64,
    letter_id: i64,
    next_idx: i64,
) -> Result<()> {
    webhook_cursor::Entity::update_many()
        .col_expr(webhook_cursor::Column::NextIdx, Expr::value(next_idx))
        .filter(webhook_cursor::Column::WebhookId.eq(webhook_id))
        .filter(webhook_cursor::Column::LetterId.eq(letter_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Up to `limit` of a letter's log entries from `start` on.
pub async fn entries_from(
    db: &impl ConnectionTrait,
    letter_id: i64,
    start: i64,
    limit: u64,
) -> Result<Vec<log_entry::Model>> {
    Ok(log_entry::Entity::find()
        .filter(log_entry::Column::LetterId.eq(letter_id))
        .filter(log_entry::Column::Idx.gte(start))
        .order_by_asc(log_entry::Column::Idx)
        .limit(limit)
        .all(db)
        .await?)
}

/// The addresses of those of `public_ids` who share theirs with the
/// organisers: consented to their mail, not anonymous, not discreet, not
/// unsubscribed since.
pub async fn shared_addresses(
    db: &impl ConnectionTrait,
    letter_id: i64,
    public_ids: Vec<String>,
) -> Result<HashMap<String, String>> {
    if public_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Option<String>, String)> = signature::Entity::find()
        .select_only()
        .column(signature::Column::PublicId)
        .column(signature::Column::Email)
        .filter(signature::Column::LetterId.eq(letter_id))
        .filter(signature::Column::PublicId.is_in(public_ids))
        .filter(signature::Column::Updates.eq(true))
        .filter(signature::Column::Anonymous.eq(false))
        .filter(signature::Column::Discreet.eq(false))
        .filter(signature::Column::UnsubscribedAt.is_null())
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, email)| id.map(|id| (id, email)))
        .collect())
}

/// A delivery to queue.
pub struct NewDelivery {
    pub webhook_id: i64,
    pub event_id: String,
    pub event_type: &'static str,
    pub payload: String,
}

pub async fn insert_deliveries(db: &impl ConnectionTrait, list: Vec<NewDelivery>) -> Result<()> {
    let now = Utc::now();
    let mut rows = list
        .into_iter()
        .map(|d| webhook_delivery::ActiveModel {
            webhook_id: Set(d.webhook_id),
            event_id: Set(d.event_id),
            event_type: Set(d.event_type.to_owned()),
            payload: Set(d.payload),
            created_at: Set(now),
            status: Set(DeliveryStatus::Pending),
            attempts: Set(0),
            next_attempt_at: Set(now),
            ..Default::default()
        })
        .peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(500).collect();
        webhook_delivery::Entity::insert_many(chunk)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Claims up to `limit` due deliveries for `lease` (as the mail outbox does:
/// `FOR UPDATE SKIP LOCKED` on PostgreSQL; a worker that dies lets them
/// come due again when the lease ends).
pub async fn claim_due(
    db: &DatabaseConnection,
    limit: u64,
    lease: Duration,
) -> Result<Vec<webhook_delivery::Model>> {
    let now = Utc::now();
    let txn = crate::db::begin(db).await?;
    let mut rows = webhook_delivery::Entity::find()
        .filter(webhook_delivery::Column::Status.eq(DeliveryStatus::Pending))
        .filter(webhook_delivery::Column::NextAttemptAt.lte(now))
        .order_by_asc(webhook_delivery::Column::NextAttemptAt)
        .order_by_asc(webhook_delivery::Column::Id)
        .limit(limit)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .all(&txn)
        .await?;
    if rows.is_empty() {
        return Ok(rows);
    }
    let leased_until = now + lease;
    webhook_delivery::Entity::update_many()
        .col_expr(
            webhook_delivery::Column::NextAttemptAt,
            Expr::value(leased_until),
        )
        .col_expr(
            webhook_delivery::Column::Attempts,
            Expr::col(webhook_delivery::Column::Attempts).add(1),
        )
        .filter(webhook_delivery::Column::Id.is_in(rows.iter().map(|r| r.id)))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    for row in &mut rows {
        row.attempts += 1;
        row.next_attempt_at = leased_until;
    }
    Ok(rows)
}

/// Endpoints by id.
pub async fn by_ids(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, webhook::Model>> {
    Ok(webhook::Entity::find()
        .filter(webhook::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|h| (h.id, h))
        .collect())
}

/// Records deliveries that succeeded, `(delivery, webhook, status)`, in one
/// transaction: each delivered, and each endpoint's failing streak over.
pub async fn record_delivered(db: &DatabaseConnection, done: &[(i64, i64, i32)]) -> Result<()> {
    if done.is_empty() {
        return Ok(());
    }
    let now = Utc::now();
    let mut by_status: HashMap<i32, Vec<i64>> = HashMap::new();
    let mut last_of_hook: HashMap<i64, i32> = HashMap::new();
    for (id, hook, status) in done {
        by_status.entry(*status).or_default().push(*id);
        last_of_hook.insert(*hook, *status);
    }
    let txn = crate::db::begin(db).await?;
    for (status, ids) in by_status {
        webhook_delivery::Entity::update_many()
            .col_expr(
                webhook_delivery::Column::Status,
                Expr::value(DeliveryStatus::Delivered),
            )
            .col_expr(webhook_delivery::Column::LastAttemptAt, Expr::value(now))
            .col_expr(
                webhook_delivery::Column::LastStatusCode,
                Expr::value(status),
            )
            .col_expr(
                webhook_delivery::Column::LastError,
                Expr::value(Option::<String>::None),
            )
            .filter(webhook_delivery::Column::Id.is_in(ids))
            .exec(&txn)
            .await?;
    }
    for (hook, status) in last_of_hook {
        webhook::Entity::update_many()
            .col_expr(webhook::Column::LastDeliveryAt, Expr::value(now))
            .col_expr(webhook::Column::LastStatusCode, Expr::value(status))
            .col_expr(
                webhook::Column::FailingSince,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(webhook::Column::Id.eq(hook))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// A failed attempt: what the receiver answered (`None`: no answer), why
/// it counts as failed, and when to try again.
pub struct Failure<'a> {
    pub status_code: Option<i32>,
    pub error: &'a str,
    pub retry_at: DateTime<Utc>,
}

/// Records a failed attempt on the delivery (tried again at `retry_at`) and
/// starts its endpoint's failing streak if none runs (successes are
/// recorded together by [`record_delivered`]). The endpoint as it stands now.
pub async fn record_failure(
    db: &impl ConnectionTrait,
    delivery: &webhook_delivery::Model,
    failure: Failure<'_>,
) -> Result<Option<webhook::Model>> {
    let now = Utc::now();
    webhook_delivery::ActiveModel {
        id: Set(delivery.id),
        next_attempt_at: Set(failure.retry_at),
        last_attempt_at: Set(Some(now)),
        last_status_code: Set(failure.status_code),
        last_error: Set(Some(failure.error.to_owned())),
        ..Default::default()
    }
    .update(db)
    .await?;
    webhook::Entity::update_many()
        .col_expr(webhook::Column::LastDeliveryAt, Expr::value(now))
        .col_expr(
            webhook::Column::LastStatusCode,
            Expr::value(failure.status_code),
        )
        .col_expr(
            webhook::Column::FailingSince,
            Expr::col(webhook::Column::FailingSince).if_null(now),
        )
        .filter(webhook::Column::Id.eq(delivery.webhook_id))
        .exec(db)
        .await?;
    find(db, delivery.webhook_id).await
}

/// Disables an endpoint and gives up on what waits for it. Whether this
/// call disabled it (another worker may have first).
pub async fn disable(db: &impl ConnectionTrait, id: i64) -> Result<bool> {
    let now = Utc::now();
    let done = webhook::Entity::update_many()
        .col_expr(
            webhook::Column::Status,
            Expr::value(WebhookStatus::Disabled),
        )
        .col_expr(webhook::Column::DisabledAt, Expr::value(now))
        .filter(webhook::Column::Id.eq(id))
        .filter(webhook::Column::Status.eq(WebhookStatus::Active))
        .exec(db)
        .await?
        .rows_affected
        > 0;
    webhook_delivery::Entity::update_many()
        .col_expr(
            webhook_delivery::Column::Status,
            Expr::value(DeliveryStatus::Failed),
        )
        .filter(webhook_delivery::Column::WebhookId.eq(id))
        .filter(webhook_delivery::Column::Status.eq(DeliveryStatus::Pending))
        .exec(db)
        .await?;
    Ok(done)
}

/// Gives up on one delivery (tried too often).
pub async fn give_up(db: &impl ConnectionTrait, id: i64) -> Result<()> {
    webhook_delivery::Entity::update_many()
        .col_expr(
            webhook_delivery::Column::Status,
            Expr::value(DeliveryStatus::Failed),
        )
        .filter(webhook_delivery::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// An endpoint's latest deliveries, newest first.
pub async fn deliveries(
    db: &impl ConnectionTrait,
    webhook_id: i64,
    limit: u64,
) -> Result<Vec<webhook_delivery::Model>> {
    Ok(webhook_delivery::Entity::find()
        .filter(webhook_delivery::Column::WebhookId.eq(webhook_id))
        .order_by_desc(webhook_delivery::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// Delivered and given-up deliveries made before `before`, deleted.
pub async fn delete_done_before(db: &impl ConnectionTrait, before: DateTime<Utc>) -> Result<u64> {
    Ok(webhook_delivery::Entity::delete_many()
        .filter(webhook_delivery::Column::Status.ne(DeliveryStatus::Pending))
        .filter(webhook_delivery::Column::CreatedAt.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}
