//! The signature log as anyone reads it: the key, a letter's latest signed
//! head, its entries, and inclusion and consistency proofs.

use serde::Serialize;
use serde_json::Value;

use crate::db::entities::letter;
use crate::db::log;
use crate::domain::log_key::LogKey;
use crate::domain::merkle;
use crate::error::{Error, Result};

/// The most entries one request returns.
pub(crate) const MAX_ENTRIES: i64 = 1_000;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct KeyView {
    pub key_id: String,
    pub algorithm: &'static str,
    pub public_key: String,
}

pub(crate) fn key(key: &LogKey) -> KeyView {
    KeyView {
        key_id: key.key_id(),
        algorithm: "ed25519",
        public_key: key.public_key(),
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct HeadView {
    pub letter: String,
    pub tree_size: i64,
    pub root_hash: String,
    pub count: i64,
    pub timestamp: String,
    /// Ed25519 over the canonical JSON of the five fields above, base64.
    pub signature: String,
}

fn head_view(signed: &str, signature: String) -> Result<HeadView> {
    let v: Value =
        serde_json::from_str(signed).map_err(|e| Error::Internal(format!("a stored head: {e}")))?;
    Ok(HeadView {
        letter: v["letter"].as_str().unwrap_or_default().to_owned(),
        tree_size: v["tree_size"].as_i64().unwrap_or_default(),
        root_hash: v["root_hash"].as_str().unwrap_or_default().to_owned(),
        count: v["count"].as_i64().unwrap_or_default(),
        timestamp: v["timestamp"].as_str().unwrap_or_default().to_owned(),
        signature,
    })
}

/// The letter's latest signed head; an empty log's, signed now.
pub(crate) async fn head(
    db: &impl sea_orm::ConnectionTrait,
    key: &LogKey,
    letter: &letter::Model,
) -> Result<HeadView> {
    match log::latest_head(db, letter.id).await? {
        Some(h) => head_view(&h.signed, h.signature),
        None => {
            let empty = crate::domain::log_key::sha256_hex(b"");
            let h = key.sign_head(&letter.slug, 0, &empty, 0);
            head_view(&h.signed, h.signature)
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct EntryView {
    pub leaf: Value,
    pub leaf_hash: String,
    /// The public-fields object the leaf's `fields` hashes; null once anonymised.
    pub fields: Option<Value>,
}

/// Entries `[start, end)`, at most [`MAX_ENTRIES`].
pub(crate) async fn entries(
    db: &impl sea_orm::ConnectionTrait,
    letter: &letter::Model,
    start: i64,
    end: i64,
) -> Result<Vec<EntryView>> {
    if start < 0 || end < start || end - start > MAX_ENTRIES {
        return Err(Error::BadRequest(format!(
            "Ask for entries start ≤ i < end, at most {MAX_ENTRIES} at a time."
        )));
    }
    log::entries(db, letter.id, start, end)
        .await?
        .into_iter()
        .map(|e| {
            let parse = |s: &str| {
                serde_json::from_str::<Value>(s)
                    .map_err(|e| Error::Internal(format!("a stored entry: {e}")))
            };
            Ok(EntryView {
                leaf: parse(&e.leaf)?,
                leaf_hash: e.leaf_hash,
                fields: e.fields.as_deref().map(parse).transpose()?,
            })
        })
        .collect()
}

/// The size of the letter's tree (its latest signed head's).
async fn signed_size(db: &impl sea_orm::ConnectionTrait, letter: &letter::Model) -> Result<u64> {
    Ok(log::latest_head(db, letter.id)
        .await?
        .map_or(0, |h| h.tree_size as u64))
}

async fn hashes_of(
    db: &impl sea_orm::ConnectionTrait,
    letter_id: i64,
    ranges: &[(u64, u64)],
) -> Result<Vec<String>> {
    let known = log::nodes(db, letter_id, &merkle::needed(ranges)).await?;
    ranges
        .iter()
        .map(|&(a, b)| {
            merkle::subtree_hash(a, b, &known)
                .map(|h| crate::domain::log_key::to_hex(&h))
                .ok_or_else(|| {
                    Error::Internal(format!("the log of letter {letter_id} lacks a node"))
                })
        })
        .collect()
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct InclusionView {
    pub index: u64,
    pub tree_size: u64,
    pub audit_path: Vec<String>,
}

/// The audit path of the entry `leaf_hash` in the tree of `tree_size` leaves
/// (at most the latest signed head's).
pub(crate) async fn inclusion(
    db: &impl sea_orm::ConnectionTrait,
    letter: &letter::Model,
    leaf_hash: &str,
    tree_size: u64,
) -> Result<InclusionView> {
    let signed = signed_size(db, letter).await?;
    if tree_size == 0 || tree_size > signed {
        return Err(Error::BadRequest(format!(
            "Ask for a tree size from 1 to {signed}, the latest signed head's."
        )));
    }
    let entry = log::entry_by_hash(db, letter.id, &leaf_hash.to_ascii_lowercase())
        .await?
        .ok_or(Error::NotFound)?;
    let index = entry.idx as u64;
    if index >= tree_size {
        return Err(Error::BadRequest(format!(
            "That entry is number {index}, beyond a tree of {tree_size}."
        )));
    }
    let audit_path = hashes_of(db, letter.id, &merkle::inclusion_ranges(index, tree_size)).await?;
    Ok(InclusionView {
        index,
        tree_size,
        audit_path,
    })
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct ConsistencyView {
    pub first: u64,
    pub second: u64,
    pub proof: Vec<String>,
}

/// That the tree of `first` leaves is a prefix of the tree of `second`.
pub(crate) async fn consistency(
    db: &impl sea_orm::ConnectionTrait,
    letter: &letter::Model,
    first: u64,
    second: u64,
) -> Result<ConsistencyView> {
    let signed = signed_size(db, letter).await?;
    if first == 0 || first > second || second > signed {
        return Err(Error::BadRequest(format!(
            "Ask for 1 ≤ first ≤ second ≤ {signed}, the latest signed head's size."
        )));
    }
    let proof = hashes_of(db, letter.id, &merkle::consistency_ranges(first, second)).await?;
    Ok(ConsistencyView {
        first,
        second,
        proof,
    })
}
