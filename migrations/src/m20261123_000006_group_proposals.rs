//! Proposed groups ("start a pledge at your school") and the domain a
//! signature was verified against.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_000001_letters::{LetterGroups, Letters};
use crate::m20261123_000002_signatures::Signatures;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Added {
    /// `letters`: signers may propose a group the letter does not list yet.
    AllowGroupProposals,
    /// `letter_groups`: `accepted` (public) or `proposed` (waiting for a moderator or the organiser).
    Status,
    /// `signatures`: the group's listed domain the signer's address matched.
    VerifiedDomain,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one column per ALTER TABLE.
        manager
            .alter_table(
                Table::alter()
                    .table(Letters::Table)
                    .add_column(boolean(Added::AllowGroupProposals).default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(LetterGroups::Table)
                    .add_column(string_len(Added::Status, 32).default("accepted"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Signatures::Table)
                    .add_column(string_len_null(Added::VerifiedDomain, 253))
                    .to_owned(),
            )
            .await?;
        // A group's page lists its confirmed signatures in confirmation order.
        manager
            .create_index(
                Index::create()
                    .name("idx_signatures_group_status_confirmed")
                    .table(Signatures::Table)
                    .col(Signatures::GroupId)
                    .col(Signatures::Status)
                    .col(Signatures::ConfirmedAt)
                    .col(Signatures::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_signatures_group_status_confirmed")
                    .table(Signatures::Table)
                    .to_owned(),
            )
            .await?;
        for (table, column) in [
            (Signatures::Table.into_iden(), Added::VerifiedDomain),
            (LetterGroups::Table.into_iden(), Added::Status),
            (Letters::Table.into_iden(), Added::AllowGroupProposals),
        ] {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
