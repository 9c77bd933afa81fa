//! Teams: a letter and a campaign are run by people with a role (`owner`,
//! `editor`, `viewer`), invited by email; a campaign's team runs all its
//! letters. Each letter's and campaign's organiser becomes its first owner.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum TeamMembers {
    Table,
    Id,
    /// What the member is on: a letter or a campaign (one of the two).
    LetterId,
    CampaignId,
    /// The account, once the invitation is accepted.
    UserId,
    /// The address the invitation went to.
    Email,
    Role,
    /// SHA-256 of the invitation's token, until it is accepted.
    TokenHash,
    InvitedBy,
    InvitedAt,
    AcceptedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TeamMembers::Table)
                    .col(big_pk_auto(TeamMembers::Id))
                    .col(big_integer_null(TeamMembers::LetterId))
                    .col(big_integer_null(TeamMembers::CampaignId))
                    .col(big_integer_null(TeamMembers::UserId))
                    .col(string_len(TeamMembers::Email, 320))
                    .col(string_len(TeamMembers::Role, 16))
                    .col(string_len_null(TeamMembers::TokenHash, 64))
                    .col(big_integer_null(TeamMembers::InvitedBy))
                    .col(timestamp_with_time_zone(TeamMembers::InvitedAt))
                    .col(timestamp_with_time_zone_null(TeamMembers::AcceptedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_team_members_letter")
                            .from(TeamMembers::Table, TeamMembers::LetterId)
                            .to(Alias::new("letters"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_team_members_campaign")
                            .from(TeamMembers::Table, TeamMembers::CampaignId)
                            .to(Alias::new("campaigns"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_team_members_user")
                            .from(TeamMembers::Table, TeamMembers::UserId)
                            .to(Alias::new("users"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("idx_team_members_letter", TeamMembers::LetterId),
            ("idx_team_members_campaign", TeamMembers::CampaignId),
            ("idx_team_members_user", TeamMembers::UserId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(TeamMembers::Table)
                        .col(col)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_team_members_token")
                    .table(TeamMembers::Table)
                    .col(TeamMembers::TokenHash)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // Every organiser owns what they started.
        let db = manager.get_connection();
        for (table, column) in [("letters", "letter_id"), ("campaigns", "campaign_id")] {
            db.execute_unprepared(&format!(
                "INSERT INTO team_members ({column}, user_id, email, role, invited_at, accepted_at) \
                 SELECT t.id, u.id, u.email, 'owner', t.created_at, t.created_at \
                 FROM {table} t JOIN users u ON u.id = t.organiser_id"
            ))
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(TeamMembers::Table).to_owned())
            .await
    }
}
