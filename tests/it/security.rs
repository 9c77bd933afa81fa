//! The links that act for a signer: long random tokens, stored only as hashes.

use std::collections::HashSet;

use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn emailed_tokens_are_long_random_and_stored_only_as_hashes() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec::published("tokens")).await;
    let n = 30;
    for i in 0..n {
        let res = app
            .sign_api(
                "tokens",
                json!({"name": format!("T{i}"), "email": format!("t{i}@example.org")}),
            )
            .await;
        assert_eq!(res.status(), 202);
    }
    let mails = app.mail.wait_for(n).await;
    let mut tokens = Vec::new();
    for m in &mails {
        for prefix in ["/confirm/", "/withdraw/"] {
            let link = m.link(&app.url(prefix));
            tokens.push(link.rsplit('/').next().unwrap().to_owned());
        }
    }
    // 256 bits each: 43 characters of URL-safe base64.
    for t in &tokens {
        assert_eq!(t.len(), 43, "{t}");
        assert!(t
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    }
    let distinct: HashSet<&String> = tokens.iter().collect();
    assert_eq!(distinct.len(), tokens.len(), "no token repeats");
    // Spread over the whole alphabet, as random bytes are (2,580 characters
    // drawn from 64 leave essentially no symbol unused).
    let symbols: HashSet<char> = tokens.iter().flat_map(|t| t.chars()).collect();
    assert!(symbols.len() >= 60, "only {} symbols used", symbols.len());
    // The database holds hashes: no token, nor any part of one, is stored.
    assert_eq!(app.rows("tokens").await, tokens.len() as i64);
    for t in &tokens {
        let found = app
            .scalar(&format!(
                "SELECT COUNT(*) AS n FROM tokens WHERE token_hash LIKE '%{}%'",
                &t[..16]
            ))
            .await;
        assert_eq!(found, 0, "a token is stored as given");
    }
    assert_eq!(
        app.scalar("SELECT COUNT(*) AS n FROM tokens WHERE length(token_hash) <> 64")
            .await,
        0
    );
    // Nor does the outbox keep the links once the mail has gone.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let kept = app
        .scalar(
            "SELECT COUNT(*) AS n FROM outbox WHERE body_text IS NOT NULL OR body_html IS NOT NULL",
        )
        .await;
    assert_eq!(kept, 0, "sent mail keeps no body");
    // A token changed by one character is just an invalid link.
    let mut wrong = tokens[0].clone().into_bytes();
    wrong[10] = if wrong[10] == b'A' { b'B' } else { b'A' };
    let wrong = String::from_utf8(wrong).unwrap();
    assert_eq!(app.status_of(&format!("/confirm/{wrong}")).await, 410);
}

/// What a letter's title or a signer's name carries into a mail stays in the
/// subject or the body: it never adds a header or a recipient.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_headers_cannot_be_injected_through_a_title_or_a_name() {
    use reqwest::Method;
    use sea_orm::{ActiveModelTrait, Set};
    use undersigned::db::entities::{letter, user::Role};

    let app = spawn_app().await;
    app.add_user("org@example.org", Role::Organiser).await;
    let org = app.api_token("org@example.org").await;
    let injected = "Drop the sponsor\r\nBcc: victim@example.org\r\nX-Injected: yes";

    // An organiser cannot store such a title, nor one with a bidi override.
    for title in [injected, "Drop\nthe sponsor", "Drop \u{202E}rosnops"] {
        let res = app
            .api(
                Method::POST,
                "/letters",
                Some(&org),
                Some(json!({"slug": "injected", "title": title, "summary": "S.", "body": "B.", "category": "other"})),
            )
            .await;
        assert_eq!(res.status(), 422, "{title:?}");
        let body: serde_json::Value = res.json().await.unwrap();
        assert!(body["errors"]["title"].is_string(), "{body}");
    }
    assert_eq!(app.rows("letters").await, 0);

    // Should one reach the database another way (an old row, a hand edit),
    // the subject carries it encoded, as text.
    let row = app.create_letter(LetterSpec::published("injected")).await;
    letter::ActiveModel {
        id: Set(row.id),
        title: Set(injected.into()),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .unwrap();
    for (name, email) in [
        ("Signer", "signer@example.org"),
        ("Al\r\nBcc: victim@example.org", "al@example.org"),
        ("Al <victim@example.org>", "al2@example.org"),
    ] {
        app.sign_api("injected", json!({"name": name, "email": email}))
            .await;
    }
    let mails = app.mail.wait_for(2).await;
    assert_eq!(app.rows("signatures").await, 2, "the CRLF name was refused");
    for mail in &mails {
        assert!(
            mail.to == "signer@example.org" || mail.to == "al2@example.org",
            "sent to {}",
            mail.to
        );
        assert!(!mail.headers.iter().any(|h| h == "bcc" || h == "x-injected"));
        assert_eq!(
            mail.headers.iter().filter(|h| *h == "to").count(),
            1,
            "{:?}",
            mail.headers
        );
        assert!(
            mail.subject.contains("Drop the sponsor"),
            "{}",
            mail.subject
        );
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(app.mail.all().len(), 2, "a third message left");
}
