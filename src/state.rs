//! What every request handler shares, kept in Rocket's managed state: handles
//! to the database, the settings, mail, hashing, metrics, limits and caches.
//! No use case's types live here (the signing queue is managed on its own).

use std::sync::Arc;

use sea_orm::DatabaseConnection;
use tokio::sync::Notify;

use crate::auth::password::Hasher;
use crate::config::Settings;
use crate::db::signatures::ListMarks;
use crate::limits::Limiter;
use crate::mail::Templates;
use crate::metrics::Metrics;
use crate::read::cache::PublicCache;
use crate::read::share::Fonts;

#[derive(Clone)]
pub(crate) struct AppState {
    /// SeaORM's connection is a pool; cloning it is cheap.
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub mail_templates: Arc<Templates>,
    /// Wakes the mail worker after a commit that queued mail.
    pub mail_wake: Arc<Notify>,
    /// Wakes the update fan-out after a moderator publishes an update.
    pub fanout_wake: Arc<Notify>,
    /// Wakes the webhook dispatcher when a delivery is queued.
    pub webhook_wake: Arc<Notify>,
    /// Password hashing, bounded so logins cannot starve signing.
    pub hasher: Hasher,
    pub metrics: Arc<Metrics>,
    /// Bookmarks that take deep pages of long lists without `OFFSET` scans.
    pub list_marks: Arc<ListMarks>,
    /// Public pages and JSON, built once per interval for everyone.
    pub public_cache: Arc<PublicCache>,
    /// Charts, history and share images: built at most once per `history_cache_secs`.
    pub history_cache: Arc<PublicCache>,
    /// Fonts the share image and the PDF are drawn in.
    pub fonts: Arc<Fonts>,
    /// One letter PDF built at a time: a burst of requests for a long
    /// letter's PDF builds it once, and the rest are served from the cache.
    pub pdf_gate: Arc<tokio::sync::Mutex<()>>,
    /// Rate limits (signing, logins, account mail, repeat mail).
    pub limiter: Arc<Limiter>,
    /// The key the signature log's heads are signed with.
    pub log_key: Arc<crate::domain::log_key::LogKey>,
    /// The key of the hash that stands in for discreet signers' addresses.
    pub address_key: Arc<crate::domain::discreet::AddressKey>,
}

impl AppState {
    /// An emailed link: `{public_url}/{path}/{token}`.
    pub(crate) fn link(&self, path: &str, token: &crate::domain::Token) -> String {
        format!("{}/{path}/{}", self.settings.public_url, token.as_str())
    }
}
