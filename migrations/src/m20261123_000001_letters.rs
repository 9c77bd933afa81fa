use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Letters::Table)
                    .col(big_pk_auto(Letters::Id))
                    .col(string_len_uniq(Letters::Slug, 80))
                    .col(string_len(Letters::Title, 200))
                    .col(text(Letters::Summary))
                    .col(text(Letters::Body))
                    .col(string_len(Letters::Category, 32))
                    .col(string_len(Letters::Status, 32))
                    .col(big_integer_null(Letters::Goal))
                    .col(boolean(Letters::RequiresApproval).default(false))
                    .col(timestamp_with_time_zone(Letters::CreatedAt))
                    .col(timestamp_with_time_zone(Letters::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Letters::PublishedAt))
                    .col(timestamp_with_time_zone_null(Letters::ClosedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_letters_status_published_at")
                    .table(Letters::Table)
                    .col(Letters::Status)
                    .col(Letters::PublishedAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LetterGroups::Table)
                    .col(big_pk_auto(LetterGroups::Id))
                    .col(big_integer(LetterGroups::LetterId))
                    .col(string_len(LetterGroups::Slug, 80))
                    .col(string_len(LetterGroups::Name, 200))
                    // Space-separated list of email domains, lower case.
                    .col(text(LetterGroups::EmailDomains).default(""))
                    .col(boolean(LetterGroups::RequireVerified).default(false))
                    .col(big_integer_null(LetterGroups::Goal))
                    .col(timestamp_with_time_zone(LetterGroups::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_letter_groups_letter")
                            .from(LetterGroups::Table, LetterGroups::LetterId)
                            .to(Letters::Table, Letters::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_letter_groups_letter_slug")
                    .table(LetterGroups::Table)
                    .col(LetterGroups::LetterId)
                    .col(LetterGroups::Slug)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(LetterGroups::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Letters::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
pub enum Letters {
    Table,
    Id,
    Slug,
    Title,
    Summary,
    Body,
    Category,
    Status,
    Goal,
    RequiresApproval,
    CreatedAt,
    UpdatedAt,
    PublishedAt,
    ClosedAt,
    OrganiserId,
    RejectionReason,
}

#[derive(DeriveIden)]
pub enum LetterGroups {
    Table,
    Id,
    LetterId,
    Slug,
    Name,
    EmailDomains,
    RequireVerified,
    Goal,
    CreatedAt,
}
