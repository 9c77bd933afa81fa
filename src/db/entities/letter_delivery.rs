//! `letter_deliveries`: each time a letter was delivered to its recipients,
//! with the count at that moment.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "letter_deliveries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub letter_id: i64,
    pub delivered_at: DateTimeUtc,
    pub signature_count: i64,
    pub verified_count: i64,
    /// Who it went to, as the public may see them: JSON `[{"name","organisation"}]`.
    pub recipients: String,
    pub recipient_count: i32,
    pub actor_id: Option<i64>,
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
