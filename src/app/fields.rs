//! Checks shared by the use cases' inputs: a text field within its bounds,
//! a moderator's reason.

use crate::error::{Error, FieldErrors, Result};
use crate::i18n::Msg;

/// A text field trimmed and checked: required or not, at most `max`
/// characters, no control characters (but line breaks and tabs where `multiline`).
/// Problems go into `errors` under `field`.
pub(crate) fn text_field(
    errors: &mut FieldErrors,
    field: &str,
    value: &str,
    max: usize,
    required: bool,
    multiline: bool,
) -> String {
    let v = value.trim();
    if required && v.is_empty() {
        errors.insert(field.into(), Msg::id("error-required"));
    } else if v.chars().count() > max {
        errors.insert(field.into(), Msg::id("error-text-long").with("max", max));
    } else if v.chars().any(|c| {
        crate::domain::text::is_control_char(c) && !(multiline && matches!(c, '\n' | '\r' | '\t'))
    }) {
        errors.insert(field.into(), Msg::id("error-control-chars"));
    }
    v.to_owned()
}

/// A reason is required wherever a moderator refuses or hides something.
pub(crate) fn reason(input: Option<&str>) -> Result<String> {
    optional_reason(input)?.ok_or_else(|| Error::field("reason", Msg::id("error-reason-required")))
}

/// A reason that may be left out (blank is none), within the same bound.
pub(crate) fn optional_reason(input: Option<&str>) -> Result<Option<String>> {
    match input.map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) if r.chars().count() > 2000 => Err(Error::field(
            "reason",
            Msg::id("error-text-long").with("max", 2000),
        )),
        r => Ok(r.map(str::to_owned)),
    }
}

/// A text's title, summary and body in another language, as its team sends it.
#[derive(Debug, Default, Clone, serde::Deserialize, utoipa::ToSchema)]
pub(crate) struct TranslationInput {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub body: Option<String>,
}

/// A translation whose every field is valid.
#[derive(Debug, Clone)]
pub(crate) struct TranslationDraft {
    pub title: String,
    pub summary: String,
    pub body: String,
}

/// A letter's or a campaign's title, summary and body checked, each field
/// named with `prefix` (`""`, or `translations.es.` for a translation).
pub(crate) fn own_text(
    errors: &mut FieldErrors,
    prefix: &str,
    title: &str,
    summary: &str,
    body: &str,
) -> (String, String, String) {
    (
        text_field(errors, &format!("{prefix}title"), title, 200, true, false),
        text_field(
            errors,
            &format!("{prefix}summary"),
            summary,
            500,
            true,
            false,
        ),
        text_field(errors, &format!("{prefix}body"), body, 50_000, true, true),
    )
}

/// A letter's or a campaign's own language (`language`, else as it was,
/// else `en`) and the translations its input changes: each a language tag
/// other than its own, with its text, or `None` to remove it.
pub(crate) fn language_and_translations(
    errors: &mut FieldErrors,
    language: Option<&str>,
    old: Option<&str>,
    translations: Option<std::collections::BTreeMap<String, Option<TranslationInput>>>,
) -> (String, Vec<(String, Option<TranslationDraft>)>) {
    let language = match language.map(str::trim) {
        Some(tag) => crate::i18n::canonical_language(tag).unwrap_or_else(|| {
            errors.insert("language".into(), Msg::id("error-language-tag"));
            String::new()
        }),
        None => old.unwrap_or("en").to_owned(),
    };
    let mut changed = Vec::new();
    for (tag, t) in translations.unwrap_or_default() {
        let Some(lang) = crate::i18n::canonical_language(&tag) else {
            errors.insert(format!("translations.{tag}"), Msg::id("error-language-tag"));
            continue;
        };
        if lang == language {
            errors.insert(format!("translations.{tag}"), Msg::id("error-own-language"));
            continue;
        }
        let Some(t) = t else {
            changed.push((lang, None));
            continue;
        };
        let (title, summary, body) = own_text(
            errors,
            &format!("translations.{tag}."),
            t.title.as_deref().unwrap_or(""),
            t.summary.as_deref().unwrap_or(""),
            t.body.as_deref().unwrap_or(""),
        );
        changed.push((
            lang,
            Some(TranslationDraft {
                title,
                summary,
                body,
            }),
        ));
    }
    (language, changed)
}
