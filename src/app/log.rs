//! The signature log's sequencer: it appends the events the triggers
//! recorded (a signature entering or leaving the count, a paper batch
//! recorded or removed) to each letter's Merkle log, a batch per transaction,
//! and signs a new tree head when a log has grown. Signing and confirming
//! only insert an event row in their own transaction; nothing they do waits
//! for the log.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;

use chrono::SecondsFormat;
use sea_orm::DatabaseConnection;
use serde::Serialize;

use crate::db::entities::{log_head, log_pending};
use crate::db::{letters, log};
use crate::domain::log_key::{canonical, random_hex, sha256_hex, LogKey};
use crate::domain::merkle;
use crate::error::{Error, Result};

/// Events appended per transaction.
const BATCH: u64 = 5_000;

/// What a signature shows on the public list, with a salt, so that its hash
/// in the log cannot be matched against guessed names.
#[derive(Debug, Serialize)]
pub(crate) struct PublicFields {
    pub name: Option<String>,
    pub anonymous: bool,
    pub title: Option<String>,
    pub affiliation: Option<String>,
    pub group: Option<String>,
    pub verified_domain: Option<String>,
    pub paper: bool,
    pub salt: String,
}

/// One leaf of the log, as RFC 8785 serialises it.
#[derive(Debug, Serialize)]
struct Leaf<'a> {
    letter: &'a str,
    index: u64,
    op: &'a str,
    signature: &'a str,
    at: String,
    fields: String,
    receipt: Option<String>,
    reason: Option<String>,
    count: i64,
}

fn rng(e: getrandom::Error) -> Error {
    Error::Internal(format!("OS RNG: {e}"))
}

/// The key heads are signed with: the settings' `log_signing_key`, else the
/// one kept in the database (made on first start).
pub async fn load_key(db: &DatabaseConnection, configured: Option<&str>) -> Result<LogKey> {
    let seed = match configured.filter(|k| !k.trim().is_empty()) {
        Some(seed) => seed.to_owned(),
        None => log::key_or_insert(db, || LogKey::generate_seed().map_err(rng)).await?,
    };
    LogKey::from_base64(&seed).map_err(Error::Internal)
}

/// Appends up to [`BATCH`] of a letter's waiting events. How many.
async fn append_batch(db: &DatabaseConnection, letter_id: i64) -> Result<usize> {
    let txn = crate::db::begin(db).await?;
    let state = log::lock_state(&txn, letter_id).await?;
    let pending = log::pending(&txn, letter_id, BATCH).await?;
    if pending.is_empty() {
        txn.commit().await?;
        return Ok(0);
    }
    let Some(letter) = letters::find(&txn, letter_id).await? else {
        log::delete_pending(&txn, pending.iter().map(|p| p.id).collect()).await?;
        txn.commit().await?;
        return Ok(0);
    };
    let groups: HashMap<i64, String> = letters::groups(&txn, letter_id)
        .await?
        .into_iter()
        .map(|g| (g.id, g.slug))
        .collect();
    let mut sigs = log::signatures(
        &txn,
        pending.iter().filter_map(|p| p.signature_id).collect(),
    )
    .await?;
    let mut papers = log::paper_batches(
        &txn,
        pending.iter().filter_map(|p| p.paper_batch_id).collect(),
    )
    .await?;
    let size = state.tree_size as u64;
    let mut edge = Vec::new();
    if size > 0 {
        merkle::decompose(0, size, &mut edge);
    }
    let mut known = log::nodes(&txn, letter_id, &edge).await?;
    let mut count = state.count;
    let mut entries = Vec::with_capacity(pending.len());
    let mut leaves = Vec::with_capacity(pending.len());
    for p in &pending {
        let Some((subject, fields, receipt, n)) =
            subject_of(&txn, p, &mut sigs, &mut papers, &groups).await?
        else {
            continue;
        };
        let fields_json = canonical(&fields).map_err(Error::Internal)?;
        let index = size + leaves.len() as u64;
        let add = p.op == "add";
        let leaf = Leaf {
            letter: &letter.slug,
            index,
            op: if add { "add" } else { "remove" },
            signature: &subject,
            at: p.created_at.to_rfc3339_opts(SecondsFormat::Millis, true),
            fields: sha256_hex(fields_json.as_bytes()),
            receipt: if add { receipt } else { None },
            reason: if add { None } else { p.reason.clone() },
            count: n,
        };
        let leaf_json = canonical(&leaf).map_err(Error::Internal)?;
        let hash = merkle::leaf_hash(leaf_json.as_bytes());
        count += if add { n } else { -n };
        entries.push(log::NewEntry {
            idx: index as i64,
            subject: subject.clone(),
            op: if add { "add" } else { "remove" },
            count: n,
            leaf_hash: crate::domain::log_key::to_hex(&hash),
            leaf: leaf_json,
            fields: fields_json,
        });
        leaves.push(hash);
    }
    let made = merkle::append(size, &leaves, &mut known)
        .ok_or_else(|| Error::Internal(format!("the log of letter {letter_id} lacks a node")))?;
    log::insert_entries(&txn, letter_id, entries).await?;
    log::insert_nodes(&txn, letter_id, &made).await?;
    log::delete_pending(&txn, pending.iter().map(|p| p.id).collect()).await?;
    log::set_state(&txn, letter_id, (size + leaves.len() as u64) as i64, count).await?;
    txn.commit().await?;
    Ok(pending.len())
}

/// Who an event is about: their public id (made on first use), their public
/// fields, their receipt's hash, and how many it counts for. `None` for a row
/// that no longer exists.
async fn subject_of(
    db: &impl sea_orm::ConnectionTrait,
    p: &log_pending::Model,
    sigs: &mut HashMap<i64, crate::db::entities::signature::Model>,
    papers: &mut HashMap<i64, crate::db::entities::paper_batch::Model>,
    groups: &HashMap<i64, String>,
) -> Result<Option<(String, PublicFields, Option<String>, i64)>> {
    let salt = random_hex(16).map_err(rng)?;
    if let Some(s) = p.signature_id.and_then(|id| sigs.get_mut(&id)) {
        // Made once, and kept in the batch's copy too: a signature added and
        // removed in one batch is named the same both times.
        let public_id = match &s.public_id {
            Some(id) => id.clone(),
            None => {
                let id = random_hex(16).map_err(rng)?;
                log::set_signature_public_id(db, s.id, &id).await?;
                s.public_id = Some(id.clone());
                id
            }
        };
        let fields = PublicFields {
            name: (!s.anonymous).then(|| s.name.clone()),
            anonymous: s.anonymous,
            title: s.title.clone(),
            affiliation: s.affiliation.clone(),
            group: s.group_id.and_then(|g| groups.get(&g).cloned()),
            verified_domain: s.verified_domain.clone(),
            paper: false,
            salt,
        };
        return Ok(Some((public_id, fields, s.receipt_hash.clone(), 1)));
    }
    if let Some(b) = p.paper_batch_id.and_then(|id| papers.get_mut(&id)) {
        let public_id = match &b.public_id {
            Some(id) => id.clone(),
            None => {
                let id = random_hex(16).map_err(rng)?;
                log::set_paper_public_id(db, b.id, &id).await?;
                b.public_id = Some(id.clone());
                id
            }
        };
        let fields = PublicFields {
            name: None,
            anonymous: false,
            title: None,
            affiliation: None,
            group: b.group_id.and_then(|g| groups.get(&g).cloned()),
            verified_domain: None,
            paper: true,
            salt,
        };
        return Ok(Some((public_id, fields, None, b.count)));
    }
    Ok(None)
}

/// Signs a head for the letter's log as it stands, if it grew since the last.
async fn sign_head(db: &DatabaseConnection, key: &LogKey, letter_id: i64) -> Result<()> {
    let Some(state) = log::state(db, letter_id).await? else {
        return Ok(());
    };
    let latest = log::latest_head(db, letter_id).await?;
    if latest.is_some_and(|h| h.tree_size == state.tree_size) {
        return Ok(());
    }
    let Some(letter) = letters::find(db, letter_id).await? else {
        return Ok(());
    };
    let root = root_hash(db, letter_id, state.tree_size as u64).await?;
    let head = key.sign_head(&letter.slug, state.tree_size, &root, state.count);
    log::insert_head(
        db,
        log_head::Model {
            letter_id,
            tree_size: state.tree_size,
            root_hash: root,
            count: state.count,
            timestamp: head.timestamp,
            signed: head.signed,
            signature: head.signature,
        },
    )
    .await
}

/// MTH of the first `size` leaves, hex (of the empty string for none).
pub(crate) async fn root_hash(
    db: &impl sea_orm::ConnectionTrait,
    letter_id: i64,
    size: u64,
) -> Result<String> {
    if size == 0 {
        return Ok(sha256_hex(b""));
    }
    let mut keys = Vec::new();
    merkle::decompose(0, size, &mut keys);
    let known = log::nodes(db, letter_id, &keys).await?;
    merkle::subtree_hash(0, size, &known)
        .map(|h| crate::domain::log_key::to_hex(&h))
        .ok_or_else(|| Error::Internal(format!("the log of letter {letter_id} lacks a node")))
}

/// One pass: every letter with events waiting gets them appended and a new head.
pub async fn run(db: &DatabaseConnection, key: &LogKey) -> Result<usize> {
    let mut appended = 0;
    for letter_id in log::letters_pending(db, 1_000).await? {
        loop {
            let n = append_batch(db, letter_id).await?;
            appended += n;
            if (n as u64) < BATCH {
                break;
            }
        }
        sign_head(db, key, letter_id).await?;
    }
    Ok(appended)
}

/// Runs a pass every `interval` until `shutdown` resolves.
pub async fn run_periodically(
    db: DatabaseConnection,
    key: Arc<LogKey>,
    interval: std::time::Duration,
    shutdown: impl Future<Output = ()>,
) {
    super::periodic::every(interval, true, shutdown, || async {
        if let Err(e) = run(&db, &key).await {
            tracing::warn!(error = ?e, "signature log pass failed");
        }
    })
    .await
}

/// A letter whose shown count differs from what its log counts, with
/// nothing waiting to be appended: a change made behind the service's back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    pub letter_id: i64,
    pub shown: u64,
    pub logged: i64,
}

/// The letters whose count and log disagree (the periodic recount logs them).
pub async fn disagreements(db: &DatabaseConnection) -> Result<Vec<Disagreement>> {
    let mut out = Vec::new();
    for (state, waiting) in log::states(db).await? {
        if waiting {
            continue;
        }
        let shown = crate::db::counts::letter(db, state.letter_id)
            .await?
            .total();
        if shown as i64 != state.count {
            out.push(Disagreement {
                letter_id: state.letter_id,
                shown,
                logged: state.count,
            });
        }
    }
    Ok(out)
}
