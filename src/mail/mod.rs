//! Email: the catalogue of kinds, rendering them from templates, the outbox
//! they are queued in, and the delivery worker.

pub mod catalogue;
pub mod dkim;
pub mod outbox;
pub mod transport;
pub mod worker;

use std::path::Path;

use tera::Tera;

pub use catalogue::Email;

use crate::error::Result;

/// A rendered message, ready to be queued.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub kind: &'static str,
    pub priority: catalogue::Priority,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Renders emails from `templates/email/<kind>.txt` and `<kind>.html` (Tera syntax;
/// not `.tera` files, so the page engine leaves them alone). HTML parts are
/// autoescaped, text parts are not.
pub struct Templates {
    tera: Tera,
}

impl Templates {
    /// Loads every email template under `<template_dir>/email/`.
    pub fn load(template_dir: &Path) -> Result<Templates> {
        let glob = template_dir.join("email").join("*.{txt,html}");
        let mut tera = Tera::new(&glob.to_string_lossy())?;
        crate::i18n::register(&mut tera);
        // Links in the HTML part read as plain URLs.
        tera.set_escape_fn(crate::i18n::escape_html);
        Ok(Templates { tera })
    }

    /// Renders both parts of an email.
    pub fn render(&self, email: &Email) -> Result<Rendered> {
        let kind = email.kind();
        let ctx = tera::Context::from_serialize(email)?;
        Ok(Rendered {
            kind,
            priority: email.priority(),
            subject: email.subject(),
            text: self.tera.render(&format!("{kind}.txt"), &ctx)?,
            html: self.tera.render(&format!("{kind}.html"), &ctx)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::catalogue::{
        AccountMail, Audience, DeliveryGroup, DeliveryMail, DiscreetMail, InvitationMail, Priority,
        SignatureMail, UpdateMail, VolunteerMail, WebhookMail,
    };
    use super::*;
    use crate::db::entities::signature::SignatureStatus;

    fn every_kind(lang: &str) -> Vec<Email> {
        let signature = SignatureMail {
            lang: lang.into(),
            letter_title: "Drop <Arclight>".into(),
            letter_url: "https://u.example/letters/drop".into(),
            name: "Zoë".into(),
            status: SignatureStatus::Unconfirmed,
            confirm_url: Some("https://u.example/confirm/T1".into()),
            withdraw_url: Some("https://u.example/withdraw/T2".into()),
            confirm_hours: 168,
        };
        let account = AccountMail {
            lang: lang.into(),
            email: "zoe@example.org".into(),
            link: Some("https://u.example/account/confirm/T3".into()),
            public_url: "https://u.example".into(),
            hours: 1,
        };
        vec![
            Email::ConfirmSignature(signature.clone()),
            Email::AlreadySigned(signature),
            Email::ConfirmAccount(account.clone()),
            Email::AccountExists(account.clone()),
            Email::ResetPassword(account),
            Email::Update(UpdateMail {
                lang: lang.into(),
                letter_title: "Drop <Arclight>".into(),
                letter_url: "https://u.example/letters/drop".into(),
                kind: "update",
                title: "We delivered <it>".into(),
                from: None,
                body_text: "The chairs have it.".into(),
                body_html: "<p>The chairs have it.</p>".into(),
                published_on: "2 December 2026".into(),
                unsubscribe_url: "https://u.example/unsubscribe/T4".into(),
            }),
            Email::Delivery(DeliveryMail {
                lang: lang.into(),
                letter_title: "Drop <Arclight>".into(),
                letter_url: "https://u.example/letters/drop".into(),
                pdf_url: "https://u.example/letters/drop/letter.pdf".into(),
                to: "Program chairs, PETS <Forum>".into(),
                summary: "Drop the sponsor.".into(),
                body_text: "We ask you to *drop* it.".into(),
                body_html: "<p>We ask you to <em>drop</em> it.</p>".into(),
                signature_count: "1,214".into(),
                verified_count: "910".into(),
                groups: vec![DeliveryGroup {
                    name: "Carnegie <Mellon>".into(),
                    signature_count: "300".into(),
                    verified_count: "250".into(),
                }],
                delivered_on: "3 December 2026".into(),
            }),
            Email::TeamInvitation(InvitationMail {
                lang: lang.into(),
                what: "letter",
                title: "Drop <Arclight>".into(),
                url: "https://u.example/letters/drop".into(),
                role: "editor",
                invited_by: "org@example.org".into(),
                link: "https://u.example/invitations/T5".into(),
                public_url: "https://u.example".into(),
                email: "new@example.org".into(),
            }),
            Email::ConfirmVolunteer(VolunteerMail {
                lang: lang.into(),
                campaign_title: "No <tech>".into(),
                campaign_url: "https://u.example/campaigns/no-tech".into(),
                name: "Zoë".into(),
                confirm_url: Some("https://u.example/volunteers/confirm/T6".into()),
                confirm_hours: 168,
                resources_text: String::new(),
                resources_html: String::new(),
                public_url: "https://u.example".into(),
            }),
            Email::VolunteerWelcome(VolunteerMail {
                lang: lang.into(),
                campaign_title: "No <tech>".into(),
                campaign_url: "https://u.example/campaigns/no-tech".into(),
                name: "Zoë".into(),
                confirm_url: None,
                confirm_hours: 168,
                resources_text: "Toolkit: https://u.example/toolkit".into(),
                resources_html: "<p>Toolkit: <a href=\"https://u.example/toolkit\">https://u.example/toolkit</a></p>".into(),
                public_url: "https://u.example".into(),
            }),
            Email::ConfirmDiscreet(DiscreetMail {
                lang: lang.into(),
                public_url: "https://u.example".into(),
                confirm_url: Some("https://u.example/confirm/T7".into()),
                withdraw_url: Some("https://u.example/withdraw/T8".into()),
                confirm_hours: 168,
            }),
            Email::AlreadySignedDiscreet(DiscreetMail {
                lang: lang.into(),
                public_url: "https://u.example".into(),
                confirm_url: None,
                withdraw_url: Some("https://u.example/withdraw/T9".into()),
                confirm_hours: 168,
            }),
            Email::WebhookDisabled(WebhookMail {
                lang: lang.into(),
                what: "campaign",
                title: "No <tech>".into(),
                url: "https://u.example/organiser/campaigns/no-tech".into(),
                endpoint: "https://crm.example/hooks/undersigned".into(),
                since: "3 December 2026".into(),
                last_status_code: Some(500),
                public_url: "https://u.example".into(),
                email: "org@example.org".into(),
            }),
        ]
    }

    /// Every string a mail's context holds (its data: titles, names,
    /// links), but the selectors its messages choose by.
    fn data_of(email: &Email) -> Vec<String> {
        fn walk(v: &serde_json::Value, key: &str, out: &mut Vec<String>) {
            match v {
                serde_json::Value::String(s)
                    if !["lang", "kind", "what", "role", "status"].contains(&key) =>
                {
                    out.push(s.clone())
                }
                serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, key, out)),
                serde_json::Value::Object(o) => o.iter().for_each(|(k, v)| walk(v, k, out)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        walk(&serde_json::to_value(email).unwrap(), "", &mut out);
        out
    }

    /// The pseudo-locale test for mail: every kind, rendered in the
    /// pseudo-language, has no English word left outside its messages.
    #[test]
    fn every_kind_in_the_pseudo_language_leaves_no_english() {
        let templates = Templates::load(Path::new("templates")).unwrap();
        for email in every_kind(crate::i18n::PSEUDO) {
            let r = templates.render(&email).unwrap();
            let data = data_of(&email);
            let data: Vec<&str> = data.iter().map(String::as_str).collect();
            for (part, text) in [
                ("subject", &r.subject),
                ("text", &r.text),
                ("html", &r.html),
            ] {
                let left = crate::i18n::english_left(text, &data);
                assert!(left.is_empty(), "{} ({part}): {left:#?}\n{text}", r.kind);
            }
        }
        // The same mail in English has English in it: the check can fail.
        let english = every_kind("en");
        let r = templates.render(&english[0]).unwrap();
        assert!(!crate::i18n::english_left(
            &r.text,
            &data_of(&english[0])
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
        )
        .is_empty());
    }

    #[test]
    fn every_kind_in_the_catalogue_renders_both_parts_with_its_link() {
        let templates = Templates::load(Path::new("templates")).unwrap();
        let all = every_kind("en");
        let kinds: Vec<&str> = all.iter().map(Email::kind).collect();
        assert_eq!(kinds, Email::KINDS, "KINDS lists every variant, in order");
        for email in all {
            let r = templates.render(&email).unwrap();
            assert_eq!(r.kind, email.kind());
            assert!(!r.subject.is_empty());
            let link = r
                .text
                .split_whitespace()
                .find(|w| w.starts_with("https://u.example/"));
            assert!(link.is_some(), "{}: no link in the text part", r.kind);
            // Written as a plain URL (not `&#x2F;` for each slash).
            assert!(
                r.html.contains(link.unwrap()),
                "{}: the HTML part lacks the link",
                r.kind
            );
            assert!(!r.html.contains("&#x2F;"), "{}", r.kind);
            // The HTML part is escaped, the text part is not.
            if r.kind.ends_with("signature")
                || ["already_signed", "update", "delivery", "team_invitation"].contains(&r.kind)
            {
                assert!(r.text.contains("Drop <Arclight>"), "{}", r.kind);
                assert!(r.html.contains("Drop &lt;Arclight&gt;"), "{}", r.kind);
            }
            if r.kind.contains("volunteer") {
                assert!(r.text.contains("No <tech>"), "{}", r.kind);
                assert!(r.html.contains("No &lt;tech&gt;"), "{}", r.kind);
            }
            // Mail to many goes after what someone waits for, and only to
            // those who asked for it.
            let (priority, audience) = match email {
                Email::Update(_) => (Priority::Bulk, Audience::Consenting),
                Email::Delivery(_) => (Priority::Transactional, Audience::Recipients),
                Email::TeamInvitation(_) => (Priority::Transactional, Audience::Invited),
                Email::WebhookDisabled(_) => (Priority::Transactional, Audience::Owners),
                _ => (Priority::Transactional, Audience::WhoAsked),
            };
            assert_eq!(email.priority(), priority, "{}", r.kind);
            assert_eq!(email.audience(), audience, "{}", r.kind);
        }
    }

    #[test]
    fn every_template_file_belongs_to_a_kind_or_is_a_partial() {
        for entry in std::fs::read_dir("templates/email").unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
            assert!(
                stem.starts_with('_') || Email::KINDS.contains(&stem),
                "{name} is no kind's template"
            );
        }
    }
}
