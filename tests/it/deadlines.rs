//! A letter closes by itself at the deadline its organiser sets.

use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::json;

use crate::support::*;
use undersigned::db::entities::user::Role;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_letter_past_its_deadline_refuses_signatures_and_closes_by_itself() {
    let app = spawn_with(Options {
        settings: vec![("deadline_interval_secs", "1".into())],
        ..Options::default()
    })
    .await;
    app.create_letter(LetterSpec::published("soon")).await;
    app.add_user("org@example.org", Role::Organiser).await;
    app.give_letter_to("soon", "org@example.org").await;
    let token = app.api_token("org@example.org").await;
    let patch = |body: serde_json::Value| {
        let token = token.clone();
        let app = &app;
        async move {
            app.api(Method::PATCH, "/letters/soon", Some(&token), Some(body))
                .await
        }
    };

    // Bad deadlines are refused with a clear message and change nothing.
    for bad in [json!("next tuesday"), json!("2020-01-01T00:00:00Z")] {
        let res = patch(json!({ "closes_at": bad })).await;
        assert_eq!(res.status(), 422, "{bad}");
        let body: serde_json::Value = res.json().await.unwrap();
        assert!(body["errors"]["closes_at"]
            .as_str()
            .unwrap()
            .contains("2026-12-31T23:59:00Z"));
    }
    // A published letter takes a deadline, and nothing else.
    let res = patch(json!({ "title": "Another title" })).await;
    assert_eq!(res.status(), 409);
    let closes_at = chrono::Utc::now() + chrono::Duration::seconds(3);
    let res = patch(json!({ "closes_at": closes_at.to_rfc3339() })).await;
    assert_eq!(res.status(), 200);
    let letter = app.get_json("/api/v1/letters/soon").await;
    assert_eq!(letter["status"], "published");
    let shown: chrono::DateTime<chrono::Utc> =
        letter["closes_at"].as_str().unwrap().parse().unwrap();
    assert_eq!(shown.timestamp(), closes_at.timestamp());
    let page = app.get_text("/letters/soon").await;
    assert!(page.contains("Closes on "), "the page says when it closes");

    // Before the deadline it signs as usual.
    assert_eq!(
        app.sign_api("soon", json!({"name": "Ada", "email": "ada@example.org"}))
            .await
            .status(),
        202
    );
    let link = app.mail.nth(1).await.link(&app.url("/confirm/"));

    // From the deadline on: no signature, no confirmation, whether or not the pass has run.
    while chrono::Utc::now() < closes_at {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let res = app
        .sign_api("soon", json!({"name": "Bo", "email": "bo@example.org"}))
        .await;
    assert_eq!(res.status(), 410);
    assert_eq!(app.press_button_behind_status(&link).await, 410);
    assert_eq!(app.rows("signatures").await, 1);

    // The periodic pass marks it closed, as the service's own act, in the audit log.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let letter = app.get_json("/api/v1/letters/soon").await;
        if letter["status"] == "closed" {
            assert!(letter["closed_at"].is_string());
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the letter did not close: {letter}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let audited = app
        .scalar(
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'letter.close' \
             AND actor_id = 0 AND reason = 'its deadline passed'",
        )
        .await;
    assert_eq!(audited, 1);
    let set = app
        .scalar("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'letter.deadline'")
        .await;
    assert_eq!(set, 1, "setting the deadline is audited too");
    let page = app.get_text("/letters/soon").await;
    assert!(page.contains("This letter is closed."));
    assert!(!page.contains("Closes on "));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_moment_a_letter_reaches_its_goal_is_kept_and_shown() {
    let app = spawn_with(Options {
        settings: vec![("deadline_interval_secs", "1".into())],
        ..Options::default()
    })
    .await;
    app.create_letter(LetterSpec {
        goal: Some(2),
        ..LetterSpec::published("goal")
    })
    .await;
    app.sign_and_confirm(
        "goal",
        json!({"name": "Ada", "email": "ada@example.org"}),
        1,
    )
    .await;
    // A pass or two with one signature of two: not reached.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let letter = app.get_json("/api/v1/letters/goal").await;
    assert!(letter["goal_reached_at"].is_null(), "{letter}");
    assert!(!app.get_text("/letters/goal").await.contains("Goal reached"));

    let before = chrono::Utc::now();
    app.sign_and_confirm("goal", json!({"name": "Bo", "email": "bo@example.org"}), 2)
        .await;
    let deadline = Instant::now() + Duration::from_secs(10);
    let reached = loop {
        let letter = app.get_json("/api/v1/letters/goal").await;
        if let Some(at) = letter["goal_reached_at"].as_str() {
            break at.parse::<chrono::DateTime<chrono::Utc>>().unwrap();
        }
        assert!(
            Instant::now() < deadline,
            "the goal was not recorded: {letter}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(reached >= before - chrono::Duration::seconds(1));
    assert!(app
        .get_text("/letters/goal")
        .await
        .contains("Goal reached on "));
}
