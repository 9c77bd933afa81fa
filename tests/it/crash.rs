//! Crashes: the release binary is killed with SIGKILL in the middle of a
//! signing load, several times, and restarted. Every signature answered 202
//! is stored with its confirmation mail, which arrives once (or, if the
//! instance died between handing it to the server and recording that, again
//! with the same `Message-ID`); nothing answered with an error is half-stored.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use sea_orm::{ConnectionTrait, Statement};

use crate::support::*;

/// Concurrent signers.
const CLIENTS: usize = 24;
/// Kills, each at a random moment of a random stretch of load.
const KILLS: usize = 3;

/// What became of one signing request.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Accepted,
    /// An answer other than 202 (the service said no, or was not ready).
    Refused(u16),
    /// No answer: refused connection, reset, or cut off by the kill.
    NoAnswer,
}

/// A random duration in `[from, to)` milliseconds (the test needs no RNG crate).
fn random_ms(from: u64, to: u64) -> Duration {
    let r = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    Duration::from_millis(from + r % (to - from))
}

fn secret_key() -> String {
    use base64::Engine;
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).unwrap();
    base64::engine::general_purpose::STANDARD.encode(key)
}

fn crash_options(shared: Option<(String, MailSink)>) -> Options {
    Options {
        process: true,
        binary: Some(release_binary()),
        shared,
        settings: vec![
            // Mail a dead instance had claimed is taken up again after 2 s.
            ("mail_lease_secs", "2".into()),
            ("rate_limits", "false".into()),
            // The release profile insists on a key of its own, as in production.
            ("secret_key", secret_key()),
        ],
        ..Options::default()
    }
}

/// The signers: each signs with a fresh address, again and again, against
/// whichever instance is up, until told to stop.
struct Load {
    base: Arc<RwLock<String>>,
    stop: Arc<AtomicBool>,
    in_flight: Arc<AtomicUsize>,
    results: Arc<Mutex<Vec<(String, Outcome)>>>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Load {
    fn start(base: &str) -> Load {
        let base = Arc::new(RwLock::new(base.to_owned()));
        let stop = Arc::new(AtomicBool::new(false));
        let in_flight = Arc::new(AtomicUsize::new(0));
        let results = Arc::new(Mutex::new(Vec::new()));
        let next = Arc::new(AtomicUsize::new(0));
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        let tasks = (0..CLIENTS)
            .map(|_| {
                let (base, stop, in_flight, results, next, http) = (
                    base.clone(),
                    stop.clone(),
                    in_flight.clone(),
                    results.clone(),
                    next.clone(),
                    http.clone(),
                );
                tokio::spawn(async move {
                    while !stop.load(Ordering::SeqCst) {
                        let n = next.fetch_add(1, Ordering::SeqCst);
                        let email = format!("crash{n}@example.org");
                        let url =
                            format!("{}/api/v1/letters/crash/signatures", base.read().unwrap());
                        in_flight.fetch_add(1, Ordering::SeqCst);
                        let res = http
                            .post(url)
                            .json(
                                &serde_json::json!({"name": format!("Signer {n}"), "email": email}),
                            )
                            .send()
                            .await;
                        in_flight.fetch_sub(1, Ordering::SeqCst);
                        let outcome = match res {
                            Ok(r) if r.status() == 202 => Outcome::Accepted,
                            Ok(r) => Outcome::Refused(r.status().as_u16()),
                            Err(_) => Outcome::NoAnswer,
                        };
                        let pause = outcome != Outcome::Accepted;
                        results.lock().unwrap().push((email, outcome));
                        if pause {
                            // Nobody is listening yet: do not spin.
                            tokio::time::sleep(Duration::from_millis(20)).await;
                        }
                    }
                })
            })
            .collect();
        Load {
            base,
            stop,
            in_flight,
            results,
            tasks,
        }
    }

    fn point_at(&self, base: &str) {
        *self.base.write().unwrap() = base.to_owned();
    }

    fn accepted(&self) -> usize {
        self.results
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, o)| *o == Outcome::Accepted)
            .count()
    }

    async fn finish(self) -> Vec<(String, Outcome)> {
        self.stop.store(true, Ordering::SeqCst);
        for t in self.tasks {
            t.await.unwrap();
        }
        Arc::try_unwrap(self.results).unwrap().into_inner().unwrap()
    }
}

async fn strings(app: &TestApp, sql: &str) -> Vec<String> {
    app.db
        .query_all_raw(Statement::from_string(app.db.get_database_backend(), sql))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get_by_index::<String>(0).unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn killing_the_binary_under_load_loses_no_signature_and_no_mail() {
    let started = std::time::Instant::now();
    let mut first = spawn_with(crash_options(None)).await;
    eprintln!("first instance up after {:?}", started.elapsed());
    first.create_letter(LetterSpec::published("crash")).await;
    let shared = (first.db_url.clone(), first.mail.clone());
    let load = Load::start(&first.base);

    let mut in_flight_at_kills = Vec::new();
    let mut accepted_at_kills = Vec::new();
    let mut later: Vec<TestApp> = Vec::new();
    for kill in 0..KILLS {
        // Let the load reach the instance, then kill it at a random moment.
        let before = load.accepted();
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while load.accepted() < before + 50 {
            assert!(
                std::time::Instant::now() < deadline,
                "no load reached the instance"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        tokio::time::sleep(random_ms(200, 1500)).await;
        in_flight_at_kills.push(load.in_flight.load(Ordering::SeqCst));
        accepted_at_kills.push(load.accepted());
        match later.last_mut() {
            None => first.kill(),
            Some(app) => app.kill(),
        }
        // Down for a moment: the signers get no answer.
        tokio::time::sleep(random_ms(100, 600)).await;
        let next = spawn_with(crash_options(Some(shared.clone()))).await;
        load.point_at(&next.base);
        later.push(next);
        eprintln!(
            "kill {}: {} requests in flight",
            kill + 1,
            in_flight_at_kills[kill]
        );
    }
    // The last instance serves a while, then the load stops.
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let results = load.finish().await;
    eprintln!("load stopped at {:?}", started.elapsed());
    let survivor = later.last().unwrap();

    // Every message queued is delivered; the mail a dead instance had claimed
    // comes back after its lease.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while survivor
        .scalar("SELECT COUNT(*) AS n FROM outbox WHERE status <> 'sent'")
        .await
        > 0
    {
        assert!(
            std::time::Instant::now() < deadline,
            "mail is stuck:\n{}",
            survivor.output()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    let accepted: BTreeSet<&str> = results
        .iter()
        .filter(|(_, o)| *o == Outcome::Accepted)
        .map(|(e, _)| e.as_str())
        .collect();
    let refused: BTreeSet<&str> = results
        .iter()
        .filter(|(_, o)| matches!(o, Outcome::Refused(_)))
        .map(|(e, _)| e.as_str())
        .collect();
    let no_answer = results
        .iter()
        .filter(|(_, o)| *o == Outcome::NoAnswer)
        .count();
    let signed = strings(survivor, "SELECT email FROM signatures").await;
    let queued = strings(
        survivor,
        "SELECT to_address FROM outbox WHERE kind = 'confirm_signature'",
    )
    .await;
    let signed_set: BTreeSet<&str> = signed.iter().map(String::as_str).collect();
    let queued_set: BTreeSet<&str> = queued.iter().map(String::as_str).collect();
    assert_eq!(signed.len(), signed_set.len(), "an address signed twice");
    assert_eq!(
        queued.len(),
        queued_set.len(),
        "a confirmation queued twice"
    );

    // Every 202 is stored, with its mail queued in the same transaction.
    let lost: Vec<_> = accepted.difference(&signed_set).collect();
    assert!(lost.is_empty(), "answered 202, not stored: {lost:?}");
    // Nothing is half-stored: a signature without its mail, or a mail without its signature.
    assert_eq!(signed_set, queued_set, "signatures and their mail differ");
    // An error answer stored nothing.
    let stored_refused: Vec<_> = refused.intersection(&signed_set).collect();
    assert!(
        stored_refused.is_empty(),
        "refused yet stored: {stored_refused:?}"
    );

    // Every stored signature's mail arrived; copies only as the same message.
    let mails = survivor.mail.all();
    let mut by_address: HashMap<&str, Vec<&str>> = HashMap::new();
    for m in &mails {
        by_address
            .entry(m.to.as_str())
            .or_default()
            .push(m.message_id.as_str());
    }
    let missing: Vec<_> = signed_set
        .iter()
        .filter(|e| !by_address.contains_key(*e))
        .collect();
    assert!(missing.is_empty(), "stored, never mailed: {missing:?}");
    let strangers: Vec<_> = by_address
        .keys()
        .filter(|e| !signed_set.contains(*e))
        .collect();
    assert!(strangers.is_empty(), "mailed, not stored: {strangers:?}");
    let mut copies: BTreeMap<usize, usize> = BTreeMap::new();
    for (address, ids) in &by_address {
        *copies.entry(ids.len()).or_default() += 1;
        let distinct: BTreeSet<_> = ids.iter().collect();
        assert_eq!(
            distinct.len(),
            1,
            "{address} got different messages: {ids:?}"
        );
    }

    // Kills that did not land under load would prove nothing.
    assert!(
        in_flight_at_kills.iter().filter(|n| **n > 0).count() >= KILLS - 1,
        "kills found nothing in flight: {in_flight_at_kills:?}"
    );
    eprintln!(
        "crash: {KILLS} kills; in flight at each: {in_flight_at_kills:?}; 202s before each: {accepted_at_kills:?}; \
         requests {}, 202 {}, other answers {}, no answer {}; stored {} (202 or cut off before the answer); \
         mails expected {}, received {} ({} addresses; copies per address: {copies:?})",
        results.len(),
        accepted.len(),
        refused.len(),
        no_answer,
        signed_set.len(),
        signed_set.len(),
        mails.len(),
        by_address.len(),
    );
}

/// Signers who agreed to updates, for the fan-out crash.
const READERS: usize = 10_000;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn killing_the_binary_during_an_update_fan_out_loses_no_recipient_and_sends_no_one_two_messages(
) {
    use undersigned::db::entities::user::Role;
    let mut options = crash_options(None);
    // Small batches: the fan-out takes many transactions, so the kill lands in it.
    options.settings.push(("fanout_batch", "50".into()));
    let mut first = spawn_with(options).await;
    first.create_letter(LetterSpec::published("fanout")).await;
    first.add_user("org@example.org", Role::Organiser).await;
    first.add_user("mod@example.org", Role::Moderator).await;
    first.give_letter_to("fanout", "org@example.org").await;
    let organiser = first.api_token("org@example.org").await;
    let moderator = first.api_token("mod@example.org").await;
    first.seed_consenting("fanout", READERS).await;
    let shared = (first.db_url.clone(), first.mail.clone());

    let (update, recipients) = first.publish_update("fanout", &organiser, &moderator).await;
    assert_eq!(recipients, READERS as i64);
    // Killed once the first messages are out, at a random moment after.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while first.mail.all().is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "the update is not leaving"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    tokio::time::sleep(random_ms(0, 300)).await;
    first.kill();
    let received_at_kill = first.mail.all().len();
    let unfinished = first
        .scalar(&format!(
            "SELECT COUNT(*) AS n FROM letter_updates WHERE id = {update} AND fanout_done_at IS NULL"
        ))
        .await;
    let unsent = first
        .scalar(&format!(
            "SELECT COUNT(*) AS n FROM outbox WHERE update_id = {update} AND status <> 'sent'"
        ))
        .await;
    assert!(
        received_at_kill < READERS && (unfinished == 1 || unsent > 0),
        "the kill came after the fan-out ({received_at_kill} received)"
    );

    // Restarted: the fan-out goes on from its cursor, and the mail the dead
    // instance had claimed is sent again after its lease.
    let survivor = spawn_with(crash_options(Some(shared))).await;
    let deadline = std::time::Instant::now() + Duration::from_secs(240);
    loop {
        let pending = survivor
            .scalar(&format!(
                "SELECT (SELECT COUNT(*) FROM outbox WHERE update_id = {update} AND status <> 'sent') \
                 + (SELECT COUNT(*) FROM letter_updates WHERE id = {update} AND fanout_done_at IS NULL) AS n"
            ))
            .await;
        if pending == 0 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the fan-out did not finish: {pending} left\n{}",
            survivor.output()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut by_address: HashMap<String, Vec<String>> = HashMap::new();
    for m in survivor.mail.all() {
        by_address.entry(m.to).or_default().push(m.message_id);
    }
    assert_eq!(by_address.len(), READERS, "every reader, and no one else");
    let mut ids = BTreeSet::new();
    let mut copies: BTreeMap<usize, usize> = BTreeMap::new();
    for (address, got) in &by_address {
        *copies.entry(got.len()).or_default() += 1;
        let distinct: BTreeSet<_> = got.iter().collect();
        assert_eq!(
            distinct.len(),
            1,
            "{address} got different messages: {got:?}"
        );
        ids.insert(got[0].clone());
    }
    assert_eq!(ids.len(), READERS, "one Message-ID per recipient");
    eprintln!(
        "fan-out crash: killed with {received_at_kill} of {READERS} received (fan-out unfinished: {}, unsent: {unsent}); \
         copies per address: {copies:?}",
        unfinished == 1
    );
}
