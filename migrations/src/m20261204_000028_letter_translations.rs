//! Letters in several languages: a letter's primary language, and its
//! translations (title, summary, body), written by its team and reviewed
//! with it. One letter, one count, one list, one log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum LetterTranslations {
    Table,
    Id,
    LetterId,
    Language,
    Title,
    Summary,
    Body,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("letters"))
                    .add_column(
                        ColumnDef::new(Alias::new("language"))
                            .string_len(16)
                            .not_null()
                            .default("en"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LetterTranslations::Table)
                    .col(big_pk_auto(LetterTranslations::Id))
                    .col(big_integer(LetterTranslations::LetterId))
                    .col(string_len(LetterTranslations::Language, 16))
                    .col(string_len(LetterTranslations::Title, 200))
                    .col(text(LetterTranslations::Summary))
                    .col(text(LetterTranslations::Body))
                    .col(timestamp_with_time_zone(LetterTranslations::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_letter_translations_letter")
                            .from(LetterTranslations::Table, LetterTranslations::LetterId)
                            .to(Alias::new("letters"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_letter_translations_language")
                    .table(LetterTranslations::Table)
                    .col(LetterTranslations::LetterId)
                    .col(LetterTranslations::Language)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(LetterTranslations::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("letters"))
                    .drop_column(Alias::new("language"))
                    .to_owned(),
            )
            .await
    }
}
