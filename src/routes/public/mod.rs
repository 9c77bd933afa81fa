//! Public HTML pages: the letters, the signing form, and the emailed links.

mod api_doc;
mod assets;
mod campaigns;
mod csv;
mod feeds;
mod letters;
mod links;
mod media;

#[cfg(any(test, feature = "fuzzing"))]
pub(crate) use letters::decode_sign_form;

use rocket::Route;

pub(crate) fn routes() -> Vec<Route> {
    let mut routes = letters::routes();
    routes.extend(links::routes());
    routes.extend(csv::routes());
    routes.extend(assets::routes());
    routes.extend(media::routes());
    routes.extend(feeds::routes());
    routes.extend(campaigns::routes());
    routes.extend(api_doc::routes());
    routes
}
