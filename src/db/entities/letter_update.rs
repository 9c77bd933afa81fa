//! `letter_updates`: what a letter's organisers tell its signers (an update,
//! or a recipient's response), reviewed by a moderator, then mailed once.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "letter_updates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub letter_id: i64,
    pub kind: UpdateKind,
    pub title: String,
    /// Markdown, rendered and sanitised on display.
    pub body: String,
    /// Who responded (a response's author: "PETS Forum").
    pub from_name: Option<String>,
    pub status: UpdateStatus,
    pub rejection_reason: Option<String>,
    pub author_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub published_at: Option<DateTimeUtc>,
    /// How many signatures were to be mailed when it was published.
    pub recipients: Option<i64>,
    /// The highest signature id when it was published: later signers read it on the page.
    pub fanout_until: Option<i64>,
    /// The last signature id whose message is queued.
    pub fanout_cursor: Option<i64>,
    pub fanout_done_at: Option<DateTimeUtc>,
    /// Its email's text part as every recipient gets it, with
    /// `mail::catalogue::UNSUBSCRIBE_MARKER` where each one's link goes.
    pub mail_text: Option<String>,
    /// Its HTML part, likewise.
    pub mail_html: Option<String>,
}

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, utoipa::ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum UpdateKind {
    #[sea_orm(string_value = "update")]
    Update,
    #[sea_orm(string_value = "response")]
    Response,
}

/// `in_review` → `published` or `rejected`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, utoipa::ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum UpdateStatus {
    #[sea_orm(string_value = "in_review")]
    InReview,
    #[sea_orm(string_value = "published")]
    Published,
    #[sea_orm(string_value = "rejected")]
    Rejected,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::letter::Entity",
        from = "Column::LetterId",
        to = "super::letter::Column::Id",
        on_delete = "Cascade"
    )]
    Letter,
}

impl Related<super::letter::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Letter.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
