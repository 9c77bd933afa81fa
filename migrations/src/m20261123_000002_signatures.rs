use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_000001_letters::{LetterGroups, Letters};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Signatures::Table)
                    .col(big_pk_auto(Signatures::Id))
                    .col(big_integer(Signatures::LetterId))
                    .col(big_integer_null(Signatures::GroupId))
                    .col(string_len(Signatures::Name, 200))
                    .col(string_len(Signatures::Email, 320))
                    .col(string_len(Signatures::EmailNormalized, 320))
                    .col(string_len_null(Signatures::Title, 200))
                    .col(string_len_null(Signatures::Affiliation, 200))
                    .col(boolean(Signatures::Anonymous).default(false))
                    .col(boolean(Signatures::Updates).default(false))
                    .col(boolean(Signatures::VerifiedAffiliation).default(false))
                    .col(string_len(Signatures::Status, 32))
                    .col(text_null(Signatures::ModerationReason))
                    .col(timestamp_with_time_zone(Signatures::CreatedAt))
                    .col(timestamp_with_time_zone_null(Signatures::ConfirmedAt))
                    .col(timestamp_with_time_zone_null(Signatures::WithdrawnAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_signatures_letter")
                            .from(Signatures::Table, Signatures::LetterId)
                            .to(Letters::Table, Letters::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_signatures_group")
                            .from(Signatures::Table, Signatures::GroupId)
                            .to(LetterGroups::Table, LetterGroups::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // One signature per letter per normalised address: the rule that keeps the count true.
        manager
            .create_index(
                Index::create()
                    .name("uq_signatures_letter_email")
                    .table(Signatures::Table)
                    .col(Signatures::LetterId)
                    .col(Signatures::EmailNormalized)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // The public list and the count: confirmed signatures of a letter in confirmation order.
        manager
            .create_index(
                Index::create()
                    .name("idx_signatures_letter_status_confirmed")
                    .table(Signatures::Table)
                    .col(Signatures::LetterId)
                    .col(Signatures::Status)
                    .col(Signatures::ConfirmedAt)
                    .col(Signatures::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Signatures::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
pub enum Signatures {
    Table,
    Id,
    LetterId,
    GroupId,
    Name,
    Email,
    EmailNormalized,
    Title,
    Affiliation,
    Anonymous,
    Updates,
    VerifiedAffiliation,
    Status,
    ModerationReason,
    CreatedAt,
    ConfirmedAt,
    WithdrawnAt,
}
