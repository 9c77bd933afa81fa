//! `letters`: an open letter or pledge and where it is in its lifecycle.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "letters")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// Markdown, rendered and sanitised on display.
    pub body: String,
    pub category: Category,
    pub status: LetterStatus,
    pub goal: Option<i64>,
    pub requires_approval: bool,
    /// Signers may propose a group the letter does not list yet.
    pub allow_group_proposals: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub published_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    /// When it closes by itself, if its organiser set a deadline.
    pub closes_at: Option<DateTimeUtc>,
    /// When its count first reached its goal.
    pub goal_reached_at: Option<DateTimeUtc>,
    /// The account that drafted it (none for seeded demo letters).
    pub organiser_id: Option<i64>,
    /// Why a moderator sent it back; shown to its organiser.
    pub rejection_reason: Option<String>,
    /// The campaign it is a front of, if any.
    pub campaign_id: Option<i64>,
    /// Signers' work addresses are not kept and their mail names nothing.
    pub discreet: bool,
    /// The language its own title, summary and body are written in.
    pub language: String,
}

/// `draft` → `in_review` → `published` → `closed`; `in_review` → `rejected`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, utoipa::ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum LetterStatus {
    #[sea_orm(string_value = "draft")]
    Draft,
    #[sea_orm(string_value = "in_review")]
    InReview,
    #[sea_orm(string_value = "published")]
    Published,
    #[sea_orm(string_value = "rejected")]
    Rejected,
    #[sea_orm(string_value = "closed")]
    Closed,
}

/// Who the letter speaks for; drives nothing but filtering and display.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, utoipa::ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum Category {
    #[sea_orm(string_value = "academics")]
    Academics,
    #[sea_orm(string_value = "musicians")]
    Musicians,
    #[sea_orm(string_value = "lawyers")]
    Lawyers,
    #[sea_orm(string_value = "tech_workers")]
    TechWorkers,
    #[sea_orm(string_value = "students")]
    Students,
    #[sea_orm(string_value = "other")]
    Other,
}

impl Model {
    /// Whether it takes signatures at `now`: published, and before its deadline.
    pub fn takes_signatures(&self, now: chrono::DateTime<chrono::Utc>) -> bool {
        self.status == LetterStatus::Published && self.closes_at.is_none_or(|t| now < t)
    }
}

impl LetterStatus {
    /// Whether anyone may read it.
    pub fn is_public(self) -> bool {
        matches!(self, LetterStatus::Published | LetterStatus::Closed)
    }

    /// In words, for messages.
    pub fn label(self) -> &'static str {
        match self {
            LetterStatus::Draft => "a draft",
            LetterStatus::InReview => "in review",
            LetterStatus::Published => "published",
            LetterStatus::Rejected => "rejected",
            LetterStatus::Closed => "closed",
        }
    }

    /// Whether its organiser may still change it.
    /// Its name on pages: a message id.
    pub fn label_id(self) -> &'static str {
        match self {
            LetterStatus::Draft => "letter-status-draft",
            LetterStatus::InReview => "letter-status-in-review",
            LetterStatus::Published => "letter-status-published",
            LetterStatus::Rejected => "letter-status-rejected",
            LetterStatus::Closed => "letter-status-closed",
        }
    }

    pub fn is_editable(self) -> bool {
        matches!(self, LetterStatus::Draft | LetterStatus::Rejected)
    }
}

impl Category {
    /// Every category, in display order.
    pub const ALL: [Category; 6] = [
        Category::Academics,
        Category::Musicians,
        Category::Lawyers,
        Category::TechWorkers,
        Category::Students,
        Category::Other,
    ];

    /// The API's name for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Academics => "academics",
            Category::Musicians => "musicians",
            Category::Lawyers => "lawyers",
            Category::TechWorkers => "tech_workers",
            Category::Students => "students",
            Category::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Its name on pages: a message id.
    pub fn label_id(self) -> &'static str {
        match self {
            Category::Academics => "audience-academics",
            Category::Musicians => "audience-musicians",
            Category::Lawyers => "audience-lawyers",
            Category::TechWorkers => "audience-tech-workers",
            Category::Students => "audience-students",
            Category::Other => "audience-other",
        }
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::letter_group::Entity")]
    Groups,
    #[sea_orm(has_many = "super::signature::Entity")]
    Signatures,
}

impl Related<super::letter_group::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Groups.def()
    }
}

impl Related<super::signature::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Signatures.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
