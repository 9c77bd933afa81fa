//! The signer's path: sign, confirm by the emailed link, withdraw.
//!
//! One signature enters each module once: the route calls [`sign`], which
//! checks the letter and the group and hands the signature to the [`queue`];
//! a writer stores it with many others in one transaction, with its links and
//! its mail from [`mails`]. What a batch cannot write (an address that has
//! signed before, a proposal) goes through [`single`], which uses the same
//! [`mails`].

mod input;
mod mails;
mod queue;
mod single;

use serde::Serialize;

pub(crate) use input::{GroupChoice, NewSignature, SignatureInput};
pub(crate) use queue::SignQueue;

use crate::db::entities::letter::{self, LetterStatus};
use crate::db::entities::letter_group;
use crate::db::entities::signature::{self, SignatureStatus};
use crate::db::entities::token::{self, TokenPurpose};
use crate::db::signatures::Confirmation;
use crate::db::{blocks, letters, signatures, tokens};
use crate::domain::{Email, Slug};
use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::state::AppState;
use single::Group;

/// The key of discreet signers' keyed hashes: `discreet_key` from the
/// settings, else one made on first start and kept in the database.
pub(crate) async fn load_address_key(
    db: &sea_orm::DatabaseConnection,
    configured: Option<&str>,
) -> Result<crate::domain::discreet::AddressKey> {
    let secret = match configured.filter(|k| !k.trim().is_empty()) {
        Some(k) => k.to_owned(),
        None => {
            crate::db::secrets::get_or_insert(db, "discreet_key", || {
                crate::domain::log_key::random_hex(32)
                    .map_err(|e| Error::Internal(format!("OS RNG: {e}")))
            })
            .await?
        }
    };
    crate::domain::discreet::AddressKey::new(&secret).map_err(Error::Internal)
}

/// What a confirmed link led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Confirmed {
    Confirmed,
    AwaitingApproval,
}

/// Signs `letter_slug`. Answers the same whether or not the address had signed
/// before; only the email that goes out differs.
pub(crate) async fn sign(
    app: &AppState,
    queue: &SignQueue,
    letter_slug: &str,
    mut new: NewSignature,
) -> Result<()> {
    let _admitted = queue.admit_signing()?;
    let mut letter = letters::find_by_slug(&app.db, letter_slug)
        .await?
        .ok_or(Error::NotFound)?;
    // The signer's mail names the letter as they read it.
    if new.language != letter.language {
        if let Some(title) = letters::translated_title(&app.db, letter.id, &new.language).await? {
            letter.title = title;
        }
    }
    match letter.status {
        // Past its deadline, a letter is closed even before the periodic pass marks it.
        LetterStatus::Published if letter.takes_signatures(chrono::Utc::now()) => {}
        LetterStatus::Published | LetterStatus::Closed => return Err(Error::LetterClosed),
        _ => return Err(Error::NotFound),
    }
    // A discreet letter, or a discreet group of it, makes a discreet signature.
    let mut discreet = letter.discreet;
    let group = match &new.group {
        GroupChoice::None => Group::None,
        GroupChoice::Listed(slug) => {
            let group = letters::groups(&app.db, letter.id)
                .await?
                .into_iter()
                .find(|g| &g.slug == slug)
                .ok_or_else(|| Error::field("group", Msg::id("error-group-unknown")))?;
            check_required_domain(&group, &new.email)?;
            discreet |= group.discreet;
            Group::Existing(group.id)
        }
        GroupChoice::Propose(name) => {
            if !letter.allow_group_proposals {
                return Err(Error::field(
                    "new_group",
                    Msg::id("error-group-no-proposals"),
                ));
            }
            let slug = Slug::from_name(name);
            match letters::group_by_slug(&app.db, letter.id, slug.as_str()).await? {
                // Someone proposed it before, or the organiser lists it: join it.
                Some(group) => {
                    check_required_domain(&group, &new.email)?;
                    discreet |= group.discreet;
                    Group::Existing(group.id)
                }
                None => Group::Propose {
                    slug,
                    name: name.clone(),
                },
            }
        }
    };
    if discreet {
        let key = app.address_key.keyed(&new.email);
        new.make_discreet(key);
    }
    // A blocked address gets the ordinary answer, and nothing is stored or sent.
    if blocks::is_blocked(&app.db, &new.email).await? {
        tracing::info!(letter = %letter.slug, "signature from a blocked address dropped");
        return Ok(());
    }
    match group {
        // New signatures are written in batches, one transaction for many.
        Group::None => queue.submit(letter, None, new).await?,
        Group::Existing(id) => queue.submit(letter, Some(id), new).await?,
        // A proposal creates a group as it signs: rare, and written on its own.
        proposal @ Group::Propose { .. } => single::sign(app, &letter, proposal, &new).await?,
    }
    app.mail_wake.notify_one();
    app.metrics.signatures_accepted.inc();
    Ok(())
}

/// A group that takes only verified addresses refuses others before anything is stored.
fn check_required_domain(group: &letter_group::Model, email: &Email) -> Result<()> {
    if group.require_verified && group.verifying_domain(email.domain()).is_none() {
        let domains = group.domains().join(" or ");
        return Err(Error::field(
            "email",
            Msg::id("error-group-verified-only")
                .with("group", &group.name)
                .with("domains", domains),
        ));
    }
    Ok(())
}

/// The signature and letter a live token belongs to.
async fn token_target(
    app: &AppState,
    purpose: TokenPurpose,
    token: &str,
) -> Result<(token::Model, signature::Model, letter::Model)> {
    let t = tokens::find_live(&app.db, purpose, token).await?;
    let gone = || Error::LinkNotValid;
    let sig = signatures::find(&app.db, t.signature_id.ok_or_else(gone)?)
        .await?
        .ok_or_else(gone)?;
    let letter = letters::find(&app.db, sig.letter_id)
        .await?
        .ok_or_else(gone)?;
    Ok((t, sig, letter))
}

/// A confirmation link's signature and letter, if it may still confirm.
async fn confirmable(
    app: &AppState,
    token: &str,
) -> Result<(token::Model, signature::Model, letter::Model)> {
    let (t, sig, letter) = token_target(app, TokenPurpose::ConfirmSignature, token).await?;
    if sig.status != SignatureStatus::Unconfirmed {
        return Err(Error::LinkNotValid);
    }
    if !letter.takes_signatures(chrono::Utc::now()) {
        return Err(Error::LetterClosed);
    }
    Ok((t, sig, letter))
}

/// Shows what a confirmation link would confirm, changing nothing (for the GET page).
pub(crate) async fn peek_confirm(app: &AppState, token: &str) -> Result<letter::Model> {
    Ok(confirmable(app, token).await?.2)
}

/// Confirms the signature a token was issued for; the token is used up.
pub(crate) async fn confirm(
    app: &AppState,
    queue: &SignQueue,
    token: &str,
) -> Result<(Confirmed, letter::Model, Receipt)> {
    let _admitted = queue.admit_confirming()?;
    let (t, sig, letter) = confirmable(app, token).await?;
    let outcome = if letter.requires_approval {
        Confirmed::AwaitingApproval
    } else {
        Confirmed::Confirmed
    };
    // The address has just proved it reads this mailbox: if its domain is
    // listed for the signature's group, the affiliation is verified.
    let verified_domain = match sig.group_id {
        Some(id) => letters::group(&app.db, id)
            .await?
            .and_then(|g| g.verifying_domain_of_address(&sig.email)),
        None => None,
    };
    let status = match outcome {
        Confirmed::Confirmed => SignatureStatus::Confirmed,
        Confirmed::AwaitingApproval => SignatureStatus::AwaitingApproval,
    };
    // The signer's receipt: with it they can find their entry in the
    // letter's log and prove it is theirs. Only its hash is kept.
    use crate::domain::log_key::{random_bytes, random_hex, sha256_hex, to_hex};
    let rng = |e: getrandom::Error| Error::Internal(format!("OS RNG: {e}"));
    let secret = random_bytes(32).map_err(rng)?;
    let receipt = Receipt {
        letter: letter.slug.clone(),
        signature: random_hex(16).map_err(rng)?,
        secret: to_hex(&secret),
    };
    // Written with the others arriving at the same time.
    queue
        .confirm(Confirmation {
            token_id: t.id,
            signature_id: sig.id,
            status,
            verified_domain,
            public_id: receipt.signature.clone(),
            receipt_hash: sha256_hex(&secret),
        })
        .await?;
    app.metrics.signatures_confirmed.inc();
    Ok((outcome, letter, receipt))
}

/// What a signer keeps to find and prove their entry in the letter's log.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub(crate) struct Receipt {
    pub letter: String,
    /// The signature's public id, as the log names it.
    pub signature: String,
    /// 32 random bytes, hex; the log holds the SHA-256 of the bytes.
    pub secret: String,
}

/// A withdrawal link's signature and letter, if it may still withdraw.
async fn withdrawable(
    app: &AppState,
    token: &str,
) -> Result<(token::Model, signature::Model, letter::Model)> {
    let (t, sig, letter) = token_target(app, TokenPurpose::WithdrawSignature, token).await?;
    if sig.status == SignatureStatus::Withdrawn {
        return Err(Error::LinkNotValid);
    }
    Ok((t, sig, letter))
}

/// Shows what a withdrawal link would withdraw, changing nothing.
pub(crate) async fn peek_withdraw(app: &AppState, token: &str) -> Result<letter::Model> {
    Ok(withdrawable(app, token).await?.2)
}

/// Withdraws the signature a token was issued for: it leaves the count and the list.
pub(crate) async fn withdraw(app: &AppState, token: &str) -> Result<letter::Model> {
    let (t, sig, letter) = withdrawable(app, token).await?;
    let txn = crate::db::begin(&app.db).await?;
    tokens::use_up(&txn, t.id).await?;
    signatures::withdraw(&txn, sig.id).await?;
    // A confirmation link still in the mailbox must not bring the signature back.
    tokens::retire_for_signature(&txn, sig.id, TokenPurpose::ConfirmSignature).await?;
    tokens::retire_for_signature(&txn, sig.id, TokenPurpose::WithdrawSignature).await?;
    txn.commit().await?;
    Ok(letter)
}
