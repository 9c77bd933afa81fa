//! A letter may close by itself at a deadline its organiser sets.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("letters"))
                    .add_column(
                        ColumnDef::new(Alias::new("closes_at"))
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        // The periodic pass looks for published letters past their deadline.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE INDEX idx_letters_deadline ON letters (closes_at) WHERE status = 'published' AND closes_at IS NOT NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DROP INDEX idx_letters_deadline")
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("letters"))
                    .drop_column(Alias::new("closes_at"))
                    .to_owned(),
            )
            .await
    }
}
