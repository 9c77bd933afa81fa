//! `log_entries`: the leaves of each letter's signature log.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "log_entries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub letter_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub idx: i64,
    /// The public id of the signature (or paper batch) it is about.
    pub subject: String,
    pub op: String,
    pub count: i64,
    /// The leaf's canonical JSON (RFC 8785).
    pub leaf: String,
    pub leaf_hash: String,
    /// The canonical public-fields object with its salt; `None` once anonymised.
    pub fields: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
