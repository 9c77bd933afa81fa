use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_000002_signatures::Signatures;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Tokens::Table)
                    .col(big_pk_auto(Tokens::Id))
                    // Hex SHA-256 of the token; the token itself is never stored here.
                    .col(string_len_uniq(Tokens::TokenHash, 64))
                    .col(string_len(Tokens::Purpose, 32))
                    .col(big_integer_null(Tokens::SignatureId))
                    .col(timestamp_with_time_zone(Tokens::ExpiresAt))
                    .col(timestamp_with_time_zone_null(Tokens::UsedAt))
                    .col(timestamp_with_time_zone(Tokens::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_tokens_signature")
                            .from(Tokens::Table, Tokens::SignatureId)
                            .to(Signatures::Table, Signatures::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_tokens_signature")
                    .table(Tokens::Table)
                    .col(Tokens::SignatureId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Tokens::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
pub enum Tokens {
    Table,
    Id,
    TokenHash,
    Purpose,
    SignatureId,
    ExpiresAt,
    UsedAt,
    CreatedAt,
    UserId,
}
