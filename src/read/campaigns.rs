//! Campaigns as the public reads them (the home page, the campaign page, the
//! API): the story, the fronts with their counts, the combined count, every
//! group of every front, the timeline of wins. Only published and closed
//! letters count towards a campaign, and only they are shown.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ConnectionTrait;
use serde::Serialize;

use super::views::{self, LetterSummary};
use crate::db::entities::campaign::{self, CampaignStatus};
use crate::db::entities::{campaign_translation, campaign_win, letter};
use crate::db::{campaigns, counts, letters};
use crate::error::Result;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct CampaignSummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub status: CampaignStatus,
    /// Across its public letters.
    pub signature_count: u64,
    pub verified_count: u64,
    /// Of `signature_count`, those collected on paper.
    pub paper_count: u64,
    /// How many public letters it has.
    pub letters: usize,
    /// Whom its letters speak for.
    pub audiences: Vec<crate::db::entities::letter::Category>,
    pub published_at: Option<DateTime<Utc>>,
}

/// A win on a campaign's timeline.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct WinView {
    pub date: NaiveDate,
    pub title: String,
    pub body: String,
    pub link: Option<String>,
    /// For pages: "30 November 2026".
    pub on: String,
}

impl From<campaign_win::Model> for WinView {
    fn from(w: campaign_win::Model) -> Self {
        WinView {
            on: w.happened_on.format("%-d %B %Y").to_string(),
            date: w.happened_on,
            title: w.title,
            body: w.body,
            link: w.link,
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct CampaignDetail {
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// Markdown source, as its organisers wrote it.
    pub body: String,
    pub targets: Vec<String>,
    pub status: CampaignStatus,
    pub signature_count: u64,
    pub verified_count: u64,
    /// Of `signature_count`, those collected on paper.
    pub paper_count: u64,
    /// Its public letters, the most recently published first.
    pub letters: Vec<LetterSummary>,
    pub timeline: Vec<WinView>,
    pub help_options: Vec<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    /// The language of the title, summary and story served, and every
    /// language the campaign is written in (its own first).
    pub language: String,
    pub languages: Vec<String>,
    /// For its team and moderators: every translation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translations: Option<std::collections::BTreeMap<String, views::TranslationView>>,
    /// Every translation, to serve a reader's language from.
    #[serde(skip)]
    all_translations: Vec<campaign_translation::Model>,
}

impl CampaignDetail {
    /// Serves the text in `lang` where the campaign has it (or a language
    /// of its family); one campaign, one count, whatever the language.
    pub(crate) fn in_language(mut self, lang: &str) -> CampaignDetail {
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

    /// With every translation shown (its team's and moderators' view).
    pub(crate) fn with_translations(mut self) -> CampaignDetail {
        self.translations = Some(
            self.all_translations
                .iter()
                .map(|t| {
                    (
                        t.language.clone(),
                        views::TranslationView {
                            title: t.title.clone(),
                            summary: t.summary.clone(),
                            body: t.body.clone(),
                        },
                    )
                })
                .collect(),
        );
        self
    }
}

/// What the home page shows: the public campaigns with their combined
/// counts, then the public letters that belong to none.
#[derive(Debug, Serialize)]
pub(crate) struct Home {
    pub campaigns: Vec<CampaignSummary>,
    pub letters: Vec<LetterSummary>,
}

/// The fronts' counts added up: all signatures, verified ones, on paper.
fn combined(fronts: &[&LetterSummary]) -> (u64, u64, u64) {
    fronts.iter().fold((0, 0, 0), |(n, v, p), l| {
        (
            n + l.signature_count,
            v + l.verified_count,
            p + l.paper_count,
        )
    })
}

fn campaign_summary(c: campaign::Model, fronts: &[&LetterSummary]) -> CampaignSummary {
    let (signature_count, verified_count, paper_count) = combined(fronts);
    CampaignSummary {
        slug: c.slug,
        title: c.title,
        summary: c.summary,
        status: c.status,
        signature_count,
        verified_count,
        paper_count,
        letters: fronts.len(),
        audiences: crate::db::entities::letter::Category::ALL
            .into_iter()
            .filter(|c| fronts.iter().any(|l| l.category == *c))
            .collect(),
        published_at: c.published_at,
    }
}

/// The public campaigns and the letters outside them, with their counts;
/// their titles and summaries in `lang` where they have them.
pub(crate) async fn home(db: &impl ConnectionTrait, lang: &str) -> Result<Home> {
    let mut public = letters::public_letters(db).await?;
    let translated = letters::translations_into(db, public.iter().map(|l| l.id), lang).await?;
    for l in public.iter_mut().filter(|l| l.language != lang) {
        let mine = translated.iter().filter(|t| t.letter_id == l.id);
        if let Some(t) = crate::i18n::closest(mine, lang, |t| &t.language) {
            l.title = t.title.clone();
            l.summary = t.summary.clone();
        }
    }
    let campaign_of: Vec<Option<i64>> = public.iter().map(|l| l.campaign_id).collect();
    let all = views::summaries(db, public).await?;
    let mut list = campaigns::public_campaigns(db).await?;
    let translated = campaigns::translations_into(db, list.iter().map(|c| c.id), lang).await?;
    for c in list.iter_mut().filter(|c| c.language != lang) {
        let mine = translated.iter().filter(|t| t.campaign_id == c.id);
        if let Some(t) = crate::i18n::closest(mine, lang, |t| &t.language) {
            c.title = t.title.clone();
            c.summary = t.summary.clone();
        }
    }
    let public_ids: Vec<i64> = list.iter().map(|c| c.id).collect();
    let campaigns = list
        .into_iter()
        .map(|c| {
            let fronts: Vec<&LetterSummary> = all
                .iter()
                .zip(&campaign_of)
                .filter(|(_, of)| **of == Some(c.id))
                .map(|(l, _)| l)
                .collect();
            campaign_summary(c, &fronts)
        })
        .collect();
    let letters = all
        .into_iter()
        .zip(campaign_of)
        .filter(|(_, of)| of.is_none_or(|id| !public_ids.contains(&id)))
        .map(|(l, _)| l)
        .collect();
    Ok(Home { campaigns, letters })
}

/// A public campaign in full.
pub(crate) async fn detail(
    db: &impl ConnectionTrait,
    c: campaign::Model,
    fronts: Vec<letter::Model>,
) -> Result<CampaignDetail> {
    let letters = views::summaries(db, fronts).await?;
    let (signature_count, verified_count, paper_count) =
        combined(&letters.iter().collect::<Vec<_>>());
    let timeline = campaigns::wins(db, c.id)
        .await?
        .into_iter()
        .map(WinView::from)
        .collect();
    let all_translations = campaigns::translations(db, c.id).await?;
    let languages = std::iter::once(c.language.clone())
        .chain(all_translations.iter().map(|t| t.language.clone()))
        .collect();
    Ok(CampaignDetail {
        language: c.language.clone(),
        languages,
        translations: None,
        all_translations,
        targets: c.targets(),
        help_options: c.help_options(),
        slug: c.slug,
        title: c.title,
        summary: c.summary,
        body: c.body,
        status: c.status,
        signature_count,
        verified_count,
        paper_count,
        letters,
        timeline,
        published_at: c.published_at,
        closed_at: c.closed_at,
    })
}

/// A group of one of a campaign's letters, as "Find your campus" lists it.
#[derive(Debug, Serialize)]
pub(crate) struct FrontGroup {
    pub letter: views::LetterRef,
    pub slug: String,
    pub name: String,
    pub signature_count: u64,
    pub verified_count: u64,
}

/// Every group of every front matching a search (name, slug or domain;
/// case-insensitive), the largest first; all of them when `q` is blank.
pub(crate) async fn find_groups(
    db: &impl ConnectionTrait,
    fronts: &[letter::Model],
    q: &str,
) -> Result<Vec<FrontGroup>> {
    let q = q.trim().to_lowercase();
    let mut found = Vec::new();
    for l in fronts {
        let tallies = counts::groups(db, l.id).await?;
        for g in letters::groups(db, l.id).await? {
            let matches = q.is_empty()
                || g.name.to_lowercase().contains(&q)
                || g.slug.contains(&q)
                || g.domains().iter().any(|d| d.contains(&q));
            if matches {
                let t = tallies.get(&g.id).copied().unwrap_or_default();
                found.push(FrontGroup {
                    letter: l.into(),
                    slug: g.slug,
                    name: g.name,
                    signature_count: t.total(),
                    verified_count: t.verified,
                });
            }
        }
    }
    found.sort_by(|a, b| {
        b.signature_count
            .cmp(&a.signature_count)
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(found)
}
