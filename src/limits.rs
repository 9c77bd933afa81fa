//! The one rate limiter: how often a client may sign, log in, register or ask
//! for a password reset, and how often one address is mailed about a letter it
//! has already signed. Counted in fixed windows, in Redis when `redis_url` is
//! set, else in the database (`rate_counters`), so every instance sees the same
//! counts. Over a limit: 429 with `Retry-After` (the end of the window).
//!
//! The client address is the socket's peer unless the operator names a header
//! their proxy sets (`trusted_proxy_header`); otherwise a client could dodge a
//! limit by sending `X-Real-IP` or `X-Forwarded-For` itself.

use std::net::IpAddr;

use chrono::Utc;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use sha2::{Digest, Sha256};

use crate::config::SignLimits;
use crate::db::rate_counters::{self, Window};
use crate::error::{Error, Result};

/// At most `max` events per `window_secs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limit {
    pub max: u32,
    pub window_secs: i64,
}

/// Failed logins per account (by the address typed, whether or not it exists).
pub(crate) const LOGIN_PER_ACCOUNT: Limit = Limit {
    max: 5,
    window_secs: 15 * 60,
};
/// Failed logins per client address.
pub(crate) const LOGIN_PER_IP: Limit = Limit {
    max: 30,
    window_secs: 15 * 60,
};
/// Registrations and password-reset requests per client address.
pub(crate) const ACCOUNT_MAIL_PER_IP: Limit = Limit {
    max: 10,
    window_secs: 3600,
};
/// Mails to an address that signs a letter it has already signed.
pub(crate) const REPEAT_MAIL_PER_ADDRESS: Limit = Limit {
    max: 3,
    window_secs: 24 * 3600,
};

/// One count: what is counted, under which limit. A `0` limit counts nothing.
#[derive(Debug, Clone)]
pub(crate) struct Count {
    bucket: String,
    limit: Limit,
}

impl Count {
    pub(crate) fn new(bucket: String, limit: Limit) -> Count {
        Count { bucket, limit }
    }

    /// A count keyed by something private (an address): kept only as a hash.
    pub(crate) fn hashed(kind: &str, secret: &str, limit: Limit) -> Count {
        let hex = format!("{:x}", Sha256::digest(secret.as_bytes()));
        Count::new(format!("{kind}:{}", &hex[..32]), limit)
    }

    fn window(&self, now: i64) -> Window {
        let secs = self.limit.window_secs.max(1);
        Window {
            bucket: self.bucket.clone(),
            start: now - now.rem_euclid(secs),
            secs,
        }
    }
}

/// Where the counts live.
enum Store {
    Database(DatabaseConnection),
    Redis {
        conn: redis::aio::ConnectionManager,
        prefix: String,
    },
}

pub(crate) struct Limiter {
    store: Store,
    sign: SignLimits,
    enabled: bool,
}

impl Limiter {
    /// Counts in Redis when a URL is given, else in the database.
    pub(crate) async fn connect(
        db: &DatabaseConnection,
        redis_url: Option<&str>,
        prefix: &str,
        sign: SignLimits,
        enabled: bool,
    ) -> std::result::Result<Limiter, String> {
        let store = match redis_url {
            None => Store::Database(db.clone()),
            Some(url) => {
                let client = redis::Client::open(url)
                    .map_err(|e| format!("redis_url is not usable: {e}"))?;
                let conn = redis::aio::ConnectionManager::new(client)
                    .await
                    .map_err(|e| format!("redis: {e}"))?;
                Store::Redis {
                    conn,
                    prefix: prefix.to_owned(),
                }
            }
        };
        Ok(Limiter {
            store,
            sign,
            enabled,
        })
    }

    /// Counts one signing attempt from `ip` on `letter`; `TooManyRequests`
    /// when any of its limits is passed.
    pub(crate) async fn sign(&self, ip: Option<IpAddr>, letter: &str) -> Result<()> {
        let Some(ip) = ip else { return Ok(()) };
        let l = self.sign;
        let per = |max, window_secs| Limit { max, window_secs };
        self.take(&[
            Count::new(format!("sign:ip:{ip}"), per(l.per_ip_per_minute, 60)),
            Count::new(format!("sign:ip:{ip}"), per(l.per_ip_per_hour, 3600)),
            Count::new(
                format!("sign:ip:{ip}:letter:{letter}"),
                per(l.per_ip_letter_per_minute, 60),
            ),
            Count::new(
                format!("sign:ip:{ip}:letter:{letter}"),
                per(l.per_ip_letter_per_hour, 3600),
            ),
        ])
        .await
    }

    /// Adds one to each count; `TooManyRequests` when any is now past its limit.
    pub(crate) async fn take(&self, counts: &[Count]) -> Result<()> {
        let now = self.windows(counts);
        let taken = self.add_one(&now.windows).await?;
        now.wait(&taken, |n, max| n > max)
    }

    /// [`Limiter::take`] inside a transaction: counted in the database, the
    /// count is part of it (kept only if it commits, and no second connection
    /// writes while it is open, which SQLite would refuse); Redis counts at once.
    pub(crate) async fn take_within(
        &self,
        txn: &impl ConnectionTrait,
        counts: &[Count],
    ) -> Result<()> {
        let now = self.windows(counts);
        let taken = match &self.store {
            Store::Database(_) => rate_counters::add_one(txn, &now.windows).await?,
            Store::Redis { .. } => self.add_one(&now.windows).await?,
        };
        now.wait(&taken, |n, max| n > max)
    }

    /// `TooManyRequests` when any count has reached its limit; adds nothing
    /// (for limits on failures, counted with [`Limiter::hit`] after the fact).
    pub(crate) async fn check(&self, counts: &[Count]) -> Result<()> {
        let now = self.windows(counts);
        let seen = self.read(&now.windows).await?;
        now.wait(&seen, |n, max| n >= max)
    }

    /// Adds one to each count, whatever they reach.
    pub(crate) async fn hit(&self, counts: &[Count]) -> Result<()> {
        let now = self.windows(counts);
        self.add_one(&now.windows).await.map(drop)
    }

    /// The counts that limit anything (none when limits are off), each with
    /// its window at this moment.
    fn windows<'a>(&self, counts: &'a [Count]) -> Current<'a> {
        let counts: Vec<&Count> = if self.enabled {
            counts.iter().filter(|c| c.limit.max > 0).collect()
        } else {
            Vec::new()
        };
        let now = Utc::now().timestamp();
        let windows = counts.iter().map(|c| c.window(now)).collect();
        Current {
            counts,
            windows,
            now,
        }
    }

    /// Adds one to each window in one round trip; the counts after adding.
    async fn add_one(&self, windows: &[Window]) -> Result<Vec<i64>> {
        if windows.is_empty() {
            return Ok(Vec::new());
        }
        match &self.store {
            Store::Database(db) => rate_counters::add_one(db, windows).await,
            Store::Redis { conn, prefix } => {
                let mut pipe = redis::pipe();
                pipe.atomic();
                for w in windows {
                    let key = redis_key(prefix, w);
                    pipe.incr(&key, 1).expire(&key, w.secs + 1).ignore();
                }
                let mut conn = conn.clone();
                pipe.query_async(&mut conn).await.map_err(redis_down)
            }
        }
    }

    /// The count of each window, in one round trip.
    async fn read(&self, windows: &[Window]) -> Result<Vec<i64>> {
        if windows.is_empty() {
            return Ok(Vec::new());
        }
        match &self.store {
            Store::Database(db) => rate_counters::read(db, windows).await,
            Store::Redis { conn, prefix } => {
                let keys: Vec<String> = windows.iter().map(|w| redis_key(prefix, w)).collect();
                let mut conn = conn.clone();
                let found: Vec<Option<i64>> = redis::cmd("MGET")
                    .arg(&keys)
                    .query_async(&mut conn)
                    .await
                    .map_err(redis_down)?;
                Ok(found.into_iter().map(Option::unwrap_or_default).collect())
            }
        }
    }
}

fn redis_key(prefix: &str, w: &Window) -> String {
    format!("{prefix}:{}:{}:{}", w.bucket, w.secs, w.start)
}

fn redis_down(e: redis::RedisError) -> Error {
    Error::Unavailable(format!("redis: {e}"))
}

/// The counts being taken or read, and their windows at one moment.
struct Current<'a> {
    counts: Vec<&'a Count>,
    windows: Vec<Window>,
    now: i64,
}

impl Current<'_> {
    /// `TooManyRequests` with the longest wait among the counts whose value
    /// (`values[i]`, in order) is `over` their limit: until that window ends.
    fn wait(&self, values: &[i64], over: impl Fn(i64, i64) -> bool) -> Result<()> {
        let wait = self
            .counts
            .iter()
            .zip(&self.windows)
            .zip(values)
            .filter(|((c, _), n)| over(**n, i64::from(c.limit.max)))
            .map(|((_, w), _)| (w.start + w.secs - self.now).max(1) as u64)
            .max();
        match wait {
            Some(secs) => Err(Error::TooManyRequests(secs)),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_start_on_their_boundary_and_private_keys_are_hashed() {
        let c = Count::hashed(
            "repeat-mail:7",
            "victim@example.org",
            REPEAT_MAIL_PER_ADDRESS,
        );
        assert!(c.bucket.starts_with("repeat-mail:7:"));
        assert!(!c.bucket.contains("victim"));
        let w = c.window(1_000_000);
        assert_eq!(w.start % 86_400, 0);
        assert!(w.start <= 1_000_000 && 1_000_000 < w.start + w.secs);
    }

    #[test]
    fn the_longest_wait_of_the_limits_passed_is_told() {
        let a = Count::new(
            "a".into(),
            Limit {
                max: 2,
                window_secs: 60,
            },
        );
        let b = Count::new(
            "b".into(),
            Limit {
                max: 2,
                window_secs: 3600,
            },
        );
        let now = 7_230;
        let current = Current {
            windows: vec![a.window(now), b.window(now)],
            counts: vec![&a, &b],
            now,
        };
        assert!(current.wait(&[2, 2], |n, m| n > m).is_ok());
        let e = current.wait(&[3, 3], |n, m| n > m).unwrap_err();
        assert_eq!(e.retry_after(), Some(3600 - 30));
        let e = current.wait(&[2, 0], |n, m| n >= m).unwrap_err();
        assert_eq!(e.retry_after(), Some(30));
    }
}
