//! Signatures on paper as the public sees them: on the letter's page, in its
//! JSON and its CSV, marked apart from those signed online.

use chrono::NaiveDate;
use sea_orm::ConnectionTrait;
use serde::Serialize;

use crate::db::entities::{letter_group, paper_batch};
use crate::error::Result;

/// A batch of signatures collected on paper.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub(crate) struct PaperView {
    pub id: i64,
    /// The group's slug, where the batch names one.
    pub group: Option<String>,
    pub group_name: Option<String>,
    pub collected_on: NaiveDate,
    /// "20 November 2026", for the page.
    pub on: String,
    pub place: String,
    pub count: i64,
    pub names: Vec<String>,
    /// Always true: what tells these apart from signatures made online.
    pub paper: bool,
}

impl PaperView {
    pub(crate) fn new(b: paper_batch::Model, groups: &[letter_group::Model]) -> PaperView {
        let group = b.group_id.and_then(|id| groups.iter().find(|g| g.id == id));
        PaperView {
            id: b.id,
            group: group.map(|g| g.slug.clone()),
            group_name: group.map(|g| g.name.clone()),
            collected_on: b.collected_on,
            on: b.collected_on.format("%-d %B %Y").to_string(),
            place: b.place.clone(),
            count: b.count,
            names: b.names(),
            paper: true,
        }
    }
}

/// A letter's batches still counted (of one group, where given), the
/// latest collected first.
pub(crate) async fn of_letter(
    db: &impl ConnectionTrait,
    letter_id: i64,
    groups: &[letter_group::Model],
    group_id: Option<i64>,
) -> Result<Vec<PaperView>> {
    Ok(crate::db::paper::of_letter(db, letter_id)
        .await?
        .into_iter()
        .filter(|b| group_id.is_none() || b.group_id == group_id)
        .map(|b| PaperView::new(b, groups))
        .collect())
}
