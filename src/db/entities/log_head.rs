//! `log_heads`: signed tree heads.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "log_heads")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub letter_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub tree_size: i64,
    pub root_hash: String,
    pub count: i64,
    pub timestamp: DateTimeUtc,
    /// The canonical JSON that was signed.
    pub signed: String,
    /// Ed25519 over `signed`, base64.
    pub signature: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
