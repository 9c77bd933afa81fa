//! DKIM: every message signed with the operator's key when one is set
//! (`dkim_selector`, `dkim_private_key`), for the domain of `mail_from`, so
//! that receiving servers can tell the mail really comes from that domain.
//! The key is a PEM: RSA (PKCS#1 `RSA PRIVATE KEY` or PKCS#8 `PRIVATE KEY`,
//! as `openssl genrsa` and `openssl genpkey` write them) or Ed25519 (PKCS#8,
//! `openssl genpkey -algorithm ed25519`).

use base64::Engine;
use lettre::message::dkim::{
    DkimCanonicalization, DkimCanonicalizationType, DkimConfig, DkimSigningAlgorithm,
    DkimSigningKey,
};
use lettre::message::header::HeaderName;
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::pkcs8::DecodePrivateKey;

use crate::config::Settings;

/// The DER a PKCS#8 Ed25519 key starts with; its 32-byte seed follows.
const ED25519_PKCS8_PREFIX: [u8; 16] = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];

/// The headers signed: those a reader sees and trusts, and the ones that
/// tie the message to its list.
const SIGNED: [&str; 8] = [
    "From",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
    "Auto-Submitted",
];

/// The signing configuration the settings ask for: none without a selector
/// and a key; an error (the service does not start) for a half-set or bad one.
pub fn from_settings(settings: &Settings) -> Result<Option<DkimConfig>, String> {
    let (selector, pem) = match (&settings.dkim_selector, &settings.dkim_private_key) {
        (None, None) => return Ok(None),
        (Some(s), Some(k)) if !s.trim().is_empty() && !k.trim().is_empty() => (s.trim(), k),
        _ => return Err("set both dkim_selector and dkim_private_key, or neither".into()),
    };
    let domain = settings
        .mail_from
        .rsplit_once('@')
        .map(|(_, d)| d.trim_end_matches('>').trim().to_ascii_lowercase())
        .filter(|d| !d.is_empty())
        .ok_or("mail_from has no domain to sign for")?;
    let key = signing_key(pem)?;
    Ok(Some(DkimConfig::new(
        selector.to_owned(),
        domain,
        key,
        SIGNED
            .iter()
            .map(|h| HeaderName::new_from_ascii_str(h))
            .collect(),
        DkimCanonicalization {
            header: DkimCanonicalizationType::Relaxed,
            body: DkimCanonicalizationType::Relaxed,
        },
    )))
}

/// A PEM private key as lettre's signer takes it.
fn signing_key(pem: &str) -> Result<DkimSigningKey, String> {
    let bad = |e: &dyn std::fmt::Display| format!("dkim_private_key: {e}");
    if pem.contains("BEGIN RSA PRIVATE KEY") {
        return DkimSigningKey::new(pem, DkimSigningAlgorithm::Rsa).map_err(|e| bad(&e));
    }
    if !pem.contains("BEGIN PRIVATE KEY") {
        return Err("dkim_private_key: not a PEM private key (RSA or Ed25519)".into());
    }
    let body: String = pem
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .map(str::trim)
        .collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(body)
        .map_err(|e| bad(&e))?;
    if der.len() == ED25519_PKCS8_PREFIX.len() + 32 && der.starts_with(&ED25519_PKCS8_PREFIX) {
        let seed =
            base64::engine::general_purpose::STANDARD.encode(&der[ED25519_PKCS8_PREFIX.len()..]);
        return DkimSigningKey::new(&seed, DkimSigningAlgorithm::Ed25519).map_err(|e| bad(&e));
    }
    let rsa = rsa::RsaPrivateKey::from_pkcs8_pem(pem).map_err(|e| bad(&e))?;
    let pkcs1 = rsa
        .to_pkcs1_pem(rsa::pkcs1::LineEnding::LF)
        .map_err(|e| bad(&e))?;
    DkimSigningKey::new(&pkcs1, DkimSigningAlgorithm::Rsa).map_err(|e| bad(&e))
}
