//! Queries about signatures, and the public list read by key rather than by
//! `OFFSET`: a page deep in a list of a million starts from a bookmark.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select, Set, Statement, Value,
};

use super::blocks::Blocked;
use super::entities::signature::{self, ReasonStatus, SignatureStatus};
use super::entities::token;
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

// ---- Writing signatures: signing, confirming, withdrawing, moderating. ----

/// What a signer typed, checked, as it is stored.
#[derive(Debug, Clone)]
pub struct Signer<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub email_normalized: &'a str,
    pub title: Option<&'a str>,
    pub affiliation: Option<&'a str>,
    pub anonymous: bool,
    pub updates: bool,
    /// "Why I signed": waits for a moderator.
    pub reason: Option<&'a str>,
    /// On a discreet letter or group (`email_normalized` is then the keyed hash).
    pub discreet: bool,
    /// A discreet signer's personal address for updates.
    pub updates_email: Option<&'a str>,
    /// The language the signer signed in.
    pub language: &'a str,
}

/// The columns a new (or restarted) signature takes from what the signer typed.
fn fresh(signer: &Signer<'_>, group_id: Option<i64>) -> signature::ActiveModel {
    signature::ActiveModel {
        group_id: Set(group_id),
        name: Set(signer.name.to_owned()),
        email: Set(signer.email.to_owned()),
        email_normalized: Set(signer.email_normalized.to_owned()),
        title: Set(signer.title.map(str::to_owned)),
        affiliation: Set(signer.affiliation.map(str::to_owned)),
        anonymous: Set(signer.anonymous),
        updates: Set(signer.updates),
        discreet: Set(signer.discreet),
        updates_email: Set(signer.updates_email.map(str::to_owned)),
        language: Set(signer.language.to_owned()),
        verified_affiliation: Set(false),
        verified_domain: Set(None),
        status: Set(SignatureStatus::Unconfirmed),
        moderation_reason: Set(None),
        confirmed_at: Set(None),
        withdrawn_at: Set(None),
        reason: Set(signer.reason.map(str::to_owned)),
        reason_status: Set(signer.reason.map(|_| ReasonStatus::Pending)),
        ..Default::default()
    }
}

/// Stores a new unconfirmed signature; `Conflict` when the address has
/// signed the letter meanwhile.
pub async fn insert(
    db: &impl ConnectionTrait,
    letter_id: i64,
    group_id: Option<i64>,
    signer: &Signer<'_>,
) -> Result<signature::Model> {
    signature::ActiveModel {
        letter_id: Set(letter_id),
        created_at: Set(Utc::now()),
        ..fresh(signer, group_id)
    }
    .insert(db)
    .await
    .map_err(|e| super::conflict_on_unique(e, "signed concurrently"))
}

/// Stores many new signatures in one statement, skipping any address that
/// has signed its letter (`ON CONFLICT DO NOTHING`); returns those stored.
pub async fn insert_many(
    db: &impl ConnectionTrait,
    rows: &[(i64, Option<i64>, Signer<'_>)],
) -> Result<Vec<signature::Model>> {
    let now = Utc::now();
    let rows = rows
        .iter()
        .map(|(letter_id, group_id, signer)| signature::ActiveModel {
            letter_id: Set(*letter_id),
            created_at: Set(now),
            ..fresh(signer, *group_id)
        });
    Ok(
        match signature::Entity::insert_many(rows)
            .on_conflict_do_nothing_on([
                signature::Column::LetterId,
                signature::Column::EmailNormalized,
            ])
            .exec_with_returning_many(db)
            .await?
        {
            sea_orm::TryInsertResult::Inserted(rows) => rows,
            sea_orm::TryInsertResult::Empty | sea_orm::TryInsertResult::Conflicted => Vec::new(),
        },
    )
}

/// Starts a withdrawn signature over with what the signer typed now.
pub async fn restart(
    db: &impl ConnectionTrait,
    id: i64,
    group_id: Option<i64>,
    signer: &Signer<'_>,
) -> Result<signature::Model> {
    Ok(signature::ActiveModel {
        id: Set(id),
        ..fresh(signer, group_id)
    }
    .update(db)
    .await?)
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<signature::Model>> {
    Ok(signature::Entity::find_by_id(id).one(db).await?)
}

/// A confirmation checked against its token, to be written.
#[derive(Debug, Clone)]
pub struct Confirmation {
    pub token_id: i64,
    pub signature_id: i64,
    /// `confirmed`, or `awaiting_approval` on a letter that approves signatures.
    pub status: SignatureStatus,
    pub verified_domain: Option<String>,
    /// The opaque id the signature log names it by.
    pub public_id: String,
    /// SHA-256 (hex) of the receipt secret the signer is handed.
    pub receipt_hash: String,
}

/// Confirms many signatures at once: each moves only if it is still
/// unconfirmed, and the token of each that moved is used up with it. Returns
/// the ids that moved. On PostgreSQL one statement (so one transaction; the
/// count's statement trigger adds the batch to one shard per key); SQLite,
/// which has one writer, takes them one after the other in one transaction.
pub async fn confirm_many(
    db: &DatabaseConnection,
    confirmations: &[&Confirmation],
) -> Result<HashSet<i64>> {
    let now = Utc::now();
    let mut moved = HashSet::with_capacity(confirmations.len());
    if confirmations.is_empty() {
        return Ok(moved);
    }
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        let mut values: Vec<Value> = vec![now.into()];
        let mut rows = Vec::with_capacity(confirmations.len());
        for c in confirmations {
            let at = values.len() + 1;
            rows.push(format!(
                "(${}::bigint, ${}::bigint, ${}::text, ${}::text, ${}::text, ${}::text)",
                at,
                at + 1,
                at + 2,
                at + 3,
                at + 4,
                at + 5
            ));
            values.push(c.signature_id.into());
            values.push(c.token_id.into());
            values.push(c.status.to_value().into());
            values.push(c.verified_domain.clone().into());
            values.push(c.public_id.clone().into());
            values.push(c.receipt_hash.clone().into());
        }
        let sql = format!(
            "WITH v (signature_id, token_id, status, verified_domain, public_id, receipt_hash) AS (VALUES {}), \
             moved AS ( \
               UPDATE signatures s SET status = v.status, confirmed_at = $1::timestamptz, \
                 verified_affiliation = v.verified_domain IS NOT NULL, verified_domain = v.verified_domain, \
                 public_id = v.public_id, receipt_hash = v.receipt_hash, \
                 email = CASE WHEN s.discreet THEN COALESCE(s.updates_email, '') ELSE s.email END, \
                 updates = CASE WHEN s.discreet THEN s.updates_email IS NOT NULL ELSE s.updates END, \
                 updates_email = NULL \
               FROM v WHERE s.id = v.signature_id AND s.status = 'unconfirmed' RETURNING s.id), \
             used AS ( \
               UPDATE tokens t SET used_at = $1::timestamptz FROM v JOIN moved ON moved.id = v.signature_id \
               WHERE t.id = v.token_id) \
             SELECT id FROM moved",
            rows.join(", ")
        );
        let stmt = Statement::from_sql_and_values(sea_orm::DatabaseBackend::Postgres, sql, values);
        for row in db.query_all_raw(stmt).await? {
            moved.insert(row.try_get::<i64>("", "id")?);
        }
        return Ok(moved);
    }
    let txn = crate::db::begin(db).await?;
    for c in confirmations {
        let res = signature::Entity::update_many()
            .set(signature::ActiveModel {
                status: Set(c.status),
                confirmed_at: Set(Some(now)),
                verified_affiliation: Set(c.verified_domain.is_some()),
                verified_domain: Set(c.verified_domain.clone()),
                public_id: Set(Some(c.public_id.clone())),
                receipt_hash: Set(Some(c.receipt_hash.clone())),
                ..Default::default()
            })
            .filter(signature::Column::Id.eq(c.signature_id))
            .filter(signature::Column::Status.eq(SignatureStatus::Unconfirmed))
            .exec(&txn)
            .await?;
        if res.rows_affected == 1 {
            forget_discreet_address(&txn, c.signature_id).await?;
            token::Entity::update_many()
                .col_expr(token::Column::UsedAt, Expr::value(now))
                .filter(token::Column::Id.eq(c.token_id))
                .exec(&txn)
                .await?;
            moved.insert(c.signature_id);
        }
    }
    txn.commit().await?;
    Ok(moved)
}

/// A discreet signature, just confirmed, keeps no trace of the address it
/// was made with: `email` becomes the personal address for updates, if the
/// signer gave one, else nothing (PostgreSQL does this in `confirm_many`'s
/// statement).
async fn forget_discreet_address(db: &impl ConnectionTrait, id: i64) -> Result<()> {
    signature::Entity::update_many()
        .col_expr(
            signature::Column::Email,
            Expr::cust("COALESCE(updates_email, '')"),
        )
        .col_expr(
            signature::Column::Updates,
            Expr::cust("updates_email IS NOT NULL"),
        )
        .col_expr(
            signature::Column::UpdatesEmail,
            Expr::value(Option::<String>::None),
        )
        .filter(signature::Column::Id.eq(id))
        .filter(signature::Column::Discreet.eq(true))
        .exec(db)
        .await?;
    Ok(())
}

/// Marks a signature withdrawn: it leaves the count and the list.
pub async fn withdraw(db: &impl ConnectionTrait, id: i64) -> Result<()> {
    signature::ActiveModel {
        id: Set(id),
        status: Set(SignatureStatus::Withdrawn),
        withdrawn_at: Set(Some(Utc::now())),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Moves a signature from `from` to `to` with a moderator's reason, only if it
/// is still in `from`; an approval joins the list in order of approval.
/// Whether it moved.
pub async fn moderate(
    db: &impl ConnectionTrait,
    id: i64,
    from: SignatureStatus,
    to: SignatureStatus,
    reason: Option<String>,
) -> Result<bool> {
    let mut row = signature::ActiveModel {
        status: Set(to),
        moderation_reason: Set(reason),
        ..Default::default()
    };
    if to == SignatureStatus::Confirmed {
        row.confirmed_at = Set(Some(Utc::now()));
        row.moderation_reason = Set(None);
    }
    let res = signature::Entity::update_many()
        .set(row)
        .filter(signature::Column::Id.eq(id))
        .filter(signature::Column::Status.eq(from))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Signatures in one status, optionally of one letter, oldest first, `limit` at most.
pub async fn with_status(
    db: &impl ConnectionTrait,
    status: SignatureStatus,
    letter_id: Option<i64>,
    limit: u64,
) -> Result<Vec<signature::Model>> {
    let mut q = signature::Entity::find().filter(signature::Column::Status.eq(status));
    if let Some(id) = letter_id {
        q = q.filter(signature::Column::LetterId.eq(id));
    }
    Ok(q.order_by_asc(signature::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// How many signatures wait for approval, per letter id.
pub async fn awaiting_counts(db: &impl ConnectionTrait) -> Result<Vec<(i64, i64)>> {
    Ok(signature::Entity::find()
        .select_only()
        .column(signature::Column::LetterId)
        .column_as(Expr::col(signature::Column::Id).count(), "n")
        .filter(signature::Column::Status.eq(SignatureStatus::AwaitingApproval))
        .group_by(signature::Column::LetterId)
        .into_tuple()
        .all(db)
        .await?)
}

/// A letter's confirmed signatures in list order, all of them (the organiser's export).
pub async fn all_confirmed(
    db: &impl ConnectionTrait,
    letter_id: i64,
) -> Result<Vec<signature::Model>> {
    Ok(listed(letter_id, None)
        .order_by_asc(signature::Column::ConfirmedAt)
        .order_by_asc(signature::Column::Id)
        .all(db)
        .await?)
}

/// Signatures per group and status, for the given groups.
pub async fn counts_by_group_and_status(
    db: &impl ConnectionTrait,
    group_ids: impl IntoIterator<Item = i64>,
) -> Result<Vec<(Option<i64>, SignatureStatus, i64)>> {
    Ok(signature::Entity::find()
        .select_only()
        .column(signature::Column::GroupId)
        .column(signature::Column::Status)
        .column_as(Expr::col(signature::Column::Id).count(), "n")
        .filter(signature::Column::GroupId.is_in(group_ids))
        .group_by(signature::Column::GroupId)
        .group_by(signature::Column::Status)
        .into_tuple()
        .all(db)
        .await?)
}

/// A group's signatures that are confirmed or awaiting approval.
pub async fn standing_in_group(
    db: &impl ConnectionTrait,
    group_id: i64,
) -> Result<Vec<signature::Model>> {
    Ok(signature::Entity::find()
        .filter(signature::Column::GroupId.eq(group_id))
        .filter(signature::Column::Status.is_in([
            SignatureStatus::Confirmed,
            SignatureStatus::AwaitingApproval,
        ]))
        .all(db)
        .await?)
}

/// Marks a signature's affiliation verified by `domain`.
pub async fn set_verified(db: &impl ConnectionTrait, id: i64, domain: String) -> Result<()> {
    signature::ActiveModel {
        id: Set(id),
        verified_affiliation: Set(true),
        verified_domain: Set(Some(domain)),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Takes every signature out of a group (which stays on its letter).
pub async fn ungroup(db: &impl ConnectionTrait, group_id: i64) -> Result<()> {
    signature::Entity::update_many()
        .col_expr(signature::Column::GroupId, Expr::value(Option::<i64>::None))
        .filter(signature::Column::GroupId.eq(group_id))
        .exec(db)
        .await?;
    Ok(())
}

// ---- Retention and history. ----

/// Deletes signatures never confirmed that were made before `before` (their
/// tokens go with them: the foreign key cascades).
pub async fn delete_unconfirmed_before(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
) -> Result<u64> {
    Ok(signature::Entity::delete_many()
        .filter(signature::Column::Status.eq(SignatureStatus::Unconfirmed))
        .filter(signature::Column::CreatedAt.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}

/// Replaces who signed a letter with `name` and a unique placeholder address,
/// keeping each signature's status, group and verification (so every count
/// stays as it was); the links in old mail can do nothing more for them.
/// Returns how many changed.
pub async fn anonymise_letter(
    db: &impl ConnectionTrait,
    letter_id: i64,
    name: &str,
) -> Result<u64> {
    let backend = db.get_database_backend();
    // Each address becomes a unique placeholder, so the one-signature-per-address
    // index still holds; the signature's id is all it is made of.
    let placeholder = match backend {
        sea_orm::DatabaseBackend::Postgres => "'anonymised-' || id::text || '@invalid'",
        _ => "'anonymised-' || id || '@invalid'",
    };
    let res = db
        .execute_raw(Statement::from_sql_and_values(
            backend,
            format!(
                "UPDATE signatures SET name = $1, email = {placeholder}, \
                 email_normalized = {placeholder}, title = NULL, affiliation = NULL, \
                 anonymous = true, updates = false, reason = NULL, reason_status = NULL \
                 WHERE letter_id = $2 AND email NOT LIKE 'anonymised-%@invalid'"
            ),
            [name.into(), letter_id.into()],
        ))
        .await?;
    token::Entity::delete_many()
        .filter(
            Expr::col(token::Column::SignatureId).in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(signature::Column::Id)
                    .from(signature::Entity)
                    .and_where(Expr::col(signature::Column::LetterId).eq(letter_id))
                    .to_owned(),
            ),
        )
        .exec(db)
        .await?;
    Ok(res.rows_affected())
}

/// A letter's confirmed signatures counted by the (UTC) hour they were
/// confirmed in, in time order: one `GROUP BY` on the index the list uses.
pub async fn confirmed_per_hour(
    db: &impl ConnectionTrait,
    letter_id: i64,
) -> Result<Vec<(DateTime<Utc>, i64)>> {
    let backend = db.get_database_backend();
    let hour = match backend {
        sea_orm::DatabaseBackend::Postgres => {
            "to_char(date_trunc('hour', confirmed_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD HH24:MI:SS')"
        }
        _ => "strftime('%Y-%m-%d %H:00:00', confirmed_at)",
    };
    let sql = format!(
        "SELECT {hour} AS hour, COUNT(*) AS n FROM signatures \
         WHERE letter_id = $1 AND status = 'confirmed' AND confirmed_at IS NOT NULL \
         GROUP BY 1 ORDER BY 1"
    );
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [letter_id.into()],
        ))
        .await?;
    let mut hours = Vec::with_capacity(rows.len());
    for row in rows {
        let text: String = row.try_get("", "hour")?;
        let start = chrono::NaiveDateTime::parse_from_str(&text, "%Y-%m-%d %H:%M:%S")
            .map_err(|e| crate::error::Error::Internal(format!("history hour {text:?}: {e}")))?;
        hours.push((start.and_utc(), row.try_get::<i64>("", "n")?));
    }
    Ok(hours)
}

// ---- Reasons ("why I signed"). ----

/// Approved reasons of a letter's counted signatures, the newest first.
pub async fn approved_reasons(
    db: &impl ConnectionTrait,
    letter_id: i64,
    limit: u64,
) -> Result<Vec<signature::Model>> {
    Ok(listed(letter_id, None)
        .filter(signature::Column::ReasonStatus.eq(ReasonStatus::Approved))
        .order_by_desc(signature::Column::ConfirmedAt)
        .order_by_desc(signature::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// Reasons waiting for a moderator, of signatures that count or wait for
/// approval (an unconfirmed one may never count), oldest first.
pub async fn pending_reasons(
    db: &impl ConnectionTrait,
    limit: u64,
) -> Result<Vec<signature::Model>> {
    Ok(signature::Entity::find()
        .filter(signature::Column::ReasonStatus.eq(ReasonStatus::Pending))
        .filter(signature::Column::Status.is_in([
            SignatureStatus::Confirmed,
            SignatureStatus::AwaitingApproval,
        ]))
        .order_by_asc(signature::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// Approves or rejects a pending reason; whether it was pending.
pub async fn moderate_reason(db: &impl ConnectionTrait, id: i64, to: ReasonStatus) -> Result<bool> {
    let res = signature::Entity::update_many()
        .col_expr(signature::Column::ReasonStatus, Expr::value(to))
        .filter(signature::Column::Id.eq(id))
        .filter(signature::Column::ReasonStatus.eq(ReasonStatus::Pending))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// A letter's signatures its updates are mailed to: counted (confirmed, and
/// approved where the letter asks), consenting to the organisers' mail, not
/// unsubscribed, and not from a blocked address or domain.
fn mailable(letter_id: i64, blocked: &Blocked) -> Select<signature::Entity> {
    let mut query = listed(letter_id, None)
        .filter(signature::Column::Updates.eq(true))
        .filter(signature::Column::UnsubscribedAt.is_null())
        // Nor to an address its server refused for good.
        .filter(Expr::cust(
            "NOT EXISTS (SELECT 1 FROM undeliverable_addresses u \
             WHERE u.address = LOWER(signatures.email))",
        ));
    if !blocked.emails.is_empty() {
        query = query.filter(
            signature::Column::EmailNormalized.is_not_in(blocked.emails.iter().map(String::as_str)),
        );
    }
    for domain in &blocked.domains {
        // The domain itself and its subdomains, as a block means.
        query = query
            .filter(signature::Column::EmailNormalized.not_like(format!("%@{domain}")))
            .filter(signature::Column::EmailNormalized.not_like(format!("%.{domain}")));
    }
    query
}

/// How many signatures up to id `until` an update would be mailed to.
pub async fn count_mailable(
    db: &impl ConnectionTrait,
    letter_id: i64,
    blocked: &Blocked,
    until: i64,
) -> Result<i64> {
    let n: Option<i64> = mailable(letter_id, blocked)
        .select_only()
        .column_as(Expr::col(signature::Column::Id).count(), "n")
        .filter(signature::Column::Id.lte(until))
        .into_tuple()
        .one(db)
        .await?;
    Ok(n.unwrap_or(0))
}

/// The highest signature id of a letter, if it has any.
pub async fn last_id(db: &impl ConnectionTrait, letter_id: i64) -> Result<Option<i64>> {
    let max: Option<Option<i64>> = signature::Entity::find()
        .select_only()
        .column_as(Expr::col(signature::Column::Id).max(), "m")
        .filter(signature::Column::LetterId.eq(letter_id))
        .into_tuple()
        .one(db)
        .await?;
    Ok(max.flatten())
}

/// One recipient of an update: the signature and where to mail it.
#[derive(Debug, Clone, sea_orm::FromQueryResult)]
pub struct Recipient {
    pub id: i64,
    pub email: String,
    pub email_normalized: String,
    /// The language they signed in: their update is written in it.
    pub language: String,
}

/// Up to `limit` mailable signatures with ids in (`after`, `until`], by id:
/// one index range scan (`idx_signatures_mailable`).
pub async fn mailable_between(
    db: &impl ConnectionTrait,
    letter_id: i64,
    blocked: &Blocked,
    after: Option<i64>,
    until: i64,
    limit: u64,
) -> Result<Vec<Recipient>> {
    let mut query = mailable(letter_id, blocked).filter(signature::Column::Id.lte(until));
    if let Some(after) = after {
        query = query.filter(signature::Column::Id.gt(after));
    }
    Ok(query
        .select_only()
        .columns([
            signature::Column::Id,
            signature::Column::Email,
            signature::Column::EmailNormalized,
            signature::Column::Language,
        ])
        .order_by_asc(signature::Column::Id)
        .limit(limit)
        .into_model::<Recipient>()
        .all(db)
        .await?)
}

/// Stops a signature's updates (once; again changes nothing).
pub async fn unsubscribe(db: &impl ConnectionTrait, id: i64) -> Result<()> {
    signature::Entity::update_many()
        .col_expr(signature::Column::UnsubscribedAt, Expr::value(Utc::now()))
        .filter(signature::Column::Id.eq(id))
        .filter(signature::Column::UnsubscribedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
