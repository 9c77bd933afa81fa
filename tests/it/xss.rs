//! Script in every text field is inert on every page that shows it.

use reqwest::Method;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::json;

use crate::support::*;
use undersigned::db::entities::letter;
use undersigned::db::entities::user::Role;

const SCRIPT: &str = "<script>alert(1)</script>";
const ATTR: &str = "\"><img src=x onerror=alert(2)>";

fn payload(label: &str) -> String {
    format!("{label} {SCRIPT}{ATTR}")
}

/// No payload survives as markup: neither the script element nor the broken-out attribute.
fn assert_inert(what: &str, body: &str) {
    for raw in ["<script>alert", "<img src=x", "\"><img"] {
        assert!(!body.contains(raw), "{what} carries {raw:?} as markup");
    }
}

#[tokio::test]
async fn script_in_every_text_field_is_inert_on_every_page() {
    let app = spawn_app().await;
    let l = app
        .create_letter(LetterSpec {
            groups: vec![("g", "Group", "example.org")],
            ..LetterSpec::published("xss")
        })
        .await;
    let mut l: letter::ActiveModel = l.into();
    l.title = Set(payload("Title"));
    l.summary = Set(payload("Summary"));
    l.body = Set(format!(
        "A body with **Markdown** and raw HTML: {SCRIPT} <img src=x onerror=alert(2)> \
         <a href=\"javascript:alert(3)\">link</a>"
    ));
    l.update(&app.db).await.unwrap();
    sea_orm::ConnectionTrait::execute_unprepared(
        &app.db,
        &format!(
            "UPDATE letter_groups SET name = '{}'",
            payload("Group").replace('\'', "''")
        ),
    )
    .await
    .unwrap();
    app.sign_and_confirm(
        "xss",
        json!({"name": payload("Name"), "email": "x@example.org", "title": payload("Role"),
               "affiliation": payload("Org"), "group": "g", "reason": payload("Reason")}),
        1,
    )
    .await;
    assert_eq!(app.count("xss").await, 1);
    // The reason is approved, so the letter page and the API show it.
    app.add_user("mod@example.org", Role::Moderator).await;
    let token = app.api_token("mod@example.org").await;
    assert_eq!(app.approve_pending_reasons(&token).await.len(), 1);
    assert!(app
        .get_text("/letters/xss")
        .await
        .contains("Why they signed"));

    let mut pages: Vec<String> = [
        "/",
        "/letters/xss",
        "/letters/xss?who=Name",
        "/letters/xss?q=Group",
        "/letters/xss/groups/g",
        "/letters/xss/embed",
        "/letters/xss/chart.svg",
        "/letters/xss/badge.svg",
        "/letters/xss/check-email",
        "/letters.atom",
        "/sitemap.xml",
    ]
    .iter()
    .map(|p| p.to_string())
    .collect();
    // The thank-you page shows the title too.
    assert_eq!(
        app.sign_api("xss", json!({"name": "Second", "email": "y@example.org"}))
            .await
            .status(),
        202
    );
    let link = app.mail.nth(2).await.link(&app.url("/confirm/"));
    pages.push(link.trim_start_matches(&app.base).to_owned());
    for path in &pages {
        let body = app.get_text(path).await;
        assert_inert(path, &body);
    }
    let thanks = app.press_button_behind(&link).await.text().await.unwrap();
    assert_inert("the thank-you page", &thanks);

    // The Markdown body keeps its formatting and loses the script, the handler and the javascript: link.
    let page = app.get_text("/letters/xss").await;
    assert!(page.contains("<strong>Markdown</strong>"));
    assert!(!page.contains("javascript:"));

    // Organisers and moderators see the same text, as text.
    app.add_user("org@example.org", Role::Organiser).await;
    app.give_letter_to("xss", "org@example.org").await;
    let org = app.browser_logged_in("org@example.org").await;
    for path in [
        "/dashboard",
        "/organiser/letters/xss",
        "/organiser/letters/xss/preview",
    ] {
        assert_inert(path, &org.get_text(path).await);
    }
    let moderator = app.browser_logged_in("mod@example.org").await;
    for path in [
        "/moderation",
        "/moderation/signatures?letter=xss&status=confirmed",
        "/moderation/audit",
    ] {
        assert_inert(path, &moderator.get_text(path).await);
    }
    // The reasons' JSON carries the reason as data.
    let reasons = app.get_text("/api/v1/letters/xss/reasons").await;
    assert!(reasons.contains("Reason "), "{reasons}");
    // JSON carries the text as data, with a JSON content type.
    let res = app
        .api(Method::GET, "/letters/xss/signatures", None, None)
        .await;
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
}
