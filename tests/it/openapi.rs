//! The API described: the OpenAPI document the service serves, and the page
//! that reads it. (Schemathesis checks the service against the document in
//! .ci/run, tests/tools/schemathesis.sh; here, what a reader of it relies on.)

use serde_json::Value;

use crate::support::{spawn_app as spawn, LetterSpec};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_document_is_served_and_read_as_a_page_in_the_readers_language() {
    let app = spawn().await;
    let res = reqwest::get(app.url("/api/v1/openapi.json")).await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/json");
    let doc: Value = res.json().await.unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["servers"][0]["url"], "/api/v1");
    // The contract's calls, with their bodies and answers.
    let sign = &doc["paths"]["/letters/{slug}/signatures"]["post"];
    assert_eq!(
        sign["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/SignatureInput"
    );
    assert!(sign["responses"]["202"].is_object(), "{sign}");
    let input = &doc["components"]["schemas"]["SignatureInput"]["properties"];
    for field in [
        "name",
        "email",
        "title",
        "affiliation",
        "group",
        "anonymous",
        "updates",
    ] {
        assert!(input[field].is_object(), "SignatureInput.{field}");
    }
    // What the service answers matches what the document says it answers:
    // every field of a letter's detail, and an error body.
    let detail = &doc["components"]["schemas"]["LetterDetail"];
    app.create_letter(LetterSpec::published("open")).await;
    let letter: Value = reqwest::get(app.url("/api/v1/letters/open"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for field in detail["required"].as_array().unwrap() {
        let field = field.as_str().unwrap();
        assert!(
            letter.get(field).is_some(),
            "the letter has {field}: {letter}"
        );
    }
    for field in letter.as_object().unwrap().keys() {
        assert!(
            detail["properties"].get(field).is_some(),
            "LetterDetail describes {field}"
        );
    }
    let missing = reqwest::get(app.url("/api/v1/letters/nope")).await.unwrap();
    assert_eq!(missing.status(), 404);
    let err: Value = missing.json().await.unwrap();
    let described = &doc["components"]["schemas"]["ApiError"]["properties"];
    for field in err.as_object().unwrap().keys() {
        assert!(described.get(field).is_some(), "ApiError describes {field}");
    }

    // The page: every call, in English and in Spanish around the document's English.
    let page = reqwest::get(app.url("/api")).await.unwrap();
    assert_eq!(page.status(), 200);
    // (Tera writes `/` as `&#x2F;` in pages.)
    let page = page.text().await.unwrap().replace("&#x2F;", "/");
    assert!(page.contains("<h1>The API</h1>"), "{page}");
    assert!(page.contains("POST /api/v1/letters/{slug}/signatures"));
    assert!(page.contains("id=\"schema-SignatureInput\""));
    assert!(page.contains("href=\"/api/v1/openapi.json\""));
    let mut calls = 0;
    for item in doc["paths"].as_object().unwrap().values() {
        for op in item.as_object().unwrap().values() {
            let id = op["operationId"].as_str().unwrap();
            assert!(page.contains(&format!("id=\"{id}\"")), "the page has {id}");
            calls += 1;
        }
    }
    assert_eq!(calls, 64);
    let es = reqwest::get(app.url("/api?lang=es"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(es.contains("<h1>La API</h1>"));
    assert!(
        es.contains("<p lang=\"en\">Signs a letter"),
        "the document's text is marked English"
    );
}

/// Found by schemathesis: a page or a log range past what the database's
/// integers hold was a 500 (an overflow, a bind that panicked).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_and_log_ranges_past_any_end_are_refused_not_a_crash() {
    let app = spawn().await;
    app.create_letter(LetterSpec::published("open")).await;
    let res = reqwest::get(app.url("/api/v1/letters/open/signatures?page=9223372036854775808"))
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let err: Value = res.json().await.unwrap();
    assert!(err["errors"]["page"].is_string(), "{err}");
    let last = reqwest::get(
        app.url("/api/v1/letters/open/signatures?page=18446744073709551&per_page=500"),
    )
    .await
    .unwrap();
    assert_eq!(
        last.status(),
        200,
        "the last page the database can reach is empty"
    );
    let res = reqwest::get(app.url("/api/v1/letters/open/log/entries?start=9223372036854775806"))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let entries: Value = res.json().await.unwrap();
    assert_eq!(entries["entries"], serde_json::json!([]));
    let res = reqwest::get(app.url(
        "/api/v1/letters/open/log/entries?start=9223372036854775806&end=-9223372036854775808",
    ))
    .await
    .unwrap();
    assert_eq!(res.status(), 400);
    let res = reqwest::get(app.url("/letters/open?page=9223372036854775808"))
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "the page shows an empty list");
}
