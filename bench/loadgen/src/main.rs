//! Load for Undersigned's benchmarks, from a process of its own over loopback:
//! signing with a unique signer per request, confirming seeded tokens, reading
//! pages, measuring count freshness, and an SMTP sink that records when each
//! message arrived. Every run is bounded in count and time and refuses any
//! host but 127.0.0.1. Prints one JSON object per run.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use clap::{Parser, Subcommand};
use hdrhistogram::Histogram;
use serde_json::json;

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct Load {
    /// The service, e.g. http://127.0.0.1:8088 (loopback only).
    #[arg(long)]
    url: String,
    /// Requests in flight at once (closed loop) when --rate is not given.
    #[arg(long, default_value_t = 32)]
    concurrency: usize,
    /// Offered requests per second (open loop): latency is measured from when
    /// each request was due, so a slow server cannot hide its queueing.
    #[arg(long)]
    rate: Option<u64>,
    /// How long to run, in seconds.
    #[arg(long, default_value_t = 10)]
    duration: u64,
    /// At most this many requests in all.
    #[arg(long, default_value_t = 2_000_000)]
    max_requests: u64,
    /// Give up on one request after this many milliseconds.
    #[arg(long, default_value_t = 5000)]
    timeout_ms: u64,
}

#[derive(Subcommand)]
enum Command {
    /// POST /api/v1/letters/{letter}/signatures, a new signer each time.
    Sign {
        #[command(flatten)]
        load: Load,
        #[arg(long)]
        letter: String,
        /// Distinguishes this run's signers from every other run's.
        #[arg(long)]
        prefix: String,
        /// Write the email of every signature answered 202 to this file.
        #[arg(long)]
        accepted: Option<String>,
    },
    /// POST /api/v1/confirm with the tokens in a file, one per line, each once.
    Confirm {
        #[command(flatten)]
        load: Load,
        #[arg(long)]
        tokens: String,
    },
    /// GET the given paths in turn.
    Get {
        #[command(flatten)]
        load: Load,
        /// Paths, e.g. /api/v1/letters/x
        #[arg(long, num_args = 1.., required = true)]
        path: Vec<String>,
    },
    /// Confirms tokens one at a time and measures how long until the public count shows each.
    Fresh {
        #[arg(long)]
        url: String,
        #[arg(long)]
        letter: String,
        #[arg(long)]
        tokens: String,
        #[arg(long, default_value_t = 10)]
        samples: usize,
    },
    /// A webhook receiver that answers 200 to every POST and logs
    /// "arrival_ms event_ms" per request (the event's `timestamp`).
    Receiver {
        #[arg(long)]
        port: u16,
        #[arg(long)]
        log: String,
    },
    /// An SMTP server that accepts everything and logs "arrival_ms outbox_id" per message.
    Sink {
        #[arg(long)]
        port: u16,
        #[arg(long)]
        log: String,
    },
}

/// Requests one open-loop run keeps in flight at most (each holds a socket).
const MAX_IN_FLIGHT: usize = 8192;

fn loopback_only(url: &str) {
    let ok = url.starts_with("http://127.0.0.1:") || url.starts_with("http://localhost:");
    assert!(ok, "refusing to load anything but 127.0.0.1: {url}");
}

fn now_ms() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis()
}

/// What each request of a run is.
#[derive(Clone)]
enum Request {
    Sign { letter: String, prefix: String },
    Confirm { tokens: Arc<Vec<String>> },
    Get { paths: Arc<Vec<String>> },
}

impl Request {
    fn build(
        &self,
        http: &reqwest::Client,
        base: &str,
        n: u64,
    ) -> Option<(reqwest::RequestBuilder, Option<String>)> {
        Some(match self {
            Request::Sign { letter, prefix } => {
                let email = format!("{prefix}-{n}@bench.example");
                let body = json!({"name": format!("Bench Signer {n}"), "email": email, "title": "Load test"});
                (
                    http.post(format!("{base}/api/v1/letters/{letter}/signatures"))
                        .json(&body),
                    Some(email),
                )
            }
            Request::Confirm { tokens } => {
                let token = tokens.get(n as usize)?;
                (
                    http.post(format!("{base}/api/v1/confirm"))
                        .json(&json!({ "token": token })),
                    None,
                )
            }
            Request::Get { paths } => {
                let path = &paths[n as usize % paths.len()];
                (http.get(format!("{base}{path}")), None)
            }
        })
    }
}

#[derive(Default)]
struct Tally {
    statuses: BTreeMap<String, u64>,
    accepted: Vec<String>,
}

async fn run(load: Load, request: Request, accepted_file: Option<String>) {
    loopback_only(&load.url);
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(1024)
        .timeout(Duration::from_millis(load.timeout_ms))
        .build()
        .unwrap();
    let hist = Arc::new(Mutex::new(
        Histogram::<u64>::new_with_bounds(1, 60_000_000, 3).unwrap(),
    ));
    let tally = Arc::new(Mutex::new(Tally::default()));
    let next = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let deadline = start + Duration::from_secs(load.duration);

    let one = {
        let (http, hist, tally, request, base) = (
            http.clone(),
            hist.clone(),
            tally.clone(),
            request.clone(),
            load.url.clone(),
        );
        move |n: u64, due: Instant| {
            let (http, hist, tally, request, base) = (
                http.clone(),
                hist.clone(),
                tally.clone(),
                request.clone(),
                base.clone(),
            );
            async move {
                let Some((req, email)) = request.build(&http, &base, n) else {
                    return false;
                };
                let res = req.send().await;
                let micros = due.elapsed().as_micros() as u64;
                let key = match &res {
                    Ok(r) => {
                        // Read the body so the connection is reused.
                        let status = r.status().as_u16();
                        status.to_string()
                    }
                    Err(e) if e.is_timeout() => "timeout".to_owned(),
                    Err(_) => "connection_error".to_owned(),
                };
                if let Ok(r) = res {
                    let _ = r.bytes().await;
                }
                hist.lock().unwrap().saturating_record(micros.max(1));
                let mut t = tally.lock().unwrap();
                if key == "202" {
                    if let Some(email) = email {
                        t.accepted.push(email);
                    }
                }
                *t.statuses.entry(key).or_default() += 1;
                true
            }
        }
    };

    match load.rate {
        None => {
            let mut workers = Vec::new();
            for _ in 0..load.concurrency {
                let (one, next) = (one.clone(), next.clone());
                let max = load.max_requests;
                workers.push(tokio::spawn(async move {
                    loop {
                        let n = next.fetch_add(1, Ordering::Relaxed);
                        if n >= max || Instant::now() >= deadline {
                            break;
                        }
                        if !one(n, Instant::now()).await {
                            break;
                        }
                    }
                }));
            }
            for w in workers {
                let _ = w.await;
            }
        }
        Some(rate) => {
            let interval = Duration::from_secs_f64(1.0 / rate as f64);
            let mut tasks = tokio::task::JoinSet::new();
            let mut n = 0u64;
            while n < load.max_requests {
                let due = start + interval * n as u32;
                if due >= deadline {
                    break;
                }
                tokio::time::sleep_until(due.into()).await;
                if tasks.len() >= MAX_IN_FLIGHT {
                    // The driver's own limit (sockets): counted, not sent.
                    *tally
                        .lock()
                        .unwrap()
                        .statuses
                        .entry("not_sent_driver_limit".into())
                        .or_default() += 1;
                    n += 1;
                    continue;
                }
                tasks.spawn(one(n, due));
                n += 1;
                while let Some(done) = tasks.try_join_next() {
                    let _ = done;
                }
            }
            while tasks.join_next().await.is_some() {}
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    let hist = hist.lock().unwrap();
    let tally = tally.lock().unwrap();
    let total: u64 = tally.statuses.values().sum();
    let ok: u64 = tally
        .statuses
        .iter()
        .filter(|(k, _)| k.starts_with('2'))
        .map(|(_, v)| v)
        .sum();
    let server_errors: u64 = tally
        .statuses
        .iter()
        .filter(|(k, _)| k.starts_with('5') || *k == "timeout" || *k == "connection_error")
        .map(|(_, v)| v)
        .sum();
    if let Some(path) = accepted_file {
        let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
        for e in &tally.accepted {
            writeln!(f, "{e}").unwrap();
        }
    }
    let ms = |q: f64| hist.value_at_quantile(q) as f64 / 1000.0;
    println!(
        "{}",
        json!({
            "requests": total,
            "ok": ok,
            "ok_per_s": ok as f64 / elapsed,
            "errors_5xx_or_failed": server_errors,
            "statuses": tally.statuses,
            "seconds": elapsed,
            "offered_per_s": load.rate,
            "p50_ms": ms(0.50),
            "p90_ms": ms(0.90),
            "p99_ms": ms(0.99),
            "max_ms": hist.max() as f64 / 1000.0,
        })
    );
}

async fn freshness(url: String, letter: String, tokens: Vec<String>, samples: usize) {
    loopback_only(&url);
    let http = reqwest::Client::new();
    let count = |http: reqwest::Client, url: String, letter: String| async move {
        let v: serde_json::Value = http
            .get(format!("{url}/api/v1/letters/{letter}"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        v["signature_count"].as_u64().unwrap()
    };
    let mut delays = Vec::new();
    for token in tokens.into_iter().take(samples) {
        let before = count(http.clone(), url.clone(), letter.clone()).await;
        let t0 = Instant::now();
        let res = http
            .post(format!("{url}/api/v1/confirm"))
            .json(&json!({ "token": token }))
            .send()
            .await
            .unwrap();
        assert!(res.status().is_success(), "confirm: {}", res.status());
        loop {
            if count(http.clone(), url.clone(), letter.clone()).await > before {
                break;
            }
            assert!(
                t0.elapsed() < Duration::from_secs(30),
                "the count never moved"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        delays.push(t0.elapsed().as_secs_f64() * 1000.0);
    }
    delays.sort_by(f64::total_cmp);
    println!(
        "{}",
        json!({"samples": delays.len(), "max_ms": delays.last(), "median_ms": delays.get(delays.len() / 2)})
    );
}

#[derive(Clone)]
struct SinkHandler {
    log: Arc<Mutex<std::io::BufWriter<std::fs::File>>>,
    id: Option<String>,
}

impl mailin_embedded::Handler for SinkHandler {
    fn data_start(
        &mut self,
        _domain: &str,
        _from: &str,
        _is8bit: bool,
        _to: &[String],
    ) -> mailin_embedded::response::Response {
        self.id = None;
        mailin_embedded::response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        if self.id.is_none() {
            let text = String::from_utf8_lossy(buf);
            if let Some(at) = text.find("<outbox-") {
                let rest = &text[at + 8..];
                let id: String = rest.chars().take_while(char::is_ascii_digit).collect();
                if !id.is_empty() {
                    self.id = Some(id);
                }
            } else if text.contains("<update-") {
                // One of an update's messages (its Message-ID names the update
                // and the signature, not the outbox row).
                self.id = Some("update".into());
            }
        }
        Ok(())
    }

    fn data_end(&mut self) -> mailin_embedded::response::Response {
        let line = format!("{} {}\n", now_ms(), self.id.as_deref().unwrap_or("?"));
        let _ = self.log.lock().unwrap().write_all(line.as_bytes());
        mailin_embedded::response::OK
    }
}

fn sink(port: u16, log: String) {
    let file = std::fs::File::create(&log).unwrap();
    let log = Arc::new(Mutex::new(std::io::BufWriter::new(file)));
    let flusher = log.clone();
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_millis(200));
        let _ = flusher.lock().unwrap().flush();
    });
    let mut server = mailin_embedded::Server::new(SinkHandler { log, id: None });
    server
        .with_name("bench.sink")
        .with_addr(("127.0.0.1", port))
        .unwrap()
        .with_num_threads(256);
    server.serve().unwrap();
}

async fn receiver(port: u16, log: String) {
    use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
    let file = std::fs::File::create(&log).unwrap();
    let log = Arc::new(Mutex::new(std::io::BufWriter::new(file)));
    let flusher = log.clone();
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_millis(200));
        let _ = flusher.lock().unwrap().flush();
    });
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .unwrap();
    while let Ok((conn, _)) = listener.accept().await {
        let log = log.clone();
        tokio::spawn(async move {
            let (read, mut write) = conn.into_split();
            let mut read = BufReader::new(read);
            loop {
                let mut line = String::new();
                if read.read_line(&mut line).await.unwrap_or(0) == 0 {
                    return;
                }
                let mut len = 0;
                loop {
                    let mut h = String::new();
                    if read.read_line(&mut h).await.unwrap_or(0) == 0 {
                        return;
                    }
                    let h = h.trim_end();
                    if h.is_empty() {
                        break;
                    }
                    if let Some((k, v)) = h.split_once(':') {
                        if k.eq_ignore_ascii_case("content-length") {
                            len = v.trim().parse().unwrap_or(0);
                        }
                    }
                }
                let mut body = vec![0; len];
                if read.read_exact(&mut body).await.is_err() {
                    return;
                }
                let arrival = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_millis();
                let event: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
                let at = event["timestamp"].as_str().unwrap_or_default().to_owned();
                let _ = writeln!(log.lock().unwrap(), "{arrival} {at}");
                let reply = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
                if write.write_all(reply).await.is_err() {
                    return;
                }
            }
        });
    }
}

fn lines(path: &str) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .filter(|l| !l.is_empty())
        .collect()
}

#[tokio::main]
async fn main() {
    match Cli::parse().command {
        Command::Sign {
            load,
            letter,
            prefix,
            accepted,
        } => run(load, Request::Sign { letter, prefix }, accepted).await,
        Command::Confirm { load, tokens } => {
            let tokens = Arc::new(lines(&tokens));
            let load = Load {
                max_requests: load.max_requests.min(tokens.len() as u64),
                ..load
            };
            run(load, Request::Confirm { tokens }, None).await
        }
        Command::Get { load, path } => {
            run(
                load,
                Request::Get {
                    paths: Arc::new(path),
                },
                None,
            )
            .await
        }
        Command::Fresh {
            url,
            letter,
            tokens,
            samples,
        } => freshness(url, letter, lines(&tokens), samples).await,
        Command::Receiver { port, log } => receiver(port, log).await,
        Command::Sink { port, log } => sink(port, log),
    }
}
