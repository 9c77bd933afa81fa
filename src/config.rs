//! Typed settings, read from Rocket's figment (`Rocket.toml`, then `ROCKET_*` variables).

use rocket::figment::Figment;
use serde::Deserialize;

/// The signing limits per client address; `0` turns one off.
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

/// The application's own settings; Rocket's (`port`, `secret_key`...) stay Rocket's.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// `sqlite://...` or `postgres://...`.
    pub database_url: String,
    /// When set, mail goes over SMTP; when unset, to `.eml` files under `mail_dir`.
    pub smtp_url: Option<String>,
    pub mail_dir: String,
    pub mail_from: String,
    /// Base of every link in an email, without a trailing slash.
    pub public_url: String,
    /// Seed sample letters into an empty database.
    pub demo: bool,
    /// `false` turns every rate limit off (benchmarks, load tests).
    pub rate_limits: bool,
    /// How long a confirmation link stays valid.
    pub confirm_token_hours: i64,
    /// How long a withdrawal link stays valid.
    pub withdraw_token_days: i64,
    /// How often the mail worker looks for due mail when nothing wakes it.
    pub mail_poll_ms: u64,
    /// How many times a transiently failing message is retried before it is marked failed.
    pub mail_max_attempts: i32,
    /// The first retry delay; each later one doubles, up to an hour.
    pub mail_retry_base_secs: i64,
    /// Messages the worker hands to the SMTP server at once (and SMTP connections it keeps).
    pub mail_concurrency: usize,
    /// How long one SMTP exchange (connect, a command, the message) may take
    /// before the attempt counts as failed and is retried later.
    pub smtp_timeout_ms: u64,
    /// How long a claimed message is reserved for the worker that claimed it:
    /// if that instance dies mid-delivery, another sends it after this.
    pub mail_lease_secs: i64,
    /// Database connections this instance keeps at most.
    pub database_pool_size: u32,
    /// How long a public page or JSON answer is served from memory (0: not at all).
    pub public_cache_ms: u64,
    /// How often every count is checked against the signatures (0: never).
    pub recount_interval_secs: u64,
    /// How long charts, history and share images are served from memory (0: not at all).
    pub history_cache_secs: u64,
    /// Signing attempts one client address may make (0: no limit of that kind).
    pub sign_per_ip_per_minute: u32,
    pub sign_per_ip_per_hour: u32,
    /// ... on one letter.
    pub sign_per_ip_letter_per_minute: u32,
    pub sign_per_ip_letter_per_hour: u32,
    /// Keep rate-limit counts in Redis (e.g. `redis://127.0.0.1:6379`) instead of the database.
    pub redis_url: Option<String>,
    /// Prefix of this deployment's keys in Redis.
    pub redis_prefix: String,
    /// Days after which a signature never confirmed is deleted (0: never).
    pub purge_unconfirmed_after_days: i64,
    /// Days after a letter closes when who signed it is anonymised (0: never).
    pub anonymise_closed_after_days: i64,
    /// Days after a campaign closes when its volunteers are deleted (0: never).
    pub delete_volunteers_after_days: i64,
    /// The Ed25519 seed (32 bytes, base64) the signature log's heads are
    /// signed with; unset: one is made on first start and kept in the database.
    pub log_signing_key: Option<String>,
    /// The key (at least 32 characters) of the keyed hash that stands in for
    /// a discreet signer's address; unset: one is made on first start and
    /// kept in the database.
    pub discreet_key: Option<String>,
    /// DKIM: the selector the public key is published under
    /// (`{selector}._domainkey.{domain of mail_from}`), and the private key
    /// (PEM, RSA or Ed25519); both unset: mail is not signed.
    pub dkim_selector: Option<String>,
    pub dkim_private_key: Option<String>,
    /// The language of a reader who asks for none the service speaks.
    pub default_language: String,
    /// Serves the pseudo-language `qps` (every message transformed), for the
    /// tests that look for text no message carries.
    pub pseudo_language: bool,
    /// How often the signature log appends what waits and signs a new head (0: never).
    pub log_head_secs: u64,
    /// Days delivered or failed mail is kept (0: for ever).
    pub keep_mail_days: i64,
    /// How often the retention pass runs (0: never).
    pub retention_interval_secs: u64,
    /// How often letters past their deadline are closed (0: never; signing
    /// refuses them from the deadline on either way).
    pub deadline_interval_secs: u64,
    /// How often the queue tables' dead rows are checked on PostgreSQL (0: never).
    pub vacuum_interval_secs: u64,
    /// Dead rows in a queue table that make the check vacuum it.
    pub vacuum_dead_rows: u64,
    /// At most one update per letter in this many hours (0: no limit).
    pub update_min_interval_hours: i64,
    /// Recipients of an update queued per transaction.
    pub fanout_batch: u64,
    /// At most one delivery of a letter to its recipients in this many hours (0: no limit).
    pub delivery_min_interval_hours: i64,
    /// The header a trusted reverse proxy puts the client's address in (e.g.
    /// `X-Real-IP`); unset, the socket's peer address is the client's.
    pub trusted_proxy_header: Option<String>,
    /// Webhooks may reach loopback, private and link-local addresses, and
    /// plain `http://` (tests, a receiver on the same host); off, such an
    /// endpoint is refused at registration and at every connection.
    pub webhook_allow_private: bool,
    /// The first retry of a failed webhook delivery waits this long, each
    /// next one four times longer (at most 10 hours).
    pub webhook_retry_base_ms: u64,
    /// An endpoint failing this long without one success is disabled, and
    /// its letter's or campaign's owners are mailed.
    pub webhook_disable_after_secs: u64,
    /// One delivery attempt waits this long for the receiver's answer.
    pub webhook_timeout_ms: u64,
    /// Deliveries in flight at once, across every endpoint.
    pub webhook_concurrency: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            database_url: "sqlite://var/undersigned.db?mode=rwc".into(),
            smtp_url: None,
            mail_dir: "var/mail".into(),
            mail_from: "Undersigned <no-reply@localhost>".into(),
            public_url: "http://127.0.0.1:8000".into(),
            demo: false,
            rate_limits: true,
            confirm_token_hours: 24 * 7,
            withdraw_token_days: 365,
            mail_poll_ms: 1000,
            mail_max_attempts: 12,
            mail_retry_base_secs: 5,
            recount_interval_secs: 300,
            history_cache_secs: 60,
            sign_per_ip_per_minute: SignLimits::default().per_ip_per_minute,
            sign_per_ip_per_hour: SignLimits::default().per_ip_per_hour,
            sign_per_ip_letter_per_minute: SignLimits::default().per_ip_letter_per_minute,
            sign_per_ip_letter_per_hour: SignLimits::default().per_ip_letter_per_hour,
            purge_unconfirmed_after_days: 14,
            anonymise_closed_after_days: 180,
            delete_volunteers_after_days: 180,
            log_signing_key: None,
            dkim_selector: None,
            dkim_private_key: None,
            discreet_key: None,
            default_language: "en".into(),
            pseudo_language: false,
            log_head_secs: 1,
            keep_mail_days: 30,
            retention_interval_secs: 3600,
            deadline_interval_secs: 60,
            vacuum_interval_secs: 10,
            vacuum_dead_rows: 20_000,
            update_min_interval_hours: 24,
            fanout_batch: 500,
            delivery_min_interval_hours: 24,
            redis_url: None,
            redis_prefix: "undersigned".into(),
            trusted_proxy_header: None,
            public_cache_ms: 1000,
            mail_concurrency: 32,
            smtp_timeout_ms: 10_000,
            mail_lease_secs: 120,
            database_pool_size: 16,
            webhook_allow_private: false,
            webhook_retry_base_ms: 5_000,
            webhook_disable_after_secs: 24 * 3600,
            webhook_timeout_ms: 10_000,
            webhook_concurrency: 32,
        }
    }
}

impl Settings {
    /// Reads the settings from a figment, normalising what needs it.
    pub fn from_figment(figment: &Figment) -> Result<Settings, String> {
        let mut settings: Settings = figment.extract().map_err(|e| e.to_string())?;
        while settings.public_url.ends_with('/') {
            settings.public_url.pop();
        }
        if settings
            .smtp_url
            .as_deref()
            .is_some_and(|u| u.trim().is_empty())
        {
            settings.smtp_url = None;
        }
        Ok(settings)
    }

    pub fn sign_limits(&self) -> SignLimits {
        SignLimits {
            per_ip_per_minute: self.sign_per_ip_per_minute,
            per_ip_per_hour: self.sign_per_ip_per_hour,
            per_ip_letter_per_minute: self.sign_per_ip_letter_per_minute,
            per_ip_letter_per_hour: self.sign_per_ip_letter_per_hour,
        }
    }

    /// The host part of `public_url`, used to make `Message-ID`s.
    pub fn public_host(&self) -> String {
        url::Url::parse(&self.public_url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_else(|| "localhost".into())
    }
}
