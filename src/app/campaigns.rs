//! What organisers do with campaigns (draft, edit, submit, post wins, add
//! letters as fronts) and what moderators do with them (publish, reject).
//! Every change is audited.

use chrono::NaiveDate;
use sea_orm::ConnectionTrait;
use serde::Deserialize;

use super::audit::{self, Subject};
use super::fields::{
    language_and_translations, own_text, reason, text_field, TranslationDraft, TranslationInput,
};
use crate::auth::guards::Authenticated;
use crate::db::campaigns::{self, CampaignText, NewWin, SLUG_TAKEN};
use crate::db::entities::campaign::{self, CampaignStatus};
use crate::db::entities::team_member::TeamRole;
use crate::db::entities::{campaign_win, letter};
use crate::db::teams;
use crate::domain::Slug;
use crate::error::{Error, FieldErrors, Result};
use crate::i18n::Msg;
use crate::state::AppState;

/// A campaign as its organiser writes it; on PATCH, any subset.
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CampaignInput {
    pub slug: Option<String>,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub body: Option<String>,
    /// Whom the campaign addresses.
    pub targets: Option<Vec<String>>,
    /// What a volunteer may offer to do.
    pub help_options: Option<Vec<String>>,
    /// Markdown sent to confirmed volunteers.
    pub resources: Option<String>,
    /// The language its own text is written in (`en` unless given).
    pub language: Option<String>,
    /// Its title, summary and story in other languages; `null` removes one.
    #[schema(value_type = Option<BTreeMap<String, crate::app::fields::TranslationInput>>)]
    pub translations: Option<std::collections::BTreeMap<String, Option<TranslationInput>>>,
}

/// A campaign whose every field is valid.
#[derive(Debug, Clone)]
pub(crate) struct CampaignDraft {
    pub slug: Slug,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub targets: Vec<String>,
    pub help_options: Vec<String>,
    pub resources: String,
    pub language: String,
    /// The translations it changes (`None` removes one).
    pub translations: Vec<(String, Option<TranslationDraft>)>,
}

impl CampaignDraft {
    /// Writes and removes the translations this draft changes.
    async fn store_translations(
        &self,
        db: &impl sea_orm::ConnectionTrait,
        campaign_id: i64,
    ) -> Result<()> {
        let languages: Vec<&str> = self.translations.iter().map(|(l, _)| l.as_str()).collect();
        let set: Vec<crate::db::letters::TranslationText<'_>> = self
            .translations
            .iter()
            .filter_map(|(language, t)| {
                t.as_ref().map(|t| crate::db::letters::TranslationText {
                    language,
                    title: &t.title,
                    summary: &t.summary,
                    body: &t.body,
                })
            })
            .collect();
        campaigns::replace_translations(db, campaign_id, &languages, &set).await
    }

    fn text(&self) -> CampaignText<'_> {
        CampaignText {
            slug: self.slug.as_str(),
            title: &self.title,
            summary: &self.summary,
            body: &self.body,
            targets: &self.targets,
            help_options: &self.help_options,
            resources: &self.resources,
            language: &self.language,
        }
    }
}

/// A list of short lines (targets, help options): each within `max`
/// characters, none blank, none twice, at most `most` of them.
fn short_list(
    errors: &mut FieldErrors,
    field: &str,
    list: Vec<String>,
    most: usize,
    max: usize,
) -> Vec<String> {
    if list.len() > most {
        errors.insert(field.into(), Msg::id("error-list-most").with("max", most));
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let name = format!("{field}[{i}]");
        let v = text_field(errors, &name, item, max, true, false);
        if out.iter().any(|o| o.eq_ignore_ascii_case(&v)) {
            errors.insert(name, Msg::id("error-listed-twice"));
        }
        out.push(v);
    }
    out
}

impl CampaignInput {
    /// Merges this input over a stored campaign (PATCH) or nothing (create), and validates the result.
    pub(crate) fn into_draft(self, old: Option<&campaign::Model>) -> Result<CampaignDraft> {
        let mut errors = FieldErrors::new();
        let pick =
            |new: Option<String>, old: Option<&String>| new.or(old.cloned()).unwrap_or_default();
        let slug = Slug::parse(&pick(self.slug, old.map(|c| &c.slug)))
            .map_err(|e| errors.insert("slug".into(), e))
            .ok();
        let (title, summary, body) = own_text(
            &mut errors,
            "",
            &pick(self.title, old.map(|c| &c.title)),
            &pick(self.summary, old.map(|c| &c.summary)),
            &pick(self.body, old.map(|c| &c.body)),
        );
        let (language, translations) = language_and_translations(
            &mut errors,
            self.language.as_deref(),
            old.map(|c| c.language.as_str()),
            self.translations,
        );
        let resources = pick(self.resources, old.map(|c| &c.resources));
        let resources = text_field(&mut errors, "resources", &resources, 20_000, false, true);
        let targets = self
            .targets
            .unwrap_or_else(|| old.map(campaign::Model::targets).unwrap_or_default());
        let targets = short_list(&mut errors, "targets", targets, 20, 200);
        let help_options = self
            .help_options
            .unwrap_or_else(|| old.map(campaign::Model::help_options).unwrap_or_default());
        let help_options = short_list(&mut errors, "help_options", help_options, 12, 100);
        match slug {
            Some(slug) if errors.is_empty() => Ok(CampaignDraft {
                slug,
                title,
                summary,
                body,
                targets,
                help_options,
                resources,
                language,
                translations,
            }),
            _ => Err(Error::Invalid(errors)),
        }
    }
}

fn subject(c: &campaign::Model) -> Subject {
    Subject {
        letter_id: None,
        signature_id: None,
        detail: format!("campaign:{}", c.slug),
    }
}

/// The campaign `slug` if `who` has at least the role `need` on its team,
/// or is a moderator where `moderators_may`; refused as `access::decide`
/// says otherwise.
pub(crate) async fn campaign_for(
    app: &AppState,
    who: &Authenticated,
    slug: &str,
    need: TeamRole,
    moderators_may: bool,
) -> Result<campaign::Model> {
    Ok(campaign_and_role(app, who, slug, need, moderators_may)
        .await?
        .0)
}

/// [`campaign_for`], with the caller's role on the campaign.
pub(crate) async fn campaign_and_role(
    app: &AppState,
    who: &Authenticated,
    slug: &str,
    need: TeamRole,
    moderators_may: bool,
) -> Result<(campaign::Model, Option<TeamRole>)> {
    let c = campaigns::find_by_slug(&app.db, slug)
        .await?
        .ok_or(Error::NotFound)?;
    let role = teams::role_on_campaign(&app.db, who.user.id, c.id).await?;
    super::access::decide(role, need, who, moderators_may, c.status.is_public())?;
    Ok((c, role))
}

/// Starts a draft campaign owned by `who`.
pub(crate) async fn create(
    app: &AppState,
    who: &Authenticated,
    input: CampaignInput,
) -> Result<campaign::Model> {
    let draft = input.into_draft(None)?;
    let txn = crate::db::begin(&app.db).await?;
    if campaigns::find_by_slug(&txn, draft.slug.as_str())
        .await?
        .is_some()
    {
        return Err(Error::Conflict(SLUG_TAKEN.into()));
    }
    let c = campaigns::insert_draft(&txn, &draft.text(), Some(who.user.id)).await?;
    draft.store_translations(&txn, c.id).await?;
    teams::add_member(
        &txn,
        teams::Team::Campaign(c.id),
        who.user.id,
        &who.user.email,
        TeamRole::Owner,
    )
    .await?;
    audit::record(&txn, &who.user, "campaign.create", subject(&c), None).await?;
    txn.commit().await?;
    Ok(c)
}

/// Edits a draft or rejected campaign (a rejected one becomes a draft
/// again). A published campaign's story was reviewed: only what volunteers
/// are offered and sent (`help_options`, `resources`) still changes.
pub(crate) async fn update(
    app: &AppState,
    who: &Authenticated,
    slug: &str,
    input: CampaignInput,
) -> Result<campaign::Model> {
    let c = campaign_for(app, who, slug, TeamRole::Editor, false).await?;
    let status = if c.status.is_editable() {
        CampaignStatus::Draft
    } else {
        let only_volunteer_fields = input.slug.is_none()
            && input.title.is_none()
            && input.summary.is_none()
            && input.body.is_none()
            && input.targets.is_none()
            && input.language.is_none()
            && input.translations.is_none();
        if !(c.status == CampaignStatus::Published && only_volunteer_fields) {
            return Err(Error::Conflict(format!(
                "The campaign is {}; only a draft or rejected campaign's text can change (a published one's help_options and resources can).",
                c.status.label()
            )));
        }
        c.status
    };
    let draft = input.into_draft(Some(&c))?;
    let txn = crate::db::begin(&app.db).await?;
    if campaigns::find_by_slug(&txn, draft.slug.as_str())
        .await?
        .is_some_and(|other| other.id != c.id)
    {
        return Err(Error::Conflict(SLUG_TAKEN.into()));
    }
    let updated = campaigns::update_text(&txn, c.id, &draft.text(), status).await?;
    draft.store_translations(&txn, c.id).await?;
    audit::record(&txn, &who.user, "campaign.update", subject(&updated), None).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Moves a campaign between statuses, checking where it is now, with an audit entry.
async fn transition(
    app: &AppState,
    who: &Authenticated,
    c: campaign::Model,
    from: &[CampaignStatus],
    (to, action): (CampaignStatus, &str),
    reason: Option<&str>,
) -> Result<campaign::Model> {
    if !from.contains(&c.status) {
        return Err(Error::Conflict(format!(
            "The campaign is {}; that cannot be done now.",
            c.status.label()
        )));
    }
    let txn = crate::db::begin(&app.db).await?;
    if !campaigns::move_status(&txn, c.id, c.status, to, reason).await? {
        return Err(Error::Conflict(
            "The campaign changed meanwhile; reload and try again.".into(),
        ));
    }
    audit::record(&txn, &who.user, action, subject(&c), reason).await?;
    txn.commit().await?;
    campaigns::find(&app.db, c.id).await?.ok_or(Error::NotFound)
}

/// Sends a draft (or a rejected campaign) to the moderators.
pub(crate) async fn submit(
    app: &AppState,
    who: &Authenticated,
    slug: &str,
) -> Result<campaign::Model> {
    let c = campaign_for(app, who, slug, TeamRole::Editor, false).await?;
    let from = [CampaignStatus::Draft, CampaignStatus::Rejected];
    let to = (CampaignStatus::InReview, "campaign.submit");
    transition(app, who, c, &from, to, None).await
}

/// Closes a published campaign: its page stays, as a record.
pub(crate) async fn close(
    app: &AppState,
    who: &Authenticated,
    slug: &str,
) -> Result<campaign::Model> {
    let c = campaign_for(app, who, slug, TeamRole::Owner, true).await?;
    let to = (CampaignStatus::Closed, "campaign.close");
    transition(app, who, c, &[CampaignStatus::Published], to, None).await
}

/// A moderator publishes a campaign in review.
pub(crate) async fn publish(
    app: &AppState,
    who: &Authenticated,
    slug: &str,
) -> Result<campaign::Model> {
    let c = campaigns::find_by_slug(&app.db, slug)
        .await?
        .ok_or(Error::NotFound)?;
    let to = (CampaignStatus::Published, "campaign.publish");
    transition(app, who, c, &[CampaignStatus::InReview], to, None).await
}

/// A moderator sends a campaign in review back, with a reason its organiser sees.
pub(crate) async fn reject(
    app: &AppState,
    who: &Authenticated,
    slug: &str,
    why: Option<&str>,
) -> Result<campaign::Model> {
    let why = reason(why)?;
    let c = campaigns::find_by_slug(&app.db, slug)
        .await?
        .ok_or(Error::NotFound)?;
    let to = (CampaignStatus::Rejected, "campaign.reject");
    transition(app, who, c, &[CampaignStatus::InReview], to, Some(&why)).await
}

/// Campaigns waiting for a moderator, oldest first.
pub(crate) async fn in_review(app: &AppState) -> Result<Vec<campaign::Model>> {
    campaigns::in_review(&app.db).await
}

/// The campaigns `who` is on the team of, newest first.
pub(crate) async fn campaigns_of(
    app: &AppState,
    who: &Authenticated,
) -> Result<Vec<campaign::Model>> {
    teams::campaigns_of(&app.db, who.user.id).await
}

/// A win as its organiser posts it.
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct WinInput {
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub title: Option<String>,
    pub body: Option<String>,
    pub link: Option<String>,
}

/// Adds a win to a campaign's timeline (a draft's too: it shows once published).
pub(crate) async fn add_win(
    app: &AppState,
    who: &Authenticated,
    slug: &str,
    input: WinInput,
) -> Result<campaign_win::Model> {
    let c = campaign_for(app, who, slug, TeamRole::Editor, false).await?;
    if c.status == CampaignStatus::Closed {
        return Err(Error::Conflict("The campaign is closed.".into()));
    }
    let mut errors = FieldErrors::new();
    let date = input.date.as_deref().map(str::trim).unwrap_or("");
    let happened_on = match NaiveDate::parse_from_str(date, "%Y-%m-%d") {
        Ok(d) if d <= chrono::Utc::now().date_naive() => Some(d),
        Ok(_) => {
            errors.insert("date".into(), Msg::id("error-win-future"));
            None
        }
        Err(_) => {
            errors.insert("date".into(), Msg::id("error-day-format"));
            None
        }
    };
    let title = text_field(
        &mut errors,
        "title",
        input.title.as_deref().unwrap_or(""),
        200,
        true,
        false,
    );
    let body = text_field(
        &mut errors,
        "body",
        input.body.as_deref().unwrap_or(""),
        1000,
        false,
        true,
    );
    let link = match input
        .link
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        None => None,
        Some(l) => match url::Url::parse(l) {
            Ok(u) if matches!(u.scheme(), "https" | "http") && l.len() <= 2000 => {
                Some(u.to_string())
            }
            _ => {
                errors.insert("link".into(), Msg::id("error-https-link"));
                None
            }
        },
    };
    let Some(happened_on) = happened_on.filter(|_| errors.is_empty()) else {
        return Err(Error::Invalid(errors));
    };
    let txn = crate::db::begin(&app.db).await?;
    let win = campaigns::insert_win(
        &txn,
        NewWin {
            campaign_id: c.id,
            happened_on,
            title: &title,
            body: &body,
            link: link.as_deref(),
            author_id: Some(who.user.id),
        },
    )
    .await?;
    audit::record(&txn, &who.user, "campaign.win", subject(&c), Some(&title)).await?;
    txn.commit().await?;
    Ok(win)
}

/// Makes `letter` (which `who` organises) a front of the campaign `slug`, or
/// of none: `who` must be able to edit that campaign too. The letter's
/// campaign id as it now is.
pub(crate) async fn set_letter_campaign(
    app: &AppState,
    db: &impl ConnectionTrait,
    who: &Authenticated,
    letter: &letter::Model,
    slug: Option<&str>,
) -> Result<Option<i64>> {
    let campaign = match slug.map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(
            campaign_for(app, who, s, TeamRole::Editor, false)
                .await
                .map_err(|e| match e {
                    Error::NotFound | Error::Forbidden => {
                        Error::field("campaign", Msg::id("error-no-campaign"))
                    }
                    e => e,
                })?,
        ),
    };
    let campaign_id = campaign.as_ref().map(|c| c.id);
    if campaign_id == letter.campaign_id {
        return Ok(campaign_id);
    }
    campaigns::set_letter_campaign(db, letter.id, campaign_id).await?;
    let detail = campaign.as_ref().map(|c| format!("campaign:{}", c.slug));
    audit::record(
        db,
        &who.user,
        "letter.campaign",
        Subject {
            letter_id: Some(letter.id),
            signature_id: None,
            detail: letter.slug.clone(),
        },
        Some(detail.as_deref().unwrap_or("no campaign")),
    )
    .await?;
    Ok(campaign_id)
}
