//! Padding spotted: the moderators' view of bursts per domain and hour,
//! disposable-mail domains and names written several ways, and the bulk
//! invalidation after which the count, the signature log and the audit log
//! agree, with no mail to the signers.

use reqwest::Method;
use sea_orm::ConnectionTrait;
use serde_json::{json, Value};

use crate::log::{settled, verify};
use crate::support::*;
use undersigned::db::entities::user::Role;

const M: &str = "mod@example.org";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_spots_a_burst_and_invalidates_it_and_count_log_and_audit_agree() {
    let app = spawn_app().await;
    let letter = app.create_letter(LetterSpec::published("padded")).await;
    app.add_user(M, Role::Moderator).await;
    let m = app.api_token(M).await;
    let id = letter.id;
    // (name, address, signed at, status): 40 from burst.example within the
    // hour of 10:00 and 2 an hour later, one from a subdomain, one withdrawn
    // in the burst; 5 at a disposable domain; 20 ordinary signers, among them
    // one name written four ways.
    let mut rows: Vec<(String, String, String, &str)> = Vec::new();
    for i in 0..40 {
        rows.push((
            format!("Burst Person {i}"),
            format!("p{i}@burst.example"),
            format!("2026-12-01 10:{:02}:00+00", i % 60),
            "confirmed",
        ));
    }
    for i in 0..2 {
        rows.push((
            format!("Later {i}"),
            format!("l{i}@burst.example"),
            "2026-12-01 11:05:00+00".into(),
            "confirmed",
        ));
    }
    rows.push((
        "Sub Person".into(),
        "s@lab.burst.example".into(),
        "2026-12-01 10:30:00+00".into(),
        "confirmed",
    ));
    rows.push((
        "Gone Person".into(),
        "g@burst.example".into(),
        "2026-12-01 10:31:00+00".into(),
        "withdrawn",
    ));
    for i in 0..5 {
        rows.push((
            format!("Throwaway {i}"),
            format!("t{i}@mailinator.com"),
            "2026-12-01 12:00:00+00".into(),
            "confirmed",
        ));
    }
    let spellings = [
        "Maria Fernandez",
        "maria fernandez",
        "Fernández, María",
        "Maria Fernandes",
    ];
    for i in 0..20 {
        let name = spellings
            .get(i)
            .map(|s| s.to_string())
            .unwrap_or(format!("Signer Number {i}"));
        rows.push((
            name,
            format!("o{i}@stanford.edu"),
            format!("2026-11-{:02} 09:00:00+00", 10 + i),
            "confirmed",
        ));
    }
    for (name, email, at, status) in &rows {
        app.db
            .execute_unprepared(&format!(
                "INSERT INTO signatures (letter_id, name, email, email_normalized, anonymous, updates, \
                   verified_affiliation, status, created_at, confirmed_at) \
                 VALUES ({id}, '{name}', '{email}', '{email}', false, true, false, '{status}', '{at}', '{at}')",
                name = name.replace('\'', "''"),
            ))
            .await
            .unwrap();
    }
    let counted = rows.iter().filter(|r| r.3 == "confirmed").count() as u64;
    assert_eq!(counted, 68);
    settled(&app, "padded", counted).await;
    let outbox_before = app.scalar("SELECT COUNT(*) AS n FROM outbox").await;

    let report: Value = app
        .api(
            Method::GET,
            "/moderation/letters/padded/padding",
            Some(&m),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    let first = &report["bursts"][0];
    assert_eq!(first["domain"], "burst.example", "{report}");
    assert_eq!(first["signatures"], 40, "the withdrawn one is not counted");
    assert!(first["hour"]
        .as_str()
        .unwrap()
        .starts_with("2026-12-01T10:00:00"));
    assert_eq!(first["disposable"], false);
    assert_eq!(
        report["disposable"],
        json!([{"domain": "mailinator.com", "signatures": 5}])
    );
    let maria = report["names"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["spellings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s == "Maria Fernandes")
        })
        .unwrap_or_else(|| panic!("no cluster for the four spellings: {report}"));
    assert_eq!(maria["signatures"], 4);
    assert_eq!(maria["spellings"].as_array().unwrap().len(), 4);

    // Bad input: a clear error, and nothing changes.
    let before = app.snapshot().await;
    for (body, field) in [
        (
            json!({"domain": "burst.example", "from": "2026-12-01T11:00:00Z", "until": "2026-12-01T10:00:00Z", "reason": "burst"}),
            "until",
        ),
        (
            json!({"domain": "not a domain", "from": "2026-12-01T10:00:00Z", "until": "2026-12-01T11:00:00Z", "reason": "burst"}),
            "domain",
        ),
        (
            json!({"domain": "burst.example", "from": "yesterday", "until": "2026-12-01T11:00:00Z", "reason": "burst"}),
            "from",
        ),
        (
            json!({"domain": "burst.example", "from": "2026-12-01T10:00:00Z", "until": "2026-12-01T11:00:00Z"}),
            "reason",
        ),
    ] {
        let res = app
            .api(
                Method::POST,
                "/moderation/letters/padded/invalidate",
                Some(&m),
                Some(body),
            )
            .await;
        assert_eq!(res.status(), 422);
        let err: Value = res.json().await.unwrap();
        assert!(err["errors"][field].is_string(), "{err}");
    }
    let res = app
        .api(
            Method::POST,
            "/moderation/letters/nope/invalidate",
            Some(&m),
            Some(json!({"domain": "burst.example", "from": "2026-12-01T10:00:00Z", "until": "2026-12-01T11:00:00Z", "reason": "x"})),
        )
        .await;
    assert_eq!(res.status(), 404);
    assert_eq!(
        app.snapshot().await,
        before,
        "a refused invalidation changed something"
    );

    // The burst hour, the domain and its subdomain: 41 signatures leave.
    let res = app
        .api(
            Method::POST,
            "/moderation/letters/padded/invalidate",
            Some(&m),
            Some(
                json!({"domain": "burst.example", "from": "2026-12-01T10:00:00Z",
                        "until": "2026-12-01T11:00:00Z", "reason": "A burst of made-up names"}),
            ),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.json::<Value>().await.unwrap(),
        json!({"invalidated": 41})
    );
    let left = counted - 41;
    settled(&app, "padded", left).await;
    assert_eq!(app.count("padded").await, left, "the page's count");
    let log = verify(&app, "padded").await;
    assert_eq!(log.count, left as i64, "the log's count");
    let removed: Vec<&Value> = log
        .entries
        .iter()
        .filter(|e| e["leaf"]["op"] == "remove")
        .collect();
    assert_eq!(removed.len(), 41);
    assert!(removed.iter().all(|e| e["leaf"]["reason"] == "invalidated"));
    let audit: Value = app
        .api(
            Method::GET,
            "/moderation/audit?letter=padded",
            Some(&m),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    let entries: Vec<&Value> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "signature.invalidate")
        .collect();
    assert_eq!(entries.len(), 41, "one audit entry per signature");
    assert!(entries
        .iter()
        .all(|e| e["reason"] == "A burst of made-up names" && e["actor"] == M));
    assert_eq!(
        app.scalar("SELECT COUNT(*) AS n FROM signatures WHERE status = 'invalidated'")
            .await,
        41
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) AS n FROM signatures WHERE status = 'confirmed' AND email LIKE 'l%@burst.example'").await,
        2,
        "outside the range: kept"
    );
    let names = app.public_names("padded").await;
    assert!(!names.iter().any(|n| n.starts_with("Burst Person")));
    assert!(names.iter().any(|n| n.starts_with("Later")));
    // No mail to the signers, and the view no longer shows the burst.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) AS n FROM outbox").await,
        outbox_before
    );
    let report: Value = app
        .api(
            Method::GET,
            "/moderation/letters/padded/padding",
            Some(&m),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_ne!(report["bursts"][0]["domain"], "burst.example");
}
