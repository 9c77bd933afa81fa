//! The signer's path: sign, confirm by the emailed link, withdraw.

use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};
use serde::{Deserialize, Serialize};

use crate::db::entities::letter::{self, LetterStatus};
use crate::db::entities::letter_group::{self, GroupStatus};
use crate::db::entities::signature::{self, SignatureStatus};
use crate::db::entities::token::{self, TokenPurpose};
use crate::db::{self, letters, signatures, tokens};
use crate::domain::{Email, OptionalText, SignerName, Slug};
use crate::error::{Error, FieldErrors, Result};
use crate::mail::outbox;
use crate::rate_limit;
use crate::state::AppState;

pub const LETTER_CLOSED: &str = "This letter is closed and no longer takes signatures.";

/// A signature as submitted, before validation (from JSON or a form).
#[derive(Debug, Default, Deserialize)]
pub struct SignatureInput {
    pub name: Option<String>,
    pub email: Option<String>,
    pub title: Option<String>,
    pub affiliation: Option<String>,
    /// A group slug of the letter.
    pub group: Option<String>,
    /// The name of a group to propose, on a letter that takes proposals.
    pub new_group: Option<String>,
    pub anonymous: Option<bool>,
    /// Consent to emails from the organisers.
    pub updates: Option<bool>,
}

/// A signature whose every field is known to be valid.
#[derive(Debug, Clone)]
pub struct NewSignature {
    pub name: SignerName,
    pub email: Email,
    pub title: Option<String>,
    pub affiliation: Option<String>,
    pub group: GroupChoice,
    pub anonymous: bool,
    pub updates: bool,
}

/// The group a signer chose: none, one the letter lists, or a new one to propose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupChoice {
    None,
    Listed(String),
    Propose(String),
}

impl SignatureInput {
    /// Checks every field and reports all problems at once.
    pub fn validate(self) -> Result<NewSignature> {
        let mut errors = FieldErrors::new();
        let name = SignerName::parse(self.name.as_deref().unwrap_or(""))
            .map_err(|e| errors.insert("name".into(), e))
            .ok();
        let email = Email::parse(self.email.as_deref().unwrap_or(""))
            .map_err(|e| errors.insert("email".into(), e.into()))
            .ok();
        let title = OptionalText::parse(self.title.as_deref())
            .map_err(|e| errors.insert("title".into(), e))
            .ok();
        let affiliation = OptionalText::parse(self.affiliation.as_deref())
            .map_err(|e| errors.insert("affiliation".into(), e))
            .ok();
        let listed = self
            .group
            .map(|g| g.trim().to_owned())
            .filter(|g| !g.is_empty());
        let proposed = OptionalText::parse(self.new_group.as_deref())
            .map_err(|e| errors.insert("new_group".into(), e))
            .ok()
            .and_then(OptionalText::into_inner);
        let group = match (listed, proposed) {
            (None, None) => GroupChoice::None,
            (Some(slug), None) => GroupChoice::Listed(slug),
            (None, Some(name)) if name.chars().count() < 2 => {
                errors.insert("new_group".into(), "Give the group's full name.".into());
                GroupChoice::None
            }
            (None, Some(name)) => GroupChoice::Propose(name),
            (Some(_), Some(_)) => {
                errors.insert(
                    "new_group".into(),
                    "Choose a listed group or propose a new one, not both.".into(),
                );
                GroupChoice::None
            }
        };
        match (name, email, title, affiliation) {
            (Some(name), Some(email), Some(title), Some(affiliation)) if errors.is_empty() => {
                Ok(NewSignature {
                    name,
                    email,
                    title: title.into_inner(),
                    affiliation: affiliation.into_inner(),
                    group,
                    anonymous: self.anonymous.unwrap_or(false),
                    updates: self.updates.unwrap_or(false),
                })
            }
            _ => Err(Error::Invalid(errors)),
        }
    }
}

/// What a confirmed link led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Confirmed {
    Confirmed,
    AwaitingApproval,
}

/// Signs `letter_slug`. Answers the same whether or not the address had signed
/// before; only the email that goes out differs.
pub async fn sign(app: &AppState, letter_slug: &str, new: NewSignature) -> Result<()> {
    let _admitted = app.sign_queue.admit_signing()?;
    let letter = letters::find_by_slug(&app.db, letter_slug)
        .await?
        .ok_or(Error::NotFound)?;
    match letter.status {
        LetterStatus::Published => {}
        LetterStatus::Closed => return Err(Error::Gone(LETTER_CLOSED.into())),
        _ => return Err(Error::NotFound),
    }
    let group = match &new.group {
        GroupChoice::None => Group::None,
        GroupChoice::Listed(slug) => {
            let group = letters::groups(&app.db, letter.id)
                .await?
                .into_iter()
                .find(|g| &g.slug == slug)
                .ok_or_else(|| Error::field("group", "Choose one of this letter's groups."))?;
            check_required_domain(&group, &new.email)?;
            Group::Existing(group.id)
        }
        GroupChoice::Propose(name) => {
            if !letter.allow_group_proposals {
                return Err(Error::field(
                    "new_group",
                    "This letter does not take new groups; choose one of its groups.",
                ));
            }
            let slug = Slug::from_name(name);
            match letters::group_by_slug(&app.db, letter.id, slug.as_str()).await? {
                // Someone proposed it before, or the organiser lists it: join it.
                Some(group) => {
                    check_required_domain(&group, &new.email)?;
                    Group::Existing(group.id)
                }
                None => Group::Propose {
                    slug,
                    name: name.clone(),
                },
            }
        }
    };
    // A blocked address gets the ordinary answer, and nothing is stored or sent.
    if crate::moderation::is_blocked(&app.db, &new.email).await? {
        tracing::info!(letter = %letter.slug, "signature from a blocked address dropped");
        return Ok(());
    }
    match group {
        // New signatures are written in batches, one transaction for many.
        Group::None => app.sign_queue.submit(letter, None, new).await?,
        Group::Existing(id) => app.sign_queue.submit(letter, Some(id), new).await?,
        // A proposal creates a group as it signs: rare, and written on its own.
        proposal @ Group::Propose { .. } => sign_direct(app, &letter, proposal, &new).await?,
    }
    app.mail_wake.notify_one();
    app.metrics.signatures_accepted.inc();
    Ok(())
}

/// Writes one signature in a transaction of its own: a new one, a signature
/// again after withdrawing, or "you have already signed" for an address that has.
pub(crate) async fn sign_direct(
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

/// The group a signature will join, resolved against the letter.
pub(crate) enum Group {
    None,
    Existing(i64),
    /// A group to create as `proposed` along with the signature.
    Propose {
        slug: Slug,
        name: String,
    },
}

/// A group that takes only verified addresses refuses others before anything is stored.
fn check_required_domain(group: &letter_group::Model, email: &Email) -> Result<()> {
    if group.require_verified && group.verifying_domain(email.domain()).is_none() {
        let domains = group.domains().join(" or ");
        return Err(Error::field(
            "email",
            format!(
                "{} takes signatures only from {domains} addresses. Use that address, or choose another group.",
                group.name
            ),
        ));
    }
    Ok(())
}

/// Inserts a group a signer proposed; it stays hidden until accepted.
async fn insert_proposed_group(
    txn: &sea_orm::DatabaseTransaction,
    letter_id: i64,
    slug: &Slug,
    name: &str,
) -> Result<i64> {
    let row = letter_group::ActiveModel {
        letter_id: Set(letter_id),
        slug: Set(slug.as_str().to_owned()),
        name: Set(name.to_owned()),
        email_domains: Set(String::new()),
        require_verified: Set(false),
        goal: Set(None),
        created_at: Set(Utc::now()),
        status: Set(GroupStatus::Proposed),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map_err(conflict_on_unique)?;
    Ok(row.id)
}

fn conflict_on_unique(e: sea_orm::DbErr) -> Error {
    if db::is_unique_violation(&e) {
        Error::Conflict("signed concurrently".into())
    } else {
        e.into()
    }
}

async fn sign_once(
    app: &AppState,
    letter: &letter::Model,
    group: &Group,
    new: &NewSignature,
) -> Result<()> {
    let txn = app.db.begin().await?;
    let existing =
        signatures::find_by_email_for_update(&txn, letter.id, new.email.normalized()).await?;
    let now = Utc::now();
    // Only a new (or restarted) signature may create a proposal.
    let group_id = match (group, &existing) {
        (Group::None, _) => None,
        (Group::Existing(id), _) => Some(*id),
        (Group::Propose { slug, name }, None) => {
            Some(insert_proposed_group(&txn, letter.id, slug, name).await?)
        }
        (Group::Propose { slug, name }, Some(old)) if old.status == SignatureStatus::Withdrawn => {
            Some(insert_proposed_group(&txn, letter.id, slug, name).await?)
        }
        (Group::Propose { .. }, Some(_)) => None,
    };
    let mail = match existing {
        None => {
            let sig = signature::ActiveModel {
                letter_id: Set(letter.id),
                group_id: Set(group_id),
                created_at: Set(now),
                ..fresh_signature(new)
            }
            .insert(&txn)
            .await
            .map_err(conflict_on_unique)?;
            confirmation_mail(app, &txn, letter, &sig).await?
        }
        // Signing again after withdrawing starts over.
        Some(old) if old.status == SignatureStatus::Withdrawn => {
            let sig = signature::ActiveModel {
                id: Set(old.id),
                group_id: Set(group_id),
                ..fresh_signature(new)
            }
            .update(&txn)
            .await?;
            confirmation_mail(app, &txn, letter, &sig).await?
        }
        Some(old) => {
            // Signing again sends the mailbox a mail each time: a few a day at
            // most, or anyone could flood someone else's inbox from this form.
            // The answer stays the same (a different one would tell a stranger
            // that the address has signed).
            let bucket = repeat_mail_bucket(letter.id, new.email.normalized());
            if app.settings.rate_limits
                && rate_limit::retry_after(&txn, &bucket, rate_limit::REPEAT_MAIL_PER_ADDRESS)
                    .await?
                    .is_some()
            {
                tracing::info!(letter = %letter.slug, "an address signing again is at its mail limit; no mail sent");
                return Ok(());
            }
            rate_limit::hit(&txn, &bucket).await?;
            already_signed_mail(app, &txn, letter, &old).await?
        }
    };
    outbox::enqueue(&txn, new.email.as_str(), mail).await?;
    txn.commit().await?;
    Ok(())
}

/// The rate-limit bucket of mails to one address about one letter; the
/// address is kept only as a hash.
fn repeat_mail_bucket(letter_id: i64, email_normalized: &str) -> String {
    use sha2::{Digest, Sha256};
    let hex = format!("{:x}", Sha256::digest(email_normalized.as_bytes()));
    format!("repeat-mail:{letter_id}:{}", &hex[..32])
}

/// The columns a new (or restarted) signature takes from what the signer typed.
pub(crate) fn fresh_signature(new: &NewSignature) -> signature::ActiveModel {
    signature::ActiveModel {
        name: Set(new.name.as_str().to_owned()),
        email: Set(new.email.as_str().to_owned()),
        email_normalized: Set(new.email.normalized().to_owned()),
        title: Set(new.title.clone()),
        affiliation: Set(new.affiliation.clone()),
        anonymous: Set(new.anonymous),
        updates: Set(new.updates),
        verified_affiliation: Set(false),
        verified_domain: Set(None),
        status: Set(SignatureStatus::Unconfirmed),
        moderation_reason: Set(None),
        confirmed_at: Set(None),
        withdrawn_at: Set(None),
        ..Default::default()
    }
}

#[derive(Serialize)]
struct MailContext<'a> {
    letter_title: &'a str,
    letter_url: String,
    name: &'a str,
    status: SignatureStatus,
    confirm_url: Option<String>,
    withdraw_url: Option<String>,
    confirm_hours: i64,
}

impl AppState {
    fn confirm_lifetime(&self) -> Duration {
        Duration::hours(self.settings.confirm_token_hours)
    }

    fn withdraw_lifetime(&self) -> Duration {
        Duration::days(self.settings.withdraw_token_days)
    }
}

async fn confirmation_mail(
    app: &AppState,
    txn: &sea_orm::DatabaseTransaction,
    letter: &letter::Model,
    sig: &signature::Model,
) -> Result<crate::mail::Rendered> {
    let (mail, rows) = confirmation_parts(app, letter, sig)?;
    token::Entity::insert_many(rows).exec(txn).await?;
    Ok(mail)
}

/// A new signature's confirmation mail and the rows of its two tokens (not yet stored).
pub(crate) fn confirmation_parts(
    app: &AppState,
    letter: &letter::Model,
    sig: &signature::Model,
) -> Result<(crate::mail::Rendered, [token::ActiveModel; 2])> {
    let (confirm, confirm_row) = tokens::prepare(
        TokenPurpose::ConfirmSignature,
        Some(sig.id),
        None,
        app.confirm_lifetime(),
    )?;
    let (withdraw, withdraw_row) = tokens::prepare(
        TokenPurpose::WithdrawSignature,
        Some(sig.id),
        None,
        app.withdraw_lifetime(),
    )?;
    let ctx = MailContext {
        letter_title: &letter.title,
        letter_url: format!("{}/letters/{}", app.settings.public_url, letter.slug),
        name: &sig.name,
        status: sig.status,
        confirm_url: Some(app.link("confirm", &confirm)),
        withdraw_url: Some(app.link("withdraw", &withdraw)),
        confirm_hours: app.settings.confirm_token_hours,
    };
    let mail = app.mail_templates.render(
        "confirm_signature",
        format!("Confirm your signature on “{}”", letter.title),
        &ctx,
    )?;
    Ok((mail, [confirm_row, withdraw_row]))
}

/// The mail an address gets when it signs again: it never makes a second signature,
/// but it carries what the owner of the mailbox can still do.
async fn already_signed_mail(
    app: &AppState,
    txn: &sea_orm::DatabaseTransaction,
    letter: &letter::Model,
    sig: &signature::Model,
) -> Result<crate::mail::Rendered> {
    let confirm_url = if sig.status == SignatureStatus::Unconfirmed {
        let t = tokens::issue(
            txn,
            TokenPurpose::ConfirmSignature,
            sig.id,
            app.confirm_lifetime(),
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
            app.withdraw_lifetime(),
        )
        .await?;
        Some(app.link("withdraw", &t))
    } else {
        None
    };
    let ctx = MailContext {
        letter_title: &letter.title,
        letter_url: format!("{}/letters/{}", app.settings.public_url, letter.slug),
        name: &sig.name,
        status: sig.status,
        confirm_url,
        withdraw_url,
        confirm_hours: app.settings.confirm_token_hours,
    };
    app.mail_templates.render(
        "already_signed",
        format!("You have already signed “{}”", letter.title),
        &ctx,
    )
}

/// The signature and letter a live token belongs to.
async fn token_target(
    db: &DatabaseConnection,
    purpose: TokenPurpose,
    token: &str,
) -> Result<(
    crate::db::entities::token::Model,
    signature::Model,
    letter::Model,
)> {
    let t = tokens::find_live(db, purpose, token).await?;
    let gone = || Error::Gone(tokens::LINK_NOT_VALID.into());
    let sig = signature::Entity::find_by_id(t.signature_id.ok_or_else(gone)?)
        .one(db)
        .await?
        .ok_or_else(gone)?;
    let letter = letter::Entity::find_by_id(sig.letter_id)
        .one(db)
        .await?
        .ok_or_else(gone)?;
    Ok((t, sig, letter))
}

/// Shows what a confirmation link would confirm, changing nothing (for the GET page).
pub async fn peek_confirm(app: &AppState, token: &str) -> Result<letter::Model> {
    let (_, sig, letter) = token_target(&app.db, TokenPurpose::ConfirmSignature, token).await?;
    if sig.status != SignatureStatus::Unconfirmed {
        return Err(Error::Gone(tokens::LINK_NOT_VALID.into()));
    }
    if letter.status != LetterStatus::Published {
        return Err(Error::Gone(LETTER_CLOSED.into()));
    }
    Ok(letter)
}

/// Confirms the signature a token was issued for; the token is used up.
pub async fn confirm(app: &AppState, token: &str) -> Result<(Confirmed, letter::Model)> {
    let _admitted = app.sign_queue.admit_confirming()?;
    let (t, sig, letter) = token_target(&app.db, TokenPurpose::ConfirmSignature, token).await?;
    if sig.status != SignatureStatus::Unconfirmed {
        return Err(Error::Gone(tokens::LINK_NOT_VALID.into()));
    }
    if letter.status != LetterStatus::Published {
        return Err(Error::Gone(LETTER_CLOSED.into()));
    }
    let outcome = if letter.requires_approval {
        Confirmed::AwaitingApproval
    } else {
        Confirmed::Confirmed
    };
    // The address has just proved it reads this mailbox: if its domain is
    // listed for the signature's group, the affiliation is verified.
    let verified_domain = match sig.group_id {
        Some(id) => letter_group::Entity::find_by_id(id)
            .one(&app.db)
            .await?
            .and_then(|g| verifying_domain(&g, &sig.email)),
        None => None,
    };
    let status = match outcome {
        Confirmed::Confirmed => SignatureStatus::Confirmed,
        Confirmed::AwaitingApproval => SignatureStatus::AwaitingApproval,
    };
    if crate::sign_queue::batches_confirmations(app) {
        // Written with the others arriving at the same time, in one statement.
        app.sign_queue
            .confirm(crate::sign_queue::Confirmation {
                token_id: t.id,
                signature_id: sig.id,
                status,
                verified_domain,
            })
            .await?;
    } else {
        let txn = app.db.begin().await?;
        tokens::use_up(&txn, t.id).await?;
        let res = signature::Entity::update_many()
            .set(signature::ActiveModel {
                status: Set(status),
                confirmed_at: Set(Some(Utc::now())),
                verified_affiliation: Set(verified_domain.is_some()),
                verified_domain: Set(verified_domain),
                ..Default::default()
            })
            .filter(signature::Column::Id.eq(sig.id))
            .filter(signature::Column::Status.eq(SignatureStatus::Unconfirmed))
            .exec(&txn)
            .await?;
        if res.rows_affected != 1 {
            return Err(Error::Gone(tokens::LINK_NOT_VALID.into()));
        }
        txn.commit().await?;
    }
    app.metrics.signatures_confirmed.inc();
    Ok((outcome, letter))
}

/// The group's listed domain that the stored address `email` verifies against.
pub fn verifying_domain(group: &letter_group::Model, email: &str) -> Option<String> {
    let domain = email.rsplit_once('@')?.1.to_ascii_lowercase();
    group.verifying_domain(&domain).map(str::to_owned)
}

/// Shows what a withdrawal link would withdraw, changing nothing.
pub async fn peek_withdraw(app: &AppState, token: &str) -> Result<letter::Model> {
    let (_, sig, letter) = token_target(&app.db, TokenPurpose::WithdrawSignature, token).await?;
    if sig.status == SignatureStatus::Withdrawn {
        return Err(Error::Gone(tokens::LINK_NOT_VALID.into()));
    }
    Ok(letter)
}

/// Withdraws the signature a token was issued for: it leaves the count and the list.
pub async fn withdraw(app: &AppState, token: &str) -> Result<letter::Model> {
    let (t, sig, letter) = token_target(&app.db, TokenPurpose::WithdrawSignature, token).await?;
    if sig.status == SignatureStatus::Withdrawn {
        return Err(Error::Gone(tokens::LINK_NOT_VALID.into()));
    }
    let txn = app.db.begin().await?;
    tokens::use_up(&txn, t.id).await?;
    signature::ActiveModel {
        id: Set(sig.id),
        status: Set(SignatureStatus::Withdrawn),
        withdrawn_at: Set(Some(Utc::now())),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    // A confirmation link still in the mailbox must not bring the signature back.
    tokens::retire_for_signature(&txn, sig.id, TokenPurpose::ConfirmSignature).await?;
    tokens::retire_for_signature(&txn, sig.id, TokenPurpose::WithdrawSignature).await?;
    txn.commit().await?;
    Ok(letter)
}
