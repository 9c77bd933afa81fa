//! Static files, compiled into the binary so a deployment is one file and the
//! site works offline. They change only with a release, so caches keep them a day.

use rocket::http::{ContentType, Header};
use rocket::{get, routes, Responder, Route};

/// (name, content type, content)
const ASSETS: &[(&str, &str, &str)] = &[
    ("groups.js", "js", include_str!("../../../assets/groups.js")),
    ("site.css", "css", include_str!("../../../assets/site.css")),
    (
        "select-all.js",
        "js",
        include_str!("../../../assets/select-all.js"),
    ),
];

#[derive(Responder)]
struct Asset {
    body: &'static str,
    content_type: ContentType,
    cache: Header<'static>,
}

#[get("/assets/<name>")]
fn asset(name: &str) -> Option<Asset> {
    let (_, ext, body) = ASSETS.iter().find(|(n, _, _)| *n == name)?;
    Some(Asset {
        body,
        content_type: ContentType::from_extension(ext)?,
        cache: Header::new("Cache-Control", "public, max-age=86400"),
    })
}

pub(super) fn routes() -> Vec<Route> {
    routes![asset]
}
