//! Queries about campaigns, their fronts (letters) and their timeline of wins.

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter,
    QueryOrder, Set,
};

use super::entities::campaign::{self, CampaignStatus};
use super::entities::letter::{self, LetterStatus};
use super::entities::{campaign_translation, campaign_win};
use crate::error::{Error, Result};

/// Another campaign already has the slug.
pub const SLUG_TAKEN: &str = "Another campaign already uses this slug.";

const PUBLIC: [CampaignStatus; 2] = [CampaignStatus::Published, CampaignStatus::Closed];

pub async fn find_by_slug(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<Option<campaign::Model>> {
    Ok(campaign::Entity::find()
        .filter(campaign::Column::Slug.eq(slug))
        .one(db)
        .await?)
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<campaign::Model>> {
    Ok(campaign::Entity::find_by_id(id).one(db).await?)
}

/// A campaign the public may read, or `NotFound`.
pub async fn public_by_slug(db: &impl ConnectionTrait, slug: &str) -> Result<campaign::Model> {
    match find_by_slug(db, slug).await? {
        Some(c) if c.status.is_public() => Ok(c),
        _ => Err(Error::NotFound),
    }
}

/// Campaigns the public may read, the most recently published first.
pub async fn public_campaigns(db: &impl ConnectionTrait) -> Result<Vec<campaign::Model>> {
    Ok(campaign::Entity::find()
        .filter(campaign::Column::Status.is_in(PUBLIC))
        .order_by_desc(campaign::Column::PublishedAt)
        .order_by_desc(campaign::Column::Id)
        .all(db)
        .await?)
}

/// Campaigns waiting for a moderator, oldest first.
pub async fn in_review(db: &impl ConnectionTrait) -> Result<Vec<campaign::Model>> {
    Ok(campaign::Entity::find()
        .filter(campaign::Column::Status.eq(CampaignStatus::InReview))
        .order_by_asc(campaign::Column::UpdatedAt)
        .all(db)
        .await?)
}

/// What an organiser writes: a campaign's text and settings.
#[derive(Debug, Clone)]
pub struct CampaignText<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub body: &'a str,
    pub targets: &'a [String],
    pub help_options: &'a [String],
    pub resources: &'a str,
    pub language: &'a str,
}

fn written(text: &CampaignText<'_>) -> campaign::ActiveModel {
    campaign::ActiveModel {
        slug: Set(text.slug.to_owned()),
        title: Set(text.title.to_owned()),
        summary: Set(text.summary.to_owned()),
        body: Set(text.body.to_owned()),
        targets: Set(text.targets.join("\n")),
        help_options: Set(serde_json::Value::from(text.help_options.to_vec()).to_string()),
        resources: Set(text.resources.to_owned()),
        language: Set(text.language.to_owned()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
}

/// Stores a new draft; `Conflict` when the slug is taken.
pub async fn insert_draft(
    db: &impl ConnectionTrait,
    text: &CampaignText<'_>,
    organiser_id: Option<i64>,
) -> Result<campaign::Model> {
    let row = written(text);
    campaign::ActiveModel {
        created_at: row.updated_at.clone(),
        status: Set(CampaignStatus::Draft),
        organiser_id: Set(organiser_id),
        rejection_reason: Set(None),
        published_at: Set(None),
        closed_at: Set(None),
        ..row
    }
    .insert(db)
    .await
    .map_err(|e| super::conflict_on_unique(e, SLUG_TAKEN))
}

/// Rewrites a campaign's text. A published campaign stays published; a
/// rejected one becomes a draft again.
pub async fn update_text(
    db: &impl ConnectionTrait,
    id: i64,
    text: &CampaignText<'_>,
    status: CampaignStatus,
) -> Result<campaign::Model> {
    campaign::ActiveModel {
        id: Set(id),
        status: Set(status),
        ..written(text)
    }
    .update(db)
    .await
    .map_err(|e| super::conflict_on_unique(e, SLUG_TAKEN))
}

/// Moves a campaign from `from` to `to`, only if it is still in `from`;
/// stamps the time or reason the move calls for. Whether it moved.
pub async fn move_status(
    db: &impl ConnectionTrait,
    id: i64,
    from: CampaignStatus,
    to: CampaignStatus,
    reason: Option<&str>,
) -> Result<bool> {
    let now = Utc::now();
    let mut row = campaign::ActiveModel {
        id: Set(id),
        status: Set(to),
        updated_at: Set(now),
        ..Default::default()
    };
    match to {
        CampaignStatus::Published => row.published_at = Set(Some(now)),
        CampaignStatus::Closed => row.closed_at = Set(Some(now)),
        CampaignStatus::Rejected => row.rejection_reason = Set(reason.map(str::to_owned)),
        CampaignStatus::InReview => row.rejection_reason = Set(None),
        CampaignStatus::Draft => {}
    }
    let res = campaign::Entity::update_many()
        .set(row)
        .filter(campaign::Column::Id.eq(id))
        .filter(campaign::Column::Status.eq(from))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// A campaign's letters (all of them, or only those the public may read),
/// the most recently published first.
pub async fn letters(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    public_only: bool,
) -> Result<Vec<letter::Model>> {
    let mut q = letter::Entity::find().filter(letter::Column::CampaignId.eq(campaign_id));
    if public_only {
        q = q.filter(letter::Column::Status.is_in([LetterStatus::Published, LetterStatus::Closed]));
    }
    Ok(q.order_by_desc(letter::Column::PublishedAt)
        .order_by_asc(letter::Column::Id)
        .all(db)
        .await?)
}

/// Makes a letter a front of a campaign, or of none.
pub async fn set_letter_campaign(
    db: &impl ConnectionTrait,
    letter_id: i64,
    campaign_id: Option<i64>,
) -> Result<()> {
    letter::Entity::update_many()
        .col_expr(
            letter::Column::CampaignId,
            sea_orm::sea_query::Expr::value(campaign_id),
        )
        .filter(letter::Column::Id.eq(letter_id))
        .exec(db)
        .await?;
    Ok(())
}

/// A campaign's timeline, the latest first.
pub async fn wins(db: &impl ConnectionTrait, campaign_id: i64) -> Result<Vec<campaign_win::Model>> {
    Ok(campaign_win::Entity::find()
        .filter(campaign_win::Column::CampaignId.eq(campaign_id))
        .order_by_desc(campaign_win::Column::HappenedOn)
        .order_by_desc(campaign_win::Column::Id)
        .all(db)
        .await?)
}

/// A win as its organiser posts it.
#[derive(Debug, Clone)]
pub struct NewWin<'a> {
    pub campaign_id: i64,
    pub happened_on: NaiveDate,
    pub title: &'a str,
    pub body: &'a str,
    pub link: Option<&'a str>,
    pub author_id: Option<i64>,
}

pub async fn insert_win(db: &impl ConnectionTrait, win: NewWin<'_>) -> Result<campaign_win::Model> {
    Ok(campaign_win::ActiveModel {
        campaign_id: Set(win.campaign_id),
        happened_on: Set(win.happened_on),
        title: Set(win.title.to_owned()),
        body: Set(win.body.to_owned()),
        link: Set(win.link.map(str::to_owned)),
        author_id: Set(win.author_id),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// The translations of campaigns `ids` into `language` (or a language of
/// its family).
pub async fn translations_into(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
    language: &str,
) -> Result<Vec<campaign_translation::Model>> {
    let base = language.split('-').next().unwrap_or(language);
    Ok(campaign_translation::Entity::find()
        .filter(campaign_translation::Column::CampaignId.is_in(ids))
        .filter(
            campaign_translation::Column::Language
                .eq(language)
                .or(campaign_translation::Column::Language.eq(base))
                .or(campaign_translation::Column::Language.starts_with(format!("{base}-"))),
        )
        .order_by_asc(campaign_translation::Column::Language)
        .all(db)
        .await?)
}

/// A campaign's translations, by language.
pub async fn translations(
    db: &impl ConnectionTrait,
    campaign_id: i64,
) -> Result<Vec<campaign_translation::Model>> {
    Ok(campaign_translation::Entity::find()
        .filter(campaign_translation::Column::CampaignId.eq(campaign_id))
        .order_by_asc(campaign_translation::Column::Language)
        .all(db)
        .await?)
}

/// Sets the translations of `languages` to `set` (by language): each one
/// named in `set` is written, each other one of `languages` removed.
pub async fn replace_translations(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    languages: &[&str],
    set: &[super::letters::TranslationText<'_>],
) -> Result<()> {
    if !languages.is_empty() {
        campaign_translation::Entity::delete_many()
            .filter(campaign_translation::Column::CampaignId.eq(campaign_id))
            .filter(campaign_translation::Column::Language.is_in(languages.iter().copied()))
            .exec(db)
            .await?;
    }
    let now = Utc::now();
    for t in set {
        campaign_translation::ActiveModel {
            campaign_id: Set(campaign_id),
            language: Set(t.language.to_owned()),
            title: Set(t.title.to_owned()),
            summary: Set(t.summary.to_owned()),
            body: Set(t.body.to_owned()),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
