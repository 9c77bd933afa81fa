//! Keeping personal data no longer than it is needed:
//!
//! - a signature never confirmed is deleted, with its links, once its
//!   confirmation link has long expired (`purge_unconfirmed_after_days`);
//! - a letter closed for `anonymise_closed_after_days` keeps its count and its
//!   list's length, but not who signed: names, addresses, titles and
//!   affiliations are replaced (as the UK Parliament's petitions site does);
//! - delivered or failed mail (which names its recipient) is deleted after
//!   `keep_mail_days`; login and account-mail rate events after a day, and
//!   signing-limit windows once they end.
//!
//! Signatures store no client address; the signing limits' counters hold one
//! only for their window and are swept separately.

use chrono::{Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
    Statement,
};

use crate::config::Settings;
use crate::db::entities::letter::{self, LetterStatus};
use crate::db::entities::outbox::{self, OutboxStatus};
use crate::db::entities::signature::{self, SignatureStatus};
use crate::db::entities::{rate_event, token};
use crate::error::Result;

/// What one pass removed or replaced.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Pass {
    pub unconfirmed_deleted: u64,
    pub signatures_anonymised: u64,
    pub mail_deleted: u64,
    pub rate_events_deleted: u64,
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
        // Tokens go with their signature (the foreign key cascades).
        pass.unconfirmed_deleted = signature::Entity::delete_many()
            .filter(signature::Column::Status.eq(SignatureStatus::Unconfirmed))
            .filter(signature::Column::CreatedAt.lt(before))
            .exec(db)
            .await?
            .rows_affected;
    }
    if settings.anonymise_closed_after_days > 0 {
        let before = now - Duration::days(settings.anonymise_closed_after_days);
        let letters: Vec<i64> = letter::Entity::find()
            .select_only()
            .column(letter::Column::Id)
            .filter(letter::Column::Status.eq(LetterStatus::Closed))
            .filter(letter::Column::ClosedAt.lt(before))
            .into_tuple()
            .all(db)
            .await?;
        for letter_id in letters {
            pass.signatures_anonymised += anonymise_letter(db, letter_id).await?;
        }
    }
    if settings.keep_mail_days > 0 {
        let before = now - Duration::days(settings.keep_mail_days);
        pass.mail_deleted = outbox::Entity::delete_many()
            .filter(outbox::Column::Status.is_in([OutboxStatus::Sent, OutboxStatus::Failed]))
            .filter(outbox::Column::CreatedAt.lt(before))
            .exec(db)
            .await?
            .rows_affected;
    }
    pass.rate_events_deleted = rate_event::Entity::delete_many()
        .filter(rate_event::Column::At.lt(now - Duration::days(1)))
        .exec(db)
        .await?
        .rows_affected;
    // Signing-limit windows that have ended (Redis expires its own).
    pass.rate_windows_deleted = db
        .execute_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            "DELETE FROM rate_counters WHERE window_start + window_secs < $1",
            [now.timestamp().into()],
        ))
        .await?
        .rows_affected();
    Ok(pass)
}

/// Replaces who signed a letter, keeping each signature's status, group and
/// verification (so every count stays as it was). Returns how many changed.
async fn anonymise_letter(db: &DatabaseConnection, letter_id: i64) -> Result<u64> {
    let backend = db.get_database_backend();
    // Each address becomes a unique placeholder, so the one-signature-per-address
    // index still holds; the signature's id is all it is made of.
    let placeholder = match backend {
        sea_orm::DatabaseBackend::Postgres => "'anonymised-' || id::text || '@invalid'",
        _ => "'anonymised-' || id || '@invalid'",
    };
    let res = db
        .execute_raw(Statement::from_sql_and_values(
            backend,
            format!(
                "UPDATE signatures SET name = $1, email = {placeholder}, \
                 email_normalized = {placeholder}, title = NULL, affiliation = NULL, \
                 anonymous = true, updates = false \
                 WHERE letter_id = $2 AND email NOT LIKE 'anonymised-%@invalid'"
            ),
            [ANONYMISED_NAME.into(), letter_id.into()],
        ))
        .await?;
    // Links in old mail can do nothing more for these signatures.
    token::Entity::delete_many()
        .filter(
            Expr::col(token::Column::SignatureId).in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(signature::Column::Id)
                    .from(signature::Entity)
                    .and_where(Expr::col(signature::Column::LetterId).eq(letter_id))
                    .to_owned(),
            ),
        )
        .exec(db)
        .await?;
    Ok(res.rows_affected())
}

/// Runs a pass every `interval` until shutdown.
pub async fn run_periodically(
    db: DatabaseConnection,
    settings: std::sync::Arc<Settings>,
    interval: std::time::Duration,
    mut shutdown: rocket::Shutdown,
) {
    let mut every = tokio::time::interval(interval);
    loop {
        tokio::select! {
            _ = &mut shutdown => return,
            _ = every.tick() => match run(&db, &settings).await {
                Ok(pass) if pass != Pass::default() => tracing::info!(?pass, "retention pass"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = ?e, "retention pass failed"),
            },
        }
    }
}
