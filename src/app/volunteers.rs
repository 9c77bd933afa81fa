//! "Sign up to start organising": a campaign's volunteers. Anyone signs up
//! with a name, an address, a campus or workplace and what they want to do;
//! an emailed link confirms it (the same token rules as signatures); the
//! volunteer is welcomed with the campaign's resources and appears to the
//! campaign's team and to the leads of their group. Never public, never
//! counted in public, never named in a log line.

use chrono::{Duration, Utc};
use serde::{Deserialize, Serialize};

use super::audit;
use super::fields::text_field;
use crate::auth::guards::Authenticated;
use crate::db::entities::campaign::{self, CampaignStatus};
use crate::db::entities::team_member::TeamRole;
use crate::db::entities::volunteer;
use crate::db::volunteers::{self, NewVolunteer};
use crate::db::{blocks, campaigns, letters};
use crate::domain::{markdown, Email, SignerName, Token};
use crate::error::{Error, FieldErrors, Result};
use crate::i18n::Msg;
use crate::limits::{self, Count};
use crate::mail::catalogue::VolunteerMail;
use crate::mail::outbox;
use crate::state::AppState;

/// A sign-up as submitted (JSON or the form).
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
pub(crate) struct VolunteerInput {
    pub name: Option<String>,
    pub email: Option<String>,
    /// One of the campaign's groups, by slug.
    pub group: Option<String>,
    /// A campus or workplace that is not listed.
    pub place: Option<String>,
    /// Some of the campaign's help options.
    pub help: Option<Vec<String>>,
    pub message: Option<String>,
}

/// A group a volunteer may choose: every accepted group of the campaign's
/// public letters, one entry per slug.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GroupOption {
    pub slug: String,
    pub name: String,
}

/// The campaign's groups, for the form and for checking a choice.
pub(crate) async fn group_options(app: &AppState, c: &campaign::Model) -> Result<Vec<GroupOption>> {
    let mut options: Vec<GroupOption> = Vec::new();
    for l in campaigns::letters(&app.db, c.id, true).await? {
        for g in letters::groups(&app.db, l.id).await? {
            if !options.iter().any(|o| o.slug == g.slug) {
                options.push(GroupOption {
                    slug: g.slug,
                    name: g.name,
                });
            }
        }
    }
    options.sort_by_key(|o| o.name.to_lowercase());
    Ok(options)
}

/// A sign-up whose every field is valid.
struct Checked {
    name: SignerName,
    email: Email,
    group: Option<String>,
    place: Option<String>,
    help: Vec<String>,
    message: String,
}

fn check(input: VolunteerInput, c: &campaign::Model, groups: &[GroupOption]) -> Result<Checked> {
    let mut errors = FieldErrors::new();
    let name = SignerName::parse(input.name.as_deref().unwrap_or(""))
        .map_err(|e| errors.insert("name".into(), e))
        .ok();
    let email = Email::parse(input.email.as_deref().unwrap_or(""))
        .map_err(|e| errors.insert("email".into(), e))
        .ok();
    let group = input
        .group
        .map(|g| g.trim().to_owned())
        .filter(|g| !g.is_empty());
    if let Some(g) = &group {
        if !groups.iter().any(|o| &o.slug == g) {
            errors.insert("group".into(), Msg::id("error-volunteer-group"));
        }
    }
    let place = text_field(
        &mut errors,
        "place",
        input.place.as_deref().unwrap_or(""),
        200,
        false,
        false,
    );
    let offered = c.help_options();
    let help: Vec<String> = input
        .help
        .unwrap_or_default()
        .into_iter()
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .collect();
    if help.iter().any(|h| !offered.contains(h)) {
        errors.insert("help".into(), Msg::id("error-volunteer-help"));
    }
    let message = text_field(
        &mut errors,
        "message",
        input.message.as_deref().unwrap_or(""),
        2000,
        false,
        true,
    );
    match (name, email) {
        (Some(name), Some(email)) if errors.is_empty() => {
            let mut unique = Vec::new();
            for h in help {
                if !unique.contains(&h) {
                    unique.push(h);
                }
            }
            Ok(Checked {
                name,
                email,
                group,
                place: Some(place).filter(|p| !p.is_empty()),
                help: unique,
                message,
            })
        }
        _ => Err(Error::Invalid(errors)),
    }
}

/// The published campaign `slug`, if it takes volunteers.
async fn open_campaign(app: &AppState, slug: &str) -> Result<campaign::Model> {
    let c = campaigns::public_by_slug(&app.db, slug).await?;
    if c.status == CampaignStatus::Published {
        Ok(c)
    } else {
        Err(Error::CampaignClosed)
    }
}

fn campaign_url(app: &AppState, c: &campaign::Model) -> String {
    format!("{}/campaigns/{}", app.settings.public_url, c.slug)
}

/// Signs someone up to organise. The answer is the same whether or not the
/// address signed up before (or is blocked): each sign-up gets its own link,
/// a few a day per address at most; confirming one replaces the earlier.
pub(crate) async fn sign_up(
    app: &AppState,
    slug: &str,
    input: VolunteerInput,
    lang: &str,
) -> Result<()> {
    let c = open_campaign(app, slug).await?;
    let groups = group_options(app, &c).await?;
    let v = check(input, &c, &groups)?;
    if blocks::is_blocked(&app.db, &v.email).await? {
        return Ok(());
    }
    let token = Token::generate().map_err(|e| Error::Internal(format!("OS RNG: {e}")))?;
    let hours = app.settings.confirm_token_hours;
    let mail = app
        .mail_templates
        .render(&crate::mail::Email::ConfirmVolunteer(VolunteerMail {
            lang: lang.to_owned(),
            campaign_title: c.title.clone(),
            campaign_url: campaign_url(app, &c),
            name: v.name.as_str().to_owned(),
            confirm_url: Some(format!(
                "{}/volunteers/confirm/{}",
                app.settings.public_url,
                token.as_str()
            )),
            confirm_hours: hours,
            resources_text: String::new(),
            resources_html: String::new(),
            public_url: app.settings.public_url.clone(),
        }))?;
    let txn = crate::db::begin(&app.db).await?;
    // Anyone may type any address: it is mailed a few times a day at most.
    let per_address = Count::hashed(
        &format!("volunteer-mail:{}", c.id),
        v.email.normalized(),
        limits::REPEAT_MAIL_PER_ADDRESS,
    );
    match app.limiter.take_within(&txn, &[per_address]).await {
        Err(Error::TooManyRequests(_)) => return Ok(()),
        other => other?,
    }
    volunteers::insert(
        &txn,
        NewVolunteer {
            campaign_id: c.id,
            name: v.name.as_str(),
            email: v.email.as_str(),
            email_normalized: v.email.normalized(),
            group_slug: v.group.as_deref(),
            place: v.place.as_deref(),
            help: serde_json::to_string(&v.help)
                .map_err(|e| Error::Internal(format!("help: {e}")))?,
            message: &v.message,
            token_hash: token.hash(),
            token_expires_at: Utc::now() + Duration::hours(hours),
            language: lang,
        },
    )
    .await?;
    outbox::enqueue(&txn, v.email.as_str(), mail).await?;
    txn.commit().await?;
    app.mail_wake.notify_one();
    Ok(())
}

/// The sign-up a live link is for, and its campaign.
async fn pending(app: &AppState, token: &str) -> Result<(volunteer::Model, campaign::Model)> {
    let gone = || Error::LinkNotValid;
    let token = Token::parse(token).ok_or_else(gone)?;
    let v = volunteers::by_live_token(&app.db, &token.hash())
        .await?
        .ok_or_else(gone)?;
    let c = campaigns::find(&app.db, v.campaign_id)
        .await?
        .ok_or_else(gone)?;
    if c.status != CampaignStatus::Published {
        return Err(Error::CampaignClosed);
    }
    Ok((v, c))
}

/// What a confirmation link would confirm, changing nothing (the GET page).
pub(crate) async fn peek(app: &AppState, token: &str) -> Result<campaign::Model> {
    Ok(pending(app, token).await?.1)
}

/// Confirms a sign-up: the link is used up, an earlier sign-up of the same
/// address is replaced, and the welcome with the resources goes out.
pub(crate) async fn confirm(app: &AppState, token: &str) -> Result<campaign::Model> {
    let (v, c) = pending(app, token).await?;
    let resources = c.resources.trim().to_owned();
    let welcome = app
        .mail_templates
        .render(&crate::mail::Email::VolunteerWelcome(VolunteerMail {
            lang: v.language.clone(),
            campaign_title: c.title.clone(),
            campaign_url: campaign_url(app, &c),
            name: v.name.clone(),
            confirm_url: None,
            confirm_hours: app.settings.confirm_token_hours,
            resources_html: markdown::render(&resources),
            resources_text: resources,
            public_url: app.settings.public_url.clone(),
        }))?;
    let hash = v.token_hash.clone().unwrap_or_default();
    let txn = crate::db::begin(&app.db).await?;
    if !volunteers::confirm(&txn, v.id, &hash).await? {
        return Err(Error::LinkNotValid);
    }
    volunteers::delete_earlier(&txn, c.id, &v.email_normalized, v.id).await?;
    outbox::enqueue(&txn, &v.email, welcome).await?;
    // The campaign's team sees its volunteers; so do its owners' endpoints.
    super::webhooks::events::emit(
        &txn,
        super::webhooks::events::Event {
            kind: "volunteer.confirmed",
            letter: None,
            campaign_id: Some(c.id),
            data: serde_json::json!({
                "campaign": c.slug,
                "name": v.name,
                "email": v.email,
                "group": v.group_slug,
                "place": v.place,
                "help": v.help(),
                "message": v.message,
                "confirmed_at": chrono::Utc::now(),
            }),
        },
    )
    .await?;
    txn.commit().await?;
    app.mail_wake.notify_one();
    app.webhook_wake.notify_one();
    Ok(c)
}

/// A volunteer as the team (or a lead) sees them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub(crate) struct VolunteerView {
    pub name: String,
    pub email: String,
    /// The group's slug, where they chose one.
    pub group: Option<String>,
    /// The group's name, for the page.
    pub group_name: Option<String>,
    pub place: Option<String>,
    pub help: Vec<String>,
    pub message: String,
    pub confirmed_at: Option<chrono::DateTime<Utc>>,
}

/// A campaign's volunteers as `who` may see them.
pub(crate) struct Roster {
    pub campaign: campaign::Model,
    /// `None` for the campaign's team: everyone; else the groups `who` leads.
    pub only_groups: Option<Vec<String>>,
    pub volunteers: Vec<VolunteerView>,
}

/// The volunteers of campaign `slug`: all of them for its team, those of
/// their groups for a lead of one of its letters' groups. Anyone else is
/// refused (as `access::decide` says).
pub(crate) async fn roster(app: &AppState, who: &Authenticated, slug: &str) -> Result<Roster> {
    let refused =
        match super::campaigns::campaign_for(app, who, slug, TeamRole::Viewer, false).await {
            Ok(campaign) => return fill(app, campaign, None).await,
            Err(e) => e,
        };
    // A lead of a group of one of the campaign's letters sees that group's.
    let Some(campaign) = campaigns::find_by_slug(&app.db, slug).await? else {
        return Err(refused);
    };
    let led: Vec<String> = super::teams::led_in_campaign(app, who, campaign.id)
        .await?
        .into_iter()
        .map(|g| g.slug)
        .collect();
    if led.is_empty() {
        return Err(refused);
    }
    fill(app, campaign, Some(led)).await
}

async fn fill(
    app: &AppState,
    campaign: campaign::Model,
    only_groups: Option<Vec<String>>,
) -> Result<Roster> {
    let volunteers = views(app, &campaign, only_groups.as_deref()).await?;
    Ok(Roster {
        campaign,
        only_groups,
        volunteers,
    })
}

/// The campaign's confirmed volunteers (of `only_groups`, where given) as shown.
async fn views(
    app: &AppState,
    campaign: &campaign::Model,
    only_groups: Option<&[String]>,
) -> Result<Vec<VolunteerView>> {
    let groups = group_options(app, campaign).await?;
    let rows = volunteers::confirmed(&app.db, campaign.id, only_groups).await?;
    Ok(rows
        .into_iter()
        .map(|v| VolunteerView {
            group_name: v
                .group_slug
                .as_ref()
                .and_then(|s| groups.iter().find(|g| &g.slug == s).map(|g| g.name.clone())),
            help: v.help(),
            name: v.name,
            email: v.email,
            group: v.group_slug,
            place: v.place,
            message: v.message,
            confirmed_at: v.confirmed_at,
        })
        .collect())
}

/// The volunteers who named a group, for its page: the caller has been
/// let in by `teams::group_for`. `None` where the letter is in no campaign.
pub(crate) async fn of_group(
    app: &AppState,
    letter: &crate::db::entities::letter::Model,
    group_slug: &str,
) -> Result<Option<(String, Vec<VolunteerView>)>> {
    let Some(id) = letter.campaign_id else {
        return Ok(None);
    };
    let Some(c) = campaigns::find(&app.db, id).await? else {
        return Ok(None);
    };
    let list = views(app, &c, Some(&[group_slug.to_owned()])).await?;
    Ok(Some((c.slug, list)))
}

/// How many confirmed volunteers each campaign has, for the dashboard.
pub(crate) async fn counts(
    app: &AppState,
    campaign_ids: &[i64],
) -> Result<std::collections::HashMap<i64, u64>> {
    volunteers::confirmed_counts(&app.db, campaign_ids).await
}

/// The volunteers `who` may see, as CSV (audited: it holds addresses).
pub(crate) async fn export_csv(
    app: &AppState,
    who: &Authenticated,
    slug: &str,
) -> Result<(String, Vec<u8>)> {
    let roster = roster(app, who, slug).await?;
    let csv_err = |e: csv::Error| Error::Internal(format!("csv: {e}"));
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "name",
        "email",
        "group",
        "place",
        "help",
        "message",
        "confirmed_at",
    ])
    .map_err(csv_err)?;
    let safe = crate::read::views::csv_safe;
    for v in &roster.volunteers {
        out.write_record([
            safe(&v.name),
            safe(&v.email),
            safe(v.group_name.as_deref().unwrap_or("")),
            safe(v.place.as_deref().unwrap_or("")),
            safe(&v.help.join("; ")),
            safe(&v.message),
            v.confirmed_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
        ])
        .map_err(csv_err)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| Error::Internal(format!("csv: {e}")))?;
    audit::record(
        &app.db,
        &who.user,
        "campaign.volunteers_export",
        audit::Subject {
            letter_id: None,
            signature_id: None,
            detail: format!("campaign:{}", roster.campaign.slug),
        },
        None,
    )
    .await?;
    Ok((roster.campaign.slug, bytes))
}

/// What the sign-up form needs to know of its campaign.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Organise {
    pub slug: String,
    pub title: String,
    pub help_options: Vec<String>,
    pub groups: Vec<GroupOption>,
}

/// The sign-up form of the campaign a letter belongs to, while it takes
/// volunteers; `None` outside a campaign.
pub(crate) async fn form_for(app: &AppState, campaign_id: Option<i64>) -> Result<Option<Organise>> {
    let Some(id) = campaign_id else {
        return Ok(None);
    };
    match campaigns::find(&app.db, id).await? {
        Some(c) if c.status == CampaignStatus::Published => Ok(Some(organise(app, &c).await?)),
        _ => Ok(None),
    }
}

/// The sign-up form of the published campaign `slug`.
pub(crate) async fn form_of(app: &AppState, slug: &str) -> Result<Organise> {
    let c = open_campaign(app, slug).await?;
    organise(app, &c).await
}

async fn organise(app: &AppState, c: &campaign::Model) -> Result<Organise> {
    Ok(Organise {
        slug: c.slug.clone(),
        title: c.title.clone(),
        help_options: c.help_options(),
        groups: group_options(app, c).await?,
    })
}
