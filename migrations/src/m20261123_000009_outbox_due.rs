//! The mail worker's claim reads the messages due now, oldest first. Its index
//! held every message ever sent as well, so with a long outbox behind it each
//! claim stepped over all of them (measured: 0.3 s per claim at 180,000 sent
//! messages, capping delivery near 350/s). A partial index of the pending
//! messages only, in the order they are claimed, keeps a claim a short range
//! scan however much mail has gone out.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        // Partial indexes are written the same on PostgreSQL and SQLite.
        db.execute_unprepared(
            "CREATE INDEX idx_outbox_due ON outbox (next_attempt_at, id) WHERE status = 'pending'",
        )
        .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_outbox_status_next_attempt")
                    .table(Alias::new("outbox"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_status_next_attempt")
                    .table(Alias::new("outbox"))
                    .col(Alias::new("status"))
                    .col(Alias::new("next_attempt_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_outbox_due")
                    .table(Alias::new("outbox"))
                    .to_owned(),
            )
            .await
    }
}
