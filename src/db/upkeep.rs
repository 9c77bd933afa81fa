//! Upkeep of the queue tables on PostgreSQL. Every message in the outbox is
//! inserted, leased and marked sent, and every confirmation's token is
//! written and then spent: at 1,000 signatures a second that is thousands of
//! dead rows a second, which the mail worker's claim walks past until they
//! are vacuumed. Autovacuum looks at a table once a minute at best (and is
//! off on some servers); these queries let the service look sooner.

use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};

use crate::error::Result;

/// The tables whose rows are written again and again.
pub const QUEUES: [&str; 2] = ["outbox", "tokens"];

/// Dead rows in `table` as PostgreSQL's statistics last counted them (0 on SQLite).
pub async fn dead_rows(db: &impl ConnectionTrait, table: &str) -> Result<i64> {
    if db.get_database_backend() != DatabaseBackend::Postgres {
        return Ok(0);
    }
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "SELECT COALESCE(n_dead_tup, 0) AS n FROM pg_stat_user_tables \
             WHERE relname = $1 AND schemaname = current_schema()",
            [table.into()],
        ))
        .await?;
    Ok(match row {
        Some(r) => r.try_get("", "n")?,
        None => 0,
    })
}

/// Vacuums one of [`QUEUES`] (PostgreSQL only; outside any transaction).
pub async fn vacuum(db: &impl ConnectionTrait, table: &str) -> Result<()> {
    if db.get_database_backend() != DatabaseBackend::Postgres || !QUEUES.contains(&table) {
        return Ok(());
    }
    db.execute_unprepared(&format!("VACUUM (ANALYZE) {table}"))
        .await?;
    Ok(())
}
