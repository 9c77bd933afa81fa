//! One signature in a transaction of its own: a proposal (which creates its
//! group as it signs), a signature again after withdrawing, "you have already
//! signed" for an address that has, and whatever a batch could not write.

use super::input::NewSignature;
use super::mails;
use crate::db::entities::letter;
use crate::db::entities::signature::SignatureStatus;
use crate::db::{letters, signatures};
use crate::domain::Slug;
use crate::error::{Error, Result};
use crate::limits::{self, Count};
use crate::mail::outbox;
use crate::state::AppState;

/// The group a signature will join, resolved against the letter.
pub(super) enum Group {
    None,
    Existing(i64),
    /// A group to create as `proposed` along with the signature.
    Propose {
        slug: Slug,
        name: String,
    },
}

/// Writes one signature and its mail.
pub(super) async fn sign(
    app: &AppState,
    letter: &letter::Model,
    group: Group,
    new: &NewSignature,
) -> Result<()> {
    // Two submissions of one address can race to insert; the loser of the
    // unique index goes round again and takes the "already signed" path.
    match sign_once(app, letter, &group, new).await {
        Err(Error::Conflict(_)) => {
            // A proposal may have lost the same race: join the group that won.
            let group = match group {
                Group::Propose { slug, .. } => {
                    letters::group_by_slug(&app.db, letter.id, slug.as_str())
                        .await?
                        .map_or(Group::None, |g| Group::Existing(g.id))
                }
                other => other,
            };
            sign_once(app, letter, &group, new).await
        }
        other => other,
    }
}

async fn sign_once(
    app: &AppState,
    letter: &letter::Model,
    group: &Group,
    new: &NewSignature,
) -> Result<()> {
    let txn = crate::db::begin(&app.db).await?;
    let existing = signatures::find_by_email_for_update(&txn, letter.id, new.identity()).await?;
    // Only a new (or restarted) signature may create a proposal.
    let restarts = existing
        .as_ref()
        .is_none_or(|old| old.status == SignatureStatus::Withdrawn);
    let group_id = match group {
        Group::None => None,
        Group::Existing(id) => Some(*id),
        Group::Propose { slug, name } if restarts => {
            Some(letters::insert_proposed_group(&txn, letter.id, slug.as_str(), name).await?)
        }
        Group::Propose { .. } => None,
    };
    let mail = match existing {
        None => {
            let sig = signatures::insert(&txn, letter.id, group_id, &new.signer()).await?;
            mails::confirmation_stored(app, &txn, letter, &sig).await?
        }
        // Signing again after withdrawing starts over.
        Some(old) if old.status == SignatureStatus::Withdrawn => {
            let sig = signatures::restart(&txn, old.id, group_id, &new.signer()).await?;
            mails::confirmation_stored(app, &txn, letter, &sig).await?
        }
        Some(old) => {
            // Signing again sends the mailbox a mail each time: a few a day at
            // most, or anyone could flood someone else's inbox from this form.
            // The answer stays the same (a different one would tell a stranger
            // that the address has signed). The address is counted by a hash.
            let repeats = Count::hashed(
                &format!("repeat-mail:{}", letter.id),
                new.identity(),
                limits::REPEAT_MAIL_PER_ADDRESS,
            );
            match app.limiter.take_within(&txn, &[repeats]).await {
                Err(Error::TooManyRequests(_)) => {
                    tracing::info!(letter = %letter.slug, "an address signing again is at its mail limit; no mail sent");
                    return Ok(());
                }
                other => other?,
            }
            mails::already_signed(app, &txn, letter, &old).await?
        }
    };
    outbox::enqueue(&txn, new.email.as_str(), mail).await?;
    txn.commit().await?;
    Ok(())
}
