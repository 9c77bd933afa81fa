//! `campaigns`: many letters (its fronts) under one page, run by one team.
//! It goes through the same review as a letter, so it shares its statuses.

use sea_orm::entity::prelude::*;

pub use super::letter::LetterStatus as CampaignStatus;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "campaigns")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// Markdown: the campaign's story, rendered and sanitised on display.
    pub body: String,
    /// Whom it addresses, one per line.
    pub targets: String,
    /// What a volunteer may offer to do: a JSON array of strings.
    pub help_options: String,
    /// Markdown for confirmed volunteers: toolkit links, meeting times.
    pub resources: String,
    pub status: CampaignStatus,
    /// The account that started it.
    pub organiser_id: Option<i64>,
    pub rejection_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The language it is written in (its translations are in others).
    pub language: String,
    pub published_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
}

impl Model {
    /// The choices a volunteer is offered.
    pub fn help_options(&self) -> Vec<String> {
        serde_json::from_str(&self.help_options).unwrap_or_default()
    }

    /// The targets, one per entry.
    pub fn targets(&self) -> Vec<String> {
        self.targets
            .lines()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::campaign_win::Entity")]
    Wins,
}

impl Related<super::campaign_win::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Wins.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
