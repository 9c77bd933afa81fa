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
