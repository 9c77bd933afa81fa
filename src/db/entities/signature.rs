//! `signatures`: one person's name under one letter.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "signatures")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub letter_id: i64,
    pub group_id: Option<i64>,
    pub name: String,
    /// The address as the signer typed it; mail goes here.
    pub email: String,
    /// The address reduced to its canonical mailbox; unique per letter.
    pub email_normalized: String,
    pub title: Option<String>,
    pub affiliation: Option<String>,
    pub anonymous: bool,
    /// Consent to emails from the letter's organisers.
    pub updates: bool,
    pub verified_affiliation: bool,
    /// The group's listed domain the address matched when it was confirmed.
    pub verified_domain: Option<String>,
    pub status: SignatureStatus,
    pub moderation_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub confirmed_at: Option<DateTimeUtc>,
    pub withdrawn_at: Option<DateTimeUtc>,
    /// "Why I signed", at most 280 characters; shown once approved.
    pub reason: Option<String>,
    pub reason_status: Option<ReasonStatus>,
    /// When the signer stopped the letter's updates (one click in any of them).
    pub unsubscribed_at: Option<DateTimeUtc>,
    /// The opaque id the signature log names it by.
    pub public_id: Option<String>,
    /// SHA-256 (hex) of the receipt secret handed to the signer on confirming.
    pub receipt_hash: Option<String>,
    /// Made on a discreet letter or group: `email_normalized` is the keyed
    /// hash and domain of the address, and `email` is replaced on confirmation.
    pub discreet: bool,
    /// A discreet signer's personal address for updates, until confirmation
    /// moves it into `email`.
    pub updates_email: Option<String>,
    /// The language it was signed in (`en`, `es`...): its mail goes out in it.
    pub language: String,
}

/// A reason waits for a moderator, then shows or stays hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum ReasonStatus {
    #[sea_orm(string_value = "pending")]
    Pending,
    #[sea_orm(string_value = "approved")]
    Approved,
    #[sea_orm(string_value = "rejected")]
    Rejected,
}

/// `unconfirmed` → `confirmed` (or `awaiting_approval` → `confirmed`); any → `withdrawn`, `rejected`, `hidden`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, utoipa::ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum SignatureStatus {
    #[sea_orm(string_value = "unconfirmed")]
    Unconfirmed,
    #[sea_orm(string_value = "awaiting_approval")]
    AwaitingApproval,
    #[sea_orm(string_value = "confirmed")]
    Confirmed,
    #[sea_orm(string_value = "withdrawn")]
    Withdrawn,
    #[sea_orm(string_value = "rejected")]
    Rejected,
    #[sea_orm(string_value = "hidden")]
    Hidden,
    /// Taken out of the count by a moderator's bulk invalidation (padding).
    #[sea_orm(string_value = "invalidated")]
    Invalidated,
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
    #[sea_orm(
        belongs_to = "super::letter_group::Entity",
        from = "Column::GroupId",
        to = "super::letter_group::Column::Id",
        on_delete = "SetNull"
    )]
    Group,
}

impl Related<super::letter::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Letter.def()
    }
}

impl Related<super::letter_group::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Group.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
