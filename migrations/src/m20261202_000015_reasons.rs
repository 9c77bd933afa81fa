//! "Why I signed": a signer's short reason, shown once a moderator approves it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            ColumnDef::new(Alias::new("reason"))
                .text()
                .null()
                .to_owned(),
            ColumnDef::new(Alias::new("reason_status"))
                .string_len(16)
                .null()
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new("signatures"))
                        .add_column(col)
                        .to_owned(),
                )
                .await?;
        }
        // Moderators list the pending ones; the letter page the approved ones.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE INDEX idx_signatures_reasons ON signatures (reason_status, letter_id, id) WHERE reason_status IS NOT NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DROP INDEX idx_signatures_reasons")
            .await?;
        for col in ["reason_status", "reason"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new("signatures"))
                        .drop_column(Alias::new(col))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
