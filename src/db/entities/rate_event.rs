//! `rate_events`: counted events (failed logins...), shared by every instance.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rate_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// What is limited and for whom, e.g. `login-fail:ip:127.0.0.1`.
    pub bucket: String,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
