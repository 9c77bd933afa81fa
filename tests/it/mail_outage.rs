//! The outbox: an SMTP outage delays mail, it never loses it.

use std::time::Duration;

use sea_orm::{EntityTrait, QueryOrder};
use serde_json::json;
use undersigned::db::entities::outbox::{self, OutboxStatus};

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
}
