//! The database goes away (a TCP proxy between the app and PostgreSQL is cut):
//! the service answers 503 within its acquire timeout instead of hanging,
//! `/healthz` says so, and it recovers by itself when the database returns.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::json;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use crate::support::*;

/// A loopback TCP proxy to PostgreSQL that can be cut and restored.
struct Proxy {
    port: u16,
    up: Arc<AtomicBool>,
    links: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl Proxy {
    async fn start() -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let up = Arc::new(AtomicBool::new(true));
        let links: Arc<Mutex<Vec<JoinHandle<()>>>> = Arc::default();
        let (up2, links2) = (up.clone(), links.clone());
        tokio::spawn(async move {
            loop {
                let Ok((mut client, _)) = listener.accept().await else {
                    return;
                };
                if !up2.load(Ordering::SeqCst) {
                    drop(client); // refused, as a database that is down
                    continue;
                }
                let link = tokio::spawn(async move {
                    if let Ok(mut server) = TcpStream::connect("127.0.0.1:5432").await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
                links2.lock().unwrap().push(link);
            }
        });
        Proxy { port, up, links }
    }

    /// Drops every open connection and refuses new ones.
    fn cut(&self) {
        self.up.store(false, Ordering::SeqCst);
        for link in self.links.lock().unwrap().drain(..) {
            link.abort();
        }
    }

    fn restore(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_outage_gets_quick_503s_and_the_service_recovers_by_itself() {
    let base = spawn_app().await; // makes and migrates the database
    base.create_letter(LetterSpec::published("outage")).await;
    let proxy = Proxy::start().await;
    let url = base
        .db_url
        .replace("127.0.0.1:5432", &format!("127.0.0.1:{}", proxy.port));
    let app = spawn_with(Options {
        shared: Some((url, base.mail.clone())),
        ..Options::default()
    })
    .await;
    let sign = |i: u32| {
        app.sign_api(
            "outage",
            json!({"name": format!("S{i}"), "email": format!("s{i}@example.org")}),
        )
    };
    assert_eq!(sign(0).await.status(), 202);

    proxy.cut();
    let started = Instant::now();
    let health = app.http.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 503);
    let body: serde_json::Value = health.json().await.unwrap();
    assert_eq!(body["status"], "unavailable");
    let res = sign(1).await;
    assert_eq!(res.status(), 503, "a signature while the database is away");
    let page = app.status_of("/letters/outage").await;
    assert_eq!(page, 503);
    // Answered within the pool's acquire timeout (5 s), not left hanging.
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "three answers took {:?}",
        started.elapsed()
    );

    proxy.restore();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let res = app.http.get(app.url("/healthz")).send().await.unwrap();
        if res.status() == 200 {
            break;
        }
        assert!(Instant::now() < deadline, "never recovered");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(sign(2).await.status(), 202);
    // What was answered 503 was not stored; what was answered 202 was.
    for (i, expected) in [(0, 1), (1, 0), (2, 1)] {
        let n = base
            .scalar(&format!(
                "SELECT COUNT(*) AS n FROM signatures WHERE email = 's{i}@example.org'"
            ))
            .await;
        assert_eq!(n, expected, "signature {i}");
    }
}
