//! `blocks`: addresses and domains that may no longer sign.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "blocks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: BlockKind,
    /// A normalised address, or a lower-case domain (which covers its subdomains).
    pub value: String,
    pub reason: Option<String>,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum BlockKind {
    #[sea_orm(string_value = "email")]
    Email,
    #[sea_orm(string_value = "domain")]
    Domain,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
