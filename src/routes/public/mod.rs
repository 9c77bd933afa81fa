//! Public HTML pages: the letters, the signing form, and the emailed links.

mod assets;
mod csv;
mod letters;
mod links;

use rocket::Route;

pub fn routes() -> Vec<Route> {
    let mut routes = letters::routes();
    routes.extend(links::routes());
    routes.extend(csv::routes());
    routes.extend(assets::routes());
    routes
}
