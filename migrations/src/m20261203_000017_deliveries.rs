//! A letter is written to someone: its recipients (name, organisation and a
//! private address), and each delivery of the letter to them, with the count
//! at that moment.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_000001_letters::Letters;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum LetterRecipients {
    Table,
    Id,
    LetterId,
    /// The order the organiser listed them in.
    Position,
    Name,
    Organisation,
    /// Private: organisers and moderators only.
    Email,
}

#[derive(DeriveIden)]
enum LetterDeliveries {
    Table,
    Id,
    LetterId,
    DeliveredAt,
    SignatureCount,
    VerifiedCount,
    /// Who it went to, as the public may see them: JSON `[{"name","organisation"}]`.
    Recipients,
    RecipientCount,
    ActorId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LetterRecipients::Table)
                    .col(big_pk_auto(LetterRecipients::Id))
                    .col(big_integer(LetterRecipients::LetterId))
                    .col(integer(LetterRecipients::Position))
                    .col(string_len(LetterRecipients::Name, 200))
                    .col(string_len_null(LetterRecipients::Organisation, 200))
                    .col(string_len(LetterRecipients::Email, 320))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_letter_recipients_letter")
                            .from(LetterRecipients::Table, LetterRecipients::LetterId)
                            .to(Letters::Table, Letters::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LetterDeliveries::Table)
                    .col(big_pk_auto(LetterDeliveries::Id))
                    .col(big_integer(LetterDeliveries::LetterId))
                    .col(timestamp_with_time_zone(LetterDeliveries::DeliveredAt))
                    .col(big_integer(LetterDeliveries::SignatureCount))
                    .col(big_integer(LetterDeliveries::VerifiedCount))
                    .col(text(LetterDeliveries::Recipients))
                    .col(integer(LetterDeliveries::RecipientCount))
                    .col(big_integer_null(LetterDeliveries::ActorId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_letter_deliveries_letter")
                            .from(LetterDeliveries::Table, LetterDeliveries::LetterId)
                            .to(Letters::Table, Letters::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        for sql in [
            "CREATE INDEX idx_letter_recipients_letter ON letter_recipients (letter_id, position)",
            "CREATE INDEX idx_letter_deliveries_letter ON letter_deliveries (letter_id, delivered_at)",
        ] {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(LetterDeliveries::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(LetterRecipients::Table).to_owned())
            .await
    }
}
