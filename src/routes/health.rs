//! `GET /healthz`: whether this instance can serve (its database answers);
//! `GET /metrics`: what it is doing, for Prometheus.

use rocket::http::Status;
use rocket::serde::json::{json, Json, Value};
use rocket::{get, routes, Route, State};

use crate::state::AppState;

#[get("/healthz")]
async fn healthz(app: &State<AppState>) -> (Status, Json<Value>) {
    match app.db.ping().await {
        Ok(()) => (Status::Ok, Json(json!({ "status": "ok" }))),
        Err(e) => {
            tracing::warn!(error = %e, "health check: database unreachable");
            (
                Status::ServiceUnavailable,
                Json(json!({ "status": "unavailable", "database": "unreachable" })),
            )
        }
    }
}

/// Prometheus metrics in the text format.
#[get("/metrics")]
async fn metrics(app: &State<AppState>) -> (rocket::http::ContentType, String) {
    let body = app.metrics.render(&app.db).await;
    (
        rocket::http::ContentType::new("text", "plain")
            .with_params([("version", "0.0.4"), ("charset", "utf-8")]),
        body,
    )
}

pub(crate) fn routes() -> Vec<Route> {
    routes![healthz, metrics]
}
