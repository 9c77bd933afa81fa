//! The key the signature log's tree heads are signed with (Ed25519), and the
//! canonical JSON (RFC 8785) everything signed or hashed is written in.

use base64::Engine;
use ed25519_dalek::{Signer, SigningKey};
use sha2::{Digest, Sha256};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

pub struct LogKey {
    signing: SigningKey,
}

impl std::fmt::Debug for LogKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LogKey")
            .field("key_id", &self.key_id())
            .finish()
    }
}

impl LogKey {
    /// A key from its 32-byte seed, base64.
    pub fn from_base64(seed: &str) -> Result<LogKey, String> {
        let bytes = B64
            .decode(seed.trim())
            .map_err(|e| format!("the log signing key is not base64: {e}"))?;
        let seed: [u8; 32] = bytes
            .try_into()
            .map_err(|_| "the log signing key must be 32 bytes (base64)".to_owned())?;
        Ok(LogKey {
            signing: SigningKey::from_bytes(&seed),
        })
    }

    /// A new random seed, base64.
    pub fn generate_seed() -> Result<String, getrandom::Error> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed)?;
        Ok(B64.encode(seed))
    }

    /// The public key's 32 bytes, base64.
    pub fn public_key(&self) -> String {
        B64.encode(self.signing.verifying_key().to_bytes())
    }

    /// Names the key: the first 16 hex digits of SHA-256 of the public key.
    pub fn key_id(&self) -> String {
        let digest = Sha256::digest(self.signing.verifying_key().to_bytes());
        digest[..8].iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Ed25519 over `message`, base64.
    pub fn sign(&self, message: &[u8]) -> String {
        B64.encode(self.signing.sign(message).to_bytes())
    }

    /// A tree head, signed now: the canonical JSON of `{"letter",
    /// "tree_size", "root_hash", "count", "timestamp"}` and its signature.
    pub fn sign_head(
        &self,
        letter: &str,
        tree_size: i64,
        root_hash: &str,
        count: i64,
    ) -> SignedHead {
        let timestamp = chrono::Utc::now();
        let body = serde_json::json!({
            "letter": letter,
            "tree_size": tree_size,
            "root_hash": root_hash,
            "count": count,
            "timestamp": timestamp.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        });
        let signed = canonical(&body).unwrap_or_default();
        SignedHead {
            signature: self.sign(signed.as_bytes()),
            signed,
            timestamp,
        }
    }
}

/// A signed tree head: what was signed (canonical JSON), the signature, when.
pub struct SignedHead {
    pub signed: String,
    pub signature: String,
    pub timestamp: chrono::DateTime<chrono::Utc>,
}

/// RFC 8785 canonical JSON of `value`.
pub fn canonical<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_jcs::to_string(value).map_err(|e| format!("canonical JSON: {e}"))
}

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    to_hex(&Sha256::digest(bytes))
}

/// `n` random bytes, lower-case hex.
pub fn random_hex(n: usize) -> Result<String, getrandom::Error> {
    Ok(to_hex(&random_bytes(n)?))
}

/// `n` random bytes.
pub fn random_bytes(n: usize) -> Result<Vec<u8>, getrandom::Error> {
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes)?;
    Ok(bytes)
}

/// Lower-case hex.
pub fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::{Signature, Verifier, VerifyingKey};

    #[test]
    fn a_signature_verifies_with_the_public_key_and_canonical_json_sorts_keys() {
        let key = LogKey::from_base64(&LogKey::generate_seed().unwrap()).unwrap();
        let message = canonical(&serde_json::json!({"b": 1, "a": "x"})).unwrap();
        assert_eq!(message, r#"{"a":"x","b":1}"#);
        let public: [u8; 32] = B64.decode(key.public_key()).unwrap().try_into().unwrap();
        let signature: [u8; 64] = B64
            .decode(key.sign(message.as_bytes()))
            .unwrap()
            .try_into()
            .unwrap();
        VerifyingKey::from_bytes(&public)
            .unwrap()
            .verify(message.as_bytes(), &Signature::from_bytes(&signature))
            .unwrap();
        assert_eq!(key.key_id().len(), 16);
        assert!(LogKey::from_base64("c2hvcnQ=").is_err());
    }
}
