//! `signature_counts`: shards of each letter's and group's count, kept by a
//! database trigger on `signatures` (see the migration). Read by summing.

use sea_orm::entity::prelude::*;

/// `group_key` of the rows that count the whole letter.
pub const WHOLE_LETTER: i64 = -1;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "signature_counts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub letter_id: i64,
    /// [`WHOLE_LETTER`], or a group's id.
    #[sea_orm(primary_key, auto_increment = false)]
    pub group_key: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub verified: bool,
    #[sea_orm(primary_key, auto_increment = false)]
    pub shard: i16,
    pub n: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
