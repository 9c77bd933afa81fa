//! Organiser and moderator accounts: registration confirmed by email, login,
//! password reset, and the `user add` command. Nothing here reveals whether an
//! address has an account.

use chrono::Duration;
use sea_orm::ConnectionTrait;

use crate::auth::{password, sessions};
use crate::db::entities::session::SessionKind;
use crate::db::entities::token::TokenPurpose;
use crate::db::entities::user::{self, Role};
use crate::db::{tokens, users};
use crate::domain::{Email, Token};
use crate::error::{Error, FieldErrors, Result};
use crate::limits::{self, Count};
use crate::mail::catalogue::AccountMail;
use crate::mail::{outbox, Email as Mail};
use crate::state::AppState;

/// Password-reset links are short-lived.
const RESET_LIFETIME_HOURS: i64 = 1;

/// The lower-cased address accounts are keyed by.
fn account_email(input: &str) -> Result<String, crate::i18n::Msg> {
    Email::parse(input).map(|e| e.as_str().to_lowercase())
}

fn credentials(email: &str, password: &str) -> Result<String> {
    let mut errors = FieldErrors::new();
    let email = account_email(email)
        .map_err(|e| errors.insert("email".into(), e))
        .ok();
    if let Err(e) = password::check_strength(password) {
        errors.insert("password".into(), e);
    }
    match email {
        Some(e) if errors.is_empty() => Ok(e),
        _ => Err(Error::Invalid(errors)),
    }
}

/// Registrations and reset requests from one client address.
fn account_mail(ip: &str) -> Count {
    Count::new(format!("account-mail:ip:{ip}"), limits::ACCOUNT_MAIL_PER_IP)
}

/// Registers an organiser. The answer is the same for a new and a known
/// address; a known one gets an email saying it already has an account.
pub(crate) async fn register(
    app: &AppState,
    email: &str,
    password: &str,
    ip: &str,
    lang: &str,
) -> Result<()> {
    let email = credentials(email, password)?;
    app.limiter.take(&[account_mail(ip)]).await?;
    // Hash either way, so both paths take the same time.
    let hash = app.hasher.hash(password.to_owned()).await?;
    let txn = crate::db::begin(&app.db).await?;
    let mail = match users::find_by_email(&txn, &email).await? {
        Some(_) => Mail::AccountExists(AccountMail {
            lang: lang.to_owned(),
            email: email.clone(),
            link: Some(format!("{}/password/forgot", app.settings.public_url)),
            public_url: app.settings.public_url.clone(),
            hours: RESET_LIFETIME_HOURS,
        }),
        None => {
            let user = users::insert(&txn, &email, hash, Role::Organiser, false, lang).await?;
            let token = tokens::issue_for_user(
                &txn,
                TokenPurpose::ConfirmAccount,
                user.id,
                Duration::hours(app.settings.confirm_token_hours),
            )
            .await?;
            Mail::ConfirmAccount(AccountMail {
                lang: lang.to_owned(),
                email: email.clone(),
                link: Some(app.link("account/confirm", &token)),
                public_url: app.settings.public_url.clone(),
                hours: app.settings.confirm_token_hours,
            })
        }
    };
    outbox::enqueue(&txn, &email, app.mail_templates.render(&mail)?).await?;
    txn.commit().await?;
    app.mail_wake.notify_one();
    Ok(())
}

/// Checks a confirmation link without using it (the GET page).
pub(crate) async fn peek_account_token(
    app: &AppState,
    purpose: TokenPurpose,
    token: &str,
) -> Result<()> {
    tokens::find_live(&app.db, purpose, token).await.map(drop)
}

/// Confirms an account by its emailed link.
pub(crate) async fn confirm_account(app: &AppState, token: &str) -> Result<()> {
    let t = tokens::find_live(&app.db, TokenPurpose::ConfirmAccount, token).await?;
    let user_id = t.user_id.ok_or(Error::LinkNotValid)?;
    let txn = crate::db::begin(&app.db).await?;
    tokens::use_up(&txn, t.id).await?;
    users::confirm(&txn, user_id).await?;
    txn.commit().await?;
    Ok(())
}

/// Checks a password and opens a session. Failures are counted per account
/// and per client address, and answer identically for unknown addresses.
pub(crate) async fn login(
    app: &AppState,
    email: &str,
    password: &str,
    ip: &str,
    kind: SessionKind,
) -> Result<(Token, user::Model)> {
    let email = email.trim().to_lowercase();
    let failures = [
        // The account is counted by a hash of the address typed: no address is stored.
        Count::hashed("login-fail:account", &email, limits::LOGIN_PER_ACCOUNT),
        Count::new(format!("login-fail:ip:{ip}"), limits::LOGIN_PER_IP),
    ];
    app.limiter.check(&failures).await?;

    let user = users::find_by_email(&app.db, &email).await?;
    let ok = app
        .hasher
        .verify(
            password.to_owned(),
            user.as_ref().map(|u| u.password_hash.clone()),
        )
        .await;
    match user {
        Some(user) if ok && user.confirmed_at.is_some() => {
            let token = sessions::open(&app.db, user.id, kind).await?;
            Ok((token, user))
        }
        _ => {
            app.limiter.hit(&failures).await?;
            Err(Error::Unauthorized)
        }
    }
}

/// Sends a reset link if the address has an account; answers the same either way.
pub(crate) async fn request_reset(app: &AppState, email: &str, ip: &str, lang: &str) -> Result<()> {
    let email = account_email(email).map_err(|e| Error::field("email", e))?;
    app.limiter.take(&[account_mail(ip)]).await?;
    let txn = crate::db::begin(&app.db).await?;
    if let Some(user) = users::find_by_email(&txn, &email).await? {
        let token = tokens::issue_for_user(
            &txn,
            TokenPurpose::ResetPassword,
            user.id,
            Duration::hours(RESET_LIFETIME_HOURS),
        )
        .await?;
        let mail = Mail::ResetPassword(AccountMail {
            lang: lang.to_owned(),
            email: email.clone(),
            link: Some(app.link("password/reset", &token)),
            public_url: app.settings.public_url.clone(),
            hours: RESET_LIFETIME_HOURS,
        });
        outbox::enqueue(&txn, &email, app.mail_templates.render(&mail)?).await?;
    }
    txn.commit().await?;
    app.mail_wake.notify_one();
    Ok(())
}

/// Sets a new password from a reset link and ends every session of the account.
pub(crate) async fn reset_password(app: &AppState, token: &str, new_password: &str) -> Result<()> {
    password::check_strength(new_password).map_err(|e| Error::field("password", e))?;
    let t = tokens::find_live(&app.db, TokenPurpose::ResetPassword, token).await?;
    let user_id = t.user_id.ok_or(Error::LinkNotValid)?;
    let hash = app.hasher.hash(new_password.to_owned()).await?;
    let txn = crate::db::begin(&app.db).await?;
    tokens::use_up(&txn, t.id).await?;
    // Following the emailed link proves the address too.
    users::set_password(&txn, user_id, hash).await?;
    sessions::revoke_all(&txn, user_id).await?;
    txn.commit().await?;
    Ok(())
}

/// `undersigned user add`: a confirmed account, made by an operator.
pub async fn add_user(
    db: &impl ConnectionTrait,
    email: &str,
    role: Role,
    password: &str,
) -> Result<user::Model> {
    let email = credentials(email, password)?;
    if users::find_by_email(db, &email).await?.is_some() {
        return Err(Error::Conflict(format!(
            "an account for {email} already exists"
        )));
    }
    let owned = password.to_owned();
    let hash = tokio::task::spawn_blocking(move || password::hash_blocking(&owned))
        .await
        .map_err(|e| Error::Internal(e.to_string()))??;
    users::insert(db, &email, hash, role, true, crate::i18n::FALLBACK).await
}
