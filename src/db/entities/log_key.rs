//! `log_keys`: the log's signing key, when the settings name none.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "log_keys")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The Ed25519 seed, base64.
    pub secret: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
