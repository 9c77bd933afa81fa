//! Undersigned: open letters and pledges, signed and confirmed by email.
//!
//! [`rocket`] is the one place the application is assembled.

//!
//! The layers, each importing only those below it (`tests/it/architecture.rs`
//! keeps it so):
//!
//! ```text
//! routes/, cli          HTTP and the command line
//! app/                  use cases: signing, organising, moderation, accounts...
//! state                 the handles every handler shares
//! read/                 read models: views, history, share image, public cache
//! mail/ auth/ limits metrics   infrastructure
//! db/                   connection, entities, every query
//! domain/               validated types
//! config, error         settings and the one error type
//! ```

#![deny(unreachable_pub)]

pub mod app;
pub(crate) mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
#[cfg(any(test, feature = "fuzzing"))]
#[doc(hidden)]
pub mod fuzzing;
pub mod i18n;
pub(crate) mod limits;
pub mod mail;
pub(crate) mod metrics;
pub(crate) mod read;
pub(crate) mod routes;
pub(crate) mod state;

use std::path::PathBuf;
use std::sync::Arc;

use rocket::fairing::AdHoc;
use rocket::figment::Figment;
use rocket::{Build, Rocket};
use rocket_dyn_templates::Template;
use tokio::sync::Notify;

use crate::app::signing::SignQueue;
use crate::config::Settings;
use crate::mail::transport::Transport;
use crate::mail::worker::Worker;
use crate::metrics::Metrics;
use crate::read::cache::PublicCache;
use crate::read::share::Fonts;
use crate::state::AppState;

/// Transactions writing signatures at once (each a batch of many).
const SIGNATURE_WRITERS: usize = 4;

/// How often the fan-out looks for an update's mail left to queue (another
/// instance's publication, a crash half way); a publication here wakes it at once.
const FANOUT_POLL: std::time::Duration = std::time::Duration::from_secs(5);

/// Password hashes computed at once; each takes 19 MiB and most of a core.
const HASHING_AT_ONCE: usize = 2;

/// Builds the application from a figment (Rocket.toml + `ROCKET_*`, or a test's own).
pub fn rocket(figment: Figment) -> Rocket<Build> {
    // The client's address is the socket's peer unless the operator names the
    // header a proxy of theirs sets: a header any client can send is no limit.
    let proxy_header = figment
        .extract_inner::<String>("trusted_proxy_header")
        .ok()
        .filter(|h| !h.is_empty());
    let figment = match proxy_header {
        Some(h) => figment.merge(("ip_header", h)),
        None => figment.merge(("ip_header", false)),
    };
    let metrics = Arc::new(Metrics::new());
    let sign_queue = SignQueue::new();
    rocket::custom(figment)
        .attach(metrics::RequestMetrics::new(metrics.clone()))
        // Rocket's shield, without its frame rule: ours allows the embed widget to be framed.
        .attach(rocket::shield::Shield::default().disable::<rocket::shield::Frame>())
        .attach(routes::security::SecurityHeaders)
        .attach(Template::custom(|engines| {
            engines
                .tera
                .register_filter("thousands", read::views::thousands_filter);
            i18n::register(&mut engines.tera);
        }))
        .attach(AdHoc::try_on_ignite(
            "Database, mail and state",
            |rocket| async {
                match prepare(&rocket, metrics).await {
                    // Request guards read the database and settings on their own.
                    Ok(state) => Ok(rocket
                        .manage(state.db.clone())
                        .manage(state.settings.clone())
                        .manage(state)),
                    Err(e) => {
                        tracing::error!("cannot start: {e}");
                        Err(rocket)
                    }
                }
            },
        ))
        .attach(AdHoc::on_liftoff("Announce", |rocket| {
            Box::pin(async move {
                let c = rocket.config();
                tracing::info!("serving on http://{}:{}", c.address, c.port);
            })
        }))
        .attach(AdHoc::on_liftoff("Signature writers", |rocket| {
            Box::pin(async move {
                let app = rocket
                    .state::<AppState>()
                    .expect("state is managed at ignite");
                // SQLite takes one writer at a time; PostgreSQL overlaps a few commits.
                let writers = match app.db.get_database_backend() {
                    sea_orm::DbBackend::Sqlite => 1,
                    _ => SIGNATURE_WRITERS,
                };
                let queue = rocket
                    .state::<SignQueue>()
                    .expect("the queue is managed from the start");
                queue.start_writers(app, writers);
            })
        }))
        .attach(AdHoc::on_liftoff("Periodic passes", |rocket| {
            Box::pin(async move {
                let app = rocket
                    .state::<AppState>()
                    .expect("state is managed at ignite");
                let every = |secs: u64| (secs > 0).then(|| std::time::Duration::from_secs(secs));
                let s = &app.settings;
                if let Some(interval) = every(s.recount_interval_secs) {
                    tokio::spawn(app::recount::run_periodically(
                        app.db.clone(),
                        app.metrics.clone(),
                        interval,
                        rocket.shutdown(),
                    ));
                }
                if let Some(interval) = every(s.retention_interval_secs) {
                    tokio::spawn(app::retention::run_periodically(
                        app.db.clone(),
                        app.settings.clone(),
                        interval,
                        rocket.shutdown(),
                    ));
                }
                if let Some(interval) = every(s.vacuum_interval_secs) {
                    tokio::spawn(app::upkeep::run_periodically(
                        app.db.clone(),
                        interval,
                        s.vacuum_dead_rows,
                        rocket.shutdown(),
                    ));
                }
                if let Some(interval) = every(s.log_head_secs) {
                    tokio::spawn(app::log::run_periodically(
                        app.db.clone(),
                        app.log_key.clone(),
                        interval,
                        rocket.shutdown(),
                    ));
                }
                if let Some(interval) = every(s.deadline_interval_secs) {
                    tokio::spawn(app::deadlines::run_periodically(
                        app.db.clone(),
                        interval,
                        rocket.shutdown(),
                    ));
                }
                // At once, and again whenever an update is published.
                tokio::spawn(app::updates::run(
                    app.clone(),
                    FANOUT_POLL,
                    rocket.shutdown(),
                ));
                tokio::spawn(app::webhooks::send::run(app.clone(), rocket.shutdown()));
            })
        }))
        .attach(AdHoc::on_liftoff("Mail worker", |rocket| {
            Box::pin(async move {
                let app = rocket
                    .state::<AppState>()
                    .expect("state is managed at ignite");
                let dkim = mail::dkim::from_settings(&app.settings);
                match Transport::new(&app.settings).and_then(|t| dkim.map(|d| (t, d))) {
                    Ok((transport, dkim)) => {
                        let worker = Worker {
                            db: app.db.clone(),
                            transport: Arc::new(transport),
                            settings: app.settings.clone(),
                            wake: app.mail_wake.clone(),
                            dkim: dkim.map(Arc::new),
                        };
                        tokio::spawn(worker.run(rocket.shutdown()));
                    }
                    Err(e) => {
                        tracing::error!("mail worker not started: {e}");
                        rocket.shutdown().notify();
                    }
                }
            })
        }))
        .manage(sign_queue)
        .mount("/", routes::public::routes())
        .mount("/", routes::health::routes())
        .mount("/", routes::account::routes())
        .mount("/", routes::organiser::routes())
        .mount("/", routes::moderator::routes())
        .mount("/", routes::updates::routes())
        .mount("/", routes::deliveries::routes())
        .mount("/", routes::campaigns::routes())
        .mount("/", routes::teams::routes())
        .mount("/", routes::volunteers::routes())
        .mount("/", routes::paper::routes())
        .mount("/api/v1", routes::api::routes())
        .register("/", routes::catchers::html())
        .register("/api", routes::catchers::api())
}

/// Connects, migrates, seeds the demo and loads the mail templates.
/// The demo's accounts (see the README), and what they run.
pub const DEMO_ORGANISER: &str = "organiser@demo.example";
pub const DEMO_LEAD: &str = "lead@demo.example";
pub const DEMO_PASSWORD: &str = "demo password, not for real use";

async fn seed_demo_people(db: &sea_orm::DatabaseConnection) -> Result<(), String> {
    use db::entities::user::Role;
    let fail = |e: error::Error| format!("demo accounts: {e}");
    let organiser = app::add_user(db, DEMO_ORGANISER, Role::Organiser, DEMO_PASSWORD)
        .await
        .map_err(fail)?;
    let lead = app::add_user(db, DEMO_LEAD, Role::Organiser, DEMO_PASSWORD)
        .await
        .map_err(fail)?;
    db::demo::seed_people(db, (organiser.id, &organiser.email), (lead.id, &lead.email))
        .await
        .map_err(fail)
}

async fn prepare(rocket: &Rocket<Build>, metrics: Arc<Metrics>) -> Result<AppState, String> {
    let settings = Settings::from_figment(rocket.figment())?;
    // Check the mail settings now rather than when the first signer is waiting.
    Transport::new(&settings)?;
    mail::dkim::from_settings(&settings)?;
    let db = db::connect(&settings.database_url, settings.database_pool_size)
        .await
        .map_err(|e| format!("database: {e}"))?;
    db::migrate(&db)
        .await
        .map_err(|e| format!("migrations: {e}"))?;
    if settings.demo {
        let n = db::demo::seed_if_empty(&db)
            .await
            .map_err(|e| format!("demo letters: {e}"))?;
        if n > 0 {
            seed_demo_people(&db).await?;
            tracing::info!("seeded {n} demo letters");
        }
    }
    let mail_templates = mail::Templates::load(&template_dir(rocket.figment()))
        .map_err(|e| format!("email templates: {e}"))?;
    let public_cache = Arc::new(PublicCache::new(std::time::Duration::from_millis(
        settings.public_cache_ms,
    )));
    let limiter = Arc::new(
        limits::Limiter::connect(
            &db,
            settings.redis_url.as_deref(),
            &settings.redis_prefix,
            settings.sign_limits(),
            settings.rate_limits,
        )
        .await?,
    );
    let history_cache = Arc::new(PublicCache::new(std::time::Duration::from_secs(
        settings.history_cache_secs,
    )));
    let log_key = app::log::load_key(&db, settings.log_signing_key.as_deref())
        .await
        .map_err(|e| format!("log signing key: {e}"))?;
    let address_key = app::signing::load_address_key(&db, settings.discreet_key.as_deref())
        .await
        .map_err(|e| format!("discreet_key: {e}"))?;
    Ok(AppState {
        db,
        settings: Arc::new(settings),
        mail_templates: Arc::new(mail_templates),
        mail_wake: Arc::new(Notify::new()),
        fanout_wake: Arc::new(Notify::new()),
        webhook_wake: Arc::new(Notify::new()),
        hasher: auth::password::Hasher::new(HASHING_AT_ONCE),
        metrics,
        list_marks: Arc::new(db::signatures::ListMarks::default()),
        public_cache,
        history_cache,
        fonts: Arc::new(Fonts::load()),
        pdf_gate: Arc::new(tokio::sync::Mutex::new(())),
        limiter,
        log_key: Arc::new(log_key),
        address_key: Arc::new(address_key),
    })
}

/// Rocket's `template_dir`, resolved the way `rocket_dyn_templates` resolves it.
fn template_dir(figment: &Figment) -> PathBuf {
    figment
        .extract_inner::<rocket::figment::value::magic::RelativePathBuf>("template_dir")
        .map(|p| p.relative())
        .unwrap_or_else(|_| PathBuf::from("templates"))
}
