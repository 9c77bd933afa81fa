//! Webhook events: queued in the transaction of the change ([`emit`]), or
//! read from each letter's signature log by the dispatcher
//! ([`follow_logs`]), as Standard Webhooks payloads.

use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::ConnectionTrait;
use serde_json::{json, Value};

use crate::db::entities::{letter, log_entry, webhook};
use crate::db::webhooks::{self as db, NewDelivery};
use crate::domain::log_key::random_hex;
use crate::error::{Error, Result};
use crate::state::AppState;

/// The letters whose signature log an endpoint follows: its letter, or its
/// campaign's letters that are not discreet.
pub(super) async fn letters_of(
    db: &impl ConnectionTrait,
    hook: &webhook::Model,
) -> Result<Vec<i64>> {
    if let Some(id) = hook.letter_id {
        return Ok(vec![id]);
    }
    let Some(campaign_id) = hook.campaign_id else {
        return Ok(Vec::new());
    };
    Ok(crate::db::campaigns::letters(db, campaign_id, false)
        .await?
        .into_iter()
        .filter(|l| !l.discreet)
        .map(|l| l.id)
        .collect())
}

/// A Standard Webhooks payload: `{"type","timestamp","data"}`.
fn payload(event: &str, at: DateTime<Utc>, data: Value) -> String {
    json!({
        "type": event,
        "timestamp": at.to_rfc3339_opts(SecondsFormat::Millis, true),
        "data": data,
    })
    .to_string()
}

fn event_id() -> Result<String> {
    Ok(format!(
        "msg_{}",
        random_hex(16).map_err(|e| Error::Internal(format!("OS RNG: {e}")))?
    ))
}

/// What happened to a letter, a campaign or a volunteer, for [`emit`].
pub(crate) struct Event<'a> {
    pub kind: &'static str,
    /// The letter it is about (its endpoints, and its campaign's, hear it).
    pub letter: Option<&'a letter::Model>,
    /// A campaign's own event (a volunteer).
    pub campaign_id: Option<i64>,
    pub data: Value,
}

/// Queues `event` for every active endpoint that wants it, in the caller's
/// transaction. A discreet letter's events go nowhere.
pub(crate) async fn emit(db: &impl ConnectionTrait, event: Event<'_>) -> Result<()> {
    if event.letter.is_some_and(|l| l.discreet) {
        return Ok(());
    }
    let campaign_id = event
        .campaign_id
        .or_else(|| event.letter.and_then(|l| l.campaign_id));
    let hooks = db::listening(db, event.letter.map(|l| l.id), campaign_id, event.kind).await?;
    if hooks.is_empty() {
        return Ok(());
    }
    let body = payload(event.kind, Utc::now(), event.data);
    let mut list = Vec::new();
    for hook in hooks {
        list.push(NewDelivery {
            webhook_id: hook.id,
            event_id: event_id()?,
            event_type: event.kind,
            payload: body.clone(),
        });
    }
    db::insert_deliveries(db, list).await
}

/// `letter.published` or `letter.closed`, when a letter moves to `to`.
pub(crate) async fn emit_letter_status(
    db: &impl ConnectionTrait,
    letter: &letter::Model,
    to: crate::db::entities::letter::LetterStatus,
) -> Result<()> {
    use crate::db::entities::letter::LetterStatus;
    let kind = match to {
        LetterStatus::Published => "letter.published",
        LetterStatus::Closed => "letter.closed",
        _ => return Ok(()),
    };
    emit(
        db,
        Event {
            kind,
            letter: Some(letter),
            campaign_id: None,
            data: json!({
                "letter": letter.slug,
                "title": letter.title,
                "status": to,
            }),
        },
    )
    .await
}

/// Log entries read per endpoint and letter in one pass.
const LOG_BATCH: u64 = 1_000;

/// Turns what each letter's log gained since an endpoint's cursor into
/// `signature.*` deliveries for it, a batch per endpoint and letter per
/// transaction; how many it queued.
pub(crate) async fn follow_logs(app: &AppState) -> Result<usize> {
    let hooks = db::active_wanting(&app.db, &["signature.confirmed", "signature.removed"]).await?;
    let mut queued = 0;
    for hook in hooks {
        for letter_id in letters_of(&app.db, &hook).await? {
            queued += follow_log(app, &hook, letter_id).await?;
        }
    }
    Ok(queued)
}

async fn follow_log(app: &AppState, hook: &webhook::Model, letter_id: i64) -> Result<usize> {
    // Most passes find nothing new: two reads, no transaction.
    if let Some(next) = db::cursor(&app.db, hook.id, letter_id).await? {
        if next >= db::log_size(&app.db, letter_id).await? {
            return Ok(0);
        }
    }
    let txn = crate::db::begin(&app.db).await?;
    let start = db::lock_cursor(&txn, hook.id, letter_id).await?;
    let entries = db::entries_from(&txn, letter_id, start, LOG_BATCH).await?;
    let Some(last) = entries.last().map(|e| e.idx) else {
        txn.commit().await?;
        return Ok(0);
    };
    let letter = crate::db::letters::find(&txn, letter_id).await?;
    let mut list = Vec::new();
    if let Some(letter) = letter.filter(|l| !l.discreet) {
        let added: Vec<String> = entries
            .iter()
            .filter(|e| e.op == "add")
            .map(|e| e.subject.clone())
            .collect();
        let addresses = if hook.wants("signature.confirmed") {
            db::shared_addresses(&txn, letter_id, added).await?
        } else {
            Default::default()
        };
        for entry in &entries {
            let kind = if entry.op == "add" {
                "signature.confirmed"
            } else {
                "signature.removed"
            };
            if !hook.wants(kind) {
                continue;
            }
            let (at, data) = signature_data(&letter.slug, entry, addresses.get(&entry.subject));
            list.push(NewDelivery {
                webhook_id: hook.id,
                event_id: event_id()?,
                event_type: kind,
                payload: payload(kind, at, data),
            });
        }
    }
    let n = list.len();
    db::insert_deliveries(&txn, list).await?;
    db::set_cursor(&txn, hook.id, letter_id, last + 1).await?;
    txn.commit().await?;
    Ok(n)
}

/// A `signature.*` event's data: the letter, the signature's public id and
/// log index, how many it counts for, and what the public list shows of the
/// signer (the log's public fields, without their salt; an anonymous
/// signer's name is `null` there), with the address only where it is shared.
fn signature_data(
    slug: &str,
    entry: &log_entry::Model,
    email: Option<&String>,
) -> (DateTime<Utc>, Value) {
    let leaf: Value = serde_json::from_str(&entry.leaf).unwrap_or_default();
    let at = leaf["at"]
        .as_str()
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map_or_else(Utc::now, |t| t.with_timezone(&Utc));
    let mut data = json!({
        "letter": slug,
        "signature": entry.subject,
        "index": entry.idx,
        // How many signatures the entry counts for: one, or a paper batch's.
        "counts_for": entry.count,
    });
    if let Some(reason) = leaf["reason"].as_str() {
        data["reason"] = reason.into();
    }
    if let Some(Value::Object(mut fields)) = entry
        .fields
        .as_deref()
        .and_then(|f| serde_json::from_str(f).ok())
    {
        fields.remove("salt");
        if fields.get("anonymous") == Some(&Value::Bool(true)) {
            fields.insert("name".into(), Value::Null);
        }
        for (k, v) in fields {
            data[k] = v;
        }
    }
    if let Some(email) = email {
        data["email"] = email.as_str().into();
    }
    (at, data)
}
