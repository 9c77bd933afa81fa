//! Organisers talk back: an update (or a recipient's response) is written by
//! the letter's organiser, published or rejected by a moderator, shown on the
//! letter's page and feed, and mailed once to every signature that counts and
//! consented, in batches through the outbox's second lane. One click in any
//! of those emails stops the letter's updates to that signature.

use std::future::Future;
use std::time::Duration;

use chrono::Utc;
use serde::Deserialize;

use super::audit::{self, Subject};
use super::fields::reason;
use super::fields::text_field;
use super::organising::{letter_for, once_per};
use crate::auth::guards::Authenticated;
use crate::db::entities::letter;
use crate::db::entities::letter_update::{self, UpdateKind, UpdateStatus};
use crate::db::entities::token::TokenPurpose;
use crate::db::entities::update_translation;
use crate::db::outbox::ListMessage;
use crate::db::updates::{self, NewUpdate};
use crate::db::{blocks, letters, outbox, signatures, tokens};
use crate::domain::markdown;
use crate::error::{Error, FieldErrors, Result};
use crate::i18n::Msg;
use crate::mail::catalogue::{UpdateMail, UNSUBSCRIBE_MARKER};
use crate::mail::{Email, Rendered};
use crate::read::updates::PublicUpdate;
use crate::state::AppState;

/// An update as its organiser sends it.
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
pub(crate) struct UpdateInput {
    pub title: Option<String>,
    pub body: Option<String>,
    /// `update` (the default) or `response`.
    pub kind: Option<String>,
    /// Who responded; required for a response.
    pub from: Option<String>,
    /// Its title and text in other languages, by language tag.
    pub translations: Option<std::collections::BTreeMap<String, UpdateTranslationInput>>,
}

/// An update's title and text in another language.
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
pub(crate) struct UpdateTranslationInput {
    pub title: Option<String>,
    pub body: Option<String>,
}

/// An update whose every field is valid.
#[derive(Debug, Clone)]
pub(crate) struct UpdateDraft {
    pub kind: UpdateKind,
    pub title: String,
    pub body: String,
    pub from: Option<String>,
    /// (language, title, text), each language once.
    pub translations: Vec<(String, String, String)>,
}

impl UpdateDraft {
    pub(crate) fn body_html(&self) -> String {
        markdown::render(&self.body)
    }
}

impl UpdateInput {
    pub(crate) fn validate(self) -> Result<UpdateDraft> {
        let mut errors = FieldErrors::new();
        let kind = match self.kind.as_deref().map(str::trim) {
            None | Some("") | Some("update") => Some(UpdateKind::Update),
            Some("response") => Some(UpdateKind::Response),
            Some(_) => {
                errors.insert("kind".into(), Msg::id("error-update-kind"));
                None
            }
        };
        let title = text_field(
            &mut errors,
            "title",
            self.title.as_deref().unwrap_or(""),
            200,
            true,
            false,
        );
        let body = text_field(
            &mut errors,
            "body",
            self.body.as_deref().unwrap_or(""),
            20_000,
            true,
            true,
        );
        let from = match kind {
            Some(UpdateKind::Response) => Some(text_field(
                &mut errors,
                "from",
                self.from.as_deref().unwrap_or(""),
                200,
                true,
                false,
            )),
            // An update is the organisers' own: no one else's name on it.
            _ => None,
        };
        let mut translations = Vec::new();
        for (tag, t) in self.translations.unwrap_or_default() {
            let field = format!("translations.{tag}");
            let Some(language) = crate::i18n::canonical_language(&tag) else {
                errors.insert(field, Msg::id("error-language-tag"));
                continue;
            };
            let title = text_field(
                &mut errors,
                &format!("{field}.title"),
                t.title.as_deref().unwrap_or(""),
                200,
                true,
                false,
            );
            let body = text_field(
                &mut errors,
                &format!("{field}.body"),
                t.body.as_deref().unwrap_or(""),
                20_000,
                true,
                true,
            );
            translations.push((language, title, body));
        }
        match kind {
            Some(kind) if errors.is_empty() => Ok(UpdateDraft {
                kind,
                title,
                body,
                from,
                translations,
            }),
            _ => Err(Error::Invalid(errors)),
        }
    }
}

fn subject(letter_id: i64, slug: &str, update_id: i64) -> Subject {
    Subject {
        letter_id: Some(letter_id),
        signature_id: None,
        detail: format!("{slug} update {update_id}"),
    }
}

/// Writes an update for a published or closed letter of `who`'s; it waits for
/// a moderator. At most one per letter per `update_min_interval_hours`.
pub(crate) async fn write(
    app: &AppState,
    who: &Authenticated,
    slug: &str,
    input: UpdateInput,
) -> Result<letter_update::Model> {
    let letter = letter_for(
        app,
        who,
        slug,
        crate::db::entities::team_member::TeamRole::Editor,
        false,
    )
    .await?;
    if !letter.status.is_public() {
        return Err(Error::Conflict(format!(
            "The letter is {}; updates are for published and closed letters.",
            letter.status.label()
        )));
    }
    let draft = input.validate()?;
    if let Some((tag, ..)) = draft
        .translations
        .iter()
        .find(|(l, ..)| *l == letter.language)
    {
        return Err(Error::field(
            &format!("translations.{tag}"),
            Msg::id("error-own-language"),
        ));
    }
    let txn = crate::db::begin(&app.db).await?;
    // One organiser's two tabs decide one at a time.
    letters::lock(&txn, letter.id).await?;
    let hours = app.settings.update_min_interval_hours;
    let since = Utc::now() - chrono::Duration::hours(hours);
    let last = updates::latest_since(&txn, letter.id, since).await?;
    once_per(hours, last.map(|u| u.created_at), |_, next| {
        format!(
            "A letter can send one update every {hours} hours, so its signers are not flooded; the next can be written after {} UTC.",
            next.format("%-d %B %Y, %H:%M")
        )
    })?;
    let update = updates::insert(
        &txn,
        NewUpdate {
            letter_id: letter.id,
            kind: draft.kind,
            title: &draft.title,
            body: &draft.body,
            from_name: draft.from.as_deref(),
            author_id: who.user.id,
        },
    )
    .await?;
    let translations: Vec<updates::UpdateTranslationText<'_>> = draft
        .translations
        .iter()
        .map(|(language, title, body)| updates::UpdateTranslationText {
            language,
            title,
            body,
        })
        .collect();
    updates::insert_translations(&txn, update.id, &translations).await?;
    audit::record(
        &txn,
        &who.user,
        "update.submit",
        subject(letter.id, &letter.slug, update.id),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(update)
}

/// An update of letter `slug` as its organiser (or a moderator) sees it.
pub(crate) async fn for_organiser(
    app: &AppState,
    who: &Authenticated,
    slug: &str,
    id: i64,
) -> Result<(letter_update::Model, outbox::UpdateMail)> {
    let letter = letter_for(
        app,
        who,
        slug,
        crate::db::entities::team_member::TeamRole::Viewer,
        true,
    )
    .await?;
    let update = updates::find(&app.db, id)
        .await?
        .filter(|u| u.letter_id == letter.id)
        .ok_or(Error::NotFound)?;
    let mail = outbox::update_mail(&app.db, update.id).await?;
    Ok((update, mail))
}

/// Every update of a letter of `who`'s (or any, for a moderator), newest
/// first, whatever its status.
pub(crate) async fn of_letter(
    app: &AppState,
    who: &Authenticated,
    slug: &str,
) -> Result<Vec<letter_update::Model>> {
    let letter = letter_for(
        app,
        who,
        slug,
        crate::db::entities::team_member::TeamRole::Viewer,
        true,
    )
    .await?;
    updates::of_letter(&app.db, letter.id).await
}

/// An update waiting for a moderator, with its letter.
pub(crate) struct InReview {
    pub update: letter_update::Model,
    pub letter: letter::Model,
    /// Reviewed with it.
    pub translations: Vec<update_translation::Model>,
}

pub(crate) async fn in_review(app: &AppState) -> Result<Vec<InReview>> {
    let waiting = updates::in_review(&app.db).await?;
    let ids: Vec<i64> = waiting.iter().map(|u| u.letter_id).collect();
    let letters = letters::by_ids(&app.db, ids).await?;
    let mut translations = updates::translations(&app.db, waiting.iter().map(|u| u.id)).await?;
    Ok(waiting
        .into_iter()
        .filter_map(|update| {
            let letter = letters.iter().find(|l| l.id == update.letter_id)?.clone();
            let (mine, rest) = translations
                .drain(..)
                .partition(|t: &update_translation::Model| t.update_id == update.id);
            translations = rest;
            Some(InReview {
                update,
                letter,
                translations: mine,
            })
        })
        .collect())
}

async fn update_and_letter(
    app: &AppState,
    id: i64,
) -> Result<(letter_update::Model, letter::Model)> {
    let update = updates::find(&app.db, id).await?.ok_or(Error::NotFound)?;
    let letter = letters::find(&app.db, update.letter_id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok((update, letter))
}

fn not_in_review(update: &letter_update::Model) -> Error {
    Error::Conflict(format!(
        "The update is {}; only updates in review can be decided.",
        match update.status {
            UpdateStatus::InReview => "in review",
            UpdateStatus::Published => "published",
            UpdateStatus::Rejected => "rejected",
        }
    ))
}

/// Publishes an update: it shows on the page at once and is mailed to the
/// letter's signatures that count and consented, as of now. How many.
pub(crate) async fn publish(
    app: &AppState,
    who: &Authenticated,
    id: i64,
) -> Result<(letter_update::Model, i64)> {
    let (update, letter) = update_and_letter(app, id).await?;
    if update.status != UpdateStatus::InReview {
        return Err(not_in_review(&update));
    }
    let txn = crate::db::begin(&app.db).await?;
    // Who signed by now; later signers read it on the page.
    let until = signatures::last_id(&txn, letter.id).await?;
    let blocked = blocks::every(&txn).await?;
    let recipients = match until {
        Some(until) => signatures::count_mailable(&txn, letter.id, &blocked, until).await?,
        None => 0,
    };
    let until = until.filter(|_| recipients > 0);
    if !updates::publish(&txn, update.id, recipients, until).await? {
        return Err(Error::Conflict(
            "The update changed meanwhile; reload and try again.".into(),
        ));
    }
    audit::record(
        &txn,
        &who.user,
        "update.publish",
        subject(letter.id, &letter.slug, update.id),
        None,
    )
    .await?;
    super::webhooks::events::emit(
        &txn,
        super::webhooks::events::Event {
            kind: "update.published",
            letter: Some(&letter),
            campaign_id: None,
            data: serde_json::json!({
                "letter": letter.slug,
                "id": update.id,
                "kind": update.kind,
                "title": update.title,
                "from": update.from_name,
                "body": update.body,
                "url": format!("{}/letters/{}#updates", app.settings.public_url, letter.slug),
            }),
        },
    )
    .await?;
    txn.commit().await?;
    app.fanout_wake.notify_one();
    app.webhook_wake.notify_one();
    let update = updates::find(&app.db, id).await?.ok_or(Error::NotFound)?;
    Ok((update, recipients))
}

/// Rejects an update with a reason its organiser sees.
pub(crate) async fn reject(
    app: &AppState,
    who: &Authenticated,
    id: i64,
    why: Option<&str>,
) -> Result<letter_update::Model> {
    let why = reason(why)?;
    let (update, letter) = update_and_letter(app, id).await?;
    if update.status != UpdateStatus::InReview {
        return Err(not_in_review(&update));
    }
    let txn = crate::db::begin(&app.db).await?;
    if !updates::reject(&txn, update.id, &why).await? {
        return Err(Error::Conflict(
            "The update changed meanwhile; reload and try again.".into(),
        ));
    }
    audit::record(
        &txn,
        &who.user,
        "update.reject",
        subject(letter.id, &letter.slug, update.id),
        Some(&why),
    )
    .await?;
    txn.commit().await?;
    updates::find(&app.db, id).await?.ok_or(Error::NotFound)
}

/// What an unsubscribe link is about.
pub(crate) struct Unsubscription {
    pub letter: letter::Model,
    pub already: bool,
}

async fn unsubscription(app: &AppState, token: &str) -> Result<(i64, Unsubscription)> {
    let t = tokens::find_live(&app.db, TokenPurpose::Unsubscribe, token).await?;
    let sig = match t.signature_id {
        Some(id) => signatures::find(&app.db, id).await?,
        None => None,
    }
    .ok_or(Error::LinkNotValid)?;
    let letter = letters::find(&app.db, sig.letter_id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok((
        sig.id,
        Unsubscription {
            letter,
            already: sig.unsubscribed_at.is_some(),
        },
    ))
}

/// What the link is for, changing nothing (a mail scanner may follow it).
pub(crate) async fn peek_unsubscribe(app: &AppState, token: &str) -> Result<Unsubscription> {
    Ok(unsubscription(app, token).await?.1)
}

/// Stops the letter's updates to the signature the link was mailed to. The
/// link keeps working: pressing it again changes nothing.
pub(crate) async fn unsubscribe(app: &AppState, token: &str) -> Result<Unsubscription> {
    let (id, found) = unsubscription(app, token).await?;
    signatures::unsubscribe(&app.db, id).await?;
    Ok(found)
}

/// No expiry, in practice: a link in an old update keeps working.
fn unsubscribe_lifetime() -> chrono::Duration {
    chrono::Duration::days(365 * 100)
}

/// The language an update's email is written in where its reader's is
/// not known: the letter's, if the service speaks it, else the site's.
fn own_language(app: &AppState, letter: &letter::Model) -> String {
    let default = &app.settings.default_language;
    crate::i18n::negotiate(Some(&letter.language), None, None, default, false)
}

/// The update's email as every recipient reading `lang` gets it, but for
/// the unsubscribe link: its text as the letter's page shows it in `lang`
/// (its translation, where it has one).
fn mail_for(
    update: &letter_update::Model,
    translations: &[update_translation::Model],
    letter: &letter::Model,
    lang: &str,
    public_url: &str,
) -> UpdateMail {
    let shown = PublicUpdate::from(update).in_language(translations, lang);
    UpdateMail {
        published_on: crate::i18n::long_date(
            lang,
            update
                .published_at
                .unwrap_or(update.created_at)
                .date_naive(),
        ),
        lang: lang.to_owned(),
        letter_title: letter.title.clone(),
        letter_url: format!("{public_url}/letters/{}", letter.slug),
        kind: match update.kind {
            UpdateKind::Update => "update",
            UpdateKind::Response => "response",
        },
        title: shown.title,
        from: shown.from,
        body_text: crate::read::updates::translation_for(translations, update.id, lang)
            .map_or_else(|| update.body.clone(), |t| t.body.clone()),
        body_html: shown.body_html,
        unsubscribe_url: String::new(),
    }
}

/// An update's email, rendered in every language the service speaks.
struct Templates {
    /// The update's own language (its email is kept on the update).
    own: String,
    by_language: std::collections::BTreeMap<String, Rendered>,
}

impl Templates {
    /// The email for a reader of `lang`, and the language to record with
    /// the message (none for the update's own).
    fn for_reader(&self, lang: &str) -> (Option<String>, &Rendered) {
        match self.by_language.get(lang) {
            Some(t) if lang != self.own => (Some(lang.to_owned()), t),
            _ => (None, &self.by_language[&self.own]),
        }
    }
}

/// What one fan-out step did.
#[derive(Debug, PartialEq, Eq)]
enum Step {
    /// Queued this many and there are more.
    Queued(usize),
    /// Queued this many, and the update's mail is all queued.
    Done(usize),
    /// Another instance moved the cursor meanwhile.
    Raced,
}

/// Queues the next batch of an update's recipients, in one transaction with
/// the cursor's move: a crash before the commit queues none of them, after it
/// all; each recipient's message has a unique `Message-ID`, so no one gets two.
async fn step(
    app: &AppState,
    update: &letter_update::Model,
    letter: &letter::Model,
    templates: &Templates,
) -> Result<Step> {
    let Some(until) = update.fanout_until else {
        return Ok(
            if updates::advance_fanout(&app.db, update.id, update.fanout_cursor, 0, true).await? {
                Step::Done(0)
            } else {
                Step::Raced
            },
        );
    };
    let batch = app.settings.fanout_batch.max(1);
    let txn = crate::db::begin(&app.db).await?;
    let blocked = blocks::every(&txn).await?;
    let recipients = signatures::mailable_between(
        &txn,
        letter.id,
        &blocked,
        update.fanout_cursor,
        until,
        batch,
    )
    .await?;
    let done = (recipients.len() as u64) < batch;
    let to = match recipients.last() {
        Some(r) if !done => r.id,
        _ => until,
    };
    // First, so that a second instance waits here and then finds it moved.
    if !updates::advance_fanout(&txn, update.id, update.fanout_cursor, to, done).await? {
        return Ok(Step::Raced);
    }
    let host = app.settings.public_host();
    let list_id = format!("<{}.letters.{host}>", letter.slug);
    let mut token_rows = Vec::with_capacity(recipients.len());
    let mut messages = Vec::with_capacity(recipients.len());
    for r in &recipients {
        let (token, row) = tokens::prepare(
            TokenPurpose::Unsubscribe,
            Some(r.id),
            None,
            unsubscribe_lifetime(),
        )?;
        token_rows.push(row);
        let unsubscribe = app.link("unsubscribe", &token);
        // The body is the update's, kept with it in the recipient's
        // language: the worker puts this recipient's link where the marker is.
        let (language, template) = templates.for_reader(&r.language);
        let mut message = crate::mail::outbox::queued(&r.email, template.clone());
        message.text = None;
        message.html = None;
        message.list = Some(ListMessage {
            update_id: update.id,
            language,
            message_id: format!("update-{}-{}@{host}", update.id, r.id),
            unsubscribe,
            list_id: list_id.clone(),
        });
        messages.push(message);
    }
    let n = messages.len();
    tokens::insert_many(&txn, token_rows).await?;
    outbox::insert_many(&txn, messages).await?;
    txn.commit().await?;
    app.mail_wake.notify_one();
    Ok(if done { Step::Done(n) } else { Step::Queued(n) })
}

/// How many of an update's messages may wait in the outbox, in batches:
/// the fan-out queues no further ahead of the worker than that.
const BATCHES_AHEAD: u64 = 4;

/// Waits while the worker has `BATCHES_AHEAD` batches of the update still to
/// send. Queueing ahead of it only spends the CPU and the database's writes
/// that signing and confirmations need, and the outbox stays short; while
/// confirmations go first, the update waits here rather than in the outbox.
async fn wait_for_the_worker(app: &AppState, update_id: i64) -> Result<()> {
    let ahead = app.settings.fanout_batch.max(1) * BATCHES_AHEAD;
    while outbox::pending_of_update(&app.db, update_id, ahead).await? >= ahead {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    Ok(())
}

/// Queues every published update's remaining mail, batch by batch, keeping
/// a few batches ahead of the worker; how many messages.
pub(crate) async fn fan_out(app: &AppState) -> Result<usize> {
    let mut queued = 0;
    for update in updates::fanouts_pending(&app.db).await? {
        let Some(letter) = letters::find(&app.db, update.letter_id).await? else {
            continue;
        };
        // Rendered once per language, kept with the update for the worker;
        // each message carries only its recipient's link. The update's own
        // language's is kept on the update, the others in `update_mails`.
        let translations = updates::translations(&app.db, [update.id]).await?;
        let own = own_language(app, &letter);
        let mut templates = Templates {
            own: own.clone(),
            by_language: std::collections::BTreeMap::new(),
        };
        for lang in crate::i18n::languages() {
            let mut mail = mail_for(
                &update,
                &translations,
                &letter,
                lang,
                &app.settings.public_url,
            );
            mail.unsubscribe_url = UNSUBSCRIBE_MARKER.to_owned();
            let template = app.mail_templates.render(&Email::Update(mail))?;
            if *lang == own {
                updates::keep_mail(&app.db, update.id, &template.text, &template.html).await?;
            } else {
                updates::keep_mail_in(&app.db, update.id, lang, &template.text, &template.html)
                    .await?;
            }
            templates.by_language.insert(lang.clone(), template);
        }
        let mut current = update;
        loop {
            wait_for_the_worker(app, current.id).await?;
            match step(app, &current, &letter, &templates).await? {
                Step::Queued(n) => queued += n,
                Step::Done(n) => {
                    queued += n;
                    tracing::info!(update = current.id, letter = %letter.slug, "update queued for all its recipients");
                    break;
                }
                Step::Raced => break,
            }
            current = match updates::find(&app.db, current.id).await? {
                Some(u) => u,
                None => break,
            };
        }
    }
    Ok(queued)
}

/// Runs the fan-out when an update is published (and every `poll`, to pick up
/// what another instance published or a crash left half done) until shutdown.
pub(crate) async fn run(app: AppState, poll: Duration, shutdown: impl Future<Output = ()>) {
    tokio::pin!(shutdown);
    loop {
        if let Err(e) = fan_out(&app).await {
            tracing::warn!(error = ?e, "update fan-out failed; will retry");
        }
        tokio::select! {
            _ = &mut shutdown => return,
            _ = app.fanout_wake.notified() => {}
            _ = tokio::time::sleep(poll) => {}
        }
    }
}
