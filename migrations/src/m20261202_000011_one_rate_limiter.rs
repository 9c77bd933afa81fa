//! One rate limiter: logins, registrations, resets and repeat mail are now
//! counted in `rate_counters` (fixed windows, or Redis) like signing. The
//! per-event table goes, with the addresses its login buckets named.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_000005_accounts::RateEvents;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RateEvents::Table).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RateEvents::Table)
                    .col(big_pk_auto(RateEvents::Id))
                    .col(string_len(RateEvents::Bucket, 400))
                    .col(timestamp_with_time_zone(RateEvents::At))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_rate_events_bucket_at")
                    .table(RateEvents::Table)
                    .col(RateEvents::Bucket)
                    .col(RateEvents::At)
                    .to_owned(),
            )
            .await
    }
}
