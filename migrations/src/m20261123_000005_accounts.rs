use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_000001_letters::Letters;
use crate::m20261123_000003_tokens::Tokens;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(big_pk_auto(Users::Id))
                    // Lower-cased; one account per address.
                    .col(string_len_uniq(Users::Email, 320))
                    .col(text(Users::PasswordHash))
                    .col(string_len(Users::Role, 16))
                    .col(timestamp_with_time_zone_null(Users::ConfirmedAt))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(big_pk_auto(Sessions::Id))
                    .col(string_len_uniq(Sessions::TokenHash, 64))
                    .col(big_integer(Sessions::UserId))
                    // `cookie` (HTML) or `api` (bearer).
                    .col(string_len(Sessions::Kind, 16))
                    .col(timestamp_with_time_zone(Sessions::CreatedAt))
                    .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                    .col(timestamp_with_time_zone_null(Sessions::RevokedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_sessions_user")
                            .from(Sessions::Table, Sessions::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sessions_user")
                    .table(Sessions::Table)
                    .col(Sessions::UserId)
                    .to_owned(),
            )
            .await?;

        // Letters gain their organiser and the moderator's reason for a rejection.
        // (SQLite cannot add a foreign key to an existing table; the index serves lookups.)
        manager
            .alter_table(
                Table::alter()
                    .table(Letters::Table)
                    .add_column(big_integer_null(Letters::OrganiserId))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Letters::Table)
                    .add_column(text_null(Letters::RejectionReason))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_letters_organiser")
                    .table(Letters::Table)
                    .col(Letters::OrganiserId)
                    .to_owned(),
            )
            .await?;

        // Tokens can now belong to an account (confirmation, password reset).
        manager
            .alter_table(
                Table::alter()
                    .table(Tokens::Table)
                    .add_column(big_integer_null(Tokens::UserId))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Blocks::Table)
                    .col(big_pk_auto(Blocks::Id))
                    // `email` (a normalised address) or `domain`.
                    .col(string_len(Blocks::Kind, 16))
                    .col(string_len(Blocks::Value, 320))
                    .col(text_null(Blocks::Reason))
                    .col(big_integer(Blocks::CreatedBy))
                    .col(timestamp_with_time_zone(Blocks::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_blocks_kind_value")
                    .table(Blocks::Table)
                    .col(Blocks::Kind)
                    .col(Blocks::Value)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(big_pk_auto(AuditLog::Id))
                    .col(big_integer(AuditLog::ActorId))
                    .col(string_len(AuditLog::ActorEmail, 320))
                    .col(string_len(AuditLog::Action, 64))
                    .col(big_integer_null(AuditLog::LetterId))
                    .col(big_integer_null(AuditLog::SignatureId))
                    .col(text(AuditLog::Detail).default(""))
                    .col(text_null(AuditLog::Reason))
                    .col(timestamp_with_time_zone(AuditLog::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_letter")
                    .table(AuditLog::Table)
                    .col(AuditLog::LetterId)
                    .col(AuditLog::Id)
                    .to_owned(),
            )
            .await?;
        // Append-only, enforced by the database itself.
        let db = manager.get_connection();
        match manager.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$ \
                     BEGIN RAISE EXCEPTION 'the audit log is append-only'; END; $$ LANGUAGE plpgsql; \
                     CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log \
                     FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();",
                )
                .await?;
            }
            sea_orm::DatabaseBackend::Sqlite => {
                db.execute_unprepared(
                    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log \
                     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END; \
                     CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log \
                     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
                )
                .await?;
            }
            _ => {}
        }

        // Rate limiting: one row per counted event, shared by every instance.
        manager
            .create_table(
                Table::create()
                    .table(RateEvents::Table)
                    .col(big_pk_auto(RateEvents::Id))
                    .col(string_len(RateEvents::Bucket, 400))
                    .col(timestamp_with_time_zone(RateEvents::At))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_rate_events_bucket_at")
                    .table(RateEvents::Table)
                    .col(RateEvents::Bucket)
                    .col(RateEvents::At)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            RateEvents::Table.into_iden(),
            AuditLog::Table.into_iden(),
            Blocks::Table.into_iden(),
            Sessions::Table.into_iden(),
            Users::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
pub enum Users {
    Table,
    Id,
    Email,
    PasswordHash,
    Role,
    ConfirmedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum Sessions {
    Table,
    Id,
    TokenHash,
    UserId,
    Kind,
    CreatedAt,
    ExpiresAt,
    RevokedAt,
}

#[derive(DeriveIden)]
pub enum Blocks {
    Table,
    Id,
    Kind,
    Value,
    Reason,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum AuditLog {
    Table,
    Id,
    ActorId,
    ActorEmail,
    Action,
    LetterId,
    SignatureId,
    Detail,
    Reason,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum RateEvents {
    Table,
    Id,
    Bucket,
    At,
}
