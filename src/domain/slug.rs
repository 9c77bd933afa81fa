//! URL slugs of letters and groups.

/// Lower-case ASCII letters, digits and single hyphens; 2 to 80 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slug(String);

impl Slug {
    pub fn parse(input: &str) -> Result<Slug, crate::i18n::Msg> {
        let s = input.trim();
        let ok_chars = s
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !(2..=80).contains(&s.len())
            || !ok_chars
            || s.starts_with('-')
            || s.ends_with('-')
            || s.contains("--")
        {
            return Err(crate::i18n::Msg::id("error-slug"));
        }
        Ok(Slug(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A slug made from a name a person typed ("UC Santa Cruz" → `uc-santa-cruz`).
    /// Other scripts are transliterated (`École` → `ecole`, `東京大学` → `dong-jing-da-xue`);
    /// a name with nothing left gets a stable slug from its hash.
    pub fn from_name(name: &str) -> Slug {
        let mut out = String::new();
        for c in deunicode::deunicode(name.trim()).chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
            if out.len() >= 60 {
                break;
            }
        }
        let out = out.trim_end_matches('-');
        match Slug::parse(out) {
            Ok(slug) => slug,
            Err(_) => {
                use sha2::{Digest, Sha256};
                let digest = Sha256::digest(name.trim().to_lowercase().as_bytes());
                let hex: String = digest[..5].iter().map(|b| format!("{b:02x}")).collect();
                Slug(format!("group-{hex}"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_slugs() {
        assert_eq!(Slug::from_name("UC Santa Cruz").as_str(), "uc-santa-cruz");
        assert_eq!(
            Slug::from_name("  École  Polytechnique (Paris) ").as_str(),
            "ecole-polytechnique-paris"
        );
        assert_eq!(Slug::from_name("東京大学").as_str(), "dong-jing-da-xue");
        assert_eq!(Slug::from_name("✊ Fist").as_str(), "fist-fist");
        let bare = Slug::from_name("·");
        assert!(bare.as_str().starts_with("group-"), "{bare:?}");
        assert_eq!(bare, Slug::from_name(" · "));
        assert_ne!(bare, Slug::from_name("—"));
        assert!(Slug::parse(Slug::from_name(&"x y ".repeat(50)).as_str()).is_ok());
    }

    #[test]
    fn slugs_are_lower_case_words_joined_by_hyphens() {
        assert!(Slug::parse("drop-the-sponsor").is_ok());
        assert!(Slug::parse("campus-2026").is_ok());
        for bad in [
            "",
            "a",
            "Drop",
            "-a",
            "a-",
            "a--b",
            "a b",
            "ü-x",
            &"a".repeat(81),
        ] {
            assert!(Slug::parse(bad).is_err(), "{bad:?}");
        }
    }
}
