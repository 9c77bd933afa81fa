//! Counts kept without a hot row: shard rows written by a trigger in each
//! signature's transaction, summed to read, and checked by a recount.

use reqwest::Method;
use sea_orm::ConnectionTrait;
use serde_json::{json, Value};
use undersigned::db::counts;
use undersigned::db::entities::user::Role;

use crate::support::{spawn_on, Backend, LetterSpec, TestApp};

/// The count the public sees, next to a `COUNT(*)` of the signatures.
async fn public_and_exact(app: &TestApp, slug: &str, group: Option<&str>) -> (u64, i64) {
    let letter = app.get_json(&format!("/api/v1/letters/{slug}")).await;
    let public = match group {
        None => letter["signature_count"].as_u64().unwrap(),
        Some(g) => letter["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["slug"] == g)
            .unwrap()["signature_count"]
            .as_u64()
            .unwrap(),
    };
    let group_filter = match group {
        None => String::new(),
        Some(g) => format!(" AND s.group_id = (SELECT id FROM letter_groups WHERE slug = '{g}')"),
    };
    let sql = format!(
        "SELECT COUNT(*) AS n FROM signatures s JOIN letters l ON l.id = s.letter_id \
         WHERE l.slug = '{slug}' AND s.status = 'confirmed'{group_filter}"
    );
    (public, app.scalar(&sql).await)
}

async fn every_path_that_moves_a_signature_keeps_the_count_exact(backend: Backend) {
    let app = spawn_on(backend).await;
    app.create_letter(LetterSpec {
        groups: vec![("acme", "Acme", "acme.test")],
        allow_group_proposals: true,
        ..LetterSpec::published("open")
    })
    .await;
    app.create_letter(LetterSpec {
        requires_approval: true,
        ..LetterSpec::published("vetted")
    })
    .await;
    app.add_user("mod@undersigned.test", Role::Moderator).await;
    let token = app.api_token("mod@undersigned.test").await;

    // Twelve confirmed on the open letter: in a group, verified or not, proposing one.
    let mut mail = 0;
    for i in 0..12 {
        let mut body = json!({"name": format!("Signer {i}"), "email": format!("s{i}@{}", if i % 2 == 0 { "acme.test" } else { "example.org" })});
        if i < 8 {
            body["group"] = json!("acme");
        } else {
            body["new_group"] = json!("Umbrella Corp");
        }
        mail += 1;
        app.sign_and_confirm("open", body, mail).await;
    }
    assert_eq!(public_and_exact(&app, "open", None).await, (12, 12));
    assert_eq!(public_and_exact(&app, "open", Some("acme")).await, (8, 8));

    // Withdraw one (by its link), hide one, accept the proposal with a domain
    // (its four signatures join a public group, two of them verified).
    let withdraw = app.mail.nth(1).await.link(&app.url("/withdraw/"));
    assert_eq!(app.press_button_behind(&withdraw).await.status(), 200);
    let list: Value = app
        .api(
            Method::GET,
            "/moderation/signatures?letter=open&status=confirmed",
            Some(&token),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    let id = list["signatures"][0]["id"].as_i64().unwrap();
    let res = app
        .api(
            Method::POST,
            &format!("/moderation/signatures/{id}/hide"),
            Some(&token),
            Some(json!({"reason": "duplicate"})),
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = app
        .api(
            Method::POST,
            "/letters/open/groups/umbrella-corp/accept",
            Some(&token),
            Some(json!({"email_domains": ["acme.test"]})),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(public_and_exact(&app, "open", None).await, (10, 10));
    assert_eq!(
        public_and_exact(&app, "open", Some("umbrella-corp")).await,
        (4, 4)
    );
    let letter = app.get_json("/api/v1/letters/open").await;
    // Verified: acme.test addresses in either group, less the withdrawn s0 and
    // whichever was hidden if it was one of them.
    let verified_exact = app
        .scalar("SELECT COUNT(*) AS n FROM signatures WHERE status = 'confirmed' AND verified_affiliation")
        .await;
    assert_eq!(letter["verified_count"].as_i64().unwrap(), verified_exact);
    assert!(verified_exact >= 4, "{letter}");

    // A bulk invalidation of a domain (the padding view shows it): the
    // counts follow, the whole letter's and each group's.
    let report = app
        .api(
            Method::GET,
            "/moderation/letters/open/padding",
            Some(&token),
            None,
        )
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert!(
        report["bursts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["domain"] == "example.org"),
        "{report}"
    );
    let res = app
        .api(
            Method::POST,
            "/moderation/letters/open/invalidate",
            Some(&token),
            Some(
                json!({"domain": "example.org", "from": "2000-01-01T00:00:00Z",
                        "until": "2100-01-01T00:00:00Z", "reason": "a test"}),
            ),
        )
        .await;
    assert_eq!(res.status(), 200);
    let invalidated = res.json::<Value>().await.unwrap()["invalidated"]
        .as_u64()
        .unwrap();
    assert!((5..=6).contains(&invalidated), "{invalidated}");
    let open_now = 10 - invalidated as i64;
    assert_eq!(
        public_and_exact(&app, "open", None).await,
        (open_now as u64, open_now)
    );
    for group in ["acme", "umbrella-corp"] {
        let (public, exact) = public_and_exact(&app, "open", Some(group)).await;
        assert_eq!(public as i64, exact, "{group}");
    }

    // Approval: confirmed-but-awaiting does not count until approved.
    mail += 1;
    app.sign_and_confirm(
        "vetted",
        json!({"name": "Pat", "email": "pat@example.org"}),
        mail,
    )
    .await;
    assert_eq!(public_and_exact(&app, "vetted", None).await, (0, 0));
    let waiting: Value = app
        .api(
            Method::GET,
            "/moderation/signatures?letter=vetted&status=awaiting_approval",
            Some(&token),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    let id = waiting["signatures"][0]["id"].as_i64().unwrap();
    app.api(
        Method::POST,
        &format!("/moderation/signatures/{id}/approve"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(public_and_exact(&app, "vetted", None).await, (1, 1));

    // The recount agrees with every count kept.
    assert_eq!(counts::recount(&app.db).await.unwrap(), vec![]);

    // A count that has drifted (written behind the trigger's back) is found and corrected.
    app.db
        .execute_unprepared(
            "UPDATE signature_counts SET n = n + 5 WHERE group_key = -1 AND NOT verified \
             AND letter_id = (SELECT id FROM letters WHERE slug = 'open')",
        )
        .await
        .unwrap();
    let drifts = counts::recount(&app.db).await.unwrap();
    assert_eq!(drifts.len(), 1, "{drifts:?}");
    assert!(
        drifts[0].delta < 0 && drifts[0].delta % 5 == 0,
        "{drifts:?}"
    );
    assert_eq!(
        public_and_exact(&app, "open", None).await,
        (open_now as u64, open_now)
    );
    assert_eq!(counts::recount(&app.db).await.unwrap(), vec![]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_path_that_moves_a_signature_keeps_the_count_exact_on_postgres() {
    every_path_that_moves_a_signature_keeps_the_count_exact(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_path_that_moves_a_signature_keeps_the_count_exact_on_sqlite() {
    every_path_that_moves_a_signature_keeps_the_count_exact(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_confirmations_spread_over_shards_and_count_exactly() {
    let app = spawn_on(Backend::Postgres).await;
    app.create_letter(LetterSpec::published("hot")).await;
    let n = 40;
    for i in 0..n {
        let res = app
            .sign_api(
                "hot",
                json!({"name": format!("S{i}"), "email": format!("s{i}@example.org")}),
            )
            .await;
        assert_eq!(res.status(), 202);
    }
    let mails = app.mail.wait_for(n).await;
    let confirms = mails.iter().map(|m| app.confirm_api(m.token("/confirm/")));
    let statuses = futures::future::join_all(confirms).await;
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    assert_eq!(
        public_and_exact(&app, "hot", None).await,
        (n as u64, n as i64)
    );
    let shards = app
        .scalar("SELECT COUNT(*) AS n FROM signature_counts WHERE group_key = -1")
        .await;
    assert!(shards > 1, "the count is spread over shards, not one row");

    // One statement that moves many signatures out of the count and back (as
    // a batch of confirmations moves many in) keeps it exact.
    use sea_orm::ConnectionTrait;
    let hide = "UPDATE signatures SET status = 'hidden' WHERE id % 3 = 0";
    app.db.execute_unprepared(hide).await.unwrap();
    let hidden = app
        .scalar("SELECT COUNT(*) AS n FROM signatures WHERE status = 'hidden'")
        .await;
    assert!(hidden > 5, "{hidden}");
    let left = n as i64 - hidden;
    assert_eq!(
        public_and_exact(&app, "hot", None).await,
        (left as u64, left)
    );
    let unhide = "UPDATE signatures SET status = 'confirmed' WHERE status = 'hidden'";
    app.db.execute_unprepared(unhide).await.unwrap();
    assert_eq!(
        public_and_exact(&app, "hot", None).await,
        (n as u64, n as i64)
    );

    // One link pressed six times at once (confirmations are written in batches):
    // one press confirms, the others are told the link is spent.
    let res = app
        .sign_api(
            "hot",
            json!({"name": "Racer", "email": "racer@example.org"}),
        )
        .await;
    assert_eq!(res.status(), 202);
    let token = app
        .mail
        .nth(n + 1)
        .await
        .link(&app.url("/confirm/"))
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let presses = (0..6).map(|_| {
        let http = app.http.clone();
        let url = app.url("/api/v1/confirm");
        let token = token.clone();
        async move {
            http.post(url)
                .json(&json!({ "token": token }))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    });
    let mut statuses = futures::future::join_all(presses).await;
    statuses.sort();
    assert_eq!(statuses, [200, 410, 410, 410, 410, 410]);
    assert_eq!(
        public_and_exact(&app, "hot", None).await,
        (n as u64 + 1, n as i64 + 1)
    );
    assert_eq!(counts::recount(&app.db).await.unwrap(), vec![]);
}
