//! The messages, the languages, and numbers as each language writes them.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use unic_langid::CharacterDirection;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Pages and mail carry the text as it is: no bidi isolation marks
        // around placeables (`dir` on the page does that job).
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The language messages fall back to, and the API's errors are written in.
pub const FALLBACK: &str = "en";

/// The pseudo-language the tests render every page in: each English message
/// transformed, so an English sentence left in a template stands out. Only
/// served when the settings allow it (`pseudo_language`).
pub const PSEUDO: &str = "qps";

/// The languages the service speaks: one per folder of `locales/`, sorted.
pub fn languages() -> &'static [String] {
    static ALL: LazyLock<Vec<String>> = LazyLock::new(|| {
        let mut all: Vec<String> = LOCALES.locales().map(|l| l.to_string()).collect();
        all.sort();
        all
    });
    &ALL
}

/// Whether `code` is one of [`languages`].
pub fn is_supported(code: &str) -> bool {
    languages().iter().any(|l| l == code)
}

/// What a language calls itself ("Español"), or its tag when the service
/// does not speak it.
pub fn language_name(code: &str) -> String {
    if is_supported(code) {
        t(code, "language-name")
    } else {
        code.to_owned()
    }
}

/// The language to use, from what a request asked for, in order: `?lang=`,
/// the cookie, `Accept-Language` (with its weights), then `default`.
pub fn negotiate(
    query: Option<&str>,
    cookie: Option<&str>,
    accept_language: Option<&str>,
    default: &str,
    pseudo_allowed: bool,
) -> String {
    for explicit in [query, cookie].into_iter().flatten() {
        let explicit = explicit.trim();
        if pseudo_allowed && explicit == PSEUDO {
            return PSEUDO.into();
        }
        if let Some(found) = best(&[explicit]) {
            return found;
        }
    }
    if let Some(header) = accept_language {
        let requested: Vec<String> = fluent_langneg::accepted_languages::parse(header)
            .into_iter()
            .map(|l| l.to_string())
            .collect();
        let requested: Vec<&str> = requested.iter().map(String::as_str).collect();
        if let Some(found) = best(&requested) {
            return found;
        }
    }
    best(&[default]).unwrap_or_else(|| FALLBACK.into())
}

/// The first of `requested` the service speaks, matching `es-MX` to `es`.
fn best(requested: &[&str]) -> Option<String> {
    let available: Vec<LanguageIdentifier> = LOCALES.locales().cloned().collect();
    let requested: Vec<LanguageIdentifier> =
        requested.iter().filter_map(|r| r.parse().ok()).collect();
    fluent_langneg::negotiate_languages(
        &requested,
        &available,
        None,
        fluent_langneg::NegotiationStrategy::Filtering,
    )
    .first()
    .map(|l| l.to_string())
}

fn id_of(lang: &str) -> LanguageIdentifier {
    lang.parse()
        .unwrap_or_else(|_| FALLBACK.parse().expect("the fallback is a language"))
}

/// `tag` as a canonical BCP 47 language tag (`pt-br` → `pt-BR`), if it is one.
pub fn canonical_language(tag: &str) -> Option<String> {
    let id: LanguageIdentifier = tag.trim().parse().ok()?;
    (id.language.as_str() != "und").then(|| id.to_string())
}

/// `ltr` or `rtl`: how the language is written (Arabic and Hebrew right to left).
pub fn direction(lang: &str) -> &'static str {
    match id_of(lang).character_direction() {
        CharacterDirection::RTL => "rtl",
        _ => "ltr",
    }
}

/// Message `id` in `lang` (falling back to English), with `args`; `None`
/// when no language has it.
pub fn lookup(lang: &str, id: &str, args: &[(&str, FluentValue<'_>)]) -> Option<String> {
    let pseudo = lang == PSEUDO;
    let lang_id = id_of(if pseudo { FALLBACK } else { lang });
    let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
        .iter()
        .map(|(k, v)| (Cow::Owned((*k).to_owned()), v.clone()))
        .collect();
    // The loader's map takes owned values; numbers and strings clone cheaply.
    let args: HashMap<Cow<'static, str>, FluentValue<'static>> =
        args.into_iter().map(|(k, v)| (k, v.into_owned())).collect();
    let text = LOCALES.try_lookup_with_args(&lang_id, id, &args)?;
    Some(if pseudo { pseudo_text(&text) } else { text })
}

/// Message `id` in `lang`; a missing id shows as itself (and fails the tests).
pub fn t(lang: &str, id: &str) -> String {
    lookup(lang, id, &[]).unwrap_or_else(|| id.to_owned())
}

/// [`t`] with arguments.
pub fn t_args(lang: &str, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    lookup(lang, id, args).unwrap_or_else(|| id.to_owned())
}

/// `n` written as `lang` writes numbers.
pub fn number(lang: &str, n: u64) -> String {
    use num_format::{Locale, ToFormattedString};
    let locale = match lang.split('-').next().unwrap_or(FALLBACK) {
        "es" => Locale::es,
        "fr" => Locale::fr,
        "de" => Locale::de,
        "it" => Locale::it,
        "pt" => Locale::pt,
        "ar" => Locale::ar,
        "he" => Locale::he,
        _ => Locale::en,
    };
    n.to_formatted_string(&locale)
}

/// Of `texts` in several languages, the one a reader of `lang` reads: the
/// one in `lang`, else one in a language of its family (`es-MX` for `es`,
/// `es` for `es-MX`).
pub fn closest<'a, T: 'a>(
    texts: impl Iterator<Item = &'a T> + Clone,
    lang: &str,
    language_of: impl Fn(&T) -> &str,
) -> Option<&'a T> {
    let family = |l: &str| l.split('-').next().unwrap_or(l).to_owned();
    texts.clone().find(|t| language_of(t) == lang).or_else(|| {
        texts
            .into_iter()
            .find(|t| family(language_of(t)) == family(lang))
    })
}

/// A day written as `lang` writes it: "30 November 2026", "30 de noviembre de 2026".
pub fn long_date(lang: &str, day: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "month-1", "month-2", "month-3", "month-4", "month-5", "month-6", "month-7", "month-8",
        "month-9", "month-10", "month-11", "month-12",
    ];
    let month = t(lang, MONTHS[day.month0() as usize]);
    t_args(
        lang,
        "date-long",
        &[
            ("day", day.day().into()),
            ("month", month.into()),
            ("year", day.year().to_string().into()),
        ],
    )
}

/// [`long_date`] with the time of day (UTC): "30 November 2026, 14:05".
pub fn long_date_time(lang: &str, at: chrono::NaiveDateTime) -> String {
    t_args(
        lang,
        "date-time",
        &[
            ("date", long_date(lang, at.date()).into()),
            ("time", at.format("%H:%M").to_string().into()),
        ],
    )
}

/// The pseudo-language's transformation: accented, bracketed, so that it is
/// readable and yet no English word survives it intact.
fn pseudo_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    out.push('⟦');
    let mut in_tag = false;
    for c in text.chars() {
        // Markup and placeholders pass untouched.
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ => {}
        }
        out.push(if in_tag { c } else { accent(c) });
    }
    out.push('⟧');
    out
}

fn accent(c: char) -> char {
    match c {
        'a' => 'á',
        'e' => 'é',
        'i' => 'í',
        'o' => 'ó',
        'u' => 'ú',
        'A' => 'Á',
        'E' => 'É',
        'I' => 'Í',
        'O' => 'Ó',
        'U' => 'Ú',
        'c' => 'ç',
        'n' => 'ñ',
        's' => 'š',
        'y' => 'ý',
        other => other,
    }
}

/// Every message id of `lang`'s files, from the files themselves (for the
/// tests that check every language has every id and no id goes unused).
pub fn ids_of(lang: &str) -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(lang);
    let mut ids = Vec::new();
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        let Ok(resource) = fluent_syntax::parser::parse(text.as_str()) else {
            continue;
        };
        for item in resource.body {
            if let fluent_syntax::ast::Entry::Message(m) = item {
                ids.push(m.id.name.to_owned());
            }
        }
    }
    ids.sort();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_comes_from_the_query_the_cookie_the_header_then_the_default() {
        assert_eq!(
            negotiate(Some("es"), Some("en"), Some("en"), "en", false),
            "es"
        );
        assert_eq!(negotiate(None, Some("es"), Some("en"), "en", false), "es");
        assert_eq!(
            negotiate(
                None,
                None,
                Some("fr-CA, es-MX;q=0.8, en;q=0.5"),
                "en",
                false
            ),
            "es"
        );
        assert_eq!(negotiate(Some("xx"), None, None, "es", false), "es");
        assert_eq!(negotiate(Some(PSEUDO), None, None, "en", false), "en");
        assert_eq!(negotiate(Some(PSEUDO), None, None, "en", true), PSEUDO);
    }

    #[test]
    fn a_reader_reads_their_language_else_one_of_its_family() {
        let texts = ["en", "es-MX", "pt"];
        let pick = |lang| closest(texts.iter(), lang, |t| t).copied();
        assert_eq!(pick("pt"), Some("pt"));
        assert_eq!(pick("es"), Some("es-MX"));
        assert_eq!(pick("es-AR"), Some("es-MX"));
        assert_eq!(pick("fr"), None);
        assert_eq!(
            long_date("es", chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()),
            "30 de noviembre de 2026"
        );
        assert_eq!(
            long_date("en", chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()),
            "30 November 2026"
        );
    }

    #[test]
    fn numbers_and_plurals_as_each_language_wants_them() {
        assert_eq!(number("en", 1214), "1,214");
        assert_eq!(number("es", 1214), "1.214");
        let count = |lang: &str, n: u64| {
            t_args(
                lang,
                "count-signatures",
                &[("n", n.into()), ("count", number(lang, n).into())],
            )
        };
        assert_eq!(count("es", 1), "1 firma");
        assert_eq!(count("es", 1214), "1.214 firmas");
        assert_eq!(count("en", 1), "1 signature");
        assert_eq!(count("en", 1214), "1,214 signatures");
        assert_eq!(direction("ar"), "rtl");
        assert_eq!(direction("es"), "ltr");
    }

    #[test]
    fn the_pseudo_language_leaves_no_english_word_whole() {
        let text = t(PSEUDO, "count-signatures-label");
        assert!(text.starts_with('⟦'));
        assert_ne!(text, t("en", "count-signatures-label"));
    }
}

/// A message for a person: a Fluent id with its arguments, or (where a
/// message has no id yet) a text as written, shown in every language alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Id(&'static str, Vec<(&'static str, String)>),
    Text(String),
}

impl Msg {
    /// Message `id`, without arguments so far.
    pub fn id(id: &'static str) -> Msg {
        Msg::Id(id, Vec::new())
    }

    /// Adds argument `name`.
    pub fn with(self, name: &'static str, value: impl ToString) -> Msg {
        match self {
            Msg::Id(id, mut args) => {
                args.push((name, value.to_string()));
                Msg::Id(id, args)
            }
            text => text,
        }
    }

    /// The message in `lang`.
    pub fn render(&self, lang: &str) -> String {
        match self {
            Msg::Id(id, args) => {
                let args: Vec<(&str, FluentValue<'_>)> = args
                    .iter()
                    .map(|(k, v)| {
                        let value = match v.parse::<u64>() {
                            Ok(n) => FluentValue::from(n),
                            Err(_) => FluentValue::from(v.as_str()),
                        };
                        (*k, value)
                    })
                    .collect();
                t_args(lang, id, &args)
            }
            Msg::Text(text) => text.clone(),
        }
    }
}

impl From<String> for Msg {
    fn from(text: String) -> Msg {
        Msg::Text(text)
    }
}

impl From<&str> for Msg {
    fn from(text: &str) -> Msg {
        Msg::Text(text.to_owned())
    }
}

/// In English: what the API says, and what logs show.
impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(FALLBACK))
    }
}

/// Compares the English text (for tests and callers that match on it).
impl PartialEq<&str> for Msg {
    fn eq(&self, other: &&str) -> bool {
        self.render(FALLBACK) == *other
    }
}

impl serde::Serialize for Msg {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.render(FALLBACK))
    }
}
