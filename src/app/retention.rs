//! Keeping personal data no longer than it is needed:
//!
//! - a signature never confirmed is deleted, with its links, once its
//!   confirmation link has long expired (`purge_unconfirmed_after_days`);
//! - a letter closed for `anonymise_closed_after_days` keeps its count and its
//!   list's length, but not who signed: names, addresses, titles and
//!   affiliations are replaced (as the UK Parliament's petitions site does),
//!   and its signature log stops serving the public fields its leaves hash;
//! - a campaign closed for `delete_volunteers_after_days` loses its
//!   volunteers; a sign-up never confirmed goes with unconfirmed signatures;
//! - delivered or failed mail (which names its recipient) is deleted after
//!   `keep_mail_days`; rate-limit windows once they end (Redis expires its own).
//!
//! Signatures store no client address; the rate limiter's counters hold one
//! only for their window.

use std::future::Future;
use std::sync::Arc;

use chrono::{Duration, Utc};
use sea_orm::DatabaseConnection;

use crate::config::Settings;
use crate::db::{letters, outbox, rate_counters, signatures, volunteers};
use crate::error::Result;

/// What one pass removed or replaced.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Pass {
    pub unconfirmed_deleted: u64,
    pub signatures_anonymised: u64,
    pub volunteers_deleted: u64,
    pub mail_deleted: u64,
    /// Webhook deliveries delivered or given up on (their payloads name signers).
    pub webhook_deliveries_deleted: u64,
    pub rate_windows_deleted: u64,
}

/// The name an anonymised signature keeps (it is shown as Anonymous).
pub const ANONYMISED_NAME: &str = "Anonymised";

/// One pass over everything due.
pub async fn run(db: &DatabaseConnection, settings: &Settings) -> Result<Pass> {
    let now = Utc::now();
    let mut pass = Pass::default();
    if settings.purge_unconfirmed_after_days > 0 {
        let before = now - Duration::days(settings.purge_unconfirmed_after_days);
        pass.unconfirmed_deleted = signatures::delete_unconfirmed_before(db, before).await?;
        pass.volunteers_deleted = volunteers::delete_unconfirmed_before(db, before).await?;
    }
    if settings.anonymise_closed_after_days > 0 {
        let before = now - Duration::days(settings.anonymise_closed_after_days);
        for letter_id in letters::closed_before(db, before).await? {
            pass.signatures_anonymised +=
                signatures::anonymise_letter(db, letter_id, ANONYMISED_NAME).await?;
            // The log keeps its leaves; what they hash is no longer served.
            crate::db::log::drop_fields(db, letter_id).await?;
        }
    }
    if settings.delete_volunteers_after_days > 0 {
        let before = now - Duration::days(settings.delete_volunteers_after_days);
        pass.volunteers_deleted +=
            volunteers::delete_of_campaigns_closed_before(db, before).await?;
    }
    if settings.keep_mail_days > 0 {
        let before = now - Duration::days(settings.keep_mail_days);
        pass.mail_deleted = outbox::delete_done_before(db, before).await?;
        pass.webhook_deliveries_deleted =
            crate::db::webhooks::delete_done_before(db, before).await?;
    }
    pass.rate_windows_deleted = rate_counters::delete_ended(db, now.timestamp()).await?;
    Ok(pass)
}

/// Runs a pass every `interval` (the first at once) until `shutdown` resolves.
pub async fn run_periodically(
    db: DatabaseConnection,
    settings: Arc<Settings>,
    interval: std::time::Duration,
    shutdown: impl Future<Output = ()>,
) {
    super::periodic::every(interval, true, shutdown, || async {
        match run(&db, &settings).await {
            Ok(pass) if pass != Pass::default() => tracing::info!(?pass, "retention pass"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = ?e, "retention pass failed"),
        }
    })
    .await
}
