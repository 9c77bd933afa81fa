//! Group leads: a team member on one group of a letter (a campus, a
//! company), who sees that group only.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("team_members"))
                    .add_column(big_integer_null(Alias::new("group_id")))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_team_members_group")
                    .table(Alias::new("team_members"))
                    .col(Alias::new("group_id"))
                    .to_owned(),
            )
            .await?;
        // SQLite cannot add a foreign key to an existing table.
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared(
                    "ALTER TABLE team_members ADD CONSTRAINT fk_team_members_group \
                     FOREIGN KEY (group_id) REFERENCES letter_groups (id) ON DELETE CASCADE",
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared(
                    "ALTER TABLE team_members DROP CONSTRAINT fk_team_members_group",
                )
                .await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("idx_team_members_group")
                    .table(Alias::new("team_members"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("team_members"))
                    .drop_column(Alias::new("group_id"))
                    .to_owned(),
            )
            .await
    }
}
