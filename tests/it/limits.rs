//! Signing limits per client address (and per address and letter): 429 with
//! `Retry-After`, nothing stored, not dodged by sending a proxy header, and
//! shared by every instance when the counts live in Redis.

use chrono::Timelike;
use reqwest::header::HeaderMap;
use serde_json::{json, Value};

use crate::support::*;

/// The limits count in fixed windows: keep clear of the end of an hour.
async fn away_from_the_hour() {
    let now = chrono::Utc::now();
    if now.minute() == 59 && now.second() > 40 {
        tokio::time::sleep(std::time::Duration::from_secs(u64::from(62 - now.second()))).await;
    }
}

fn limits(per_ip_hour: u32, per_ip_letter_hour: u32) -> Vec<(&'static str, String)> {
    vec![
        ("sign_per_ip_per_hour", per_ip_hour.to_string()),
        (
            "sign_per_ip_letter_per_hour",
            per_ip_letter_hour.to_string(),
        ),
    ]
}

async fn sign_with(app: &TestApp, slug: &str, n: u32, headers: HeaderMap) -> reqwest::Response {
    app.http
        .post(app.url(&format!("/api/v1/letters/{slug}/signatures")))
        .headers(headers)
        .json(&json!({"name": format!("Signer {n}"), "email": format!("s{n}-{slug}@example.org")}))
        .send()
        .await
        .unwrap()
}

fn spoofed(ip: &str) -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert("X-Real-IP", ip.parse().unwrap());
    h.insert("X-Forwarded-For", ip.parse().unwrap());
    h
}

async fn assert_limited(res: reqwest::Response) {
    assert_eq!(res.status(), 429);
    let wait: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=3600).contains(&wait), "Retry-After {wait}");
    let body: Value = res.json().await.unwrap();
    assert!(
        body["error"].as_str().unwrap().contains("try again"),
        "{body}"
    );
}

#[tokio::test]
async fn a_client_is_limited_per_letter_and_overall_and_a_header_does_not_help() {
    away_from_the_hour().await;
    let app = spawn_with(Options {
        settings: limits(8, 3),
        ..Options::default()
    })
    .await;
    app.create_letter(LetterSpec::published("one")).await;
    app.create_letter(LetterSpec::published("two")).await;
    for n in 0..3 {
        assert_eq!(
            sign_with(&app, "one", n, HeaderMap::new()).await.status(),
            202
        );
    }
    assert_limited(sign_with(&app, "one", 3, HeaderMap::new()).await).await;
    // Claiming to be someone else changes nothing: no proxy is trusted.
    assert_limited(sign_with(&app, "one", 4, spoofed("203.0.113.7")).await).await;
    // The form is limited the same way, with a page saying so.
    let page = app.get_text("/letters/one").await;
    let res = app
        .post_form(
            "/letters/one/sign",
            &page,
            &[("name", "Form Signer"), ("email", "form@example.org")],
        )
        .await;
    assert_eq!(res.status(), 429);
    assert!(res.headers().contains_key("retry-after"));
    // Another letter has room, until the address's overall limit (refused
    // attempts count too: 3 + 3 so far, of 8).
    for n in 5..7 {
        assert_eq!(
            sign_with(&app, "two", n, HeaderMap::new()).await.status(),
            202
        );
    }
    assert_limited(sign_with(&app, "two", 7, HeaderMap::new()).await).await;
    // What was refused was not stored, and nothing was mailed for it.
    assert_eq!(app.rows("signatures").await, 5);
    app.mail.wait_for(5).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(app.mail.all().len(), 5);
}

#[tokio::test]
async fn behind_a_named_proxy_each_client_address_has_its_own_count() {
    away_from_the_hour().await;
    let mut settings = limits(0, 2);
    settings.push(("trusted_proxy_header", "X-Real-IP".into()));
    let app = spawn_with(Options {
        settings,
        ..Options::default()
    })
    .await;
    app.create_letter(LetterSpec::published("proxied")).await;
    for n in 0..2 {
        assert_eq!(
            sign_with(&app, "proxied", n, spoofed("198.51.100.1"))
                .await
                .status(),
            202
        );
    }
    assert_limited(sign_with(&app, "proxied", 2, spoofed("198.51.100.1")).await).await;
    assert_eq!(
        sign_with(&app, "proxied", 3, spoofed("198.51.100.2"))
            .await
            .status(),
        202,
        "another client behind the proxy"
    );
}

#[tokio::test]
async fn with_redis_the_count_is_shared_by_every_instance() {
    away_from_the_hour().await;
    let prefix = format!("undersigned-test-{}", rand_suffix());
    let settings = || {
        let mut s = limits(0, 3);
        s.push(("redis_url", "redis://127.0.0.1:6379".into()));
        s.push(("redis_prefix", prefix.clone()));
        s
    };
    let a = spawn_with(Options {
        settings: settings(),
        ..Options::default()
    })
    .await;
    let b = spawn_with(Options {
        settings: settings(),
        ..Options::default()
    })
    .await;
    a.create_letter(LetterSpec::published("shared")).await;
    b.create_letter(LetterSpec::published("shared")).await;
    assert_eq!(
        sign_with(&a, "shared", 0, HeaderMap::new()).await.status(),
        202
    );
    assert_eq!(
        sign_with(&b, "shared", 1, HeaderMap::new()).await.status(),
        202
    );
    assert_eq!(
        sign_with(&a, "shared", 2, HeaderMap::new()).await.status(),
        202
    );
    assert_limited(sign_with(&b, "shared", 3, HeaderMap::new()).await).await;
    assert_limited(sign_with(&a, "shared", 4, HeaderMap::new()).await).await;
    // The counts are in Redis, and the database kept none.
    assert_eq!(a.rows("rate_counters").await, 0);
}

#[tokio::test]
async fn with_rate_limits_off_nothing_is_limited() {
    let mut settings = limits(1, 1);
    settings.push(("rate_limits", "false".into()));
    let app = spawn_with(Options {
        settings,
        ..Options::default()
    })
    .await;
    app.create_letter(LetterSpec::published("free")).await;
    for n in 0..4 {
        assert_eq!(
            sign_with(&app, "free", n, HeaderMap::new()).await.status(),
            202
        );
    }
}

fn rand_suffix() -> String {
    use std::time::{SystemTime, UNIX_EPOCH};
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("{}-{nanos}", std::process::id())
}

#[tokio::test]
async fn the_limits_count_on_sqlite_too() {
    away_from_the_hour().await;
    let app = spawn_with(Options {
        backend: Backend::Sqlite,
        settings: limits(3, 2),
        ..Options::default()
    })
    .await;
    app.create_letter(LetterSpec::published("lite")).await;
    for n in 0..2 {
        assert_eq!(
            sign_with(&app, "lite", n, HeaderMap::new()).await.status(),
            202
        );
    }
    assert_limited(sign_with(&app, "lite", 2, HeaderMap::new()).await).await;
    assert_eq!(app.rows("signatures").await, 2);
}
