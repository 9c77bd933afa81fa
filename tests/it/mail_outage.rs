//! The outbox: an SMTP outage delays mail, it never loses it.

use std::time::Duration;

use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use sea_orm::{EntityTrait, QueryOrder};
use serde_json::json;
use undersigned::db::entities::outbox::{self, OutboxStatus};
use undersigned::db::entities::user::Role;

use crate::support::{spawn_with, LetterSpec, Options};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signature_taken_while_smtp_is_down_gets_its_mail_when_smtp_returns() {
    let app = spawn_with(Options {
        smtp_up: false,
        ..Options::default()
    })
    .await;
    app.create_letter(LetterSpec::published("outage")).await;

    let res = app
        .sign_api(
            "outage",
            json!({"name": "Patient Pat", "email": "pat@example.org"}),
        )
        .await;
    assert_eq!(res.status(), 202);
    assert_eq!(app.rows("signatures").await, 1);

    // The worker tried, failed, and scheduled a retry: the row is still pending.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let row = loop {
        let row = outbox::Entity::find()
            .order_by_asc(outbox::Column::Id)
            .one(&app.db)
            .await
            .unwrap()
            .expect("an outbox row was written with the signature");
        if row.last_error.is_some() {
            break row;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the worker never tried"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(row.status, OutboxStatus::Pending);
    assert!(row.attempts >= 1);
    assert!(row.body_text.is_some());

    // The server comes back; the retry delivers, and the link works.
    app.mail.start();
    let mail = app.mail.nth(1).await;
    assert_eq!(mail.to, "pat@example.org");
    let res = app
        .press_button_behind(&mail.link(&app.url("/confirm/")))
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(app.count("outage").await, 1);

    // Delivered once, marked sent, and the body holding the tokens is erased.
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let row = outbox::Entity::find_by_id(row.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        if row.status == OutboxStatus::Sent {
            assert!(row.body_text.is_none() && row.body_html.is_none());
            assert!(row.sent_at.is_some());
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "never marked sent: {row:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(app.mail.all().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_permanent_smtp_refusal_stops_retrying_and_is_recorded() {
    let app = spawn_with(Options::default()).await;
    app.create_letter(LetterSpec::published("bounce")).await;
    let res = app
        .sign_api(
            "bounce",
            json!({"name": "Nobody", "email": "bounce-me@example.org"}),
        )
        .await;
    assert_eq!(res.status(), 202);

    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let row = loop {
        let row = outbox::Entity::find().one(&app.db).await.unwrap().unwrap();
        if row.status != OutboxStatus::Pending {
            break row;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "never gave up: {row:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(row.status, OutboxStatus::Failed);
    assert_eq!(row.attempts, 1, "a permanent failure is not retried");
    let error = row.last_error.as_deref().unwrap_or("");
    assert!(error.contains("550"), "{row:?}");
    // The server quoted the address back; what is kept (and logged) does not.
    assert!(error.contains("[recipient]"), "{row:?}");
    assert!(!error.to_lowercase().contains("bounce-me"), "{row:?}");
    // Still failed, still one attempt, after the retry interval would have passed.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let again = outbox::Entity::find_by_id(row.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((again.status, again.attempts), (OutboxStatus::Failed, 1));
    assert!(app.mail.all().is_empty());

    // Operators see it in the metrics, moderators on the mail page (the
    // address masked), and nobody else.
    let metrics = app.get_text("/metrics").await;
    assert!(
        metrics.lines().any(|l| l == "undersigned_outbox_failed 1"),
        "{metrics}"
    );
    assert_ne!(app.status_of("/moderation/mail").await, 200);
    app.add_user("mod@example.org", Role::Moderator).await;
    let moderator = app.browser_logged_in("mod@example.org").await;
    let queue = moderator.get_text("/moderation").await;
    assert!(queue.contains("1 undelivered email<"), "{queue}");
    let page = moderator.get_text("/moderation/mail").await;
    assert!(page.contains("confirm_signature"), "{page}");
    assert!(page.contains("b…@example.org"), "{page}");
    assert!(page.contains("550"), "{page}");
    assert!(!page.to_lowercase().contains("bounce-me"), "{page}");
}

/// A port that accepts connections and never says a word, like a mail server
/// that hangs; counts the connections it took.
struct Tarpit {
    stop: Arc<AtomicBool>,
    connections: Arc<AtomicUsize>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Tarpit {
    fn start(port: u16) -> Tarpit {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("bind the tarpit");
        listener.set_nonblocking(true).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let connections = Arc::new(AtomicUsize::new(0));
        let thread = {
            let (stop, connections) = (stop.clone(), connections.clone());
            std::thread::spawn(move || {
                let mut held = Vec::new();
                while !stop.load(Ordering::SeqCst) {
                    match listener.accept() {
                        Ok((socket, _)) => {
                            connections.fetch_add(1, Ordering::SeqCst);
                            held.push(socket);
                        }
                        Err(_) => std::thread::sleep(Duration::from_millis(5)),
                    }
                }
                // The listener and every held socket close here.
            })
        };
        Tarpit {
            stop,
            connections,
            thread: Some(thread),
        }
    }

    /// Closes the port and every connection it held.
    fn stop(mut self) -> usize {
        self.stop.store(true, Ordering::SeqCst);
        self.thread.take().unwrap().join().unwrap();
        self.connections.load(Ordering::SeqCst)
    }
}

/// Watches one outbox row until it has failed `attempts` times, and returns the
/// error kept and how long after that the next attempt is scheduled.
async fn failed_attempt(app: &crate::support::TestApp, id: i64, attempts: i32) -> (String, f64) {
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    loop {
        let row = outbox::Entity::find_by_id(id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let now = chrono::Utc::now();
        let wait = (row.next_attempt_at - now).num_milliseconds() as f64 / 1000.0;
        // While an attempt is under way the row is leased for minutes; a
        // failed attempt brings the next one back to the backoff.
        if let (true, Some(error)) = (row.attempts == attempts && wait < 60.0, &row.last_error) {
            assert_eq!(row.status, OutboxStatus::Pending, "{row:?}");
            return (error.clone(), wait);
        }
        assert!(
            row.attempts <= attempts,
            "attempt {attempts} was missed: {row:?}"
        );
        assert!(
            std::time::Instant::now() < deadline,
            "attempt {attempts} never failed: {row:?}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_survives_a_server_that_refuses_then_hangs_then_returns() {
    let app = spawn_with(Options {
        smtp_up: false,
        settings: vec![
            ("smtp_timeout_ms", "400".into()),
            ("mail_retry_base_secs", "1".into()),
        ],
        ..Options::default()
    })
    .await;
    app.create_letter(LetterSpec::published("flaky")).await;
    let sign = |n: u32| {
        app.sign_api(
            "flaky",
            json!({"name": format!("Signer {n}"), "email": format!("s{n}@example.org")}),
        )
    };
    assert_eq!(sign(1).await.status(), 202);
    let first = outbox::Entity::find().one(&app.db).await.unwrap().unwrap();

    // Nothing listens: refused, retried a second later.
    let (error, wait) = failed_attempt(&app, first.id, 1).await;
    assert!(error.to_lowercase().contains("refused"), "{error}");
    assert!((0.6..=1.1).contains(&wait), "first retry in {wait} s");

    // A server that accepts and never greets: the attempt times out (it does
    // not hang the worker), and each retry waits twice as long as the last.
    let tarpit = Tarpit::start(app.mail.port);
    let (error, wait) = failed_attempt(&app, first.id, 2).await;
    assert!(error.to_lowercase().contains("timed out"), "{error}");
    assert!((1.5..=2.1).contains(&wait), "second retry in {wait} s");
    let (error, wait) = failed_attempt(&app, first.id, 3).await;
    assert!(error.to_lowercase().contains("timed out"), "{error}");
    assert!((3.4..=4.1).contains(&wait), "third retry in {wait} s");
    // Mail queued while the server hangs, and while it is down again, waits too.
    assert_eq!(sign(2).await.status(), 202);
    let second = outbox::Entity::find()
        .order_by_desc(outbox::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let (error, _) = failed_attempt(&app, second.id, 1).await;
    assert!(error.to_lowercase().contains("timed out"), "{error}");
    let hung = tarpit.stop();
    assert!(
        hung >= 3,
        "the worker reached the hanging server {hung} times"
    );
    assert_eq!(sign(3).await.status(), 202);

    // The server comes back: every message arrives, once each.
    app.mail.start();
    let mails = app.mail.wait_for(3).await;
    let mut to: Vec<_> = mails.iter().map(|m| m.to.as_str()).collect();
    to.sort();
    assert_eq!(to, ["s1@example.org", "s2@example.org", "s3@example.org"]);
    let first_mail = mails.iter().find(|m| m.to == "s1@example.org").unwrap();
    let res = app
        .press_button_behind(&first_mail.link(&app.url("/confirm/")))
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(app.count("flaky").await, 1);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(app.mail.all().len(), 3, "a message was sent twice");
    let row = outbox::Entity::find_by_id(first.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((row.status, row.attempts), (OutboxStatus::Sent, 4));
}
