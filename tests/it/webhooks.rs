//! Webhooks, as a third party receives them: a real HTTP server on loopback
//! that records each request and checks its signature with the Standard
//! Webhooks algorithm written here (HMAC-SHA256 over `id.timestamp.body`,
//! keyed by the secret's base64), not with the service's code.

use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use reqwest::Method;
use serde_json::{json, Value};
use sha2::Sha256;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use undersigned::db::entities::user::Role;

use crate::support::{spawn_with, LetterSpec, Options, TestApp};

/// One request the receiver got.
#[derive(Debug, Clone)]
struct Received {
    headers: Vec<(String, String)>,
    body: String,
    /// The status it was answered with.
    answered: u16,
}

impl Received {
    fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no {name} header: {:?}", self.headers))
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap()
    }
}

/// An HTTP/1.1 receiver on loopback answering every request with `status`.
struct Receiver {
    port: u16,
    got: Arc<Mutex<Vec<Received>>>,
    status: Arc<AtomicU16>,
}

impl Receiver {
    async fn start() -> Receiver {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let got: Arc<Mutex<Vec<Received>>> = Arc::default();
        let status = Arc::new(AtomicU16::new(200));
        let (g, s) = (got.clone(), status.clone());
        tokio::spawn(async move {
            while let Ok((conn, _)) = listener.accept().await {
                let (g, s) = (g.clone(), s.clone());
                tokio::spawn(async move {
                    let (read, mut write) = conn.into_split();
                    let mut read = BufReader::new(read);
                    loop {
                        let mut line = String::new();
                        if read.read_line(&mut line).await.unwrap_or(0) == 0 {
                            return;
                        }
                        let mut headers = Vec::new();
                        loop {
                            let mut h = String::new();
                            read.read_line(&mut h).await.unwrap();
                            let h = h.trim_end();
                            if h.is_empty() {
                                break;
                            }
                            let (k, v) = h.split_once(':').unwrap();
                            headers.push((k.trim().to_lowercase(), v.trim().to_owned()));
                        }
                        let len: usize = headers
                            .iter()
                            .find(|(k, _)| k == "content-length")
                            .map_or(0, |(_, v)| v.parse().unwrap());
                        let mut body = vec![0; len];
                        read.read_exact(&mut body).await.unwrap();
                        let answered = s.load(Ordering::SeqCst);
                        g.lock().unwrap().push(Received {
                            headers,
                            body: String::from_utf8(body).unwrap(),
                            answered,
                        });
                        let reply =
                            format!("HTTP/1.1 {answered} Answer\r\nContent-Length: 0\r\n\r\n");
                        if write.write_all(reply.as_bytes()).await.is_err() {
                            return;
                        }
                    }
                });
            }
        });
        Receiver { port, got, status }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/hooks", self.port)
    }

    fn answer(&self, status: u16) {
        self.status.store(status, Ordering::SeqCst);
    }

    fn all(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }

    /// Waits (up to 20 s) until `done` holds of what arrived.
    async fn until(&self, what: &str, done: impl Fn(&[Received]) -> bool) -> Vec<Received> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let all = self.all();
            if done(&all) {
                return all;
            }
            assert!(Instant::now() < deadline, "waiting for {what}: {all:#?}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

fn of_type<'a>(got: &'a [Received], kind: &str) -> Vec<&'a Received> {
    got.iter().filter(|r| r.json()["type"] == kind).collect()
}

/// Standard Webhooks, as a receiver checks it: the signature of
/// `{webhook-id}.{webhook-timestamp}.{body}` with the secret's key, and a
/// timestamp within five minutes.
fn verify(secret: &str, r: &Received) -> bool {
    let key = STANDARD
        .decode(secret.strip_prefix("whsec_").unwrap())
        .unwrap();
    let id = r.header("webhook-id");
    let ts = r.header("webhook-timestamp");
    let age = chrono::Utc::now().timestamp() - ts.parse::<i64>().unwrap();
    if age.abs() > 300 {
        return false;
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
    mac.update(format!("{id}.{ts}.{}", r.body).as_bytes());
    let expected = STANDARD.encode(mac.finalize().into_bytes());
    r.header("webhook-signature")
        .split(' ')
        .any(|s| s.strip_prefix("v1,") == Some(expected.as_str()))
}

async fn app_with(settings: &[(&'static str, &str)]) -> TestApp {
    let app = spawn_with(Options {
        settings: settings.iter().map(|(k, v)| (*k, v.to_string())).collect(),
        ..Options::default()
    })
    .await;
    app.create_letter(LetterSpec::published("open")).await;
    app.add_user("org@example.org", Role::Organiser).await;
    app.give_letter_to("open", "org@example.org").await;
    app
}

/// `GET /letters/{slug}/webhooks` as `token`.
async fn webhooks_of(app: &TestApp, token: &str, slug: &str) -> Value {
    app.api(
        Method::GET,
        &format!("/letters/{slug}/webhooks"),
        Some(token),
        None,
    )
    .await
    .json()
    .await
    .unwrap()
}

async fn register(app: &TestApp, token: &str, slug: &str, body: Value) -> reqwest::Response {
    app.api(
        Method::POST,
        &format!("/letters/{slug}/webhooks"),
        Some(token),
        Some(body),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signed_events_carry_what_the_list_shows_and_are_retried_after_500s() {
    let app = app_with(&[
        ("webhook_allow_private", "true"),
        ("webhook_retry_base_ms", "200"),
    ])
    .await;
    let rx = Receiver::start().await;
    let org = app.api_token("org@example.org").await;
    let res = register(
        &app,
        &org,
        "open",
        json!({"url": rx.url(), "events": ["signature.confirmed", "signature.removed", "letter.closed"]}),
    )
    .await;
    assert_eq!(res.status(), 201);
    let created: Value = res.json().await.unwrap();
    let secret = created["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("whsec_"), "{created}");
    let id = created["id"].as_i64().unwrap();

    // Three signers: one sharing their address, one anonymous, one not sharing.
    app.sign_and_confirm(
        "open",
        json!({"name": "Ada Lovelace", "email": "ada@example.org", "updates": true}),
        1,
    )
    .await;
    app.sign_and_confirm(
        "open",
        json!({"name": "Hidden Person", "email": "hidden@example.org", "anonymous": true, "updates": true}),
        2,
    )
    .await;
    app.sign_and_confirm(
        "open",
        json!({"name": "Bob Quiet", "email": "bob@example.org", "title": "Professor"}),
        3,
    )
    .await;
    let got = rx
        .until("three confirmations", |g| {
            of_type(g, "signature.confirmed").len() == 3
        })
        .await;
    for r in &got {
        assert!(verify(&secret, r), "a third party verifies {r:?}");
        assert_eq!(r.header("content-type"), "application/json");
        assert!(r.header("webhook-id").starts_with("msg_"));
    }
    let mut ids: Vec<&str> = got.iter().map(|r| r.header("webhook-id")).collect();
    ids.dedup();
    assert_eq!(ids.len(), 3, "each event its own id");
    let events: Vec<Value> = got.iter().map(Received::json).collect();
    let by = |pred: &dyn Fn(&Value) -> bool| {
        events
            .iter()
            .find(|e| pred(&e["data"]))
            .unwrap_or_else(|| panic!("not in {events:#?}"))
            .clone()
    };
    let ada_event = by(&|d| d["name"] == "Ada Lovelace");
    let ada = &ada_event["data"];
    assert_eq!(ada["letter"], "open");
    assert_eq!(ada["name"], "Ada Lovelace");
    assert_eq!(ada["email"], "ada@example.org");
    assert!(ada["signature"].is_string());
    assert_eq!(ada["counts_for"], 1);
    assert!(chrono::DateTime::parse_from_rfc3339(ada_event["timestamp"].as_str().unwrap()).is_ok());
    let hidden_event = by(&|d| d["anonymous"] == true);
    let hidden = &hidden_event["data"];
    assert_eq!(hidden["anonymous"], true);
    assert_eq!(hidden["name"], Value::Null);
    assert!(hidden.get("email").is_none(), "{hidden}");
    let bob_event = by(&|d| d["title"] == "Professor");
    let bob = &bob_event["data"];
    assert_eq!(bob["name"], "Bob Quiet");
    assert_eq!(bob["title"], "Professor");
    assert!(bob.get("email").is_none(), "no consent, no address: {bob}");
    for r in &got {
        assert!(!r.body.contains("Hidden Person") && !r.body.contains("hidden@"));
        assert!(!r.body.contains("salt"));
    }

    // Bob withdraws: a signature.removed with the reason and the count after it.
    let bob_mail = app.mail.nth(3).await;
    let res = app
        .press_button_behind(&bob_mail.link(&app.url("/withdraw/")))
        .await;
    assert_eq!(res.status(), 200);
    let got = rx
        .until("the removal", |g| {
            !of_type(g, "signature.removed").is_empty()
        })
        .await;
    let removed = of_type(&got, "signature.removed")[0].json();
    assert_eq!(removed["data"]["signature"], bob["signature"]);
    assert_eq!(removed["data"]["reason"], "withdrawn");
    assert_eq!(removed["data"]["counts_for"], 1);

    // The receiver fails: letter.closed is tried again, with the same id,
    // until it answers 200.
    rx.answer(500);
    let res = app
        .api(Method::POST, "/letters/open/close", Some(&org), None)
        .await;
    assert_eq!(res.status(), 200);
    rx.until("two failed attempts", |g| {
        of_type(g, "letter.closed").len() >= 2
    })
    .await;
    rx.answer(200);
    let got = rx
        .until("the closing delivered", |g| {
            of_type(g, "letter.closed")
                .iter()
                .any(|r| r.answered == 200)
        })
        .await;
    let closed = of_type(&got, "letter.closed");
    assert!(closed.len() >= 3);
    assert!(closed.iter().all(|r| verify(&secret, r)));
    let first = closed[0].header("webhook-id");
    assert!(closed.iter().all(|r| r.header("webhook-id") == first));
    assert_eq!(closed[0].json()["data"]["status"], "closed");

    // The team sees how it went, never the secret.
    let list = webhooks_of(&app, &org, "open").await;
    let hook = &list["webhooks"][0];
    assert_eq!(hook["id"], id);
    assert_eq!(hook["status"], "active");
    assert_eq!(hook["last_delivery"]["status_code"], 200);
    assert_eq!(hook["failing_since"], Value::Null);
    assert!(!list.to_string().contains(&secret));
    let deliveries: Value = app
        .api(
            Method::GET,
            &format!("/letters/open/webhooks/{id}/deliveries"),
            Some(&org),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    let closing = deliveries["deliveries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["type"] == "letter.closed")
        .unwrap();
    assert_eq!(closing["status"], "delivered");
    assert!(closing["attempts"].as_i64().unwrap() >= 3, "{closing}");
    assert_eq!(closing["last_status_code"], 200);

    // Removed: 204, and nothing more arrives.
    let res = app
        .api(
            Method::DELETE,
            &format!("/letters/open/webhooks/{id}"),
            Some(&org),
            None,
        )
        .await;
    assert_eq!(res.status(), 204);
    let list = webhooks_of(&app, &org, "open").await;
    assert_eq!(list["webhooks"], json!([]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endpoint_failing_for_a_day_is_disabled_and_its_owners_are_mailed() {
    // "A day" is a second here.
    let app = app_with(&[
        ("webhook_allow_private", "true"),
        ("webhook_retry_base_ms", "150"),
        ("webhook_disable_after_secs", "1"),
    ])
    .await;
    let rx = Receiver::start().await;
    rx.answer(503);
    let org = app.api_token("org@example.org").await;
    let res = register(
        &app,
        &org,
        "open",
        json!({"url": rx.url(), "events": ["signature.confirmed"]}),
    )
    .await;
    assert_eq!(res.status(), 201);
    app.sign_and_confirm(
        "open",
        json!({"name": "Ada Lovelace", "email": "ada@example.org"}),
        1,
    )
    .await;
    let mails = app.mail.wait_for(2).await;
    let notice = mails
        .iter()
        .find(|m| m.to.contains("org@example.org"))
        .expect("the owner is mailed");
    assert!(notice.subject.contains("turned off"), "{}", notice.subject);
    assert!(notice.text.contains(&rx.url()), "{}", notice.text);
    assert!(notice.text.contains("503"), "{}", notice.text);
    let tried = rx.all().len();
    assert!(tried >= 2, "it was tried again before giving up");
    let list = webhooks_of(&app, &org, "open").await;
    let hook = &list["webhooks"][0];
    assert_eq!(hook["status"], "disabled");
    assert_eq!(hook["last_delivery"]["status_code"], 503);
    // Disabled: another signature sends nothing.
    app.sign_and_confirm(
        "open",
        json!({"name": "Grace Hopper", "email": "grace@example.org"}),
        3,
    )
    .await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(rx.all().len(), tried);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn private_addresses_are_refused_at_registration_and_at_every_connection() {
    let app = app_with(&[]).await;
    let rx = Receiver::start().await;
    let org = app.api_token("org@example.org").await;
    for url in [
        format!("https://127.0.0.1:{}/hooks", rx.port),
        format!("https://localhost:{}/hooks", rx.port),
        "https://[::1]/hooks".to_owned(),
        "https://169.254.169.254/latest".to_owned(),
        "https://10.0.0.1/hooks".to_owned(),
        rx.url(),
        "ftp://example.org/".to_owned(),
        "not a url".to_owned(),
    ] {
        let res = register(
            &app,
            &org,
            "open",
            json!({"url": url, "events": ["signature.confirmed"]}),
        )
        .await;
        assert_eq!(res.status(), 422, "{url}");
        let err: Value = res.json().await.unwrap();
        assert!(err["errors"]["url"].is_string(), "{url}: {err}");
    }
    for (events, field) in [
        (json!([]), "events"),
        (json!(["signature.made"]), "events"),
        (json!(["volunteer.confirmed"]), "events"),
    ] {
        let res = register(
            &app,
            &org,
            "open",
            json!({"url": "https://hooks.example.org/x", "events": events}),
        )
        .await;
        assert_eq!(res.status(), 422, "{events}");
        let err: Value = res.json().await.unwrap();
        assert!(err["errors"][field].is_string(), "{err}");
    }
    let list = webhooks_of(&app, &org, "open").await;
    assert_eq!(list["webhooks"], json!([]), "nothing was registered");

    // An endpoint whose name resolved to a public address when it was
    // registered and to loopback now: refused when connecting.
    let hook = insert_webhook(&app, &format!("http://localhost:{}/hooks", rx.port)).await;
    app.sign_and_confirm(
        "open",
        json!({"name": "Ada Lovelace", "email": "ada@example.org"}),
        1,
    )
    .await;
    let deadline = Instant::now() + Duration::from_secs(20);
    let delivery = loop {
        let list: Value = app
            .api(
                Method::GET,
                &format!("/letters/open/webhooks/{hook}/deliveries"),
                Some(&org),
                None,
            )
            .await
            .json()
            .await
            .unwrap();
        let d = list["deliveries"][0].clone();
        if d["attempts"].as_i64().unwrap_or(0) >= 1 && !d["last_error"].is_null() {
            break d;
        }
        assert!(Instant::now() < deadline, "{list}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(
        delivery["last_error"]
            .as_str()
            .unwrap()
            .contains("no public address"),
        "{delivery}"
    );
    assert_eq!(delivery["status"], "pending", "it will be tried again");
    assert!(rx.all().is_empty(), "nothing reached the loopback receiver");

    // A discreet letter sends no webhooks at all.
    app.create_letter(LetterSpec {
        discreet: true,
        ..LetterSpec::published("quiet")
    })
    .await;
    app.give_letter_to("quiet", "org@example.org").await;
    let res = register(
        &app,
        &org,
        "quiet",
        json!({"url": "https://hooks.example.org/x", "events": ["signature.confirmed"]}),
    )
    .await;
    assert_eq!(res.status(), 409);
}

/// A webhook row as registration would have written it, with cursors at the
/// log's start (the test's letter has signed nothing yet).
async fn insert_webhook(app: &TestApp, url: &str) -> i64 {
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
    use undersigned::db::entities::{letter, user, webhook};
    let letter = letter::Entity::find()
        .filter(letter::Column::Slug.eq("open"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let org = user::Entity::find()
        .filter(user::Column::Email.eq("org@example.org"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    webhook::ActiveModel {
        letter_id: Set(Some(letter.id)),
        campaign_id: Set(None),
        url: Set(url.to_owned()),
        events: Set("signature.confirmed".into()),
        secret: Set("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".into()),
        created_by: Set(org.id),
        created_at: Set(chrono::Utc::now()),
        status: Set(webhook::WebhookStatus::Active),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id
}

/// A campaign's endpoint hears its letters' signatures and updates and its
/// volunteers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_campaign_s_endpoint_hears_its_letters_and_its_volunteers() {
    use crate::volunteers::{campaign_with_a_lead_on, MODERATOR, ORGANISER};
    let app = campaign_with_a_lead_on(
        spawn_with(Options {
            settings: vec![("webhook_allow_private", "true".into())],
            ..Options::default()
        })
        .await,
    )
    .await;
    let rx = Receiver::start().await;
    let org = app.api_token(ORGANISER).await;
    let res = app
        .api(
            Method::POST,
            "/campaigns/no-tech/webhooks",
            Some(&org),
            Some(json!({"url": rx.url(), "events": ["signature.confirmed", "volunteer.confirmed", "update.published"]})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let secret = res.json::<Value>().await.unwrap()["secret"]
        .as_str()
        .unwrap()
        .to_owned();
    // A signature on the front (the lead's invitation was the first mail).
    app.sign_and_confirm(
        "pledge",
        json!({"name": "Ana Slug", "email": "ana@ucsc.edu", "group": "ucsc"}),
        2,
    )
    .await;
    // A volunteer.
    let res = app
        .http
        .post(app.url("/api/v1/campaigns/no-tech/volunteers"))
        .json(&json!({"name": "Ben Organiser", "email": "ben@example.org", "help": ["Host a teach-in"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 202);
    let token = app.mail.nth(3).await.token("/volunteers/confirm/");
    let res = app
        .http
        .post(app.url("/api/v1/volunteers/confirm"))
        .json(&json!({"token": token}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    // An update on the front, published by a moderator.
    let res = app
        .api(
            Method::POST,
            "/letters/pledge/updates",
            Some(&org),
            Some(json!({"title": "We met the dean", "body": "She *listened*."})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let update = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let moderator = app.api_token(MODERATOR).await;
    let res = app
        .api(
            Method::POST,
            &format!("/moderation/updates/{update}/publish"),
            Some(&moderator),
            None,
        )
        .await;
    assert_eq!(res.status(), 200);
    let got = rx
        .until("the three events", |g| {
            [
                "signature.confirmed",
                "volunteer.confirmed",
                "update.published",
            ]
            .iter()
            .all(|t| of_type(g, t).len() == 1)
        })
        .await;
    assert!(got.iter().all(|r| verify(&secret, r)));
    let signed = of_type(&got, "signature.confirmed")[0].json();
    assert_eq!(signed["data"]["letter"], "pledge");
    assert_eq!(signed["data"]["group"], "ucsc");
    let volunteer = of_type(&got, "volunteer.confirmed")[0].json();
    assert_eq!(volunteer["data"]["campaign"], "no-tech");
    assert_eq!(volunteer["data"]["name"], "Ben Organiser");
    assert_eq!(volunteer["data"]["help"], json!(["Host a teach-in"]));
    let published = of_type(&got, "update.published")[0].json();
    assert_eq!(published["data"]["letter"], "pledge");
    assert_eq!(published["data"]["title"], "We met the dean");
}
