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

/// What a block of a letter's text is, for print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Heading,
    Paragraph,
    /// A list item; printed after a bullet.
    Item,
}

/// A block of plain text: a heading, a paragraph or a list item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
}

/// The text of a letter's Markdown as plain blocks, for print (the PDF). Raw
/// HTML is dropped; a link keeps its text.
pub fn blocks(markdown: &str) -> Vec<Block> {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut out: Vec<Block> = Vec::new();
    let mut current: Option<Block> = None;
    let flush = |current: &mut Option<Block>, out: &mut Vec<Block>| {
        if let Some(b) = current.take() {
            let text = b.text.trim().to_owned();
            if !text.is_empty() {
                out.push(Block { text, ..b });
            }
        }
    };
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(tag) => {
                let kind = match tag {
                    Tag::Heading { .. } => Some(BlockKind::Heading),
                    Tag::Item => Some(BlockKind::Item),
                    Tag::Paragraph | Tag::CodeBlock(_) | Tag::TableRow | Tag::TableHead => {
                        // A paragraph inside a list item stays in the item.
                        match current.as_ref().map(|b| b.kind) {
                            Some(BlockKind::Item) => None,
                            _ => Some(BlockKind::Paragraph),
                        }
                    }
                    _ => None,
                };
                if let Some(kind) = kind {
                    flush(&mut current, &mut out);
                    current = Some(Block {
                        kind,
                        text: String::new(),
                    });
                }
            }
            Event::End(
                TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock,
            ) => flush(&mut current, &mut out),
            Event::Text(t) | Event::Code(t) => {
                current
                    .get_or_insert_with(|| Block {
                        kind: BlockKind::Paragraph,
                        text: String::new(),
                    })
                    .text
                    .push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(b) = current.as_mut() {
                    b.text.push(' ');
                }
            }
            _ => {}
        }
    }
    flush(&mut current, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_plain_blocks_for_print() {
        let b = blocks("# We ask\n\nDrop **the** sponsor\nnow.\n\n- one\n- [two](https://x.example)\n\n<script>x</script>");
        let texts: Vec<(BlockKind, &str)> = b.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            texts,
            [
                (BlockKind::Heading, "We ask"),
                (BlockKind::Paragraph, "Drop the sponsor now."),
                (BlockKind::Item, "one"),
                (BlockKind::Item, "two"),
            ]
        );
    }

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
