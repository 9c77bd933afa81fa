//! The test harness: a fresh database per test, a real SMTP server on loopback,
//! and the application served on a free port.

use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;
use rocket::figment::Figment;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, Set};
use undersigned::db::entities::letter::{self, Category, LetterStatus};
use undersigned::db::entities::letter_group;

const ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

fn random_suffix() -> String {
    let mut b = [0u8; 8];
    getrandom::fill(&mut b).expect("OS RNG");
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// A free loopback port: bound, read, released.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// The release build of the binary, as operators run it: built on first use
/// (`.ci/run` builds it before the tests, so there this finds it up to date).
pub fn release_binary() -> std::path::PathBuf {
    static BUILT: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            // target/debug/undersigned → target/
            let debug = std::path::Path::new(env!("CARGO_BIN_EXE_undersigned"));
            let target_dir = debug
                .parent()
                .and_then(|p| p.parent())
                .expect("the binary sits in target/<profile>/");
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
            let mut build = std::process::Command::new(cargo);
            // Without the variables cargo sets for this test (a build script,
            // ring's, reruns when CARGO_MANIFEST_DIR changes): the same
            // build as `.ci/run`'s, found up to date.
            for (key, _) in std::env::vars_os() {
                let key = key.to_string_lossy();
                if key.starts_with("CARGO_") && key != "CARGO_HOME" {
                    build.env_remove(&*key);
                }
            }
            let status = build
                .args(["build", "--release", "--locked", "--bin", "undersigned"])
                .arg("--target-dir")
                .arg(target_dir)
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .status()
                .expect("cargo runs");
            assert!(status.success(), "the release build failed");
            target_dir.join("release").join("undersigned")
        })
        .clone()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

/// A database made for one test and removed after it.
pub struct TestDatabase {
    pub url: String,
    backend: Backend,
    name: String,
}

impl TestDatabase {
    pub async fn create(backend: Backend) -> TestDatabase {
        let name = format!("undersigned_test_{}", random_suffix());
        match backend {
            Backend::Postgres => {
                let admin = sea_orm::Database::connect(ADMIN_URL)
                    .await
                    .expect("PostgreSQL on 127.0.0.1:5432 (start it, or run .ci/run)");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("create test database");
                admin.close().await.ok();
                TestDatabase {
                    url: format!("postgres://postgres@127.0.0.1:5432/{name}"),
                    backend,
                    name,
                }
            }
            Backend::Sqlite => {
                let path = std::env::temp_dir().join(format!("{name}.db"));
                TestDatabase {
                    url: format!("sqlite://{}?mode=rwc", path.display()),
                    backend,
                    name: path.display().to_string(),
                }
            }
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let name = self.name.clone();
        match self.backend {
            Backend::Postgres => {
                // Drop runs outside async; use a runtime of its own on its own thread.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .expect("runtime");
                    rt.block_on(async {
                        if let Ok(admin) = sea_orm::Database::connect(ADMIN_URL).await {
                            let _ = admin
                                .execute_unprepared(&format!(
                                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                                ))
                                .await;
                            admin.close().await.ok();
                        }
                    });
                })
                .join();
            }
            Backend::Sqlite => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{name}{suffix}"));
                }
            }
        }
    }
}

/// One message as the SMTP server received it.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub message_id: String,
    /// The names of the message's own headers, as sent (lower case).
    pub headers: Vec<String>,
    /// Each header's name (lower case) and raw value, trimmed.
    pub header_values: Vec<(String, String)>,
    pub text: String,
    pub html: String,
    /// The message as it came over SMTP.
    pub raw: Vec<u8>,
}

impl Mail {
    fn parse(raw: &[u8], envelope_to: &str) -> Mail {
        let msg = mail_parser::MessageParser::default()
            .parse(raw)
            .expect("a parseable message");
        Mail {
            to: envelope_to.to_owned(),
            subject: msg.subject().unwrap_or_default().to_owned(),
            message_id: msg.message_id().unwrap_or_default().to_owned(),
            headers: msg
                .headers()
                .iter()
                .map(|h| h.name().to_ascii_lowercase())
                .collect(),
            header_values: msg
                .headers()
                .iter()
                .map(|h| {
                    let raw = raw
                        .get(h.offset_start() as usize..h.offset_end() as usize)
                        .unwrap_or_default();
                    (
                        h.name().to_ascii_lowercase(),
                        String::from_utf8_lossy(raw).trim().to_owned(),
                    )
                })
                .collect(),
            text: msg.body_text(0).map(|c| c.into_owned()).unwrap_or_default(),
            html: msg.body_html(0).map(|c| c.into_owned()).unwrap_or_default(),
            raw: raw.to_vec(),
        }
    }

    /// The raw value of header `name` (any case), if the message has it.
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.header_values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The token of the first link whose path has `path` (e.g. "/confirm/"), whatever its host.
    pub fn token(&self, path: &str) -> String {
        self.text
            .split_whitespace()
            .find(|w| w.contains(path))
            .and_then(|l| l.rsplit('/').next())
            .unwrap_or_else(|| panic!("no {path} link in {self:?}"))
            .to_owned()
    }

    /// The first link in the text part that starts with `prefix` (e.g. ".../confirm/").
    pub fn link(&self, prefix: &str) -> String {
        self.text
            .split_whitespace()
            .find(|w| w.starts_with(prefix))
            .unwrap_or_else(|| panic!("no link starting {prefix} in:\n{}", self.text))
            .to_owned()
    }
}

/// Collects each session's data and files complete messages in the shared inbox.
#[derive(Clone)]
struct SinkHandler {
    inbox: Arc<Mutex<Vec<Mail>>>,
    to: String,
    data: Vec<u8>,
}

impl mailin_embedded::Handler for SinkHandler {
    /// Mailboxes whose name starts with `bounce` do not exist: a permanent
    /// 550 that quotes the address back, as real servers do.
    fn rcpt(&mut self, to: &str) -> mailin_embedded::Response {
        if to.trim_start_matches('<').starts_with("bounce") {
            mailin_embedded::Response::custom(
                550,
                format!("5.1.1 {to}: Recipient address rejected: user unknown"),
            )
        } else {
            mailin_embedded::response::OK
        }
    }

    fn data_start(
        &mut self,
        _domain: &str,
        _from: &str,
        _is8bit: bool,
        to: &[String],
    ) -> mailin_embedded::Response {
        self.to = to.join(",");
        self.data.clear();
        mailin_embedded::response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> mailin_embedded::Response {
        let mail = Mail::parse(&self.data, &self.to);
        self.inbox.lock().unwrap().push(mail);
        mailin_embedded::response::OK
    }
}

/// A real SMTP server on a loopback port, in a thread of its own.
#[derive(Clone)]
pub struct MailSink {
    pub port: u16,
    inbox: Arc<Mutex<Vec<Mail>>>,
}

impl MailSink {
    /// An inbox whose server is not listening yet (see [`MailSink::start`]).
    pub fn not_started() -> MailSink {
        MailSink {
            port: free_port(),
            inbox: Arc::default(),
        }
    }

    /// Starts listening on this sink's port.
    pub fn start(&self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).expect("bind SMTP port");
        let handler = SinkHandler {
            inbox: self.inbox.clone(),
            to: String::new(),
            data: Vec::new(),
        };
        let mut server = mailin_embedded::Server::new(handler);
        server
            .with_name("sink.test")
            // One thread per connection: more than the app's pool (mail_concurrency) may open.
            .with_num_threads(64)
            .with_tcp_listener(listener);
        std::thread::spawn(move || {
            let _ = server.serve();
        });
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message so far, in the order the app queued them (its outbox id,
    /// from the `Message-ID`): the worker hands several to the server at once,
    /// so they may arrive in another order.
    pub fn all(&self) -> Vec<Mail> {
        let mut all = self.inbox.lock().unwrap().clone();
        all.sort_by_key(|m| {
            m.message_id
                .strip_prefix("outbox-")
                .and_then(|r| r.split('@').next())
                .and_then(|id| id.parse::<i64>().ok())
                .unwrap_or(i64::MAX)
        });
        all
    }

    /// Waits until at least `n` messages have arrived (up to 15 s) and returns them all.
    pub async fn wait_for(&self, n: usize) -> Vec<Mail> {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if self.inbox.lock().unwrap().len() >= n {
                // Messages sent in one batch arrive within moments of each other.
                tokio::time::sleep(Duration::from_millis(150)).await;
                return self.all();
            }
            let all = self.all();
            assert!(
                Instant::now() < deadline,
                "expected {n} messages, got {}: {all:#?}",
                all.len()
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Waits for the `n`th message (1-based) and returns it.
    /// The first message to `address`, waiting for it to arrive.
    pub async fn first_to(&self, address: &str) -> Mail {
        for _ in 0..200 {
            if let Some(m) = self.all().into_iter().find(|m| m.to == address) {
                return m;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("no mail to {address} arrived");
    }

    pub async fn nth(&self, n: usize) -> Mail {
        self.wait_for(n).await[n - 1].clone()
    }
}

/// The running application and what a test needs to talk to it.
pub struct TestApp {
    pub browser: Browser,
    pub db: DatabaseConnection,
    pub mail: MailSink,
    /// The database the app uses (shared by [`TestApp::another_instance`]).
    pub db_url: String,
    runner: Runner,
    // Dropped last: the database outlives the app's connections. `None` for a
    // second instance, which uses the first one's.
    _database: Option<TestDatabase>,
}

/// How the app under test runs: inside the test's runtime, or as the real
/// binary in a child process whose output the test can read.
enum Runner {
    InProcess(rocket::Shutdown),
    Process {
        child: std::process::Child,
        output: Arc<Mutex<Vec<u8>>>,
    },
}

impl Drop for TestApp {
    fn drop(&mut self) {
        match &mut self.runner {
            Runner::InProcess(shutdown) => shutdown.clone().notify(),
            Runner::Process { child, .. } => {
                let _ = child.kill();
                let _ = child.wait();
            }
        }
    }
}

impl TestApp {
    /// Kills the binary at once, as the kernel's OOM killer or a power cut
    /// would: SIGKILL, no shutdown of any kind (process mode only).
    pub fn kill(&mut self) {
        match &mut self.runner {
            Runner::Process { child, .. } => {
                child.kill().expect("SIGKILL");
                child.wait().expect("the killed child is reaped");
            }
            Runner::InProcess(_) => panic!("the app runs in-process; spawn it with process: true"),
        }
    }

    /// Everything the binary wrote to stdout and stderr so far (process mode only).
    pub fn output(&self) -> String {
        match &self.runner {
            Runner::Process { output, .. } => {
                String::from_utf8_lossy(&output.lock().unwrap()).into_owned()
            }
            Runner::InProcess(_) => panic!("the app runs in-process; spawn it with process: true"),
        }
    }
}

/// Copies a child's pipe into `sink` on a thread of its own.
fn collect(mut pipe: impl std::io::Read + Send + 'static, sink: Arc<Mutex<Vec<u8>>>) {
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = pipe.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
}

pub struct Options {
    pub backend: Backend,
    /// Start the SMTP server before the app (false: the test starts it later).
    pub smtp_up: bool,
    /// Write mail to `.eml` files in this folder instead of SMTP (`smtp_url` unset).
    pub mail_dir: Option<std::path::PathBuf>,
    pub demo: bool,
    /// Run the built binary as a child process (logs readable with [`TestApp::output`]).
    pub process: bool,
    /// In process mode, this binary rather than the test profile's (e.g. [`release_binary`]).
    pub binary: Option<std::path::PathBuf>,
    /// `public_cache_ms`: 0 (most tests read their own writes at once), or the cache's test.
    pub public_cache_ms: u64,
    /// More settings, applied last (e.g. signing limits, which are off by
    /// default here since most tests sign many times from one address).
    pub settings: Vec<(&'static str, String)>,
    /// Another instance's database and mail server, to run beside it.
    pub shared: Option<(String, MailSink)>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            backend: Backend::Postgres,
            smtp_up: true,
            mail_dir: None,
            demo: false,
            process: false,
            binary: None,
            public_cache_ms: 0,
            settings: Vec::new(),
            shared: None,
        }
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_with(Options::default()).await
}

pub async fn spawn_on(backend: Backend) -> TestApp {
    spawn_with(Options {
        backend,
        ..Options::default()
    })
    .await
}

pub async fn spawn_with(options: Options) -> TestApp {
    let (database, db_url, mail) = match &options.shared {
        Some((url, mail)) => (None, url.clone(), mail.clone()),
        None => {
            let database = TestDatabase::create(options.backend).await;
            let url = database.url.clone();
            let mail = MailSink::not_started();
            if options.smtp_up {
                mail.start();
            }
            (Some(database), url, mail)
        }
    };
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut settings: Vec<(&str, String)> = vec![
        ("address", "127.0.0.1".into()),
        ("port", port.to_string()),
        ("demo", options.demo.to_string()),
        ("database_url", db_url.clone()),
        ("public_url", base.clone()),
        ("mail_poll_ms", "100".into()),
        ("mail_retry_base_secs", "1".into()),
        ("public_cache_ms", options.public_cache_ms.to_string()),
        ("history_cache_secs", "0".into()),
        ("retention_interval_secs", "0".into()),
        ("sign_per_ip_per_minute", "0".into()),
        ("sign_per_ip_per_hour", "0".into()),
        ("sign_per_ip_letter_per_minute", "0".into()),
        ("sign_per_ip_letter_per_hour", "0".into()),
    ];
    match &options.mail_dir {
        Some(dir) => settings.push(("mail_dir", dir.display().to_string())),
        None => settings.push(("smtp_url", mail.url())),
    }
    settings.extend(options.settings.iter().cloned());
    let mut runner = if options.process {
        let binary = options
            .binary
            .clone()
            .unwrap_or_else(|| env!("CARGO_BIN_EXE_undersigned").into());
        let mut cmd = std::process::Command::new(binary);
        for (key, value) in &settings {
            cmd.env(format!("ROCKET_{}", key.to_uppercase()), value);
        }
        let mut child = cmd
            // What an operator sees at the default level, with our own debug lines too.
            .env("ROCKET_CLI_COLORS", "false")
            .env("RUST_LOG", "info,undersigned=debug")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let output = Arc::new(Mutex::new(Vec::new()));
        collect(child.stdout.take().unwrap(), output.clone());
        collect(child.stderr.take().unwrap(), output.clone());
        Runner::Process { child, output }
    } else {
        let mut figment: Figment = rocket::Config::figment()
            .merge(("log_level", "off"))
            .merge(("shutdown.ctrlc", false));
        for (key, value) in settings {
            // Read the text as an environment variable would be (so "false" is a boolean).
            let value: rocket::figment::value::Value = value.parse().expect("a setting");
            figment = figment.merge((key, value));
        }
        let rocket = undersigned::rocket(figment)
            .ignite()
            .await
            .expect("the app ignites");
        let shutdown = rocket.shutdown();
        tokio::spawn(rocket.launch());
        Runner::InProcess(shutdown)
    };

    let browser = Browser::new(&base);
    let http = &browser.http;
    let deadline = Instant::now() + Duration::from_secs(10);
    while http
        .get(format!("{base}/healthz"))
        .send()
        .await
        .map(|r| !r.status().is_success())
        .unwrap_or(true)
    {
        assert!(Instant::now() < deadline, "the app did not come up");
        if let Runner::Process { child, output } = &mut runner {
            if let Ok(Some(status)) = child.try_wait() {
                panic!(
                    "the binary exited ({status}):\n{}",
                    String::from_utf8_lossy(&output.lock().unwrap())
                );
            }
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let db = undersigned::db::connect(&db_url, 4).await.unwrap();
    TestApp {
        browser,
        db,
        mail,
        db_url,
        runner,
        _database: database,
    }
}

impl TestApp {
    /// A second instance of the app on the same database and mail server.
    pub async fn another_instance(&self) -> TestApp {
        spawn_with(Options {
            shared: Some((self.db_url.clone(), self.mail.clone())),
            ..Options::default()
        })
        .await
    }
}

/// A letter as a test wants it; stored directly, as organisers' tools come later.
pub struct LetterSpec {
    pub slug: &'static str,
    pub status: LetterStatus,
    pub requires_approval: bool,
    pub goal: Option<i64>,
    /// (slug, name, domains)
    pub groups: Vec<(&'static str, &'static str, &'static str)>,
    /// Slugs of groups that take only verified addresses.
    pub verified_only: Vec<&'static str>,
    pub allow_group_proposals: bool,
    pub discreet: bool,
}

impl LetterSpec {
    pub fn published(slug: &'static str) -> LetterSpec {
        LetterSpec {
            slug,
            status: LetterStatus::Published,
            requires_approval: false,
            goal: Some(100),
            groups: vec![],
            verified_only: vec![],
            allow_group_proposals: false,
            discreet: false,
        }
    }
}

impl TestApp {
    pub async fn create_letter(&self, spec: LetterSpec) -> letter::Model {
        let now = Utc::now();
        let row = letter::ActiveModel {
            slug: Set(spec.slug.into()),
            title: Set(format!("Letter {}", spec.slug)),
            summary: Set("A summary.".into()),
            body: Set("We **ask** for this.".into()),
            category: Set(Category::Other),
            status: Set(spec.status),
            goal: Set(spec.goal),
            requires_approval: Set(spec.requires_approval),
            allow_group_proposals: Set(spec.allow_group_proposals),
            discreet: Set(spec.discreet),
            created_at: Set(now),
            updated_at: Set(now),
            published_at: Set(Some(now)),
            closed_at: Set((spec.status == LetterStatus::Closed).then_some(now)),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .unwrap();
        for (slug, name, domains) in spec.groups {
            letter_group::ActiveModel {
                letter_id: Set(row.id),
                slug: Set(slug.into()),
                name: Set(name.into()),
                email_domains: Set(domains.into()),
                require_verified: Set(spec.verified_only.contains(&slug)),
                goal: Set(None),
                created_at: Set(now),
                status: Set(letter_group::GroupStatus::Accepted),
                ..Default::default()
            }
            .insert(&self.db)
            .await
            .unwrap();
        }
        row
    }

    /// `POST /api/v1/letters/{slug}/signatures` with a JSON body.
    pub async fn sign_api(&self, slug: &str, body: serde_json::Value) -> reqwest::Response {
        self.http
            .post(self.url(&format!("/api/v1/letters/{slug}/signatures")))
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    pub async fn count(&self, slug: &str) -> u64 {
        self.get_json(&format!("/api/v1/letters/{slug}")).await["signature_count"]
            .as_u64()
            .unwrap()
    }

    pub async fn public_names(&self, slug: &str) -> Vec<String> {
        self.get_json(&format!("/api/v1/letters/{slug}/signatures?per_page=500"))
            .await["signatures"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|s| s["name"].as_str().map(str::to_owned))
            .collect()
    }

    /// Rows in a table, read straight from the database.
    pub async fn rows(&self, table: &str) -> i64 {
        self.scalar(&format!("SELECT COUNT(*) AS n FROM {table}"))
            .await
    }

    /// The number a query answers in its column `n`, read straight from the database.
    pub async fn scalar(&self, sql: &str) -> i64 {
        let row = self
            .db
            .query_one_raw(sea_orm::Statement::from_string(
                self.db.get_database_backend(),
                sql.to_owned(),
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get::<i64>("", "n").unwrap()
    }
}

/// A person's browser: its own cookies (session, CSRF) against the app.
pub struct Browser {
    pub base: String,
    pub http: reqwest::Client,
}

impl Browser {
    pub fn new(base: &str) -> Browser {
        Browser {
            base: base.to_owned(),
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .cookie_store(true)
                .build()
                .unwrap(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get_json(&self, path: &str) -> serde_json::Value {
        let res = self.http.get(self.url(path)).send().await.unwrap();
        assert!(res.status().is_success(), "GET {path}: {}", res.status());
        res.json().await.unwrap()
    }

    pub async fn get_text(&self, path: &str) -> String {
        let res = self.http.get(self.url(path)).send().await.unwrap();
        assert!(res.status().is_success(), "GET {path}: {}", res.status());
        res.text().await.unwrap()
    }

    /// The status of `GET path` sent with `If-None-Match: etag`.
    pub async fn status_if_none_match(&self, path: &str, etag: &str) -> reqwest::StatusCode {
        self.http
            .get(self.url(path))
            .header("If-None-Match", etag)
            .send()
            .await
            .unwrap()
            .status()
    }

    /// The status of `GET path`, without following redirects.
    pub async fn status_of(&self, path: &str) -> reqwest::StatusCode {
        self.http.get(self.url(path)).send().await.unwrap().status()
    }

    /// `POST /api/v1/confirm` with `token`; the answer's status.
    pub async fn confirm_api(&self, token: String) -> reqwest::StatusCode {
        self.http
            .post(self.url("/api/v1/confirm"))
            .json(&serde_json::json!({ "token": token }))
            .send()
            .await
            .unwrap()
            .status()
    }

    /// Follows an emailed link as a person would: opens the page, then presses
    /// its one button. Returns the page after the press.
    pub async fn press_button_behind(&self, link: &str) -> reqwest::Response {
        let page = self.http.get(link).send().await.unwrap();
        assert_eq!(page.status(), 200, "GET {link}");
        let html = page.text().await.unwrap();
        let action = form_action(&html).expect("the page has a form with a button");
        self.post_form(&action, &html, &[]).await
    }

    /// Posts a form as the browser would from `page_html`: with the page's CSRF token.
    pub async fn post_form(
        &self,
        action: &str,
        page_html: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let csrf = csrf_of(page_html).expect("the page carries a CSRF token");
        let mut all: Vec<(&str, &str)> = vec![("_csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.http
            .post(self.url(action))
            .form(&all)
            .send()
            .await
            .unwrap()
    }

    /// Opens `page` and submits the form that posts to `action` with `fields`.
    pub async fn submit(
        &self,
        page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let html = self.get_text(page).await;
        assert!(
            html.contains(&format!(r#"action="{action}""#)),
            "{page} has no form posting to {action}"
        );
        self.post_form(action, &html, fields).await
    }

    /// Like [`Browser::press_button_behind`], for links that may no longer work:
    /// the status of the page, or of the press if the page offered a button.
    pub async fn press_button_behind_status(&self, link: &str) -> u16 {
        let page = self.http.get(link).send().await.unwrap();
        if page.status() != 200 {
            return page.status().as_u16();
        }
        let html = page.text().await.unwrap();
        let action = form_action(&html).expect("the page has a form with a button");
        self.post_form(&action, &html, &[]).await.status().as_u16()
    }
}

impl std::ops::Deref for TestApp {
    type Target = Browser;

    fn deref(&self) -> &Browser {
        &self.browser
    }
}

/// The `action` of the first `<form method="post">` in a page's `<main>`.
pub fn form_action(html: &str) -> Option<String> {
    let main = html.find("<main").map_or(html, |i| &html[i..]);
    let re = regex::Regex::new(r#"<form[^>]*\smethod="post"[^>]*\saction="([^"]+)""#).unwrap();
    re.captures(main).map(|c| c[1].to_owned())
}

/// The CSRF token a page's forms carry.
pub fn csrf_of(html: &str) -> Option<String> {
    let re = regex::Regex::new(r#"name="_csrf" value="([^"]+)""#).unwrap();
    re.captures(html).map(|c| c[1].to_owned())
}

pub const PASSWORD: &str = "a long test passphrase";

impl TestApp {
    /// An account made the way `undersigned user add` makes it.
    pub async fn add_user(&self, email: &str, role: undersigned::db::entities::user::Role) {
        undersigned::app::add_user(&self.db, email, role, PASSWORD)
            .await
            .unwrap();
    }

    /// Makes the account `email` the organiser of letter `slug`.
    pub async fn give_letter_to(&self, slug: &str, email: &str) {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        use undersigned::db::entities::user;
        let owner = user::Entity::find()
            .filter(user::Column::Email.eq(email))
            .one(&self.db)
            .await
            .unwrap()
            .expect("the account exists");
        letter::Entity::update_many()
            .col_expr(
                letter::Column::OrganiserId,
                sea_orm::sea_query::Expr::value(owner.id),
            )
            .filter(letter::Column::Slug.eq(slug))
            .exec(&self.db)
            .await
            .unwrap();
        // Its team's owner, as if they had drafted it.
        use undersigned::db::entities::team_member;
        let letter = letter::Entity::find()
            .filter(letter::Column::Slug.eq(slug))
            .one(&self.db)
            .await
            .unwrap()
            .expect("the letter exists");
        let now = Utc::now();
        team_member::ActiveModel {
            letter_id: Set(Some(letter.id)),
            campaign_id: Set(None),
            user_id: Set(Some(owner.id)),
            email: Set(owner.email.clone()),
            role: Set(team_member::TeamRole::Owner),
            token_hash: Set(None),
            invited_by: Set(None),
            invited_at: Set(now),
            accepted_at: Set(Some(now)),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .unwrap();
    }

    /// A fresh browser, logged in through the login page.
    pub async fn browser_logged_in(&self, email: &str) -> Browser {
        let b = Browser::new(&self.base);
        let res = b
            .submit(
                "/login",
                "/login",
                &[("email", email), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(res.status(), 303, "login of {email}");
        assert_eq!(res.headers()["location"], "/dashboard");
        b
    }

    /// A bearer token from `POST /api/v1/session`.
    pub async fn api_token(&self, email: &str) -> String {
        let res = self
            .http
            .post(self.url("/api/v1/session"))
            .json(&serde_json::json!({"email": email, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "API login of {email}");
        res.json::<serde_json::Value>().await.unwrap()["token"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Stores `n` confirmed signatures of letter `slug` that agreed to updates
    /// (`reader{i}@example.org`), as a bulk load on PostgreSQL.
    pub async fn seed_consenting(&self, slug: &str, n: usize) {
        sea_orm::ConnectionTrait::execute_unprepared(
            &self.db,
            &format!(
                "INSERT INTO signatures (letter_id, name, email, email_normalized, anonymous, updates, \
                 verified_affiliation, status, created_at, confirmed_at) \
                 SELECT l.id, 'Reader ' || i, 'reader' || i || '@example.org', 'reader' || i || '@example.org', \
                 false, true, false, 'confirmed', now(), now() \
                 FROM letters l, generate_series(1, {n}) i WHERE l.slug = '{slug}'"
            ),
        )
        .await
        .unwrap();
    }

    /// As its organiser, writes an update to letter `slug`; as a moderator,
    /// publishes it. The update's id and how many it is to be mailed to.
    pub async fn publish_update(&self, slug: &str, organiser: &str, moderator: &str) -> (i64, i64) {
        let res = self
            .api(
                reqwest::Method::POST,
                &format!("/letters/{slug}/updates"),
                Some(organiser),
                Some(serde_json::json!({"title": "News", "body": "We delivered it."})),
            )
            .await;
        assert_eq!(res.status(), 201);
        let id = res.json::<serde_json::Value>().await.unwrap()["id"]
            .as_i64()
            .unwrap();
        let res = self
            .api(
                reqwest::Method::POST,
                &format!("/moderation/updates/{id}/publish"),
                Some(moderator),
                None,
            )
            .await;
        assert_eq!(res.status(), 200);
        let recipients = res.json::<serde_json::Value>().await.unwrap()["recipients"]
            .as_i64()
            .unwrap();
        (id, recipients)
    }

    /// Approves, as the moderator whose API token is `token`, every reason
    /// waiting for a decision; the ids of their signatures.
    pub async fn approve_pending_reasons(&self, token: &str) -> Vec<i64> {
        let pending = self
            .api(
                reqwest::Method::GET,
                "/moderation/reasons",
                Some(token),
                None,
            )
            .await
            .json::<serde_json::Value>()
            .await
            .unwrap();
        let ids: Vec<i64> = pending["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect();
        for id in &ids {
            let path = format!("/moderation/reasons/{id}/approve");
            let res = self
                .api(reqwest::Method::POST, &path, Some(token), None)
                .await;
            assert_eq!(res.status(), 200, "approving reason {id}");
        }
        ids
    }

    /// An API call with a bearer token (or none).
    pub async fn api(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: Option<serde_json::Value>,
    ) -> reqwest::Response {
        let mut req = self
            .http
            .request(method, self.url(&format!("/api/v1{path}")));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        req.send().await.unwrap()
    }

    /// Signs through the API and confirms through the mailed link; `nth` is the mail's place in the inbox.
    pub async fn sign_and_confirm(&self, slug: &str, body: serde_json::Value, nth: usize) {
        assert_eq!(self.sign_api(slug, body).await.status(), 202);
        let mail = self.mail.nth(nth).await;
        let res = self
            .press_button_behind(&mail.link(&self.url("/confirm/")))
            .await;
        assert_eq!(res.status(), 200);
    }

    /// The tables (PostgreSQL) with a row whose text holds `needle`, in any
    /// column, whatever its case.
    pub async fn tables_holding(&self, needle: &str) -> Vec<String> {
        let backend = self.db.get_database_backend();
        let tables = self
            .db
            .query_all_raw(sea_orm::Statement::from_string(
                backend,
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
            ))
            .await
            .unwrap();
        let mut holding = Vec::new();
        for row in tables {
            let table: String = row.try_get("", "tablename").unwrap();
            let sql = format!(
                "SELECT COUNT(*) AS n FROM \"{table}\" AS t WHERE strpos(lower(t::text), lower($1)) > 0"
            );
            let found = self
                .db
                .query_one_raw(sea_orm::Statement::from_sql_and_values(
                    backend,
                    sql,
                    [needle.into()],
                ))
                .await
                .unwrap()
                .unwrap();
            if found.try_get::<i64>("", "n").unwrap() > 0 {
                holding.push(table);
            }
        }
        holding
    }

    /// A snapshot of everything organisers and moderators can change, to prove a refusal changed nothing.
    pub async fn snapshot(&self) -> String {
        let backend = self.db.get_database_backend();
        let mut out = String::new();
        for sql in [
            "SELECT slug, status, title, COALESCE(rejection_reason, '') AS x FROM letters ORDER BY id",
            "SELECT CAST(id AS TEXT) AS slug, status, name, COALESCE(moderation_reason, '') AS x FROM signatures ORDER BY id",
            "SELECT value AS slug, kind AS status, '' AS title, '' AS x FROM blocks ORDER BY id",
            "SELECT action AS slug, detail AS status, actor_email AS title, '' AS x FROM audit_log ORDER BY id",
            "SELECT slug, name AS status, email_domains AS title, '' AS x FROM letter_groups ORDER BY id",
            "SELECT CAST(id AS TEXT) AS slug, status, title, COALESCE(rejection_reason, '') AS x FROM letter_updates ORDER BY id",
            "SELECT CAST(id AS TEXT) AS slug, CASE WHEN unsubscribed_at IS NULL THEN 'subscribed' ELSE 'unsubscribed' END AS status, '' AS title, '' AS x FROM signatures ORDER BY id",
            "SELECT name AS slug, email AS status, COALESCE(organisation, '') AS title, '' AS x FROM letter_recipients ORDER BY id",
            "SELECT CAST(id AS TEXT) AS slug, recipients AS status, CAST(signature_count AS TEXT) AS title, '' AS x FROM letter_deliveries ORDER BY id",
            "SELECT slug, status, title || '|' || summary || '|' || body || '|' || targets || '|' || help_options || '|' || resources AS title, COALESCE(rejection_reason, '') AS x FROM campaigns ORDER BY id",
            "SELECT CAST(campaign_id AS TEXT) AS slug, title AS status, CAST(happened_on AS TEXT) AS title, COALESCE(link, '') AS x FROM campaign_wins ORDER BY id",
            "SELECT slug, COALESCE(CAST(campaign_id AS TEXT), '') AS status, CASE WHEN discreet THEN 'discreet' ELSE 'open' END AS title, '' AS x FROM letters ORDER BY id",
            "SELECT slug, CASE WHEN discreet THEN 'discreet' ELSE 'open' END AS status, '' AS title, '' AS x FROM letter_groups ORDER BY id",
            "SELECT email AS slug, role AS status, COALESCE(CAST(letter_id AS TEXT), '') || '/' || COALESCE(CAST(campaign_id AS TEXT), '') AS title, CASE WHEN accepted_at IS NULL THEN 'invited' ELSE 'member' END AS x FROM team_members ORDER BY id",
            "SELECT email AS slug, name AS status, COALESCE(group_slug, '') || '|' || help || '|' || message AS title, CASE WHEN confirmed_at IS NULL THEN 'pending' ELSE 'confirmed' END AS x FROM volunteers ORDER BY id",
            "SELECT place AS slug, CAST(count AS TEXT) AS status, names AS title, CASE WHEN removed_at IS NULL THEN 'counted' ELSE 'removed' END AS x FROM paper_batches ORDER BY id",
        ] {
            for row in self
                .db
                .query_all_raw(sea_orm::Statement::from_string(backend, sql))
                .await
                .unwrap()
            {
                let cols: Vec<String> = (0..4)
                    .map(|i| row.try_get_by_index::<String>(i).unwrap_or_default())
                    .collect();
                out.push_str(&cols.join("|"));
                out.push('\n');
            }
            out.push_str("--\n");
        }
        out
    }
}

/// A file of the checkers the tests run (`tests/tools`, from npm: axe-core and
/// the Nu HTML checker), installed with `npm ci` once if missing (`.ci/run`
/// installs them before the suite).
/// The Python of a virtualenv in `tests/tools/venv` with the packages
/// `tests/tools/requirements.txt` pins (made on first use, as `.ci/run` does).
pub fn test_python() -> std::path::PathBuf {
    static ONCE: std::sync::Once = std::sync::Once::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools");
    let python = dir.join("venv/bin/python");
    ONCE.call_once(|| {
        let ready = std::process::Command::new(&python)
            .args(["-c", "import dkim, nacl"])
            .status()
            .is_ok_and(|s| s.success());
        if ready {
            return;
        }
        let run = |program: &std::path::Path, args: &[&str]| {
            let status = std::process::Command::new(program)
                .args(args)
                .status()
                .unwrap_or_else(|e| panic!("{} runs: {e}", program.display()));
            assert!(
                status.success(),
                "{} {args:?} failed ({status})",
                program.display()
            );
        };
        let venv = dir.join("venv");
        run(
            std::path::Path::new("python3"),
            &["-m", "venv", venv.to_str().unwrap()],
        );
        let requirements = dir.join("requirements.txt");
        run(
            &python,
            &[
                "-m",
                "pip",
                "install",
                "-q",
                "-r",
                requirements.to_str().unwrap(),
            ],
        );
    });
    python
}

pub fn test_tool(path: &str) -> std::path::PathBuf {
    static ONCE: std::sync::Once = std::sync::Once::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools");
    let file = dir.join("node_modules").join(path);
    ONCE.call_once(|| {
        if file.exists() {
            return;
        }
        let status = std::process::Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--prefix"])
            .arg(&dir)
            .status()
            .expect("npm runs");
        assert!(status.success(), "npm ci in tests/tools failed ({status})");
    });
    assert!(file.exists(), "{} is missing after npm ci", file.display());
    file
}
