//! `paper_batches`: signatures collected on paper, counted apart.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "paper_batches")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub letter_id: i64,
    pub group_id: Option<i64>,
    pub collected_on: Date,
    pub place: String,
    pub count: i64,
    /// The names for the public list: a JSON array of strings.
    pub names: String,
    pub recorded_by: Option<i64>,
    pub recorded_at: DateTimeUtc,
    pub removed_at: Option<DateTimeUtc>,
    pub removed_by: Option<i64>,
    pub removed_reason: Option<String>,
    /// The opaque id the signature log names it by.
    pub public_id: Option<String>,
}

impl Model {
    /// The names given for the public list.
    pub fn names(&self) -> Vec<String> {
        serde_json::from_str(&self.names).unwrap_or_default()
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
