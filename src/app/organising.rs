//! What organisers do with their letters: draft, edit, submit for review,
//! close, export. An organiser touches only their own letters.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde::{Deserialize, Deserializer};

use super::audit::{self, Subject};
use super::campaigns;
use super::fields::{
    language_and_translations, own_text, text_field, TranslationDraft, TranslationInput,
};
use crate::auth::guards::Authenticated;
use crate::db::deliveries::{self, RecipientText};
use crate::db::entities::letter::{self, Category, LetterStatus};
use crate::db::entities::letter_group;
use crate::db::entities::team_member::TeamRole;
use crate::db::letters::{self, GroupText, LetterText, SLUG_TAKEN};
use crate::db::signatures;
use crate::domain::email::{parse_domains, Email};
use crate::domain::Slug;
use crate::error::{Error, FieldErrors, Result};
use crate::i18n::Msg;
use crate::read::views::{self, csv_safe};
use crate::state::AppState;

/// `null` and absent are different in a PATCH: `"goal": null` removes the goal.
fn present<'de, D, T>(d: D) -> std::result::Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// A letter as submitted by its organiser; on PATCH, any subset.
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
pub(crate) struct LetterInput {
    pub slug: Option<String>,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub body: Option<String>,
    pub category: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub goal: Option<Option<i64>>,
    pub requires_approval: Option<bool>,
    pub allow_group_proposals: Option<bool>,
    /// Signers' addresses are not kept and their mail names nothing.
    pub discreet: Option<bool>,
    /// The language the letter's own text is written in (`en` unless given).
    pub language: Option<String>,
    /// Its text in other languages, by language; `null` removes one.
    #[schema(value_type = Option<BTreeMap<String, crate::app::fields::TranslationInput>>)]
    pub translations: Option<BTreeMap<String, Option<TranslationInput>>>,
    pub groups: Option<Vec<GroupInput>>,
    /// RFC 3339; `null` removes the deadline.
    #[serde(default, deserialize_with = "present")]
    pub closes_at: Option<Option<String>>,
    /// Whom the letter is addressed to; replaces the list whole.
    pub recipients: Option<Vec<RecipientInput>>,
    /// The slug of the campaign it is a front of; `null` takes it out.
    #[serde(default, deserialize_with = "present")]
    pub campaign: Option<Option<String>>,
}

/// A recipient as the organiser names them.
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
pub(crate) struct RecipientInput {
    pub name: Option<String>,
    pub organisation: Option<String>,
    pub email: Option<String>,
}

/// A recipient whose every field is valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RecipientDraft {
    pub name: String,
    pub organisation: Option<String>,
    /// As typed (an address to write to, not to deduplicate).
    pub email: String,
}

impl RecipientDraft {
    fn text(&self) -> RecipientText<'_> {
        RecipientText {
            name: &self.name,
            organisation: self.organisation.as_deref(),
            email: &self.email,
        }
    }
}

/// How many recipients a letter may name.
const MAX_RECIPIENTS: usize = 50;

/// Checks a list of recipients, naming each bad field `recipients[i].field`.
fn recipient_drafts(errors: &mut FieldErrors, list: Vec<RecipientInput>) -> Vec<RecipientDraft> {
    if list.len() > MAX_RECIPIENTS {
        errors.insert(
            "recipients".into(),
            Msg::id("error-recipients-most").with("max", MAX_RECIPIENTS),
        );
    }
    let mut drafts: Vec<RecipientDraft> = Vec::with_capacity(list.len());
    for (i, r) in list.into_iter().enumerate() {
        let field = |f: &str| format!("recipients[{i}].{f}");
        let name = text_field(
            errors,
            &field("name"),
            r.name.as_deref().unwrap_or(""),
            200,
            true,
            false,
        );
        let organisation = text_field(
            errors,
            &field("organisation"),
            r.organisation.as_deref().unwrap_or(""),
            200,
            false,
            false,
        );
        let email = match r.email.as_deref().map(str::trim).unwrap_or("") {
            "" => Err("Give the recipient's email address.".into()),
            typed => Email::parse(typed).map(|e| e.as_str().to_owned()),
        };
        let email = match email {
            Ok(e) => e,
            Err(e) => {
                errors.insert(field("email"), e);
                continue;
            }
        };
        if drafts.iter().any(|d| d.email.eq_ignore_ascii_case(&email)) {
            errors.insert(field("email"), Msg::id("error-recipient-twice"));
        }
        drafts.push(RecipientDraft {
            name,
            organisation: (!organisation.is_empty()).then_some(organisation),
            email,
        });
    }
    drafts
}

#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
pub(crate) struct GroupInput {
    pub slug: Option<String>,
    pub name: Option<String>,
    #[serde(default)]
    pub email_domains: Vec<String>,
    #[serde(default)]
    pub require_verified: bool,
    pub goal: Option<i64>,
    /// Its signers are discreet, as on a discreet letter.
    #[serde(default)]
    pub discreet: bool,
}

/// A letter whose every field is valid.
#[derive(Debug, Clone)]
pub(crate) struct LetterDraft {
    pub slug: Slug,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub category: Category,
    pub goal: Option<i64>,
    pub requires_approval: bool,
    pub allow_group_proposals: bool,
    pub discreet: bool,
    pub language: String,
    /// Translations to write (`Some`) or remove (`None`), by language.
    pub translations: Vec<(String, Option<TranslationDraft>)>,
    pub groups: Vec<GroupDraft>,
    pub closes_at: Option<DateTime<Utc>>,
    /// `None` leaves the recipients as they are.
    pub recipients: Option<Vec<RecipientDraft>>,
}

#[derive(Debug, Clone)]
pub(crate) struct GroupDraft {
    pub slug: Slug,
    pub name: String,
    pub email_domains: Vec<String>,
    pub require_verified: bool,
    pub goal: Option<i64>,
    pub discreet: bool,
}

const MAX_GOAL: i64 = 100_000_000;

fn goal_ok(errors: &mut FieldErrors, field: &str, goal: Option<i64>) -> Option<i64> {
    if goal.is_some_and(|g| !(1..=MAX_GOAL).contains(&g)) {
        errors.insert(
            field.into(),
            Msg::id("error-goal-range").with("max", MAX_GOAL),
        );
    }
    goal
}

/// A deadline as typed: an RFC 3339 moment in the future.
fn deadline(text: &str) -> std::result::Result<DateTime<Utc>, String> {
    let example = "like 2026-12-31T23:59:00Z";
    let at = DateTime::parse_from_rfc3339(text.trim())
        .map_err(|_| format!("Give the deadline as a date and time, {example}."))?
        .with_timezone(&Utc);
    if at <= Utc::now() {
        return Err(format!(
            "The deadline has passed; give one in the future, {example}."
        ));
    }
    Ok(at)
}

impl LetterInput {
    /// Whether this input sets nothing but the deadline, the recipients and
    /// the campaign (what a published letter accepts).
    fn only_published_fields(&self) -> bool {
        (self.closes_at.is_some() || self.recipients.is_some() || self.campaign.is_some())
            && self.slug.is_none()
            && self.title.is_none()
            && self.summary.is_none()
            && self.body.is_none()
            && self.category.is_none()
            && self.goal.is_none()
            && self.requires_approval.is_none()
            && self.allow_group_proposals.is_none()
            && self.discreet.is_none()
            && self.language.is_none()
            && self.translations.is_none()
            && self.groups.is_none()
    }

    /// Merges this input over a stored letter (PATCH) or nothing (create), and validates the result.
    pub(crate) fn into_draft(
        self,
        existing: Option<(&letter::Model, &[letter_group::Model])>,
    ) -> Result<LetterDraft> {
        let mut errors = FieldErrors::new();
        let old = existing.map(|(l, _)| l);
        let pick =
            |new: Option<String>, old: Option<&String>| new.or(old.cloned()).unwrap_or_default();

        let slug_text = pick(self.slug, old.map(|l| &l.slug));
        let slug = Slug::parse(&slug_text)
            .map_err(|e| errors.insert("slug".into(), e))
            .ok();
        let (title, summary, body) = own_text(
            &mut errors,
            "",
            &pick(self.title, old.map(|l| &l.title)),
            &pick(self.summary, old.map(|l| &l.summary)),
            &pick(self.body, old.map(|l| &l.body)),
        );
        let category = match self.category {
            Some(c) => Category::parse(c.trim()),
            None => old.map(|l| l.category),
        };
        if category.is_none() {
            errors.insert("category".into(), Msg::id("error-category"));
        }
        let goal = match self.goal {
            Some(g) => g,
            None => old.and_then(|l| l.goal),
        };
        let goal = goal_ok(&mut errors, "goal", goal);
        let requires_approval = self
            .requires_approval
            .or(old.map(|l| l.requires_approval))
            .unwrap_or(false);
        let allow_group_proposals = self
            .allow_group_proposals
            .or(old.map(|l| l.allow_group_proposals))
            .unwrap_or(false);
        let discreet = self.discreet.or(old.map(|l| l.discreet)).unwrap_or(false);
        let (language, translations) = language_and_translations(
            &mut errors,
            self.language.as_deref(),
            old.map(|l| l.language.as_str()),
            self.translations,
        );
        let closes_at = match &self.closes_at {
            Some(Some(text)) => deadline(text)
                .map_err(|e| errors.insert("closes_at".into(), e))
                .ok(),
            Some(None) => None,
            None => old.and_then(|l| l.closes_at),
        };

        let recipients = self
            .recipients
            .map(|list| recipient_drafts(&mut errors, list));
        let groups = match self.groups {
            Some(groups) => groups,
            None => existing
                .map(|(_, gs)| {
                    gs.iter()
                        .map(|g| GroupInput {
                            slug: Some(g.slug.clone()),
                            name: Some(g.name.clone()),
                            email_domains: g.domains().into_iter().map(str::to_owned).collect(),
                            require_verified: g.require_verified,
                            goal: g.goal,
                            discreet: g.discreet,
                        })
                        .collect()
                })
                .unwrap_or_default(),
        };
        if groups.len() > 500 {
            errors.insert(
                "groups".into(),
                Msg::id("error-groups-most").with("max", 500),
            );
        }
        let mut drafts = Vec::with_capacity(groups.len());
        for (i, g) in groups.into_iter().enumerate() {
            let field = |f: &str| format!("groups[{i}].{f}");
            let slug = Slug::parse(g.slug.as_deref().unwrap_or(""))
                .map_err(|e| errors.insert(field("slug"), e))
                .ok();
            let name = text_field(
                &mut errors,
                &field("name"),
                g.name.as_deref().unwrap_or(""),
                200,
                true,
                false,
            );
            let domains =
                parse_domains(g.email_domains.iter().map(String::as_str)).unwrap_or_else(|e| {
                    errors.insert(field("email_domains"), e);
                    Vec::new()
                });
            if g.require_verified && domains.is_empty() {
                errors.insert(
                    field("require_verified"),
                    Msg::id("error-verified-needs-domain"),
                );
            }
            let goal = goal_ok(&mut errors, &field("goal"), g.goal);
            if let Some(slug) = slug {
                if drafts.iter().any(|d: &GroupDraft| d.slug == slug) {
                    errors.insert(field("slug"), Msg::id("error-group-slug-twice"));
                }
                drafts.push(GroupDraft {
                    slug,
                    name,
                    email_domains: domains,
                    require_verified: g.require_verified,
                    goal,
                    discreet: g.discreet,
                });
            }
        }
        match (slug, category) {
            (Some(slug), Some(category)) if errors.is_empty() => Ok(LetterDraft {
                slug,
                title,
                summary,
                body,
                category,
                goal,
                requires_approval,
                allow_group_proposals,
                discreet,
                language,
                translations,
                groups: drafts,
                closes_at,
                recipients,
            }),
            _ => Err(Error::Invalid(errors)),
        }
    }
}

/// At most one of something per `hours` (0: no limit): after one at `last`,
/// `Error::TooSoon` until `last + hours`, with what `say` makes of the last
/// one's moment and the next's.
pub(crate) fn once_per(
    hours: i64,
    last: Option<DateTime<Utc>>,
    say: impl FnOnce(DateTime<Utc>, DateTime<Utc>) -> String,
) -> Result<()> {
    let Some(last) = last.filter(|_| hours > 0) else {
        return Ok(());
    };
    let next = last + chrono::Duration::hours(hours);
    let now = Utc::now();
    if next <= now {
        return Ok(());
    }
    Err(Error::TooSoon(
        say(last, next),
        (next - now).num_seconds().max(1) as u64,
    ))
}

/// The letter `slug` if `who` has at least the role `need` on its team (or
/// its campaign's), or is a moderator where `moderators_may`; refused as
/// `access::decide` says otherwise.
pub(crate) async fn letter_for(
    app: &AppState,
    who: &Authenticated,
    slug: &str,
    need: TeamRole,
    moderators_may: bool,
) -> Result<letter::Model> {
    Ok(letter_and_role(app, who, slug, need, moderators_may)
        .await?
        .0)
}

/// [`letter_for`], with the caller's role on the letter.
pub(crate) async fn letter_and_role(
    app: &AppState,
    who: &Authenticated,
    slug: &str,
    need: TeamRole,
    moderators_may: bool,
) -> Result<(letter::Model, Option<TeamRole>)> {
    let letter = letters::find_by_slug(&app.db, slug)
        .await?
        .ok_or(Error::NotFound)?;
    let role = crate::db::teams::role_on_letter(&app.db, who.user.id, &letter).await?;
    let public = letter.status.is_public();
    super::access::decide(role, need, who, moderators_may, public)?;
    Ok((letter, role))
}

async fn slug_taken(db: &impl ConnectionTrait, slug: &str, except: Option<i64>) -> Result<bool> {
    Ok(letters::find_by_slug(db, slug)
        .await?
        .is_some_and(|l| Some(l.id) != except))
}

impl LetterDraft {
    fn text(&self) -> LetterText<'_> {
        LetterText {
            slug: self.slug.as_str(),
            closes_at: self.closes_at,
            title: &self.title,
            summary: &self.summary,
            body: &self.body,
            category: self.category,
            goal: self.goal,
            requires_approval: self.requires_approval,
            allow_group_proposals: self.allow_group_proposals,
            discreet: self.discreet,
            language: &self.language,
        }
    }

    /// Writes and removes the translations this draft changes.
    async fn store_translations(&self, db: &impl ConnectionTrait, letter_id: i64) -> Result<()> {
        let languages: Vec<&str> = self.translations.iter().map(|(l, _)| l.as_str()).collect();
        let set: Vec<letters::TranslationText<'_>> = self
            .translations
            .iter()
            .filter_map(|(language, t)| {
                t.as_ref().map(|t| letters::TranslationText {
                    language,
                    title: &t.title,
                    summary: &t.summary,
                    body: &t.body,
                })
            })
            .collect();
        letters::replace_translations(db, letter_id, &languages, &set).await
    }

    async fn store_recipients(&self, db: &impl ConnectionTrait, letter_id: i64) -> Result<()> {
        match &self.recipients {
            Some(list) => store_recipients(db, letter_id, list).await,
            None => Ok(()),
        }
    }

    fn group_texts(&self) -> Vec<GroupText<'_>> {
        self.groups
            .iter()
            .map(|g| GroupText {
                slug: g.slug.as_str(),
                name: &g.name,
                email_domains: &g.email_domains,
                require_verified: g.require_verified,
                goal: g.goal,
                discreet: g.discreet,
            })
            .collect()
    }
}

/// Creates a draft owned by `who`.
pub(crate) async fn create(
    app: &AppState,
    who: &Authenticated,
    input: LetterInput,
) -> Result<letter::Model> {
    let campaign = input.campaign.clone().flatten();
    let draft = input.into_draft(None)?;
    let txn = crate::db::begin(&app.db).await?;
    if slug_taken(&txn, draft.slug.as_str(), None).await? {
        return Err(Error::Conflict(SLUG_TAKEN.into()));
    }
    let mut letter = letters::insert_draft(&txn, &draft.text(), who.user.id).await?;
    crate::db::teams::add_member(
        &txn,
        crate::db::teams::Team::Letter(letter.id),
        who.user.id,
        &who.user.email,
        TeamRole::Owner,
    )
    .await?;
    letters::replace_groups(&txn, letter.id, &draft.group_texts()).await?;
    draft.store_recipients(&txn, letter.id).await?;
    draft.store_translations(&txn, letter.id).await?;
    audit::record(&txn, &who.user, "letter.create", subject(&letter), None).await?;
    if campaign.is_some() {
        letter.campaign_id =
            campaigns::set_letter_campaign(app, &txn, who, &letter, campaign.as_deref()).await?;
    }
    txn.commit().await?;
    Ok(letter)
}

fn subject(letter: &letter::Model) -> Subject {
    Subject {
        letter_id: Some(letter.id),
        signature_id: None,
        detail: letter.slug.clone(),
    }
}

/// Edits a draft or rejected letter; a rejected letter goes back to draft.
pub(crate) async fn update(
    app: &AppState,
    who: &Authenticated,
    slug: &str,
    input: LetterInput,
) -> Result<letter::Model> {
    let letter = letter_for(app, who, slug, TeamRole::Editor, false).await?;
    if letter.status.is_public() && input.only_published_fields() {
        return set_published_fields(app, who, letter, input).await;
    }
    if !letter.status.is_editable() {
        return Err(Error::Conflict(
            "Only drafts and rejected letters can be edited; a published letter's deadline, recipients and campaign can be changed.".into(),
        ));
    }
    let groups = letters::groups(&app.db, letter.id).await?;
    let campaign = input.campaign.clone();
    let draft = input.into_draft(Some((&letter, &groups)))?;
    let txn = crate::db::begin(&app.db).await?;
    if slug_taken(&txn, draft.slug.as_str(), Some(letter.id)).await? {
        return Err(Error::Conflict(SLUG_TAKEN.into()));
    }
    let mut updated = letters::update_draft(&txn, letter.id, &draft.text()).await?;
    // Only drafts are edited, and drafts have no signatures: the groups can be replaced whole.
    letters::replace_groups(&txn, letter.id, &draft.group_texts()).await?;
    draft.store_recipients(&txn, letter.id).await?;
    draft.store_translations(&txn, letter.id).await?;
    audit::record(&txn, &who.user, "letter.update", subject(&updated), None).await?;
    if let Some(campaign) = campaign {
        updated.campaign_id =
            campaigns::set_letter_campaign(app, &txn, who, &updated, campaign.as_deref()).await?;
    }
    txn.commit().await?;
    Ok(updated)
}

async fn store_recipients(
    db: &impl ConnectionTrait,
    letter_id: i64,
    list: &[RecipientDraft],
) -> Result<()> {
    let texts: Vec<RecipientText<'_>> = list.iter().map(RecipientDraft::text).collect();
    deliveries::replace_recipients(db, letter_id, &texts).await
}

/// Sets, moves or removes a published letter's deadline, and names a public
/// letter's recipients.
async fn set_published_fields(
    app: &AppState,
    who: &Authenticated,
    letter: letter::Model,
    input: LetterInput,
) -> Result<letter::Model> {
    let mut errors = FieldErrors::new();
    let closes_at = match input.closes_at {
        Some(_) if letter.status != LetterStatus::Published => {
            return Err(Error::Conflict(
                "The letter is closed; its deadline cannot change.".into(),
            ));
        }
        Some(Some(text)) => Some(
            deadline(&text)
                .map(Some)
                .map_err(|e| errors.insert("closes_at".into(), e))
                .ok()
                .flatten(),
        ),
        Some(None) => Some(None),
        None => None,
    };
    let recipients = input
        .recipients
        .map(|list| recipient_drafts(&mut errors, list));
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let txn = crate::db::begin(&app.db).await?;
    let mut updated = letter.clone();
    if let Some(closes_at) = closes_at {
        updated = letters::set_deadline(&txn, letter.id, closes_at).await?;
        let reason = closes_at.map(|t| format!("closes at {}", t.to_rfc3339()));
        audit::record(
            &txn,
            &who.user,
            "letter.deadline",
            subject(&updated),
            reason.as_deref(),
        )
        .await?;
    }
    if let Some(campaign) = input.campaign {
        updated.campaign_id =
            campaigns::set_letter_campaign(app, &txn, who, &updated, campaign.as_deref()).await?;
    }
    if let Some(list) = recipients {
        store_recipients(&txn, letter.id, &list).await?;
        let reason = format!("recipients={}", list.len());
        audit::record(
            &txn,
            &who.user,
            "letter.recipients",
            subject(&updated),
            Some(&reason),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(updated)
}

/// Moves a letter between statuses, checking where it is now, with an audit entry.
pub(crate) async fn transition(
    app: &AppState,
    who: &Authenticated,
    letter: letter::Model,
    from: &[LetterStatus],
    to: LetterStatus,
    action: &str,
    reason: Option<&str>,
) -> Result<letter::Model> {
    if !from.contains(&letter.status) {
        return Err(Error::Conflict(format!(
            "The letter is {}; that cannot be done now.",
            letter.status.label()
        )));
    }
    let txn = crate::db::begin(&app.db).await?;
    // Conditional on the status read above, so two moderators cannot both act.
    if !letters::move_status(&txn, letter.id, letter.status, to, reason).await? {
        return Err(Error::Conflict(
            "The letter changed meanwhile; reload and try again.".into(),
        ));
    }
    audit::record(&txn, &who.user, action, subject(&letter), reason).await?;
    super::webhooks::events::emit_letter_status(&txn, &letter, to).await?;
    txn.commit().await?;
    app.webhook_wake.notify_one();
    letters::find(&app.db, letter.id)
        .await?
        .ok_or(Error::NotFound)
}

/// Sends a draft (or a rejected letter) to the moderators.
pub(crate) async fn submit(
    app: &AppState,
    who: &Authenticated,
    slug: &str,
) -> Result<letter::Model> {
    let letter = letter_for(app, who, slug, TeamRole::Editor, false).await?;
    transition(
        app,
        who,
        letter,
        &[LetterStatus::Draft, LetterStatus::Rejected],
        LetterStatus::InReview,
        "letter.submit",
        None,
    )
    .await
}

/// Closes a published letter: readable, final, no more signatures.
pub(crate) async fn close(
    app: &AppState,
    who: &Authenticated,
    slug: &str,
) -> Result<letter::Model> {
    let letter = letter_for(app, who, slug, TeamRole::Owner, true).await?;
    transition(
        app,
        who,
        letter,
        &[LetterStatus::Published],
        LetterStatus::Closed,
        "letter.close",
        None,
    )
    .await
}

/// The letters `who` is on the team of (directly or through a campaign), newest first.
pub(crate) async fn letters_of(app: &AppState, who: &Authenticated) -> Result<Vec<letter::Model>> {
    crate::db::teams::letters_of(&app.db, who.user.id).await
}

/// The organiser's export: confirmed signatures as CSV. An email is included
/// only where the signer consented to updates, is not anonymous and did not
/// sign discreetly; an anonymous signer's name never is.
pub(crate) async fn export_csv(
    app: &AppState,
    who: &Authenticated,
    slug: &str,
) -> Result<(String, Vec<u8>)> {
    let letter = letter_for(app, who, slug, TeamRole::Viewer, false).await?;
    let groups = letters::groups(&app.db, letter.id).await?;
    let rows = signatures::all_confirmed(&app.db, letter.id).await?;
    let csv_err = |e: csv::Error| Error::Internal(format!("csv: {e}"));
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(
        views::PUBLIC_CSV_COLUMNS
            .iter()
            .chain(&["email", "updates"]),
    )
    .map_err(csv_err)?;
    for s in rows {
        // What the organiser may add to the public record: the address of a
        // named signer who agreed to hear from them.
        let shared = s.updates && !s.anonymous && !s.discreet;
        let email = if shared {
            csv_safe(&s.email)
        } else {
            String::new()
        };
        let updates = shared.to_string();
        let mut record = views::csv_record(&views::PublicSignature::new(s, &groups));
        record.extend([email, updates]);
        out.write_record(record).map_err(csv_err)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| Error::Internal(format!("csv: {e}")))?;
    audit::record(&app.db, &who.user, "letter.export", subject(&letter), None).await?;
    Ok((letter.slug, bytes))
}
