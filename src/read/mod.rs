//! Read models: what pages and JSON show, built from `db/` queries (views of
//! letters, lists and counts; a letter's history and chart; the share image)
//! and the cache that serves each public answer once per interval.

pub(crate) mod cache;
pub(crate) mod campaigns;
pub(crate) mod history;
pub(crate) mod log;
pub(crate) mod paper;
pub(crate) mod pdf;
pub(crate) mod share;
pub(crate) mod updates;
pub(crate) mod views;
