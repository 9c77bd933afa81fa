//! The JSON API under `/api/v1` (see shared/API.md).

mod body;
mod campaigns;
mod deliveries;
mod groups;
mod letters;
mod log;
mod moderation;
pub(crate) mod organiser;
mod paper;
mod session;
mod signing;
mod teams;
mod updates;
mod volunteers;

use rocket::Route;

pub(crate) fn routes() -> Vec<Route> {
    let mut routes = letters::routes();
    routes.extend(signing::routes());
    routes.extend(session::routes());
    routes.extend(organiser::routes());
    routes.extend(moderation::routes());
    routes.extend(groups::routes());
    routes.extend(updates::routes());
    routes.extend(deliveries::routes());
    routes.extend(campaigns::routes());
    routes.extend(teams::routes());
    routes.extend(volunteers::routes());
    routes.extend(paper::routes());
    routes.extend(log::routes());
    routes
}
