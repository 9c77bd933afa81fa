//! `audit_log`: every organiser and moderator action. Append-only (a trigger refuses changes).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub actor_id: i64,
    /// Kept with the entry so the log reads the same if the account changes.
    pub actor_email: String,
    /// e.g. `letter.publish`, `signature.hide`, `block.create`.
    pub action: String,
    pub letter_id: Option<i64>,
    pub signature_id: Option<i64>,
    /// What was acted on, in words (a slug, a blocked domain...).
    pub detail: String,
    pub reason: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
