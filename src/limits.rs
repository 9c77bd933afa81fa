//! Limits on how often one client may sign: per address and per address and
//! letter, a burst (per minute) and a sustained rate (per hour), all
//! configurable. Counted in fixed windows, in Redis when `redis_url` is set,
//! else in the database (`rate_counters`), so every instance sees the same
//! counts. Over a limit: 429 with `Retry-After` (the end of the window).
//!
//! The client address is the socket's peer unless the operator names a header
//! their proxy sets (`trusted_proxy_header`); otherwise a client could dodge a
//! limit by sending `X-Real-IP` or `X-Forwarded-For` itself.

use std::net::IpAddr;

use chrono::Utc;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use serde::Deserialize;

use crate::error::{Error, Result};

/// The signing limits; `0` turns one off.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
pub struct SignLimits {
    pub per_ip_per_minute: u32,
    pub per_ip_per_hour: u32,
    pub per_ip_letter_per_minute: u32,
    pub per_ip_letter_per_hour: u32,
}

impl Default for SignLimits {
    /// Generous enough for a campus behind one address, tight enough to make
    /// padding the list by script slow and visible.
    fn default() -> Self {
        SignLimits {
            per_ip_per_minute: 60,
            per_ip_per_hour: 1000,
            per_ip_letter_per_minute: 30,
            per_ip_letter_per_hour: 600,
        }
    }
}

/// Where the counts live.
pub enum Store {
    Database(DatabaseConnection),
    Redis {
        conn: redis::aio::ConnectionManager,
        prefix: String,
    },
}

pub struct Limiter {
    store: Store,
    sign: SignLimits,
    enabled: bool,
}

/// One count to take: the bucket, its window in seconds, and its limit.
struct Count {
    bucket: String,
    window: i64,
    max: u32,
}

impl Limiter {
    pub fn new(store: Store, sign: SignLimits, enabled: bool) -> Limiter {
        Limiter {
            store,
            sign,
            enabled,
        }
    }

    /// Connects to Redis when a URL is given.
    pub async fn store(
        db: &DatabaseConnection,
        redis_url: Option<&str>,
        prefix: &str,
    ) -> std::result::Result<Store, String> {
        match redis_url {
            None => Ok(Store::Database(db.clone())),
            Some(url) => {
                let client = redis::Client::open(url)
                    .map_err(|e| format!("redis_url is not usable: {e}"))?;
                let conn = redis::aio::ConnectionManager::new(client)
                    .await
                    .map_err(|e| format!("redis: {e}"))?;
                Ok(Store::Redis {
                    conn,
                    prefix: prefix.to_owned(),
                })
            }
        }
    }

    /// Counts one signing attempt from `ip` on `letter`; `TooManyRequests`
    /// when any of its limits is reached.
    pub async fn sign(&self, ip: Option<IpAddr>, letter: &str) -> Result<()> {
        let (Some(ip), true) = (ip, self.enabled) else {
            return Ok(());
        };
        let l = self.sign;
        let counts = [
            (format!("sign:ip:{ip}"), 60, l.per_ip_per_minute),
            (format!("sign:ip:{ip}"), 3600, l.per_ip_per_hour),
            (
                format!("sign:ip:{ip}:letter:{letter}"),
                60,
                l.per_ip_letter_per_minute,
            ),
            (
                format!("sign:ip:{ip}:letter:{letter}"),
                3600,
                l.per_ip_letter_per_hour,
            ),
        ]
        .into_iter()
        .filter(|(_, _, max)| *max > 0)
        .map(|(bucket, window, max)| Count {
            bucket,
            window,
            max,
        })
        .collect::<Vec<_>>();
        let now = Utc::now().timestamp();
        let starts: Vec<i64> = counts
            .iter()
            .map(|c| now - now.rem_euclid(c.window))
            .collect();
        let taken = self.take(&counts, &starts).await?;
        // The longest wait of the limits passed: the end of that window.
        let wait = counts
            .iter()
            .zip(&starts)
            .zip(taken)
            .filter(|((c, _), n)| *n > i64::from(c.max))
            .map(|((c, start), _)| (start + c.window - now).max(1) as u64)
            .max();
        match wait {
            Some(secs) => Err(Error::TooManyRequests(secs)),
            None => Ok(()),
        }
    }

    /// Adds one to each bucket's window starting at `starts[i]`, in one round
    /// trip; the counts after adding, in the same order.
    async fn take(&self, counts: &[Count], starts: &[i64]) -> Result<Vec<i64>> {
        if counts.is_empty() {
            return Ok(Vec::new());
        }
        match &self.store {
            Store::Database(db) => {
                let mut rows = Vec::with_capacity(counts.len());
                let mut values: Vec<sea_orm::Value> = Vec::with_capacity(counts.len() * 3);
                for (c, start) in counts.iter().zip(starts) {
                    let at = values.len() + 1;
                    rows.push(format!("(${at}, ${}, ${}, 1)", at + 1, at + 2));
                    values.extend([c.bucket.clone().into(), (*start).into(), c.window.into()]);
                }
                let stmt = Statement::from_sql_and_values(
                    db.get_database_backend(),
                    format!(
                        "INSERT INTO rate_counters (bucket, window_start, window_secs, n) \
                         VALUES {} \
                         ON CONFLICT (bucket, window_start, window_secs) \
                         DO UPDATE SET n = rate_counters.n + 1 \
                         RETURNING bucket, window_secs, n",
                        rows.join(", ")
                    ),
                    values,
                );
                // Rows come back in no promised order: match them by key.
                let mut found = std::collections::HashMap::new();
                for row in db.query_all_raw(stmt).await? {
                    let key: (String, i64) =
                        (row.try_get("", "bucket")?, row.try_get("", "window_secs")?);
                    found.insert(key, row.try_get::<i64>("", "n")?);
                }
                counts
                    .iter()
                    .map(|c| {
                        found
                            .get(&(c.bucket.clone(), c.window))
                            .copied()
                            .ok_or_else(|| {
                                Error::Internal("a rate counter returned nothing".into())
                            })
                    })
                    .collect()
            }
            Store::Redis { conn, prefix } => {
                let mut pipe = redis::pipe();
                pipe.atomic();
                for (c, start) in counts.iter().zip(starts) {
                    let key = format!("{prefix}:{}:{}:{start}", c.bucket, c.window);
                    pipe.incr(&key, 1).expire(&key, c.window + 1).ignore();
                }
                let mut conn = conn.clone();
                pipe.query_async(&mut conn)
                    .await
                    .map_err(|e| Error::Unavailable(format!("redis: {e}")))
            }
        }
    }
}
