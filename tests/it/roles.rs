//! The campaign's new routes by every role: anonymous, another organiser, the
//! campaign's viewer, editor and owner, the lead of this group, the lead of
//! another group, a moderator. Whoever is refused changes nothing.

use reqwest::Method;
use serde_json::{json, Value};

use crate::teams::invite_and_join;
use crate::volunteers::{campaign_with_a_lead, LEAD, ORGANISER};
use undersigned::db::entities::user::Role;

const VIEWER: &str = "viewer@example.org";
const EDITOR: &str = "editor@example.org";
const OTHER_LEAD: &str = "lead@stanford.edu";
const MODERATOR: &str = "mod@example.org";
const OUTSIDER: &str = "outsider@example.org";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_role_may_do_what_it_says_on_paper_volunteers_and_removals_and_no_more() {
    let app = campaign_with_a_lead().await;
    for who in [VIEWER, EDITOR, OTHER_LEAD] {
        app.add_user(who, Role::Organiser).await;
    }
    let org = app.api_token(ORGANISER).await;
    invite_and_join(&app, &org, "/campaigns/no-tech", VIEWER, "viewer", 2).await;
    invite_and_join(&app, &org, "/campaigns/no-tech", EDITOR, "editor", 3).await;
    let res = app
        .api(
            Method::POST,
            "/letters/pledge/groups/stanford/leads",
            Some(&org),
            Some(json!({"email": OTHER_LEAD})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let link = app.mail.nth(4).await.link(&app.url("/invitations/"));
    let path = link.trim_start_matches(&app.base).to_owned();
    let other_lead = app.browser_logged_in(OTHER_LEAD).await;
    let page = other_lead.get_text(&path).await;
    assert_eq!(other_lead.post_form(&path, &page, &[]).await.status(), 303);
    // One volunteer at each campus, confirmed.
    for (n, (name, email, group)) in [
        ("Ana Slug", "ana@ucsc.edu", "ucsc"),
        ("Sam Tree", "sam@stanford.edu", "stanford"),
    ]
    .into_iter()
    .enumerate()
    {
        let res = app
            .http
            .post(app.url("/api/v1/campaigns/no-tech/volunteers"))
            .json(&json!({"name": name, "email": email, "group": group}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 202);
        let link = app
            .mail
            .nth(5 + 2 * n)
            .await
            .link(&app.url("/volunteers/confirm/"));
        assert_eq!(app.press_button_behind(&link).await.status(), 200);
        app.mail.nth(6 + 2 * n).await;
    }
    // A batch to remove.
    let res = app
        .api(
            Method::POST,
            "/letters/pledge/paper",
            Some(&org),
            Some(json!({"count": 3, "collected_on": "2026-11-20", "place": "Quad"})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let batch = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();

    let tokens: Vec<(&str, Option<String>)> = vec![
        ("anonymous", None),
        ("another organiser", Some(app.api_token(OUTSIDER).await)),
        ("viewer", Some(app.api_token(VIEWER).await)),
        ("editor", Some(app.api_token(EDITOR).await)),
        ("owner", Some(org.clone())),
        ("lead of ucsc", Some(app.api_token(LEAD).await)),
        ("lead of stanford", Some(app.api_token(OTHER_LEAD).await)),
        ("moderator", Some(app.api_token(MODERATOR).await)),
    ];
    let paper =
        json!({"group": "ucsc", "count": 2, "collected_on": "2026-11-21", "place": "Teach-in"});
    // (method, path, body, the answer for each role in the order above)
    let cases: Vec<(Method, String, Option<Value>, [u16; 8])> = vec![
        (
            Method::POST,
            "/letters/pledge/paper".into(),
            Some(paper),
            [401, 403, 403, 201, 201, 201, 403, 403],
        ),
        (
            Method::GET,
            "/campaigns/no-tech/volunteers".into(),
            None,
            [401, 403, 200, 200, 200, 200, 200, 403],
        ),
        (
            Method::POST,
            format!("/moderation/paper/{batch}/remove"),
            Some(json!({"reason": "A duplicate."})),
            [401, 403, 403, 403, 403, 403, 403, 200],
        ),
    ];
    for (method, path, body, expected) in &cases {
        for ((who, token), want) in tokens.iter().zip(expected) {
            let before = app.snapshot().await;
            let res = app
                .api(method.clone(), path, token.as_deref(), body.clone())
                .await;
            assert_eq!(res.status().as_u16(), *want, "{method} {path} as {who}");
            if *want >= 400 {
                assert_eq!(
                    app.snapshot().await,
                    before,
                    "{method} {path} refused to {who} changed something"
                );
            } else if *method == Method::GET {
                // Each sees the volunteers their role says.
                let list: Value = res.json().await.unwrap();
                let names: Vec<&str> = list["volunteers"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v["name"].as_str().unwrap())
                    .collect();
                let expected: &[&str] = match *who {
                    "lead of ucsc" => &["Ana Slug"],
                    "lead of stanford" => &["Sam Tree"],
                    _ => &["Sam Tree", "Ana Slug"],
                };
                assert_eq!(names, expected, "the volunteers {who} sees");
            }
        }
    }
}
