//! Volunteers: people who signed up to organise for a campaign. Never
//! public; confirmed by an emailed link (its token kept only as a hash on the
//! row, until used); deleted some time after the campaign closes.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Volunteers {
    Table,
    Id,
    CampaignId,
    Name,
    /// As typed (the address mail goes to).
    Email,
    /// Lower-cased, to find an earlier sign-up of the same address.
    EmailNormalized,
    /// One of the campaign's groups (a group slug of any of its letters).
    GroupSlug,
    /// A campus or workplace not listed, as typed.
    Place,
    /// What they offer to do: a JSON array of the campaign's choices.
    Help,
    Message,
    /// SHA-256 (hex) of the confirmation link's token, until it is used.
    TokenHash,
    TokenExpiresAt,
    CreatedAt,
    ConfirmedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Volunteers::Table)
                    .col(big_pk_auto(Volunteers::Id))
                    .col(big_integer(Volunteers::CampaignId))
                    .col(string_len(Volunteers::Name, 200))
                    .col(string_len(Volunteers::Email, 320))
                    .col(string_len(Volunteers::EmailNormalized, 320))
                    .col(string_len_null(Volunteers::GroupSlug, 100))
                    .col(string_len_null(Volunteers::Place, 200))
                    .col(text(Volunteers::Help))
                    .col(text(Volunteers::Message))
                    .col(string_len_null(Volunteers::TokenHash, 64))
                    .col(timestamp_with_time_zone(Volunteers::TokenExpiresAt))
                    .col(timestamp_with_time_zone(Volunteers::CreatedAt))
                    .col(timestamp_with_time_zone_null(Volunteers::ConfirmedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_volunteers_campaign")
                            .from(Volunteers::Table, Volunteers::CampaignId)
                            .to(Alias::new("campaigns"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_volunteers_campaign")
                    .table(Volunteers::Table)
                    .col(Volunteers::CampaignId)
                    .col(Volunteers::EmailNormalized)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_volunteers_token")
                    .table(Volunteers::Table)
                    .col(Volunteers::TokenHash)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_volunteers_created")
                    .table(Volunteers::Table)
                    .col(Volunteers::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Volunteers::Table).to_owned())
            .await
    }
}
