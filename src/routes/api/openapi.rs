//! The API described: an OpenAPI 3.1 document generated from the handlers
//! (`#[utoipa::path]` beside each one) and the types they read and answer,
//! served at `/api/v1/openapi.json` and read as a page at `/api`.
//!
//! Each module of the API lists its calls in a `Doc` of its own, as it lists
//! its routes; [`document`] puts them together and adds what every call
//! shares: the error body, the bearer scheme, `Retry-After`.

use utoipa::openapi::path::{HttpMethod, Operation};
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, HeaderBuilder, OpenApi as Document, Ref, RefOr};
use utoipa::{Modify, OpenApi, PartialSchema, ToSchema};

/// Every error: the English `error`, a stable `code` for clients to
/// translate, and `errors` (field → message) for a validation failure.
#[derive(serde::Serialize, ToSchema)]
#[allow(dead_code)]
pub(crate) struct ApiError {
    /// What went wrong, in English.
    error: String,
    /// A stable name of the error: `not_found`, `invalid_field`, `rate_limited`…
    code: String,
    /// For a validation failure (422): each field's problem.
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<std::collections::BTreeMap<String, String>>,
}

/// `/{kind}/{slug}/…`: a letter's or a campaign's team, webhooks…
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)]
pub(crate) struct OwnerPath {
    /// `letters` or `campaigns`
    #[param(pattern = "^(letters|campaigns)$")]
    kind: String,
    /// The letter's or campaign's slug
    slug: String,
}

/// `{"status": …}`: what happened, for calls that answer with no more.
#[derive(serde::Serialize, ToSchema)]
pub(crate) struct StatusBody {
    pub(crate) status: &'static str,
}

impl StatusBody {
    pub(crate) fn of(status: &'static str) -> rocket::serde::json::Json<StatusBody> {
        rocket::serde::json::Json(StatusBody { status })
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Undersigned",
        description = "Open letters and pledges, signed and confirmed by email. \
            Public calls need nothing; organisers and moderators send \
            `Authorization: Bearer <token>` from `POST /session`. Every error \
            is an `ApiError` with the fitting status.",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later")
    ),
    servers((url = "/api/v1")),
    components(schemas(ApiError))
)]
struct ApiDoc;

/// What every call shares.
struct Shared;

impl Modify for Shared {
    fn modify(&self, doc: &mut Document) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A token from POST /session."))
                    .build(),
            ),
        );
        for (path, item) in doc.paths.paths.iter_mut() {
            for (method, op) in operations(item) {
                op.operation_id = Some(operation_id(&method, path));
                add_errors(method, op);
            }
        }
    }
}

/// A call's id from its method and path (`get-letters-slug-signatures`):
/// unique, as OpenAPI asks, where the handlers' names repeat (`list`, `show`).
pub(crate) fn operation_id(method: &HttpMethod, path: &str) -> String {
    let method = serde_json::to_value(method)
        .ok()
        .and_then(|m| m.as_str().map(str::to_owned))
        .unwrap_or_default();
    let words: Vec<&str> = path
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    format!("{method}-{}", words.join("-"))
}

fn operations(
    item: &mut utoipa::openapi::PathItem,
) -> impl Iterator<Item = (HttpMethod, &mut Operation)> {
    [
        (HttpMethod::Get, item.get.as_mut()),
        (HttpMethod::Post, item.post.as_mut()),
        (HttpMethod::Patch, item.patch.as_mut()),
        (HttpMethod::Delete, item.delete.as_mut()),
        (HttpMethod::Put, item.put.as_mut()),
    ]
    .into_iter()
    .filter_map(|(m, op)| op.map(|op| (m, op)))
}

/// The errors a call can answer with besides its own (see `crate::error`):
/// any call 400, 404, 422, 429 and 503; one that needs a token 401 and 403;
/// one that changes something 409 and 410.
fn add_errors(method: HttpMethod, op: &mut Operation) {
    let mut codes = vec![
        (400, "Malformed: a body that is not JSON, a bad parameter."),
        (404, "No such thing, or not one this caller may see."),
        (422, "A field is not valid (`errors` says which)."),
        (
            429,
            "Too many requests: try again after `Retry-After` seconds.",
        ),
        (
            503,
            "The service is busy or its database is down: try again shortly.",
        ),
    ];
    let needs_token = op
        .security
        .as_ref()
        .is_some_and(|s| !s.is_empty() && !s.iter().any(is_anonymous));
    if needs_token {
        codes.push((401, "No token, or a token that has ended."));
        codes.push((403, "This account may not do that."));
    }
    if method != HttpMethod::Get {
        codes.push((
            409,
            "It conflicts with what is there (a taken slug, a state that does not allow it).",
        ));
        codes.push((410, "Closed, expired or already used."));
    }
    for (code, description) in codes {
        op.responses
            .responses
            .entry(code.to_string())
            .or_insert_with(|| error_response(code, description));
    }
}

fn is_anonymous(requirement: &utoipa::openapi::security::SecurityRequirement) -> bool {
    requirement == &Default::default()
}

fn error_response(code: u16, description: &str) -> RefOr<Response> {
    let mut response = ResponseBuilder::new().description(description).content(
        "application/json",
        ContentBuilder::new()
            .schema(Some(Ref::from_schema_name("ApiError")))
            .build(),
    );
    if code == 429 || code == 503 {
        response = response.header(
            "Retry-After",
            HeaderBuilder::new()
                .schema(u64::schema())
                .description(Some("Seconds to wait before trying again."))
                .build(),
        );
    }
    RefOr::T(response.build())
}

/// The whole document: the shared part, each module's calls (`parts`),
/// and what every call shares added to each.
pub(crate) fn assemble(parts: Vec<Document>) -> Document {
    let mut doc = ApiDoc::openapi();
    for part in parts {
        doc.merge(part);
    }
    Shared.modify(&mut doc);
    doc
}
