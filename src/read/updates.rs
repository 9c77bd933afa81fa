//! Updates as readers see them (the letter's page, its feed, the API) and as
//! their organiser and the moderators see them (with status and mail sent).

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde::Serialize;

use crate::db::entities::letter_update::{self, UpdateKind, UpdateStatus};
use crate::db::entities::update_translation;
use crate::db::outbox::UpdateMail;
use crate::db::updates;
use crate::domain::markdown;
use crate::error::Result;

/// Published updates shown at most (page, feed, API).
pub(crate) const SHOWN: u64 = 50;

/// A published update.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub(crate) struct PublicUpdate {
    pub id: i64,
    pub kind: UpdateKind,
    pub title: String,
    /// Rendered from Markdown and sanitised.
    pub body_html: String,
    /// Who responded, for a response.
    pub from: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    /// For pages: "12 November 2026", and as `<time datetime>`: "2026-11-12".
    pub published_on: String,
    pub published_date: String,
    /// The language of its title and text, where it is a translation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// The translation of update `id` a reader of `lang` reads: in that
/// language, or in another of its family (`es-MX` for `es`) if that is all
/// there is.
pub(crate) fn translation_for<'a>(
    translations: &'a [update_translation::Model],
    id: i64,
    lang: &str,
) -> Option<&'a update_translation::Model> {
    let mine = translations.iter().filter(move |t| t.update_id == id);
    crate::i18n::closest(mine, lang, |t| &t.language)
}

impl PublicUpdate {
    /// Its title and text in `lang` where it has them.
    pub(crate) fn in_language(
        mut self,
        translations: &[update_translation::Model],
        lang: &str,
    ) -> PublicUpdate {
        if let Some(t) = translation_for(translations, self.id, lang) {
            self.title = t.title.clone();
            self.body_html = markdown::render(&t.body);
            self.language = Some(t.language.clone());
        }
        self
    }
}

impl From<&letter_update::Model> for PublicUpdate {
    fn from(u: &letter_update::Model) -> Self {
        let at = u.published_at.unwrap_or(u.created_at);
        PublicUpdate {
            id: u.id,
            kind: u.kind,
            title: u.title.clone(),
            body_html: markdown::render(&u.body),
            from: u.from_name.clone(),
            published_at: u.published_at,
            published_on: at.format("%-d %B %Y").to_string(),
            published_date: at.format("%Y-%m-%d").to_string(),
            language: None,
        }
    }
}

/// A campaign's update: one of its letters' published updates, and which letter.
#[derive(Debug, Serialize)]
pub(crate) struct CampaignUpdate {
    pub letter: crate::read::views::LetterRef,
    #[serde(flatten)]
    pub update: PublicUpdate,
}

/// The published updates of a campaign's letters, merged, newest first.
pub(crate) async fn of_letters(
    db: &impl ConnectionTrait,
    letters: &[crate::db::entities::letter::Model],
    lang: &str,
) -> Result<Vec<CampaignUpdate>> {
    let ids: Vec<i64> = letters.iter().map(|l| l.id).collect();
    let list = updates::published(db, &ids, SHOWN).await?;
    let translations = updates::translations(db, list.iter().map(|u| u.id)).await?;
    Ok(list
        .iter()
        .filter_map(|u| {
            let letter = letters.iter().find(|l| l.id == u.letter_id)?;
            Some(CampaignUpdate {
                letter: letter.into(),
                update: PublicUpdate::from(u).in_language(&translations, lang),
            })
        })
        .collect())
}

/// A letter's published updates, newest first, in `lang` where they have it.
pub(crate) async fn published(
    db: &impl ConnectionTrait,
    letter_id: i64,
    lang: &str,
) -> Result<Vec<PublicUpdate>> {
    let list = updates::published(db, &[letter_id], SHOWN).await?;
    let translations = updates::translations(db, list.iter().map(|u| u.id)).await?;
    Ok(list
        .iter()
        .map(|u| PublicUpdate::from(u).in_language(&translations, lang))
        .collect())
}

/// An update as its organiser and the moderators see it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct UpdateStatusView {
    #[serde(flatten)]
    pub update: PublicUpdate,
    /// The Markdown as written.
    pub body: String,
    pub status: UpdateStatus,
    pub rejection_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    /// How many signatures it was to be mailed to when published.
    pub recipients: Option<i64>,
    /// Messages queued and not sent yet, sent, and given up on.
    pub pending: u64,
    pub sent: u64,
    pub failed: u64,
}

impl UpdateStatusView {
    pub(crate) fn new(u: &letter_update::Model, mail: UpdateMail) -> Self {
        UpdateStatusView {
            update: PublicUpdate::from(u),
            body: u.body.clone(),
            status: u.status,
            rejection_reason: u.rejection_reason.clone(),
            created_at: u.created_at,
            recipients: u.recipients,
            pending: mail.pending,
            sent: mail.sent,
            failed: mail.failed,
        }
    }
}
