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
//! Confirmations are batched too: on PostgreSQL one statement moves every
//! waiting signature that is still unconfirmed and uses up its token, and the
//! count's statement trigger adds the batch to one shard row per letter and
//! group. (A first version moved them one row at a time under a row trigger:
//! each row locked a random shard, batches deadlocked each other, and confirm
//! fell from 725/s to 14/s; migration 8 replaced the row trigger.) SQLite has
//! one writer, which takes a batch one row after the other (`db::signatures::confirm_many`).

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::{mpsc, oneshot, Mutex};

use super::input::NewSignature;
use super::mails;
use super::single::{self, Group};
use crate::db::entities::letter;
use crate::db::signatures::{self, Confirmation};
use crate::db::tokens;
use crate::error::{Error, Result};
use crate::mail::outbox;
use crate::state::AppState;

/// Signatures written in one transaction at most.
pub(super) const MAX_BATCH: usize = 256;
/// Requests waiting at most (about a second of work); beyond this, new ones
/// are refused with 503 at once.
const QUEUE: usize = 1024;
/// How long a request may wait for a writer before it is refused.
const MAX_WAIT: Duration = Duration::from_secs(1);

const BUSY: &str = "Too many people are signing at once; please try again in a moment.";

struct Job {
    letter: letter::Model,
    group_id: Option<i64>,
    new: NewSignature,
    queued: Instant,
    reply: oneshot::Sender<Result<()>>,
}

struct ConfirmJob {
    confirmation: Confirmation,
    queued: Instant,
    reply: oneshot::Sender<Result<()>>,
}

/// Jobs waiting for a writer; writers take whatever waits, up to [`MAX_BATCH`].
struct Queue<J> {
    tx: mpsc::Sender<J>,
    rx: Arc<Mutex<mpsc::Receiver<J>>>,
}

impl<J> Clone for Queue<J> {
    fn clone(&self) -> Self {
        Queue {
            tx: self.tx.clone(),
            rx: self.rx.clone(),
        }
    }
}

impl<J: Send + 'static> Queue<J> {
    fn new() -> Queue<J> {
        let (tx, rx) = mpsc::channel(QUEUE);
        Queue {
            tx,
            rx: Arc::new(Mutex::new(rx)),
        }
    }

    /// Queues a job and waits for its answer; refuses at once when the queue is full.
    async fn run(&self, job: J, answer: oneshot::Receiver<Result<()>>) -> Result<()> {
        self.tx.try_send(job).map_err(|_| Error::Busy(BUSY))?;
        answer
            .await
            .map_err(|_| Error::Unavailable("the writer stopped".into()))?
    }

    /// Starts `n` writers that run until the process ends.
    fn start<F, Fut>(&self, n: usize, write: F)
    where
        F: Fn(Vec<J>) -> Fut + Clone + Send + 'static,
        Fut: std::future::Future<Output = ()> + Send,
    {
        for _ in 0..n.max(1) {
            let (rx, write) = (self.rx.clone(), write.clone());
            tokio::spawn(async move {
                while let Some(jobs) = next_batch(&rx).await {
                    write(jobs).await;
                }
            });
        }
    }
}

/// Requests of one kind in hand, from the moment the handler starts until it
/// answers. Beyond [`QUEUE`] a request is refused at once, before it looks
/// anything up: under a flood the database serves the writers, not thousands
/// of lookups for requests that would time out anyway.
#[derive(Clone, Default)]
struct InHand(Arc<AtomicUsize>);

/// A place among the requests in hand; given back when dropped.
pub(crate) struct Admitted(Arc<AtomicUsize>);

impl Drop for Admitted {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl InHand {
    fn admit(&self) -> Result<Admitted> {
        if self.0.fetch_add(1, Ordering::AcqRel) >= QUEUE {
            self.0.fetch_sub(1, Ordering::AcqRel);
            return Err(Error::Busy(BUSY));
        }
        Ok(Admitted(self.0.clone()))
    }
}

/// The queues; cheap to clone. Writers start with [`SignQueue::start_writers`].
#[derive(Clone)]
pub(crate) struct SignQueue {
    signatures: Queue<Job>,
    confirmations: Queue<ConfirmJob>,
    signing: InHand,
    confirming: InHand,
}

impl Default for SignQueue {
    fn default() -> Self {
        SignQueue::new()
    }
}

impl SignQueue {
    pub(crate) fn new() -> SignQueue {
        SignQueue {
            signatures: Queue::new(),
            confirmations: Queue::new(),
            signing: InHand::default(),
            confirming: InHand::default(),
        }
    }

    /// Admits a signing request, or refuses it (503) when too many are in hand.
    pub(crate) fn admit_signing(&self) -> Result<Admitted> {
        self.signing.admit()
    }

    /// Admits a confirmation, or refuses it (503) when too many are in hand.
    pub(crate) fn admit_confirming(&self) -> Result<Admitted> {
        self.confirming.admit()
    }

    /// Writes a new signature (or takes the already-signed path) and returns
    /// once it is committed.
    pub(crate) async fn submit(
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
        self.signatures.run(job, answer).await
    }

    /// Writes a confirmation and returns once it is committed; `Gone` if the
    /// signature is no longer unconfirmed (another press of the link won).
    pub(crate) async fn confirm(&self, confirmation: Confirmation) -> Result<()> {
        let (reply, answer) = oneshot::channel();
        let job = ConfirmJob {
            confirmation,
            queued: Instant::now(),
            reply,
        };
        self.confirmations.run(job, answer).await
    }

    /// Starts `n` writers of signatures and `n` of confirmations.
    pub(crate) fn start_writers(&self, app: &AppState, n: usize) {
        let a = app.clone();
        self.signatures.start(n, move |jobs| {
            let app = a.clone();
            async move { write(&app, jobs).await }
        });
        let a = app.clone();
        self.confirmations.start(n, move |jobs| {
            let app = a.clone();
            async move { write_confirmations(&app, jobs).await }
        });
    }
}

/// Waits for one job, then takes whatever else is already waiting.
async fn next_batch<J>(rx: &Mutex<mpsc::Receiver<J>>) -> Option<Vec<J>> {
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

/// Writes a batch of confirmations in one statement. A signature moves only if
/// it is still unconfirmed; the others (and a second press of the same link in
/// the batch) are told the link is spent.
async fn write_confirmations(app: &AppState, jobs: Vec<ConfirmJob>) {
    let mut seen = HashSet::new();
    let mut batch = Vec::with_capacity(jobs.len());
    for job in jobs {
        if job.queued.elapsed() >= MAX_WAIT {
            let _ = job.reply.send(Err(Error::Busy(BUSY)));
        } else if !seen.insert(job.confirmation.signature_id) {
            let _ = job.reply.send(Err(Error::LinkNotValid));
        } else {
            batch.push(job);
        }
    }
    if batch.is_empty() {
        return;
    }
    let confirmations: Vec<&Confirmation> = batch.iter().map(|j| &j.confirmation).collect();
    match signatures::confirm_many(&app.db, &confirmations).await {
        Ok(moved) => {
            for job in batch {
                let _ = job
                    .reply
                    .send(if moved.contains(&job.confirmation.signature_id) {
                        Ok(())
                    } else {
                        Err(Error::LinkNotValid)
                    });
            }
        }
        Err(e) => {
            tracing::warn!(error = ?e, size = batch.len(), "a confirmation batch failed");
            for job in batch {
                let _ = job.reply.send(Err(Error::Unavailable(
                    "Could not confirm just now; please press the button again.".into(),
                )));
            }
        }
    }
}

async fn write(app: &AppState, jobs: Vec<Job>) {
    let (fresh, stale): (Vec<Job>, Vec<Job>) = jobs
        .into_iter()
        .partition(|j| j.queued.elapsed() < MAX_WAIT);
    for job in stale {
        let _ = job.reply.send(Err(Error::Busy(BUSY)));
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
            single::sign(app, &job.letter, group, &job.new).await
        };
        let _ = job.reply.send(result);
    }
}

/// Inserts every job whose address has not signed its letter yet, with its
/// tokens and its email, in one transaction. Returns which jobs were written.
async fn insert_new(app: &AppState, jobs: &[Job]) -> Result<Vec<bool>> {
    let rows: Vec<_> = jobs
        .iter()
        .map(|j| (j.letter.id, j.group_id, j.new.signer()))
        .collect();
    let txn = crate::db::begin(&app.db).await?;
    let written = signatures::insert_many(&txn, &rows).await?;
    let mut by_address: HashMap<(i64, String), _> = written
        .into_iter()
        .map(|s| ((s.letter_id, s.email_normalized.clone()), s))
        .collect();
    let mut done = Vec::with_capacity(jobs.len());
    let mut token_rows = Vec::new();
    let mut messages = Vec::new();
    for job in jobs {
        // The first job of an address gets its row; a second one in the same
        // batch goes the one-by-one way and is told it has already signed.
        let key = (job.letter.id, job.new.identity().to_owned());
        match by_address.remove(&key) {
            Some(sig) => {
                let (mail, tokens) = mails::confirmation(app, &job.letter, &sig)?;
                token_rows.extend(tokens);
                messages.push(outbox::queued(job.new.email.as_str(), mail));
                done.push(true);
            }
            None => done.push(false),
        }
    }
    tokens::insert_many(&txn, token_rows).await?;
    crate::db::outbox::insert_many(&txn, messages).await?;
    txn.commit().await?;
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_beyond_the_limit_are_refused_until_one_in_hand_answers() {
        let in_hand = InHand::default();
        let mut held: Vec<Admitted> = (0..QUEUE).map(|_| in_hand.admit().unwrap()).collect();
        let refused = in_hand.admit().err().expect("one too many is refused");
        assert_eq!(refused.status(), rocket::http::Status::ServiceUnavailable);
        assert_eq!(refused.retry_after(), Some(1));
        assert_eq!(
            in_hand.0.load(Ordering::Acquire),
            QUEUE,
            "a refusal holds no place"
        );
        held.pop();
        let again = in_hand.admit();
        assert!(again.is_ok(), "a place given back is taken again");
        assert!(in_hand.admit().is_err(), "and then it is full again");
    }
}
