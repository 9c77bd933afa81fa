//! One-time secrets sent by email (confirm, withdraw...).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// 256 bits from the OS RNG, comfortably over the 128 the design asks for.
const TOKEN_BYTES: usize = 32;
/// Length of the base64url text of `TOKEN_BYTES` bytes.
const TOKEN_CHARS: usize = 43;

/// A token as it travels in a link. Only its SHA-256 is ever stored.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(..)")
    }
}

impl Token {
    /// A fresh token from the operating system's RNG.
    pub fn generate() -> Result<Token, getrandom::Error> {
        let mut bytes = [0u8; TOKEN_BYTES];
        getrandom::fill(&mut bytes)?;
        Ok(Token(URL_SAFE_NO_PAD.encode(bytes)))
    }

    /// Accepts only text shaped like a token we issued; anything else can't match a hash.
    pub fn parse(input: &str) -> Option<Token> {
        let s = input.trim();
        let shaped = s.len() == TOKEN_CHARS
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        shaped.then(|| Token(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Lower-case hex SHA-256: what the database stores and looks up by.
    pub fn hash(&self) -> String {
        format!("{:x}", Sha256::digest(self.0.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_tokens_are_url_safe_unique_and_parse_back() {
        let a = Token::generate().unwrap();
        let b = Token::generate().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.as_str().len(), TOKEN_CHARS);
        assert_eq!(Token::parse(a.as_str()), Some(a.clone()));
        assert_eq!(a.hash().len(), 64);
        assert_ne!(a.hash(), a.as_str());
    }

    #[test]
    fn text_not_shaped_like_a_token_is_refused() {
        assert!(Token::parse("short").is_none());
        assert!(Token::parse(&"a".repeat(42)).is_none());
        assert!(Token::parse(&format!("{}=", "a".repeat(42))).is_none());
    }

    #[test]
    fn debug_output_never_shows_the_secret() {
        let t = Token::generate().unwrap();
        assert!(!format!("{t:?}").contains(t.as_str()));
    }
}
