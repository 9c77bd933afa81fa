//! Delivering a letter: its organiser sends it, with its counts and a link to
//! it as a PDF, to each recipient the letter names. Each delivery is recorded
//! with the count at that moment and shown on the letter's page; a letter can
//! be delivered again (at a milestone), at most once per
//! `delivery_min_interval_hours`.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, TransactionTrait};

use super::audit::{self, Subject};
use super::organising::letter_for;
use crate::auth::guards::Authenticated;
use crate::db::entities::{letter, letter_delivery, letter_recipient};
use crate::db::{counts, deliveries, letters};
use crate::domain::markdown;
use crate::error::{Error, Result};
use crate::mail::catalogue::{DeliveryGroup, DeliveryMail};
use crate::mail::{outbox, Email, Rendered};
use crate::read::history::thousands;
use crate::read::views::{addressed_to, RecipientView};
use crate::state::AppState;

/// What a delivery would send now: to whom, and the email each recipient gets.
pub(crate) struct Delivery {
    pub letter: letter::Model,
    pub recipients: Vec<letter_recipient::Model>,
    pub signature_count: u64,
    pub verified_count: u64,
    /// The email each recipient gets.
    pub message: Rendered,
}

/// The letter `slug` of `who`'s, ready to be delivered (published or closed,
/// with recipients), and its email as of `at`, counted on `db`.
async fn prepare(
    app: &AppState,
    db: &impl ConnectionTrait,
    letter: letter::Model,
    at: DateTime<Utc>,
) -> Result<Delivery> {
    if !letter.status.is_public() {
        return Err(Error::Conflict(format!(
            "The letter is {}; only published and closed letters are delivered.",
            letter.status.label()
        )));
    }
    let recipients = deliveries::recipients(db, letter.id).await?;
    if recipients.is_empty() {
        return Err(Error::Conflict(
            "Name the letter's recipients first (\"recipients\" in PATCH /api/v1/letters/{slug})."
                .into(),
        ));
    }
    let tally = counts::letter(db, letter.id).await?;
    let group_tallies = counts::groups(db, letter.id).await?;
    let groups = letters::groups(db, letter.id)
        .await?
        .into_iter()
        .filter_map(|g| {
            let t = group_tallies.get(&g.id).copied().unwrap_or_default();
            (t.confirmed > 0).then(|| DeliveryGroup {
                name: g.name,
                signature_count: thousands(t.confirmed as i64),
                verified_count: thousands(t.verified as i64),
            })
        })
        .collect();
    let public: Vec<RecipientView> = recipients.iter().map(RecipientView::public).collect();
    let letter_url = format!("{}/letters/{}", app.settings.public_url, letter.slug);
    let mail = DeliveryMail {
        letter_title: letter.title.clone(),
        pdf_url: format!("{letter_url}/letter.pdf"),
        letter_url,
        to: addressed_to(&public),
        summary: letter.summary.clone(),
        body_text: letter.body.clone(),
        body_html: markdown::render(&letter.body),
        signature_count: thousands(tally.confirmed as i64),
        verified_count: thousands(tally.verified as i64),
        groups,
        delivered_on: at.format("%-d %B %Y").to_string(),
    };
    Ok(Delivery {
        letter,
        recipients,
        signature_count: tally.confirmed,
        verified_count: tally.verified,
        message: app.mail_templates.render(&Email::Delivery(mail))?,
    })
}

/// What delivering letter `slug` now would send, for its organiser to check.
pub(crate) async fn preview(app: &AppState, who: &Authenticated, slug: &str) -> Result<Delivery> {
    let letter = letter_for(app, who, slug, false).await?;
    prepare(app, &app.db, letter, Utc::now()).await
}

/// Delivers letter `slug` to its recipients: one email each, queued with the
/// record of the delivery and its audit entry in one transaction.
pub(crate) async fn deliver(
    app: &AppState,
    who: &Authenticated,
    slug: &str,
) -> Result<letter_delivery::Model> {
    let letter = letter_for(app, who, slug, false).await?;
    let txn = app.db.begin().await?;
    // Two clicks deliver once.
    letters::lock(&txn, letter.id).await?;
    let now = Utc::now();
    let hours = app.settings.delivery_min_interval_hours;
    if hours > 0 {
        let interval = chrono::Duration::hours(hours);
        if let Some(last) = deliveries::latest(&txn, letter.id).await? {
            let next = last.delivered_at + interval;
            if next > now {
                return Err(Error::TooSoon(
                    format!(
                        "The letter was delivered on {}; it can be delivered again after {} UTC.",
                        last.delivered_at.format("%-d %B %Y, %H:%M"),
                        next.format("%-d %B %Y, %H:%M")
                    ),
                    (next - now).num_seconds().max(1) as u64,
                ));
            }
        }
    }
    let delivery = prepare(app, &txn, letter, now).await?;
    let public: Vec<RecipientView> = delivery
        .recipients
        .iter()
        .map(RecipientView::public)
        .collect();
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
        Some(&format!("to {}", addressed_to(&public))),
    )
    .await?;
    txn.commit().await?;
    Ok(record)
}

/// A letter of `who`'s with its recipients (addresses included) and its
/// deliveries, newest first: what its delivery page shows.
pub(crate) async fn overview(
    app: &AppState,
    who: &Authenticated,
    slug: &str,
) -> Result<(
    letter::Model,
    Vec<letter_recipient::Model>,
    Vec<letter_delivery::Model>,
)> {
    let letter = letter_for(app, who, slug, false).await?;
    let recipients = deliveries::recipients(&app.db, letter.id).await?;
    let done = deliveries::of_letter(&app.db, letter.id).await?;
    Ok((letter, recipients, done))
}
