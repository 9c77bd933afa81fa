//! Who may do what: every organiser and moderator route refuses the wrong
//! caller, a forged or missing CSRF token, and changes nothing when it does.

use reqwest::Method;
use serde_json::{json, Value};
use undersigned::db::entities::user::Role;

use crate::support::{spawn_app, Browser, TestApp, PASSWORD};

/// (action, fields, who may post it, status for organiser B with a valid token)
type FormCase<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a Browser, u16);

const A: &str = "a@example.org";
const B: &str = "b@example.org";
const M: &str = "m@example.org";

/// A with a draft and a published letter (with one signature and an update
/// in review), B another organiser, M a moderator. The signature's id and the
/// update's.
async fn world() -> (TestApp, i64, i64) {
    let app = spawn_app().await;
    app.add_user(A, Role::Organiser).await;
    app.add_user(B, Role::Organiser).await;
    app.add_user(M, Role::Moderator).await;
    let a = app.api_token(A).await;
    let m = app.api_token(M).await;
    for slug in ["a-draft", "a-live"] {
        let res = app
            .api(
                Method::POST,
                "/letters",
                Some(&a),
                Some(json!({"slug": slug, "title": slug, "summary": "s", "body": "b", "category": "other"})),
            )
            .await;
        assert_eq!(res.status(), 201);
    }
    app.api(Method::POST, "/letters/a-live/submit", Some(&a), None)
        .await;
    app.api(
        Method::POST,
        "/moderation/letters/a-live/publish",
        Some(&m),
        None,
    )
    .await;
    app.sign_and_confirm(
        "a-live",
        json!({"name": "Sam", "email": "sam@example.org"}),
        1,
    )
    .await;
    let sigs: Value = app
        .api(
            Method::GET,
            "/moderation/signatures?status=confirmed",
            Some(&m),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    let id = sigs["signatures"][0]["id"].as_i64().unwrap();
    let res = app
        .api(
            Method::PATCH,
            "/letters/a-live",
            Some(&a),
            Some(json!({"recipients": [{"name": "Chairs", "email": "chairs@example.org"}]})),
        )
        .await;
    assert_eq!(res.status(), 200);
    let update: Value = app
        .api(
            Method::POST,
            "/letters/a-live/updates",
            Some(&a),
            Some(json!({"title": "News", "body": "We delivered it."})),
        )
        .await
        .json()
        .await
        .unwrap();
    // A draft campaign and a published one, with a-live as a front.
    for slug in ["a-camp-draft", "a-camp-live"] {
        let res = app
            .api(
                Method::POST,
                "/campaigns",
                Some(&a),
                Some(json!({"slug": slug, "title": slug, "summary": "s", "body": "b"})),
            )
            .await;
        assert_eq!(res.status(), 201);
    }
    app.api(
        Method::POST,
        "/campaigns/a-camp-live/submit",
        Some(&a),
        None,
    )
    .await;
    let res = app
        .api(
            Method::POST,
            "/moderation/campaigns/a-camp-live/publish",
            Some(&m),
            None,
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = app
        .api(
            Method::PATCH,
            "/letters/a-live",
            Some(&a),
            Some(json!({"campaign": "a-camp-live"})),
        )
        .await;
    assert_eq!(res.status(), 200);
    (app, id, update["id"].as_i64().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_routes_refuse_anonymous_callers_other_organisers_organisers_as_moderators_and_cookies()
{
    let (app, sig, update) = world().await;
    let b = app.api_token(B).await;
    let a_member = app
        .scalar("SELECT id AS n FROM team_members WHERE letter_id = (SELECT id FROM letters WHERE slug = 'a-live')")
        .await;
    let before = app.snapshot().await;

    let patch = json!({"title": "hijacked"});
    let letter =
        json!({"slug": "new-one", "title": "t", "summary": "s", "body": "b", "category": "other"});
    let reason = json!({"reason": "because"});
    // (method, path, body, status for nobody, status for organiser B)
    let cases: Vec<(Method, String, Option<Value>, u16, u16)> = vec![
        (
            Method::PATCH,
            "/letters/a-draft".into(),
            Some(patch.clone()),
            401,
            404,
        ),
        (
            Method::PATCH,
            "/letters/a-live".into(),
            Some(patch.clone()),
            401,
            403,
        ),
        (
            Method::POST,
            "/letters/a-draft/submit".into(),
            None,
            401,
            404,
        ),
        (Method::POST, "/letters/a-live/close".into(), None, 401, 403),
        (
            Method::POST,
            "/letters/a-draft/close".into(),
            None,
            401,
            404,
        ),
        (
            Method::GET,
            "/letters/a-live/export.csv".into(),
            None,
            401,
            403,
        ),
        (
            Method::GET,
            "/letters/a-draft/export.csv".into(),
            None,
            401,
            404,
        ),
        (Method::GET, "/letters/a-draft".into(), None, 404, 404),
        (Method::GET, "/moderation/letters".into(), None, 401, 403),
        (
            Method::POST,
            "/moderation/letters/a-draft/publish".into(),
            None,
            401,
            403,
        ),
        (
            Method::POST,
            "/moderation/letters/a-draft/reject".into(),
            Some(reason.clone()),
            401,
            403,
        ),
        (Method::GET, "/moderation/signatures".into(), None, 401, 403),
        (
            Method::POST,
            format!("/moderation/signatures/{sig}/approve"),
            None,
            401,
            403,
        ),
        (
            Method::POST,
            format!("/moderation/signatures/{sig}/reject"),
            Some(reason.clone()),
            401,
            403,
        ),
        (
            Method::POST,
            format!("/moderation/signatures/{sig}/hide"),
            Some(reason.clone()),
            401,
            403,
        ),
        (
            Method::POST,
            "/moderation/blocks".into(),
            Some(json!({"email_domain": "example.org"})),
            401,
            403,
        ),
        (Method::GET, "/moderation/audit".into(), None, 401, 403),
        (Method::GET, "/moderation/reasons".into(), None, 401, 403),
        (
            Method::POST,
            format!("/moderation/reasons/{sig}/approve"),
            None,
            401,
            403,
        ),
        (
            Method::POST,
            format!("/moderation/reasons/{sig}/reject"),
            None,
            401,
            403,
        ),
        (
            Method::POST,
            "/letters/a-live/updates".into(),
            Some(json!({"title": "Hijacked", "body": "b"})),
            401,
            403,
        ),
        (
            Method::POST,
            "/letters/a-draft/updates".into(),
            Some(json!({"title": "Hijacked", "body": "b"})),
            401,
            404,
        ),
        (
            Method::GET,
            format!("/letters/a-live/updates/{update}"),
            None,
            401,
            403,
        ),
        (Method::GET, "/moderation/updates".into(), None, 401, 403),
        (
            Method::POST,
            format!("/moderation/updates/{update}/publish"),
            None,
            401,
            403,
        ),
        (
            Method::POST,
            format!("/moderation/updates/{update}/reject"),
            Some(reason.clone()),
            401,
            403,
        ),
        (
            Method::PATCH,
            "/letters/a-live".into(),
            Some(json!({"recipients": [{"name": "Me", "email": "me@example.org"}]})),
            401,
            403,
        ),
        (
            Method::POST,
            "/letters/a-live/deliveries".into(),
            None,
            401,
            403,
        ),
        (
            Method::POST,
            "/letters/a-draft/deliveries".into(),
            None,
            401,
            404,
        ),
        (
            Method::PATCH,
            "/campaigns/a-camp-draft".into(),
            Some(patch.clone()),
            401,
            404,
        ),
        (
            Method::PATCH,
            "/campaigns/a-camp-live".into(),
            Some(json!({"help_options": ["Hijack"]})),
            401,
            403,
        ),
        (
            Method::POST,
            "/campaigns/a-camp-draft/submit".into(),
            None,
            401,
            404,
        ),
        (
            Method::POST,
            "/campaigns/a-camp-live/close".into(),
            None,
            401,
            403,
        ),
        (
            Method::POST,
            "/campaigns/a-camp-live/timeline".into(),
            Some(json!({"date": "2026-11-30", "title": "Fake win"})),
            401,
            403,
        ),
        (
            Method::GET,
            "/campaigns/a-camp-draft".into(),
            None,
            404,
            404,
        ),
        (Method::GET, "/moderation/campaigns".into(), None, 401, 403),
        (
            Method::POST,
            "/moderation/campaigns/a-camp-draft/publish".into(),
            None,
            401,
            403,
        ),
        (
            Method::POST,
            "/moderation/campaigns/a-camp-draft/reject".into(),
            Some(reason.clone()),
            401,
            403,
        ),
        (
            Method::POST,
            "/letters/a-draft/team".into(),
            Some(json!({"email": "b@example.org", "role": "owner"})),
            401,
            404,
        ),
        (
            Method::POST,
            "/letters/a-live/team".into(),
            Some(json!({"email": "b@example.org", "role": "owner"})),
            401,
            403,
        ),
        (Method::GET, "/letters/a-live/team".into(), None, 401, 403),
        (
            Method::PATCH,
            format!("/letters/a-live/team/{a_member}"),
            Some(json!({"role": "viewer"})),
            401,
            403,
        ),
        (
            Method::DELETE,
            format!("/letters/a-live/team/{a_member}"),
            None,
            401,
            403,
        ),
        (
            Method::POST,
            "/campaigns/a-camp-live/team".into(),
            Some(json!({"email": "b@example.org", "role": "editor"})),
            401,
            403,
        ),
        (
            Method::GET,
            "/campaigns/a-camp-draft/team".into(),
            None,
            401,
            404,
        ),
        (
            Method::POST,
            "/letters/a-live/paper".into(),
            Some(json!({"count": 5, "collected_on": "2026-11-20", "place": "Stall"})),
            401,
            403,
        ),
        (
            Method::POST,
            "/letters/a-draft/paper".into(),
            Some(json!({"count": 5, "collected_on": "2026-11-20", "place": "Stall"})),
            401,
            404,
        ),
        (
            Method::POST,
            "/moderation/paper/1/remove".into(),
            Some(reason.clone()),
            401,
            403,
        ),
        (
            Method::GET,
            "/moderation/letters/a-live/padding".into(),
            None,
            401,
            403,
        ),
        (
            Method::POST,
            "/moderation/letters/a-live/invalidate".into(),
            Some(
                json!({"domain": "example.org", "from": "2020-01-01T00:00:00Z",
                        "until": "2030-01-01T00:00:00Z", "reason": "padding"}),
            ),
            401,
            403,
        ),
        (
            Method::GET,
            "/campaigns/a-camp-live/volunteers".into(),
            None,
            401,
            403,
        ),
        (
            Method::GET,
            "/campaigns/a-camp-draft/volunteers".into(),
            None,
            401,
            404,
        ),
        (
            Method::POST,
            "/letters/a-live/webhooks".into(),
            Some(json!({"url": "https://hooks.example.org/x", "events": ["signature.confirmed"]})),
            401,
            403,
        ),
        (
            Method::POST,
            "/letters/a-draft/webhooks".into(),
            Some(json!({"url": "https://hooks.example.org/x", "events": ["signature.confirmed"]})),
            401,
            404,
        ),
        (
            Method::GET,
            "/letters/a-live/webhooks".into(),
            None,
            401,
            403,
        ),
        (
            Method::GET,
            "/letters/a-draft/webhooks".into(),
            None,
            401,
            404,
        ),
        (
            Method::GET,
            "/letters/a-live/webhooks/1/deliveries".into(),
            None,
            401,
            403,
        ),
        (
            Method::DELETE,
            "/letters/a-live/webhooks/1".into(),
            None,
            401,
            403,
        ),
        (
            Method::POST,
            "/campaigns/a-camp-live/webhooks".into(),
            Some(json!({"url": "https://hooks.example.org/x", "events": ["signature.confirmed"]})),
            401,
            403,
        ),
        (
            Method::GET,
            "/campaigns/a-camp-draft/webhooks".into(),
            None,
            401,
            404,
        ),
        (
            Method::DELETE,
            "/campaigns/a-camp-live/webhooks/1".into(),
            None,
            401,
            403,
        ),
        (Method::DELETE, "/session".into(), None, 401, 200),
    ];
    for (method, path, body, nobody, other) in &cases {
        let res = app.api(method.clone(), path, None, body.clone()).await;
        assert_eq!(
            res.status().as_u16(),
            *nobody,
            "{method} {path} with no credentials"
        );
        if *nobody == 401 {
            assert!(res.json::<Value>().await.unwrap()["error"].is_string());
        }
        let res = app
            .api(
                method.clone(),
                path,
                Some("not-a-token-at-all-but-43-characters-long-x"),
                body.clone(),
            )
            .await;
        assert_eq!(
            res.status().as_u16(),
            *nobody,
            "{method} {path} with a forged token"
        );
        if path != "/session" {
            let res = app.api(method.clone(), path, Some(&b), body.clone()).await;
            assert_eq!(
                res.status().as_u16(),
                *other,
                "{method} {path} as another organiser"
            );
        }
    }
    let res = app
        .api(Method::POST, "/letters", None, Some(letter.clone()))
        .await;
    assert_eq!(res.status(), 401);
    let res = app
        .api(Method::POST, "/campaigns", None, Some(letter.clone()))
        .await;
    assert_eq!(res.status(), 401);

    // A logged-in browser's cookie is not API credentials.
    let browser = app.browser_logged_in(A).await;
    let res = browser
        .http
        .post(app.url("/api/v1/letters/a-draft/submit"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);

    assert_eq!(
        app.snapshot().await,
        before,
        "a refused call changed something"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn html_routes_refuse_the_wrong_person_and_forms_without_a_valid_csrf_token() {
    let (app, sig, update) = world().await;
    let nobody = Browser::new(&app.base);
    let a = app.browser_logged_in(A).await;
    let b = app.browser_logged_in(B).await;
    let m = app.browser_logged_in(M).await;

    // Pages: nobody is sent to log in; B gets 404 on A's draft, 403 on A's public letter and on moderation.
    let pages: Vec<(&str, u16)> = vec![
        ("/organiser/campaigns/new", 200),
        ("/organiser/letters/a-live/team", 403),
        ("/organiser/letters/a-draft/team", 404),
        ("/organiser/campaigns/a-camp-live/team", 403),
        ("/organiser/campaigns/a-camp-draft", 404),
        ("/organiser/campaigns/a-camp-live", 403),
        ("/organiser/campaigns/a-camp-live/volunteers", 403),
        ("/organiser/campaigns/a-camp-live/volunteers.csv", 403),
        ("/organiser/campaigns/a-camp-draft/volunteers", 404),
        ("/dashboard", 200),
        ("/moderation/reasons", 403),
        ("/organiser/letters/a-live/delivery", 403),
        ("/organiser/letters/a-draft/delivery", 404),
        ("/organiser/letters/a-live/updates/new", 403),
        ("/organiser/letters/a-draft/updates/new", 404),
        ("/organiser/letters/new", 200),
        ("/organiser/letters/a-draft", 404),
        ("/organiser/letters/a-draft/preview", 404),
        ("/organiser/letters/a-live/export.csv", 403),
        ("/organiser/letters/a-draft/export.csv", 404),
        ("/moderation", 403),
        ("/moderation/letters/a-draft", 403),
        ("/moderation/signatures", 403),
        ("/moderation/blocks", 403),
        ("/moderation/audit", 403),
        ("/moderation/letters/a-live/padding", 403),
    ];
    for (path, for_b) in pages {
        let res = nobody.http.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 303, "GET {path} anonymously");
        assert_eq!(res.headers()["location"], "/login");
        let res = b.http.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status().as_u16(), for_b, "GET {path} as B");
    }
    for path in [
        "/organiser/letters/a-draft",
        "/organiser/campaigns/a-camp-draft",
        "/organiser/campaigns/a-camp-live/volunteers",
        "/organiser/campaigns/a-camp-live/volunteers.csv",
        "/organiser/letters/a-live/team",
        "/organiser/letters/a-live/delivery",
        "/organiser/letters/a-live/export.csv",
        "/moderation/audit",
        "/moderation/letters/a-live/padding",
    ] {
        let owner_or_mod = if path.starts_with("/moderation") {
            &m
        } else {
            &a
        };
        let res = owner_or_mod.http.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 200, "GET {path} as the right person");
    }
    let before = app.snapshot().await;

    // Forms: (action, fields, who may, status for B with a valid token).
    let sig_path = format!("/moderation/signatures/{sig}/hide");
    let sig_id = sig.to_string();
    let update_publish = format!("/moderation/updates/{update}/publish");
    let update_reject = format!("/moderation/updates/{update}/reject");
    let a_member = app
        .scalar("SELECT id AS n FROM team_members WHERE letter_id = (SELECT id FROM letters WHERE slug = 'a-live')")
        .await;
    let member_role = format!("/organiser/letters/a-live/team/{a_member}/role");
    let member_remove = format!("/organiser/letters/a-live/team/{a_member}/remove");
    let letter_fields: Vec<(&str, &str)> = vec![
        ("slug", "a-draft"),
        ("title", "hijacked"),
        ("summary", "s"),
        ("body", "b"),
        ("category", "other"),
        ("goal", ""),
        ("groups", ""),
        ("action", "save"),
    ];
    let forms: Vec<FormCase> = vec![
        ("/organiser/letters/a-draft", letter_fields.clone(), &a, 404),
        ("/organiser/letters/a-draft/submit", vec![], &a, 404),
        ("/organiser/letters/a-live/close", vec![], &a, 403),
        ("/moderation/letters/a-draft/publish", vec![], &m, 403),
        (
            "/moderation/letters/a-draft/reject",
            vec![("reason", "no")],
            &m,
            403,
        ),
        (&sig_path, vec![("reason", "spam"), ("back", "")], &m, 403),
        (
            "/moderation/signatures/bulk",
            vec![
                ("ids", &sig_id),
                ("action", "hide"),
                ("reason", "spam"),
                ("back", ""),
            ],
            &m,
            403,
        ),
        (
            "/moderation/blocks",
            vec![("target", "example.org"), ("reason", "x")],
            &m,
            403,
        ),
        (
            "/organiser/letters/a-live/updates",
            vec![
                ("title", "Hijacked"),
                ("body", "b"),
                ("kind", "update"),
                ("from", ""),
                ("action", "submit"),
            ],
            &a,
            403,
        ),
        (
            "/organiser/letters/a-live/recipients",
            vec![("recipients", "Me | me@example.org")],
            &a,
            403,
        ),
        ("/organiser/letters/a-live/deliveries", vec![], &a, 403),
        (&update_publish, vec![], &m, 403),
        (
            "/moderation/reasons/bulk",
            vec![("ids", &sig_id), ("action", "approve")],
            &m,
            403,
        ),
        (&update_reject, vec![("reason", "no")], &m, 403),
        (
            "/organiser/campaigns/a-camp-draft",
            vec![
                ("slug", "a-camp-draft"),
                ("title", "hijacked"),
                ("summary", "s"),
                ("body", "b"),
                ("targets", ""),
                ("help_options", ""),
                ("resources", ""),
            ],
            &a,
            404,
        ),
        ("/organiser/campaigns/a-camp-draft/submit", vec![], &a, 404),
        (
            "/organiser/campaigns/a-camp-live/timeline",
            vec![
                ("date", "2026-11-30"),
                ("title", "Fake"),
                ("body", ""),
                ("link", ""),
            ],
            &a,
            403,
        ),
        (
            "/organiser/campaigns/a-camp-live/letters",
            vec![("letter", "a-live")],
            &a,
            403,
        ),
        (
            "/moderation/campaigns/a-camp-draft/publish",
            vec![],
            &m,
            403,
        ),
        (
            "/moderation/campaigns/a-camp-draft/reject",
            vec![("reason", "no")],
            &m,
            403,
        ),
        (
            "/organiser/letters/a-live/team",
            vec![("email", "b@example.org"), ("role", "owner")],
            &a,
            403,
        ),
        (&member_role, vec![("role", "viewer")], &a, 403),
        (
            "/organiser/letters/a-live/paper",
            vec![
                ("count", "5"),
                ("collected_on", "2026-11-20"),
                ("place", "Stall"),
            ],
            &a,
            403,
        ),
        (
            "/moderation/paper/1/remove",
            vec![("reason", "no")],
            &m,
            403,
        ),
        (&member_remove, vec![], &a, 403),
        (
            "/moderation/letters/a-live/invalidate",
            vec![
                ("domain", "example.org"),
                ("from", "2020-01-01T00:00"),
                ("until", "2030-01-01T00:00"),
                ("reason", "padding"),
            ],
            &m,
            403,
        ),
    ];
    let page_of_b = b.get_text("/dashboard").await;
    for (action, fields, rightful, for_b) in &forms {
        // Nobody: sent to log in.
        let res = nobody
            .http
            .post(app.url(action))
            .form(fields)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "POST {action} anonymously");
        // B, with B's own valid token.
        let res = b.post_form(action, &page_of_b, fields).await;
        assert_eq!(res.status().as_u16(), *for_b, "POST {action} as B");
        // The rightful person, without a token and with a forged one.
        let res = rightful
            .http
            .post(app.url(action))
            .form(fields)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "POST {action} without a CSRF token");
        let mut forged = fields.clone();
        forged.push(("_csrf", "forged-token-forged-token-forged-token-abc"));
        let res = rightful
            .http
            .post(app.url(action))
            .form(&forged)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "POST {action} with a forged CSRF token");
        // Another browser's valid token does not transfer either.
        let res = rightful.post_form(action, &page_of_b, fields).await;
        assert_eq!(
            res.status(),
            403,
            "POST {action} with someone else's CSRF token"
        );
    }
    // An invitation link too: a made-up one shows nothing and joins nothing.
    let forged = "/invitations/forged-token-forged-token-forged-token-abc";
    assert_eq!(b.status_of(forged).await, 410);
    let res = nobody.http.post(app.url(forged)).send().await.unwrap();
    assert_eq!(res.status(), 303, "sent to log in");
    let res = b.post_form(forged, &page_of_b, &[]).await;
    assert_eq!(res.status(), 410);
    // An unsubscribe link is its own credential: a made-up one does nothing.
    let forged = app.url("/unsubscribe/forged-token-forged-token-forged-token-abc");
    assert_eq!(nobody.http.get(&forged).send().await.unwrap().status(), 410);
    let res = nobody
        .http
        .post(&forged)
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 410);
    // Signing up to organise is a public form, but it needs its token too;
    // a made-up confirmation link shows nothing and confirms nothing.
    let organise = [("name", "Forged"), ("email", "forged@example.org")];
    let res = nobody
        .http
        .post(app.url("/campaigns/a-camp-live/organise"))
        .form(&organise)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403, "signing up without a CSRF token");
    let forged = "/volunteers/confirm/forged-token-forged-token-forged-token-abc";
    assert_eq!(nobody.status_of(forged).await, 410);
    let page = nobody.get_text("/campaigns/a-camp-live/organise").await;
    assert_eq!(nobody.post_form(forged, &page, &[]).await.status(), 410);
    // Logging out needs the token too.
    let res = a.http.post(app.url("/logout")).send().await.unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(a.status_of("/dashboard").await, 200);

    assert_eq!(
        app.snapshot().await,
        before,
        "a refused form changed something"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_and_an_unknown_email_answer_identically_and_failures_are_limited() {
    let app = spawn_app().await;
    app.add_user(A, Role::Organiser).await;

    let try_api = |email: &'static str, password: &'static str| {
        let app = &app;
        async move {
            let res = app
                .http
                .post(app.url("/api/v1/session"))
                .json(&json!({"email": email, "password": password}))
                .send()
                .await
                .unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }
    };
    let wrong = try_api(A, "not the password at all").await;
    let unknown = try_api("nobody@example.org", "not the password at all").await;
    assert_eq!(wrong.0, 401);
    assert_eq!(wrong, unknown);

    let html = |email: &'static str| {
        let app = &app;
        async move {
            let res = Browser::new(&app.base)
                .submit(
                    "/login",
                    "/login",
                    &[("email", email), ("password", "not the password at all")],
                )
                .await;
            let status = res.status().as_u16();
            // The page echoes the address typed; compare everything else.
            (status, res.text().await.unwrap().replace(email, "EMAIL"))
        }
    };
    let wrong_page = html(B).await;
    app.add_user(B, Role::Organiser).await;
    let real_wrong_page = html(B).await;
    assert_eq!(wrong_page.0, 401);
    let strip_csrf = |s: &str| {
        regex::Regex::new(r#"value="[A-Za-z0-9_-]{43}""#)
            .unwrap()
            .replace_all(s, "")
            .into_owned()
    };
    assert_eq!(strip_csrf(&wrong_page.1), strip_csrf(&real_wrong_page.1));

    // After five failures on one account, even the right password waits.
    for _ in 0..4 {
        try_api(A, "still not the password").await;
    }
    let res = app
        .http
        .post(app.url("/api/v1/session"))
        .json(&json!({"email": A, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    let retry: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 0 && retry <= 15 * 60);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_reset_by_mailed_link_ends_every_session_and_hashes_are_argon2id() {
    let app = spawn_app().await;
    app.add_user(A, Role::Organiser).await;
    let old_browser = app.browser_logged_in(A).await;
    let old_token = app.api_token(A).await;

    // The same answer for a known and an unknown address; only the known one gets mail.
    let known = Browser::new(&app.base)
        .submit("/password/forgot", "/password/forgot", &[("email", A)])
        .await;
    let unknown = Browser::new(&app.base)
        .submit(
            "/password/forgot",
            "/password/forgot",
            &[("email", "ghost@example.org")],
        )
        .await;
    assert_eq!(known.status(), unknown.status());
    assert_eq!(
        known.text().await.unwrap(),
        unknown
            .text()
            .await
            .unwrap()
            .replace("ghost@example.org", A)
    );
    let mail = app.mail.nth(1).await;
    assert_eq!(mail.to, A);
    let link = mail.link(&app.url("/password/reset/"));

    let visitor = Browser::new(&app.base);
    let page = visitor.get_text(&link.replace(&app.base, "")).await;
    let action = link.replace(&app.base, "");
    let res = visitor
        .post_form(&action, &page, &[("password", "short")])
        .await;
    assert_eq!(res.status(), 422);
    let res = visitor
        .post_form(&action, &page, &[("password", "a brand new passphrase")])
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        visitor
            .post_form(&action, &page, &[("password", "a brand new passphrase")])
            .await
            .status(),
        410
    );

    // Every old session is over.
    assert_eq!(old_browser.status_of("/dashboard").await, 303);
    assert_eq!(
        app.api(Method::GET, "/moderation/letters", Some(&old_token), None)
            .await
            .status(),
        401
    );
    let res = Browser::new(&app.base)
        .submit(
            "/login",
            "/login",
            &[("email", A), ("password", "a brand new passphrase")],
        )
        .await;
    assert_eq!(res.status(), 303);

    // Stored as argon2id with OWASP's parameters.
    use sea_orm::ConnectionTrait;
    let row = app
        .db
        .query_one_raw(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            "SELECT password_hash FROM users",
        ))
        .await
        .unwrap()
        .unwrap();
    let hash: String = row.try_get("", "password_hash").unwrap();
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );

    // The audit log refuses changes.
    app.add_user(M, Role::Moderator).await;
    let m = app.api_token(M).await;
    app.api(
        Method::POST,
        "/moderation/blocks",
        Some(&m),
        Some(json!({"email_domain": "x.example"})),
    )
    .await;
    assert!(app
        .db
        .execute_unprepared("UPDATE audit_log SET reason = 'rewritten'")
        .await
        .is_err());
    assert!(app
        .db
        .execute_unprepared("DELETE FROM audit_log")
        .await
        .is_err());
    assert_eq!(app.rows("audit_log").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registering_an_address_that_has_an_account_looks_the_same_and_mails_the_owner() {
    let app = spawn_app().await;
    app.add_user(A, Role::Organiser).await;
    let new = Browser::new(&app.base)
        .submit(
            "/register",
            "/register",
            &[("email", B), ("password", PASSWORD)],
        )
        .await;
    let (s1, b1) = (new.status(), new.text().await.unwrap());
    let again = Browser::new(&app.base)
        .submit(
            "/register",
            "/register",
            &[("email", A), ("password", PASSWORD)],
        )
        .await;
    let (s2, b2) = (again.status(), again.text().await.unwrap());
    assert_eq!(s1, 200);
    assert_eq!((s1, b1.replace(B, "X")), (s2, b2.replace(A, "X")));
    let mails = app.mail.wait_for(2).await;
    let to_a = mails.iter().find(|m| m.to == A).unwrap();
    assert!(to_a.subject.contains("already have"));
    assert_eq!(app.rows("users").await, 2);

    let weak = Browser::new(&app.base)
        .submit(
            "/register",
            "/register",
            &[("email", "c@example.org"), ("password", "short")],
        )
        .await;
    assert_eq!(weak.status(), 422);
    assert_eq!(app.rows("users").await, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logging_out_ends_one_session_and_logging_out_everywhere_ends_them_all() {
    let app = spawn_app().await;
    app.add_user(A, Role::Organiser).await;
    let laptop = app.browser_logged_in(A).await;
    let phone = app.browser_logged_in(A).await;
    let tablet = app.browser_logged_in(A).await;
    let token = app.api_token(A).await;

    let res = tablet.submit("/dashboard", "/logout", &[]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(tablet.status_of("/dashboard").await, 303);
    assert_eq!(laptop.status_of("/dashboard").await, 200);

    let res = laptop.submit("/dashboard", "/logout/everywhere", &[]).await;
    assert_eq!(res.status(), 303);
    for browser in [&laptop, &phone] {
        assert_eq!(browser.status_of("/dashboard").await, 303);
    }
    assert_eq!(
        app.api(Method::GET, "/moderation/letters", Some(&token), None)
            .await
            .status(),
        401
    );
}
