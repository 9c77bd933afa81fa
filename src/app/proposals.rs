//! Groups signers propose ("start a pledge at your school"). A proposal is a
//! `proposed` group: hidden from the public, its signatures counting for the
//! letter only. The letter's editors, a moderator, or the lead of the same
//! campus on another of the campaign's letters accepts it (the group appears,
//! with the signatures it already has) or rejects it (the signatures stay on
//! the letter without a group). Both are audited. A proposer who also signed
//! up to organise for the campaign is offered as the new group's lead.

use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};

use super::audit::{self, Subject};
use super::fields::optional_reason;
use super::organising::letter_for;
use crate::auth::guards::Authenticated;
use crate::db::entities::letter;
use crate::db::entities::letter_group::{self, GroupStatus};
use crate::db::entities::signature::SignatureStatus;
use crate::db::{letters, signatures};
use crate::domain::email::parse_domains;
use crate::domain::OptionalText;
use crate::error::{Error, FieldErrors, Result};
use crate::state::AppState;

/// A proposal as organisers and moderators see it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct Proposal {
    pub letter: String,
    pub letter_title: String,
    pub slug: String,
    pub name: String,
    /// Confirmed signatures waiting to join the group.
    pub signature_count: u64,
    /// Signatures not confirmed (or approved) yet.
    pub pending_count: u64,
    pub proposed_at: chrono::DateTime<chrono::Utc>,
}

/// How a proposal is accepted: optionally renamed, with the domains that verify it.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub(crate) struct Acceptance {
    pub name: Option<String>,
    #[serde(default)]
    pub email_domains: Vec<String>,
}

/// Proposals of one letter (`Some`) or of every letter (`None`), oldest first.
pub(crate) async fn list(
    db: &impl ConnectionTrait,
    letter_id: Option<i64>,
) -> Result<Vec<Proposal>> {
    let groups = letters::proposals(db, letter_id).await?;
    if groups.is_empty() {
        return Ok(Vec::new());
    }
    let letter_rows = letters::by_ids(db, groups.iter().map(|g| g.letter_id)).await?;
    let counts = signatures::counts_by_group_and_status(db, groups.iter().map(|g| g.id)).await?;
    let count_of = |id: i64, pending: bool| -> u64 {
        counts
            .iter()
            .filter(|(g, status, _)| {
                *g == Some(id)
                    && if pending {
                        matches!(
                            status,
                            SignatureStatus::Unconfirmed | SignatureStatus::AwaitingApproval
                        )
                    } else {
                        *status == SignatureStatus::Confirmed
                    }
            })
            .map(|(_, _, n)| *n as u64)
            .sum()
    };
    Ok(groups
        .into_iter()
        .filter_map(|g| {
            let l = letter_rows.iter().find(|l| l.id == g.letter_id)?;
            Some(Proposal {
                letter: l.slug.clone(),
                letter_title: l.title.clone(),
                signature_count: count_of(g.id, false),
                pending_count: count_of(g.id, true),
                slug: g.slug,
                name: g.name,
                proposed_at: g.created_at,
            })
        })
        .collect())
}

/// The letter (which `who` organises or moderates) and one of its proposals.
async fn proposal_for(
    app: &AppState,
    who: &Authenticated,
    slug: &str,
    group: &str,
) -> Result<(letter::Model, letter_group::Model)> {
    let letter = match letter_for(
        app,
        who,
        slug,
        crate::db::entities::team_member::TeamRole::Editor,
        true,
    )
    .await
    {
        Ok(letter) => letter,
        Err(refused) => match letters::find_by_slug(&app.db, slug).await? {
            Some(l) if leads_the_campus(app, who, &l, group).await? => l,
            _ => return Err(refused),
        },
    };
    let group = letters::group_by_slug(&app.db, letter.id, group)
        .await?
        .ok_or(Error::NotFound)?;
    if group.status != GroupStatus::Proposed {
        return Err(Error::Conflict(
            "This group has already been accepted.".into(),
        ));
    }
    Ok((letter, group))
}

/// Whether `who` leads a group called `group_slug` on another letter of the
/// campaign `letter` belongs to: the campus's lead decides proposals naming it.
async fn leads_the_campus(
    app: &AppState,
    who: &Authenticated,
    letter: &letter::Model,
    group_slug: &str,
) -> Result<bool> {
    let Some(campaign) = letter.campaign_id else {
        return Ok(false);
    };
    Ok(super::teams::led_in_campaign(app, who, campaign)
        .await?
        .iter()
        .any(|g| names_campus(group_slug, g)))
}

/// Whether a proposal (by its slug) names `group`: the same slug, or the
/// slug its name makes ("UC Santa Cruz" proposed where the lead's is `ucsc`).
fn names_campus(proposal_slug: &str, group: &letter_group::Model) -> bool {
    proposal_slug == group.slug
        || crate::domain::Slug::from_name(&group.name).as_str() == proposal_slug
}

/// Proposals naming `group` of `letter`, on the other letters of its campaign.
pub(crate) async fn naming(
    app: &AppState,
    letter: &letter::Model,
    group: &letter_group::Model,
) -> Result<Vec<Proposal>> {
    let Some(campaign) = letter.campaign_id else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for front in crate::db::campaigns::letters(&app.db, campaign, true).await? {
        if front.id != letter.id {
            out.extend(
                list(&app.db, Some(front.id))
                    .await?
                    .into_iter()
                    .filter(|p| names_campus(&p.slug, group)),
            );
        }
    }
    Ok(out)
}

/// "Start a pledge at your school": the group's proposer (its first
/// signer), if they signed up to organise for the letter's campaign, is
/// invited to lead it. Nothing happens otherwise (or if they are on the
/// team already).
async fn offer_lead_to_proposer(
    app: &AppState,
    who: &Authenticated,
    letter: &letter::Model,
    group: &letter_group::Model,
) -> Result<()> {
    let Some(campaign) = letter.campaign_id else {
        return Ok(());
    };
    let Some(proposer) = signatures::standing_in_group(&app.db, group.id)
        .await?
        .into_iter()
        .min_by_key(|s| s.id)
    else {
        return Ok(());
    };
    if !crate::db::volunteers::is_confirmed(&app.db, campaign, &proposer.email_normalized).await? {
        return Ok(());
    }
    let Ok(email) = crate::domain::Email::parse(&proposer.email) else {
        return Ok(());
    };
    match super::teams::name_lead(app, who, letter, group, &email).await {
        Ok(_) | Err(Error::Conflict(_)) => Ok(()),
        Err(e) => Err(e),
    }
}

/// Accepts a proposal: the group becomes public with the signatures it has,
/// and those from its domains are verified.
pub(crate) async fn accept(
    app: &AppState,
    who: &Authenticated,
    slug: &str,
    group: &str,
    input: Acceptance,
) -> Result<letter_group::Model> {
    let (letter, group) = proposal_for(app, who, slug, group).await?;
    let mut errors = FieldErrors::new();
    let name = match OptionalText::parse(input.name.as_deref()) {
        Ok(t) => t.into_inner().unwrap_or_else(|| group.name.clone()),
        Err(e) => {
            errors.insert("name".into(), e);
            String::new()
        }
    };
    let domains = parse_domains(
        input
            .email_domains
            .iter()
            .flat_map(|d| d.split_whitespace()),
    )
    .unwrap_or_else(|e| {
        errors.insert("email_domains".into(), e);
        Vec::new()
    });
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let txn = crate::db::begin(&app.db).await?;
    let accepted = letters::accept_group(&txn, group.id, name, &domains).await?;
    // Signatures already confirmed from the group's domains become verified.
    if !domains.is_empty() {
        for sig in signatures::standing_in_group(&txn, group.id).await? {
            if let Some(domain) = accepted.verifying_domain_of_address(&sig.email) {
                signatures::set_verified(&txn, sig.id, domain).await?;
            }
        }
    }
    audit::record(
        &txn,
        &who.user,
        "group.accept",
        Subject {
            letter_id: Some(letter.id),
            signature_id: None,
            detail: format!("{} ({})", accepted.slug, accepted.name),
        },
        None,
    )
    .await?;
    txn.commit().await?;
    offer_lead_to_proposer(app, who, &letter, &accepted).await?;
    Ok(accepted)
}

/// Rejects a proposal: its signatures stay on the letter, without a group.
pub(crate) async fn reject(
    app: &AppState,
    who: &Authenticated,
    slug: &str,
    group: &str,
    reason: Option<&str>,
) -> Result<()> {
    let (letter, group) = proposal_for(app, who, slug, group).await?;
    let reason = optional_reason(reason)?;
    let txn = crate::db::begin(&app.db).await?;
    signatures::ungroup(&txn, group.id).await?;
    letters::delete_group(&txn, group.id).await?;
    audit::record(
        &txn,
        &who.user,
        "group.reject",
        Subject {
            letter_id: Some(letter.id),
            signature_id: None,
            detail: format!("{} ({})", group.slug, group.name),
        },
        reason.as_deref(),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
