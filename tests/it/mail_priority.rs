//! Mail in two lanes: a signer's confirmation goes before mail to many, however
//! much of it waits (a fan-out of an update to a viral letter's signers).

use std::time::{Duration, Instant};

use serde_json::json;

use crate::support::*;

/// Mail to many queued at once, in the second lane.
const BULK: i64 = 4000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_confirmation_goes_before_thousands_of_bulk_messages_queued_earlier() {
    let app = spawn_with(Options {
        // One message at a time: the backlog takes a while to drain.
        settings: vec![("mail_concurrency", "1".into())],
        ..Options::default()
    })
    .await;
    app.create_letter(LetterSpec::published("lanes")).await;
    sea_orm::ConnectionTrait::execute_unprepared(
        &app.db,
        &format!(
            "INSERT INTO outbox (kind, priority, to_address, subject, body_text, body_html, \
             status, attempts, next_attempt_at, created_at) \
             SELECT 'update', 1, 'reader' || g || '@example.org', 'News', 'News', '<p>News</p>', \
             'pending', 0, now() - interval '1 minute', now() - interval '1 minute' \
             FROM generate_series(1, {BULK}) g"
        ),
    )
    .await
    .unwrap();
    // The bulk mail is leaving already.
    let deadline = Instant::now() + Duration::from_secs(10);
    while app.mail.all().is_empty() {
        assert!(Instant::now() < deadline, "no bulk mail left the outbox");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }

    let res = app
        .sign_api("lanes", json!({"name": "Ada", "email": "ada@example.org"}))
        .await;
    assert_eq!(res.status(), 202);
    let deadline = Instant::now() + Duration::from_secs(15);
    let confirmation = loop {
        if let Some(m) = app
            .mail
            .all()
            .into_iter()
            .find(|m| m.to == "ada@example.org")
        {
            break m;
        }
        assert!(Instant::now() < deadline, "the confirmation did not arrive");
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    let bulk_sent_before = app
        .mail
        .all()
        .iter()
        .filter(|m| m.to.starts_with("reader"))
        .count() as i64;
    let bulk_waiting = app
        .scalar("SELECT COUNT(*) AS n FROM outbox WHERE priority = 1 AND status = 'pending'")
        .await;
    assert!(confirmation.subject.starts_with("Confirm your signature"));
    assert!(
        bulk_waiting > BULK / 2,
        "the confirmation waited for the bulk mail: {bulk_sent_before} of {BULK} sent, {bulk_waiting} still waiting"
    );
    // It confirms as usual, and the bulk mail goes on.
    let token = confirmation.token("/confirm/");
    assert_eq!(app.confirm_api(token).await, 200);
    assert_eq!(app.count("lanes").await, 1);
}
