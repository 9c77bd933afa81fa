//! Letters close by themselves at the deadline their organisers set: a
//! periodic pass moves each published letter past its `closes_at` to closed,
//! audited as the service's own act. Signing refuses such a letter from the
//! deadline on, whether or not the pass has run yet. The same pass records
//! when a letter's count first reaches its goal.

use std::future::Future;
use std::time::Duration;

use chrono::Utc;
use sea_orm::DatabaseConnection;

use super::audit::{self, Subject};
use crate::db::entities::letter::LetterStatus;
use crate::db::letters;
use crate::error::Result;

/// Closes every published letter past its deadline; how many it closed.
pub(crate) async fn close_due(db: &DatabaseConnection) -> Result<usize> {
    let mut closed = 0;
    for letter in letters::past_deadline(db, Utc::now()).await? {
        let txn = crate::db::begin(db).await?;
        // Only if still published: an organiser or moderator may have closed it meanwhile.
        if letters::move_status(
            &txn,
            letter.id,
            LetterStatus::Published,
            LetterStatus::Closed,
            None,
        )
        .await?
        {
            audit::record_by_service(
                &txn,
                "letter.close",
                Subject {
                    letter_id: Some(letter.id),
                    signature_id: None,
                    detail: letter.slug.clone(),
                },
                Some("its deadline passed"),
            )
            .await?;
            super::webhooks::events::emit_letter_status(&txn, &letter, LetterStatus::Closed)
                .await?;
            closed += 1;
        }
        txn.commit().await?;
    }
    Ok(closed)
}

/// Records, for each letter whose count has reached its goal since the last
/// pass, the moment (to within the pass's interval); how many it recorded.
pub(crate) async fn record_goals(db: &DatabaseConnection) -> Result<usize> {
    let pending = letters::goal_pending(db).await?;
    if pending.is_empty() {
        return Ok(0);
    }
    let ids: Vec<i64> = pending.iter().map(|(id, _)| *id).collect();
    let counts = letters::counts(db, &ids).await?;
    let now = Utc::now();
    let mut reached = 0;
    for (id, goal) in pending {
        if counts.get(&id).copied().unwrap_or(0) >= goal.max(0) as u64 {
            letters::set_goal_reached(db, id, now).await?;
            reached += 1;
        }
    }
    Ok(reached)
}

/// Runs [`close_due`] and [`record_goals`] every `interval` (the first at
/// once) until `shutdown` resolves.
pub(crate) async fn run_periodically(
    db: DatabaseConnection,
    interval: Duration,
    shutdown: impl Future<Output = ()>,
) {
    super::periodic::every(interval, true, shutdown, || async {
        match close_due(&db).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(letters = n, "closed letters past their deadline"),
            Err(e) => tracing::warn!(error = ?e, "deadline pass failed"),
        }
        match record_goals(&db).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(letters = n, "letters reached their goal"),
            Err(e) => tracing::warn!(error = ?e, "goal pass failed"),
        }
    })
    .await
}
