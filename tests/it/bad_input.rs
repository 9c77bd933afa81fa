//! Bad input gets a clear error, and changes nothing: no signature, no mail.

use reqwest::Method;
use std::time::Duration;

use serde_json::{json, Value};
use undersigned::db::entities::letter::LetterStatus;

use crate::support::{spawn_on, Backend, LetterSpec, TestApp};

async fn assert_field_error(app: &TestApp, slug: &str, body: Value, field: &str, status: u16) {
    let res = app.sign_api(slug, body.clone()).await;
    assert_eq!(res.status().as_u16(), status, "{body}");
    let err: Value = res.json().await.unwrap();
    assert!(err["error"].is_string(), "{err}");
    assert!(
        err["errors"][field].is_string(),
        "expected an error on {field} for {body}: {err}"
    );
}

async fn bad_input_changes_nothing(backend: Backend) {
    let app = spawn_on(backend).await;
    app.create_letter(LetterSpec {
        groups: vec![("mit", "MIT", "mit.edu")],
        ..LetterSpec::published("open")
    })
    .await;
    app.create_letter(LetterSpec {
        status: LetterStatus::Closed,
        ..LetterSpec::published("closed")
    })
    .await;
    app.create_letter(LetterSpec {
        status: LetterStatus::Draft,
        ..LetterSpec::published("draft")
    })
    .await;

    assert_field_error(&app, "open", json!({"email": "a@example.org"}), "name", 422).await;
    assert_field_error(
        &app,
        "open",
        json!({"name": "  ", "email": "a@example.org"}),
        "name",
        422,
    )
    .await;
    assert_field_error(
        &app,
        "open",
        json!({"name": "x".repeat(101), "email": "a@example.org"}),
        "name",
        422,
    )
    .await;
    // Links, spreadsheet formulas, control characters and bidirectional
    // overrides in a name; bad addresses, overlong or control text, an unknown group.
    let mut cases: Vec<(Value, &str)> = [
        "Win big at https://spam.example",
        "www.cheap.example",
        "=HYPERLINK(\"http://evil.example\",\"x\")",
        "@SUM(1+1)",
        "+33 6 12 34 56 78",
        "-1",
        "Al\tTab",
        "Al\r\nBcc: victim@example.org",
        "Mallory \u{202E}moc.elgoog",
    ]
    .into_iter()
    .map(|name| (json!({"name": name, "email": "a@example.org"}), "name"))
    .collect();
    cases.extend([
        (
            json!({"name": "Al", "email": "a@example.org", "affiliation": "Acme\u{0}Corp"}),
            "affiliation",
        ),
        (json!({"name": "Al"}), "email"),
        (json!({"name": "Al", "email": "not-an-address"}), "email"),
        (json!({"name": "Al", "email": "al@localhost"}), "email"),
        (
            json!({"name": "Al", "email": "al@example.org", "title": "t".repeat(151)}),
            "title",
        ),
        (
            json!({"name": "Al", "email": "al@example.org", "group": "harvard"}),
            "group",
        ),
    ]);
    for (body, field) in cases {
        assert_field_error(&app, "open", body, field, 422).await;
    }

    // Malformed JSON is a 400 with a JSON error.
    let res = app
        .http
        .post(app.url("/api/v1/letters/open/signatures"))
        .header("content-type", "application/json")
        .body(r#"{"name": "Al", "email": "#)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let err: Value = res.json().await.unwrap();
    assert!(err["error"].as_str().unwrap().contains("JSON"), "{err}");

    // Unknown and draft letters are 404; a closed one is 410.
    let ok_body = json!({"name": "Al", "email": "al@example.org"});
    assert_eq!(
        app.sign_api("no-such-letter", ok_body.clone())
            .await
            .status(),
        404
    );
    assert_eq!(app.sign_api("draft", ok_body.clone()).await.status(), 404);
    let res = app.sign_api("closed", ok_body.clone()).await;
    assert_eq!(res.status(), 410);
    assert!(res.json::<Value>().await.unwrap()["error"]
        .as_str()
        .unwrap()
        .contains("closed"));

    // The HTML form refuses the closed letter with the same message.
    let page = app.get_text("/letters/open").await;
    let res = app
        .post_form(
            "/letters/closed/sign",
            &page,
            &[
                ("name", "Al"),
                ("email", "al@example.org"),
                ("title", ""),
                ("affiliation", ""),
                ("group", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 410);

    // A form posted without the page's CSRF token is refused.
    let res = app
        .http
        .post(app.url("/letters/open/sign"))
        .form(&[("name", "Al"), ("email", "al@example.org")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);

    // A bad token is refused the same way as a used one.
    let res = app
        .api(
            Method::POST,
            "/confirm",
            None,
            Some(json!({"token": "nonsense"})),
        )
        .await;
    assert_eq!(res.status(), 410);
    let res = app
        .api(Method::POST, "/confirm", None, Some(json!({})))
        .await;
    assert_eq!(res.status(), 422);

    // Nothing was stored and nothing was sent.
    assert_eq!(app.rows("signatures").await, 0);
    assert_eq!(app.rows("tokens").await, 0);
    assert_eq!(app.rows("outbox").await, 0);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(app.mail.all().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_refused_clearly_and_stores_nothing_on_postgres() {
    bad_input_changes_nothing(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_refused_clearly_and_stores_nothing_on_sqlite() {
    bad_input_changes_nothing(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_api_paths_answer_json() {
    let app = spawn_on(Backend::Postgres).await;
    let res = app
        .http
        .get(app.url("/api/v1/nothing-here"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(res.json::<Value>().await.unwrap()["error"], "not found");
    let res = app
        .http
        .get(app.url("/letters/nothing-here"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert!(res.text().await.unwrap().contains("<html"));
}

#[tokio::test]
async fn names_in_any_script_are_accepted_and_shown_as_typed() {
    let app = crate::support::spawn_app().await;
    app.create_letter(LetterSpec::published("world")).await;
    let names = [
        "李小龍",
        "محمد بن موسى الخوارزمي",
        "דוד בן-גוריון",
        "Zoe\u{308} Ne\u{301}el",
        "Ngũgĩ wa Thiong'o",
        "Nguyễn Thị Minh Khai",
        "Анна Ахматова",
    ];
    for (i, name) in names.iter().enumerate() {
        app.sign_and_confirm(
            "world",
            json!({"name": name, "email": format!("w{i}@example.org")}),
            i + 1,
        )
        .await;
    }
    let listed = app.public_names("world").await;
    let page = app.get_text("/letters/world").await;
    let csv = app.get_text("/letters/world/signatures.csv").await;
    for name in names {
        assert!(
            listed.iter().any(|n| n == name),
            "JSON lacks {name:?}: {listed:?}"
        );
        // As HTML writes it: the apostrophe escaped.
        let html = name.replace('\'', "&#x27;");
        assert!(page.contains(&html), "the page lacks {name:?}");
        assert!(csv.contains(name), "the CSV lacks {name:?}");
    }
    // The page declares its encoding and language.
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">"));
    assert!(page.contains(r#"<meta charset="utf-8">"#));
}
