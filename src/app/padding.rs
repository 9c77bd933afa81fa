//! Padding spotted: what a moderator looks at to judge whether a letter's
//! list was padded (bursts from one domain, disposable addresses, one name
//! written several ways), and the bulk invalidation that takes such
//! signatures out of the count. The signers get no mail; the log records a
//! `remove` (reason `invalidated`) for each, the audit log an entry each.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Serialize;

use super::audit::{self, Subject};
use super::fields::reason;
use super::moderation::letter;
use crate::auth::guards::Authenticated;
use crate::db::entities::letter;
use crate::db::padding;
use crate::domain::email::parse_domain;
use crate::domain::padding::{is_disposable, near_duplicates, NameCluster};
use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::state::AppState;

/// How many of the busiest domain-hours the view lists.
const BURSTS: i64 = 50;
/// How many name clusters it lists.
const CLUSTERS: usize = 50;

/// Signatures from one domain in one hour of signing.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct Burst {
    pub domain: String,
    pub hour: DateTime<Utc>,
    pub signatures: i64,
    pub disposable: bool,
}

/// A domain and how many live signatures it has.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct DomainCount {
    pub domain: String,
    pub signatures: i64,
}

/// What the moderators' padding view shows for one letter.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct Report {
    /// The busiest (domain, hour) pairs, most signatures first.
    pub bursts: Vec<Burst>,
    /// Domains on the disposable-mail list, most signatures first.
    pub disposable: Vec<DomainCount>,
    /// Names repeated, or written several ways, largest first.
    pub names: Vec<NameCluster>,
}

/// The padding view of letter `slug` (live signatures: counted or awaiting approval).
pub(crate) async fn report(app: &AppState, slug: &str) -> Result<(letter::Model, Report)> {
    let l = letter(app, slug).await?;
    let bursts = padding::domain_hours(&app.db, l.id, BURSTS)
        .await?
        .into_iter()
        .map(|b| Burst {
            disposable: is_disposable(&b.domain),
            domain: b.domain,
            hour: b.hour,
            signatures: b.signatures,
        })
        .collect();
    let disposable = padding::domains(&app.db, l.id)
        .await?
        .into_iter()
        .filter(|(d, _)| is_disposable(d))
        .map(|(domain, signatures)| DomainCount { domain, signatures })
        .collect();
    let names = padding::names(&app.db, l.id).await?;
    let mut names = near_duplicates(names.iter().map(String::as_str), 2);
    names.truncate(CLUSTERS);
    Ok((
        l,
        Report {
            bursts,
            disposable,
            names,
        },
    ))
}

/// A bulk invalidation: a domain (and its subdomains), a time range of signing, a reason.
#[derive(Debug, Clone)]
pub(crate) struct Invalidation {
    pub domain: String,
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
    pub reason: String,
}

/// RFC 3339, or a form's `YYYY-MM-DDTHH:MM[:SS]` read as UTC.
fn parse_time(field: &'static str, value: Option<&str>) -> Result<DateTime<Utc>> {
    let value = value.map(str::trim).unwrap_or_default();
    if value.is_empty() {
        return Err(Error::field(field, Msg::id("error-time-required")));
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(value) {
        return Ok(t.with_timezone(&Utc));
    }
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(value, f).ok())
        .map(|t| t.and_utc())
        .ok_or_else(|| Error::field(field, Msg::id("error-time-format")))
}

impl Invalidation {
    pub(crate) fn parse(
        domain: Option<&str>,
        from: Option<&str>,
        until: Option<&str>,
        why: Option<&str>,
    ) -> Result<Invalidation> {
        let domain = domain
            .and_then(parse_domain)
            .ok_or_else(|| Error::field("domain", Msg::id("error-domain")))?;
        let from = parse_time("from", from)?;
        let until = parse_time("until", until)?;
        if until <= from {
            return Err(Error::field("until", Msg::id("error-time-order")));
        }
        Ok(Invalidation {
            domain,
            from,
            until,
            reason: reason(why)?,
        })
    }
}

/// Takes every live signature of letter `slug` from the domain, signed in
/// the range, out of the count; one transaction with its audit entries.
/// Returns how many.
pub(crate) async fn invalidate(
    app: &AppState,
    who: &Authenticated,
    slug: &str,
    what: &Invalidation,
) -> Result<usize> {
    let l = letter(app, slug).await?;
    let txn = crate::db::begin(&app.db).await?;
    let ids = padding::invalidate(
        &txn,
        l.id,
        &what.domain,
        (what.from, what.until),
        &what.reason,
    )
    .await?;
    let range = format!(
        "{} from {} until {}",
        what.domain,
        what.from.to_rfc3339(),
        what.until.to_rfc3339()
    );
    let subjects = ids
        .iter()
        .map(|id| Subject {
            letter_id: Some(l.id),
            signature_id: Some(*id),
            detail: format!("signature {id} ({range})"),
        })
        .collect();
    audit::record_many(
        &txn,
        &who.user,
        "signature.invalidate",
        subjects,
        Some(&what.reason),
    )
    .await?;
    txn.commit().await?;
    tracing::info!(letter = %l.slug, n = ids.len(), %range, "signatures invalidated");
    Ok(ids.len())
}
