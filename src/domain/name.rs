//! A signer's name.

use super::text::has_control_chars;

/// A non-empty, bounded, single-line name. Any script is welcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerName(String);

impl SignerName {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(input: &str) -> Result<SignerName, String> {
        let s = input.trim();
        if s.is_empty() {
            return Err("Enter your name.".into());
        }
        if has_control_chars(s) {
            return Err("Your name can't contain control characters.".into());
        }
        if s.chars().count() > Self::MAX_CHARS {
            return Err(format!(
                "Your name is too long (at most {} characters).",
                Self::MAX_CHARS
            ));
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
    fn empty_overlong_and_control_names_are_refused() {
        assert!(SignerName::parse("").is_err());
        assert!(SignerName::parse("   ").is_err());
        assert!(SignerName::parse(&"a".repeat(101)).is_err());
        assert!(SignerName::parse("a\nb").is_err());
        assert!(SignerName::parse(&"a".repeat(100)).is_ok());
    }
}
