//! Addresses the receiving server refused for good (a 5xx at `RCPT`): no
//! further updates go to them; moderators see how many there are.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum UndeliverableAddresses {
    Table,
    /// Lower case.
    Address,
    RefusedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(UndeliverableAddresses::Table)
                    .col(string_len(UndeliverableAddresses::Address, 320).primary_key())
                    .col(timestamp_with_time_zone(UndeliverableAddresses::RefusedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(UndeliverableAddresses::Table)
                    .to_owned(),
            )
            .await
    }
}
