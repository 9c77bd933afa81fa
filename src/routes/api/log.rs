//! The signature log, for anyone to check: the key, a letter's signed head,
//! its entries, and inclusion and consistency proofs (see the README).

use rocket::serde::json::Json;
use rocket::{get, routes, Route, State};

use crate::db::letters;
use crate::error::{Error, Result};
use crate::read::log::{self, ConsistencyView, EntryView, HeadView, InclusionView, KeyView};
use crate::state::AppState;

#[get("/log/key")]
fn key(app: &State<AppState>) -> Json<KeyView> {
    Json(log::key(&app.log_key))
}

#[get("/letters/<slug>/log/head")]
async fn head(app: &State<AppState>, slug: &str) -> Result<Json<HeadView>> {
    let letter = letters::public_by_slug(&app.db, slug).await?;
    Ok(Json(log::head(&app.db, &app.log_key, &letter).await?))
}

#[derive(serde::Serialize)]
struct Entries {
    entries: Vec<EntryView>,
}

#[get("/letters/<slug>/log/entries?<start>&<end>")]
async fn entries(
    app: &State<AppState>,
    slug: &str,
    start: Option<i64>,
    end: Option<i64>,
) -> Result<Json<Entries>> {
    let letter = letters::public_by_slug(&app.db, slug).await?;
    let start = start.unwrap_or(0);
    let end = end.unwrap_or(start + log::MAX_ENTRIES);
    Ok(Json(Entries {
        entries: log::entries(&app.db, &letter, start, end).await?,
    }))
}

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
