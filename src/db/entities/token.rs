//! `tokens`: one-time secrets sent by email, stored only as their SHA-256.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tokens")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub purpose: TokenPurpose,
    pub signature_id: Option<i64>,
    pub user_id: Option<i64>,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

/// What a token may be redeemed for; a token of one purpose never works for another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum TokenPurpose {
    #[sea_orm(string_value = "confirm_signature")]
    ConfirmSignature,
    #[sea_orm(string_value = "withdraw_signature")]
    WithdrawSignature,
    #[sea_orm(string_value = "confirm_account")]
    ConfirmAccount,
    #[sea_orm(string_value = "reset_password")]
    ResetPassword,
    /// Stops a letter's updates to one signature: in every update, never used up.
    #[sea_orm(string_value = "unsubscribe")]
    Unsubscribe,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::signature::Entity",
        from = "Column::SignatureId",
        to = "super::signature::Column::Id",
        on_delete = "Cascade"
    )]
    Signature,
}

impl Related<super::signature::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Signature.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
