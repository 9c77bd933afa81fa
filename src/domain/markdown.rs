//! Letter bodies: Markdown rendered to HTML, then sanitised.

use pulldown_cmark::{html, Options, Parser};

/// Renders Markdown and strips anything unsafe (scripts, event handlers,
/// `javascript:` links); links get `rel="noopener noreferrer nofollow"`.
pub fn render(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(markdown, options));
    ammonia::clean(&unsafe_html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_html() {
        let html = render("# Title\n\nWe **ask** you.");
        assert!(html.contains("<h1>Title</h1>"));
        assert!(html.contains("<strong>ask</strong>"));
    }

    #[test]
    fn scripts_and_javascript_links_are_removed() {
        let html = render(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>",
        );
        assert!(!html.contains("<script"));
        assert!(!html.contains("javascript:"));
        assert!(!html.contains("onerror"));
    }
}
