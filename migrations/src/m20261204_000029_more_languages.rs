//! Languages, continued: the language an account and a volunteer use (their
//! mail goes out in it), a campaign's language and its translations, an
//! update's translations, and an update's email rendered in each language
//! its signers read (each queued message says which).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CampaignTranslations {
    Table,
    Id,
    CampaignId,
    Language,
    Title,
    Summary,
    Body,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum UpdateMails {
    Table,
    Id,
    UpdateId,
    Language,
    MailText,
    MailHtml,
}

#[derive(DeriveIden)]
enum UpdateTranslations {
    Table,
    Id,
    UpdateId,
    Language,
    Title,
    Body,
    UpdatedAt,
}

fn language_column() -> ColumnDef {
    ColumnDef::new(Alias::new("language"))
        .string_len(16)
        .not_null()
        .default("en")
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["users", "volunteers", "campaigns"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .add_column(language_column())
                        .to_owned(),
                )
                .await?;
        }
        // An update's message in a language other than the update's own.
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("outbox"))
                    .add_column(ColumnDef::new(Alias::new("language")).string_len(16).null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(UpdateMails::Table)
                    .col(big_pk_auto(UpdateMails::Id))
                    .col(big_integer(UpdateMails::UpdateId))
                    .col(string_len(UpdateMails::Language, 16))
                    .col(text(UpdateMails::MailText))
                    .col(text(UpdateMails::MailHtml))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_update_mails_update")
                            .from(UpdateMails::Table, UpdateMails::UpdateId)
                            .to(Alias::new("letter_updates"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_update_mails_language")
                    .table(UpdateMails::Table)
                    .col(UpdateMails::UpdateId)
                    .col(UpdateMails::Language)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CampaignTranslations::Table)
                    .col(big_pk_auto(CampaignTranslations::Id))
                    .col(big_integer(CampaignTranslations::CampaignId))
                    .col(string_len(CampaignTranslations::Language, 16))
                    .col(string_len(CampaignTranslations::Title, 200))
                    .col(text(CampaignTranslations::Summary))
                    .col(text(CampaignTranslations::Body))
                    .col(timestamp_with_time_zone(CampaignTranslations::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_campaign_translations_campaign")
                            .from(
                                CampaignTranslations::Table,
                                CampaignTranslations::CampaignId,
                            )
                            .to(Alias::new("campaigns"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_campaign_translations_language")
                    .table(CampaignTranslations::Table)
                    .col(CampaignTranslations::CampaignId)
                    .col(CampaignTranslations::Language)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(UpdateTranslations::Table)
                    .col(big_pk_auto(UpdateTranslations::Id))
                    .col(big_integer(UpdateTranslations::UpdateId))
                    .col(string_len(UpdateTranslations::Language, 16))
                    .col(string_len(UpdateTranslations::Title, 200))
                    .col(text(UpdateTranslations::Body))
                    .col(timestamp_with_time_zone(UpdateTranslations::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_update_translations_update")
                            .from(UpdateTranslations::Table, UpdateTranslations::UpdateId)
                            .to(Alias::new("letter_updates"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_update_translations_language")
                    .table(UpdateTranslations::Table)
                    .col(UpdateTranslations::UpdateId)
                    .col(UpdateTranslations::Language)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(UpdateTranslations::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(UpdateMails::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("outbox"))
                    .drop_column(Alias::new("language"))
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(CampaignTranslations::Table).to_owned())
            .await?;
        for table in ["users", "volunteers", "campaigns"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .drop_column(Alias::new("language"))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
