//! `log_pending`: events the triggers recorded, waiting for the sequencer.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "log_pending")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub letter_id: i64,
    pub signature_id: Option<i64>,
    pub paper_batch_id: Option<i64>,
    /// `add` or `remove`.
    pub op: String,
    /// For a removal: `withdrawn`, `rejected`, `hidden` or `invalidated`.
    pub reason: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
