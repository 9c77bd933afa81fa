//! Passwords: argon2id with OWASP's parameters, hashed off the async workers
//! and with a cap on how many hash at once, so a burst of logins cannot starve
//! the signing path.

use std::sync::{Arc, OnceLock};

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

use crate::error::{Error, Result};

/// OWASP: argon2id, 19 MiB, 2 iterations, 1 lane.
pub(crate) const MEMORY_KIB: u32 = 19 * 1024;
pub(crate) const ITERATIONS: u32 = 2;
pub(crate) const PARALLELISM: u32 = 1;

pub(crate) const MIN_LEN: usize = 12;
pub(crate) const MAX_LEN: usize = 128;

fn argon2() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None)
        .expect("constant argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Refuses passwords too short to resist guessing, or too long to hash cheaply.
pub(crate) fn check_strength(password: &str) -> Result<(), crate::i18n::Msg> {
    use crate::i18n::Msg;
    let n = password.chars().count();
    if n < MIN_LEN {
        return Err(Msg::id("password-too-short").with("n", MIN_LEN));
    }
    if n > MAX_LEN {
        return Err(Msg::id("password-too-long").with("n", MAX_LEN));
    }
    if password
        .chars()
        .all(|c| c == password.chars().next().unwrap_or(' '))
    {
        return Err(Msg::id("password-repeated"));
    }
    Ok(())
}

/// Hashes a password into a PHC string (blocking; call through [`Hasher`]).
pub(crate) fn hash_blocking(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(format!("argon2: {e}")))
}

/// Checks a password against a PHC string (blocking).
pub(crate) fn verify_blocking(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|parsed| {
            argon2()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash of nothing anyone knows, verified against when an account does not
/// exist, so that an unknown email costs as much time as a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash_blocking("decoy password that matches nothing").unwrap_or_default())
}

/// Runs hashing on the blocking pool, a bounded number at a time.
#[derive(Clone)]
pub(crate) struct Hasher {
    permits: Arc<Semaphore>,
}

impl Hasher {
    pub(crate) fn new(concurrent: usize) -> Hasher {
        Hasher {
            permits: Arc::new(Semaphore::new(concurrent.max(1))),
        }
    }

    pub(crate) async fn hash(&self, password: String) -> Result<String> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| Error::Internal(e.to_string()))?;
        tokio::task::spawn_blocking(move || hash_blocking(&password))
            .await
            .map_err(|e| Error::Internal(format!("hashing task: {e}")))?
    }

    /// Verifies against `phc`, or against a decoy when there is no account.
    pub(crate) async fn verify(&self, password: String, phc: Option<String>) -> bool {
        let Ok(_permit) = self.permits.acquire().await else {
            return false;
        };
        tokio::task::spawn_blocking(move || match phc {
            Some(phc) => verify_blocking(&password, &phc),
            None => {
                verify_blocking(&password, decoy_hash());
                false
            }
        })
        .await
        .unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_with_owasp_parameters() {
        let phc = hash_blocking("correct horse battery staple").unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify_blocking("correct horse battery staple", &phc));
        assert!(!verify_blocking("wrong horse battery staple", &phc));
        assert!(!verify_blocking("anything", "not a hash"));
    }

    #[test]
    fn weak_passwords_are_refused() {
        assert!(check_strength("short").is_err());
        assert!(check_strength(&"a".repeat(20)).is_err());
        assert!(check_strength(&"ab".repeat(65)).is_err());
        assert!(check_strength("a long enough passphrase").is_ok());
    }
}
