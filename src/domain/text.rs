//! Short free-text fields a signer may fill in (title, affiliation).

use crate::i18n::Msg;

/// Characters a person cannot type on purpose and that would corrupt pages,
/// logs or CSV: control characters, and the invisible bidirectional overrides
/// and isolates that make text display in another order than it is stored
/// (right-to-left scripts need none of them).
pub fn has_control_chars(s: &str) -> bool {
    s.chars().any(is_control_char)
}

/// One character of the kind [`has_control_chars`] looks for.
pub fn is_control_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// An optional single-line text: trimmed, empty means absent, bounded in length.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OptionalText(Option<String>);

impl OptionalText {
    pub const MAX_CHARS: usize = 150;

    pub fn parse(input: Option<&str>) -> Result<OptionalText, Msg> {
        Self::parse_within(input, Self::MAX_CHARS)
    }

    /// Like [`OptionalText::parse`], with a bound of its own.
    pub fn parse_within(input: Option<&str>, max_chars: usize) -> Result<OptionalText, Msg> {
        let Some(s) = input.map(str::trim).filter(|s| !s.is_empty()) else {
            return Ok(OptionalText(None));
        };
        if has_control_chars(s) {
            return Err(Msg::id("error-text-chars"));
        }
        if s.chars().count() > max_chars {
            return Err(Msg::id("error-text-long").with("max", max_chars));
        }
        Ok(OptionalText(Some(s.to_owned())))
    }

    pub fn into_inner(self) -> Option<String> {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidirectional_overrides_are_refused_and_right_to_left_text_is_not() {
        assert!(has_control_chars("evil\u{202E}gpj.exe"));
        assert!(has_control_chars("a\u{2066}b"));
        assert!(!has_control_chars("שלום עליכם"));
        assert!(!has_control_chars("مرحبا"));
    }

    #[test]
    fn blank_is_absent_and_text_is_trimmed() {
        assert_eq!(OptionalText::parse(None).unwrap().into_inner(), None);
        assert_eq!(OptionalText::parse(Some("  ")).unwrap().into_inner(), None);
        assert_eq!(
            OptionalText::parse(Some(" Professor "))
                .unwrap()
                .into_inner(),
            Some("Professor".into())
        );
    }

    #[test]
    fn control_characters_and_overlong_text_are_refused() {
        assert!(OptionalText::parse(Some("a\u{0}b")).is_err());
        assert!(OptionalText::parse(Some(&"x".repeat(151))).is_err());
        assert!(OptionalText::parse(Some(&"é".repeat(150))).is_ok());
    }
}
