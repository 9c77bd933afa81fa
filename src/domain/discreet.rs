//! What stands in for a discreet signer's address once they have confirmed:
//! its domain (for the verified badge and blocks) and a keyed hash that only
//! tells whether the same address signs again.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::log_key::to_hex;
use super::Email;

/// The server's key for discreet addresses (HMAC-SHA-256).
#[derive(Clone)]
pub struct AddressKey(Vec<u8>);

impl std::fmt::Debug for AddressKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AddressKey(…)")
    }
}

/// The shortest key the settings may give.
pub const MIN_KEY_CHARS: usize = 32;

impl AddressKey {
    /// A key from the settings or the database: at least [`MIN_KEY_CHARS`] characters.
    pub fn new(secret: &str) -> Result<AddressKey, String> {
        let secret = secret.trim();
        if secret.chars().count() < MIN_KEY_CHARS {
            return Err(format!(
                "the discreet-address key must have at least {MIN_KEY_CHARS} characters"
            ));
        }
        Ok(AddressKey(secret.as_bytes().to_vec()))
    }

    /// `<hex HMAC-SHA-256 of the canonical address>@<domain>`: stored in
    /// place of the address, unique per letter like the address itself.
    pub fn keyed(&self, email: &Email) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(email.normalized().as_bytes());
        format!(
            "{}@{}",
            to_hex(&mac.finalize().into_bytes()),
            email.domain()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_address_one_key_and_nothing_of_the_mailbox_kept() {
        let key = AddressKey::new("a server key of at least thirty-two characters").unwrap();
        let a = Email::parse("Kai.Nakamura@Orbitek.com").unwrap();
        let b = Email::parse("kai.nakamura@orbitek.com").unwrap();
        let keyed = key.keyed(&a);
        assert_eq!(keyed, key.keyed(&b), "the same address, however typed");
        assert!(keyed.ends_with("@orbitek.com"));
        assert!(!keyed.contains("kai"));
        assert_eq!(keyed.len(), 64 + "@orbitek.com".len());
        let other = AddressKey::new("another server key, thirty-two characters long").unwrap();
        assert_ne!(keyed, other.keyed(&a), "keyed: unguessable without the key");
        assert!(AddressKey::new("short").is_err());
    }
}
