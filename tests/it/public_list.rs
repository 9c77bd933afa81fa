//! The public list: pagination, groups, CSV.

use serde_json::{json, Value};

use crate::support::{spawn_app, LetterSpec, TestApp};

async fn sign_and_confirm(app: &TestApp, slug: &str, body: Value, nth_mail: usize) {
    assert_eq!(app.sign_api(slug, body).await.status(), 202);
    let mail = app.mail.nth(nth_mail).await;
    let res = app
        .press_button_behind(&mail.link(&app.url("/confirm/")))
        .await;
    assert_eq!(res.status(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_list_pages_in_order_of_confirmation_and_filters_by_group() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec {
        groups: vec![
            ("mit", "MIT", "mit.edu"),
            ("cmu", "Carnegie Mellon", "cmu.edu"),
        ],
        ..LetterSpec::published("campus")
    })
    .await;
    sign_and_confirm(
        &app,
        "campus",
        json!({"name": "One", "email": "one@example.org", "group": "mit"}),
        1,
    )
    .await;
    sign_and_confirm(
        &app,
        "campus",
        json!({"name": "Two", "email": "two@example.org", "group": "cmu"}),
        2,
    )
    .await;
    sign_and_confirm(
        &app,
        "campus",
        json!({"name": "Three", "email": "three@example.org", "group": "mit"}),
        3,
    )
    .await;

    let p1 = app
        .get_json("/api/v1/letters/campus/signatures?page=1&per_page=2")
        .await;
    assert_eq!(p1["total"], 3);
    assert_eq!(p1["page"], 1);
    assert_eq!(p1["per_page"], 2);
    let names: Vec<&str> = p1["signatures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["One", "Two"]);
    let p2 = app
        .get_json("/api/v1/letters/campus/signatures?page=2&per_page=2")
        .await;
    assert_eq!(p2["signatures"].as_array().unwrap().len(), 1);
    assert_eq!(p2["signatures"][0]["name"], "Three");

    let mit = app
        .get_json("/api/v1/letters/campus/signatures?group=mit")
        .await;
    assert_eq!(mit["total"], 2);
    assert!(mit["signatures"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["group"] == "mit"));

    let letter = app.get_json("/api/v1/letters/campus").await;
    assert_eq!(letter["signature_count"], 3);
    let groups = letter["groups"].as_array().unwrap();
    let mit = groups.iter().find(|g| g["slug"] == "mit").unwrap();
    assert_eq!(mit["signature_count"], 2);
    assert_eq!(mit["email_domains"], json!(["mit.edu"]));

    let res = app
        .http
        .get(app.url("/api/v1/letters/campus/signatures?per_page=501"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let res = app
        .http
        .get(app.url("/api/v1/letters/campus/signatures?group=yale"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);

    let listed = app.get_json("/api/v1/letters").await;
    assert_eq!(listed["letters"][0]["slug"], "campus");
    assert_eq!(listed["letters"][0]["signature_count"], 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_csv_lists_confirmed_signatories_and_defuses_spreadsheet_formulas() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec::published("csv")).await;
    sign_and_confirm(
        &app,
        "csv",
        json!({"name": "Dora", "email": "dora@example.org", "title": "=HYPERLINK(\"http://evil\")", "affiliation": "@home"}),
        1,
    )
    .await;
    app.sign_api(
        "csv",
        json!({"name": "Unconfirmed Ulla", "email": "ulla@example.org"}),
    )
    .await;

    let res = app
        .http
        .get(app.url("/letters/csv/signatures.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let body = res.text().await.unwrap();
    let mut rows = csv::Reader::from_reader(body.as_bytes());
    let headers: Vec<String> = rows.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(
        headers,
        [
            "name",
            "anonymous",
            "title",
            "affiliation",
            "group",
            "verified_affiliation",
            "verified_domain",
            "signed_at"
        ]
    );
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 1);
    assert_eq!(&records[0][0], "Dora");
    assert_eq!(&records[0][2], "'=HYPERLINK(\"http://evil\")");
    assert_eq!(&records[0][3], "'@home");
    assert!(!body.contains("Ulla"));
}
