//! Counts without a hot row. Every change to a signature that moves it into or
//! out of the count (confirm, approve, withdraw, reject, hide, a new group or
//! verification) adds ±1 to one of 32 shard rows of its letter (and of its
//! group), chosen at random, by a trigger in the same transaction: concurrent
//! confirmations rarely touch the same row, nothing in the application can
//! forget to count, and the count is read by summing a fixed number of rows.
//! `group_key` is -1 for the whole letter, else the group's id.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SignatureCounts {
    Table,
    LetterId,
    GroupKey,
    Verified,
    Shard,
    N,
}

pub(crate) const PG_TRIGGER: &str = r#"
CREATE FUNCTION signatures_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    s smallint := floor(random() * 32);
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.status = OLD.status
       AND NEW.letter_id = OLD.letter_id
       AND NEW.group_id IS NOT DISTINCT FROM OLD.group_id
       AND NEW.verified_affiliation = OLD.verified_affiliation THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' AND OLD.status = 'confirmed' THEN
        INSERT INTO signature_counts (letter_id, group_key, verified, shard, n)
        SELECT OLD.letter_id, k, OLD.verified_affiliation, s, -1
        FROM unnest(ARRAY[-1, OLD.group_id]) AS k WHERE k IS NOT NULL
        ON CONFLICT (letter_id, group_key, verified, shard)
        DO UPDATE SET n = signature_counts.n + EXCLUDED.n;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.status = 'confirmed' THEN
        INSERT INTO signature_counts (letter_id, group_key, verified, shard, n)
        SELECT NEW.letter_id, k, NEW.verified_affiliation, s, 1
        FROM unnest(ARRAY[-1, NEW.group_id]) AS k WHERE k IS NOT NULL
        ON CONFLICT (letter_id, group_key, verified, shard)
        DO UPDATE SET n = signature_counts.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER signatures_count
AFTER INSERT OR DELETE OR UPDATE OF status, letter_id, group_id, verified_affiliation ON signatures
FOR EACH ROW EXECUTE FUNCTION signatures_count();
"#;

/// SQLite has one writer at a time, so one shard is enough.
fn sqlite_add(row: &str, delta: i32) -> String {
    format!(
        "INSERT INTO signature_counts (letter_id, group_key, verified, shard, n) \
         SELECT {row}.letter_id, -1, {row}.verified_affiliation, 0, {delta} WHERE {row}.status = 'confirmed' \
         ON CONFLICT (letter_id, group_key, verified, shard) DO UPDATE SET n = n + excluded.n; \
         INSERT INTO signature_counts (letter_id, group_key, verified, shard, n) \
         SELECT {row}.letter_id, {row}.group_id, {row}.verified_affiliation, 0, {delta} \
         WHERE {row}.status = 'confirmed' AND {row}.group_id IS NOT NULL \
         ON CONFLICT (letter_id, group_key, verified, shard) DO UPDATE SET n = n + excluded.n;"
    )
}

fn sqlite_triggers() -> String {
    format!(
        "CREATE TRIGGER signatures_count_insert AFTER INSERT ON signatures BEGIN {new} END; \
         CREATE TRIGGER signatures_count_delete AFTER DELETE ON signatures BEGIN {old} END; \
         CREATE TRIGGER signatures_count_update \
         AFTER UPDATE OF status, letter_id, group_id, verified_affiliation ON signatures \
         WHEN NOT (NEW.status = OLD.status AND NEW.letter_id = OLD.letter_id \
                   AND NEW.group_id IS OLD.group_id \
                   AND NEW.verified_affiliation = OLD.verified_affiliation) \
         BEGIN {old} {new} END;",
        new = sqlite_add("NEW", 1),
        old = sqlite_add("OLD", -1),
    )
}

/// The counts of the signatures already there.
const BACKFILL: &str = "\
INSERT INTO signature_counts (letter_id, group_key, verified, shard, n) \
SELECT letter_id, -1, verified_affiliation, 0, COUNT(*) FROM signatures \
WHERE status = 'confirmed' GROUP BY letter_id, verified_affiliation; \
INSERT INTO signature_counts (letter_id, group_key, verified, shard, n) \
SELECT letter_id, group_id, verified_affiliation, 0, COUNT(*) FROM signatures \
WHERE status = 'confirmed' AND group_id IS NOT NULL GROUP BY letter_id, group_id, verified_affiliation;";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SignatureCounts::Table)
                    .col(big_integer(SignatureCounts::LetterId))
                    .col(big_integer(SignatureCounts::GroupKey))
                    .col(boolean(SignatureCounts::Verified))
                    .col(small_integer(SignatureCounts::Shard))
                    .col(big_integer(SignatureCounts::N).default(0))
                    .primary_key(
                        Index::create()
                            .col(SignatureCounts::LetterId)
                            .col(SignatureCounts::GroupKey)
                            .col(SignatureCounts::Verified)
                            .col(SignatureCounts::Shard),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => {
                db.execute_unprepared(PG_TRIGGER).await?;
            }
            sea_orm::DatabaseBackend::Sqlite => {
                db.execute_unprepared(&sqlite_triggers()).await?;
            }
            _ => {}
        }
        db.execute_unprepared(BACKFILL).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "DROP TRIGGER signatures_count ON signatures; DROP FUNCTION signatures_count();",
                )
                .await?;
            }
            sea_orm::DatabaseBackend::Sqlite => {
                db.execute_unprepared(
                    "DROP TRIGGER signatures_count_insert; DROP TRIGGER signatures_count_delete; \
                     DROP TRIGGER signatures_count_update;",
                )
                .await?;
            }
            _ => {}
        }
        manager
            .drop_table(Table::drop().table(SignatureCounts::Table).to_owned())
            .await
    }
}
