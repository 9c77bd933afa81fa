//! Queries about teams: who may do what on a letter or a campaign, and the
//! invitations that bring people in.

use chrono::Utc;
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use super::entities::team_member::{self, TeamRole};
use super::entities::{campaign, letter};
use crate::error::Result;

/// Whose team: a letter's or a campaign's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Team {
    Letter(i64),
    Campaign(i64),
}

impl Team {
    fn condition(self) -> Condition {
        match self {
            Team::Letter(id) => Condition::all().add(team_member::Column::LetterId.eq(id)),
            Team::Campaign(id) => Condition::all().add(team_member::Column::CampaignId.eq(id)),
        }
    }
}

/// The highest role `user_id` has on `letter`: on its own team, or on its campaign's.
pub async fn role_on_letter(
    db: &impl ConnectionTrait,
    user_id: i64,
    letter: &letter::Model,
) -> Result<Option<TeamRole>> {
    let mut teams = Condition::any().add(team_member::Column::LetterId.eq(letter.id));
    if let Some(c) = letter.campaign_id {
        teams = teams.add(team_member::Column::CampaignId.eq(c));
    }
    highest(db, user_id, teams).await
}

/// The role `user_id` has on a campaign's team.
pub async fn role_on_campaign(
    db: &impl ConnectionTrait,
    user_id: i64,
    campaign_id: i64,
) -> Result<Option<TeamRole>> {
    highest(db, user_id, Team::Campaign(campaign_id).condition()).await
}

async fn highest(
    db: &impl ConnectionTrait,
    user_id: i64,
    teams: Condition,
) -> Result<Option<TeamRole>> {
    Ok(team_member::Entity::find()
        .filter(team_member::Column::UserId.eq(user_id))
        .filter(team_member::Column::AcceptedAt.is_not_null())
        .filter(teams)
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.role)
        .max())
}

/// Makes `user` a member with `role` at once (the organiser who starts something owns it).
pub async fn add_member(
    db: &impl ConnectionTrait,
    team: Team,
    user_id: i64,
    email: &str,
    role: TeamRole,
) -> Result<team_member::Model> {
    let now = Utc::now();
    let (letter_id, campaign_id) = ids(team);
    Ok(team_member::ActiveModel {
        letter_id: Set(letter_id),
        campaign_id: Set(campaign_id),
        user_id: Set(Some(user_id)),
        email: Set(email.to_owned()),
        role: Set(role),
        token_hash: Set(None),
        invited_by: Set(None),
        invited_at: Set(now),
        accepted_at: Set(Some(now)),
        group_id: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

fn ids(team: Team) -> (Option<i64>, Option<i64>) {
    match team {
        Team::Letter(id) => (Some(id), None),
        Team::Campaign(id) => (None, Some(id)),
    }
}

/// An invitation as stored: to whom, as what, and the hash of its token.
#[derive(Debug, Clone, Copy)]
pub struct Invitation<'a> {
    pub email: &'a str,
    pub role: TeamRole,
    /// For a lead: the group.
    pub group_id: Option<i64>,
    pub token_hash: &'a str,
    pub invited_by: i64,
}

/// Records an invitation.
pub async fn invite(
    db: &impl ConnectionTrait,
    team: Team,
    invitation: Invitation<'_>,
) -> Result<team_member::Model> {
    let Invitation {
        email,
        role,
        group_id,
        token_hash,
        invited_by,
    } = invitation;
    let (letter_id, campaign_id) = ids(team);
    Ok(team_member::ActiveModel {
        letter_id: Set(letter_id),
        campaign_id: Set(campaign_id),
        user_id: Set(None),
        email: Set(email.to_owned()),
        role: Set(role),
        token_hash: Set(Some(token_hash.to_owned())),
        invited_by: Set(Some(invited_by)),
        invited_at: Set(Utc::now()),
        accepted_at: Set(None),
        group_id: Set(group_id),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// A team's members and open invitations, owners first, then by when they joined.
pub async fn members(db: &impl ConnectionTrait, team: Team) -> Result<Vec<team_member::Model>> {
    let mut list = team_member::Entity::find()
        .filter(team.condition())
        .order_by_asc(team_member::Column::Id)
        .all(db)
        .await?;
    list.sort_by_key(|m| std::cmp::Reverse(m.role));
    Ok(list)
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<team_member::Model>> {
    Ok(team_member::Entity::find_by_id(id).one(db).await?)
}

/// The open invitation whose token hashes to `hash`.
pub async fn invitation(
    db: &impl ConnectionTrait,
    hash: &str,
) -> Result<Option<team_member::Model>> {
    Ok(team_member::Entity::find()
        .filter(team_member::Column::TokenHash.eq(hash))
        .filter(team_member::Column::AcceptedAt.is_null())
        .one(db)
        .await?)
}

/// `user_id`'s own row on a team, if any (accepted).
pub async fn membership(
    db: &impl ConnectionTrait,
    team: Team,
    user_id: i64,
) -> Result<Option<team_member::Model>> {
    Ok(team_member::Entity::find()
        .filter(team.condition())
        .filter(team_member::Column::UserId.eq(user_id))
        .one(db)
        .await?)
}

/// Accepts an invitation for `user_id`, only if it is still open. Whether it was.
pub async fn accept(db: &impl ConnectionTrait, id: i64, user_id: i64) -> Result<bool> {
    let res = team_member::Entity::update_many()
        .col_expr(team_member::Column::UserId, Expr::value(user_id))
        .col_expr(team_member::Column::AcceptedAt, Expr::value(Utc::now()))
        .col_expr(
            team_member::Column::TokenHash,
            Expr::value(Option::<String>::None),
        )
        .filter(team_member::Column::Id.eq(id))
        .filter(team_member::Column::AcceptedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

pub async fn set_role(db: &impl ConnectionTrait, id: i64, role: TeamRole) -> Result<()> {
    team_member::Entity::update_many()
        .col_expr(team_member::Column::Role, Expr::value(role))
        .filter(team_member::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn remove(db: &impl ConnectionTrait, id: i64) -> Result<()> {
    team_member::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// How many accepted owners a team has.
pub async fn owners(db: &impl ConnectionTrait, team: Team) -> Result<u64> {
    Ok(team_member::Entity::find()
        .filter(team.condition())
        .filter(team_member::Column::Role.eq(TeamRole::Owner))
        .filter(team_member::Column::AcceptedAt.is_not_null())
        .count(db)
        .await?)
}

/// The letters `user_id` is on the team of (directly or through their
/// campaign), newest first.
pub async fn letters_of(db: &impl ConnectionTrait, user_id: i64) -> Result<Vec<letter::Model>> {
    let rows: Vec<(Option<i64>, Option<i64>)> = team_member::Entity::find()
        .select_only()
        .column(team_member::Column::LetterId)
        .column(team_member::Column::CampaignId)
        .filter(team_member::Column::UserId.eq(user_id))
        .filter(team_member::Column::AcceptedAt.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    let letters: Vec<i64> = rows.iter().filter_map(|r| r.0).collect();
    let campaigns: Vec<i64> = rows.iter().filter_map(|r| r.1).collect();
    if letters.is_empty() && campaigns.is_empty() {
        return Ok(Vec::new());
    }
    Ok(letter::Entity::find()
        .filter(
            Condition::any()
                .add(letter::Column::Id.is_in(letters))
                .add(letter::Column::CampaignId.is_in(campaigns)),
        )
        .order_by_desc(letter::Column::Id)
        .all(db)
        .await?)
}

/// The campaigns `user_id` is on the team of, newest first.
pub async fn campaigns_of(db: &impl ConnectionTrait, user_id: i64) -> Result<Vec<campaign::Model>> {
    let ids: Vec<i64> = team_member::Entity::find()
        .select_only()
        .column(team_member::Column::CampaignId)
        .filter(team_member::Column::UserId.eq(user_id))
        .filter(team_member::Column::AcceptedAt.is_not_null())
        .filter(team_member::Column::CampaignId.is_not_null())
        .into_tuple::<Option<i64>>()
        .all(db)
        .await?
        .into_iter()
        .flatten()
        .collect();
    Ok(campaign::Entity::find()
        .filter(campaign::Column::Id.is_in(ids))
        .order_by_desc(campaign::Column::Id)
        .all(db)
        .await?)
}

/// Whether `user_id` leads the group `group_id` (accepted).
pub async fn leads(db: &impl ConnectionTrait, user_id: i64, group_id: i64) -> Result<bool> {
    Ok(team_member::Entity::find()
        .filter(team_member::Column::UserId.eq(user_id))
        .filter(team_member::Column::GroupId.eq(group_id))
        .filter(team_member::Column::Role.eq(TeamRole::Lead))
        .filter(team_member::Column::AcceptedAt.is_not_null())
        .count(db)
        .await?
        > 0)
}

/// The groups `user_id` leads: (letter id, group id).
pub async fn led_groups(db: &impl ConnectionTrait, user_id: i64) -> Result<Vec<(i64, i64)>> {
    let rows: Vec<(Option<i64>, Option<i64>)> = team_member::Entity::find()
        .select_only()
        .column(team_member::Column::LetterId)
        .column(team_member::Column::GroupId)
        .filter(team_member::Column::UserId.eq(user_id))
        .filter(team_member::Column::Role.eq(TeamRole::Lead))
        .filter(team_member::Column::AcceptedAt.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(l, g)| Some((l?, g?)))
        .collect())
}
