//! The delivery worker: runs beside the server, drains the outbox, retries with backoff.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use futures::StreamExt;
use lettre::message::header::{ContentType, HeaderName, HeaderValue, MessageId};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::Message;
use sea_orm::DatabaseConnection;
use tokio::sync::Notify;

use super::catalogue::{DISCREET_KINDS, UNSUBSCRIBE_MARKER};
use super::transport::{SendError, Transport};
use crate::config::Settings;
use crate::db::entities::outbox::Model as OutboxRow;
use crate::db::outbox;
use crate::error::Result;

/// An update and the language of its body (none: the update's own).
type UpdateBodyKey = (i64, Option<String>);

/// How many messages one claim takes.
const BATCH: u64 = 50;
/// The longest wait between two attempts at one message.
const MAX_BACKOFF_SECS: i64 = 3600;

/// Everything the worker needs; cheap to clone.
#[derive(Clone)]
pub struct Worker {
    pub db: DatabaseConnection,
    pub transport: Arc<Transport>,
    pub settings: Arc<Settings>,
    /// Woken when something is queued, so mail leaves at once rather than at the next poll.
    pub wake: Arc<Notify>,
    /// Signs every message, when the operator set a key.
    pub dkim: Option<Arc<lettre::message::dkim::DkimConfig>>,
}

/// What became of one message.
enum Outcome {
    Sent,
    Failed(String),
    /// The receiving server refused the address for good (a 5xx).
    Refused(String),
    Retry(chrono::DateTime<Utc>, String),
}

/// What one pass over the outbox did.
#[derive(Debug, PartialEq, Eq)]
pub enum Pass {
    Delivered(usize),
    Empty,
}

impl Worker {
    /// Runs until `shutdown` resolves.
    pub async fn run(self, shutdown: impl std::future::Future<Output = ()>) {
        tokio::pin!(shutdown);
        let poll = Duration::from_millis(self.settings.mail_poll_ms);
        loop {
            let idle = match self.run_once().await {
                Ok(Pass::Delivered(_)) => false,
                Ok(Pass::Empty) => true,
                Err(e) => {
                    tracing::warn!(error = ?e, "mail worker pass failed");
                    true
                }
            };
            if idle {
                tokio::select! {
                    _ = &mut shutdown => return,
                    _ = self.wake.notified() => {}
                    _ = tokio::time::sleep(poll) => {}
                }
            }
        }
    }

    /// Claims one batch of due messages and tries each once, several at a time.
    /// Deliveries are recorded a few dozen at a time as they finish: a crash
    /// before that sends those again, with the same `Message-ID`, never loses them.
    pub async fn run_once(&self) -> Result<Pass> {
        let concurrency = self.settings.mail_concurrency.max(1);
        let batch = (concurrency as u64 * 8).clamp(BATCH, 1000);
        let mut rows = outbox::claim_due(
            &self.db,
            batch,
            chrono::Duration::seconds(self.settings.mail_lease_secs.max(1)),
        )
        .await?;
        if rows.is_empty() {
            return Ok(Pass::Empty);
        }
        self.fill_update_bodies(&mut rows).await?;
        let n = rows.len();
        let mut outcomes = futures::stream::iter(rows)
            .map(|row| async move {
                let outcome = self.attempt(&row).await;
                (row, outcome)
            })
            .buffer_unordered(concurrency);
        let record_every = concurrency.max(16);
        let mut sent = Vec::with_capacity(record_every);
        let mut refused = Vec::new();
        while let Some((row, outcome)) = outcomes.next().await {
            match outcome {
                Outcome::Sent => sent.push(row.id),
                Outcome::Failed(e) => {
                    outbox::mark_failed(&self.db, row.id, &e, &DISCREET_KINDS).await?
                }
                Outcome::Refused(e) => {
                    outbox::mark_failed(&self.db, row.id, &e, &DISCREET_KINDS).await?;
                    // A discreet signer's work address is not kept, refused or not.
                    if !DISCREET_KINDS.contains(&row.kind.as_str()) {
                        refused.push(row.to_address.clone());
                    }
                }
                Outcome::Retry(at, e) => outbox::mark_retry(&self.db, row.id, at, &e).await?,
            }
            if sent.len() >= record_every {
                outbox::mark_sent(&self.db, &sent, &DISCREET_KINDS).await?;
                sent.clear();
            }
        }
        outbox::mark_sent(&self.db, &sent, &DISCREET_KINDS).await?;
        outbox::mark_undeliverable(&self.db, &refused).await?;
        Ok(Pass::Delivered(n))
    }

    /// An update's messages carry no body of their own: each gets the
    /// update's, kept with it in the message's language, with its own
    /// unsubscribe link in place of the marker (escaped for the HTML part).
    async fn fill_update_bodies(&self, rows: &mut [OutboxRow]) -> Result<()> {
        let wanted: BTreeSet<i64> = rows
            .iter()
            .filter(|r| r.body_text.is_none())
            .filter_map(|r| r.update_id)
            .collect();
        if wanted.is_empty() {
            return Ok(());
        }
        // In the update's own language (kept on the update), and in others.
        let mut mails: HashMap<UpdateBodyKey, (Option<String>, Option<String>)> =
            crate::db::updates::mails(&self.db, wanted.iter().copied())
                .await?
                .into_iter()
                .map(|(id, text, html)| ((id, None), (text, html)))
                .collect();
        if rows.iter().any(|r| r.language.is_some()) {
            for (id, lang, text, html) in crate::db::updates::mails_in(&self.db, wanted).await? {
                mails.insert((id, Some(lang)), (Some(text), Some(html)));
            }
        }
        for row in rows.iter_mut().filter(|r| r.body_text.is_none()) {
            let key = row.update_id.map(|id| (id, row.language.clone()));
            let (Some((Some(text), html)), Some(link)) = (
                key.and_then(|k| mails.get(&k)),
                row.list_unsubscribe.as_deref(),
            ) else {
                continue;
            };
            row.body_text = Some(text.replace(UNSUBSCRIBE_MARKER, link));
            row.body_html = html
                .as_ref()
                .map(|h| h.replace(UNSUBSCRIBE_MARKER, &crate::i18n::escape_html(link)));
        }
        Ok(())
    }

    /// One try at one message. Errors are kept and logged without the
    /// recipient's address (servers often quote it back).
    async fn attempt(&self, row: &OutboxRow) -> Outcome {
        let outcome = self.try_once(row).await;
        match outcome {
            Outcome::Failed(e) => Outcome::Failed(redact(&e, &row.to_address)),
            Outcome::Refused(e) => Outcome::Refused(redact(&e, &row.to_address)),
            Outcome::Retry(at, e) => Outcome::Retry(at, redact(&e, &row.to_address)),
            sent => sent,
        }
    }

    async fn try_once(&self, row: &OutboxRow) -> Outcome {
        let message = match self.build(row) {
            Ok(m) => m,
            Err(e) => {
                let e = redact(&e, &row.to_address);
                tracing::error!(id = row.id, error = %e, "mail cannot be built; giving up");
                return Outcome::Failed(e);
            }
        };
        match self.transport.send(row.id, message).await {
            Ok(()) => {
                if self.transport.writes_files() {
                    self.log_links(row);
                }
                Outcome::Sent
            }
            Err(SendError::Permanent(e)) => {
                let e = redact(&e, &row.to_address);
                tracing::error!(id = row.id, kind = %row.kind, error = %e, "mail refused permanently");
                Outcome::Refused(e)
            }
            Err(SendError::Transient(e)) if row.attempts >= self.settings.mail_max_attempts => {
                let e = redact(&e, &row.to_address);
                tracing::error!(id = row.id, kind = %row.kind, error = %e, "mail failed too often; giving up");
                Outcome::Failed(e)
            }
            Err(SendError::Transient(e)) => {
                let e = redact(&e, &row.to_address);
                let at = Utc::now() + self.backoff(row.attempts);
                tracing::warn!(id = row.id, kind = %row.kind, attempt = row.attempts, error = %e, retry_at = %at, "mail delivery failed; will retry");
                Outcome::Retry(at, e)
            }
        }
    }

    /// base × 2^(attempts-1), capped at an hour.
    fn backoff(&self, attempts: i32) -> chrono::Duration {
        let exp = attempts.saturating_sub(1).clamp(0, 20) as u32;
        let secs = self
            .settings
            .mail_retry_base_secs
            .saturating_mul(1i64 << exp)
            .min(MAX_BACKOFF_SECS);
        chrono::Duration::seconds(secs)
    }

    fn build(&self, row: &OutboxRow) -> Result<Message, String> {
        let from: Mailbox = self
            .settings
            .mail_from
            .parse()
            .map_err(|e| format!("mail_from: {e}"))?;
        let to: Mailbox = row
            .to_address
            .parse()
            .map_err(|e| format!("recipient: {e}"))?;
        let text = row.body_text.clone().ok_or("message body is gone")?;
        let html = row.body_html.clone().unwrap_or_default();
        // Derived from the row, so a retry after a crash repeats the same ID
        // and the receiving side can recognise the duplicate.
        // A message that is one of a kind per recipient (an update) carries
        // the ID it was queued with.
        let message_id = match &row.message_id {
            Some(id) => format!("<{id}>"),
            None => format!("<outbox-{}@{}>", row.id, self.settings.public_host()),
        };
        let mut builder = Message::builder()
            .from(from)
            .to(to)
            .subject(&row.subject)
            .header(MessageId::from(message_id));
        if let Some(url) = &row.list_unsubscribe {
            // RFC 2369 and RFC 8058: mail clients offer an unsubscribe button
            // that POSTs `List-Unsubscribe=One-Click` to the URL.
            builder = builder
                .raw_header(raw("List-Unsubscribe", format!("<{url}>")))
                .raw_header(raw(
                    "List-Unsubscribe-Post",
                    "List-Unsubscribe=One-Click".into(),
                ));
        }
        if let Some(list_id) = &row.list_id {
            builder = builder.raw_header(raw("List-Id", list_id.clone()));
        }
        // Every message the service sends is automatic (RFC 3834): no
        // vacation replies to it.
        builder = builder.raw_header(raw("Auto-Submitted", "auto-generated".into()));
        let mut message = builder
            .multipart(
                MultiPart::alternative()
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_PLAIN)
                            .body(text),
                    )
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_HTML)
                            .body(html),
                    ),
            )
            .map_err(|e| e.to_string())?;
        if let Some(dkim) = &self.dkim {
            message.sign(dkim);
        }
        Ok(message)
    }

    /// Without a mail server, a newcomer finds the links in the log.
    fn log_links(&self, row: &OutboxRow) {
        let prefix = format!("{}/", self.settings.public_url);
        for link in row
            .body_text
            .iter()
            .flat_map(|t| t.split_whitespace())
            .filter(|w| w.starts_with(&prefix))
        {
            tracing::info!(kind = %row.kind, %link, "link in queued mail");
        }
    }
}

/// A header lettre has no type for.
fn raw(name: &'static str, value: String) -> HeaderValue {
    HeaderValue::new(HeaderName::new_from_ascii_str(name), value)
}

/// `text` without `address` or its local part, in any case: "[recipient]".
fn redact(text: &str, address: &str) -> String {
    let mut out = text.to_owned();
    let local = address.rsplit_once('@').map_or(address, |(l, _)| l);
    for secret in [address, local] {
        if secret.len() < 3 {
            continue;
        }
        let lower_secret = secret.to_lowercase();
        while let Some(at) = out.to_lowercase().find(&lower_secret) {
            // Lowercasing can change lengths outside ASCII; fall back to a plain replace then.
            if out.to_lowercase().len() != out.len() {
                out = out.replace(secret, "[recipient]");
                break;
            }
            out.replace_range(at..at + secret.len(), "[recipient]");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn errors_keep_no_trace_of_the_recipient() {
        let e = "permanent error (550): 5.1.1 <Zeb.Q@Maps.Example.com>: Recipient address rejected; user zeb.q unknown";
        let r = super::redact(e, "zeb.q@maps.example.com");
        assert_eq!(
            r,
            "permanent error (550): 5.1.1 <[recipient]>: Recipient address rejected; user [recipient] unknown"
        );
        assert_eq!(
            super::redact("connection refused", "a@b.c"),
            "connection refused"
        );
    }

    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        let settings = Settings {
            mail_retry_base_secs: 5,
            ..Settings::default()
        };
        let w = Worker {
            db: DatabaseConnection::default(),
            transport: Arc::new(Transport::Files("x".into())),
            settings: Arc::new(settings),
            wake: Arc::new(Notify::new()),
            dkim: None,
        };
        assert_eq!(w.backoff(1).num_seconds(), 5);
        assert_eq!(w.backoff(2).num_seconds(), 10);
        assert_eq!(w.backoff(4).num_seconds(), 40);
        assert_eq!(w.backoff(30).num_seconds(), MAX_BACKOFF_SECS);
    }
}
