//! Counts by statement, not by row (PostgreSQL). Migration 7's trigger ran once
//! per changed signature and picked a random shard each time, so one statement
//! that confirmed many signatures locked many shard rows in random order, and
//! two such statements deadlocked. These triggers run once per statement, read
//! the statement's changed rows (transition tables), add up the deltas per
//! letter, group and verification, and apply them to one shard, in key order:
//! a statement locks at most one row per key, and two statements lock theirs in
//! the same order, so they wait for each other but never deadlock. Confirming
//! 200 signatures in one statement is a handful of shard updates, not 400.
//!
//! SQLite keeps migration 7's row triggers: it has one writer at a time.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// One function for the three triggers; each names its own transition tables,
/// and PL/pgSQL plans only the branch it runs.
const TRIGGERS: &str = r#"
CREATE FUNCTION signatures_count_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    s smallint := floor(random() * 32);
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO signature_counts (letter_id, group_key, verified, shard, n)
        SELECT r.letter_id, k, r.verified_affiliation, s, COUNT(*)
        FROM new_rows r, unnest(ARRAY[-1, r.group_id]) AS k
        WHERE r.status = 'confirmed' AND k IS NOT NULL
        GROUP BY r.letter_id, k, r.verified_affiliation
        ORDER BY r.letter_id, k, r.verified_affiliation
        ON CONFLICT (letter_id, group_key, verified, shard)
        DO UPDATE SET n = signature_counts.n + EXCLUDED.n;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO signature_counts (letter_id, group_key, verified, shard, n)
        SELECT r.letter_id, k, r.verified_affiliation, s, -COUNT(*)
        FROM old_rows r, unnest(ARRAY[-1, r.group_id]) AS k
        WHERE r.status = 'confirmed' AND k IS NOT NULL
        GROUP BY r.letter_id, k, r.verified_affiliation
        ORDER BY r.letter_id, k, r.verified_affiliation
        ON CONFLICT (letter_id, group_key, verified, shard)
        DO UPDATE SET n = signature_counts.n + EXCLUDED.n;
    ELSE
        INSERT INTO signature_counts (letter_id, group_key, verified, shard, n)
        SELECT d.letter_id, k, d.verified, s, SUM(d.n)
        FROM (
            SELECT letter_id, group_id, verified_affiliation AS verified, -1 AS n
            FROM old_rows WHERE status = 'confirmed'
            UNION ALL
            SELECT letter_id, group_id, verified_affiliation, 1
            FROM new_rows WHERE status = 'confirmed'
        ) d, unnest(ARRAY[-1, d.group_id]) AS k
        WHERE k IS NOT NULL
        GROUP BY d.letter_id, k, d.verified
        HAVING SUM(d.n) <> 0
        ORDER BY d.letter_id, k, d.verified
        ON CONFLICT (letter_id, group_key, verified, shard)
        DO UPDATE SET n = signature_counts.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER signatures_count_insert AFTER INSERT ON signatures
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION signatures_count_statement();
CREATE TRIGGER signatures_count_delete AFTER DELETE ON signatures
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION signatures_count_statement();
CREATE TRIGGER signatures_count_update AFTER UPDATE ON signatures
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION signatures_count_statement();
"#;

const DOWN: &str = "\
DROP TRIGGER signatures_count_insert ON signatures; \
DROP TRIGGER signatures_count_delete ON signatures; \
DROP TRIGGER signatures_count_update ON signatures; \
DROP FUNCTION signatures_count_statement();";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            let db = manager.get_connection();
            db.execute_unprepared(
                "DROP TRIGGER signatures_count ON signatures; DROP FUNCTION signatures_count();",
            )
            .await?;
            db.execute_unprepared(TRIGGERS).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            let db = manager.get_connection();
            db.execute_unprepared(DOWN).await?;
            db.execute_unprepared(crate::m20261123_000007_signature_counts::PG_TRIGGER)
                .await?;
        }
        Ok(())
    }
}
