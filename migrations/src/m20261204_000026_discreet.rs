//! Discreet letters and groups: a worker signing against their employer with
//! their work address leaves no trace of the letter in that mailbox and none
//! of the address with us once confirmed.
//!
//! - `letters.discreet`, `letter_groups.discreet`: the flag.
//! - `signatures.discreet`: set when the signature was made on a discreet
//!   letter or group; its `email_normalized` is then a keyed hash of the
//!   address and its domain (`<HMAC-SHA-256 hex>@<domain>`) from the start,
//!   and its `email` is replaced on confirmation.
//! - `signatures.updates_email`: the optional personal address for updates
//!   a discreet signer gives, moved into `email` on confirmation.
//! - `server_secrets`: keys the service makes on first start when the
//!   settings give none (the discreet-address key).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ServerSecrets {
    Table,
    Name,
    Secret,
    CreatedAt,
}

fn flag(table: &str, column: &str) -> TableAlterStatement {
    Table::alter()
        .table(Alias::new(table))
        .add_column(
            ColumnDef::new(Alias::new(column))
                .boolean()
                .not_null()
                .default(false),
        )
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(flag("letters", "discreet")).await?;
        manager
            .alter_table(flag("letter_groups", "discreet"))
            .await?;
        manager.alter_table(flag("signatures", "discreet")).await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("signatures"))
                    .add_column(
                        ColumnDef::new(Alias::new("updates_email"))
                            .string_len(320)
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ServerSecrets::Table)
                    .col(string_len(ServerSecrets::Name, 64).primary_key())
                    .col(text(ServerSecrets::Secret))
                    .col(timestamp_with_time_zone(ServerSecrets::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ServerSecrets::Table).to_owned())
            .await?;
        for (table, column) in [
            ("signatures", "updates_email"),
            ("signatures", "discreet"),
            ("letter_groups", "discreet"),
            ("letters", "discreet"),
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
        Ok(())
    }
}
