//! An anonymous signer's name and address appear in nothing the public can fetch.

use serde_json::json;

use crate::support::{spawn_on, Backend, LetterSpec};

async fn anonymous_names_never_leak(backend: Backend) {
    let app = spawn_on(backend).await;
    app.create_letter(LetterSpec {
        groups: vec![("orbitek", "Orbitek employees", "orbitek.com")],
        ..LetterSpec::published("anon")
    })
    .await;
    let name = "Zebediah Quillfeather";
    let email = "zeb.quillfeather@orbitek.com";
    let res = app
        .sign_api(
            "anon",
            json!({"name": name, "email": email, "title": "Staff engineer", "group": "orbitek", "anonymous": true}),
        )
        .await;
    assert_eq!(res.status(), 202);
    let mail = app.mail.nth(1).await;
    app.press_button_behind(&mail.link(&app.url("/confirm/")))
        .await;
    assert_eq!(app.count("anon").await, 1);

    let public = [
        "/",
        "/letters/anon",
        "/letters/anon?page=1",
        "/letters/anon/signatures.csv",
        "/api/v1/letters",
        "/api/v1/letters/anon",
        "/api/v1/letters/anon/signatures",
        "/api/v1/letters/anon/signatures?group=orbitek",
    ];
    for path in public {
        let body = app.get_text(path).await;
        for secret in [name, "Zebediah", "Quillfeather", email, "zeb.quillfeather"] {
            assert!(!body.contains(secret), "{path} leaks {secret:?}:\n{body}");
        }
    }
    // What the public does see: an anonymous signature with the title chosen.
    let list = app.get_json("/api/v1/letters/anon/signatures").await;
    let sig = &list["signatures"][0];
    assert_eq!(sig["name"], serde_json::Value::Null);
    assert_eq!(sig["anonymous"], true);
    assert_eq!(sig["title"], "Staff engineer");
    assert_eq!(sig["group"], "orbitek");
    assert!(app.get_text("/letters/anon").await.contains("Anonymous"));
    let csv = app.get_text("/letters/anon/signatures.csv").await;
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .starts_with(",true,Staff engineer,"),
        "{csv}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_anonymous_name_appears_in_no_public_page_json_or_csv_on_postgres() {
    anonymous_names_never_leak(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_anonymous_name_appears_in_no_public_page_json_or_csv_on_sqlite() {
    anonymous_names_never_leak(Backend::Sqlite).await;
}
