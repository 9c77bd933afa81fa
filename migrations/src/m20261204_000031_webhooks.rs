//! Webhooks: endpoints a letter's or campaign's owners register for events,
//! and the deliveries to them (an outbox of their own, with retries).
//!
//! - `webhooks`: the endpoint, its events, its signing secret, and how it
//!   stands (`active`, or `disabled` after a day of failures).
//! - `webhook_cursors`: per endpoint and letter, the next entry of the
//!   letter's signature log to turn into `signature.*` events: signing and
//!   confirming write nothing for webhooks; the dispatcher follows the log.
//! - `webhook_deliveries`: one event to one endpoint, until it is delivered
//!   or given up on.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Webhooks {
    Table,
    Id,
    /// One of the two.
    LetterId,
    CampaignId,
    Url,
    /// Comma-separated event types.
    Events,
    /// `whsec_` and the base64 of the key.
    Secret,
    CreatedBy,
    CreatedAt,
    /// `active` or `disabled`.
    Status,
    /// The first failure since the last success.
    FailingSince,
    DisabledAt,
    LastDeliveryAt,
    LastStatusCode,
}

#[derive(DeriveIden)]
enum WebhookCursors {
    Table,
    WebhookId,
    LetterId,
    /// The index of the next log entry to dispatch.
    NextIdx,
}

#[derive(DeriveIden)]
enum WebhookDeliveries {
    Table,
    Id,
    WebhookId,
    /// `msg_…`: the `webhook-id` header, the same on every retry.
    EventId,
    EventType,
    Payload,
    CreatedAt,
    /// `pending`, `delivered` or `failed`.
    Status,
    Attempts,
    NextAttemptAt,
    LastAttemptAt,
    LastStatusCode,
    LastError,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Webhooks::Table)
                    .col(big_pk_auto(Webhooks::Id))
                    .col(big_integer_null(Webhooks::LetterId))
                    .col(big_integer_null(Webhooks::CampaignId))
                    .col(string_len(Webhooks::Url, 2048))
                    .col(string_len(Webhooks::Events, 256))
                    .col(string_len(Webhooks::Secret, 128))
                    .col(big_integer(Webhooks::CreatedBy))
                    .col(timestamp_with_time_zone(Webhooks::CreatedAt))
                    .col(string_len(Webhooks::Status, 16))
                    .col(timestamp_with_time_zone_null(Webhooks::FailingSince))
                    .col(timestamp_with_time_zone_null(Webhooks::DisabledAt))
                    .col(timestamp_with_time_zone_null(Webhooks::LastDeliveryAt))
                    .col(integer_null(Webhooks::LastStatusCode))
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("idx_webhooks_letter", Webhooks::LetterId),
            ("idx_webhooks_campaign", Webhooks::CampaignId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Webhooks::Table)
                        .col(col)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(WebhookCursors::Table)
                    .col(big_integer(WebhookCursors::WebhookId))
                    .col(big_integer(WebhookCursors::LetterId))
                    .col(big_integer(WebhookCursors::NextIdx))
                    .primary_key(
                        Index::create()
                            .col(WebhookCursors::WebhookId)
                            .col(WebhookCursors::LetterId),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(WebhookDeliveries::Table)
                    .col(big_pk_auto(WebhookDeliveries::Id))
                    .col(big_integer(WebhookDeliveries::WebhookId))
                    .col(string_len(WebhookDeliveries::EventId, 64))
                    .col(string_len(WebhookDeliveries::EventType, 32))
                    .col(text(WebhookDeliveries::Payload))
                    .col(timestamp_with_time_zone(WebhookDeliveries::CreatedAt))
                    .col(string_len(WebhookDeliveries::Status, 16))
                    .col(integer(WebhookDeliveries::Attempts))
                    .col(timestamp_with_time_zone(WebhookDeliveries::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(
                        WebhookDeliveries::LastAttemptAt,
                    ))
                    .col(integer_null(WebhookDeliveries::LastStatusCode))
                    .col(text_null(WebhookDeliveries::LastError))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_webhook_deliveries_due")
                    .table(WebhookDeliveries::Table)
                    .col(WebhookDeliveries::Status)
                    .col(WebhookDeliveries::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_webhook_deliveries_webhook")
                    .table(WebhookDeliveries::Table)
                    .col(WebhookDeliveries::WebhookId)
                    .col(WebhookDeliveries::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            WebhookDeliveries::Table.into_iden(),
            WebhookCursors::Table.into_iden(),
            Webhooks::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
