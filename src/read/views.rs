//! The public shapes of letters and signatures, shared by the JSON API, the
//! CSV and the HTML templates. An anonymous signer's name never gets into them.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde::Serialize;

use crate::db::entities::letter::{self, Category, LetterStatus};
use crate::db::entities::{letter_group, signature};
use crate::db::letters;
use crate::error::Result;

/// Just enough of a letter to link to it.
#[derive(Debug, Serialize)]
pub(crate) struct LetterRef {
    pub slug: String,
    pub title: String,
}

impl From<&letter::Model> for LetterRef {
    fn from(l: &letter::Model) -> Self {
        LetterRef {
            slug: l.slug.clone(),
            title: l.title.clone(),
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct LetterSummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub category: Category,
    pub status: LetterStatus,
    pub goal: Option<i64>,
    /// Online and confirmed, and on paper.
    pub signature_count: u64,
    /// Confirmed signatures from an address in their group's domains.
    pub verified_count: u64,
    /// Of `signature_count`, those collected on paper.
    pub paper_count: u64,
    pub published_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct GroupView {
    pub slug: String,
    pub name: String,
    pub email_domains: Vec<String>,
    pub require_verified: bool,
    /// Its signers are discreet.
    pub discreet: bool,
    pub goal: Option<i64>,
    pub signature_count: u64,
    pub verified_count: u64,
    pub paper_count: u64,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct LetterDetail {
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// Markdown source, as the organiser wrote it.
    pub body: String,
    pub category: Category,
    pub status: LetterStatus,
    pub goal: Option<i64>,
    /// Online and confirmed, and on paper.
    pub signature_count: u64,
    /// Confirmed signatures from an address in their group's domains.
    pub verified_count: u64,
    /// Of `signature_count`, those collected on paper.
    pub paper_count: u64,
    /// The batches collected on paper, the latest first.
    pub paper: Vec<super::paper::PaperView>,
    pub requires_approval: bool,
    /// Signers may propose a group the letter does not list.
    pub allow_group_proposals: bool,
    /// Signers' addresses are not kept and their mail names nothing.
    pub discreet: bool,
    pub groups: Vec<GroupView>,
    pub published_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    /// When it closes by itself, if its organiser set a deadline.
    pub closes_at: Option<DateTime<Utc>>,
    /// When its count first reached its goal.
    pub goal_reached_at: Option<DateTime<Utc>>,
    /// Whom it is addressed to (their addresses only for its organiser and moderators).
    pub recipients: Vec<RecipientView>,
    /// Each time it was delivered to them, newest first.
    pub deliveries: Vec<DeliveryView>,
    /// The campaign it is a front of (for the public, only a published or closed one).
    pub campaign: Option<CampaignRef>,
    /// The language `title`, `summary` and `body` are in, and every language
    /// the letter is written in (its own first).
    pub language: String,
    pub languages: Vec<String>,
    /// For its team and moderators: every translation, and the counted
    /// signatures per language they were signed in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translations: Option<BTreeMap<String, TranslationView>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signatures_by_language: Option<BTreeMap<String, i64>>,
    /// Every translation, to serve a reader's language from.
    #[serde(skip)]
    all_translations: Vec<crate::db::entities::letter_translation::Model>,
}

/// A letter's text in one language.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub(crate) struct TranslationView {
    pub title: String,
    pub summary: String,
    pub body: String,
}

impl LetterDetail {
    /// Serves the text in `lang` where the letter has it (the reader's
    /// language); one letter, one count, one list whatever the language.
    pub(crate) fn in_language(mut self, lang: &str) -> LetterDetail {
        if lang == self.language {
            return self;
        }
        let wanted =
            crate::i18n::closest(self.all_translations.iter(), lang, |t| &t.language).cloned();
        if let Some(t) = wanted {
            self.title = t.title;
            self.summary = t.summary;
            self.body = t.body;
            self.language = t.language;
        }
        self
    }
}

/// Just enough of a campaign to link to it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub(crate) struct CampaignRef {
    pub slug: String,
    pub title: String,
}

/// A recipient of a letter. The address is private: `None` in every public answer.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq, utoipa::ToSchema)]
pub(crate) struct RecipientView {
    pub name: String,
    pub organisation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl RecipientView {
    /// As the public sees them.
    pub(crate) fn public(r: &crate::db::entities::letter_recipient::Model) -> RecipientView {
        RecipientView {
            name: r.name.clone(),
            organisation: r.organisation.clone(),
            email: None,
        }
    }
}

/// One delivery of a letter, as the page and the API show it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct DeliveryView {
    pub delivered_at: DateTime<Utc>,
    pub signature_count: i64,
    pub recipients: Vec<RecipientView>,
}

impl DeliveryView {
    pub(crate) fn new(d: crate::db::entities::letter_delivery::Model) -> DeliveryView {
        DeliveryView {
            delivered_at: d.delivered_at,
            signature_count: d.signature_count,
            // Written by `app::deliveries` from public views only.
            recipients: serde_json::from_str(&d.recipients).unwrap_or_default(),
        }
    }
}

/// A letter's recipients as the public sees them, in the organiser's order.
pub(crate) async fn public_recipients(
    db: &impl ConnectionTrait,
    letter_id: i64,
) -> Result<Vec<RecipientView>> {
    recipient_views(db, letter_id, false).await
}

/// A letter's recipients, with their addresses where `addresses`.
async fn recipient_views(
    db: &impl ConnectionTrait,
    letter_id: i64,
    addresses: bool,
) -> Result<Vec<RecipientView>> {
    Ok(crate::db::deliveries::recipients(db, letter_id)
        .await?
        .into_iter()
        .map(|r| RecipientView {
            email: addresses.then(|| r.email.clone()),
            ..RecipientView::public(&r)
        })
        .collect())
}

/// A group's numbers in a delivered letter and its PDF.
#[derive(Debug, Clone)]
pub(crate) struct GroupCount {
    pub name: String,
    pub signature_count: u64,
    pub verified_count: u64,
}

/// A letter's count, and its groups that have signatures, with theirs.
pub(crate) async fn standing(
    db: &impl ConnectionTrait,
    letter_id: i64,
) -> Result<(crate::db::counts::Tally, Vec<GroupCount>)> {
    let tally = crate::db::counts::letter(db, letter_id).await?;
    let tallies = crate::db::counts::groups(db, letter_id).await?;
    let groups = letters::groups(db, letter_id)
        .await?
        .into_iter()
        .filter_map(|g| {
            let t = tallies.get(&g.id).copied().unwrap_or_default();
            (t.total() > 0).then_some(GroupCount {
                name: g.name,
                signature_count: t.total(),
                verified_count: t.verified,
            })
        })
        .collect();
    Ok((tally, groups))
}

/// "Program chairs, PETS Forum; Jane Roe": whom a letter is addressed to, in one line.
pub(crate) fn addressed_to(recipients: &[RecipientView]) -> String {
    recipients
        .iter()
        .map(|r| match &r.organisation {
            Some(o) if !o.is_empty() => format!("{}, {o}", r.name),
            _ => r.name.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A letter's detail with its recipients' addresses, for its organiser and moderators.
pub(crate) async fn private_detail(
    db: &impl ConnectionTrait,
    letter: letter::Model,
    groups: &[letter_group::Model],
) -> Result<LetterDetail> {
    let letter_id = letter.id;
    let mut d = detail(db, letter, groups, true).await?;
    d.translations = Some(
        d.all_translations
            .iter()
            .map(|t| {
                (
                    t.language.clone(),
                    TranslationView {
                        title: t.title.clone(),
                        summary: t.summary.clone(),
                        body: t.body.clone(),
                    },
                )
            })
            .collect(),
    );
    d.signatures_by_language = Some(
        letters::counts_by_language(db, letter_id)
            .await?
            .into_iter()
            .collect(),
    );
    Ok(d)
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct PublicSignature {
    /// `None` when the signer chose to be anonymous.
    pub name: Option<String>,
    pub anonymous: bool,
    pub title: Option<String>,
    pub affiliation: Option<String>,
    /// The group's slug.
    pub group: Option<String>,
    pub verified_affiliation: bool,
    /// The group's domain the address was verified against, like `stanford.edu`.
    pub verified_domain: Option<String>,
    pub signed_at: Option<DateTime<Utc>>,
    /// Collected on paper (never verified), not signed online.
    pub paper: bool,
}

/// The names a batch collected on paper gives, as entries of the public list.
pub(crate) fn paper_signatures(
    batch: &super::paper::PaperView,
) -> impl Iterator<Item = PublicSignature> + '_ {
    batch.names.iter().map(|name| PublicSignature {
        name: Some(name.clone()),
        anonymous: false,
        title: None,
        affiliation: None,
        group: batch.group.clone(),
        verified_affiliation: false,
        verified_domain: None,
        signed_at: batch.collected_on.and_hms_opt(0, 0, 0).map(|t| t.and_utc()),
        paper: true,
    })
}

/// A signer's approved reason, attributed as the public list shows the signer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct PublicReason {
    pub text: String,
    #[serde(flatten)]
    pub signer: PublicSignature,
}

/// The newest approved reasons of a letter's counted signatures.
pub(crate) async fn public_reasons(
    db: &impl ConnectionTrait,
    letter_id: i64,
    groups: &[letter_group::Model],
    limit: u64,
) -> Result<Vec<PublicReason>> {
    Ok(
        crate::db::signatures::approved_reasons(db, letter_id, limit)
            .await?
            .into_iter()
            .filter_map(|mut s| {
                let text = s.reason.take()?;
                Some(PublicReason {
                    text,
                    signer: PublicSignature::new(s, groups),
                })
            })
            .collect(),
    )
}

impl PublicSignature {
    pub(crate) fn new(sig: signature::Model, groups: &[letter_group::Model]) -> PublicSignature {
        let group = sig
            .group_id
            .and_then(|id| groups.iter().find(|g| g.id == id))
            .map(|g| g.slug.clone());
        PublicSignature {
            name: (!sig.anonymous).then_some(sig.name),
            anonymous: sig.anonymous,
            title: sig.title,
            affiliation: sig.affiliation,
            group,
            verified_affiliation: sig.verified_affiliation,
            verified_domain: sig.verified_domain.filter(|_| sig.verified_affiliation),
            signed_at: sig.confirmed_at,
            paper: false,
        }
    }
}

/// Summaries of the public letters, with their counts.
pub(crate) async fn letter_summaries(db: &impl ConnectionTrait) -> Result<Vec<LetterSummary>> {
    summaries(db, letters::public_letters(db).await?).await
}

/// Summaries of these letters, with their counts, in the same order.
pub(crate) async fn summaries(
    db: &impl ConnectionTrait,
    list: Vec<letter::Model>,
) -> Result<Vec<LetterSummary>> {
    let ids: Vec<i64> = list.iter().map(|l| l.id).collect();
    let tallies = crate::db::counts::letters(db, &ids).await?;
    Ok(list
        .into_iter()
        .map(|l| {
            let t = tallies.get(&l.id).copied().unwrap_or_default();
            summary(l, t)
        })
        .collect())
}

/// A letter's summary with its count.
pub(crate) fn summary(l: letter::Model, tally: crate::db::counts::Tally) -> LetterSummary {
    LetterSummary {
        signature_count: tally.total(),
        verified_count: tally.verified,
        paper_count: tally.paper,
        slug: l.slug,
        title: l.title,
        summary: l.summary,
        category: l.category,
        status: l.status,
        goal: l.goal,
        published_at: l.published_at,
        closed_at: l.closed_at,
    }
}

/// A letter with its groups and counts.
pub(crate) async fn letter_detail(
    db: &impl ConnectionTrait,
    letter: letter::Model,
    groups: &[letter_group::Model],
) -> Result<LetterDetail> {
    detail(db, letter, groups, false).await
}

/// A letter's detail, with its recipients' addresses where `addresses`.
async fn detail(
    db: &impl ConnectionTrait,
    letter: letter::Model,
    groups: &[letter_group::Model],
    addresses: bool,
) -> Result<LetterDetail> {
    let tally = crate::db::counts::letter(db, letter.id).await?;
    let paper = super::paper::of_letter(db, letter.id, groups, None).await?;
    let recipients = recipient_views(db, letter.id, addresses).await?;
    let deliveries = crate::db::deliveries::of_letter(db, letter.id)
        .await?
        .into_iter()
        .map(DeliveryView::new)
        .collect();
    let group_tallies = crate::db::counts::groups(db, letter.id).await?;
    let all_translations = letters::translations(db, letter.id).await?;
    let languages = std::iter::once(letter.language.clone())
        .chain(all_translations.iter().map(|t| t.language.clone()))
        .collect();
    let campaign = match letter.campaign_id {
        Some(id) => crate::db::campaigns::find(db, id)
            .await?
            .filter(|c| addresses || c.status.is_public())
            .map(|c| CampaignRef {
                slug: c.slug,
                title: c.title,
            }),
        None => None,
    };
    let groups = groups
        .iter()
        .map(|g| {
            let t = group_tallies.get(&g.id).copied().unwrap_or_default();
            GroupView {
                slug: g.slug.clone(),
                name: g.name.clone(),
                email_domains: g.domains().into_iter().map(str::to_owned).collect(),
                require_verified: g.require_verified,
                discreet: g.discreet,
                goal: g.goal,
                signature_count: t.total(),
                verified_count: t.verified,
                paper_count: t.paper,
            }
        })
        .collect();
    Ok(LetterDetail {
        slug: letter.slug,
        title: letter.title,
        summary: letter.summary,
        body: letter.body,
        category: letter.category,
        status: letter.status,
        goal: letter.goal,
        signature_count: tally.total(),
        verified_count: tally.verified,
        paper_count: tally.paper,
        paper,
        requires_approval: letter.requires_approval,
        allow_group_proposals: letter.allow_group_proposals,
        discreet: letter.discreet,
        groups,
        published_at: letter.published_at,
        closed_at: letter.closed_at,
        closes_at: letter.closes_at,
        goal_reached_at: letter.goal_reached_at,
        recipients,
        deliveries,
        campaign,
        language: letter.language,
        languages,
        translations: None,
        signatures_by_language: None,
        all_translations,
    })
}

/// Pagination of the public list, checked.
#[derive(Debug, Clone, Copy, Serialize)]
pub(crate) struct Paging {
    pub page: u64,
    pub per_page: u64,
}

impl Paging {
    pub(crate) const MAX_PER_PAGE: u64 = 500;
    pub(crate) const DEFAULT_PER_PAGE: u64 = 50;
    /// The last page asked for that the database can skip to (its offsets
    /// are signed 64-bit): far past the end of any list.
    pub(crate) const MAX_PAGE: u64 = i64::MAX as u64 / Self::MAX_PER_PAGE;

    pub(crate) fn parse(page: Option<u64>, per_page: Option<u64>) -> Result<Paging> {
        let page = page.unwrap_or(1);
        let per_page = per_page.unwrap_or(Self::DEFAULT_PER_PAGE);
        if page == 0 {
            return Err(crate::error::Error::field("page", "Pages start at 1."));
        }
        if !(1..=Self::MAX_PER_PAGE).contains(&per_page) {
            return Err(crate::error::Error::field(
                "per_page",
                format!("Ask for 1 to {} signatures per page.", Self::MAX_PER_PAGE),
            ));
        }
        if page > Self::MAX_PAGE {
            return Err(crate::error::Error::field(
                "page",
                "That page is past the end of any list.",
            ));
        }
        Ok(Paging { page, per_page })
    }
}

/// The id of the public group a list is filtered by (`None`: the whole list).
pub(crate) fn group_filter(
    groups: &[letter_group::Model],
    slug: Option<&str>,
) -> Result<Option<i64>> {
    match slug.filter(|g| !g.is_empty()) {
        None => Ok(None),
        Some(g) => Ok(Some(
            groups
                .iter()
                .find(|x| x.slug == g)
                .ok_or_else(|| {
                    crate::error::Error::field("group", "This letter has no such group.")
                })?
                .id,
        )),
    }
}

/// Percent of `goal` reached, for a progress bar.
pub(crate) fn progress(count: u64, goal: Option<i64>) -> Option<u64> {
    goal.filter(|g| *g > 0)
        .map(|g| ((count as f64 / g as f64) * 100.0).min(100.0).round() as u64)
}

/// One page of the public list, resolved against the letter's groups.
pub(crate) async fn signature_page(
    db: &sea_orm::DatabaseConnection,
    marks: &std::sync::Arc<crate::db::signatures::ListMarks>,
    letter_id: i64,
    groups: &[letter_group::Model],
    group_id: Option<i64>,
    paging: Paging,
) -> Result<Vec<PublicSignature>> {
    let offset = (paging.page - 1).saturating_mul(paging.per_page);
    let rows = marks
        .page(db, letter_id, group_id, offset, paging.per_page)
        .await?;
    Ok(public_signatures(rows, groups))
}

/// Signatures as the public sees them, resolved against the letter's groups.
pub(crate) fn public_signatures(
    rows: Vec<signature::Model>,
    groups: &[letter_group::Model],
) -> Vec<PublicSignature> {
    rows.into_iter()
        .map(|s| PublicSignature::new(s, groups))
        .collect()
}

/// How long a public list is: the letter's (or the group's) kept count.
pub(crate) async fn list_total(
    db: &impl ConnectionTrait,
    letter_id: i64,
    group_id: Option<i64>,
) -> Result<u64> {
    Ok(match group_id {
        None => crate::db::counts::letter(db, letter_id).await?.confirmed,
        Some(g) => crate::db::counts::groups(db, letter_id)
            .await?
            .get(&g)
            .map_or(0, |t| t.confirmed),
    })
}

/// The columns of the public CSV (the JSON's fields); the organiser's export adds to them.
pub(crate) const PUBLIC_CSV_COLUMNS: [&str; 9] = [
    "name",
    "anonymous",
    "title",
    "affiliation",
    "group",
    "verified_affiliation",
    "verified_domain",
    "signed_at",
    "paper",
];

/// One row of the public CSV, in the order of [`PUBLIC_CSV_COLUMNS`].
pub(crate) fn csv_record(s: &PublicSignature) -> Vec<String> {
    vec![
        csv_safe(s.name.as_deref().unwrap_or("")),
        s.anonymous.to_string(),
        csv_safe(s.title.as_deref().unwrap_or("")),
        csv_safe(s.affiliation.as_deref().unwrap_or("")),
        s.group.clone().unwrap_or_default(),
        s.verified_affiliation.to_string(),
        s.verified_domain.clone().unwrap_or_default(),
        s.signed_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
        s.paper.to_string(),
    ]
}

/// Neutralises a CSV cell that a spreadsheet would run as a formula.
pub(crate) fn csv_safe(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(csv_safe("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_safe("+1"), "'+1");
        assert_eq!(csv_safe("@x"), "'@x");
        assert_eq!(csv_safe("-2"), "'-2");
        assert_eq!(csv_safe("Ada"), "Ada");
    }

    #[test]
    fn paging_is_bounded() {
        assert!(Paging::parse(Some(0), None).is_err());
        assert!(Paging::parse(None, Some(501)).is_err());
        assert!(Paging::parse(None, Some(0)).is_err());
        assert!(Paging::parse(Some(u64::MAX / 2), Some(500)).is_err());
        assert!(Paging::parse(Some(Paging::MAX_PAGE + 1), Some(1)).is_err());
        assert!(Paging::parse(Some(Paging::MAX_PAGE), Some(500)).is_ok());
        let p = Paging::parse(None, None).unwrap();
        assert_eq!((p.page, p.per_page), (1, 50));
    }
}

/// Tera filter `thousands`: 1234567 → "1,234,567" (numbers people read).
pub(crate) fn thousands_filter(
    value: &tera::Value,
    _: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    match value.as_i64() {
        Some(n) => Ok(tera::Value::String(super::history::thousands(n))),
        None => Err(tera::Error::msg(format!(
            "thousands: {value} is not a whole number"
        ))),
    }
}

/// A place to share a letter: a label and the link that shares it there.
#[derive(Debug, Serialize)]
pub(crate) struct ShareLink {
    pub label: String,
    pub href: String,
}

/// Plain links that share `url` by email, on messaging apps and on social
/// sites; no script and no tracking, the sites' own share addresses.
pub(crate) fn share_links(lang: &str, title: &str, url: &str) -> Vec<ShareLink> {
    let enc = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    let text = crate::i18n::t_args(lang, "share-text", &[("title", title.into())]);
    vec![
        ShareLink {
            label: crate::i18n::t(lang, "share-email"),
            href: format!(
                "mailto:?subject={}&body={}",
                enc(title),
                enc(&format!("{text} {url}"))
            ),
        },
        ShareLink {
            label: "WhatsApp".into(),
            href: format!("https://wa.me/?text={}", enc(&format!("{text} {url}"))),
        },
        ShareLink {
            label: "Telegram".into(),
            href: format!(
                "https://t.me/share/url?url={}&text={}",
                enc(url),
                enc(&text)
            ),
        },
        ShareLink {
            label: "Bluesky".into(),
            href: format!(
                "https://bsky.app/intent/compose?text={}",
                enc(&format!("{text} {url}"))
            ),
        },
        ShareLink {
            label: "X".into(),
            href: format!(
                "https://x.com/intent/post?url={}&text={}",
                enc(url),
                enc(&text)
            ),
        },
        ShareLink {
            label: "Facebook".into(),
            href: format!("https://www.facebook.com/sharer/sharer.php?u={}", enc(url)),
        },
        ShareLink {
            label: "LinkedIn".into(),
            href: format!(
                "https://www.linkedin.com/sharing/share-offsite/?url={}",
                enc(url)
            ),
        },
    ]
}

/// One group of a letter as its lead sees it: the numbers, and the first
/// page of its public list (as the public sees it).
#[derive(Debug, Serialize)]
pub(crate) struct GroupPage {
    pub slug: String,
    pub name: String,
    pub signature_count: u64,
    pub verified_count: u64,
    pub paper_count: u64,
    pub goal: Option<i64>,
    pub progress: Option<u64>,
    pub signatures: Vec<PublicSignature>,
}

pub(crate) async fn group_view(
    db: &sea_orm::DatabaseConnection,
    marks: &std::sync::Arc<crate::db::signatures::ListMarks>,
    letter: &letter::Model,
    group: &letter_group::Model,
) -> Result<GroupPage> {
    let tally = crate::db::counts::groups(db, letter.id)
        .await?
        .get(&group.id)
        .copied()
        .unwrap_or_default();
    let groups = std::slice::from_ref(group);
    let paging = Paging {
        page: 1,
        per_page: Paging::DEFAULT_PER_PAGE,
    };
    let signatures = signature_page(db, marks, letter.id, groups, Some(group.id), paging).await?;
    Ok(GroupPage {
        slug: group.slug.clone(),
        name: group.name.clone(),
        signature_count: tally.total(),
        verified_count: tally.verified,
        paper_count: tally.paper,
        goal: group.goal,
        progress: progress(tally.total(), group.goal),
        signatures,
    })
}
