//! `webhooks`: an endpoint a letter's or campaign's owner registered.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhooks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Whose events: a letter's, or a campaign's (every letter of it).
    pub letter_id: Option<i64>,
    pub campaign_id: Option<i64>,
    pub url: String,
    /// Comma-separated event types.
    pub events: String,
    /// `whsec_` and the base64 of the signing key.
    pub secret: String,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
    pub status: WebhookStatus,
    /// The first failure since the last success.
    pub failing_since: Option<DateTimeUtc>,
    pub disabled_at: Option<DateTimeUtc>,
    pub last_delivery_at: Option<DateTimeUtc>,
    pub last_status_code: Option<i32>,
}

impl Model {
    pub fn events(&self) -> Vec<&str> {
        self.events.split(',').filter(|e| !e.is_empty()).collect()
    }

    pub fn wants(&self, event: &str) -> bool {
        self.events().contains(&event)
    }
}

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    EnumIter,
    DeriveActiveEnum,
    serde::Serialize,
    utoipa::ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum WebhookStatus {
    #[sea_orm(string_value = "active")]
    Active,
    /// After a day of failures; registering it again starts afresh.
    #[sea_orm(string_value = "disabled")]
    Disabled,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
