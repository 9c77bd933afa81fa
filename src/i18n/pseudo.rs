//! What the pseudo-language (`qps`) shows up: every message it renders is
//! bracketed (`⟦…⟧`) and accented, so English words left in a page or a mail
//! rendered in it were typed into a template or the code, not taken from the
//! message files. The pseudo-locale test reads pages and mails with
//! [`english_left`].

/// Words that are the same in every language: names of formats, of
/// services, a time zone, and English's name in the language switcher
/// (each language is named in its own).
const SAME_IN_EVERY_LANGUAGE: [&str; 13] = [
    "PDF", "CSV", "JSON", "UTC", "Atom", "Markdown", "WhatsApp", "Telegram", "Bluesky", "X",
    "Facebook", "LinkedIn", "English",
];

/// The English words (ASCII letters only, two or more) that `html` shows
/// outside the pseudo-language's brackets, each with a little of its
/// context: its text, and its `alt`, `title`, `aria-label` and `placeholder`
/// attributes. Words with digits, `@`, `/`, `.`, `_` and the like inside
/// (addresses, slugs, codes) are not words here. `data` are the texts the
/// page shows as their authors wrote them (titles, names), left out first.
pub fn english_left(html: &str, data: &[&str]) -> Vec<String> {
    let mut data: Vec<&str> = data
        .iter()
        .copied()
        .filter(|d| !d.trim().is_empty())
        .collect();
    data.sort_by_key(|d| std::cmp::Reverse(d.len()));
    let mut page = html.to_owned();
    for d in data {
        page = page.replace(&escape(d), " ").replace(d, " ");
    }
    let visible = visible_text(&page);
    let outside = outside_brackets(&visible);
    let words: Vec<&str> = outside.split_whitespace().collect();
    let mut found = Vec::new();
    for (i, raw) in words.iter().enumerate() {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        // Sentence punctuation around it is not part of it; a dot or a slash inside is.
        let core = raw.trim_matches(|c: char| {
            !c.is_alphanumeric() && !matches!(c, '@' | '/' | '_' | '=' | '#' | '&' | '%')
        });
        let technical = word.is_empty()
            || core.contains(['@', '/', '.', '_', ':', '=', '#', '?', '&', '%'])
            || word.chars().any(|c| c.is_ascii_digit());
        let english = word.len() >= 2
            && word
                .chars()
                .all(|c| c.is_ascii_alphabetic() || c == '\'' || c == '-');
        if !technical && english && !SAME_IN_EVERY_LANGUAGE.contains(&word) {
            let from = i.saturating_sub(4);
            let to = (i + 5).min(words.len());
            found.push(format!("{word:?} in “{}”", words[from..to].join(" ")));
        }
    }
    found
}

/// The text a reader sees (and hears: the attributes screen readers read),
/// without markup, scripts, styles or code, entities decoded; an element
/// marked as written in another language (`lang="…"` other than the page's:
/// a letter's own text, a mail as its recipient gets it) is left out.
fn visible_text(html: &str) -> String {
    let page_lang = html
        .find("<html lang=\"")
        .map(|at| &html[at + "<html lang=\"".len()..])
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("");
    let mut rest = html;
    let mut text = String::with_capacity(html.len());
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        let after = &rest[start..];
        let lower = after.get(..8).unwrap_or(after).to_ascii_lowercase();
        let skip_to = if lower.starts_with("<script") {
            after.find("</script>").map(|e| e + "</script>".len())
        } else if lower.starts_with("<style") {
            after.find("</style>").map(|e| e + "</style>".len())
        } else if lower.starts_with("<code") {
            // Code (a command to run, a field's name) is the same in every language.
            after.find("</code>").map(|e| e + "</code>".len())
        } else if lower.starts_with("<pre") {
            after.find("</pre>").map(|e| e + "</pre>".len())
        } else if lower.starts_with("<!--") {
            after.find("-->").map(|e| e + 3)
        } else {
            None
        };
        if let Some(end) = skip_to {
            text.push(' ');
            rest = &after[end..];
            continue;
        }
        let Some(end) = after.find('>') else {
            rest = "";
            break;
        };
        let tag = &after[..end];
        text.push(' ');
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let other_language = !page_lang.is_empty()
            && name != "html"
            && tag
                .split(" lang=\"")
                .nth(1)
                .and_then(|v| v.split('"').next())
                .is_some_and(|lang| lang != page_lang);
        if other_language && !tag.ends_with('/') {
            let close = format!("</{name}>");
            if let Some(e) = after.find(&close) {
                rest = &after[e + close.len()..];
                continue;
            }
        }
        for attr in [" alt=\"", " title=\"", " aria-label=\"", " placeholder=\""] {
            if let Some(at) = tag.find(attr) {
                let value = &tag[at + attr.len()..];
                text.push_str(value.split('"').next().unwrap_or(""));
                text.push(' ');
            }
        }
        rest = &after[end + 1..];
    }
    text.push_str(rest);
    decode(&text)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
}

fn decode(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// `text` without what the brackets hold (they nest: a message's argument
/// may be another message).
fn outside_brackets(text: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '⟦' => {
                depth += 1;
                out.push(' ');
            }
            '⟧' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_english_outside_the_brackets_and_nothing_inside() {
        let page = r#"<p title="Sign here">⟦Ŝîĝñ⟧ <a href="/letters/x">Search</a> 1,214 ada@example.org</p>
            <script>var english = "words";</script><p>⟦Ĉôûñţ: ⟦ñéšţéđ⟧⟧ Ψ</p>"#;
        let found = english_left(page, &[]);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].starts_with("\"Sign\""), "{found:?}");
        assert!(found[2].starts_with("\"Search\""), "{found:?}");
        assert!(english_left("<p>⟦Ŝîĝñ⟧ PDF · CSV</p>", &[]).is_empty());
        // Text marked as written in another language than the page's is theirs.
        let page = r#"<html lang="qps"><p lang="en">Open letter</p><p>Left over</p></html>"#;
        assert_eq!(
            english_left(page, &[]).len(),
            2,
            "{:?}",
            english_left(page, &[])
        );
        // The authors' own words are theirs.
        assert!(english_left("<h1>Drop &lt;Arclight&gt;</h1>", &["Drop <Arclight>"]).is_empty());
    }
}
