//! The service's own passes (recount, retention, deadlines): each runs every
//! so often until the server shuts down.

use std::future::Future;
use std::time::Duration;

use tokio::time::{Instant, MissedTickBehavior};

/// Runs `pass` every `period` (the first at once, or after one period) until
/// `shutdown` resolves; a pass that overruns delays the next, never doubles it.
pub(crate) async fn every<F, Fut>(
    period: Duration,
    first_at_once: bool,
    shutdown: impl Future<Output = ()>,
    mut pass: F,
) where
    F: FnMut() -> Fut,
    Fut: Future<Output = ()>,
{
    tokio::pin!(shutdown);
    let start = if first_at_once {
        Instant::now()
    } else {
        Instant::now() + period
    };
    let mut ticks = tokio::time::interval_at(start, period);
    ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = &mut shutdown => return,
            _ = ticks.tick() => pass().await,
        }
    }
}
