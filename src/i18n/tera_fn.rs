//! `t` for the templates (pages and mail): `{{ t(key="sign-title", lang=nav.lang) }}`,
//! with any further arguments passed to the message. A number named `n`
//! selects the plural and is also given, written as the language writes
//! numbers, as `count`. And the `number` filter: `{{ 1214 | number(lang="es") }}`.

use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use serde_json::Value as Json;

use super::messages::{lookup, number, FALLBACK};

/// The `t` function.
pub struct Translate;

fn lang_of(args: &HashMap<String, Json>) -> &str {
    args.get("lang").and_then(Json::as_str).unwrap_or(FALLBACK)
}

impl tera::Function for Translate {
    fn call(&self, args: &HashMap<String, Json>) -> tera::Result<Json> {
        let key = args
            .get("key")
            .and_then(Json::as_str)
            .ok_or_else(|| tera::Error::msg("t(): give key=\"message-id\""))?;
        let lang = lang_of(args);
        let mut fluent: Vec<(&str, FluentValue<'_>)> = Vec::with_capacity(args.len());
        for (name, value) in args {
            if matches!(name.as_str(), "key" | "lang" | "__tera_one_off") {
                continue;
            }
            let value = match value {
                Json::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                    (Some(u), _, _) => FluentValue::from(u),
                    (_, Some(i), _) => FluentValue::from(i),
                    (_, _, Some(f)) => FluentValue::from(f),
                    _ => FluentValue::from(n.to_string()),
                },
                Json::String(s) => FluentValue::from(s.as_str()),
                Json::Null => FluentValue::from(""),
                other => FluentValue::from(other.to_string()),
            };
            fluent.push((name.as_str(), value));
        }
        let formatted = args
            .get("n")
            .and_then(Json::as_u64)
            .filter(|_| !args.contains_key("count"))
            .map(|n| number(lang, n));
        if let Some(count) = &formatted {
            fluent.push(("count", FluentValue::from(count.as_str())));
        }
        lookup(lang, key, &fluent)
            .map(Json::String)
            .ok_or_else(|| tera::Error::msg(format!("no message {key:?} in any language")))
    }
}

/// The `number` filter.
pub(super) fn number_filter(value: &Json, args: &HashMap<String, Json>) -> tera::Result<Json> {
    let n = value
        .as_u64()
        .ok_or_else(|| tera::Error::msg("number: not a whole number"))?;
    Ok(Json::String(number(lang_of(args), n)))
}

/// What HTML needs escaped in text and in quoted attributes; `/` stays as it
/// is, so links read as plain URLs (Tera's own escaping writes `&#x2F;`,
/// which some mail filters and link checkers mistrust).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

/// `th`: as `t`, for messages that hold markup (a link around a title):
/// the message's own markup is kept, every argument is HTML-escaped, and
/// the result goes into the page as it is.
pub(super) struct TranslateHtml;

impl tera::Function for TranslateHtml {
    fn call(&self, args: &HashMap<String, Json>) -> tera::Result<Json> {
        let escaped: HashMap<String, Json> = args
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    Json::String(s) if k != "key" && k != "lang" => Json::String(escape(s)),
                    other => other.clone(),
                };
                (k.clone(), v)
            })
            .collect();
        Translate.call(&escaped)
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// The `day` filter: an ISO date (or date and time, or RFC 3339 instant) as
/// the language writes a day, `{{ "2026-11-30" | day(lang="es") }}` → "30 de
/// noviembre de 2026"; with `time=true`, the time of day (UTC) too.
pub(super) fn day_filter(value: &Json, args: &HashMap<String, Json>) -> tera::Result<Json> {
    let text = value
        .as_str()
        .ok_or_else(|| tera::Error::msg("day: not a date"))?;
    let at = chrono::DateTime::parse_from_rfc3339(text)
        .map(|d| d.naive_utc())
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f"))
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f"))
        .or_else(|_| {
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map(|d| d.and_time(Default::default()))
        })
        .map_err(|_| tera::Error::msg(format!("day: {text:?} is not a date")))?;
    let lang = lang_of(args);
    Ok(Json::String(
        if args.get("time").and_then(Json::as_bool) == Some(true) {
            super::messages::long_date_time(lang, at)
        } else {
            super::messages::long_date(lang, at.date())
        },
    ))
}

/// Adds `t`, `th` and the `number` and `day` filters to a Tera instance.
pub fn register(tera: &mut tera::Tera) {
    tera.register_filter("day", day_filter);
    tera.register_function("t", Translate);
    tera.register_function("th", TranslateHtml);
    tera.register_filter("number", number_filter);
}
