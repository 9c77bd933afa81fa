//! `GET /healthz`: whether this instance can serve (its database answers).

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

pub fn routes() -> Vec<Route> {
    routes![healthz]
}
