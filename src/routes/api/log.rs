//! The signature log, for anyone to check: the key, a letter's signed head,
//! its entries, and inclusion and consistency proofs (see the README).

use rocket::serde::json::Json;
use rocket::{get, routes, Route, State};
use utoipa::{OpenApi, ToSchema};

use crate::db::letters;
use crate::error::{Error, Result};
use crate::read::log::{self, ConsistencyView, EntryView, HeadView, InclusionView, KeyView};
use crate::state::AppState;

/// The public key that signs every letter's log head (Ed25519).
#[utoipa::path(get, path = "/log/key", tag = "log",
    responses((status = 200, description = "The key", body = KeyView)))]
#[get("/log/key")]
fn key(app: &State<AppState>) -> Json<KeyView> {
    Json(log::key(&app.log_key))
}

/// The letter's signed tree head: its size and root hash.
#[utoipa::path(get, path = "/letters/{slug}/log/head", tag = "log",
    params(("slug" = String, Path, description = "The letter's slug")),
    responses((status = 200, description = "The signed head", body = HeadView)))]
#[get("/letters/<slug>/log/head")]
async fn head(app: &State<AppState>, slug: &str) -> Result<Json<HeadView>> {
    let letter = letters::public_by_slug(&app.db, slug).await?;
    Ok(Json(log::head(&app.db, &app.log_key, &letter).await?))
}

#[derive(serde::Serialize, ToSchema)]
struct Entries {
    entries: Vec<EntryView>,
}

/// Entries `start` (from 0) to `end` (not included), at most a page of them.
#[utoipa::path(get, path = "/letters/{slug}/log/entries", tag = "log",
    params(("slug" = String, Path, description = "The letter's slug"),
        ("start" = Option<i64>, Query, description = "The first entry (0 if left out)"),
        ("end" = Option<i64>, Query, description = "The entry after the last")),
    responses((status = 200, description = "The entries", body = Entries)))]
#[get("/letters/<slug>/log/entries?<start>&<end>")]
async fn entries(
    app: &State<AppState>,
    slug: &str,
    start: Option<i64>,
    end: Option<i64>,
) -> Result<Json<Entries>> {
    let letter = letters::public_by_slug(&app.db, slug).await?;
    let start = start.unwrap_or(0);
    let end = end.unwrap_or_else(|| start.saturating_add(log::MAX_ENTRIES));
    Ok(Json(Entries {
        entries: log::entries(&app.db, &letter, start, end).await?,
    }))
}

/// An inclusion proof (RFC 6962) of one entry in the tree of `tree_size`.
#[utoipa::path(get, path = "/letters/{slug}/log/proof", tag = "log",
    params(("slug" = String, Path, description = "The letter's slug"),
        ("leaf_hash" = String, Query, description = "The entry's leaf hash, hex"),
        ("tree_size" = u64, Query, description = "The size of the tree to prove it in")),
    responses((status = 200, description = "The proof", body = InclusionView)))]
#[get("/letters/<slug>/log/proof?<leaf_hash>&<tree_size>")]
async fn proof(
    app: &State<AppState>,
    slug: &str,
    leaf_hash: Option<&str>,
    tree_size: Option<u64>,
) -> Result<Json<InclusionView>> {
    let letter = letters::public_by_slug(&app.db, slug).await?;
    let (Some(leaf_hash), Some(tree_size)) = (leaf_hash, tree_size) else {
        return Err(Error::BadRequest(
            "Give leaf_hash (hex) and tree_size.".into(),
        ));
    };
    Ok(Json(
        log::inclusion(&app.db, &letter, leaf_hash, tree_size).await?,
    ))
}

/// A consistency proof (RFC 6962) between two sizes of the letter's tree.
#[utoipa::path(get, path = "/letters/{slug}/log/consistency", tag = "log",
    params(("slug" = String, Path, description = "The letter's slug"),
        ("first" = u64, Query, description = "The smaller tree size"),
        ("second" = u64, Query, description = "The larger tree size")),
    responses((status = 200, description = "The proof", body = ConsistencyView)))]
#[get("/letters/<slug>/log/consistency?<first>&<second>")]
async fn consistency(
    app: &State<AppState>,
    slug: &str,
    first: Option<u64>,
    second: Option<u64>,
) -> Result<Json<ConsistencyView>> {
    let letter = letters::public_by_slug(&app.db, slug).await?;
    let (Some(first), Some(second)) = (first, second) else {
        return Err(Error::BadRequest(
            "Give first and second (tree sizes).".into(),
        ));
    };
    Ok(Json(
        log::consistency(&app.db, &letter, first, second).await?,
    ))
}

pub(super) fn routes() -> Vec<Route> {
    routes![key, head, entries, proof, consistency]
}

#[derive(OpenApi)]
#[openapi(paths(key, head, entries, proof, consistency))]
pub(super) struct Doc;
