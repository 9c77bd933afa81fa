//! The JSON API under `/api/v1` (see shared/API.md).

mod letters;
mod signing;

use rocket::Route;

pub fn routes() -> Vec<Route> {
    let mut routes = letters::routes();
    routes.extend(signing::routes());
    routes
}
