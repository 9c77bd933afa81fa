//! `/api`: the OpenAPI document read as a page, served by the service
//! itself (no script, no CDN): every call with its parameters, body and
//! answers, then every schema. The document's own text is English and
//! marked so; the page around it is in the reader's language.

use std::sync::LazyLock;

use rocket::{get, routes, Route};
use rocket_dyn_templates::{context, Template};
use serde::Serialize;
use serde_json::Value;

use crate::routes::nav::Nav;

#[derive(Debug, Serialize)]
struct Section {
    tag: String,
    calls: Vec<Call>,
}

#[derive(Debug, Serialize)]
struct Call {
    anchor: String,
    method: String,
    path: String,
    summary: String,
    description: String,
    /// `required`, `optional` (a token shows more) or `none`.
    token: &'static str,
    params: Vec<Param>,
    body: Option<String>,
    body_required: bool,
    responses: Vec<Answer>,
}

#[derive(Debug, Serialize)]
struct Param {
    name: String,
    place: String,
    required: bool,
    description: String,
}

#[derive(Debug, Serialize)]
struct Answer {
    status: String,
    description: String,
    schema: Option<String>,
}

#[derive(Debug, Serialize)]
struct SchemaView {
    name: String,
    json: String,
}

/// The name a `$ref` (or an array of one) points to, else the schema's type.
fn schema_name(schema: &Value) -> Option<String> {
    if let Some(r) = schema["$ref"].as_str() {
        return r.rsplit('/').next().map(str::to_owned);
    }
    if let Some(items) = schema.get("items") {
        return schema_name(items).map(|n| format!("[{n}]"));
    }
    schema["type"].as_str().map(str::to_owned)
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_owned()
}

fn call(method: &str, path: &str, op: &Value) -> Call {
    let security = op["security"].as_array();
    let token = match security {
        None => "none",
        Some(s)
            if s.iter()
                .any(|r| r.as_object().is_some_and(|o| o.is_empty())) =>
        {
            "optional"
        }
        Some(_) => "required",
    };
    let params = op["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| Param {
            name: text(&p["name"]),
            place: text(&p["in"]),
            required: p["required"].as_bool().unwrap_or(false),
            description: text(&p["description"]),
        })
        .collect();
    let body = op["requestBody"]["content"]
        .as_object()
        .and_then(|c| c.values().next())
        .and_then(|c| schema_name(&c["schema"]));
    let mut responses: Vec<Answer> = op["responses"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(status, r)| Answer {
            status: status.clone(),
            description: text(&r["description"]),
            schema: r["content"]
                .as_object()
                .and_then(|c| c.values().next())
                .and_then(|c| schema_name(&c["schema"])),
        })
        .collect();
    responses.sort_by(|a, b| a.status.cmp(&b.status));
    Call {
        anchor: text(&op["operationId"]),
        method: method.to_uppercase(),
        path: path.to_owned(),
        summary: text(&op["summary"]),
        description: text(&op["description"]),
        token,
        params,
        body,
        body_required: op["requestBody"]["required"].as_bool().unwrap_or(false),
        responses,
    }
}

/// The page's content, read once from the document.
fn sections() -> &'static (Vec<Section>, Vec<SchemaView>) {
    static PAGE: LazyLock<(Vec<Section>, Vec<SchemaView>)> = LazyLock::new(|| {
        let doc =
            serde_json::to_value(crate::routes::api::document()).expect("the document is JSON");
        let mut sections: Vec<Section> = Vec::new();
        for (path, item) in doc["paths"].as_object().into_iter().flatten() {
            for (method, op) in item.as_object().into_iter().flatten() {
                let tag = op["tags"][0].as_str().unwrap_or("other").to_owned();
                let c = call(method, path, op);
                match sections.iter_mut().find(|s| s.tag == tag) {
                    Some(s) => s.calls.push(c),
                    None => sections.push(Section {
                        tag,
                        calls: vec![c],
                    }),
                }
            }
        }
        let schemas = doc["components"]["schemas"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(name, schema)| SchemaView {
                name: name.clone(),
                json: serde_json::to_string_pretty(schema).unwrap_or_default(),
            })
            .collect();
        (sections, schemas)
    });
    &PAGE
}

/// The API, described.
#[get("/api")]
fn page(nav: Nav) -> Template {
    let (sections, schemas) = sections();
    Template::render("public/api", context! { nav, sections, schemas })
}

pub(super) fn routes() -> Vec<Route> {
    routes![page]
}
