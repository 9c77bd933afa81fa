//! Entry points for the fuzz targets in `fuzz/` and their regression tests:
//! each decodes untrusted input the way the service does, and panics if an
//! invariant breaks (not only if the decoder itself panics).

use crate::app::signing::{NewSignature, SignatureInput};
use crate::domain::text::has_control_chars;
use crate::domain::{markdown, Email};

/// The email normaliser: whatever it accepts can be mailed, and its
/// canonical form is a fixed point.
pub fn email(input: &str) {
    let Ok(email) = Email::parse(input) else {
        return;
    };
    check_email(&email);
}

fn check_email(email: &Email) {
    let address = email.as_str();
    assert!(address.len() <= 254, "too long: {address:?}");
    assert!(
        !address.chars().any(|c| c.is_whitespace() || c.is_control()),
        "space or control character in {address:?}"
    );
    assert!(
        address.parse::<lettre::Address>().is_ok(),
        "accepted, but mail to it could not be sent: {address:?}"
    );
    // The canonical form only tells signers apart; it need not be an address
    // one could type (lower-casing can lengthen a local part past 64 bytes),
    // but where it is one, normalising it again changes nothing.
    let canonical = email.normalized();
    if let Ok(again) = Email::parse(canonical) {
        assert_eq!(
            again.normalized(),
            canonical,
            "normalising twice changes {canonical:?}"
        );
    }
    assert_eq!(
        Email::parse(address).map(|e| e.normalized().to_owned()),
        Ok(canonical.to_owned()),
        "the stored address normalises differently"
    );
}

/// The JSON body of `POST /api/v1/letters/{slug}/signatures`.
pub fn sign_json(data: &[u8]) {
    if let Ok(input) = serde_json::from_slice::<SignatureInput>(data) {
        if let Ok(new) = input.validate() {
            check_signature(&new);
        }
    }
}

/// The form body of `POST /letters/{slug}/sign`, as the page's form sends it.
pub fn sign_form(data: &str) {
    if let Some(new) = crate::routes::public::decode_sign_form(data) {
        check_signature(&new);
    }
}

/// What validation lets through is one line of printable text within bounds.
fn check_signature(new: &NewSignature) {
    let name = new.name.as_str();
    assert!(!name.is_empty() && name.chars().count() <= 100, "{name:?}");
    assert!(!has_control_chars(name), "{name:?}");
    assert!(!name.to_lowercase().contains("://"), "{name:?}");
    assert!(!name.starts_with(['=', '+', '-', '@']), "{name:?}");
    for text in [&new.title, &new.affiliation].into_iter().flatten() {
        assert!(
            !has_control_chars(text) && text.chars().count() <= 150,
            "{text:?}"
        );
        assert_eq!(text.trim(), text, "untrimmed {text:?}");
    }
    check_email(&new.email);
}

/// Letter bodies: whatever the Markdown, the HTML has no script, no event
/// handler and no script or data URL.
pub fn markdown(input: &str) {
    check_html(&markdown::render(input));
}

fn check_html(html: &str) {
    for tag in tags(html) {
        let lower = tag.to_lowercase();
        let name: String = lower
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        assert!(
            !matches!(
                name.as_str(),
                "script"
                    | "style"
                    | "iframe"
                    | "object"
                    | "embed"
                    | "form"
                    | "input"
                    | "svg"
                    | "math"
                    | "base"
                    | "meta"
                    | "link"
            ),
            "<{tag}> in {html:?}"
        );
        for (attr, value) in attributes(&lower) {
            assert!(!attr.starts_with("on"), "{attr} in <{tag}>");
            let v = value.trim();
            assert!(
                !(v.starts_with("javascript:")
                    || v.starts_with("vbscript:")
                    || v.starts_with("data:")),
                "{attr}={value:?} in <{tag}>"
            );
        }
    }
}

/// The inside of every tag in sanitised HTML, where every `<` outside an
/// attribute value opens a tag (text has `&lt;`).
fn tags(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' {
            let start = i + 1;
            let mut quote = None;
            let mut j = start;
            while j < bytes.len() {
                match (quote, bytes[j]) {
                    (None, b'"' | b'\'') => quote = Some(bytes[j]),
                    (Some(q), c) if c == q => quote = None,
                    (None, b'>') => break,
                    _ => {}
                }
                j += 1;
            }
            out.push(&html[start..j.min(bytes.len())]);
            i = j;
        }
        i += 1;
    }
    out
}

/// `(name, value)` of each attribute in a tag's inside (lower case).
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag
        .trim_start_matches('/')
        .trim_start_matches(|c: char| c.is_ascii_alphanumeric());
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return out;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_owned();
        rest = rest[name_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (v, tail) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let end = body.find(q).unwrap_or(body.len());
                    (&body[..end], body.get(end + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            value = v.to_owned();
            rest = tail;
        }
        out.push((name, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_markdown_checker_sees_what_it_must_refuse() {
        let attrs = attributes(r#"a href="javascript:x" title='a>b' onclick=go"#);
        assert_eq!(
            attrs,
            [
                ("href".into(), "javascript:x".into()),
                ("title".into(), "a>b".into()),
                ("onclick".into(), "go".into())
            ]
        );
        assert_eq!(
            tags(r#"x <a title="1>2">y</a> &lt;b&gt;"#),
            [r#"a title="1>2""#, "/a"]
        );
        for bad in [
            "<p onclick=x>",
            "<SCRIPT>",
            "<p><iframe src=x></p>",
            r#"<a href=" javascript:alert(1)">"#,
            r#"<img src='data:image/svg+xml,x'>"#,
        ] {
            let caught = std::panic::catch_unwind(|| check_html(bad));
            assert!(caught.is_err(), "{bad} passed");
        }
        check_html(r#"<p><a href="https://x.org" rel="noopener">on</a> onclick=x</p>"#);
        markdown("<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>");
    }

    /// Inputs the fuzzers found (and the hand-made ones they started from):
    /// each entry point must take them without panicking.
    #[test]
    fn regressions_stay_fixed() {
        for input in [
            "",
            " ",
            "a@b.co",
            "\"quoted local\"@example.org",
            "First.Last+tag@GoogleMail.com",
            "ü@bücher.example",
            "a@b.co\r\nBcc: x@y.z",
            "+?rst.Last+tag@GoogleMail.com",
            "Ft.LaststAAAAAAAAA#AAAAAAAAAAAAAFAAAAAAAAAAAA\u{23e}A.Lasa{_F6t.l.com@AoMail.com",
        ] {
            email(input);
        }
        for body in [
            &b"{}"[..],
            b"{\"name\":\"Zo\xc3\xab\",\"email\":\"z@example.org\",\"anonymous\":true}",
            b"{\"name\":null,\"email\":7}",
            b"\xff\xfe",
        ] {
            sign_json(body);
        }
        for form in [
            "",
            "name=Zo%C3%AB&email=z%40example.org&anonymous=on",
            "name=%&email=%ZZ&&&=",
            "name[]=a&name.x=b&email=a@b.co&email=c@d.co",
        ] {
            sign_form(form);
        }
        for md in [
            "",
            "<",
            "[x](javascript:alert(1))",
            "<svg><script>x</script></svg>",
            "*[*](",
        ] {
            markdown(md);
        }
    }
}
