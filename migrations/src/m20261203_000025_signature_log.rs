//! The signature log: per letter, an append-only Merkle tree (RFC 6962) of
//! the events that move its count, with signed tree heads.
//!
//! - `log_pending`: events not yet in the log, written by triggers in the
//!   same transaction as the change (a signature entering or leaving the
//!   count, a paper batch recorded or removed), so nothing moves the count
//!   without its entry; the sequencer appends them in order, a batch at a time.
//! - `log_entries`: the leaves (their canonical JSON and hash), with the
//!   public-fields object each hashes (dropped on anonymisation).
//! - `log_nodes`: the hash of every complete subtree, written once.
//! - `log_state`: each letter's tree size and count, the sequencer's lock.
//! - `log_heads`: the signed tree heads.
//! - `log_keys`: the signing key made on first start when the settings give none.
//!
//! Signatures gain `public_id` (an opaque id the log names them by) and
//! `receipt_hash` (SHA-256 of the secret handed to the signer on confirming);
//! paper batches a `public_id`.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const PG_TRIGGERS: &str = r#"
CREATE FUNCTION signatures_log_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO log_pending (letter_id, signature_id, paper_batch_id, op, reason, created_at)
        SELECT r.letter_id, r.id, NULL, 'add', NULL, now()
        FROM new_rows r WHERE r.status = 'confirmed' ORDER BY r.id;
    ELSE
        INSERT INTO log_pending (letter_id, signature_id, paper_batch_id, op, reason, created_at)
        SELECT n.letter_id, n.id, NULL,
               CASE WHEN n.status = 'confirmed' THEN 'add' ELSE 'remove' END,
               CASE WHEN n.status = 'confirmed' THEN NULL
                    WHEN n.status IN ('withdrawn', 'rejected', 'hidden') THEN n.status
                    ELSE 'invalidated' END,
               now()
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (o.status = 'confirmed') <> (n.status = 'confirmed')
        ORDER BY n.id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER signatures_log_insert AFTER INSERT ON signatures
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION signatures_log_statement();
CREATE TRIGGER signatures_log_update AFTER UPDATE ON signatures
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION signatures_log_statement();

CREATE FUNCTION paper_log() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' AND NEW.removed_at IS NULL THEN
        INSERT INTO log_pending (letter_id, signature_id, paper_batch_id, op, reason, created_at)
        VALUES (NEW.letter_id, NULL, NEW.id, 'add', NULL, now());
    ELSIF TG_OP = 'UPDATE' AND OLD.removed_at IS NULL AND NEW.removed_at IS NOT NULL THEN
        INSERT INTO log_pending (letter_id, signature_id, paper_batch_id, op, reason, created_at)
        VALUES (NEW.letter_id, NULL, NEW.id, 'remove', 'invalidated', now());
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER paper_log AFTER INSERT OR UPDATE OF removed_at ON paper_batches
FOR EACH ROW EXECUTE FUNCTION paper_log();
"#;

const SQLITE_TRIGGERS: &str = "
CREATE TRIGGER signatures_log_insert AFTER INSERT ON signatures WHEN NEW.status = 'confirmed'
BEGIN
    INSERT INTO log_pending (letter_id, signature_id, paper_batch_id, op, reason, created_at)
    VALUES (NEW.letter_id, NEW.id, NULL, 'add', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
CREATE TRIGGER signatures_log_update AFTER UPDATE OF status ON signatures
WHEN (OLD.status = 'confirmed') <> (NEW.status = 'confirmed')
BEGIN
    INSERT INTO log_pending (letter_id, signature_id, paper_batch_id, op, reason, created_at)
    VALUES (NEW.letter_id, NEW.id, NULL,
            CASE WHEN NEW.status = 'confirmed' THEN 'add' ELSE 'remove' END,
            CASE WHEN NEW.status = 'confirmed' THEN NULL
                 WHEN NEW.status IN ('withdrawn', 'rejected', 'hidden') THEN NEW.status
                 ELSE 'invalidated' END,
            strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
CREATE TRIGGER paper_log_insert AFTER INSERT ON paper_batches WHEN NEW.removed_at IS NULL
BEGIN
    INSERT INTO log_pending (letter_id, signature_id, paper_batch_id, op, reason, created_at)
    VALUES (NEW.letter_id, NULL, NEW.id, 'add', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
CREATE TRIGGER paper_log_remove AFTER UPDATE OF removed_at ON paper_batches
WHEN OLD.removed_at IS NULL AND NEW.removed_at IS NOT NULL
BEGIN
    INSERT INTO log_pending (letter_id, signature_id, paper_batch_id, op, reason, created_at)
    VALUES (NEW.letter_id, NULL, NEW.id, 'remove', 'invalidated', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
";

/// What is already counted enters the log as it stands, in the order it
/// entered the count.
const BACKFILL: &str = "
INSERT INTO log_pending (letter_id, signature_id, paper_batch_id, op, reason, created_at)
SELECT letter_id, id, NULL, 'add', NULL, COALESCE(confirmed_at, created_at)
FROM signatures WHERE status = 'confirmed' ORDER BY confirmed_at, id;
INSERT INTO log_pending (letter_id, signature_id, paper_batch_id, op, reason, created_at)
SELECT letter_id, NULL, id, 'add', NULL, recorded_at
FROM paper_batches WHERE removed_at IS NULL ORDER BY id;
";

#[derive(DeriveIden)]
enum LogPending {
    Table,
    Id,
    LetterId,
    SignatureId,
    PaperBatchId,
    /// `add` or `remove`.
    Op,
    Reason,
    CreatedAt,
}

#[derive(DeriveIden)]
enum LogEntries {
    Table,
    LetterId,
    Idx,
    /// The signature's (or paper batch's) public id.
    Subject,
    Op,
    /// This entry's count (1, or a paper batch's).
    Count,
    /// The canonical JSON of the leaf.
    Leaf,
    LeafHash,
    /// The canonical public-fields object (with its salt), until anonymised.
    Fields,
}

#[derive(DeriveIden)]
enum LogNodes {
    Table,
    LetterId,
    Level,
    Idx,
    Hash,
}

#[derive(DeriveIden)]
enum LogState {
    Table,
    LetterId,
    TreeSize,
    Count,
}

#[derive(DeriveIden)]
enum LogHeads {
    Table,
    LetterId,
    TreeSize,
    RootHash,
    Count,
    Timestamp,
    /// The canonical JSON that was signed.
    Signed,
    Signature,
}

#[derive(DeriveIden)]
enum LogKeys {
    Table,
    Id,
    /// The Ed25519 seed, base64.
    Secret,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LogPending::Table)
                    .col(big_pk_auto(LogPending::Id))
                    .col(big_integer(LogPending::LetterId))
                    .col(big_integer_null(LogPending::SignatureId))
                    .col(big_integer_null(LogPending::PaperBatchId))
                    .col(string_len(LogPending::Op, 8))
                    .col(string_len_null(LogPending::Reason, 16))
                    .col(timestamp_with_time_zone(LogPending::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_log_pending_letter")
                    .table(LogPending::Table)
                    .col(LogPending::LetterId)
                    .col(LogPending::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LogEntries::Table)
                    .col(big_integer(LogEntries::LetterId))
                    .col(big_integer(LogEntries::Idx))
                    .col(string_len(LogEntries::Subject, 64))
                    .col(string_len(LogEntries::Op, 8))
                    .col(big_integer(LogEntries::Count))
                    .col(text(LogEntries::Leaf))
                    .col(string_len(LogEntries::LeafHash, 64))
                    .col(text_null(LogEntries::Fields))
                    .primary_key(
                        Index::create()
                            .col(LogEntries::LetterId)
                            .col(LogEntries::Idx),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("idx_log_entries_hash", LogEntries::LeafHash),
            ("idx_log_entries_subject", LogEntries::Subject),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(LogEntries::Table)
                        .col(LogEntries::LetterId)
                        .col(col)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(LogNodes::Table)
                    .col(big_integer(LogNodes::LetterId))
                    .col(small_integer(LogNodes::Level))
                    .col(big_integer(LogNodes::Idx))
                    .col(string_len(LogNodes::Hash, 64))
                    .primary_key(
                        Index::create()
                            .col(LogNodes::LetterId)
                            .col(LogNodes::Level)
                            .col(LogNodes::Idx),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LogState::Table)
                    .col(big_integer(LogState::LetterId).primary_key())
                    .col(big_integer(LogState::TreeSize))
                    .col(big_integer(LogState::Count))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LogHeads::Table)
                    .col(big_integer(LogHeads::LetterId))
                    .col(big_integer(LogHeads::TreeSize))
                    .col(string_len(LogHeads::RootHash, 64))
                    .col(big_integer(LogHeads::Count))
                    .col(timestamp_with_time_zone(LogHeads::Timestamp))
                    .col(text(LogHeads::Signed))
                    .col(string_len(LogHeads::Signature, 128))
                    .primary_key(
                        Index::create()
                            .col(LogHeads::LetterId)
                            .col(LogHeads::TreeSize),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LogKeys::Table)
                    .col(big_pk_auto(LogKeys::Id))
                    .col(string_len(LogKeys::Secret, 64))
                    .col(timestamp_with_time_zone(LogKeys::CreatedAt))
                    .to_owned(),
            )
            .await?;
        for (table, column, size) in [
            ("signatures", "public_id", 32),
            ("signatures", "receipt_hash", 64),
            ("paper_batches", "public_id", 32),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .add_column(string_len_null(Alias::new(column), size))
                        .to_owned(),
                )
                .await?;
        }
        let db = manager.get_connection();
        match manager.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => {
                db.execute_unprepared(PG_TRIGGERS).await?;
                // A queue: every event inserted, then deleted within a second
                // or so. Vacuumed by a fixed number of dead rows, as the
                // outbox is (migration 19), and by the service's own pass.
                db.execute_unprepared(
                    "ALTER TABLE log_pending SET (autovacuum_vacuum_scale_factor = 0, \
                     autovacuum_vacuum_threshold = 5000, autovacuum_vacuum_insert_scale_factor = 0, \
                     autovacuum_vacuum_insert_threshold = 20000, autovacuum_analyze_scale_factor = 0.02, \
                     autovacuum_vacuum_cost_limit = 2000)",
                )
                .await?;
            }
            sea_orm::DatabaseBackend::Sqlite => {
                db.execute_unprepared(SQLITE_TRIGGERS).await?;
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
                    "DROP TRIGGER signatures_log_insert ON signatures; \
                     DROP TRIGGER signatures_log_update ON signatures; \
                     DROP FUNCTION signatures_log_statement(); \
                     DROP TRIGGER paper_log ON paper_batches; DROP FUNCTION paper_log();",
                )
                .await?;
            }
            sea_orm::DatabaseBackend::Sqlite => {
                db.execute_unprepared(
                    "DROP TRIGGER signatures_log_insert; DROP TRIGGER signatures_log_update; \
                     DROP TRIGGER paper_log_insert; DROP TRIGGER paper_log_remove;",
                )
                .await?;
            }
            _ => {}
        }
        for (table, column) in [
            ("signatures", "public_id"),
            ("signatures", "receipt_hash"),
            ("paper_batches", "public_id"),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .drop_column(Alias::new(column))
                        .to_owned(),
                )
                .await?;
        }
        for table in [
            "log_keys",
            "log_heads",
            "log_state",
            "log_nodes",
            "log_entries",
            "log_pending",
        ] {
            manager
                .drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
