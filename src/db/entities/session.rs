//! `sessions`: a logged-in browser (cookie) or API client (bearer token).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// SHA-256 of the session secret; the secret lives only in the cookie or the client.
    #[sea_orm(unique)]
    pub token_hash: String,
    pub user_id: i64,
    pub kind: SessionKind,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub revoked_at: Option<DateTimeUtc>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum SessionKind {
    /// The HTML side: a private cookie.
    #[sea_orm(string_value = "cookie")]
    Cookie,
    /// The API: `Authorization: Bearer`.
    #[sea_orm(string_value = "api")]
    Api,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
