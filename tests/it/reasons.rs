//! "Why I signed": a signer's reason shows on the letter once a moderator
//! approves it, attributed as the list shows the signer, never by a hidden name.

use reqwest::Method;
use serde_json::{json, Value};

use crate::support::*;
use undersigned::db::entities::user::Role;

const HIDDEN: &str = "Zebulon Quartermaine";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn approved_reasons_show_as_the_list_shows_their_signers() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec {
        groups: vec![("orbitek", "Orbitek", "orbitek.com")],
        ..LetterSpec::published("why")
    })
    .await;
    // Too long, or with a control character: refused, nothing stored.
    for bad in ["x".repeat(281), "ring\u{7}".to_owned()] {
        let res = app
            .sign_api(
                "why",
                json!({"name": "Al", "email": "al@example.org", "reason": bad}),
            )
            .await;
        assert_eq!(res.status(), 422);
        let body: Value = res.json().await.unwrap();
        assert!(body["errors"]["reason"].is_string(), "{body}");
    }
    assert_eq!(app.rows("signatures").await, 0);

    app.sign_and_confirm(
        "why",
        json!({"name": "Ada Lovelace", "email": "ada@example.org",
               "reason": "Because\n   engines   should serve people."}),
        1,
    )
    .await;
    app.sign_and_confirm(
        "why",
        json!({"name": HIDDEN, "email": "zq@orbitek.com", "group": "orbitek",
               "anonymous": true, "reason": "I build it, and I will not build this."}),
        2,
    )
    .await;
    // Never confirmed: its reason waits for nobody.
    assert_eq!(
        app.sign_api(
            "why",
            json!({"name": "Bo", "email": "bo@example.org", "reason": "Unconfirmed."})
        )
        .await
        .status(),
        202
    );

    // Nothing shows before a moderator decides.
    let none = app.get_json("/api/v1/letters/why/reasons").await;
    assert_eq!(none["reasons"], json!([]));
    assert!(!app
        .get_text("/letters/why")
        .await
        .contains("Why they signed"));

    app.add_user("mod@example.org", Role::Moderator).await;
    app.add_user("org@example.org", Role::Organiser).await;
    let moderator = app.api_token("mod@example.org").await;
    let organiser = app.api_token("org@example.org").await;
    let pending = app
        .api(Method::GET, "/moderation/reasons", Some(&moderator), None)
        .await
        .json::<Value>()
        .await
        .unwrap();
    let pending = pending["reasons"].as_array().unwrap().clone();
    let texts: Vec<&str> = pending
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "Because engines should serve people.",
            "I build it, and I will not build this."
        ],
        "confirmed signatures' reasons, one paragraph each"
    );
    let (ada, zq) = (
        pending[0]["id"].as_i64().unwrap(),
        pending[1]["id"].as_i64().unwrap(),
    );
    // Only moderators decide.
    let res = app
        .api(
            Method::POST,
            &format!("/moderation/reasons/{ada}/approve"),
            Some(&organiser),
            None,
        )
        .await;
    assert_eq!(res.status(), 403);
    for id in [ada, zq] {
        let res = app
            .api(
                Method::POST,
                &format!("/moderation/reasons/{id}/approve"),
                Some(&moderator),
                None,
            )
            .await;
        assert_eq!(res.status(), 200);
    }
    let again = app
        .api(
            Method::POST,
            &format!("/moderation/reasons/{ada}/reject"),
            Some(&moderator),
            None,
        )
        .await;
    assert_eq!(again.status(), 409, "a reason is decided once");
    let audited = app
        .scalar("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'reason.approve'")
        .await;
    assert_eq!(audited, 2);

    let shown = app.get_json("/api/v1/letters/why/reasons").await;
    let reasons = shown["reasons"].as_array().unwrap();
    assert_eq!(reasons.len(), 2);
    let anon = reasons.iter().find(|r| r["anonymous"] == true).unwrap();
    assert_eq!(anon["name"], Value::Null);
    assert_eq!(anon["verified_domain"], "orbitek.com");
    assert_eq!(anon["text"], "I build it, and I will not build this.");
    let named = reasons.iter().find(|r| r["anonymous"] == false).unwrap();
    assert_eq!(named["name"], "Ada Lovelace");
    let page = app.get_text("/letters/why").await;
    assert!(page.contains("Why they signed"));
    assert!(page.contains("I build it, and I will not build this."));
    for surface in [shown.to_string(), page] {
        assert!(!surface.contains(HIDDEN), "the hidden name shows");
        assert!(!surface.contains("zq@orbitek.com"), "an address shows");
    }

    // A withdrawn signature takes its reason with it.
    let withdraw = app.mail.nth(1).await.link(&app.url("/withdraw/"));
    assert_eq!(app.press_button_behind_status(&withdraw).await, 200);
    let after = app.get_json("/api/v1/letters/why/reasons").await;
    assert_eq!(after["reasons"].as_array().unwrap().len(), 1);
}
