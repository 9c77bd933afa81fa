//! Mail that arrives: every message says it is automatic, its HTML links
//! are plain URLs, and with a key set it is DKIM-signed for `mail_from`'s
//! domain, verified here by dkimpy (an independent implementation) as a
//! receiving server would, for an RSA and an Ed25519 key.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::json;

use crate::support::*;

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/dkim")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

/// dkimpy's verdict on `raw`, given the selector's DNS record.
fn dkimpy(raw: &[u8], record: &str) -> (bool, String) {
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/verify_dkim.py");
    let mut child = Command::new(test_python())
        .arg(script)
        .arg(record)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python runs");
    child.stdin.take().unwrap().write_all(raw).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

/// A signature mailed by an instance signing with `key` (`selector`).
async fn signed_mail(selector: &str, key: &str) -> Mail {
    let app = spawn_with(Options {
        settings: vec![
            (
                "mail_from",
                "Undersigned <no-reply@letters.example.org>".into(),
            ),
            ("dkim_selector", selector.into()),
            ("dkim_private_key", key.into()),
        ],
        ..Options::default()
    })
    .await;
    app.create_letter(LetterSpec::published("signed")).await;
    let res = app
        .sign_api("signed", json!({"name": "Ada", "email": "ada@example.org"}))
        .await;
    assert_eq!(res.status(), 202);
    app.mail.nth(1).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_is_dkim_signed_automatic_and_links_plain() {
    for (selector, key, record) in [
        (
            "rsa2026",
            fixture("rsa.pem"),
            format!("v=DKIM1; k=rsa; p={}", fixture("rsa.pub").trim()),
        ),
        (
            "ed2026",
            fixture("ed25519.pem"),
            format!("v=DKIM1; k=ed25519; p={}", fixture("ed25519.pub").trim()),
        ),
    ] {
        let mail = signed_mail(selector, &key).await;
        let signature = mail
            .header("dkim-signature")
            .unwrap_or_else(|| panic!("{selector}: no DKIM-Signature in {:?}", mail.headers));
        assert!(signature.contains("d=letters.example.org"), "{signature}");
        assert!(signature.contains(&format!("s={selector}")), "{signature}");
        let (ok, said) = dkimpy(&mail.raw, &record);
        assert!(ok, "{selector}: dkimpy says {said}");
        assert!(
            said.contains(&format!("{selector}._domainkey.letters.example.org")),
            "it looked the key up where the README says to publish it: {said}"
        );
        // Changed in transit, the signature fails: the check can fail.
        let tampered = String::from_utf8_lossy(&mail.raw).replacen("Ada", "Eve", 1);
        let (ok, said) = dkimpy(tampered.as_bytes(), &record);
        assert!(!ok, "{selector}: a changed message still verifies: {said}");
        // Automatic (RFC 3834), with plain links in the HTML part.
        assert_eq!(mail.header("auto-submitted"), Some("auto-generated"));
        let confirm = mail.link("http://");
        assert!(
            mail.html.contains(&format!("href=\"{confirm}\"")),
            "{}",
            mail.html
        );
        assert!(!mail.html.contains("&#x2F;"), "{}", mail.html);
    }
}

#[tokio::test]
async fn without_a_key_mail_is_not_signed_and_a_half_set_key_stops_the_start() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec::published("plain")).await;
    app.sign_api("plain", json!({"name": "Bo", "email": "bo@example.org"}))
        .await;
    let mail = app.mail.nth(1).await;
    assert!(mail.header("dkim-signature").is_none());
    assert_eq!(mail.header("auto-submitted"), Some("auto-generated"));
    let settings = undersigned::config::Settings {
        dkim_selector: Some("s1".into()),
        ..Default::default()
    };
    assert!(undersigned::mail::dkim::from_settings(&settings).is_err());
    let settings = undersigned::config::Settings {
        dkim_selector: Some("s1".into()),
        dkim_private_key: Some("not a key".into()),
        ..Default::default()
    };
    let err = undersigned::mail::dkim::from_settings(&settings).unwrap_err();
    assert!(err.contains("dkim_private_key"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_address_refused_for_good_gets_no_more_updates_and_moderators_see_the_count() {
    use undersigned::db::entities::user::Role;
    let app = spawn_app().await;
    app.create_letter(LetterSpec::published("gone")).await;
    app.add_user("org@example.org", Role::Organiser).await;
    app.add_user("mod@example.org", Role::Moderator).await;
    app.give_letter_to("gone", "org@example.org").await;
    app.sign_and_confirm(
        "gone",
        json!({"name": "Ann", "email": "ann@example.org", "updates": true}),
        1,
    )
    .await;
    // The sink's server refuses `bounce…` mailboxes for good (550 at RCPT).
    let res = app
        .sign_api(
            "gone",
            json!({"name": "Bo", "email": "bounce.Bo@Example.org", "updates": true}),
        )
        .await;
    assert_eq!(res.status(), 202);
    let mut waited = 0;
    while app
        .scalar("SELECT COUNT(*) AS n FROM undeliverable_addresses")
        .await
        == 0
    {
        waited += 1;
        assert!(waited < 300, "the refusal was never recorded");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) AS n FROM undeliverable_addresses WHERE address = 'bounce.bo@example.org'"
        )
        .await,
        1
    );
    // As if the address had worked when it confirmed and is gone since.
    use sea_orm::ConnectionTrait;
    app.db
        .execute_unprepared(
            "UPDATE signatures SET status = 'confirmed', confirmed_at = now() \
             WHERE lower(email) = 'bounce.bo@example.org'",
        )
        .await
        .unwrap();
    assert_eq!(app.count("gone").await, 2);

    let org = app.api_token("org@example.org").await;
    let moderator = app.api_token("mod@example.org").await;
    let res = app
        .api(
            reqwest::Method::POST,
            "/letters/gone/updates",
            Some(&org),
            Some(json!({"title": "News", "body": "Some."})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let id = res.json::<serde_json::Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    let res = app
        .api(
            reqwest::Method::POST,
            &format!("/moderation/updates/{id}/publish"),
            Some(&moderator),
            None,
        )
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    let mut waited = 0;
    while !app
        .mail
        .all()
        .iter()
        .any(|m| m.to == "ann@example.org" && m.subject.starts_with("News"))
    {
        waited += 1;
        assert!(waited < 300, "the update never reached Ann");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // Only Ann: nothing queued for the refused address, counted as one recipient.
    assert_eq!(
        app.scalar("SELECT COUNT(*) AS n FROM outbox WHERE update_id IS NOT NULL")
            .await,
        1
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT recipients AS n FROM letter_updates WHERE id = {id}"
        ))
        .await,
        1
    );
    let moderator_page = app
        .browser_logged_in("mod@example.org")
        .await
        .get_text("/moderation/mail")
        .await;
    assert!(
        moderator_page.contains("1 address was refused for good by its server"),
        "{moderator_page}"
    );
}
