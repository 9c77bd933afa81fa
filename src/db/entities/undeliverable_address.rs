//! `undeliverable_addresses`: addresses a receiving server refused for good.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "undeliverable_addresses")]
pub struct Model {
    /// Lower case.
    #[sea_orm(primary_key, auto_increment = false)]
    pub address: String,
    pub refused_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
