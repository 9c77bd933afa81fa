//! The language each signature was made in: its mail goes out in it, and
//! organisers see the count per language.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("signatures"))
                    .add_column(
                        ColumnDef::new(Alias::new("language"))
                            .string_len(16)
                            .not_null()
                            .default("en"),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("signatures"))
                    .drop_column(Alias::new("language"))
                    .to_owned(),
            )
            .await
    }
}
