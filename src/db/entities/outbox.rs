//! `outbox`: mail committed with the change that caused it, sent later by the worker.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: String,
    /// 0: someone is waiting for it (sent first); 1: mail to many.
    pub priority: i16,
    pub to_address: String,
    pub subject: String,
    /// Erased once sent: it may hold live tokens.
    pub body_text: Option<String>,
    pub body_html: Option<String>,
    pub status: OutboxStatus,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
    /// The update this message carries, if it is one.
    pub update_id: Option<i64>,
    /// Its `Message-ID` where the message is one of a kind per recipient
    /// (`update-{update}-{signature}@host`); unique. Otherwise derived from `id`.
    pub message_id: Option<String>,
    /// `List-Unsubscribe`'s URL (RFC 2369, one-click per RFC 8058); erased once sent.
    pub list_unsubscribe: Option<String>,
    pub list_id: Option<String>,
    /// An update's message written in a language other than the update's
    /// own: the worker fills in that language's body (`update_mails`).
    pub language: Option<String>,
}

/// `pending` (waiting or leased to a worker until `next_attempt_at`) → `sent` or `failed`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum OutboxStatus {
    #[sea_orm(string_value = "pending")]
    Pending,
    #[sea_orm(string_value = "sent")]
    Sent,
    #[sea_orm(string_value = "failed")]
    Failed,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
