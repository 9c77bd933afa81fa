//! What operators measure with: Prometheus metrics at `GET /metrics` and one
//! structured log line per request, both carrying the route (never the URL's
//! tokens or anyone's address), and a request id that is also sent back as
//! `X-Request-Id`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge, IntGaugeVec, Opts,
    Registry, TextEncoder,
};
use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::Header;
use rocket::{Data, Request, Response};

/// The service's metrics, registered once per application.
pub(crate) struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    pub signatures_accepted: IntCounter,
    pub signatures_confirmed: IntCounter,
    pub count_drift: IntCounter,
    outbox_backlog: IntGauge,
    outbox_oldest_age: IntGauge,
    outbox_failed: IntGauge,
    pool: IntGaugeVec,
}

impl Metrics {
    pub(crate) fn new() -> Metrics {
        let registry = Registry::new_custom(Some("undersigned".into()), None)
            .expect("a valid registry prefix");
        let requests = IntCounterVec::new(
            Opts::new(
                "http_requests_total",
                "HTTP requests by route, method and status",
            ),
            &["route", "method", "status"],
        )
        .expect("valid metric");
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "http_request_duration_seconds",
                "Time from request to response, by route and method",
            )
            .buckets(vec![
                0.0005, 0.001, 0.0025, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
            ]),
            &["route", "method"],
        )
        .expect("valid metric");
        let counter = |name: &str, help: &str| IntCounter::new(name, help).expect("valid metric");
        let gauge = |name: &str, help: &str| IntGauge::new(name, help).expect("valid metric");
        let m = Metrics {
            signatures_accepted: counter(
                "signatures_accepted_total",
                "Signatures answered 202 (new, signed again, or blocked)",
            ),
            signatures_confirmed: counter(
                "signatures_confirmed_total",
                "Signatures confirmed by their link",
            ),
            count_drift: counter(
                "count_drift_total",
                "Differences the recount found between kept counts and signatures",
            ),
            outbox_backlog: gauge("outbox_backlog", "Messages waiting to be sent"),
            outbox_oldest_age: gauge(
                "outbox_oldest_age_seconds",
                "Age of the oldest message waiting to be sent",
            ),
            outbox_failed: gauge(
                "outbox_failed",
                "Messages given up on (refused for good, or failing too often); listed at /moderation/mail",
            ),
            pool: IntGaugeVec::new(
                Opts::new("db_pool_connections", "Database pool connections by state"),
                &["state"],
            )
            .expect("valid metric"),
            requests,
            latency,
            registry,
        };
        for c in [
            Box::new(m.requests.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(m.latency.clone()),
            Box::new(m.signatures_accepted.clone()),
            Box::new(m.signatures_confirmed.clone()),
            Box::new(m.count_drift.clone()),
            Box::new(m.outbox_backlog.clone()),
            Box::new(m.outbox_oldest_age.clone()),
            Box::new(m.outbox_failed.clone()),
            Box::new(m.pool.clone()),
        ] {
            m.registry.register(c).expect("each metric registered once");
        }
        m
    }

    /// The text exposition, after refreshing the gauges that are read at scrape time.
    pub(crate) async fn render(&self, db: &sea_orm::DatabaseConnection) -> String {
        if let Ok(mail) = crate::db::outbox::stats(db).await {
            self.outbox_backlog.set(mail.pending as i64);
            self.outbox_oldest_age
                .set(mail.oldest_pending_secs.unwrap_or(0));
            self.outbox_failed.set(mail.failed as i64);
        }
        let (size, idle) = crate::db::pool_use(db);
        self.pool.with_label_values(&["open"]).set(size as i64);
        self.pool.with_label_values(&["idle"]).set(idle as i64);
        self.pool
            .with_label_values(&["in_use"])
            .set((size as usize).saturating_sub(idle) as i64);
        let mut buf = Vec::new();
        TextEncoder::new()
            .encode(&self.registry.gather(), &mut buf)
            .expect("text encoding into a Vec cannot fail");
        String::from_utf8(buf).expect("the text format is UTF-8")
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

/// Per request: when it started and its id.
#[derive(Clone, Copy)]
struct Started(Instant, u64);

/// Times every request, counts it, logs it and tags the response with its id.
pub(crate) struct RequestMetrics {
    metrics: Arc<Metrics>,
    next_id: AtomicU64,
    /// Distinguishes this process's ids from another instance's.
    prefix: u32,
}

impl RequestMetrics {
    pub(crate) fn new(metrics: Arc<Metrics>) -> RequestMetrics {
        let mut b = [0u8; 4];
        let _ = getrandom::fill(&mut b);
        RequestMetrics {
            metrics,
            next_id: AtomicU64::new(1),
            prefix: u32::from_le_bytes(b),
        }
    }
}

#[rocket::async_trait]
impl Fairing for RequestMetrics {
    fn info(&self) -> Info {
        Info {
            name: "Request metrics and logs",
            kind: Kind::Request | Kind::Response,
        }
    }

    async fn on_request(&self, req: &mut Request<'_>, _: &mut Data<'_>) {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        req.local_cache(|| Started(Instant::now(), id));
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, res: &mut Response<'r>) {
        let Started(at, id) = *req.local_cache(|| Started(Instant::now(), 0));
        let elapsed = at.elapsed();
        let request_id = format!("{:08x}-{id}", self.prefix);
        // The route's pattern, never the path itself (paths carry tokens).
        let route = req
            .route()
            .map(|r| r.uri.as_str().to_owned())
            .unwrap_or_else(|| "unmatched".into());
        let method = req.method().as_str();
        let status = res.status().code;
        self.metrics
            .requests
            .with_label_values(&[&route, method, &status.to_string()])
            .inc();
        self.metrics
            .latency
            .with_label_values(&[&route, method])
            .observe(elapsed.as_secs_f64());
        if status >= 500 {
            tracing::warn!(request_id = %request_id, method = %method, route = %route, status, ms = elapsed.as_secs_f64() * 1000.0, "request failed");
        } else {
            tracing::info!(target: "undersigned::access", request_id = %request_id, method = %method, route = %route, status, ms = elapsed.as_secs_f64() * 1000.0, "request");
        }
        res.set_header(Header::new("X-Request-Id", request_id));
    }
}
