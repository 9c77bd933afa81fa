//! What moderators do: publish or reject letters, approve, reject or hide
//! signatures, block addresses and domains. Every action is audited.

use chrono::Utc;
use sea_orm::ConnectionTrait;
use serde::Serialize;

use super::audit::{self, Subject};
use super::organising::transition;
use crate::auth::guards::Authenticated;
use crate::db::entities::block::{self, BlockKind};
use crate::db::entities::letter::{self, LetterStatus};
use crate::db::entities::signature::{ReasonStatus, SignatureStatus};
use crate::db::{blocks, letters, signatures};
use crate::domain::email::parse_domain;
use crate::domain::Email;
use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::state::AppState;

use super::fields::reason;

/// Letter `slug`, whatever its status (moderators see every letter).
pub(super) async fn letter(app: &AppState, slug: &str) -> Result<letter::Model> {
    letters::find_by_slug(&app.db, slug)
        .await?
        .ok_or(Error::NotFound)
}

pub(crate) async fn publish(
    app: &AppState,
    who: &Authenticated,
    slug: &str,
) -> Result<letter::Model> {
    let l = letter(app, slug).await?;
    transition(
        app,
        who,
        l,
        &[LetterStatus::InReview],
        LetterStatus::Published,
        "letter.publish",
        None,
    )
    .await
}

pub(crate) async fn reject_letter(
    app: &AppState,
    who: &Authenticated,
    slug: &str,
    why: Option<&str>,
) -> Result<letter::Model> {
    let why = reason(why)?;
    let l = letter(app, slug).await?;
    transition(
        app,
        who,
        l,
        &[LetterStatus::InReview],
        LetterStatus::Rejected,
        "letter.reject",
        Some(&why),
    )
    .await
}

/// Letters waiting for a moderator, oldest first.
pub(crate) async fn letters_in_review(app: &AppState) -> Result<Vec<letter::Model>> {
    letters::in_review(&app.db).await
}

/// A signature as moderators see it: everything they need to judge it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct ModeratedSignature {
    pub id: i64,
    pub letter: String,
    pub name: String,
    pub email: String,
    pub title: Option<String>,
    pub affiliation: Option<String>,
    pub group: Option<String>,
    pub anonymous: bool,
    pub status: SignatureStatus,
    pub reason: Option<String>,
    pub created_at: chrono::DateTime<Utc>,
}

pub(crate) fn parse_status(s: &str) -> Option<SignatureStatus> {
    use SignatureStatus::*;
    [
        Unconfirmed,
        AwaitingApproval,
        Confirmed,
        Withdrawn,
        Rejected,
        Hidden,
        Invalidated,
    ]
    .into_iter()
    .find(|st| {
        serde_json::to_value(st)
            .ok()
            .and_then(|v| v.as_str().map(|x| x == s))
            .unwrap_or(false)
    })
}

/// Signatures by status (awaiting approval unless asked otherwise), optionally of one letter.
pub(crate) async fn signatures(
    app: &AppState,
    letter_slug: Option<&str>,
    status: Option<&str>,
) -> Result<Vec<ModeratedSignature>> {
    let status = match status.filter(|s| !s.is_empty()) {
        None => SignatureStatus::AwaitingApproval,
        Some(s) => parse_status(s)
            .ok_or_else(|| Error::field("status", Msg::id("error-status-unknown")))?,
    };
    let mut letter_rows = Vec::new();
    if let Some(slug) = letter_slug.filter(|s| !s.is_empty()) {
        letter_rows.push(letter(app, slug).await?);
    }
    let of_letter = letter_rows.first().map(|l| l.id);
    let rows = signatures::with_status(&app.db, status, of_letter, 500).await?;
    if letter_rows.is_empty() {
        letter_rows = letters::by_ids(&app.db, rows.iter().map(|s| s.letter_id)).await?;
    }
    let groups = letters::groups_by_ids(&app.db, rows.iter().filter_map(|s| s.group_id)).await?;
    Ok(rows
        .into_iter()
        .map(|s| ModeratedSignature {
            id: s.id,
            letter: slug_of(&letter_rows, s.letter_id),
            group: s
                .group_id
                .and_then(|g| groups.iter().find(|x| x.id == g))
                .map(|g| g.slug.clone()),
            name: s.name,
            // A discreet signer's address is not kept: its domain is.
            email: if s.discreet {
                let domain = s.email_normalized.rsplit_once('@').map_or("", |(_, d)| d);
                format!("…@{domain}")
            } else {
                s.email
            },
            title: s.title,
            affiliation: s.affiliation,
            anonymous: s.anonymous,
            status: s.status,
            reason: s.moderation_reason,
            created_at: s.created_at,
        })
        .collect())
}

/// How many signatures wait for approval, per letter id.
pub(crate) async fn awaiting_counts(db: &impl ConnectionTrait) -> Result<Vec<(i64, i64)>> {
    signatures::awaiting_counts(db).await
}

/// A moderator's decision on one signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    Approve,
    Reject,
    Hide,
}

impl Decision {
    pub(crate) fn parse(s: &str) -> Option<Decision> {
        match s {
            "approve" => Some(Decision::Approve),
            "reject" => Some(Decision::Reject),
            "hide" => Some(Decision::Hide),
            _ => None,
        }
    }

    /// Which statuses it applies to, what it leads to, and its audit name.
    fn rule(self) -> (&'static [SignatureStatus], SignatureStatus, &'static str) {
        use SignatureStatus::*;
        match self {
            Decision::Approve => (&[AwaitingApproval], Confirmed, "signature.approve"),
            Decision::Reject => (
                &[AwaitingApproval, Unconfirmed, Confirmed],
                Rejected,
                "signature.reject",
            ),
            Decision::Hide => (&[Confirmed, AwaitingApproval], Hidden, "signature.hide"),
        }
    }
}

/// Applies a decision to one signature. Reject and hide need a reason.
pub(crate) async fn decide(
    app: &AppState,
    who: &Authenticated,
    id: i64,
    decision: Decision,
    why: Option<&str>,
) -> Result<()> {
    let why = match decision {
        Decision::Approve => why
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_owned),
        _ => Some(reason(why)?),
    };
    let (from, to, action) = decision.rule();
    let sig = signatures::find(&app.db, id)
        .await?
        .ok_or(Error::NotFound)?;
    if !from.contains(&sig.status) {
        return Err(Error::Conflict(
            "This signature is not in a state that allows that.".into(),
        ));
    }
    let txn = crate::db::begin(&app.db).await?;
    // An approval joins the list in order of approval.
    if !signatures::moderate(&txn, id, sig.status, to, why.clone()).await? {
        return Err(Error::Conflict(
            "The signature changed meanwhile; reload and try again.".into(),
        ));
    }
    audit::record(
        &txn,
        &who.user,
        action,
        signature_subject(&sig),
        why.as_deref(),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// What to block.
#[derive(Debug, Clone)]
pub(crate) enum BlockTarget {
    Email(Email),
    Domain(String),
}

impl BlockTarget {
    pub(crate) fn parse(email: Option<&str>, domain: Option<&str>) -> Result<BlockTarget> {
        match (
            email.filter(|s| !s.trim().is_empty()),
            domain.filter(|s| !s.trim().is_empty()),
        ) {
            (Some(e), None) => Email::parse(e)
                .map(BlockTarget::Email)
                .map_err(|m| Error::field("email", m)),
            (None, Some(d)) => parse_domain(d)
                .map(BlockTarget::Domain)
                .ok_or_else(|| Error::field("email_domain", Msg::id("error-domain"))),
            _ => Err(Error::field("email", Msg::id("error-block-target"))),
        }
    }
}

/// Blocks an address (by its canonical form) or a domain (and its subdomains).
pub(crate) async fn block(
    app: &AppState,
    who: &Authenticated,
    target: BlockTarget,
    why: Option<&str>,
) -> Result<block::Model> {
    let (kind, value) = match &target {
        BlockTarget::Email(e) => (BlockKind::Email, e.normalized().to_owned()),
        BlockTarget::Domain(d) => (BlockKind::Domain, d.clone()),
    };
    let why = why
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned);
    let txn = crate::db::begin(&app.db).await?;
    let row = blocks::insert(&txn, kind, &value, why.clone(), who.user.id).await?;
    audit::record(
        &txn,
        &who.user,
        "block.create",
        Subject {
            detail: value,
            ..Subject::default()
        },
        why.as_deref(),
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

pub(crate) async fn blocks(app: &AppState) -> Result<Vec<block::Model>> {
    blocks::all(&app.db).await
}

/// The slug of letter `id` among `letters` (empty if it is not there).
fn slug_of(letters: &[letter::Model], id: i64) -> String {
    letters
        .iter()
        .find(|l| l.id == id)
        .map(|l| l.slug.clone())
        .unwrap_or_default()
}

/// What an audit entry about one signature is about.
fn signature_subject(sig: &crate::db::entities::signature::Model) -> Subject {
    Subject {
        letter_id: Some(sig.letter_id),
        signature_id: Some(sig.id),
        detail: format!("signature {}", sig.id),
    }
}

/// A reason waiting for a moderator, with what they need to judge it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct PendingReason {
    /// The signature's id.
    pub id: i64,
    pub letter: String,
    pub text: String,
    pub name: String,
    pub anonymous: bool,
}

/// Reasons waiting for a moderator, oldest first.
pub(crate) async fn pending_reasons(app: &AppState) -> Result<Vec<PendingReason>> {
    let rows = signatures::pending_reasons(&app.db, 500).await?;
    let letter_rows = letters::by_ids(&app.db, rows.iter().map(|s| s.letter_id)).await?;
    Ok(rows
        .into_iter()
        .map(|s| PendingReason {
            id: s.id,
            letter: slug_of(&letter_rows, s.letter_id),
            text: s.reason.unwrap_or_default(),
            name: s.name,
            anonymous: s.anonymous,
        })
        .collect())
}

/// Approves (it shows on the letter page) or rejects a signer's reason; audited.
pub(crate) async fn decide_reason(
    app: &AppState,
    who: &Authenticated,
    id: i64,
    approve: bool,
) -> Result<()> {
    let sig = signatures::find(&app.db, id)
        .await?
        .ok_or(Error::NotFound)?;
    let (to, action) = if approve {
        (ReasonStatus::Approved, "reason.approve")
    } else {
        (ReasonStatus::Rejected, "reason.reject")
    };
    let txn = crate::db::begin(&app.db).await?;
    if !signatures::moderate_reason(&txn, id, to).await? {
        return Err(Error::Conflict(
            "This signature has no reason waiting for a decision.".into(),
        ));
    }
    audit::record(&txn, &who.user, action, signature_subject(&sig), None).await?;
    txn.commit().await?;
    Ok(())
}
