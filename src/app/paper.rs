//! Signatures on paper: an organiser or a group's lead records a batch
//! collected at a stall or a teach-in (the group, the date, the place, the
//! count, and optionally the names for the public list). They count towards
//! the letter, are shown apart, are never verified and never mailed; a
//! moderator may remove a batch. Audited.

use chrono::NaiveDate;
use serde::Deserialize;

use super::audit::{self, Subject};
use super::fields::text_field;
use crate::auth::guards::Authenticated;
use crate::db::entities::letter::{self, LetterStatus};
use crate::db::entities::team_member::TeamRole;
use crate::db::paper::{self, NewBatch};
use crate::db::{letters, teams};
use crate::domain::SignerName;
use crate::error::{Error, FieldErrors, Result};
use crate::i18n::Msg;
use crate::read::paper::PaperView;
use crate::state::AppState;

/// A batch as submitted.
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
pub(crate) struct PaperInput {
    /// A group slug of the letter.
    pub group: Option<String>,
    pub count: Option<i64>,
    /// `YYYY-MM-DD`.
    pub collected_on: Option<String>,
    pub place: Option<String>,
    /// Names for the public list (at most `count`).
    pub names: Option<Vec<String>>,
}

/// The most one batch may hold: a stall's or a teach-in's sheets, not a census.
const MAX_COUNT: i64 = 100_000;
/// The most names one batch may list.
const MAX_NAMES: usize = 2_000;

/// A letter's batches still counted, for its page, JSON and CSV.
pub(crate) async fn of_letter(app: &AppState, letter: &letter::Model) -> Result<Vec<PaperView>> {
    let groups = letters::groups(&app.db, letter.id).await?;
    crate::read::paper::of_letter(&app.db, letter.id, &groups, None).await
}

fn subject(letter: &letter::Model, detail: String) -> Subject {
    Subject {
        letter_id: Some(letter.id),
        signature_id: None,
        detail,
    }
}

/// Records a batch on `slug`: its editors and owners may, for any group or
/// none; a group's lead, for that group.
pub(crate) async fn record(
    app: &AppState,
    who: &Authenticated,
    slug: &str,
    input: PaperInput,
) -> Result<PaperView> {
    let letter = letters::find_by_slug(&app.db, slug)
        .await?
        .ok_or(Error::NotFound)?;
    let groups = letters::groups(&app.db, letter.id).await?;
    // None: no group named; Some(None): one the letter does not have.
    let group = input
        .group
        .as_deref()
        .map(str::trim)
        .filter(|g| !g.is_empty())
        .map(|g| groups.iter().find(|x| x.slug == g).cloned());
    let role = teams::role_on_letter(&app.db, who.user.id, &letter).await?;
    let leads = match &group {
        Some(Some(g)) => teams::leads(&app.db, who.user.id, g.id).await?,
        _ => false,
    };
    if !leads {
        super::access::decide(
            role,
            TeamRole::Editor,
            who,
            false,
            letter.status.is_public(),
        )?;
    }
    if letter.status != LetterStatus::Published {
        return Err(Error::Conflict(
            "Only a published letter takes signatures on paper.".into(),
        ));
    }
    let mut errors = FieldErrors::new();
    if group == Some(None) {
        errors.insert("group".into(), Msg::id("error-group-unknown"));
    }
    let count = input.count.unwrap_or(0);
    if !(1..=MAX_COUNT).contains(&count) {
        errors.insert(
            "count".into(),
            Msg::id("error-paper-count").with("max", MAX_COUNT),
        );
    }
    let today = chrono::Utc::now().date_naive();
    let collected_on = match input
        .collected_on
        .as_deref()
        .map(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d"))
    {
        Some(Ok(d)) if d <= today => Some(d),
        Some(Ok(_)) => {
            errors.insert("collected_on".into(), Msg::id("error-future-day"));
            None
        }
        _ => {
            errors.insert("collected_on".into(), Msg::id("error-paper-day"));
            None
        }
    };
    let place = text_field(
        &mut errors,
        "place",
        input.place.as_deref().unwrap_or(""),
        200,
        true,
        false,
    );
    let mut names = Vec::new();
    for (i, n) in input
        .names
        .unwrap_or_default()
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .enumerate()
    {
        match SignerName::parse(n) {
            Ok(name) => names.push(name.as_str().to_owned()),
            Err(e) => {
                errors.insert(format!("names[{i}]"), e);
            }
        }
    }
    if names.len() > MAX_NAMES || names.len() as i64 > count.max(0) {
        errors.insert(
            "names".into(),
            Msg::id("error-paper-names").with("max", MAX_NAMES),
        );
    }
    let (Some(collected_on), true) = (collected_on, errors.is_empty()) else {
        return Err(Error::Invalid(errors));
    };
    let group = group.flatten();
    let txn = crate::db::begin(&app.db).await?;
    let batch = paper::insert(
        &txn,
        NewBatch {
            letter_id: letter.id,
            group_id: group.as_ref().map(|g| g.id),
            collected_on,
            place: &place,
            count,
            names: &names,
            recorded_by: who.user.id,
        },
    )
    .await?;
    audit::record(
        &txn,
        &who.user,
        "paper.record",
        subject(
            &letter,
            format!(
                "{}{}: {count} on paper, {collected_on}, batch {}",
                letter.slug,
                group
                    .as_ref()
                    .map_or(String::new(), |g| format!("/{}", g.slug)),
                batch.id
            ),
        ),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(PaperView::new(batch, &groups))
}

/// A moderator takes a batch out of the count, with a reason. Audited.
pub(crate) async fn remove(
    app: &AppState,
    who: &Authenticated,
    id: i64,
    reason: Option<&str>,
) -> Result<letter::Model> {
    if !who.is_moderator() {
        return Err(Error::Forbidden);
    }
    let reason = super::fields::reason(reason)?;
    let batch = paper::find(&app.db, id).await?.ok_or(Error::NotFound)?;
    let letter = letters::find(&app.db, batch.letter_id)
        .await?
        .ok_or(Error::NotFound)?;
    let txn = crate::db::begin(&app.db).await?;
    if !paper::remove(&txn, id, who.user.id, &reason).await? {
        return Err(Error::Conflict("This batch was removed already.".into()));
    }
    audit::record(
        &txn,
        &who.user,
        "paper.remove",
        subject(
            &letter,
            format!("{}: {} on paper, batch {id}", letter.slug, batch.count),
        ),
        Some(&reason),
    )
    .await?;
    txn.commit().await?;
    Ok(letter)
}
