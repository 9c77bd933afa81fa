//! Sending webhook deliveries: the dispatcher's loop, the HTTP client that
//! will not connect to a private address, retries and disabling.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use futures::StreamExt;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};

use crate::db::entities::team_member::TeamRole;
use crate::db::entities::webhook;
use crate::db::entities::webhook_delivery;
use crate::db::webhooks::{self as db, Failure};
use crate::domain::webhook::{is_public, Secret};
use crate::error::{Error, Result};
use crate::mail::catalogue::WebhookMail;
use crate::mail::outbox;
use crate::state::AppState;

/// A delivery gives up after this many attempts (about 18 hours at the
/// default pace) even while its endpoint succeeds with others.
const MAX_ATTEMPTS: i32 = 10;
/// The longest wait between two attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(10 * 3600);
/// How often the dispatcher looks for new log entries and due deliveries
/// when nothing wakes it.
const POLL: Duration = Duration::from_millis(500);

/// Resolves names as the system does, keeping only public addresses (all
/// of them where private ones are allowed): checked at every connection,
/// so a name that resolved to a public address at registration and to
/// `127.0.0.1` now is refused now.
#[derive(Clone)]
struct PublicOnly {
    allow_private: bool,
}

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((name.as_str(), 0))
                .await?
                .filter(|a| allow_private || is_public(a.ip()))
                .collect();
            if found.is_empty() {
                return Err(format!(
                    "{} resolves to no public address (refused: loopback, private or link-local)",
                    name.as_str()
                )
                .into());
            }
            Ok(Box::new(found.into_iter()) as Addrs)
        })
    }
}

/// Refuses an address whose host is, or resolves only to, a private one.
pub(super) async fn check_public(url: &url::Url) -> std::result::Result<(), &'static str> {
    const PRIVATE: &str = "The address is a loopback, private or link-local one.";
    if let Some(ip) = literal_ip(url) {
        return is_public(ip).then_some(()).ok_or(PRIVATE);
    }
    match url.host() {
        Some(url::Host::Domain(name)) => {
            let port = url.port_or_known_default().unwrap_or(443);
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((name, port))
                .await
                .map_err(|_| "The address's host cannot be found.")?
                .collect();
            if addrs.is_empty() || addrs.iter().any(|a| !is_public(a.ip())) {
                return Err(PRIVATE);
            }
            Ok(())
        }
        _ => Err("The address needs a host."),
    }
}

/// The host of `url` where it is written as an IP address.
fn literal_ip(url: &url::Url) -> Option<std::net::IpAddr> {
    match url.host()? {
        url::Host::Ipv4(ip) => Some(ip.into()),
        url::Host::Ipv6(ip) => Some(ip.into()),
        url::Host::Domain(_) => None,
    }
}

fn client(app: &AppState) -> Result<reqwest::Client> {
    let timeout = Duration::from_millis(app.settings.webhook_timeout_ms.max(1));
    reqwest::Client::builder()
        .dns_resolver(Arc::new(PublicOnly {
            allow_private: app.settings.webhook_allow_private,
        }))
        // Where an endpoint's answer would send us is not where it was registered.
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(timeout)
        .connect_timeout(timeout)
        .user_agent(concat!("Undersigned-Webhooks/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| Error::Internal(format!("webhook client: {e}")))
}

/// The wait before attempt `attempts + 1`: the base, four times longer
/// after each failure, at most 10 hours.
fn backoff(base_ms: u64, attempts: i32) -> Duration {
    let factor = 4u64.saturating_pow(attempts.saturating_sub(1).max(0) as u32);
    Duration::from_millis(base_ms.saturating_mul(factor)).min(MAX_BACKOFF)
}

/// The dispatcher: follows the letters' logs into deliveries and sends
/// what is due, until shutdown.
pub(crate) async fn run(app: AppState, shutdown: rocket::Shutdown) {
    let http = match client(&app) {
        Ok(c) => c,
        Err(e) => {
            tracing::error!("webhooks not started: {e}");
            return;
        }
    };
    tokio::pin!(shutdown);
    loop {
        let mut busy = false;
        match super::events::follow_logs(&app).await {
            Ok(n) => busy |= n > 0,
            Err(e) => tracing::warn!(error = %e, "webhooks: following the logs failed"),
        }
        match send_due(&app, &http).await {
            Ok(n) => busy |= n > 0,
            Err(e) => tracing::warn!(error = %e, "webhooks: sending failed"),
        }
        if busy {
            continue;
        }
        tokio::select! {
            _ = &mut shutdown => return,
            _ = app.webhook_wake.notified() => {}
            _ = tokio::time::sleep(POLL) => {}
        }
    }
}

/// Sends one claim of due deliveries, `webhook_concurrency` at a time; how
/// many it tried. Deliveries that succeed (nearly all) are recorded together
/// in one transaction; each failure on its own (a retry, perhaps disabling
/// its endpoint).
async fn send_due(app: &AppState, http: &reqwest::Client) -> Result<usize> {
    let concurrency = app.settings.webhook_concurrency.max(1);
    let lease = chrono::Duration::milliseconds(app.settings.webhook_timeout_ms as i64 + 30_000);
    let due = db::claim_due(&app.db, (concurrency * 8) as u64, lease).await?;
    if due.is_empty() {
        return Ok(0);
    }
    let hooks = db::by_ids(&app.db, due.iter().map(|d| d.webhook_id)).await?;
    let n = due.len();
    let mut gone = Vec::new();
    let mut sending = Vec::new();
    for d in due {
        match hooks
            .get(&d.webhook_id)
            .filter(|h| h.status == webhook::WebhookStatus::Active)
        {
            Some(hook) => sending.push((hook.clone(), d)),
            // Disabled or removed meanwhile: nothing to send it to.
            None => gone.push(d.webhook_id),
        }
    }
    for id in gone {
        db::disable(&app.db, id).await?;
    }
    let outcomes: Vec<(
        webhook::Model,
        webhook_delivery::Model,
        Option<i32>,
        Option<String>,
    )> = futures::stream::iter(sending)
        .map(|(hook, d)| async move {
            let (code, error) = match attempt(app, http, &hook, &d).await {
                Ok(code) if (200..300).contains(&code) => (Some(code), None),
                Ok(code) => (Some(code), Some(format!("HTTP {code}"))),
                Err(e) => (None, Some(e)),
            };
            (hook, d, code, error)
        })
        .buffer_unordered(concurrency)
        .collect()
        .await;
    let mut delivered = Vec::new();
    for (hook, d, code, error) in outcomes {
        match error {
            None => delivered.push((d.id, d.webhook_id, code.unwrap_or(200))),
            Some(error) => {
                if let Err(e) = failed(app, &hook, &d, code, &error).await {
                    tracing::warn!(error = %e, "webhooks: recording a failure failed");
                }
            }
        }
    }
    db::record_delivered(&app.db, &delivered).await?;
    Ok(n)
}

/// Records a failed attempt: another later, or the endpoint disabled (and
/// its owners mailed) once it has failed for `webhook_disable_after_secs`.
async fn failed(
    app: &AppState,
    hook: &webhook::Model,
    d: &webhook_delivery::Model,
    status_code: Option<i32>,
    error: &str,
) -> Result<()> {
    let retry_at = Utc::now()
        + chrono::Duration::from_std(backoff(app.settings.webhook_retry_base_ms, d.attempts))
            .unwrap_or_default();
    let txn = crate::db::begin(&app.db).await?;
    let now_hook = db::record_failure(
        &txn,
        d,
        Failure {
            status_code,
            error,
            retry_at,
        },
    )
    .await?;
    let failing_for = now_hook
        .as_ref()
        .and_then(|h| h.failing_since)
        .map(|since| (Utc::now() - since).num_seconds().max(0) as u64);
    let mut mailed = false;
    if failing_for.is_some_and(|s| s >= app.settings.webhook_disable_after_secs) {
        if db::disable(&txn, hook.id).await? {
            mail_owners(app, &txn, hook, status_code).await?;
            mailed = true;
            tracing::warn!(
                webhook = hook.id,
                "webhook disabled after failing for a day"
            );
        }
    } else if d.attempts >= MAX_ATTEMPTS {
        db::give_up(&txn, d.id).await?;
    }
    txn.commit().await?;
    if mailed {
        app.mail_wake.notify_one();
    }
    Ok(())
}

/// POSTs the delivery's payload, signed; the receiver's status, or why
/// there was none.
async fn attempt(
    app: &AppState,
    http: &reqwest::Client,
    hook: &webhook::Model,
    d: &webhook_delivery::Model,
) -> std::result::Result<i32, String> {
    let url = url::Url::parse(&hook.url).map_err(|e| format!("bad address: {e}"))?;
    // An address written as an IP skips the resolver: checked here.
    if !app.settings.webhook_allow_private && literal_ip(&url).is_some_and(|ip| !is_public(ip)) {
        return Err("refused: a loopback, private or link-local address".into());
    }
    let secret = Secret::parse(&hook.secret).ok_or("the endpoint's secret is unreadable")?;
    let timestamp = Utc::now().timestamp();
    let signature = secret.sign(&d.event_id, timestamp, &d.payload);
    let res = http
        .post(url)
        .header("content-type", "application/json")
        .header("webhook-id", &d.event_id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature)
        .body(d.payload.clone())
        .send()
        .await
        .map_err(|e| {
            let mut why = e.to_string();
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                why = format!("{why}: {s}");
                source = s.source();
            }
            why
        })?;
    Ok(res.status().as_u16() as i32)
}

/// Mails each owner of the endpoint's letter or campaign that it was disabled.
async fn mail_owners(
    app: &AppState,
    db: &impl sea_orm::ConnectionTrait,
    hook: &webhook::Model,
    last_status_code: Option<i32>,
) -> Result<()> {
    let (team, what, title, url) = if let Some(id) = hook.letter_id {
        let l = crate::db::letters::find(db, id)
            .await?
            .ok_or(Error::NotFound)?;
        let url = format!("{}/organiser/letters/{}", app.settings.public_url, l.slug);
        (crate::db::teams::Team::Letter(id), "letter", l.title, url)
    } else {
        let id = hook.campaign_id.ok_or(Error::NotFound)?;
        let c = crate::db::campaigns::find(db, id)
            .await?
            .ok_or(Error::NotFound)?;
        let url = format!("{}/organiser/campaigns/{}", app.settings.public_url, c.slug);
        (
            crate::db::teams::Team::Campaign(id),
            "campaign",
            c.title,
            url,
        )
    };
    let since = hook.failing_since.unwrap_or_else(Utc::now);
    for member in crate::db::teams::members(db, team).await? {
        if member.role != TeamRole::Owner || member.accepted_at.is_none() {
            continue;
        }
        let lang = match member.user_id {
            Some(id) => crate::db::users::find(db, id)
                .await?
                .map(|u| u.language)
                .unwrap_or_else(|| app.settings.default_language.clone()),
            None => app.settings.default_language.clone(),
        };
        let mail = crate::mail::Email::WebhookDisabled(WebhookMail {
            since: crate::i18n::long_date(&lang, since.date_naive()),
            lang,
            what,
            title: title.clone(),
            url: url.clone(),
            endpoint: hook.url.clone(),
            last_status_code,
            public_url: app.settings.public_url.clone(),
            email: member.email.clone(),
        });
        outbox::enqueue(db, &member.email, app.mail_templates.render(&mail)?).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_fourfold_to_ten_hours() {
        assert_eq!(backoff(5_000, 1), Duration::from_secs(5));
        assert_eq!(backoff(5_000, 2), Duration::from_secs(20));
        assert_eq!(backoff(5_000, 3), Duration::from_secs(80));
        assert_eq!(backoff(5_000, 9), MAX_BACKOFF);
        assert_eq!(backoff(5_000, 60), MAX_BACKOFF);
    }

    #[tokio::test]
    async fn the_resolver_drops_private_addresses_unless_allowed() {
        let strict = PublicOnly {
            allow_private: false,
        };
        let err = strict
            .resolve(Name::from_str("localhost").unwrap())
            .await
            .err()
            .expect("localhost is refused");
        assert!(err.to_string().contains("no public address"), "{err}");
        let lax = PublicOnly {
            allow_private: true,
        };
        let found: Vec<SocketAddr> = lax
            .resolve(Name::from_str("localhost").unwrap())
            .await
            .unwrap()
            .collect();
        assert!(found.iter().any(|a| a.ip().is_loopback()));
    }

    use std::str::FromStr;
}
