//! Signing at the rate a viral letter needs. Each accepted signature costs a
//! few inserts and a commit; done one transaction per request, the commit (and
//! its flush to disk) bounds the rate. Here requests queue, and writers take
//! whatever is waiting (up to [`MAX_BATCH`]) into one transaction: multi-row
//! inserts of the signatures (`ON CONFLICT DO NOTHING`), their tokens and their
//! outbox rows, one commit, and only then is each signer answered. Under light
//! load a batch is one signature and nothing waits; under heavy load batches
//! grow and the cost per signature falls.
//!
//! Anything unusual in a batch (an address that has signed before, two
//! submissions of one address, a failed batch) is redone on its own through the
//! ordinary one-signature path, so the answers and emails are exactly those of
//! that path. A full queue, or a request that waited too long, is answered 503
//! at once with nothing written, rather than left to time out.
//!
//! Confirmations are not batched: a confirmation moves the signature into the
//! count, and the count's trigger updates shard rows; a transaction holding many
//! of them blocks (and deadlocks with) the next batch. Measured: batched
//! confirmations fell from 725/s to 14/s. Signing touches no shard row.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use sea_orm::{EntityTrait, Set, TransactionTrait};
use tokio::sync::{mpsc, oneshot, Mutex};

use crate::db::entities::signature;
use crate::db::entities::{letter, outbox, token};
use crate::error::{Error, Result};
use crate::signing::{self, Group, NewSignature};
use crate::state::AppState;

/// Signatures written in one transaction at most.
pub const MAX_BATCH: usize = 256;
/// Requests waiting at most (about a second of work); beyond this, new ones
/// are refused with 503 at once.
const QUEUE: usize = 1024;
/// How long a request may wait for a writer before it is refused.
const MAX_WAIT: Duration = Duration::from_secs(1);

const BUSY: &str = "Too many signatures are arriving at once; please try again in a moment.";

struct Job {
    letter: letter::Model,
    group_id: Option<i64>,
    new: NewSignature,
    queued: Instant,
    reply: oneshot::Sender<Result<()>>,
}

/// The queue; cheap to clone. Writers start with [`SignQueue::start_writers`].
#[derive(Clone)]
pub struct SignQueue {
    tx: mpsc::Sender<Job>,
    rx: Arc<Mutex<mpsc::Receiver<Job>>>,
}

impl Default for SignQueue {
    fn default() -> Self {
        SignQueue::new()
    }
}

impl SignQueue {
    pub fn new() -> SignQueue {
        let (tx, rx) = mpsc::channel(QUEUE);
        SignQueue {
            tx,
            rx: Arc::new(Mutex::new(rx)),
        }
    }

    /// Writes a new signature (or takes the already-signed path) and returns
    /// once it is committed.
    pub async fn submit(
        &self,
        letter: letter::Model,
        group_id: Option<i64>,
        new: NewSignature,
    ) -> Result<()> {
        let (reply, answer) = oneshot::channel();
        let job = Job {
            letter,
            group_id,
            new,
            queued: Instant::now(),
            reply,
        };
        self.tx
            .try_send(job)
            .map_err(|_| Error::Unavailable(BUSY.into()))?;
        answer
            .await
            .map_err(|_| Error::Unavailable("the signature writer stopped".into()))?
    }

    /// Starts `n` writers that run until the process ends.
    pub fn start_writers(&self, app: &AppState, n: usize) {
        for _ in 0..n.max(1) {
            let (app, rx) = (app.clone(), self.rx.clone());
            tokio::spawn(async move {
                loop {
                    let Some(jobs) = next_batch(&rx).await else {
                        return;
                    };
                    write(&app, jobs).await;
                }
            });
        }
    }
}

/// Waits for one job, then takes whatever else is already waiting.
async fn next_batch(rx: &Mutex<mpsc::Receiver<Job>>) -> Option<Vec<Job>> {
    let mut rx = rx.lock().await;
    let first = rx.recv().await?;
    let mut jobs = vec![first];
    while jobs.len() < MAX_BATCH {
        match rx.try_recv() {
            Ok(job) => jobs.push(job),
            Err(_) => break,
        }
    }
    Some(jobs)
}

async fn write(app: &AppState, jobs: Vec<Job>) {
    let (fresh, stale): (Vec<Job>, Vec<Job>) = jobs
        .into_iter()
        .partition(|j| j.queued.elapsed() < MAX_WAIT);
    for job in stale {
        let _ = job.reply.send(Err(Error::Unavailable(BUSY.into())));
    }
    if fresh.is_empty() {
        return;
    }
    let inserted = match insert_new(app, &fresh).await {
        Ok(inserted) => inserted,
        Err(e) => {
            tracing::warn!(error = ?e, size = fresh.len(), "a signature batch failed; writing its signatures one by one");
            vec![false; fresh.len()]
        }
    };
    for (job, done) in fresh.into_iter().zip(inserted) {
        let result = if done {
            Ok(())
        } else {
            let group = job.group_id.map_or(Group::None, Group::Existing);
            signing::sign_direct(app, &job.letter, group, &job.new).await
        };
        let _ = job.reply.send(result);
    }
}

/// Inserts every job whose address has not signed its letter yet, with its
/// tokens and its email, in one transaction. Returns which jobs were written.
async fn insert_new(app: &AppState, jobs: &[Job]) -> Result<Vec<bool>> {
    let now = Utc::now();
    let rows = jobs.iter().map(|j| signature::ActiveModel {
        letter_id: Set(j.letter.id),
        group_id: Set(j.group_id),
        created_at: Set(now),
        ..signing::fresh_signature(&j.new)
    });
    let txn = app.db.begin().await?;
    let written = match signature::Entity::insert_many(rows)
        .on_conflict_do_nothing_on([
            signature::Column::LetterId,
            signature::Column::EmailNormalized,
        ])
        .exec_with_returning_many(&txn)
        .await?
    {
        sea_orm::TryInsertResult::Inserted(rows) => rows,
        sea_orm::TryInsertResult::Empty | sea_orm::TryInsertResult::Conflicted => Vec::new(),
    };
    let mut by_address: HashMap<(i64, String), signature::Model> = written
        .into_iter()
        .map(|s| ((s.letter_id, s.email_normalized.clone()), s))
        .collect();
    let mut done = Vec::with_capacity(jobs.len());
    let mut token_rows: Vec<token::ActiveModel> = Vec::new();
    let mut outbox_rows: Vec<outbox::ActiveModel> = Vec::new();
    for job in jobs {
        // The first job of an address gets its row; a second one in the same
        // batch goes the one-by-one way and is told it has already signed.
        let key = (job.letter.id, job.new.email.normalized().to_owned());
        match by_address.remove(&key) {
            Some(sig) => {
                let (mail, tokens) = signing::confirmation_parts(app, &job.letter, &sig)?;
                token_rows.extend(tokens);
                outbox_rows.push(crate::mail::outbox::row(job.new.email.as_str(), mail));
                done.push(true);
            }
            None => done.push(false),
        }
    }
    if !token_rows.is_empty() {
        token::Entity::insert_many(token_rows).exec(&txn).await?;
        outbox::Entity::insert_many(outbox_rows).exec(&txn).await?;
    }
    txn.commit().await?;
    Ok(done)
}
