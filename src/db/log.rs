//! The signature log's tables: the events waiting, the entries, the complete
//! subtrees, each letter's state, the signed heads and the signing key.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::entities::{
    log_entry, log_head, log_key, log_node, log_pending, log_state, paper_batch, signature,
};
use crate::domain::merkle::{Hash, Subtree};
use crate::error::{Error, Result};

/// Letters with events waiting, at most `limit` of them.
pub async fn letters_pending(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<i64>> {
    Ok(log_pending::Entity::find()
        .select_only()
        .column(log_pending::Column::LetterId)
        .distinct()
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?)
}

/// The letter's log state, locked for this transaction (made if missing).
pub async fn lock_state(db: &impl ConnectionTrait, letter_id: i64) -> Result<log_state::Model> {
    log_state::Entity::insert(log_state::ActiveModel {
        letter_id: Set(letter_id),
        tree_size: Set(0),
        count: Set(0),
    })
    .on_conflict_do_nothing_on([log_state::Column::LetterId])
    .exec(db)
    .await?;
    let mut q = log_state::Entity::find_by_id(letter_id);
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        q = q.lock_exclusive();
    }
    q.one(db)
        .await?
        .ok_or_else(|| Error::Internal("log state vanished".into()))
}

pub async fn state(db: &impl ConnectionTrait, letter_id: i64) -> Result<Option<log_state::Model>> {
    Ok(log_state::Entity::find_by_id(letter_id).one(db).await?)
}

pub async fn set_state(
    db: &impl ConnectionTrait,
    letter_id: i64,
    tree_size: i64,
    count: i64,
) -> Result<()> {
    log_state::Entity::update_many()
        .col_expr(log_state::Column::TreeSize, Expr::value(tree_size))
        .col_expr(log_state::Column::Count, Expr::value(count))
        .filter(log_state::Column::LetterId.eq(letter_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The letter's oldest waiting events, at most `limit`.
pub async fn pending(
    db: &impl ConnectionTrait,
    letter_id: i64,
    limit: u64,
) -> Result<Vec<log_pending::Model>> {
    Ok(log_pending::Entity::find()
        .filter(log_pending::Column::LetterId.eq(letter_id))
        .order_by_asc(log_pending::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

pub async fn delete_pending(db: &impl ConnectionTrait, ids: Vec<i64>) -> Result<()> {
    for chunk in ids.chunks(5_000) {
        log_pending::Entity::delete_many()
            .filter(log_pending::Column::Id.is_in(chunk.iter().copied()))
            .exec(db)
            .await?;
    }
    Ok(())
}

pub async fn signatures(
    db: &impl ConnectionTrait,
    ids: Vec<i64>,
) -> Result<HashMap<i64, signature::Model>> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(5_000) {
        for s in signature::Entity::find()
            .filter(signature::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            out.insert(s.id, s);
        }
    }
    Ok(out)
}

pub async fn paper_batches(
    db: &impl ConnectionTrait,
    ids: Vec<i64>,
) -> Result<HashMap<i64, paper_batch::Model>> {
    Ok(paper_batch::Entity::find()
        .filter(paper_batch::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.id, b))
        .collect())
}

/// Gives a signature its public id where it has none yet.
pub async fn set_signature_public_id(
    db: &impl ConnectionTrait,
    id: i64,
    public_id: &str,
) -> Result<()> {
    signature::Entity::update_many()
        .col_expr(signature::Column::PublicId, Expr::value(public_id))
        .filter(signature::Column::Id.eq(id))
        .filter(signature::Column::PublicId.is_null())
        .exec(db)
        .await?;
    Ok(())
}

pub async fn set_paper_public_id(
    db: &impl ConnectionTrait,
    id: i64,
    public_id: &str,
) -> Result<()> {
    paper_batch::Entity::update_many()
        .col_expr(paper_batch::Column::PublicId, Expr::value(public_id))
        .filter(paper_batch::Column::Id.eq(id))
        .filter(paper_batch::Column::PublicId.is_null())
        .exec(db)
        .await?;
    Ok(())
}

fn parse_hash(text: &str) -> Result<Hash> {
    let mut out = [0u8; 32];
    if text.len() != 64 {
        return Err(Error::Internal(format!(
            "a stored hash is malformed: {text}"
        )));
    }
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16)
            .map_err(|_| Error::Internal(format!("a stored hash is malformed: {text}")))?;
    }
    Ok(out)
}

/// The stored complete subtrees among `keys`.
pub async fn nodes(
    db: &impl ConnectionTrait,
    letter_id: i64,
    keys: &[Subtree],
) -> Result<HashMap<Subtree, Hash>> {
    let mut out = HashMap::new();
    if keys.is_empty() {
        return Ok(out);
    }
    let mut cond = sea_orm::Condition::any();
    for &(level, idx) in keys {
        cond = cond.add(
            sea_orm::Condition::all()
                .add(log_node::Column::Level.eq(level as i16))
                .add(log_node::Column::Idx.eq(idx as i64)),
        );
    }
    for n in log_node::Entity::find()
        .filter(log_node::Column::LetterId.eq(letter_id))
        .filter(cond)
        .all(db)
        .await?
    {
        out.insert((n.level as u32, n.idx as u64), parse_hash(&n.hash)?);
    }
    Ok(out)
}

pub async fn insert_nodes(
    db: &impl ConnectionTrait,
    letter_id: i64,
    made: &[(Subtree, Hash)],
) -> Result<()> {
    for chunk in made.chunks(2_000) {
        log_node::Entity::insert_many(chunk.iter().map(|((level, idx), hash)| {
            log_node::ActiveModel {
                letter_id: Set(letter_id),
                level: Set(*level as i16),
                idx: Set(*idx as i64),
                hash: Set(crate::domain::log_key::to_hex(hash)),
            }
        }))
        .exec(db)
        .await?;
    }
    Ok(())
}

/// A leaf as the sequencer made it.
#[derive(Debug, Clone)]
pub struct NewEntry {
    pub idx: i64,
    pub subject: String,
    pub op: &'static str,
    pub count: i64,
    pub leaf: String,
    pub leaf_hash: String,
    pub fields: String,
}

pub async fn insert_entries(
    db: &impl ConnectionTrait,
    letter_id: i64,
    entries: Vec<NewEntry>,
) -> Result<()> {
    let mut entries = entries
        .into_iter()
        .map(|e| log_entry::ActiveModel {
            letter_id: Set(letter_id),
            idx: Set(e.idx),
            subject: Set(e.subject),
            op: Set(e.op.to_owned()),
            count: Set(e.count),
            leaf: Set(e.leaf),
            leaf_hash: Set(e.leaf_hash),
            fields: Set(Some(e.fields)),
        })
        .peekable();
    while entries.peek().is_some() {
        let chunk: Vec<_> = entries.by_ref().take(1_000).collect();
        log_entry::Entity::insert_many(chunk).exec(db).await?;
    }
    Ok(())
}

/// Entries `[start, end)` of a letter's log.
pub async fn entries(
    db: &impl ConnectionTrait,
    letter_id: i64,
    start: i64,
    end: i64,
) -> Result<Vec<log_entry::Model>> {
    Ok(log_entry::Entity::find()
        .filter(log_entry::Column::LetterId.eq(letter_id))
        .filter(log_entry::Column::Idx.gte(start))
        .filter(log_entry::Column::Idx.lt(end))
        .order_by_asc(log_entry::Column::Idx)
        .all(db)
        .await?)
}

/// The entry whose leaf hashes to `leaf_hash`.
pub async fn entry_by_hash(
    db: &impl ConnectionTrait,
    letter_id: i64,
    leaf_hash: &str,
) -> Result<Option<log_entry::Model>> {
    Ok(log_entry::Entity::find()
        .filter(log_entry::Column::LetterId.eq(letter_id))
        .filter(log_entry::Column::LeafHash.eq(leaf_hash))
        .one(db)
        .await?)
}

/// The `add` entry of a subject (the one a `remove` cancels).
pub async fn last_add_of(
    db: &impl ConnectionTrait,
    letter_id: i64,
    subject: &str,
) -> Result<Option<log_entry::Model>> {
    Ok(log_entry::Entity::find()
        .filter(log_entry::Column::LetterId.eq(letter_id))
        .filter(log_entry::Column::Subject.eq(subject))
        .filter(log_entry::Column::Op.eq("add"))
        .order_by_desc(log_entry::Column::Idx)
        .one(db)
        .await?)
}

pub async fn insert_head(db: &impl ConnectionTrait, head: log_head::Model) -> Result<()> {
    log_head::Entity::insert(log_head::ActiveModel::from(head))
        .on_conflict_do_nothing_on([log_head::Column::LetterId, log_head::Column::TreeSize])
        .exec(db)
        .await?;
    Ok(())
}

pub async fn latest_head(
    db: &impl ConnectionTrait,
    letter_id: i64,
) -> Result<Option<log_head::Model>> {
    Ok(log_head::Entity::find()
        .filter(log_head::Column::LetterId.eq(letter_id))
        .order_by_desc(log_head::Column::TreeSize)
        .one(db)
        .await?)
}

/// The signing key kept in the database, made by `make` on first use.
pub async fn key_or_insert(
    db: &impl ConnectionTrait,
    make: impl FnOnce() -> Result<String>,
) -> Result<String> {
    if let Some(k) = log_key::Entity::find()
        .order_by_asc(log_key::Column::Id)
        .one(db)
        .await?
    {
        return Ok(k.secret);
    }
    log_key::ActiveModel {
        secret: Set(make()?),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    // Two instances starting at once: both read the first one made.
    Ok(log_key::Entity::find()
        .order_by_asc(log_key::Column::Id)
        .one(db)
        .await?
        .ok_or_else(|| Error::Internal("log key vanished".into()))?
        .secret)
}

/// Drops the public-fields objects (and their salts) of a letter's entries:
/// who signed is no longer served; the leaves, and so the tree, stay.
pub async fn drop_fields(db: &impl ConnectionTrait, letter_id: i64) -> Result<u64> {
    let res = log_entry::Entity::update_many()
        .col_expr(
            log_entry::Column::Fields,
            Expr::value(Option::<String>::None),
        )
        .filter(log_entry::Column::LetterId.eq(letter_id))
        .filter(log_entry::Column::Fields.is_not_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// Every letter's log state, with whether events wait for it.
pub async fn states(db: &impl ConnectionTrait) -> Result<Vec<(log_state::Model, bool)>> {
    let waiting: std::collections::HashSet<i64> =
        letters_pending(db, 100_000).await?.into_iter().collect();
    Ok(log_state::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| {
            let w = waiting.contains(&s.letter_id);
            (s, w)
        })
        .collect())
}
