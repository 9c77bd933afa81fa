//! A signer's name.

use super::text::has_control_chars;
use crate::i18n::Msg;

/// A non-empty, bounded, single-line name. Any script is welcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerName(String);

impl SignerName {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(input: &str) -> Result<SignerName, Msg> {
        let s = input.trim();
        if s.is_empty() {
            return Err(Msg::id("error-name-empty"));
        }
        if has_control_chars(s) {
            return Err(Msg::id("error-name-control"));
        }
        if s.chars().count() > Self::MAX_CHARS {
            return Err(Msg::id("error-name-long").with("max", Self::MAX_CHARS));
        }
        // A list of names is not a place for links (spam, phishing).
        let lower = s.to_lowercase();
        if lower.contains("://") || lower.contains("www.") {
            return Err(Msg::id("error-name-url"));
        }
        // A spreadsheet would run a cell starting with these as a formula.
        if s.starts_with(['=', '+', '-', '@']) {
            return Err(Msg::id("error-name-formula"));
        }
        Ok(SignerName(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_any_script_are_accepted_and_trimmed() {
        for n in ["Ada Lovelace", "李小龍", "محمد", "Zoë Ñúñez", "  Jo  "] {
            let parsed = SignerName::parse(n).unwrap();
            assert_eq!(parsed.as_str(), n.trim());
        }
    }

    #[test]
    fn combining_marks_and_right_to_left_names_are_kept_as_typed() {
        for n in [
            "Zoe\u{308} Ne\u{301}el",
            "דוד בן-גוריון",
            "عبد الله",
            "김민준",
            "Ngũgĩ wa Thiong'o",
        ] {
            assert_eq!(SignerName::parse(n).unwrap().as_str(), n);
        }
    }

    #[test]
    fn links_and_formula_starts_are_refused() {
        for n in [
            "Visit https://spam.example",
            "HTTP://x.y",
            "www.cheap-pills.example",
            "=HYPERLINK(\"http://x\")",
            "+1 555",
            "-2+3",
            "@SUM(A1)",
        ] {
            assert!(SignerName::parse(n).is_err(), "{n}");
        }
        // What only looks similar is fine.
        for n in [
            "Anne-Marie O'Neil",
            "J. R. R. Tolkien",
            "Dr. Ada Lovelace, PhD",
        ] {
            assert!(SignerName::parse(n).is_ok(), "{n}");
        }
    }

    #[test]
    fn empty_overlong_and_control_names_are_refused() {
        assert!(SignerName::parse("").is_err());
        assert!(SignerName::parse("   ").is_err());
        assert!(SignerName::parse(&"a".repeat(101)).is_err());
        assert!(SignerName::parse("a\nb").is_err());
        assert!(SignerName::parse(&"a".repeat(100)).is_ok());
    }
}
