//! Mail in two lanes: what someone is waiting for (a confirmation link, a
//! password reset) before mail to many (updates to signers). The claim takes
//! the lowest priority first, then the oldest due; a partial index of the
//! pending messages in that order (`idx_outbox_lanes`) replaces `idx_outbox_due`. Failed messages get a partial index of
//! their own, so counting them (`/metrics`, the moderation page) reads only them.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("outbox"))
                    .add_column(
                        ColumnDef::new(Alias::new("priority"))
                            .small_integer()
                            .not_null()
                            .default(0),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        // Partial indexes are written the same on PostgreSQL and SQLite.
        db.execute_unprepared(
            "CREATE INDEX idx_outbox_lanes ON outbox (priority, next_attempt_at, id) WHERE status = 'pending'",
        )
        .await?;
        db.execute_unprepared("DROP INDEX idx_outbox_due").await?;
        db.execute_unprepared(
            "CREATE INDEX idx_outbox_failed ON outbox (id) WHERE status = 'failed'",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("DROP INDEX idx_outbox_failed")
            .await?;
        db.execute_unprepared("DROP INDEX idx_outbox_due").await?;
        db.execute_unprepared(
            "CREATE INDEX idx_outbox_due ON outbox (next_attempt_at, id) WHERE status = 'pending'",
        )
        .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("outbox"))
                    .drop_column(Alias::new("priority"))
                    .to_owned(),
            )
            .await
    }
}
