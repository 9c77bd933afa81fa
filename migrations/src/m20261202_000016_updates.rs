//! Organisers talk back: updates (and recipients' responses) to a letter's
//! signers, reviewed by a moderator, then mailed in batches through the
//! outbox's second lane; a signer may unsubscribe from a letter's updates.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_000001_letters::Letters;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum LetterUpdates {
    Table,
    Id,
    LetterId,
    /// `update`, or `response` (a recipient's answer, with `from_name`).
    Kind,
    Title,
    /// Markdown, rendered and sanitised like a letter's.
    Body,
    FromName,
    /// `in_review` → `published` or `rejected`.
    Status,
    RejectionReason,
    AuthorId,
    CreatedAt,
    PublishedAt,
    /// How many signatures were to be mailed when it was published.
    Recipients,
    /// The highest signature id at publication: later signers read it on the page.
    FanoutUntil,
    /// The last signature id whose message is queued.
    FanoutCursor,
    FanoutDoneAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LetterUpdates::Table)
                    .col(big_pk_auto(LetterUpdates::Id))
                    .col(big_integer(LetterUpdates::LetterId))
                    .col(string_len(LetterUpdates::Kind, 16))
                    .col(string_len(LetterUpdates::Title, 200))
                    .col(text(LetterUpdates::Body))
                    .col(string_len_null(LetterUpdates::FromName, 200))
                    .col(string_len(LetterUpdates::Status, 16))
                    .col(text_null(LetterUpdates::RejectionReason))
                    .col(big_integer_null(LetterUpdates::AuthorId))
                    .col(timestamp_with_time_zone(LetterUpdates::CreatedAt))
                    .col(timestamp_with_time_zone_null(LetterUpdates::PublishedAt))
                    .col(big_integer_null(LetterUpdates::Recipients))
                    .col(big_integer_null(LetterUpdates::FanoutUntil))
                    .col(big_integer_null(LetterUpdates::FanoutCursor))
                    .col(timestamp_with_time_zone_null(LetterUpdates::FanoutDoneAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_letter_updates_letter")
                            .from(LetterUpdates::Table, LetterUpdates::LetterId)
                            .to(Letters::Table, Letters::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // SQLite takes one column per ALTER TABLE.
        for (table, col) in [
            (
                "signatures",
                timestamp_with_time_zone_null(Alias::new("unsubscribed_at")),
            ),
            ("outbox", big_integer_null(Alias::new("update_id"))),
            // `<update-{update}-{signature}@host>`: one message per recipient and update, ever.
            ("outbox", string_len_null(Alias::new("message_id"), 255)),
            // The RFC 2369 / RFC 8058 headers of mail to many.
            ("outbox", text_null(Alias::new("list_unsubscribe"))),
            ("outbox", string_len_null(Alias::new("list_id"), 255)),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .add_column(col)
                        .to_owned(),
                )
                .await?;
        }
        let db = manager.get_connection();
        // Partial indexes are written the same on PostgreSQL and SQLite.
        for sql in [
            // A letter's updates by status and date (the page, the interval check).
            "CREATE INDEX idx_letter_updates_letter ON letter_updates (letter_id, status, created_at)",
            // The fan-out pass finds what it has left to send.
            "CREATE INDEX idx_letter_updates_fanout ON letter_updates (id) WHERE status = 'published' AND fanout_done_at IS NULL",
            // The fan-out walks a letter's mailable signatures by key.
            "CREATE INDEX idx_signatures_mailable ON signatures (letter_id, id) WHERE status = 'confirmed' AND updates AND unsubscribed_at IS NULL",
            "CREATE UNIQUE INDEX uq_outbox_message_id ON outbox (message_id) WHERE message_id IS NOT NULL",
            "CREATE INDEX idx_outbox_update ON outbox (update_id, status) WHERE update_id IS NOT NULL",
        ] {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for sql in [
            "DROP INDEX idx_outbox_update",
            "DROP INDEX uq_outbox_message_id",
            "DROP INDEX idx_signatures_mailable",
        ] {
            db.execute_unprepared(sql).await?;
        }
        for (table, col) in [
            ("outbox", "list_id"),
            ("outbox", "list_unsubscribe"),
            ("outbox", "message_id"),
            ("outbox", "update_id"),
            ("signatures", "unsubscribed_at"),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .drop_column(Alias::new(col))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(LetterUpdates::Table).to_owned())
            .await
    }
}
