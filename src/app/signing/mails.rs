//! The signer's two emails and the links they carry: shared by the batch
//! writer and the one-by-one path, below both.

use chrono::Duration;
use sea_orm::ConnectionTrait;

use crate::db::entities::letter;
use crate::db::entities::signature::{self, SignatureStatus};
use crate::db::entities::token::{self, TokenPurpose};
use crate::db::tokens;
use crate::error::Result;
use crate::mail::catalogue::{DiscreetMail, SignatureMail};
use crate::mail::{Email, Rendered};
use crate::state::AppState;

fn confirm_lifetime(app: &AppState) -> Duration {
    Duration::hours(app.settings.confirm_token_hours)
}

fn withdraw_lifetime(app: &AppState) -> Duration {
    Duration::days(app.settings.withdraw_token_days)
}

fn context(
    app: &AppState,
    letter: &letter::Model,
    sig: &signature::Model,
    confirm_url: Option<String>,
    withdraw_url: Option<String>,
) -> SignatureMail {
    SignatureMail {
        lang: sig.language.clone(),
        letter_title: letter.title.clone(),
        letter_url: format!("{}/letters/{}", app.settings.public_url, letter.slug),
        name: sig.name.clone(),
        status: sig.status,
        confirm_url,
        withdraw_url,
        confirm_hours: app.settings.confirm_token_hours,
    }
}

/// What a discreet signer's mail shows: the links, nothing of the letter.
fn discreet(
    app: &AppState,
    sig: &signature::Model,
    confirm_url: Option<String>,
    withdraw_url: Option<String>,
) -> DiscreetMail {
    DiscreetMail {
        lang: sig.language.clone(),
        public_url: app.settings.public_url.clone(),
        confirm_url,
        withdraw_url,
        confirm_hours: app.settings.confirm_token_hours,
    }
}

/// A new signature's confirmation mail and the rows of its two tokens (not yet stored).
pub(super) fn confirmation(
    app: &AppState,
    letter: &letter::Model,
    sig: &signature::Model,
) -> Result<(Rendered, [token::ActiveModel; 2])> {
    let (confirm, confirm_row) = tokens::prepare(
        TokenPurpose::ConfirmSignature,
        Some(sig.id),
        None,
        confirm_lifetime(app),
    )?;
    let (withdraw, withdraw_row) = tokens::prepare(
        TokenPurpose::WithdrawSignature,
        Some(sig.id),
        None,
        withdraw_lifetime(app),
    )?;
    let (confirm_url, withdraw_url) = (
        Some(app.link("confirm", &confirm)),
        Some(app.link("withdraw", &withdraw)),
    );
    let mail = if sig.discreet {
        Email::ConfirmDiscreet(discreet(app, sig, confirm_url, withdraw_url))
    } else {
        Email::ConfirmSignature(context(app, letter, sig, confirm_url, withdraw_url))
    };
    Ok((
        app.mail_templates.render(&mail)?,
        [confirm_row, withdraw_row],
    ))
}

/// [`confirmation`], with its two tokens stored in `txn`.
pub(super) async fn confirmation_stored(
    app: &AppState,
    txn: &impl ConnectionTrait,
    letter: &letter::Model,
    sig: &signature::Model,
) -> Result<Rendered> {
    let (mail, token_rows) = confirmation(app, letter, sig)?;
    tokens::insert_many(txn, token_rows.into()).await?;
    Ok(mail)
}

/// The mail an address gets when it signs again: it never makes a second signature,
/// but it carries what the owner of the mailbox can still do.
pub(super) async fn already_signed(
    app: &AppState,
    txn: &impl ConnectionTrait,
    letter: &letter::Model,
    sig: &signature::Model,
) -> Result<Rendered> {
    let confirm_url = if sig.status == SignatureStatus::Unconfirmed {
        let t = tokens::issue(
            txn,
            TokenPurpose::ConfirmSignature,
            sig.id,
            confirm_lifetime(app),
        )
        .await?;
        Some(app.link("confirm", &t))
    } else {
        None
    };
    let withdraw_url = if matches!(
        sig.status,
        SignatureStatus::Unconfirmed
            | SignatureStatus::Confirmed
            | SignatureStatus::AwaitingApproval
    ) {
        let t = tokens::issue(
            txn,
            TokenPurpose::WithdrawSignature,
            sig.id,
            withdraw_lifetime(app),
        )
        .await?;
        Some(app.link("withdraw", &t))
    } else {
        None
    };
    let mail = if sig.discreet {
        Email::AlreadySignedDiscreet(discreet(app, sig, confirm_url, withdraw_url))
    } else {
        Email::AlreadySigned(context(app, letter, sig, confirm_url, withdraw_url))
    };
    app.mail_templates.render(&mail)
}
