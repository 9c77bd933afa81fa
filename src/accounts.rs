//! Organiser and moderator accounts: registration confirmed by email, login,
//! password reset, and the `user add` command. Nothing here reveals whether an
//! address has an account.

use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use serde::Serialize;

use crate::auth::{password, sessions};
use crate::db::entities::session::SessionKind;
use crate::db::entities::token::TokenPurpose;
use crate::db::entities::user::{self, Role};
use crate::db::tokens;
use crate::domain::{Email, Token};
use crate::error::{Error, FieldErrors, Result};
use crate::mail::outbox;
use crate::rate_limit;
use crate::state::AppState;

/// What a failed login says, whatever failed.
pub const BAD_LOGIN: &str = "That email and password don't match an account.";

/// Password-reset links are short-lived.
const RESET_LIFETIME_HOURS: i64 = 1;

/// The lower-cased address accounts are keyed by.
fn account_email(input: &str) -> Result<String, String> {
    Email::parse(input)
        .map(|e| e.as_str().to_lowercase())
        .map_err(str::to_owned)
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

async fn find_by_email(db: &impl ConnectionTrait, email: &str) -> Result<Option<user::Model>> {
    Ok(user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await?)
}

async fn limit(app: &AppState, bucket: &str, limit: rate_limit::Limit) -> Result<()> {
    if !app.settings.rate_limits {
        return Ok(());
    }
    match rate_limit::retry_after(&app.db, bucket, limit).await? {
        Some(secs) => Err(Error::TooManyRequests(secs)),
        None => Ok(()),
    }
}

#[derive(Serialize)]
struct AccountMail<'a> {
    email: &'a str,
    link: Option<String>,
    public_url: &'a str,
    hours: i64,
}

/// Registers an organiser. The answer is the same for a new and a known
/// address; a known one gets an email saying it already has an account.
pub async fn register(app: &AppState, email: &str, password: &str, ip: &str) -> Result<()> {
    let email = credentials(email, password)?;
    limit(
        app,
        &format!("account-mail:ip:{ip}"),
        rate_limit::ACCOUNT_MAIL_PER_IP,
    )
    .await?;
    // Hash either way, so both paths take the same time.
    let hash = app.hasher.hash(password.to_owned()).await?;
    let txn = app.db.begin().await?;
    let mail = match find_by_email(&txn, &email).await? {
        Some(_) => app.mail_templates.render(
            "account_exists",
            "You already have an Undersigned account".into(),
            &AccountMail {
                email: &email,
                link: Some(format!("{}/password/forgot", app.settings.public_url)),
                public_url: &app.settings.public_url,
                hours: RESET_LIFETIME_HOURS,
            },
        )?,
        None => {
            let user = user::ActiveModel {
                email: Set(email.clone()),
                password_hash: Set(hash),
                role: Set(Role::Organiser),
                confirmed_at: Set(None),
                created_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            let token = tokens::issue_for_user(
                &txn,
                TokenPurpose::ConfirmAccount,
                user.id,
                Duration::hours(app.settings.confirm_token_hours),
            )
            .await?;
            app.mail_templates.render(
                "confirm_account",
                "Confirm your Undersigned account".into(),
                &AccountMail {
                    email: &email,
                    link: Some(app.link("account/confirm", &token)),
                    public_url: &app.settings.public_url,
                    hours: app.settings.confirm_token_hours,
                },
            )?
        }
    };
    rate_limit::hit(&txn, &format!("account-mail:ip:{ip}")).await?;
    outbox::enqueue(&txn, &email, mail).await?;
    txn.commit().await?;
    app.mail_wake.notify_one();
    Ok(())
}

/// Checks a confirmation link without using it (the GET page).
pub async fn peek_account_token(app: &AppState, purpose: TokenPurpose, token: &str) -> Result<()> {
    tokens::find_live(&app.db, purpose, token).await.map(drop)
}

/// Confirms an account by its emailed link.
pub async fn confirm_account(app: &AppState, token: &str) -> Result<()> {
    let t = tokens::find_live(&app.db, TokenPurpose::ConfirmAccount, token).await?;
    let user_id = t
        .user_id
        .ok_or_else(|| Error::Gone(tokens::LINK_NOT_VALID.into()))?;
    let txn = app.db.begin().await?;
    tokens::use_up(&txn, t.id).await?;
    user::ActiveModel {
        id: Set(user_id),
        confirmed_at: Set(Some(Utc::now())),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Checks a password and opens a session. Failures are counted per account
/// and per client address, and answer identically for unknown addresses.
pub async fn login(
    app: &AppState,
    email: &str,
    password: &str,
    ip: &str,
    kind: SessionKind,
) -> Result<(Token, user::Model)> {
    let email = email.trim().to_lowercase();
    let account_bucket = format!("login-fail:account:{email}");
    let ip_bucket = format!("login-fail:ip:{ip}");
    limit(app, &account_bucket, rate_limit::LOGIN_PER_ACCOUNT).await?;
    limit(app, &ip_bucket, rate_limit::LOGIN_PER_IP).await?;

    let user = find_by_email(&app.db, &email).await?;
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
            if app.settings.rate_limits {
                rate_limit::hit(&app.db, &account_bucket).await?;
                rate_limit::hit(&app.db, &ip_bucket).await?;
            }
            Err(Error::Unauthorized)
        }
    }
}

/// Sends a reset link if the address has an account; answers the same either way.
pub async fn request_reset(app: &AppState, email: &str, ip: &str) -> Result<()> {
    let Ok(email) = account_email(email) else {
        return Err(Error::field(
            "email",
            "Enter a valid email address, like name@example.org.",
        ));
    };
    limit(
        app,
        &format!("account-mail:ip:{ip}"),
        rate_limit::ACCOUNT_MAIL_PER_IP,
    )
    .await?;
    let txn = app.db.begin().await?;
    rate_limit::hit(&txn, &format!("account-mail:ip:{ip}")).await?;
    if let Some(user) = find_by_email(&txn, &email).await? {
        let token = tokens::issue_for_user(
            &txn,
            TokenPurpose::ResetPassword,
            user.id,
            Duration::hours(RESET_LIFETIME_HOURS),
        )
        .await?;
        let mail = app.mail_templates.render(
            "reset_password",
            "Reset your Undersigned password".into(),
            &AccountMail {
                email: &email,
                link: Some(app.link("password/reset", &token)),
                public_url: &app.settings.public_url,
                hours: RESET_LIFETIME_HOURS,
            },
        )?;
        outbox::enqueue(&txn, &email, mail).await?;
    }
    txn.commit().await?;
    app.mail_wake.notify_one();
    Ok(())
}

/// Sets a new password from a reset link and ends every session of the account.
pub async fn reset_password(app: &AppState, token: &str, new_password: &str) -> Result<()> {
    password::check_strength(new_password).map_err(|e| Error::field("password", e))?;
    let t = tokens::find_live(&app.db, TokenPurpose::ResetPassword, token).await?;
    let user_id = t
        .user_id
        .ok_or_else(|| Error::Gone(tokens::LINK_NOT_VALID.into()))?;
    let hash = app.hasher.hash(new_password.to_owned()).await?;
    let txn = app.db.begin().await?;
    tokens::use_up(&txn, t.id).await?;
    user::ActiveModel {
        id: Set(user_id),
        password_hash: Set(hash),
        // Following the emailed link proves the address too.
        confirmed_at: Set(Some(Utc::now())),
        ..Default::default()
    }
    .update(&txn)
    .await?;
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
    if find_by_email(db, &email).await?.is_some() {
        return Err(Error::Conflict(format!(
            "an account for {email} already exists"
        )));
    }
    let owned = password.to_owned();
    let hash = tokio::task::spawn_blocking(move || password::hash_blocking(&owned))
        .await
        .map_err(|e| Error::Internal(e.to_string()))??;
    let now = Utc::now();
    Ok(user::ActiveModel {
        email: Set(email),
        password_hash: Set(hash),
        role: Set(role),
        confirmed_at: Set(Some(now)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}
