//! Webhooks: a letter's or a campaign's owners register HTTPS endpoints for
//! events; each event goes to each endpoint that wants it, signed as the
//! Standard Webhooks specification says, from an outbox with retries.
//!
//! - `signature.confirmed` and `signature.removed` come from each letter's
//!   signature log, which the dispatcher follows (a cursor per endpoint and
//!   letter): confirming a signature writes nothing for webhooks and never
//!   waits for one, however many endpoints there are or however slow.
//! - `letter.published`, `letter.closed`, `update.published` and
//!   `volunteer.confirmed` are queued in the transaction of the change
//!   ([`emit`]).
//! - Payloads carry what the public list shows (an anonymous signer's name
//!   never), an address only where its signer shares it with the organisers
//!   (as the export does), and nothing at all for a discreet letter.
//! - A failed delivery is tried again after 5 s, then four times longer each
//!   time (at most 10 hours); an endpoint failing for a day without one
//!   success is disabled and its owners are mailed.
//! - Loopback, private and link-local addresses are refused at registration
//!   and again at every connection (a resolver that drops them), unless
//!   `webhook_allow_private`.

pub(crate) mod events;
pub(crate) mod send;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::teams::TeamOf as Of;
use crate::auth::guards::Authenticated;
use crate::db::entities::team_member::TeamRole;
use crate::db::entities::webhook::{self, WebhookStatus};
use crate::db::entities::webhook_delivery::{self, DeliveryStatus};
use crate::db::entities::{campaign, letter};
use crate::db::webhooks::{self as db, Owner};
use crate::domain::webhook::{Secret, EVENTS};
use crate::error::{Error, Result};
use crate::state::AppState;

/// An endpoint as its owner registers it.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct WebhookInput {
    /// `https://…` (plain `http://` only where `webhook_allow_private` is set).
    pub url: Option<String>,
    /// Some of `signature.confirmed`, `signature.removed`, `letter.published`,
    /// `letter.closed`, `update.published`, `volunteer.confirmed` (a campaign's).
    pub events: Option<Vec<String>>,
}

/// A new endpoint, with its secret: shown this once.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct CreatedWebhook {
    pub id: i64,
    pub url: String,
    pub events: Vec<String>,
    /// `whsec_…`: verify each delivery's `webhook-signature` with it.
    pub secret: String,
}

/// The last attempt to deliver to an endpoint.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct LastDelivery {
    pub at: DateTime<Utc>,
    /// The receiver's HTTP status; `null` when it did not answer.
    pub status_code: Option<i32>,
}

/// An endpoint as its team sees it (never its secret).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct WebhookView {
    pub id: i64,
    pub url: String,
    pub events: Vec<String>,
    pub status: WebhookStatus,
    pub created_at: DateTime<Utc>,
    /// Failing without a success since then.
    pub failing_since: Option<DateTime<Utc>>,
    pub disabled_at: Option<DateTime<Utc>>,
    pub last_delivery: Option<LastDelivery>,
}

impl From<webhook::Model> for WebhookView {
    fn from(h: webhook::Model) -> Self {
        WebhookView {
            id: h.id,
            events: h.events().into_iter().map(str::to_owned).collect(),
            url: h.url,
            status: h.status,
            created_at: h.created_at,
            failing_since: h.failing_since,
            disabled_at: h.disabled_at,
            last_delivery: h.last_delivery_at.map(|at| LastDelivery {
                at,
                status_code: h.last_status_code,
            }),
        }
    }
}

/// One delivery as the team sees it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct DeliveryView {
    /// The `webhook-id` it is sent with.
    pub id: String,
    #[serde(rename = "type")]
    pub event_type: String,
    pub status: DeliveryStatus,
    pub attempts: i32,
    pub created_at: DateTime<Utc>,
    pub last_attempt_at: Option<DateTime<Utc>>,
    pub last_status_code: Option<i32>,
    pub last_error: Option<String>,
    /// When it is tried next, while pending.
    pub next_attempt_at: Option<DateTime<Utc>>,
}

impl From<webhook_delivery::Model> for DeliveryView {
    fn from(d: webhook_delivery::Model) -> Self {
        DeliveryView {
            id: d.event_id,
            event_type: d.event_type,
            next_attempt_at: (d.status == DeliveryStatus::Pending).then_some(d.next_attempt_at),
            status: d.status,
            attempts: d.attempts,
            created_at: d.created_at,
            last_attempt_at: d.last_attempt_at,
            last_status_code: d.last_status_code,
            last_error: d.last_error,
        }
    }
}

/// The letter or campaign of `of`, if `who` has at least `need` on its team.
async fn owner_of(
    app: &AppState,
    who: &Authenticated,
    of: Of<'_>,
    need: TeamRole,
) -> Result<(Owner, Option<letter::Model>, Option<campaign::Model>)> {
    match of {
        Of::Letter(slug) => {
            let l = super::organising::letter_for(app, who, slug, need, false).await?;
            Ok((Owner::Letter(l.id), Some(l), None))
        }
        Of::Campaign(slug) => {
            let c = super::campaigns::campaign_for(app, who, slug, need, false).await?;
            Ok((Owner::Campaign(c.id), None, Some(c)))
        }
    }
}

/// The endpoint's address, checked: a URL with a host, `https` (or `http`
/// where private addresses are allowed), every address it resolves to
/// public unless they are allowed.
async fn checked_url(app: &AppState, input: Option<&str>) -> Result<url::Url> {
    let raw = input.map(str::trim).unwrap_or_default();
    if raw.is_empty() {
        return Err(Error::field("url", "Give the endpoint's address."));
    }
    if raw.len() > 2048 {
        return Err(Error::field("url", "The address is too long."));
    }
    let url =
        url::Url::parse(raw).map_err(|_| Error::field("url", "That is not a web address."))?;
    let allow_private = app.settings.webhook_allow_private;
    match url.scheme() {
        "https" => {}
        "http" if allow_private => {}
        _ => return Err(Error::field("url", "The address must start with https://.")),
    }
    if url.host().is_none() || !url.username().is_empty() || url.password().is_some() {
        return Err(Error::field(
            "url",
            "The address needs a host, and no user name or password.",
        ));
    }
    if !allow_private {
        send::check_public(&url)
            .await
            .map_err(|why| Error::field("url", why))?;
    }
    Ok(url)
}

/// The events asked for, checked: known, at least one, no repeats; a
/// letter's endpoint cannot ask for `volunteer.confirmed`.
fn checked_events(input: Option<Vec<String>>, campaign: bool) -> Result<Vec<String>> {
    let events = input.unwrap_or_default();
    if events.is_empty() {
        return Err(Error::field("events", "Ask for at least one event."));
    }
    let mut seen = Vec::new();
    for e in events {
        if !EVENTS.contains(&e.as_str()) {
            return Err(Error::field(
                "events",
                format!("{e} is not an event: {}.", EVENTS.join(", ")),
            ));
        }
        if e == "volunteer.confirmed" && !campaign {
            return Err(Error::field(
                "events",
                "volunteer.confirmed is a campaign's event.",
            ));
        }
        if !seen.contains(&e) {
            seen.push(e);
        }
    }
    Ok(seen)
}

/// Registers an endpoint (owners only); its secret is in the answer and
/// nowhere else.
pub(crate) async fn register(
    app: &AppState,
    who: &Authenticated,
    of: Of<'_>,
    input: WebhookInput,
) -> Result<CreatedWebhook> {
    let (owner, letter, campaign) = owner_of(app, who, of, TeamRole::Owner).await?;
    if letter.as_ref().is_some_and(|l| l.discreet) {
        return Err(Error::Conflict(
            "A discreet letter sends no webhooks: its signers are not named anywhere.".into(),
        ));
    }
    let events = checked_events(input.events, campaign.is_some())?;
    let url = checked_url(app, input.url.as_deref()).await?;
    let secret = Secret::generate().map_err(|e| Error::Internal(format!("OS RNG: {e}")))?;
    let txn = crate::db::begin(&app.db).await?;
    let hook = db::insert(
        &txn,
        db::NewWebhook {
            owner,
            url: url.as_str(),
            events: &events,
            secret: secret.as_str(),
            created_by: who.user.id,
        },
    )
    .await?;
    // Signature events from now on: each letter's cursor starts at its log's size.
    if events.iter().any(|e| e.starts_with("signature.")) {
        for letter_id in events::letters_of(&txn, &hook).await? {
            db::lock_cursor(&txn, hook.id, letter_id).await?;
        }
    }
    txn.commit().await?;
    Ok(CreatedWebhook {
        id: hook.id,
        url: hook.url,
        events,
        secret: secret.as_str().to_owned(),
    })
}

/// A letter's or a campaign's endpoints (its team).
pub(crate) async fn list(
    app: &AppState,
    who: &Authenticated,
    of: Of<'_>,
) -> Result<Vec<WebhookView>> {
    let (owner, ..) = owner_of(app, who, of, TeamRole::Viewer).await?;
    Ok(db::of(&app.db, owner)
        .await?
        .into_iter()
        .map(WebhookView::from)
        .collect())
}

/// Endpoint `id` of `of`, for someone with `need` on its team.
async fn one(
    app: &AppState,
    who: &Authenticated,
    of: Of<'_>,
    id: i64,
    need: TeamRole,
) -> Result<webhook::Model> {
    let (owner, ..) = owner_of(app, who, of, need).await?;
    let hook = db::find(&app.db, id).await?.ok_or(Error::NotFound)?;
    let belongs = match owner {
        Owner::Letter(l) => hook.letter_id == Some(l),
        Owner::Campaign(c) => hook.campaign_id == Some(c),
    };
    if !belongs {
        return Err(Error::NotFound);
    }
    Ok(hook)
}

/// Removes an endpoint with what waits for it (owners only).
pub(crate) async fn remove(app: &AppState, who: &Authenticated, of: Of<'_>, id: i64) -> Result<()> {
    let hook = one(app, who, of, id, TeamRole::Owner).await?;
    let txn = crate::db::begin(&app.db).await?;
    db::delete(&txn, hook.id).await?;
    txn.commit().await?;
    Ok(())
}

/// An endpoint's latest deliveries, newest first (its team).
pub(crate) async fn deliveries(
    app: &AppState,
    who: &Authenticated,
    of: Of<'_>,
    id: i64,
) -> Result<Vec<DeliveryView>> {
    let hook = one(app, who, of, id, TeamRole::Viewer).await?;
    Ok(db::deliveries(&app.db, hook.id, 100)
        .await?
        .into_iter()
        .map(DeliveryView::from)
        .collect())
}
