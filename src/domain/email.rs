//! Email addresses, and the canonical form that makes "one signature per person" hold.

use email_address::{EmailAddress, Options};

use crate::i18n::Msg;

/// How one mail provider treats the local part: addresses that differ only in
/// what the provider ignores reach the same mailbox, so they are the same signer.
struct ProviderRule {
    domains: &'static [&'static str],
    /// The domain every address of this provider is reduced to.
    canonical_domain: &'static str,
    /// `first.last` and `firstlast` are one mailbox.
    ignore_dots: bool,
    /// `name+anything` is delivered to `name`.
    ignore_plus_tag: bool,
}

/// The one table of provider rules. Add a provider here and nowhere else.
const PROVIDER_RULES: &[ProviderRule] = &[
    ProviderRule {
        domains: &["gmail.com", "googlemail.com"],
        canonical_domain: "gmail.com",
        ignore_dots: true,
        ignore_plus_tag: true,
    },
    ProviderRule {
        domains: &["outlook.com", "hotmail.com", "live.com", "msn.com"],
        canonical_domain: "outlook.com",
        ignore_dots: false,
        ignore_plus_tag: true,
    },
    ProviderRule {
        domains: &["icloud.com", "me.com", "mac.com"],
        canonical_domain: "icloud.com",
        ignore_dots: false,
        ignore_plus_tag: true,
    },
    ProviderRule {
        domains: &["fastmail.com", "fastmail.fm"],
        canonical_domain: "fastmail.com",
        ignore_dots: false,
        ignore_plus_tag: true,
    },
    ProviderRule {
        domains: &["proton.me", "protonmail.com", "protonmail.ch", "pm.me"],
        canonical_domain: "proton.me",
        ignore_dots: false,
        ignore_plus_tag: true,
    },
];

/// Longest address SMTP allows.
const MAX_LEN: usize = 254;

/// A syntactically valid email address, with its canonical form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    address: String,
    normalized: String,
}

impl Email {
    /// Parses what a person typed. Surrounding spaces are ignored; a display
    /// name, a domain literal or a domain without a dot is refused.
    pub fn parse(input: &str) -> Result<Email, Msg> {
        let input = input.trim();
        if input.is_empty() {
            return Err(Msg::id("error-email-empty"));
        }
        if input.len() > MAX_LEN {
            return Err(Msg::id("error-email-long"));
        }
        let options = Options::default()
            .without_display_text()
            .without_domain_literal()
            .with_required_tld();
        let parsed = EmailAddress::parse_with_options(input, options)
            .map_err(|_| Msg::id("error-email-invalid"))?;
        // Quoted local parts ("first last"@example.org) are valid, but no one
        // signs with one, lettre may not send to it, and quotes and spaces
        // have no business in a list or a CSV file.
        if parsed
            .local_part()
            .chars()
            .any(|c| c == '"' || c.is_whitespace() || c.is_control())
        {
            return Err(Msg::id("error-email-invalid"));
        }
        let domain = parsed.domain().to_ascii_lowercase();
        if domain.starts_with('.') || domain.ends_with('.') || domain.contains("..") {
            return Err(Msg::id("error-email-invalid"));
        }
        let address = format!("{}@{}", parsed.local_part(), domain);
        // At these providers a mailbox has a name before any `+tag`; one
        // without ("+x@gmail.com") reaches no one, and would make every such
        // address one signer ("@gmail.com").
        let normalized = normalize(parsed.local_part(), &domain)
            .ok_or_else(|| Msg::id("error-email-invalid"))?;
        Ok(Email {
            address,
            normalized,
        })
    }

    /// The address to send mail to (domain lower-cased).
    pub fn as_str(&self) -> &str {
        &self.address
    }

    /// The canonical mailbox: lower case, provider rules applied.
    pub fn normalized(&self) -> &str {
        &self.normalized
    }

    /// The lower-case domain of the address as typed.
    pub fn domain(&self) -> &str {
        self.address.rsplit_once('@').map_or("", |(_, d)| d)
    }
}

/// A lower-case DNS domain like `cs.stanford.edu`, or `None` if the text is not one.
pub fn parse_domain(input: &str) -> Option<String> {
    let d = input.trim().trim_start_matches('@').to_ascii_lowercase();
    let labels_ok = d.split('.').all(|l| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    });
    (d.len() <= 253 && d.contains('.') && labels_ok).then_some(d)
}

/// A list of domains as an organiser or moderator typed them: parsed,
/// lower-cased, without repeats. On a bad one, the message to show.
pub fn parse_domains<'a>(
    items: impl IntoIterator<Item = &'a str>,
) -> Result<Vec<String>, crate::i18n::Msg> {
    let mut domains: Vec<String> = Vec::new();
    let mut bad = None;
    for d in items {
        match parse_domain(d) {
            Some(d) if !domains.contains(&d) => domains.push(d),
            Some(_) => {}
            None => bad = Some(crate::i18n::Msg::id("error-not-a-domain").with("domain", d)),
        }
    }
    bad.map_or(Ok(domains), Err)
}

/// An address as moderators see it on the mail page: the first character of
/// the local part and the domain, `p…@example.org`; enough to recognise a
/// typo'd domain or a pattern of bounces, not to harvest addresses.
pub fn mask(address: &str) -> String {
    match address.rsplit_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}…@{domain}")
        }
        None => "…".into(),
    }
}

/// `domain` and each parent domain with at least two labels:
/// `cs.stanford.edu` → `cs.stanford.edu`, `stanford.edu`.
pub fn domain_and_parents(domain: &str) -> Vec<&str> {
    let mut out = vec![domain];
    let mut rest = domain;
    while let Some((_, parent)) = rest.split_once('.') {
        if !parent.contains('.') {
            break;
        }
        out.push(parent);
        rest = parent;
    }
    out
}

/// The canonical mailbox, or `None` when the provider's rules leave no name.
fn normalize(local: &str, domain: &str) -> Option<String> {
    let mut local = local.to_lowercase();
    let mut domain = domain.to_owned();
    if let Some(rule) = PROVIDER_RULES
        .iter()
        .find(|r| r.domains.contains(&domain.as_str()))
    {
        if rule.ignore_plus_tag {
            if let Some(i) = local.find('+') {
                local.truncate(i);
            }
        }
        if rule.ignore_dots {
            local.retain(|c| c != '.');
        }
        domain = rule.canonical_domain.to_owned();
    }
    (!local.is_empty()).then(|| format!("{local}@{domain}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masked_addresses_keep_one_letter_and_the_domain() {
        assert_eq!(mask("Pat.Smith@Example.org"), "P…@Example.org");
        assert_eq!(mask("é@x.fr"), "é…@x.fr");
        assert_eq!(mask("nonsense"), "…");
    }

    fn norm(s: &str) -> String {
        Email::parse(s).unwrap().normalized().to_owned()
    }

    #[test]
    fn gmail_ignores_dots_tags_case_and_googlemail() {
        assert_eq!(norm("First.Last+x@gmail.com"), "firstlast@gmail.com");
        assert_eq!(norm("firstlast@GoogleMail.com"), "firstlast@gmail.com");
        assert_eq!(norm(" f.i.r.s.t.l.a.s.t@gmail.com "), "firstlast@gmail.com");
    }

    #[test]
    fn other_providers_keep_dots_but_drop_plus_tags() {
        assert_eq!(
            norm("First.Last+news@outlook.com"),
            "first.last@outlook.com"
        );
        assert_eq!(norm("a.b+x@hotmail.com"), "a.b@outlook.com");
    }

    #[test]
    fn quoted_local_parts_and_spaces_are_refused() {
        // Found by the `email` fuzz target: accepted, then unsendable.
        for bad in [
            "\"quoted local\"@example.org",
            "\"a\"@example.org",
            "a b@example.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_provider_address_with_no_name_before_its_tag_is_refused() {
        // Found by the `email` fuzz target: each of these was "@gmail.com",
        // so all of them counted as one signer.
        for bad in [
            "+?rst.Last+tag@GoogleMail.com",
            "+a@gmail.com",
            ".+x@gmail.com",
            "+x@outlook.com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(norm("+a@example.org"), "+a@example.org");
    }

    #[test]
    fn unknown_domains_are_only_lower_cased() {
        assert_eq!(norm("Jo.Doe+tag@Example.ORG"), "jo.doe+tag@example.org");
    }

    #[test]
    fn address_keeps_what_was_typed_but_lowercases_the_domain() {
        let e = Email::parse("Jo.Doe@Example.ORG").unwrap();
        assert_eq!(e.as_str(), "Jo.Doe@example.org");
        assert_eq!(e.domain(), "example.org");
    }

    #[test]
    fn domains_are_parsed_and_walked_up_to_their_registrable_part() {
        assert_eq!(parse_domain(" Stanford.EDU "), Some("stanford.edu".into()));
        assert_eq!(parse_domain("@mit.edu"), Some("mit.edu".into()));
        for bad in ["", "edu", "a..b", "-a.com", "a b.com", "a_b.com"] {
            assert_eq!(parse_domain(bad), None, "{bad:?}");
        }
        assert_eq!(
            domain_and_parents("cs.stanford.edu"),
            vec!["cs.stanford.edu", "stanford.edu"]
        );
        assert_eq!(domain_and_parents("mit.edu"), vec!["mit.edu"]);
    }

    #[test]
    fn malformed_addresses_are_refused() {
        for bad in [
            "",
            "   ",
            "no-at-sign",
            "a@b",
            "@example.org",
            "a@",
            "a b@example.org",
            "Jo <jo@example.org>",
            "jo@[127.0.0.1]",
            "jo@example..org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
        let long = format!("{}@example.org", "a".repeat(250));
        assert!(Email::parse(&long).is_err());
    }
}
