//! Paper batches: recording one, listing a letter's, removing one, and the
//! sums the counts add to what was signed online.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::entities::paper_batch;
use crate::error::Result;

/// A batch as its organiser or lead records it, already checked.
#[derive(Debug, Clone)]
pub struct NewBatch<'a> {
    pub letter_id: i64,
    pub group_id: Option<i64>,
    pub collected_on: NaiveDate,
    pub place: &'a str,
    pub count: i64,
    pub names: &'a [String],
    pub recorded_by: i64,
}

pub async fn insert(db: &impl ConnectionTrait, b: NewBatch<'_>) -> Result<paper_batch::Model> {
    Ok(paper_batch::ActiveModel {
        letter_id: Set(b.letter_id),
        group_id: Set(b.group_id),
        collected_on: Set(b.collected_on),
        place: Set(b.place.to_owned()),
        count: Set(b.count),
        names: Set(serde_json::to_string(b.names).unwrap_or_else(|_| "[]".into())),
        recorded_by: Set(Some(b.recorded_by)),
        recorded_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<paper_batch::Model>> {
    Ok(paper_batch::Entity::find_by_id(id).one(db).await?)
}

/// A letter's batches still counted, the latest collected first.
pub async fn of_letter(
    db: &impl ConnectionTrait,
    letter_id: i64,
) -> Result<Vec<paper_batch::Model>> {
    Ok(paper_batch::Entity::find()
        .filter(paper_batch::Column::LetterId.eq(letter_id))
        .filter(paper_batch::Column::RemovedAt.is_null())
        .order_by_desc(paper_batch::Column::CollectedOn)
        .order_by_desc(paper_batch::Column::Id)
        .all(db)
        .await?)
}

/// Takes a batch out of the count. Only one of two moderators racing wins.
pub async fn remove(db: &impl ConnectionTrait, id: i64, by: i64, reason: &str) -> Result<bool> {
    let res = paper_batch::Entity::update_many()
        .col_expr(paper_batch::Column::RemovedAt, Expr::value(Utc::now()))
        .col_expr(paper_batch::Column::RemovedBy, Expr::value(by))
        .col_expr(paper_batch::Column::RemovedReason, Expr::value(reason))
        .filter(paper_batch::Column::Id.eq(id))
        .filter(paper_batch::Column::RemovedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// (letter, group) → signatures on paper still counted, for `letter_ids`.
pub async fn sums(
    db: &impl ConnectionTrait,
    letter_ids: &[i64],
) -> Result<HashMap<(i64, Option<i64>), u64>> {
    if letter_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i64, Option<i64>, i64)> = paper_batch::Entity::find()
        .select_only()
        .column(paper_batch::Column::LetterId)
        .column(paper_batch::Column::GroupId)
        .column_as(Expr::cust("CAST(SUM(count) AS BIGINT)"), "n")
        .filter(paper_batch::Column::LetterId.is_in(letter_ids.iter().copied()))
        .filter(paper_batch::Column::RemovedAt.is_null())
        .group_by(paper_batch::Column::LetterId)
        .group_by(paper_batch::Column::GroupId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(l, g, n)| ((l, g), u64::try_from(n).unwrap_or(0)))
        .collect())
}
