//! Volunteers' rows: a sign-up waiting for its link, confirming it, the
//! team's list, and deleting them when they are no longer needed.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::entities::campaign;
use super::entities::volunteer;
use crate::error::Result;

/// A sign-up as the volunteer typed it, already checked.
#[derive(Debug, Clone)]
pub struct NewVolunteer<'a> {
    pub campaign_id: i64,
    pub name: &'a str,
    pub email: &'a str,
    pub email_normalized: &'a str,
    pub group_slug: Option<&'a str>,
    pub place: Option<&'a str>,
    /// A JSON array of the chosen help options.
    pub help: String,
    pub message: &'a str,
    pub token_hash: String,
    pub token_expires_at: DateTime<Utc>,
    /// The language they signed up in.
    pub language: &'a str,
}

pub async fn insert(db: &impl ConnectionTrait, v: NewVolunteer<'_>) -> Result<volunteer::Model> {
    Ok(volunteer::ActiveModel {
        campaign_id: Set(v.campaign_id),
        name: Set(v.name.to_owned()),
        email: Set(v.email.to_owned()),
        email_normalized: Set(v.email_normalized.to_owned()),
        group_slug: Set(v.group_slug.map(str::to_owned)),
        place: Set(v.place.map(str::to_owned)),
        help: Set(v.help),
        message: Set(v.message.to_owned()),
        token_hash: Set(Some(v.token_hash)),
        token_expires_at: Set(v.token_expires_at),
        created_at: Set(Utc::now()),
        confirmed_at: Set(None),
        language: Set(v.language.to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// The unconfirmed sign-up whose link's token hashes to `token_hash`, while
/// the link works.
pub async fn by_live_token(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<volunteer::Model>> {
    Ok(volunteer::Entity::find()
        .filter(volunteer::Column::TokenHash.eq(token_hash))
        .filter(volunteer::Column::ConfirmedAt.is_null())
        .filter(volunteer::Column::TokenExpiresAt.gt(Utc::now()))
        .one(db)
        .await?)
}

/// Confirms a sign-up and uses its link up. Of two requests racing with one
/// link, only one gets `true`.
pub async fn confirm(db: &impl ConnectionTrait, id: i64, token_hash: &str) -> Result<bool> {
    let res = volunteer::Entity::update_many()
        .col_expr(volunteer::Column::ConfirmedAt, Expr::value(Utc::now()))
        .col_expr(
            volunteer::Column::TokenHash,
            Expr::value(Option::<String>::None),
        )
        .filter(volunteer::Column::Id.eq(id))
        .filter(volunteer::Column::TokenHash.eq(token_hash))
        .filter(volunteer::Column::ConfirmedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Deletes the earlier confirmed sign-ups of the address for the campaign:
/// the latest answers replace them.
pub async fn delete_earlier(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    email_normalized: &str,
    keep_id: i64,
) -> Result<u64> {
    let res = volunteer::Entity::delete_many()
        .filter(volunteer::Column::CampaignId.eq(campaign_id))
        .filter(volunteer::Column::EmailNormalized.eq(email_normalized))
        .filter(volunteer::Column::ConfirmedAt.is_not_null())
        .filter(volunteer::Column::Id.ne(keep_id))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// A campaign's confirmed volunteers, the latest first; only those of the
/// groups `groups` names, where it names any.
pub async fn confirmed(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    groups: Option<&[String]>,
) -> Result<Vec<volunteer::Model>> {
    let mut q = volunteer::Entity::find()
        .filter(volunteer::Column::CampaignId.eq(campaign_id))
        .filter(volunteer::Column::ConfirmedAt.is_not_null());
    if let Some(groups) = groups {
        q = q.filter(volunteer::Column::GroupSlug.is_in(groups.iter().cloned()));
    }
    Ok(q.order_by_desc(volunteer::Column::ConfirmedAt)
        .order_by_desc(volunteer::Column::Id)
        .all(db)
        .await?)
}

/// Deletes sign-ups never confirmed, made before `before`.
pub async fn delete_unconfirmed_before(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
) -> Result<u64> {
    let res = volunteer::Entity::delete_many()
        .filter(volunteer::Column::ConfirmedAt.is_null())
        .filter(volunteer::Column::CreatedAt.lt(before))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// Deletes every volunteer of the campaigns closed before `before`.
pub async fn delete_of_campaigns_closed_before(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
) -> Result<u64> {
    let closed = Query::select()
        .column(campaign::Column::Id)
        .from(campaign::Entity)
        .and_where(campaign::Column::ClosedAt.lt(before))
        .to_owned();
    let res = volunteer::Entity::delete_many()
        .filter(volunteer::Column::CampaignId.in_subquery(closed))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// How many confirmed volunteers each of `campaign_ids` has.
pub async fn confirmed_counts(
    db: &impl ConnectionTrait,
    campaign_ids: &[i64],
) -> Result<std::collections::HashMap<i64, u64>> {
    use sea_orm::QuerySelect;
    if campaign_ids.is_empty() {
        return Ok(Default::default());
    }
    let rows: Vec<(i64, i64)> = volunteer::Entity::find()
        .select_only()
        .column(volunteer::Column::CampaignId)
        .column_as(volunteer::Column::Id.count(), "n")
        .filter(volunteer::Column::CampaignId.is_in(campaign_ids.iter().copied()))
        .filter(volunteer::Column::ConfirmedAt.is_not_null())
        .group_by(volunteer::Column::CampaignId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, n)| (id, u64::try_from(n).unwrap_or(0)))
        .collect())
}

/// Whether `email_normalized` is a confirmed volunteer of the campaign.
pub async fn is_confirmed(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    email_normalized: &str,
) -> Result<bool> {
    use sea_orm::PaginatorTrait;
    Ok(volunteer::Entity::find()
        .filter(volunteer::Column::CampaignId.eq(campaign_id))
        .filter(volunteer::Column::EmailNormalized.eq(email_normalized))
        .filter(volunteer::Column::ConfirmedAt.is_not_null())
        .count(db)
        .await?
        > 0)
}
