//! What every request handler shares, kept in Rocket's managed state.

use std::sync::Arc;

use sea_orm::DatabaseConnection;
use tokio::sync::Notify;

use crate::auth::password::Hasher;
use crate::config::Settings;
use crate::mail::Templates;

#[derive(Clone)]
pub struct AppState {
    /// SeaORM's connection is a pool; cloning it is cheap.
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub mail_templates: Arc<Templates>,
    /// Wakes the mail worker after a commit that queued mail.
    pub mail_wake: Arc<Notify>,
    /// Password hashing, bounded so logins cannot starve signing.
    pub hasher: Hasher,
    pub metrics: Arc<crate::metrics::Metrics>,
    /// Signatures waiting to be written, a batch per transaction.
    pub sign_queue: crate::sign_queue::SignQueue,
    /// Bookmarks that take deep pages of long lists without `OFFSET` scans.
    pub list_marks: Arc<crate::db::signatures::ListMarks>,
    /// Public pages and JSON, built once per interval for everyone.
    pub public_cache: Arc<crate::cache::PublicCache>,
    /// Charts, history and share images: built at most once per `history_cache_secs`.
    pub history_cache: Arc<crate::cache::PublicCache>,
    /// Fonts the share image is drawn in.
    pub fonts: Arc<crate::share::Fonts>,
    /// Signing limits per client address.
    pub limiter: Arc<crate::limits::Limiter>,
}

impl AppState {
    /// An emailed link: `{public_url}/{path}/{token}`.
    pub fn link(&self, path: &str, token: &crate::domain::Token) -> String {
        format!("{}/{path}/{}", self.settings.public_url, token.as_str())
    }
}
