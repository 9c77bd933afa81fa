//! `users`: organiser and moderator accounts.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Lower case; unique.
    #[sea_orm(unique)]
    pub email: String,
    /// PHC string (argon2id).
    pub password_hash: String,
    pub role: Role,
    /// Unset until the emailed link is followed; unconfirmed accounts cannot log in.
    pub confirmed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    /// The language its mail is written in: the one it registered in.
    pub language: String,
}

/// A moderator may also do everything an organiser does.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, utoipa::ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum Role {
    #[sea_orm(string_value = "organiser")]
    Organiser,
    #[sea_orm(string_value = "moderator")]
    Moderator,
}

impl Role {
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "organiser" => Some(Role::Organiser),
            "moderator" => Some(Role::Moderator),
            _ => None,
        }
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
