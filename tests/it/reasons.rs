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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_approves_and_rejects_reasons_in_bulk_on_a_page() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec::published("bulk-why")).await;
    for (n, (name, reason)) in [
        ("Ada", "Because the data is ours."),
        ("Bo", "Because I was asked to."),
        ("Cy", "Buy cheap watches here"),
    ]
    .into_iter()
    .enumerate()
    {
        let email = format!("{}@example.org", name.to_lowercase());
        app.sign_and_confirm(
            "bulk-why",
            json!({"name": name, "email": email, "reason": reason}),
            n + 1,
        )
        .await;
    }
    app.add_user("mod@example.org", Role::Moderator).await;
    let moderator = app.browser_logged_in("mod@example.org").await;
    assert!(moderator
        .get_text("/moderation")
        .await
        .contains("3 reasons to review"));
    let page = moderator.get_text("/moderation/reasons").await;
    for text in ["Because the data is ours.", "Buy cheap watches here"] {
        assert!(page.contains(text), "{text} waits");
    }
    let id = |name: &str| {
        let sql = format!("SELECT id AS n FROM signatures WHERE name = '{name}'");
        let app = &app;
        async move { app.scalar(&sql).await.to_string() }
    };
    let (ada, bo, cy) = (id("Ada").await, id("Bo").await, id("Cy").await);
    let bulk = "/moderation/reasons/bulk";
    // A made-up action is refused and decides nothing.
    let res = moderator
        .submit(
            "/moderation/reasons",
            bulk,
            &[("ids", &ada), ("action", "publish")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let res = moderator
        .submit(
            "/moderation/reasons",
            bulk,
            &[("ids", &ada), ("ids", &bo), ("action", "approve")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let res = moderator
        .submit(
            "/moderation/reasons",
            bulk,
            &[("ids", &cy), ("action", "reject")],
        )
        .await;
    assert_eq!(res.status(), 303);

    let page = moderator.get_text("/moderation/reasons").await;
    assert!(page.contains("No reasons are waiting."));
    let letter = app.get_text("/letters/bulk-why").await;
    assert!(
        letter.contains("Because the data is ours.") && letter.contains("Because I was asked to.")
    );
    assert!(!letter.contains("Buy cheap watches here"));
    assert_eq!(
        app.scalar("SELECT COUNT(*) AS n FROM audit_log WHERE action IN ('reason.approve', 'reason.reject')")
            .await,
        3
    );
}
