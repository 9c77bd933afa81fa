//! Delivering a letter: its organiser sends it, with its counts and a link to
//! it as a PDF, to each recipient the letter names. Each delivery is recorded
//! with the count at that moment and shown on the letter's page; a letter can
//! be delivered again (at a milestone), at most once per
//! `delivery_min_interval_hours`.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use super::audit::{self, Subject};
use super::organising::{letter_for, once_per};
use crate::auth::guards::Authenticated;
use crate::db::entities::{letter, letter_delivery, letter_recipient};
use crate::db::{deliveries, letters};
use crate::domain::markdown;
use crate::error::{Error, Result};
use crate::mail::catalogue::{DeliveryGroup, DeliveryMail};
use crate::mail::{outbox, Email, Rendered};
use crate::read::views::{addressed_to, standing, RecipientView};
use crate::state::AppState;

/// What a delivery would send now: to whom, and the email each recipient gets.
pub(crate) struct Delivery {
    pub letter: letter::Model,
    pub recipients: Vec<letter_recipient::Model>,
    /// The same, as the public sees them (what the delivery records).
    pub public: Vec<RecipientView>,
    pub signature_count: u64,
    pub verified_count: u64,
    /// The email each recipient gets.
    pub message: Rendered,
}

/// A letter ready to be delivered (published or closed, with `recipients`),
/// and its email as of `at`, counted on `db`.
async fn prepare(
    app: &AppState,
    db: &impl ConnectionTrait,
    letter: letter::Model,
    recipients: Vec<letter_recipient::Model>,
    at: DateTime<Utc>,
) -> Result<Delivery> {
    if !letter.status.is_public() {
        return Err(Error::Conflict(format!(
            "The letter is {}; only published and closed letters are delivered.",
            letter.status.label()
        )));
    }
    if recipients.is_empty() {
        return Err(Error::Conflict(
            "Name the letter's recipients first (\"recipients\" in PATCH /api/v1/letters/{slug})."
                .into(),
        ));
    }
    let (tally, group_counts) = standing(db, letter.id).await?;
    // The recipients read the letter's own language (its chrome too, where
    // the service speaks it).
    let lang = if crate::i18n::is_supported(&letter.language) {
        letter.language.clone()
    } else {
        app.settings.default_language.clone()
    };
    let number = |n: u64| crate::i18n::number(&lang, n);
    let groups = group_counts
        .into_iter()
        .map(|g| DeliveryGroup {
            name: g.name,
            signature_count: number(g.signature_count),
            verified_count: number(g.verified_count),
        })
        .collect();
    let public: Vec<RecipientView> = recipients.iter().map(RecipientView::public).collect();
    let letter_url = format!("{}/letters/{}", app.settings.public_url, letter.slug);
    let mail = DeliveryMail {
        delivered_on: crate::i18n::long_date(&lang, at.date_naive()),
        lang: lang.clone(),
        letter_title: letter.title.clone(),
        pdf_url: format!("{letter_url}/letter.pdf"),
        letter_url,
        to: addressed_to(&public),
        summary: letter.summary.clone(),
        body_text: letter.body.clone(),
        body_html: markdown::render(&letter.body),
        signature_count: number(tally.total()),
        verified_count: number(tally.verified),
        groups,
    };
    Ok(Delivery {
        letter,
        recipients,
        public,
        signature_count: tally.total(),
        verified_count: tally.verified,
        message: app.mail_templates.render(&Email::Delivery(mail))?,
    })
}

/// Delivers letter `slug` to its recipients: one email each, queued with the
/// record of the delivery and its audit entry in one transaction.
pub(crate) async fn deliver(
    app: &AppState,
    who: &Authenticated,
    slug: &str,
) -> Result<letter_delivery::Model> {
    let letter = letter_for(
        app,
        who,
        slug,
        crate::db::entities::team_member::TeamRole::Editor,
        false,
    )
    .await?;
    let txn = crate::db::begin(&app.db).await?;
    // Two clicks deliver once.
    letters::lock(&txn, letter.id).await?;
    let last = deliveries::latest(&txn, letter.id)
        .await?
        .map(|d| d.delivered_at);
    once_per(
        app.settings.delivery_min_interval_hours,
        last,
        |last, next| {
            format!(
                "The letter was delivered on {}; it can be delivered again after {} UTC.",
                last.format("%-d %B %Y, %H:%M"),
                next.format("%-d %B %Y, %H:%M")
            )
        },
    )?;
    let now = Utc::now();
    let recipients = deliveries::recipients(&txn, letter.id).await?;
    let delivery = prepare(app, &txn, letter, recipients, now).await?;
    let public = &delivery.public;
    let record = deliveries::insert(
        &txn,
        deliveries::NewDelivery {
            letter_id: delivery.letter.id,
            delivered_at: now,
            signature_count: delivery.signature_count as i64,
            verified_count: delivery.verified_count as i64,
            recipients: serde_json::to_string(&public)
                .map_err(|e| Error::Internal(format!("json: {e}")))?,
            recipient_count: public.len() as i32,
            actor_id: who.user.id,
        },
    )
    .await?;
    for r in &delivery.recipients {
        outbox::enqueue(&txn, &r.email, delivery.message.clone()).await?;
    }
    let detail = format!(
        "{} delivery {} with {} signatures",
        delivery.letter.slug, record.id, delivery.signature_count
    );
    audit::record(
        &txn,
        &who.user,
        "letter.deliver",
        Subject {
            letter_id: Some(delivery.letter.id),
            signature_id: None,
            detail,
        },
        Some(&format!("to={}", addressed_to(public))),
    )
    .await?;
    txn.commit().await?;
    Ok(record)
}

/// What a letter's delivery page shows its organiser.
pub(crate) struct Overview {
    pub letter: letter::Model,
    /// Addresses included.
    pub recipients: Vec<letter_recipient::Model>,
    /// Newest first.
    pub done: Vec<letter_delivery::Model>,
    /// What delivering it now would send; `None` while it cannot be delivered.
    pub preview: Option<Delivery>,
}

/// A letter of `who`'s with its recipients, its deliveries and what
/// delivering it now would send.
pub(crate) async fn overview(app: &AppState, who: &Authenticated, slug: &str) -> Result<Overview> {
    let letter = letter_for(
        app,
        who,
        slug,
        crate::db::entities::team_member::TeamRole::Editor,
        false,
    )
    .await?;
    let recipients = deliveries::recipients(&app.db, letter.id).await?;
    let done = deliveries::of_letter(&app.db, letter.id).await?;
    let preview = match prepare(app, &app.db, letter.clone(), recipients.clone(), Utc::now()).await
    {
        Ok(d) => Some(d),
        Err(Error::Conflict(_)) => None,
        Err(e) => return Err(e),
    };
    Ok(Overview {
        letter,
        recipients,
        done,
        preview,
    })
}
