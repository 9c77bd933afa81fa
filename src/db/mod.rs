//! The database: connecting, migrating, the entities, and every query, one
//! file per table or aggregate. Nothing above this layer builds a query.

pub mod audit_log;
pub mod blocks;
pub mod campaigns;
pub mod counts;
pub mod deliveries;
pub mod demo;
pub mod entities;
pub mod letters;
pub mod log;
pub mod outbox;
pub mod padding;
pub mod paper;
pub mod rate_counters;
pub mod secrets;
pub mod sessions;
pub mod signatures;
pub mod teams;
pub mod tokens;
pub mod updates;
pub mod upkeep;
pub mod users;
pub mod volunteers;
pub mod webhooks;

use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};

/// Opens the pool for `url`. For SQLite the file's folder is created and the
/// database is put in WAL mode so readers don't wait for the writer.
pub async fn connect(url: &str, pool_size: u32) -> Result<DatabaseConnection, DbErr> {
    if let Some(path) = sqlite_path(url) {
        if let Some(dir) = std::path::Path::new(path).parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| DbErr::Custom(format!("creating {}: {e}", dir.display())))?;
            }
        }
    }
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .connect_timeout(Duration::from_secs(5))
        .max_connections(pool_size.max(2))
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false);
    let db = Database::connect(options).await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        db.execute_unprepared("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;")
            .await?;
    }
    Ok(db)
}

/// Starts a transaction. On SQLite it takes the write lock at once (`BEGIN
/// IMMEDIATE`, waiting its turn like any writer): a transaction that read
/// first and wrote after would otherwise fail with "database is locked"
/// (SQLITE_BUSY_SNAPSHOT) whenever another connection wrote in between, as
/// the signature log's sequencer or the mail worker may at any moment.
pub async fn begin(db: &DatabaseConnection) -> Result<sea_orm::DatabaseTransaction, DbErr> {
    use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
    if db.get_database_backend() == DbBackend::Sqlite {
        db.begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await
    } else {
        db.begin().await
    }
}

/// The domain part of an address column, in this backend's SQL.
pub(crate) fn domain_of_address_sql(backend: DbBackend, column: &str) -> String {
    match backend {
        DbBackend::Postgres => format!("split_part({column}, '@', 2)"),
        _ => format!("substr({column}, instr({column}, '@') + 1)"),
    }
}

/// Connections the pool holds open, and how many of them are idle.
pub fn pool_use(db: &DatabaseConnection) -> (u32, usize) {
    match db.get_database_backend() {
        DbBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            (pool.size(), pool.num_idle())
        }
        DbBackend::Sqlite => {
            let pool = db.get_sqlite_connection_pool();
            (pool.size(), pool.num_idle())
        }
        _ => (0, 0),
    }
}

/// Runs every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// The file path of a `sqlite://` URL, if it names a file.
fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then_some(path)
}

/// Whether an error is a unique-constraint violation (a race two requests both lost checking).
fn is_unique_violation(err: &DbErr) -> bool {
    matches!(
        err.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

/// A unique-constraint violation as a `Conflict` saying `message`; any other error as it is.
fn conflict_on_unique(err: DbErr, message: &str) -> crate::error::Error {
    if is_unique_violation(&err) {
        crate::error::Error::Conflict(message.into())
    } else {
        err.into()
    }
}

#[cfg(test)]
mod tests {
    use super::sqlite_path;

    #[test]
    fn sqlite_paths_are_found_in_urls() {
        assert_eq!(sqlite_path("sqlite://var/u.db?mode=rwc"), Some("var/u.db"));
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://x/y"), None);
    }
}
