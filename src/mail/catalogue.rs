//! Every kind of email the service sends, in one list. A kind is a variant
//! carrying what its two templates (`templates/email/<kind>.txt` and
//! `<kind>.html`) show; its subject, its priority and who may receive it are
//! decided here. Adding a kind is one variant and its two templates.

use serde::Serialize;

use crate::db::entities::signature::SignatureStatus;

/// One email, ready to be rendered.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Email {
    /// A new signature's link to confirm it (and one to withdraw it).
    ConfirmSignature(SignatureMail),
    /// An address signed a letter it had signed before: no second signature,
    /// but what the mailbox's owner can still do.
    AlreadySigned(SignatureMail),
    /// A registration's link to confirm the account.
    ConfirmAccount(AccountMail),
    /// Someone registered with an address that has an account.
    AccountExists(AccountMail),
    /// A password-reset link.
    ResetPassword(AccountMail),
    /// An update (or a recipient's response) to a letter's consenting signers.
    Update(UpdateMail),
    /// The letter itself, delivered to one of the recipients its organiser named.
    Delivery(DeliveryMail),
    /// An invitation to join a letter's or a campaign's team.
    TeamInvitation(InvitationMail),
    /// A sign-up to organise for a campaign: the link to confirm it.
    ConfirmVolunteer(VolunteerMail),
    /// A confirmed volunteer's welcome, with the campaign's resources.
    VolunteerWelcome(VolunteerMail),
    /// [`Email::ConfirmSignature`] on a discreet letter or group: it names
    /// neither the letter, nor its recipients, nor the employer; the letter
    /// appears only behind the link.
    ConfirmDiscreet(DiscreetMail),
    /// [`Email::AlreadySigned`] on a discreet letter or group, as discreet.
    AlreadySignedDiscreet(DiscreetMail),
    /// A webhook endpoint failed for a day and was disabled: to the owners
    /// of its letter or campaign.
    WebhookDisabled(WebhookMail),
}

/// What the mail about a disabled webhook shows.
#[derive(Debug, Clone, Serialize)]
pub struct WebhookMail {
    /// The language the mail is written in (the owner's account's).
    pub lang: String,
    /// `letter` or `campaign`.
    pub what: &'static str,
    pub title: String,
    /// The organiser's page where its team sees the endpoints.
    pub url: String,
    /// The endpoint's address.
    pub endpoint: String,
    /// When it began to fail, as a date.
    pub since: String,
    /// The last HTTP status it answered (none: no answer at all).
    pub last_status_code: Option<i32>,
    pub public_url: String,
    /// The owner's address.
    pub email: String,
}

/// What a discreet signer's emails show: the links and the service, nothing
/// of what was signed.
#[derive(Debug, Clone, Serialize)]
pub struct DiscreetMail {
    pub lang: String,
    pub public_url: String,
    pub confirm_url: Option<String>,
    pub withdraw_url: Option<String>,
    pub confirm_hours: i64,
}

/// The kinds whose recipient's address is masked once the message is
/// handed over (or given up on): a discreet signer's work address is kept
/// only as long as the mail to it waits.
pub const DISCREET_KINDS: [&str; 2] = ["confirm_discreet", "already_signed_discreet"];

/// What a volunteer's emails show.
#[derive(Debug, Clone, Serialize)]
pub struct VolunteerMail {
    /// The language the mail is written in.
    pub lang: String,
    pub campaign_title: String,
    pub campaign_url: String,
    pub name: String,
    /// The link to confirm (the confirmation mail only).
    pub confirm_url: Option<String>,
    pub confirm_hours: i64,
    /// The organisers' resources, as written (the welcome only).
    pub resources_text: String,
    /// Rendered and sanitised, for the HTML part.
    pub resources_html: String,
    pub public_url: String,
}

/// What an invitation to a team shows.
#[derive(Debug, Clone, Serialize)]
pub struct InvitationMail {
    /// The language the mail is written in.
    pub lang: String,
    /// `letter` or `campaign`.
    pub what: &'static str,
    pub title: String,
    pub url: String,
    /// `owner`, `editor` or `viewer`.
    pub role: &'static str,
    /// Who invited them (their account's address).
    pub invited_by: String,
    pub link: String,
    pub public_url: String,
    /// The address invited.
    pub email: String,
}

/// What a signer's emails show.
#[derive(Debug, Clone, Serialize)]
pub struct SignatureMail {
    /// The language the signer signed in: the mail is written in it.
    pub lang: String,
    pub letter_title: String,
    pub letter_url: String,
    pub name: String,
    pub status: SignatureStatus,
    pub confirm_url: Option<String>,
    pub withdraw_url: Option<String>,
    pub confirm_hours: i64,
}

/// What an account's emails show.
#[derive(Debug, Clone, Serialize)]
pub struct AccountMail {
    /// The language the mail is written in.
    pub lang: String,
    pub email: String,
    pub link: Option<String>,
    pub public_url: String,
    pub hours: i64,
}

/// Where each recipient's unsubscribe link goes in an update's email, which
/// is rendered once for all of them: letters, digits and dashes only, so that
/// escaping leaves it as it is.
pub const UNSUBSCRIBE_MARKER: &str = "UNDERSIGNED-UNSUBSCRIBE-LINK-7f3a9c";

/// What an update's email shows. Rendered once for every recipient, with
/// [`UNSUBSCRIBE_MARKER`] for the unsubscribe link, the one part that differs.
#[derive(Debug, Clone, Serialize)]
pub struct UpdateMail {
    /// The language the mail is written in.
    pub lang: String,
    pub letter_title: String,
    pub letter_url: String,
    /// `update` or `response`.
    pub kind: &'static str,
    pub title: String,
    /// Who responded, for a response.
    pub from: Option<String>,
    /// The Markdown as written, for the text part.
    pub body_text: String,
    /// Rendered and sanitised, for the HTML part.
    pub body_html: String,
    pub published_on: String,
    pub unsubscribe_url: String,
}

/// What a delivered letter's email shows its recipient.
#[derive(Debug, Clone, Serialize)]
pub struct DeliveryMail {
    /// The language the mail is written in.
    pub lang: String,
    pub letter_title: String,
    pub letter_url: String,
    /// The letter as a PDF, with the public list as of the moment it is opened.
    pub pdf_url: String,
    /// Whom it is addressed to, in one line ("Program chairs, PETS Forum").
    pub to: String,
    pub summary: String,
    /// The Markdown as written, for the text part.
    pub body_text: String,
    /// Rendered and sanitised, for the HTML part.
    pub body_html: String,
    /// Formatted: "1,214".
    pub signature_count: String,
    pub verified_count: String,
    pub groups: Vec<DeliveryGroup>,
    pub delivered_on: String,
}

/// One group's count in a delivered letter's email.
#[derive(Debug, Clone, Serialize)]
pub struct DeliveryGroup {
    pub name: String,
    pub signature_count: String,
    pub verified_count: String,
}

/// Which mail leaves first when the outbox is busy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    /// Someone is waiting for it (a link to confirm, to log in): first.
    Transactional,
    /// Mail to many at once (updates to signers): after every transactional mail.
    Bulk,
}

/// Who a kind may be sent to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The address that just asked for it (signing, registering, a reset):
    /// any address, consent or not.
    WhoAsked,
    /// Only addresses that consented to the organisers' mail.
    Consenting,
    /// The recipients a letter's organiser named (a conference's chairs, a
    /// company's board): the letter is written to them.
    Recipients,
    /// An address a team's owner invited: one message, with the link to join.
    Invited,
    /// The owners of a letter or a campaign, about what they set up (their
    /// webhooks).
    Owners,
}

impl Email {
    /// Every kind's name, as the outbox records it and the templates are named.
    pub const KINDS: [&'static str; 13] = [
        "confirm_signature",
        "already_signed",
        "confirm_account",
        "account_exists",
        "reset_password",
        "update",
        "delivery",
        "team_invitation",
        "confirm_volunteer",
        "volunteer_welcome",
        "confirm_discreet",
        "already_signed_discreet",
        "webhook_disabled",
    ];

    pub fn kind(&self) -> &'static str {
        match self {
            Email::ConfirmSignature(_) => "confirm_signature",
            Email::AlreadySigned(_) => "already_signed",
            Email::ConfirmAccount(_) => "confirm_account",
            Email::AccountExists(_) => "account_exists",
            Email::ResetPassword(_) => "reset_password",
            Email::Update(_) => "update",
            Email::Delivery(_) => "delivery",
            Email::TeamInvitation(_) => "team_invitation",
            Email::ConfirmVolunteer(_) => "confirm_volunteer",
            Email::VolunteerWelcome(_) => "volunteer_welcome",
            Email::ConfirmDiscreet(_) => "confirm_discreet",
            Email::AlreadySignedDiscreet(_) => "already_signed_discreet",
            Email::WebhookDisabled(_) => "webhook_disabled",
        }
    }

    pub fn subject(&self) -> String {
        use crate::i18n::{t, t_args};
        match self {
            Email::ConfirmSignature(m) => t_args(
                &m.lang,
                "mail-confirm-subject",
                &[("title", m.letter_title.as_str().into())],
            ),
            Email::AlreadySigned(m) => t_args(
                &m.lang,
                "mail-already-subject",
                &[("title", m.letter_title.as_str().into())],
            ),
            Email::ConfirmAccount(m) => t(&m.lang, "mail-account-confirm-subject"),
            Email::AccountExists(m) => t(&m.lang, "mail-account-exists-subject"),
            Email::ResetPassword(m) => t(&m.lang, "mail-reset-subject"),
            Email::Update(m) => match &m.from {
                Some(from) if m.kind == "response" => t_args(
                    &m.lang,
                    "mail-response-subject",
                    &[
                        ("from", from.as_str().into()),
                        ("title", m.letter_title.as_str().into()),
                    ],
                ),
                _ => t_args(
                    &m.lang,
                    "mail-update-subject",
                    &[
                        ("update", m.title.as_str().into()),
                        ("title", m.letter_title.as_str().into()),
                    ],
                ),
            },
            Email::Delivery(m) => t_args(
                &m.lang,
                "mail-delivery-subject",
                &[
                    ("title", m.letter_title.as_str().into()),
                    ("count", m.signature_count.as_str().into()),
                ],
            ),
            Email::TeamInvitation(m) => t_args(
                &m.lang,
                "mail-invitation-subject",
                &[("what", m.what.into()), ("title", m.title.as_str().into())],
            ),
            Email::ConfirmVolunteer(m) => t_args(
                &m.lang,
                "mail-volunteer-confirm-subject",
                &[("title", m.campaign_title.as_str().into())],
            ),
            Email::VolunteerWelcome(m) => t_args(
                &m.lang,
                "mail-volunteer-welcome-subject",
                &[("title", m.campaign_title.as_str().into())],
            ),
            Email::ConfirmDiscreet(m) => t(&m.lang, "mail-discreet-subject"),
            Email::AlreadySignedDiscreet(m) => t(&m.lang, "mail-discreet-already-subject"),
            Email::WebhookDisabled(m) => t_args(
                &m.lang,
                "mail-webhook-disabled-subject",
                &[("what", m.what.into()), ("title", m.title.as_str().into())],
            ),
        }
    }

    pub fn priority(&self) -> Priority {
        match self {
            Email::ConfirmSignature(_)
            | Email::AlreadySigned(_)
            | Email::ConfirmAccount(_)
            | Email::AccountExists(_)
            | Email::ResetPassword(_)
            | Email::Delivery(_)
            | Email::TeamInvitation(_)
            | Email::ConfirmVolunteer(_)
            | Email::VolunteerWelcome(_)
            | Email::ConfirmDiscreet(_)
            | Email::AlreadySignedDiscreet(_)
            | Email::WebhookDisabled(_) => Priority::Transactional,
            Email::Update(_) => Priority::Bulk,
        }
    }

    pub fn audience(&self) -> Audience {
        match self {
            Email::ConfirmSignature(_)
            | Email::AlreadySigned(_)
            | Email::ConfirmAccount(_)
            | Email::AccountExists(_)
            | Email::ResetPassword(_)
            | Email::ConfirmVolunteer(_)
            | Email::VolunteerWelcome(_)
            | Email::ConfirmDiscreet(_)
            | Email::AlreadySignedDiscreet(_) => Audience::WhoAsked,
            Email::Update(_) => Audience::Consenting,
            Email::Delivery(_) => Audience::Recipients,
            Email::TeamInvitation(_) => Audience::Invited,
            Email::WebhookDisabled(_) => Audience::Owners,
        }
    }
}
