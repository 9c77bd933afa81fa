//! `team_members`: who runs a letter or a campaign, with which role; an
//! invitation until its token is used.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "team_members")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub letter_id: Option<i64>,
    pub campaign_id: Option<i64>,
    /// Set when the invitation is accepted.
    pub user_id: Option<i64>,
    /// The address the invitation went to.
    pub email: String,
    pub role: TeamRole,
    /// SHA-256 (hex) of the invitation's token, until it is accepted.
    pub token_hash: Option<String>,
    pub invited_by: Option<i64>,
    pub invited_at: DateTimeUtc,
    pub accepted_at: Option<DateTimeUtc>,
    /// For a lead: the group of the letter they lead.
    pub group_id: Option<i64>,
}

/// What a member may do, each role all the one before it may:
/// `viewer` (numbers, lists, exports), `editor` (write, submit, updates,
/// deliver, timeline, groups), `owner` (everything, the team included).
/// A `lead` is below them all: one group of a letter, and nothing else.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    EnumIter,
    DeriveActiveEnum,
    Serialize,
    utoipa::ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum TeamRole {
    #[sea_orm(string_value = "lead")]
    Lead,
    #[sea_orm(string_value = "viewer")]
    Viewer,
    #[sea_orm(string_value = "editor")]
    Editor,
    #[sea_orm(string_value = "owner")]
    Owner,
}

impl TeamRole {
    /// A role a team's owner may give (a lead is named for a group instead).
    pub fn parse(s: &str) -> Option<TeamRole> {
        match s.trim() {
            "viewer" => Some(TeamRole::Viewer),
            "editor" => Some(TeamRole::Editor),
            "owner" => Some(TeamRole::Owner),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TeamRole::Lead => "lead",
            TeamRole::Viewer => "viewer",
            TeamRole::Editor => "editor",
            TeamRole::Owner => "owner",
        }
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
