//! The whole signer's path: sign → mail → confirm → counted and listed → withdraw.

use reqwest::Method;
use serde_json::json;

use crate::support::{form_action, spawn_app, spawn_on, Backend, LetterSpec};

async fn api_sign_confirm_withdraw(backend: Backend) {
    let app = spawn_on(backend).await;
    app.create_letter(LetterSpec::published("open-letter"))
        .await;

    let res = app
        .sign_api(
            "open-letter",
            json!({"name": "Ada Lovelace", "email": "ada@example.org", "title": "Analyst", "affiliation": "Analytical Society"}),
        )
        .await;
    assert_eq!(res.status(), 202);
    assert_eq!(
        res.json::<serde_json::Value>().await.unwrap(),
        json!({"status": "check_your_email"})
    );

    // Not counted, not listed, until confirmed.
    assert_eq!(app.count("open-letter").await, 0);
    assert!(app.public_names("open-letter").await.is_empty());

    let mail = app.mail.nth(1).await;
    assert_eq!(mail.to, "ada@example.org");
    assert!(
        mail.subject.contains("Confirm your signature"),
        "{}",
        mail.subject
    );
    assert!(
        mail.message_id.starts_with("outbox-"),
        "{}",
        mail.message_id
    );
    assert!(mail.html.contains("Confirm your signature"));
    let confirm = mail.link(&app.url("/confirm/"));
    let withdraw = mail.link(&app.url("/withdraw/"));
    let token = confirm.rsplit('/').next().unwrap().to_owned();
    assert!(token.len() >= 22);

    // A mail scanner that follows the link changes nothing.
    let page = app.http.get(&confirm).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert_eq!(
        form_action(&html).as_deref(),
        Some(format!("/confirm/{token}").as_str())
    );
    app.http.get(&confirm).send().await.unwrap();
    assert_eq!(app.count("open-letter").await, 0);

    // Pressing the button confirms: counted and listed.
    let res = app
        .post_form(&format!("/confirm/{token}"), &html, &[])
        .await;
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("Thank you"));
    assert_eq!(app.count("open-letter").await, 1);
    assert_eq!(app.public_names("open-letter").await, vec!["Ada Lovelace"]);
    let list = app.get_json("/api/v1/letters/open-letter/signatures").await;
    assert_eq!(list["total"], 1);
    let sig = &list["signatures"][0];
    assert_eq!(sig["title"], "Analyst");
    assert_eq!(sig["affiliation"], "Analytical Society");
    assert_eq!(sig["anonymous"], false);
    assert!(sig["signed_at"].is_string());

    // The same token again is gone, by page and by API.
    let again = app
        .post_form(&format!("/confirm/{token}"), &html, &[])
        .await;
    assert_eq!(again.status(), 410);
    let api_again = app
        .api(
            Method::POST,
            "/confirm",
            None,
            Some(json!({"token": token})),
        )
        .await;
    assert_eq!(api_again.status(), 410);
    assert_eq!(app.count("open-letter").await, 1);

    // Withdrawing: the page changes nothing, the button does.
    let page = app.http.get(&withdraw).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(app.count("open-letter").await, 1);
    let res = app.press_button_behind(&withdraw).await;
    assert_eq!(res.status(), 200);
    assert_eq!(app.count("open-letter").await, 0);
    assert!(app.public_names("open-letter").await.is_empty());

    // The withdrawal link is single use too.
    let wtoken = withdraw.rsplit('/').next().unwrap();
    let res = app
        .api(
            Method::POST,
            "/withdraw",
            None,
            Some(json!({"token": wtoken})),
        )
        .await;
    assert_eq!(res.status(), 410);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_by_api_confirming_and_withdrawing_on_postgres() {
    api_sign_confirm_withdraw(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_by_api_confirming_and_withdrawing_on_sqlite() {
    api_sign_confirm_withdraw(Backend::Sqlite).await;
}

async fn html_form_signing(backend: Backend) {
    let app = spawn_on(backend).await;
    app.create_letter(LetterSpec::published("form-letter"))
        .await;
    let page = app.get_text("/letters/form-letter").await;
    assert_eq!(
        form_action(&page).as_deref(),
        Some("/letters/form-letter/sign")
    );
    assert!(page.contains("0 signed"));

    // A mistake: the form comes back with the error and what was typed.
    let res = app
        .post_form(
            "/letters/form-letter/sign",
            &page,
            &[
                ("name", ""),
                ("email", "grace@example.org"),
                ("title", "Rear Admiral"),
                ("affiliation", ""),
                ("group", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("Enter your name."), "{html}");
    assert!(html.contains(r#"value="grace@example.org""#));
    assert!(html.contains(r#"value="Rear Admiral""#));
    assert_eq!(app.rows("signatures").await, 0);
    assert_eq!(app.rows("outbox").await, 0);

    // Corrected: redirected to "check your email".
    let res = app
        .post_form(
            "/letters/form-letter/sign",
            &page,
            &[
                ("name", "Grace Hopper"),
                ("email", "grace@example.org"),
                ("title", "Rear Admiral"),
                ("affiliation", "US Navy"),
                ("group", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(location, "/letters/form-letter/check-email");
    assert!(app.get_text(&location).await.contains("Check your email"));

    let mail = app.mail.nth(1).await;
    let res = app
        .press_button_behind(&mail.link(&app.url("/confirm/")))
        .await;
    assert_eq!(res.status(), 200);

    let page = app.get_text("/letters/form-letter").await;
    assert!(page.contains("1 signed"), "{page}");
    assert!(page.contains("Grace Hopper, Rear Admiral, US Navy"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_through_the_html_form_on_postgres() {
    html_form_signing(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_through_the_html_form_on_sqlite() {
    html_form_signing(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_confirmation_link_is_gone_and_counts_nothing() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec::published("expiring")).await;
    app.sign_api(
        "expiring",
        json!({"name": "Late Larry", "email": "larry@example.org"}),
    )
    .await;
    let link = app.mail.nth(1).await.link(&app.url("/confirm/"));
    use sea_orm::ConnectionTrait;
    app.db
        .execute_unprepared("UPDATE tokens SET expires_at = created_at - INTERVAL '1 hour'")
        .await
        .unwrap();

    let page = app.http.get(&link).send().await.unwrap();
    assert_eq!(page.status(), 410);
    let token = link.rsplit('/').next().unwrap();
    let html = app.get_text("/letters/expiring").await;
    let res = app
        .post_form(&format!("/confirm/{token}"), &html, &[])
        .await;
    assert_eq!(res.status(), 410);
    let res = app
        .api(
            Method::POST,
            "/confirm",
            None,
            Some(json!({"token": token})),
        )
        .await;
    assert_eq!(res.status(), 410);
    assert_eq!(app.count("expiring").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_letter_that_requires_approval_holds_confirmed_signatures_out_of_the_count() {
    let app = spawn_app().await;
    let mut spec = LetterSpec::published("reviewed");
    spec.requires_approval = true;
    app.create_letter(spec).await;
    app.sign_api(
        "reviewed",
        json!({"name": "Pat", "email": "pat@example.org"}),
    )
    .await;
    let link = app.mail.nth(1).await.link(&app.url("/confirm/"));
    let token = link.rsplit('/').next().unwrap();
    let res = app
        .api(
            Method::POST,
            "/confirm",
            None,
            Some(json!({"token": token})),
        )
        .await;
    assert_eq!(res.status(), 200);
    let body = res.json::<serde_json::Value>().await.unwrap();
    assert_eq!(body["status"], "awaiting_approval");
    // The receipt is handed out now; its entry comes with the approval.
    assert_eq!(body["receipt"]["letter"], "reviewed");
    assert_eq!(app.count("reviewed").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_check_reports_the_database() {
    let app = spawn_app().await;
    assert_eq!(app.get_json("/healthz").await, json!({"status": "ok"}));
}
