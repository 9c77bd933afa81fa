//! Personal data is kept no longer than needed: unconfirmed signatures expire,
//! letters closed long ago keep their counts but not who signed, old mail goes.

use sea_orm::ConnectionTrait;
use serde_json::json;

use crate::support::*;
use undersigned::config::Settings;

#[tokio::test]
async fn unconfirmed_signatures_expire_and_letters_closed_long_ago_keep_counts_but_not_names() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec::published("open")).await;
    app.create_letter(LetterSpec {
        groups: vec![("mit", "MIT", "mit.edu")],
        ..LetterSpec::published("old")
    })
    .await;
    app.create_letter(LetterSpec::published("recent")).await;
    // On the open letter: an unconfirmed signature from three weeks ago, one
    // from today, and a confirmed one.
    for email in ["stale@example.org", "fresh@example.org"] {
        let res = app
            .sign_api("open", json!({"name": "Waiting Person", "email": email}))
            .await;
        assert_eq!(res.status(), 202);
    }
    app.sign_and_confirm(
        "open",
        json!({"name": "Kept Person", "email": "kept@example.org"}),
        3,
    )
    .await;
    // On the letters that will be closed: named, verified and titled signatures.
    app.sign_and_confirm(
        "old",
        json!({"name": "Annabel Quist", "email": "annabel@mit.edu", "group": "mit", "title": "Professor"}),
        4,
    )
    .await;
    app.sign_and_confirm(
        "old",
        json!({"name": "Bartholomew Ode", "email": "bart@example.org", "affiliation": "Ode & Sons",
               "reason": "Sincerely held by Bartholomew"}),
        5,
    )
    .await;
    app.sign_and_confirm(
        "recent",
        json!({"name": "Recent Closer", "email": "rc@example.org"}),
        6,
    )
    .await;
    for sql in [
        "UPDATE signatures SET created_at = created_at - interval '21 days' WHERE email = 'stale@example.org'",
        "UPDATE letters SET status = 'closed', closed_at = now() - interval '200 days' WHERE slug = 'old'",
        "UPDATE letters SET status = 'closed', closed_at = now() - interval '3 days' WHERE slug = 'recent'",
        "UPDATE outbox SET created_at = created_at - interval '40 days' WHERE to_address = 'kept@example.org'",
    ] {
        app.db.execute_unprepared(sql).await.unwrap();
    }
    let before = app.get_json("/api/v1/letters/old").await;
    assert_eq!(
        (
            before["signature_count"].as_u64(),
            before["verified_count"].as_u64()
        ),
        (Some(2), Some(1))
    );

    let settings = Settings::default();
    let pass = undersigned::app::retention::run(&app.db, &settings)
        .await
        .unwrap();
    assert_eq!(pass.unconfirmed_deleted, 1, "{pass:?}");
    assert_eq!(pass.signatures_anonymised, 2, "{pass:?}");
    assert_eq!(pass.mail_deleted, 1, "{pass:?}");

    // The stale one is gone with its links; the fresh one waits on.
    assert_eq!(
        app.scalar("SELECT COUNT(*) AS n FROM signatures WHERE email = 'stale@example.org'")
            .await,
        0
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) AS n FROM signatures WHERE email = 'fresh@example.org'")
            .await,
        1
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) AS n FROM tokens t WHERE NOT EXISTS (SELECT 1 FROM signatures s WHERE s.id = t.signature_id) AND t.signature_id IS NOT NULL")
            .await,
        0
    );
    // Nothing of who signed the old letter is left anywhere in the database.
    for who in [
        "Annabel",
        "Quist",
        "annabel@",
        "Bartholomew",
        "bart@",
        "Professor",
        "Ode & Sons",
        "Sincerely held",
    ] {
        let n = app
            .scalar(&format!(
                "SELECT COUNT(*) AS n FROM signatures WHERE name LIKE '%{who}%' OR email LIKE '%{who}%' \
                 OR email_normalized LIKE '%{who}%' OR title LIKE '%{who}%' OR affiliation LIKE '%{who}%' \
                 OR reason LIKE '%{who}%'"
            ))
            .await;
        assert_eq!(n, 0, "{who} is still stored");
    }
    // The counts, the verified count and the list's length stand.
    let after = app.get_json("/api/v1/letters/old").await;
    assert_eq!(after["signature_count"], before["signature_count"]);
    assert_eq!(after["verified_count"], before["verified_count"]);
    assert_eq!(after["groups"][0]["signature_count"], 1);
    let list = app.get_json("/api/v1/letters/old/signatures").await;
    let rows = list["signatures"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows
        .iter()
        .all(|s| s["anonymous"] == true && s["name"].is_null()));
    let csv = app.get_text("/letters/old/signatures.csv").await;
    assert!(!csv.contains("Annabel") && !csv.contains("Professor"));
    // A letter closed three days ago and an open one are untouched.
    assert_eq!(app.public_names("recent").await, ["Recent Closer"]);
    assert_eq!(app.public_names("open").await, ["Kept Person"]);
    // Old mail about a signature that stands is gone; newer mail is not.
    assert_eq!(
        app.scalar("SELECT COUNT(*) AS n FROM outbox WHERE to_address = 'kept@example.org'")
            .await,
        0
    );
    assert!(app.rows("outbox").await > 0);

    // A second pass finds nothing more to do.
    let again = undersigned::app::retention::run(&app.db, &settings)
        .await
        .unwrap();
    assert_eq!(again.signatures_anonymised, 0);
    assert_eq!(again.unconfirmed_deleted, 0);
}
