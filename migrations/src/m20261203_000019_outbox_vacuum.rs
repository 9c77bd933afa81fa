//! The outbox is a queue: every message is inserted, leased (an update) and
//! marked sent (another), then deleted days later. PostgreSQL's default
//! autovacuum waits for a fifth of the table to be dead before it cleans, so
//! after a fan-out to a few hundred thousand signers the claim's partial index
//! walked past more than a hundred thousand dead entries per claim, and a
//! confirmation queued behind that waited 15 s (bench/run). Queue tables are
//! vacuumed by a fixed number of dead rows instead, with a higher cost limit
//! so that a vacuum keeps up with 1,000 messages/s, and leave room in each
//! page for the lease and the `sent` update to stay on the page (HOT).
//! PostgreSQL only: SQLite has no autovacuum to tune.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables whose rows are written again and again: the outbox, the
/// one-time tokens (confirmed, then deleted) and the rate limiter's counters.
const QUEUES: [&str; 3] = ["outbox", "tokens", "rate_counters"];

const SET: &str = "autovacuum_vacuum_scale_factor = 0, \
autovacuum_vacuum_threshold = 5000, \
autovacuum_vacuum_insert_scale_factor = 0, \
autovacuum_vacuum_insert_threshold = 20000, \
autovacuum_analyze_scale_factor = 0.02, \
autovacuum_vacuum_cost_limit = 2000, \
fillfactor = 80";

const RESET: &str = "autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold, \
autovacuum_vacuum_insert_scale_factor, autovacuum_vacuum_insert_threshold, \
autovacuum_analyze_scale_factor, autovacuum_vacuum_cost_limit, fillfactor";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            let db = manager.get_connection();
            for table in QUEUES {
                db.execute_unprepared(&format!("ALTER TABLE {table} SET ({SET})"))
                    .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            let db = manager.get_connection();
            for table in QUEUES {
                db.execute_unprepared(&format!("ALTER TABLE {table} RESET ({RESET})"))
                    .await?;
            }
        }
        Ok(())
    }
}
