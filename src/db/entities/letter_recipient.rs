//! `letter_recipients`: whom a letter is addressed to. The address is private
//! (organisers and moderators only); the name and organisation are public.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "letter_recipients")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub letter_id: i64,
    /// The order the organiser listed them in.
    pub position: i32,
    pub name: String,
    pub organisation: Option<String>,
    pub email: String,
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
