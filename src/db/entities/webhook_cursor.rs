//! `webhook_cursors`: per endpoint and letter, the next signature-log entry
//! to turn into `signature.*` events.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_cursors")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub webhook_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub letter_id: i64,
    pub next_idx: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
