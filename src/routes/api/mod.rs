//! The JSON API under `/api/v1` (see shared/API.md), described by the
//! OpenAPI document each module's `Doc` adds its calls to (`openapi`).

mod body;
mod campaigns;
mod deliveries;
mod groups;
mod letters;
mod log;
mod moderation;
pub(crate) mod openapi;
pub(crate) mod organiser;
mod paper;
mod session;
mod signing;
mod teams;
mod updates;
mod volunteers;
mod webhooks;

use std::sync::LazyLock;

use rocket::http::ContentType;
use rocket::{get, routes, Route};
use utoipa::OpenApi;

pub(crate) fn routes() -> Vec<Route> {
    let mut routes = routes![openapi_json];
    routes.extend(letters::routes());
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
    routes.extend(webhooks::routes());
    routes
}

/// Each module's calls, for the OpenAPI document.
fn docs() -> Vec<utoipa::openapi::OpenApi> {
    vec![
        letters::Doc::openapi(),
        signing::Doc::openapi(),
        session::Doc::openapi(),
        organiser::Doc::openapi(),
        moderation::Doc::openapi(),
        groups::Doc::openapi(),
        updates::Doc::openapi(),
        deliveries::Doc::openapi(),
        campaigns::Doc::openapi(),
        teams::Doc::openapi(),
        volunteers::Doc::openapi(),
        paper::Doc::openapi(),
        log::Doc::openapi(),
        webhooks::Doc::openapi(),
    ]
}

/// The whole document, built once.
pub(crate) fn document() -> &'static utoipa::openapi::OpenApi {
    static DOC: LazyLock<utoipa::openapi::OpenApi> = LazyLock::new(|| openapi::assemble(docs()));
    &DOC
}

/// This API described (OpenAPI 3.1).
#[get("/openapi.json")]
fn openapi_json() -> (ContentType, &'static str) {
    static JSON: LazyLock<String> = LazyLock::new(|| {
        document()
            .to_pretty_json()
            .expect("the OpenAPI document serialises")
    });
    (ContentType::JSON, &JSON)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    /// Every call mounted under `/api/v1` is in the document, and nothing
    /// else is: a call added without `#[utoipa::path]` (or a `Doc` that
    /// forgets it) fails here.
    #[test]
    fn the_document_describes_every_call() {
        let mounted: BTreeSet<String> = super::routes()
            .iter()
            .filter(|r| r.uri.path() != "/openapi.json")
            .map(|r| {
                let path = r.uri.path().replace('<', "{").replace('>', "}");
                format!("{} {path}", r.method.as_str().to_lowercase())
            })
            .collect();
        let doc = serde_json::to_value(super::document()).unwrap();
        let mut described = BTreeSet::new();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for method in item.as_object().unwrap().keys() {
                described.insert(format!("{method} {path}"));
            }
        }
        assert_eq!(mounted, described);
        let ids: BTreeSet<&str> = doc["paths"]
            .as_object()
            .unwrap()
            .values()
            .flat_map(|item| item.as_object().unwrap().values())
            .map(|op| op["operationId"].as_str().unwrap())
            .collect();
        assert_eq!(ids.len(), 64, "operation ids are unique");
        assert!(ids.contains("get-letters-slug-signatures"));
        assert_eq!(mounted.len(), 64);
        assert_eq!(doc["openapi"], "3.1.0");
    }

    /// Every call answers its errors as `ApiError`, and one that needs a
    /// token says so (and that it can answer 401).
    #[test]
    fn every_call_has_its_errors() {
        let doc = serde_json::to_value(super::document()).unwrap();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                let responses = op["responses"].as_object().unwrap();
                for code in ["400", "404", "422", "429", "503"] {
                    assert_eq!(
                        responses[code]["content"]["application/json"]["schema"]["$ref"],
                        "#/components/schemas/ApiError",
                        "{method} {path} {code}"
                    );
                }
                let token = op["security"]
                    .as_array()
                    .is_some_and(|s| s.iter().all(|r| r.get("bearer").is_some()));
                if token {
                    assert!(responses.contains_key("401"), "{method} {path}");
                    assert!(responses.contains_key("403"), "{method} {path}");
                }
            }
        }
        let delete_session = &doc["paths"]["/session"]["delete"];
        assert!(delete_session["responses"].get("401").is_some());
        assert!(doc["paths"]["/letters"]["get"]["responses"]
            .get("401")
            .is_none());
    }
}
