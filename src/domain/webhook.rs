//! Webhooks as the Standard Webhooks specification has them
//! (<https://www.standardwebhooks.com>): a secret per endpoint (`whsec_` and
//! the base64 of its key), each message signed with HMAC-SHA256 over
//! `{id}.{timestamp}.{body}`, sent as `webhook-signature: v1,<base64>`; and
//! which addresses an endpoint may not reach.

use std::net::IpAddr;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The events an endpoint may ask for.
pub const EVENTS: [&str; 6] = [
    "signature.confirmed",
    "signature.removed",
    "letter.published",
    "letter.closed",
    "update.published",
    "volunteer.confirmed",
];

/// An endpoint's signing secret, as it is shown (once) and kept.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    /// A new secret: 24 random bytes.
    pub fn generate() -> Result<Secret, getrandom::Error> {
        let key = super::log_key::random_bytes(24)?;
        Ok(Secret(format!("whsec_{}", STANDARD.encode(key))))
    }

    /// A kept secret, if it is one.
    pub fn parse(s: &str) -> Option<Secret> {
        let key = STANDARD.decode(s.strip_prefix("whsec_")?).ok()?;
        (!key.is_empty()).then(|| Secret(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn key(&self) -> Vec<u8> {
        STANDARD
            .decode(self.0.trim_start_matches("whsec_"))
            .unwrap_or_default()
    }

    /// The `webhook-signature` header of message `id` sent at `timestamp`
    /// (Unix seconds) with `body`.
    pub fn sign(&self, id: &str, timestamp: i64, body: &str) -> String {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.key()).expect("HMAC takes a key of any length");
        mac.update(format!("{id}.{timestamp}.").as_bytes());
        mac.update(body.as_bytes());
        format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()))
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// An address anyone on the internet could reach: not loopback, private,
/// link-local, shared (CGNAT), multicast, unspecified, documentation or
/// reserved, in IPv4 or IPv6 (an IPv4 address inside IPv6 judged as IPv4).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_multicast()
                || v4.is_broadcast()
                || v4.is_unspecified()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                || (a == 192 && b == 0)
                || (a == 198 && (18..20).contains(&b))
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            // NAT64 (64:ff9b::/96) reaches the IPv4 address it embeds.
            if v6.segments()[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
                let [.., a, b, c, d] = v6.octets();
                return is_public(IpAddr::V4([a, b, c, d].into()));
            }
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || (first & 0xffc0) == 0xfec0
                || first == 0x2001 && v6.segments()[1] == 0xdb8
                || v6.segments()[..6] == [0, 0, 0, 0, 0, 0])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The specification's own example: its secret, id, timestamp and body
    /// give its signature.
    #[test]
    fn signs_as_the_specification_s_example() {
        let secret = Secret::parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let body = r#"{"test": 2432232314}"#;
        assert_eq!(
            secret.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
    }

    #[test]
    fn secrets_are_new_each_time_and_parse_back() {
        let a = Secret::generate().unwrap();
        let b = Secret::generate().unwrap();
        assert_ne!(a.as_str(), b.as_str());
        assert!(a.as_str().starts_with("whsec_"));
        assert_eq!(Secret::parse(a.as_str()).unwrap().as_str(), a.as_str());
        assert!(Secret::parse("whsec_").is_none());
        assert!(Secret::parse("sk_abc").is_none());
        assert!(Secret::parse("whsec_not base64!").is_none());
    }

    #[test]
    fn private_addresses_are_not_public() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fc00::1",
            "fd12::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a00:1",
            "2001:db8::1",
        ] {
            assert!(!is_public(ip.parse().unwrap()), "{ip}");
        }
        for ip in [
            "93.184.216.34",
            "1.1.1.1",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
        ] {
            assert!(is_public(ip.parse().unwrap()), "{ip}");
        }
    }
}
