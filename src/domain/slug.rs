//! URL slugs of letters and groups.

/// Lower-case ASCII letters, digits and single hyphens; 2 to 80 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slug(String);

impl Slug {
    pub fn parse(input: &str) -> Result<Slug, String> {
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
            return Err(
                "Use 2 to 80 lower-case letters, digits and single hyphens, like my-letter.".into(),
            );
        }
        Ok(Slug(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
