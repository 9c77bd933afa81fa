//! Upkeep of the queue tables on PostgreSQL. Every message in the outbox is
//! inserted, leased and marked sent, and every confirmation's token is
//! written and then spent: at 1,000 signatures a second that is thousands of
//! dead rows a second, which the mail worker's claim walks past until they
//! are vacuumed. Autovacuum looks at a table once a minute at best (and is
//! off on some servers); these queries let the service look sooner.

use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};

use crate::error::Result;

/// The tables whose rows are written again and again.
pub const QUEUES: [&str; 3] = ["outbox", "tokens", "log_pending"];

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

/// Vacuums one of [`QUEUES`] (PostgreSQL only) on a connection of its own,
/// paced as autovacuum paces itself (a 2 ms rest per 2,000 units of work)
/// so that it does not take the CPU and the disk from signing meanwhile.
pub async fn vacuum(db: &DatabaseConnection, table: &str) -> Result<()> {
    let sql = match table {
        "outbox" => "VACUUM (ANALYZE) outbox",
        "tokens" => "VACUUM (ANALYZE) tokens",
        "log_pending" => "VACUUM (ANALYZE) log_pending",
        _ => return Ok(()),
    };
    if db.get_database_backend() != DatabaseBackend::Postgres {
        return Ok(());
    }
    use sea_orm::sqlx::Executor;
    let pool = db.get_postgres_connection_pool();
    let mut conn = pool.acquire().await.map_err(sqlx_error)?;
    let conn = &mut *conn;
    conn.execute("SET vacuum_cost_delay = 2; SET vacuum_cost_limit = 2000")
        .await
        .map_err(sqlx_error)?;
    let vacuumed = conn.execute(sql).await.map(drop).map_err(sqlx_error);
    // The connection goes back to the pool as it came.
    conn.execute("RESET vacuum_cost_delay; RESET vacuum_cost_limit")
        .await
        .map_err(sqlx_error)?;
    vacuumed
}

fn sqlx_error(e: sea_orm::sqlx::Error) -> crate::error::Error {
    crate::error::Error::Internal(format!("vacuum: {e}"))
}
