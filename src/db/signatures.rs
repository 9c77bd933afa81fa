//! Queries about signatures, and the public list read by key rather than by
//! `OFFSET`: a page deep in a list of a million starts from a bookmark.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Statement,
};
use tokio::sync::Mutex;

use super::entities::signature::{self, SignatureStatus};
use crate::error::Result;

/// The signature of one address (normalised) on one letter, whatever its status.
pub async fn find_by_email(
    db: &impl ConnectionTrait,
    letter_id: i64,
    email_normalized: &str,
) -> Result<Option<signature::Model>> {
    Ok(signature::Entity::find()
        .filter(signature::Column::LetterId.eq(letter_id))
        .filter(signature::Column::EmailNormalized.eq(email_normalized))
        .one(db)
        .await?)
}

/// A place in a list: confirmed signatures are listed by (confirmation time, id).
pub type Key = (DateTime<Utc>, i64);

/// Up to `limit` confirmed signatures of a letter (or one group) after `after`
/// (from the start when `None`), skipping `skip` first: an index range scan.
pub async fn page_after(
    db: &impl ConnectionTrait,
    letter_id: i64,
    group_id: Option<i64>,
    after: Option<Key>,
    skip: u64,
    limit: u64,
) -> Result<Vec<signature::Model>> {
    let mut query = signature::Entity::find()
        .filter(signature::Column::LetterId.eq(letter_id))
        .filter(signature::Column::Status.eq(SignatureStatus::Confirmed));
    if let Some(group_id) = group_id {
        query = query.filter(signature::Column::GroupId.eq(group_id));
    }
    if let Some((at, id)) = after {
        query = query.filter(
            Expr::tuple([
                Expr::col(signature::Column::ConfirmedAt),
                Expr::col(signature::Column::Id),
            ])
            .gt(Expr::tuple([Expr::value(at), Expr::value(id)])),
        );
    }
    Ok(query
        .order_by_asc(signature::Column::ConfirmedAt)
        .order_by_asc(signature::Column::Id)
        .offset(skip)
        .limit(limit)
        .all(db)
        .await?)
}

/// Rows between two bookmarks.
const STRIDE: u64 = 1000;
/// How long bookmarks are used before they are taken again. New signatures
/// join the end of a list and leave earlier bookmarks right; a withdrawn one
/// shifts later pages by one until the next refresh.
const FRESH_FOR: Duration = Duration::from_secs(10);

struct Marks {
    taken: Instant,
    /// `keys[k]` is the key of the last row before offset `(k + 1) × STRIDE`.
    keys: Vec<Key>,
}

/// Bookmarks into the long lists, per letter and group, kept in memory.
#[derive(Default)]
pub struct ListMarks {
    lists: Mutex<HashMap<(i64, Option<i64>), Marks>>,
}

impl ListMarks {
    /// The page of `per_page` rows starting at row `offset` of a list.
    pub async fn page(
        &self,
        db: &impl ConnectionTrait,
        letter_id: i64,
        group_id: Option<i64>,
        offset: u64,
        per_page: u64,
    ) -> Result<Vec<signature::Model>> {
        if offset < STRIDE {
            return page_after(db, letter_id, group_id, None, offset, per_page).await;
        }
        let (after, skip) = {
            let mut lists = self.lists.lock().await;
            let stale = lists
                .get(&(letter_id, group_id))
                .is_none_or(|m| m.taken.elapsed() > FRESH_FOR);
            if stale {
                let keys = take_marks(db, letter_id, group_id).await?;
                lists.insert(
                    (letter_id, group_id),
                    Marks {
                        taken: Instant::now(),
                        keys,
                    },
                );
            }
            let keys = &lists[&(letter_id, group_id)].keys;
            let k = ((offset / STRIDE) as usize).min(keys.len());
            match k {
                0 => (None, offset),
                k => (Some(keys[k - 1]), offset - k as u64 * STRIDE),
            }
        };
        page_after(db, letter_id, group_id, after, skip, per_page).await
    }
}

/// Every STRIDE-th key of a list, in one pass over its index.
async fn take_marks(
    db: &impl ConnectionTrait,
    letter_id: i64,
    group_id: Option<i64>,
) -> Result<Vec<Key>> {
    // Only integers are spliced in; there is nothing here a client chose.
    let group = group_id.map_or(String::new(), |g| format!(" AND group_id = {g}"));
    let sql = format!(
        "SELECT confirmed_at, id FROM (\
           SELECT confirmed_at, id, ROW_NUMBER() OVER (ORDER BY confirmed_at, id) AS rn \
           FROM signatures WHERE letter_id = {letter_id} AND status = 'confirmed'{group}\
         ) ranked WHERE rn % {STRIDE} = 0 ORDER BY rn"
    );
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    let mut keys = Vec::with_capacity(rows.len());
    for row in rows {
        keys.push((
            row.try_get::<DateTime<Utc>>("", "confirmed_at")?,
            row.try_get::<i64>("", "id")?,
        ));
    }
    Ok(keys)
}
