//! `letter_groups`: a campus, firm, union... that signers of a letter belong to.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "letter_groups")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub letter_id: i64,
    pub slug: String,
    pub name: String,
    /// Space-separated, lower-case email domains whose addresses verify membership.
    pub email_domains: String,
    pub require_verified: bool,
    pub goal: Option<i64>,
    pub created_at: DateTimeUtc,
}

impl Model {
    /// The group's email domains as a list.
    pub fn domains(&self) -> Vec<&str> {
        self.email_domains.split_whitespace().collect()
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::letter::Entity",
        from = "Column::LetterId",
        to = "super::letter::Column::Id",
        on_delete = "Cascade"
    )]
    Letter,
}

impl Related<super::letter::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Letter.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
