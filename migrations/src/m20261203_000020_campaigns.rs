//! Campaigns: many letters (fronts) under one page, with a story, the targets
//! they name, a timeline of wins, and what volunteers can offer to do. A
//! letter belongs to at most one campaign.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_000001_letters::Letters;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Campaigns {
    Table,
    Id,
    Slug,
    Title,
    Summary,
    /// Markdown: the story.
    Body,
    /// Whom the campaign addresses, one per line.
    Targets,
    /// What a volunteer can choose to do: a JSON array of strings.
    HelpOptions,
    /// Markdown sent to a confirmed volunteer: toolkit links, meeting times.
    Resources,
    Status,
    OrganiserId,
    RejectionReason,
    CreatedAt,
    UpdatedAt,
    PublishedAt,
    ClosedAt,
}

#[derive(DeriveIden)]
enum CampaignWins {
    Table,
    Id,
    CampaignId,
    /// The day it happened.
    HappenedOn,
    Title,
    Body,
    Link,
    AuthorId,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Campaigns::Table)
                    .col(big_pk_auto(Campaigns::Id))
                    .col(string_len_uniq(Campaigns::Slug, 100))
                    .col(string_len(Campaigns::Title, 200))
                    .col(string_len(Campaigns::Summary, 500))
                    .col(text(Campaigns::Body))
                    .col(text(Campaigns::Targets))
                    .col(text(Campaigns::HelpOptions))
                    .col(text(Campaigns::Resources))
                    .col(string_len(Campaigns::Status, 32))
                    .col(big_integer_null(Campaigns::OrganiserId))
                    .col(text_null(Campaigns::RejectionReason))
                    .col(timestamp_with_time_zone(Campaigns::CreatedAt))
                    .col(timestamp_with_time_zone(Campaigns::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Campaigns::PublishedAt))
                    .col(timestamp_with_time_zone_null(Campaigns::ClosedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_campaigns_status")
                    .table(Campaigns::Table)
                    .col(Campaigns::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CampaignWins::Table)
                    .col(big_pk_auto(CampaignWins::Id))
                    .col(big_integer(CampaignWins::CampaignId))
                    .col(date(CampaignWins::HappenedOn))
                    .col(string_len(CampaignWins::Title, 200))
                    .col(text(CampaignWins::Body))
                    .col(string_len_null(CampaignWins::Link, 2000))
                    .col(big_integer_null(CampaignWins::AuthorId))
                    .col(timestamp_with_time_zone(CampaignWins::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_campaign_wins_campaign")
                            .from(CampaignWins::Table, CampaignWins::CampaignId)
                            .to(Campaigns::Table, Campaigns::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_campaign_wins_campaign")
                    .table(CampaignWins::Table)
                    .col(CampaignWins::CampaignId)
                    .to_owned(),
            )
            .await?;
        // SQLite cannot add a foreign key to an existing table; on PostgreSQL
        // the constraint is added below. The index serves the campaign page.
        manager
            .alter_table(
                Table::alter()
                    .table(Letters::Table)
                    .add_column(big_integer_null(Alias::new("campaign_id")))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_letters_campaign")
                    .table(Letters::Table)
                    .col(Alias::new("campaign_id"))
                    .to_owned(),
            )
            .await?;
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared(
                    "ALTER TABLE letters ADD CONSTRAINT fk_letters_campaign \
                     FOREIGN KEY (campaign_id) REFERENCES campaigns (id) ON DELETE SET NULL",
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("ALTER TABLE letters DROP CONSTRAINT fk_letters_campaign")
                .await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("idx_letters_campaign")
                    .table(Letters::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Letters::Table)
                    .drop_column(Alias::new("campaign_id"))
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(CampaignWins::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Campaigns::Table).to_owned())
            .await
    }
}
