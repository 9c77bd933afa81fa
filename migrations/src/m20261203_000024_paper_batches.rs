//! Signatures collected on paper (at a stall, a teach-in): a batch with its
//! group, date, place and count, and optionally the names for the public
//! list. They count towards the letter, apart from those signed online; a
//! moderator may remove a batch (it stays, marked removed, for the record).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PaperBatches {
    Table,
    Id,
    LetterId,
    GroupId,
    CollectedOn,
    Place,
    Count,
    /// The names for the public list: a JSON array (at most `count`).
    Names,
    RecordedBy,
    RecordedAt,
    RemovedAt,
    RemovedBy,
    RemovedReason,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PaperBatches::Table)
                    .col(big_pk_auto(PaperBatches::Id))
                    .col(big_integer(PaperBatches::LetterId))
                    .col(big_integer_null(PaperBatches::GroupId))
                    .col(date(PaperBatches::CollectedOn))
                    .col(string_len(PaperBatches::Place, 200))
                    .col(big_integer(PaperBatches::Count))
                    .col(text(PaperBatches::Names))
                    .col(big_integer_null(PaperBatches::RecordedBy))
                    .col(timestamp_with_time_zone(PaperBatches::RecordedAt))
                    .col(timestamp_with_time_zone_null(PaperBatches::RemovedAt))
                    .col(big_integer_null(PaperBatches::RemovedBy))
                    .col(text_null(PaperBatches::RemovedReason))
                    .check(Expr::col(PaperBatches::Count).gt(0))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_paper_batches_letter")
                            .from(PaperBatches::Table, PaperBatches::LetterId)
                            .to(Alias::new("letters"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_paper_batches_group")
                            .from(PaperBatches::Table, PaperBatches::GroupId)
                            .to(Alias::new("letter_groups"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_paper_batches_letter")
                    .table(PaperBatches::Table)
                    .col(PaperBatches::LetterId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PaperBatches::Table).to_owned())
            .await
    }
}
