//! An update's email is rendered once, with a marker where each recipient's
//! unsubscribe link goes, and kept with the update; its outbox rows carry
//! only what differs (the address, the link, the `Message-ID`). A fan-out to
//! 500,000 signers no longer writes half a million copies of the same body.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one column per ALTER TABLE.
        for col in ["mail_text", "mail_html"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new("letter_updates"))
                        .add_column(text_null(Alias::new(col)))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for col in ["mail_html", "mail_text"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new("letter_updates"))
                        .drop_column(Alias::new(col))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
