//! Checking the kept counts against the signatures, now and then: a count
//! that drifted (it should not) is corrected, logged and counted in `/metrics`;
//! and against each letter's signature log, which cannot be corrected: a
//! disagreement there is logged.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use sea_orm::DatabaseConnection;

use crate::db::counts;
use crate::metrics::Metrics;

/// Recounts every `interval` (the first after one interval) until `shutdown` resolves.
pub(crate) async fn run_periodically(
    db: DatabaseConnection,
    metrics: Arc<Metrics>,
    interval: Duration,
    shutdown: impl Future<Output = ()>,
) {
    super::periodic::every(interval, false, shutdown, || async {
        match counts::recount(&db).await {
            Ok(drifts) if drifts.is_empty() => tracing::debug!("recount: every count agrees"),
            Ok(drifts) => {
                metrics.count_drift.inc_by(drifts.len() as u64);
                for d in drifts {
                    tracing::warn!(
                        letter_id = d.letter_id,
                        group_key = d.group_key,
                        verified = d.verified,
                        delta = d.delta,
                        "recount corrected a count"
                    );
                }
            }
            Err(e) => tracing::warn!(error = %e, "recount failed; will try again"),
        }
        // The log cannot be corrected: a count that disagrees with it was
        // changed behind the service's back, and `undersigned verify` will say so.
        match super::log::disagreements(&db).await {
            Ok(list) => {
                for d in list {
                    tracing::warn!(
                        letter_id = d.letter_id,
                        shown = d.shown,
                        logged = d.logged,
                        "a letter's count disagrees with its signature log"
                    );
                }
            }
            Err(e) => tracing::warn!(error = %e, "checking the counts against the log failed"),
        }
    })
    .await
}
