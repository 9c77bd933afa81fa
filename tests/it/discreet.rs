//! Discreet letters and groups: a worker signs against their employer with
//! their work address. The confirmation mail names neither the letter, nor
//! its recipients, nor the employer; once confirmed, no column of any table
//! holds the address; a second signature from it is still caught; the
//! emailed link still withdraws; the export holds no address.

use reqwest::Method;
use sea_orm::ConnectionTrait;
use serde_json::json;

use crate::support::*;
use undersigned::db::entities::user::Role;

const WORK: &str = "Kai.Nakamura@orbitek.com";
const PERSONAL: &str = "kai.at.home@example.net";

/// Waits until the outbox has handed every message to the mail server.
async fn all_sent(app: &TestApp) {
    for _ in 0..100 {
        if app
            .scalar("SELECT COUNT(*) AS n FROM outbox WHERE status <> 'sent'")
            .await
            == 0
        {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("mail still waiting in the outbox");
}

fn names_nothing(mail: &Mail, words: &[&str]) {
    let headers: Vec<String> = mail
        .header_values
        .iter()
        .filter(|(name, _)| name != "to")
        .map(|(name, value)| format!("{name}: {value}"))
        .collect();
    for part in [&mail.subject, &mail.text, &mail.html, &headers.join("\n")] {
        for word in words {
            assert!(
                !part.to_lowercase().contains(&word.to_lowercase()),
                "the mail names {word:?}:\n{part}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_signs_discreetly_and_no_table_keeps_their_work_address() {
    let app = spawn_app().await;
    let letter = app
        .create_letter(LetterSpec {
            groups: vec![("orbitek", "Orbitek employees", "orbitek.com")],
            discreet: true,
            ..LetterSpec::published("lantern")
        })
        .await;
    app.db
        .execute_unprepared(&format!(
            "INSERT INTO letter_recipients (letter_id, name, organisation, email, position) \
             VALUES ({}, 'The Board of Directors', 'Orbitek Inc.', 'board@orbitek.com', 0)",
            letter.id
        ))
        .await
        .unwrap();
    let secret_words = [
        "lantern",
        &letter.title,
        "Board of Directors",
        "Orbitek Inc",
        "orbitek",
    ];

    let res = app
        .sign_api(
            "lantern",
            json!({"name": "Kai Nakamura", "email": WORK, "group": "orbitek",
                   "anonymous": false, "updates_email": PERSONAL}),
        )
        .await;
    assert_eq!(res.status(), 202);
    let first = app.mail.nth(1).await;
    assert_eq!(first.to.to_lowercase(), WORK.to_lowercase());
    assert_eq!(first.subject, "Confirm your signature");
    names_nothing(&first, &secret_words);
    // Behind the link, the letter.
    let confirm = first.link(&app.url("/confirm/"));
    let page = app
        .http
        .get(&confirm)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(&letter.title));
    assert_eq!(app.press_button_behind(&confirm).await.status(), 200);
    all_sent(&app).await;

    // Nothing anywhere holds the work address, nor its mailbox's name.
    assert_eq!(
        app.tables_holding("kai.nakamura@orbitek.com").await,
        Vec::<String>::new()
    );
    assert_eq!(
        app.tables_holding("kai.nakamura").await,
        Vec::<String>::new()
    );
    // The domain is kept for the badge; the personal address for updates.
    let letter_json = app.get_json("/api/v1/letters/lantern").await;
    assert_eq!(
        (
            letter_json["signature_count"].as_u64(),
            letter_json["verified_count"].as_u64()
        ),
        (Some(1), Some(1))
    );
    let list = app.get_json("/api/v1/letters/lantern/signatures").await;
    assert_eq!(
        list["signatures"][0]["verified_domain"], "orbitek.com",
        "{list}"
    );
    assert_eq!(list["signatures"][0]["name"], "Kai Nakamura");
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) AS n FROM signatures WHERE email = '{PERSONAL}' AND updates"
        ))
        .await,
        1
    );

    // The same address again, however typed: no second signature, and a
    // mail that names nothing either.
    let res = app
        .sign_api(
            "lantern",
            json!({"name": "K. Nakamura", "email": "kai.nakamura@ORBITEK.com", "group": "orbitek"}),
        )
        .await;
    assert_eq!(res.status(), 202);
    let again = app.mail.nth(2).await;
    names_nothing(&again, &secret_words);
    assert_eq!(app.scalar("SELECT COUNT(*) AS n FROM signatures").await, 1);
    assert_eq!(app.count("lantern").await, 1);
    all_sent(&app).await;
    assert_eq!(
        app.tables_holding("kai.nakamura").await,
        Vec::<String>::new()
    );

    // The organiser's export holds no address, not even the personal one
    // (a named signer who agreed to updates: on an open letter it would).
    app.add_user("org@example.org", Role::Organiser).await;
    app.give_letter_to("lantern", "org@example.org").await;
    let token = app.api_token("org@example.org").await;
    let csv = app
        .api(
            Method::GET,
            "/letters/lantern/export.csv",
            Some(&token),
            None,
        )
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(!csv.contains('@'), "{csv}");

    // The first mail's link still withdraws.
    let withdraw = first.link(&app.url("/withdraw/"));
    assert_eq!(app.press_button_behind(&withdraw).await.status(), 200);
    assert_eq!(app.count("lantern").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_discreet_group_keeps_its_signers_discreet_and_the_others_as_they_were() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec {
        groups: vec![
            ("orbitek", "Orbitek employees", "orbitek.com"),
            ("stanford", "Stanford", "stanford.edu"),
        ],
        ..LetterSpec::published("mixed")
    })
    .await;
    app.db
        .execute_unprepared("UPDATE letter_groups SET discreet = true WHERE slug = 'orbitek'")
        .await
        .unwrap();
    app.sign_and_confirm(
        "mixed",
        json!({"name": "Ada", "email": "ada@stanford.edu", "group": "stanford", "updates": true}),
        1,
    )
    .await;
    let open = app.mail.nth(1).await;
    assert!(open.subject.contains("Letter mixed"), "{}", open.subject);
    app.sign_and_confirm(
        "mixed",
        json!({"name": "Kai", "email": WORK, "group": "orbitek", "updates": true}),
        2,
    )
    .await;
    let discreet = app.mail.nth(2).await;
    names_nothing(&discreet, &["mixed", "orbitek"]);
    all_sent(&app).await;
    assert_eq!(
        app.tables_holding("kai.nakamura").await,
        Vec::<String>::new()
    );
    assert_eq!(
        app.tables_holding("ada@stanford.edu").await.len(),
        2,
        "signatures and outbox"
    );
    // Without a personal address, the discreet signer gets no updates.
    assert_eq!(
        app.scalar("SELECT COUNT(*) AS n FROM signatures WHERE updates")
            .await,
        1
    );
    assert_eq!(app.count("mixed").await, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organiser_marks_a_letter_and_a_group_discreet_through_the_api() {
    let app = spawn_app().await;
    app.add_user("org@example.org", Role::Organiser).await;
    let token = app.api_token("org@example.org").await;
    let res = app
        .api(
            Method::POST,
            "/letters",
            Some(&token),
            Some(json!({"slug": "quiet", "title": "Quiet", "summary": "s", "body": "b",
                        "category": "other", "discreet": true,
                        "groups": [{"slug": "acme", "name": "Acme", "email_domains": ["acme.test"], "discreet": true},
                                   {"slug": "other", "name": "Other"}]})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let letter: serde_json::Value = app
        .api(Method::GET, "/letters/quiet", Some(&token), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(letter["discreet"], true, "{letter}");
    assert_eq!(letter["groups"][0]["discreet"], true);
    assert_eq!(letter["groups"][1]["discreet"], false);
    let res = app
        .api(
            Method::PATCH,
            "/letters/quiet",
            Some(&token),
            Some(json!({"discreet": false})),
        )
        .await;
    assert_eq!(res.status(), 200);
    let letter: serde_json::Value = res.json().await.unwrap();
    assert_eq!(letter["discreet"], false, "{letter}");
    assert_eq!(
        letter["groups"][0]["discreet"], true,
        "the groups stay as they were"
    );
}
