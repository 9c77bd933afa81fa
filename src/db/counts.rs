//! The numbers the public sees, read from the shard rows a trigger keeps (no
//! `COUNT(*)` over a letter's signatures), and the recount that checks them.

use std::collections::HashMap;

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IsolationLevel, QueryFilter, QuerySelect, Set, TransactionTrait,
};

use super::entities::signature::{self, SignatureStatus};
use super::entities::signature_count::{self, WHOLE_LETTER};
use crate::error::Result;

/// Confirmed signatures and how many of them are verified, and the
/// signatures collected on paper (never verified), counted apart.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Signed online and confirmed.
    pub confirmed: u64,
    pub verified: u64,
    pub paper: u64,
}

impl Tally {
    /// Everything that counts: online and on paper.
    pub fn total(&self) -> u64 {
        self.confirmed + self.paper
    }

    fn add(&mut self, verified: bool, n: i64) {
        let n = n.max(0) as u64;
        self.confirmed += n;
        if verified {
            self.verified += n;
        }
    }
}

/// (letter, group key, verified) → sum over the shards.
async fn sums(
    db: &impl ConnectionTrait,
    letter_ids: &[i64],
    whole_letter: bool,
) -> Result<Vec<(i64, i64, bool, i64)>> {
    if letter_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = signature_count::Entity::find()
        .select_only()
        .column(signature_count::Column::LetterId)
        .column(signature_count::Column::GroupKey)
        .column(signature_count::Column::Verified)
        .column_as(Expr::cust("CAST(SUM(n) AS BIGINT)"), "n")
        .filter(signature_count::Column::LetterId.is_in(letter_ids.iter().copied()));
    q = if whole_letter {
        q.filter(signature_count::Column::GroupKey.eq(WHOLE_LETTER))
    } else {
        q.filter(signature_count::Column::GroupKey.ne(WHOLE_LETTER))
    };
    Ok(q.group_by(signature_count::Column::LetterId)
        .group_by(signature_count::Column::GroupKey)
        .group_by(signature_count::Column::Verified)
        .into_tuple()
        .all(db)
        .await?)
}

/// The tallies of several letters at once.
pub async fn letters(db: &impl ConnectionTrait, letter_ids: &[i64]) -> Result<HashMap<i64, Tally>> {
    let mut out: HashMap<i64, Tally> = HashMap::new();
    for (letter_id, _, verified, n) in sums(db, letter_ids, true).await? {
        out.entry(letter_id).or_default().add(verified, n);
    }
    for ((letter_id, _), n) in super::paper::sums(db, letter_ids).await? {
        out.entry(letter_id).or_default().paper += n;
    }
    Ok(out)
}

/// One letter's tally.
pub async fn letter(db: &impl ConnectionTrait, letter_id: i64) -> Result<Tally> {
    Ok(letters(db, &[letter_id])
        .await?
        .remove(&letter_id)
        .unwrap_or_default())
}

/// The tallies of a letter's groups, by group id.
pub async fn groups(db: &impl ConnectionTrait, letter_id: i64) -> Result<HashMap<i64, Tally>> {
    let mut out: HashMap<i64, Tally> = HashMap::new();
    for (_, group_id, verified, n) in sums(db, &[letter_id], false).await? {
        out.entry(group_id).or_default().add(verified, n);
    }
    for ((_, group_id), n) in super::paper::sums(db, &[letter_id]).await? {
        if let Some(g) = group_id {
            out.entry(g).or_default().paper += n;
        }
    }
    Ok(out)
}

/// A count that disagreed with the signatures, and by how much it was corrected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drift {
    pub letter_id: i64,
    pub group_key: i64,
    pub verified: bool,
    /// Exact minus kept.
    pub delta: i64,
}

/// Counts every letter's confirmed signatures from scratch and compares them
/// with the shards, in one snapshot (the trigger writes the shards in the
/// signature's own transaction, so a consistent snapshot must agree exactly).
/// Any difference is reported and corrected in the same transaction; should a
/// concurrent change make that transaction fail, the next recount tries again.
pub async fn recount(db: &DatabaseConnection) -> Result<Vec<Drift>> {
    // One snapshot for the exact counts and the kept ones. SQLite's is its
    // write lock, taken at once: a transaction that read first and wrote
    // after fails with "database is locked" if another connection (the
    // signature log, the mail worker) wrote in between.
    let txn = if db.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
        super::begin(db).await?
    } else {
        db.begin_with_config(Some(IsolationLevel::RepeatableRead), None)
            .await?
    };
    let exact: Vec<(i64, Option<i64>, bool, i64)> = signature::Entity::find()
        .select_only()
        .column(signature::Column::LetterId)
        .column(signature::Column::GroupId)
        .column(signature::Column::VerifiedAffiliation)
        .column_as(Expr::cust("COUNT(*)"), "n")
        .filter(signature::Column::Status.eq(SignatureStatus::Confirmed))
        .group_by(signature::Column::LetterId)
        .group_by(signature::Column::GroupId)
        .group_by(signature::Column::VerifiedAffiliation)
        .into_tuple()
        .all(&txn)
        .await?;
    let mut want: HashMap<(i64, i64, bool), i64> = HashMap::new();
    for (letter_id, group_id, verified, n) in exact {
        *want.entry((letter_id, WHOLE_LETTER, verified)).or_default() += n;
        if let Some(g) = group_id {
            *want.entry((letter_id, g, verified)).or_default() += n;
        }
    }
    let kept: Vec<(i64, i64, bool, i64)> = signature_count::Entity::find()
        .select_only()
        .column(signature_count::Column::LetterId)
        .column(signature_count::Column::GroupKey)
        .column(signature_count::Column::Verified)
        .column_as(Expr::cust("CAST(SUM(n) AS BIGINT)"), "n")
        .group_by(signature_count::Column::LetterId)
        .group_by(signature_count::Column::GroupKey)
        .group_by(signature_count::Column::Verified)
        .into_tuple()
        .all(&txn)
        .await?;
    let mut have: HashMap<(i64, i64, bool), i64> = HashMap::new();
    for (l, g, v, n) in kept {
        have.insert((l, g, v), n);
    }
    let mut drifts = Vec::new();
    let keys: std::collections::HashSet<(i64, i64, bool)> =
        want.keys().chain(have.keys()).copied().collect();
    for key in keys {
        let delta = want.get(&key).copied().unwrap_or(0) - have.get(&key).copied().unwrap_or(0);
        if delta != 0 {
            drifts.push(Drift {
                letter_id: key.0,
                group_key: key.1,
                verified: key.2,
                delta,
            });
        }
    }
    for d in &drifts {
        correct(&txn, d).await?;
    }
    txn.commit().await?;
    Ok(drifts)
}

/// Adds a correction to shard 0 of a count.
async fn correct(db: &impl ConnectionTrait, d: &Drift) -> Result<()> {
    let shard0 = signature_count::Entity::find_by_id((d.letter_id, d.group_key, d.verified, 0))
        .one(db)
        .await?;
    match shard0 {
        Some(row) => {
            signature_count::ActiveModel {
                n: Set(row.n + d.delta),
                ..row.into()
            }
            .update(db)
            .await?;
        }
        None => {
            signature_count::ActiveModel {
                letter_id: Set(d.letter_id),
                group_key: Set(d.group_key),
                verified: Set(d.verified),
                shard: Set(0),
                n: Set(d.delta),
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}
