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

/// Signers of the viral letter who agreed to updates.
const READERS: usize = 20_000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_confirmation_arrives_while_an_update_to_twenty_thousand_signers_drains() {
    use undersigned::db::entities::user::Role;
    let app = spawn_app().await;
    app.create_letter(LetterSpec::published("viral")).await;
    app.add_user("org@example.org", Role::Organiser).await;
    app.add_user("mod@example.org", Role::Moderator).await;
    app.give_letter_to("viral", "org@example.org").await;
    let organiser = app.api_token("org@example.org").await;
    let moderator = app.api_token("mod@example.org").await;
    app.seed_consenting("viral", READERS).await;

    let (_, recipients) = app.publish_update("viral", &organiser, &moderator).await;
    assert_eq!(recipients, READERS as i64);
    let updates = |mails: &[Mail]| mails.iter().filter(|m| m.subject.contains("News")).count();
    let deadline = Instant::now() + Duration::from_secs(30);
    while updates(&app.mail.all()) == 0 {
        assert!(Instant::now() < deadline, "the update is not leaving");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }

    // A new signer, mid-drain: their confirmation does not wait for the update.
    let res = app
        .sign_api("viral", json!({"name": "Ada", "email": "ada@example.org"}))
        .await;
    assert_eq!(res.status(), 202);
    let deadline = Instant::now() + Duration::from_secs(15);
    let sent_before = loop {
        let mails = app.mail.all();
        if mails.iter().any(|m| m.to == "ada@example.org") {
            break updates(&mails);
        }
        assert!(Instant::now() < deadline, "the confirmation did not arrive");
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    assert!(
        sent_before < READERS,
        "the confirmation waited for the whole update ({sent_before} sent first)"
    );
    eprintln!("the confirmation arrived after {sent_before} of {READERS} update messages");

    // The update still reaches every reader, once each, with a Message-ID each;
    // meanwhile the fan-out keeps only a few batches (of 500) ahead of the worker.
    let deadline = Instant::now() + Duration::from_secs(300);
    let mut most_waiting = 0;
    loop {
        let waiting = app
            .scalar("SELECT COUNT(*) AS n FROM outbox WHERE update_id IS NOT NULL AND status = 'pending'")
            .await;
        most_waiting = most_waiting.max(waiting);
        // Each waiting message holds only its address and link; the body is the update's.
        let copies = app
            .scalar("SELECT COUNT(*) AS n FROM outbox WHERE update_id IS NOT NULL AND body_text IS NOT NULL")
            .await;
        assert_eq!(copies, 0, "an update's body copied into the outbox");
        assert!(
            waiting <= 2500,
            "{waiting} update messages queued ahead of the worker"
        );
        let mails = app.mail.all();
        let n = updates(&mails);
        if n >= READERS {
            let to: std::collections::BTreeSet<&str> = mails
                .iter()
                .filter(|m| m.subject.contains("News"))
                .map(|m| m.to.as_str())
                .collect();
            let ids: std::collections::BTreeSet<&str> = mails
                .iter()
                .filter(|m| m.subject.contains("News"))
                .map(|m| m.message_id.as_str())
                .collect();
            assert_eq!((n, to.len(), ids.len()), (READERS, READERS, READERS));
            assert!(
                !to.contains("ada@example.org"),
                "no update for a later signer"
            );
            break;
        }
        assert!(Instant::now() < deadline, "the update stalled at {n}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
