//! What a signer submits, and the signature it becomes once every field is valid.

use serde::Deserialize;

use crate::db::signatures::Signer;
use crate::domain::{Email, OptionalText, SignerName};
use crate::error::{Error, FieldErrors, Result};
use crate::i18n::Msg;

/// A signature as submitted, before validation (from JSON or a form).
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub(crate) struct SignatureInput {
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
    /// "Why I signed", shown once a moderator approves it.
    pub reason: Option<String>,
    /// On a discreet letter: a personal address for updates, kept instead of
    /// the address signed with (giving it is consent to updates).
    pub updates_email: Option<String>,
    /// The language the signer reads (set by the route, not the body).
    #[serde(skip)]
    pub language: Option<String>,
}

/// A signature whose every field is known to be valid.
#[derive(Debug, Clone)]
pub(crate) struct NewSignature {
    pub name: SignerName,
    pub email: Email,
    pub title: Option<String>,
    pub affiliation: Option<String>,
    pub group: GroupChoice,
    pub anonymous: bool,
    pub updates: bool,
    pub reason: Option<String>,
    /// A personal address for updates (kept only on a discreet letter).
    pub updates_email: Option<Email>,
    /// On a discreet letter or group: the keyed hash and domain stored in
    /// place of the canonical address. Set by [`NewSignature::make_discreet`].
    pub email_key: Option<String>,
    /// The language the signer reads: their mail is written in it.
    pub language: String,
}

/// The longest reason a signer may give.
const REASON_MAX_CHARS: usize = 280;

/// The group a signer chose: none, one the letter lists, or a new one to propose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum GroupChoice {
    None,
    Listed(String),
    Propose(String),
}

impl SignatureInput {
    /// Checks every field and reports all problems at once.
    pub(crate) fn validate(self) -> Result<NewSignature> {
        let mut errors = FieldErrors::new();
        let name = SignerName::parse(self.name.as_deref().unwrap_or(""))
            .map_err(|e| errors.insert("name".into(), e))
            .ok();
        let email = Email::parse(self.email.as_deref().unwrap_or(""))
            .map_err(|e| errors.insert("email".into(), e))
            .ok();
        let title = OptionalText::parse(self.title.as_deref())
            .map_err(|e| errors.insert("title".into(), e))
            .ok();
        let affiliation = OptionalText::parse(self.affiliation.as_deref())
            .map_err(|e| errors.insert("affiliation".into(), e))
            .ok();
        // Typed in a box, a reason may break lines: it is shown as one paragraph.
        let reason_text = self
            .reason
            .as_deref()
            .map(|r| r.split_whitespace().collect::<Vec<_>>().join(" "));
        let reason = OptionalText::parse_within(reason_text.as_deref(), REASON_MAX_CHARS)
            .map_err(|e| errors.insert("reason".into(), e))
            .ok()
            .and_then(OptionalText::into_inner);
        let updates_email = match self.updates_email.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Email::parse(text)
                .map_err(|e| errors.insert("updates_email".into(), e))
                .ok(),
        };
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
                errors.insert("new_group".into(), Msg::id("error-group-name-short"));
                GroupChoice::None
            }
            (None, Some(name)) => GroupChoice::Propose(name),
            (Some(_), Some(_)) => {
                errors.insert("new_group".into(), Msg::id("error-group-both"));
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
                    updates: self.updates.unwrap_or(false) || updates_email.is_some(),
                    reason,
                    updates_email,
                    email_key: None,
                    language: self
                        .language
                        .filter(|l| crate::i18n::is_supported(l))
                        .unwrap_or_else(|| crate::i18n::FALLBACK.to_owned()),
                })
            }
            _ => Err(Error::Invalid(errors)),
        }
    }
}

impl NewSignature {
    /// Signs discreetly: the address is stored as `key` (its keyed hash and
    /// domain), and updates go only to a personal address, if one was given.
    pub(super) fn make_discreet(&mut self, key: String) {
        self.email_key = Some(key);
        self.updates = self.updates_email.is_some();
    }

    /// What identifies the signer on the letter: the canonical address, or
    /// its keyed hash when discreet.
    pub(super) fn identity(&self) -> &str {
        self.email_key
            .as_deref()
            .unwrap_or_else(|| self.email.normalized())
    }

    /// The columns stored from what the signer typed.
    pub(super) fn signer(&self) -> Signer<'_> {
        Signer {
            name: self.name.as_str(),
            email: self.email.as_str(),
            email_normalized: self.identity(),
            title: self.title.as_deref(),
            affiliation: self.affiliation.as_deref(),
            anonymous: self.anonymous,
            updates: self.updates,
            reason: self.reason.as_deref(),
            discreet: self.email_key.is_some(),
            language: &self.language,
            updates_email: self
                .updates_email
                .as_ref()
                .filter(|_| self.email_key.is_some())
                .map(Email::as_str),
        }
    }
}
