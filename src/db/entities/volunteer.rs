//! `volunteers`: who signed up to organise for a campaign. Never public.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "volunteers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub campaign_id: i64,
    pub name: String,
    pub email: String,
    pub email_normalized: String,
    /// One of the campaign's groups (a group slug of any of its letters).
    pub group_slug: Option<String>,
    /// A campus or workplace that is not listed, as typed.
    pub place: Option<String>,
    /// What they offer to do: a JSON array of strings.
    pub help: String,
    pub message: String,
    /// SHA-256 (hex) of the confirmation link's token, until it is used.
    pub token_hash: Option<String>,
    pub token_expires_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
    pub confirmed_at: Option<DateTimeUtc>,
    /// The language they signed up in: their mail is written in it.
    pub language: String,
}

impl Model {
    /// What they offer to do.
    pub fn help(&self) -> Vec<String> {
        serde_json::from_str(&self.help).unwrap_or_default()
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
