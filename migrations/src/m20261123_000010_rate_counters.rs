//! Fixed-window counters for rate limits on hot paths (signing): one row per
//! bucket and window, bumped with an upsert, instead of a row per event.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RateCounters {
    Table,
    Bucket,
    WindowStart,
    WindowSecs,
    N,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RateCounters::Table)
                    .col(string_len(RateCounters::Bucket, 200))
                    .col(big_integer(RateCounters::WindowStart))
                    .col(big_integer(RateCounters::WindowSecs))
                    .col(big_integer(RateCounters::N).default(0))
                    .primary_key(
                        Index::create()
                            .col(RateCounters::Bucket)
                            .col(RateCounters::WindowStart)
                            .col(RateCounters::WindowSecs),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RateCounters::Table).to_owned())
            .await
    }
}
