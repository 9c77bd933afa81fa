//! Queries about signatures, and the public list read by key rather than by
//! `OFFSET`: a page deep in a list of a million starts from a bookmark.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Select, Statement,
};

use super::entities::signature::{self, SignatureStatus};
use crate::error::Result;

/// The signature of one address (normalised) on one letter, whatever its
/// status, held until the transaction ends (on PostgreSQL; SQLite has one
/// writer at a time), so two submissions of one address are handled one after
/// the other.
pub async fn find_by_email_for_update(
    db: &impl ConnectionTrait,
    letter_id: i64,
    email_normalized: &str,
) -> Result<Option<signature::Model>> {
    let mut query = signature::Entity::find()
        .filter(signature::Column::LetterId.eq(letter_id))
        .filter(signature::Column::EmailNormalized.eq(email_normalized));
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        query = query.lock_exclusive();
    }
    Ok(query.one(db).await?)
}

/// A place in a list: confirmed signatures are listed by (confirmation time, id).
pub type Key = (DateTime<Utc>, i64);

/// The public list: a letter's confirmed signatures, of one group when given.
fn listed(letter_id: i64, group_id: Option<i64>) -> Select<signature::Entity> {
    let query = signature::Entity::find()
        .filter(signature::Column::LetterId.eq(letter_id))
        .filter(signature::Column::Status.eq(SignatureStatus::Confirmed));
    match group_id {
        Some(group_id) => query.filter(signature::Column::GroupId.eq(group_id)),
        None => query,
    }
}

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
    let mut query = listed(letter_id, group_id);
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

/// The latest `n` confirmed signatures of a letter, the newest first.
pub async fn recent(
    db: &impl ConnectionTrait,
    letter_id: i64,
    n: u64,
) -> Result<Vec<signature::Model>> {
    Ok(listed(letter_id, None)
        .order_by_desc(signature::Column::ConfirmedAt)
        .order_by_desc(signature::Column::Id)
        .limit(n)
        .all(db)
        .await?)
}

/// Confirmed signatures per letter confirmed since `since` (e.g. today's).
pub async fn confirmed_since(
    db: &impl ConnectionTrait,
    letter_ids: &[i64],
    since: DateTime<Utc>,
) -> Result<HashMap<i64, i64>> {
    if letter_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i64, i64)> = signature::Entity::find()
        .select_only()
        .column(signature::Column::LetterId)
        .column_as(Expr::col(signature::Column::Id).count(), "n")
        .filter(signature::Column::LetterId.is_in(letter_ids.iter().copied()))
        .filter(signature::Column::Status.eq(SignatureStatus::Confirmed))
        .filter(signature::Column::ConfirmedAt.gte(since))
        .group_by(signature::Column::LetterId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Up to `limit` confirmed signatures (of a letter, or one group) whose shown
/// name, title or affiliation contains `text`, ignoring case, in list order.
/// An anonymous signer's name is never searched: it is not shown.
pub async fn search(
    db: &impl ConnectionTrait,
    letter_id: i64,
    group_id: Option<i64>,
    text: &str,
    limit: u64,
) -> Result<Vec<signature::Model>> {
    let escaped: String = text
        .to_lowercase()
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    let pattern = format!("%{escaped}%");
    let like = |col: signature::Column| {
        Expr::expr(Func::lower(Expr::col(col))).like(LikeExpr::new(pattern.clone()).escape('\\'))
    };
    Ok(listed(letter_id, group_id)
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(signature::Column::Anonymous.eq(false))
                        .add(like(signature::Column::Name)),
                )
                .add(like(signature::Column::Title))
                .add(like(signature::Column::Affiliation)),
        )
        .order_by_asc(signature::Column::ConfirmedAt)
        .order_by_asc(signature::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// Rows between two bookmarks: a page starts at most this many rows past one.
const STRIDE: u64 = 100;
/// How long bookmarks are used before the list's new rows get theirs. New
/// signatures join the end of a list and leave earlier bookmarks right, so
/// this pass reads only the rows past the last bookmark.
const FRESH_FOR: Duration = Duration::from_secs(10);
/// How often a list's bookmarks are all taken afresh. Until then a signature
/// withdrawn, or approved into the middle of the list, shifts later pages by
/// one row. (A whole pass over a million rows costs half a second of the
/// database; taking it every ten seconds showed in the readers' p99.)
const FULL_PASS_EVERY: Duration = Duration::from_secs(300);

type ListKey = (i64, Option<i64>);

struct Marks {
    taken: Instant,
    /// When the last whole pass was taken.
    full: Instant,
    /// `keys[k]` is the key of the last row before offset `(k + 1) × STRIDE`.
    keys: Vec<Key>,
}

/// Bookmarks into the long lists, per letter and group, kept in memory. Stale
/// bookmarks go on serving while one task takes new ones in the background.
#[derive(Default)]
pub struct ListMarks {
    lists: std::sync::Mutex<HashMap<ListKey, Arc<Marks>>>,
    refreshing: std::sync::Mutex<HashSet<ListKey>>,
    /// Held while a list's first bookmarks are taken, so a crowd arriving at
    /// once waits for one pass instead of each making its own.
    first: tokio::sync::Mutex<()>,
}

impl ListMarks {
    /// The page of `per_page` rows starting at row `offset` of a list.
    pub async fn page(
        self: &Arc<Self>,
        db: &DatabaseConnection,
        letter_id: i64,
        group_id: Option<i64>,
        offset: u64,
        per_page: u64,
    ) -> Result<Vec<signature::Model>> {
        if offset < STRIDE {
            return page_after(db, letter_id, group_id, None, offset, per_page).await;
        }
        let list = (letter_id, group_id);
        let current = self.lists.lock().expect("marks lock").get(&list).cloned();
        let marks = match current {
            Some(m) => {
                if m.taken.elapsed() > FRESH_FOR
                    && self.refreshing.lock().expect("marks lock").insert(list)
                {
                    let (this, db, old) = (self.clone(), db.clone(), m.clone());
                    tokio::spawn(async move {
                        if old.full.elapsed() > FULL_PASS_EVERY {
                            if let Ok(keys) = take_marks(&db, letter_id, group_id, None).await {
                                this.store(list, keys, Instant::now());
                            }
                        } else if let Ok(more) =
                            take_marks(&db, letter_id, group_id, old.keys.last().copied()).await
                        {
                            let mut keys = old.keys.clone();
                            keys.extend(more);
                            this.store(list, keys, old.full);
                        }
                        this.refreshing.lock().expect("marks lock").remove(&list);
                    });
                }
                m
            }
            None => {
                let _one_at_a_time = self.first.lock().await;
                let again = self.lists.lock().expect("marks lock").get(&list).cloned();
                match again {
                    Some(m) => m,
                    None => {
                        let keys = take_marks(db, letter_id, group_id, None).await?;
                        self.store(list, keys, Instant::now())
                    }
                }
            }
        };
        let k = ((offset / STRIDE) as usize).min(marks.keys.len());
        let (after, skip) = match k {
            0 => (None, offset),
            k => (Some(marks.keys[k - 1]), offset - k as u64 * STRIDE),
        };
        page_after(db, letter_id, group_id, after, skip, per_page).await
    }

    fn store(&self, list: ListKey, keys: Vec<Key>, full: Instant) -> Arc<Marks> {
        let marks = Arc::new(Marks {
            taken: Instant::now(),
            full,
            keys,
        });
        self.lists
            .lock()
            .expect("marks lock")
            .insert(list, marks.clone());
        marks
    }
}

/// Every STRIDE-th key of a list, in one pass over its index; after `after`
/// (itself a bookmark) when given, so the new end of a list is read alone.
async fn take_marks(
    db: &impl ConnectionTrait,
    letter_id: i64,
    group_id: Option<i64>,
    after: Option<Key>,
) -> Result<Vec<Key>> {
    // Only integers are spliced in; there is nothing here a client chose.
    let group = group_id.map_or(String::new(), |g| format!(" AND group_id = {g}"));
    let (from, values) = match after {
        Some((at, id)) => (
            " AND (confirmed_at, id) > ($1, $2)",
            vec![at.into(), id.into()],
        ),
        None => ("", vec![]),
    };
    let sql = format!(
        "SELECT confirmed_at, id FROM (\
           SELECT confirmed_at, id, ROW_NUMBER() OVER (ORDER BY confirmed_at, id) AS rn \
           FROM signatures WHERE letter_id = {letter_id} AND status = 'confirmed'{group}{from}\
         ) ranked WHERE rn % {STRIDE} = 0 ORDER BY rn"
    );
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            sql,
            values,
        ))
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
