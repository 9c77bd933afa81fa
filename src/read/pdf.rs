//! A letter as a PDF, for its recipients and for print: the title, the text,
//! the date, the counts and the public list exactly as the public sees it (an
//! anonymous signer is "Anonymous", never a name). Drawn with `krilla` in the
//! fonts compiled into the binary; lines are measured in those fonts and
//! wrapped with `textwrap`'s first-fit algorithm.

use chrono::{DateTime, Utc};
use krilla::geom::Point;
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};
use krilla::Document;
use sea_orm::ConnectionTrait;
use textwrap::core::Fragment;

use super::views::{addressed_to, public_recipients, standing, GroupCount, PublicSignature};
use crate::db::entities::{letter, letter_group};
use crate::db::signatures;
use crate::domain::markdown::{self, BlockKind};
use crate::error::{Error, Result};
use crate::i18n::{t, t_args};

pub(crate) const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub(crate) const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// DejaVu Sans, regular and bold, for drawing and for measuring.
pub(crate) struct PdfFonts {
    regular: Face,
    bold: Face,
}

struct Face {
    font: Font,
    metrics: ttf_parser::Face<'static>,
}

impl Face {
    fn load(data: &'static [u8]) -> Face {
        Face {
            font: Font::new(data.into(), 0).expect("the bundled font loads"),
            metrics: ttf_parser::Face::parse(data, 0).expect("the bundled font parses"),
        }
    }

    /// The width of `text` at `size` points (advances, without kerning).
    fn width(&self, text: &str, size: f32) -> f32 {
        let units: f32 = text
            .chars()
            .map(|c| {
                self.metrics
                    .glyph_index(c)
                    .and_then(|g| self.metrics.glyph_hor_advance(g))
                    .unwrap_or(self.metrics.units_per_em() / 2) as f32
            })
            .sum();
        units * size / self.metrics.units_per_em() as f32
    }
}

impl PdfFonts {
    pub(crate) fn load() -> PdfFonts {
        PdfFonts {
            regular: Face::load(REGULAR),
            bold: Face::load(BOLD),
        }
    }
}

/// Everything the PDF shows, gathered from the database.
pub(crate) struct PdfLetter {
    /// The language its labels are written in.
    pub lang: String,
    /// The language of its title, summary and body.
    pub text_lang: String,
    pub title: String,
    pub summary: String,
    /// Markdown.
    pub body: String,
    pub to: Option<String>,
    pub as_of: DateTime<Utc>,
    pub signature_count: u64,
    pub verified_count: u64,
    /// Each group with signatures.
    pub groups: Vec<GroupCount>,
    /// The public list, one line per signature, in list order.
    pub signatures: Vec<String>,
    pub url: String,
}

/// One signature as the public list shows it, in one line.
pub(crate) fn list_line(s: &PublicSignature, group_name: Option<&str>, lang: &str) -> String {
    let mut line = match (&s.name, s.anonymous) {
        (Some(name), false) => name.clone(),
        _ => t(lang, "signatory-anonymous"),
    };
    if let Some(d) = &s.verified_domain {
        line.push(' ');
        line.push_str(&t_args(
            lang,
            "signatory-verified",
            &[("domain", d.as_str().into())],
        ));
    }
    for part in [&s.title, &s.affiliation].into_iter().flatten() {
        line.push_str(", ");
        line.push_str(part);
    }
    if let Some(g) = group_name {
        line.push_str(&format!(" ({g})"));
    }
    line
}

/// How many signatures are read at a time.
const CHUNK: u64 = 5_000;

/// Gathers a public letter's PDF: its counts and its whole public list now.
pub(crate) async fn gather(
    db: &impl ConnectionTrait,
    letter: &letter::Model,
    groups: &[letter_group::Model],
    url: String,
    lang: &str,
) -> Result<PdfLetter> {
    let (tally, group_counts) = standing(db, letter.id).await?;
    let recipients = public_recipients(db, letter.id).await?;
    let mut list = Vec::with_capacity(tally.confirmed as usize);
    let mut after = None;
    loop {
        let rows = signatures::page_after(db, letter.id, None, after, 0, CHUNK).await?;
        let Some(last) = rows.last() else { break };
        after = last.confirmed_at.map(|at| (at, last.id));
        let n = rows.len() as u64;
        for row in rows {
            let group = row
                .group_id
                .and_then(|id| groups.iter().find(|g| g.id == id))
                .map(|g| g.name.clone());
            list.push(list_line(
                &PublicSignature::new(row, groups),
                group.as_deref(),
                lang,
            ));
        }
        if n < CHUNK || after.is_none() {
            break;
        }
    }
    // The letter's text in the reader's language where it has one.
    let translations = crate::db::letters::translations_into(db, [letter.id], lang).await?;
    let translation = crate::i18n::closest(translations.iter(), lang, |t| &t.language).cloned();
    let (text_lang, title, summary, body) = match translation {
        Some(tr) => (tr.language, tr.title, tr.summary, tr.body),
        None => (
            letter.language.clone(),
            letter.title.clone(),
            letter.summary.clone(),
            letter.body.clone(),
        ),
    };
    Ok(PdfLetter {
        lang: lang.to_owned(),
        text_lang,
        title,
        summary,
        body,
        to: (!recipients.is_empty()).then(|| addressed_to(&recipients)),
        as_of: Utc::now(),
        signature_count: tally.total(),
        verified_count: tally.verified,
        groups: group_counts,
        signatures: list,
        url,
    })
}

/// A4, in points.
const PAGE: (f32, f32) = (595.0, 842.0);
const MARGIN: f32 = 56.0;

/// A word and the space after it, measured.
#[derive(Debug)]
struct Word<'a> {
    text: &'a str,
    width: f64,
    space: f64,
}

impl Fragment for Word<'_> {
    fn width(&self) -> f64 {
        self.width
    }
    fn whitespace_width(&self) -> f64 {
        self.space
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// One line placed on a page: where its baseline starts, in which weight and size.
struct Placed {
    x: f32,
    y: f32,
    bold: bool,
    size: f32,
    text: String,
}

/// Pages being written, top to bottom.
struct Writer<'f> {
    fonts: &'f PdfFonts,
    footer: String,
    pages: Vec<Vec<Placed>>,
    y: f32,
}

impl<'f> Writer<'f> {
    fn new(fonts: &'f PdfFonts, footer: String) -> Writer<'f> {
        Writer {
            fonts,
            footer,
            pages: vec![Vec::new()],
            y: MARGIN,
        }
    }

    fn face(&self, bold: bool) -> &Face {
        if bold {
            &self.fonts.bold
        } else {
            &self.fonts.regular
        }
    }

    /// Splits `text` into lines at most `width` wide (a word wider than a
    /// line is cut where it must be).
    fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let face = self.face(bold);
        let space = face.width(" ", size) as f64;
        let mut pieces: Vec<String> = Vec::new();
        for word in text.split_whitespace() {
            let mut rest = word;
            while face.width(rest, size) > width {
                let mut cut = 0;
                for (i, c) in rest.char_indices() {
                    if face.width(&rest[..i + c.len_utf8()], size) > width {
                        break;
                    }
                    cut = i + c.len_utf8();
                }
                let cut = if cut == 0 {
                    rest.chars().next().map_or(rest.len(), char::len_utf8)
                } else {
                    cut
                };
                pieces.push(rest[..cut].to_owned());
                rest = &rest[cut..];
            }
            if !rest.is_empty() {
                pieces.push(rest.to_owned());
            }
        }
        let words: Vec<Word> = pieces
            .iter()
            .map(|p| Word {
                text: p,
                width: face.width(p, size) as f64,
                space,
            })
            .collect();
        textwrap::wrap_algorithms::wrap_first_fit(&words, &[width as f64])
            .into_iter()
            .map(|line| line.iter().map(|w| w.text).collect::<Vec<_>>().join(" "))
            .collect()
    }

    /// Writes a block of text, wrapped, `indent` from the margin; a new page when full.
    fn text(&mut self, text: &str, size: f32, bold: bool, indent: f32, after: f32) {
        self.lines(text, size, bold, (indent, 0.0), after)
    }

    /// Writes a list entry: its wrapped lines hang under its first.
    fn entry(&mut self, text: &str, size: f32, indent: f32, after: f32) {
        self.lines(text, size, false, (indent, 12.0), after)
    }

    fn lines(&mut self, text: &str, size: f32, bold: bool, (indent, hang): (f32, f32), after: f32) {
        let leading = size * 1.35;
        let width = PAGE.0 - 2.0 * MARGIN - indent - hang;
        for (i, line) in self.wrap(text, size, bold, width).into_iter().enumerate() {
            if self.y + leading > PAGE.1 - MARGIN {
                self.pages.push(Vec::new());
                self.y = MARGIN;
            }
            self.y += leading;
            let x = MARGIN + indent + if i > 0 { hang } else { 0.0 };
            let y = self.y;
            if let Some(page) = self.pages.last_mut() {
                page.push(Placed {
                    x,
                    y,
                    bold,
                    size,
                    text: line,
                });
            }
        }
        self.y += after;
    }

    fn finish(self, title: &str, lang: &str) -> Result<Vec<u8>> {
        let mut document = Document::new();
        document.set_metadata(
            krilla::metadata::Metadata::new()
                .title(title.to_owned())
                .language(lang.to_owned())
                .creator(t(lang, "site-name")),
        );
        let settings = PageSettings::from_wh(PAGE.0, PAGE.1)
            .ok_or_else(|| Error::Internal("pdf page size".into()))?;
        let total = self.pages.len();
        for (n, lines) in self.pages.iter().enumerate() {
            let mut page = document.start_page_with(settings.clone());
            let mut surface = page.surface();
            for l in lines {
                surface.draw_text(
                    Point::from_xy(l.x, l.y),
                    self.face(l.bold).font.clone(),
                    l.size,
                    &l.text,
                    false,
                    TextDirection::Auto,
                );
            }
            let footer = t_args(
                lang,
                "pdf-page",
                &[
                    ("url", self.footer.as_str().into()),
                    ("page", (n + 1).into()),
                    ("pages", total.into()),
                ],
            );
            surface.draw_text(
                Point::from_xy(MARGIN, PAGE.1 - MARGIN / 2.0),
                self.fonts.regular.font.clone(),
                8.0,
                &footer,
                false,
                TextDirection::Auto,
            );
            surface.finish();
            page.finish();
        }
        document
            .finish()
            .map_err(|e| Error::Internal(format!("pdf: {e:?}")))
    }
}

/// Draws the letter.
pub(crate) fn render(fonts: &PdfFonts, l: &PdfLetter) -> Result<Vec<u8>> {
    let mut w = Writer::new(fonts, l.url.clone());
    let lang = l.lang.as_str();
    let number = |n: u64| crate::i18n::number(lang, n);
    w.text(&t(lang, "letter-kind"), 9.0, false, 0.0, 4.0);
    w.text(&l.title, 20.0, true, 0.0, 6.0);
    if let Some(to) = &l.to {
        let to = t_args(lang, "letter-to", &[("to", to.as_str().into())]);
        w.text(&to, 11.0, false, 0.0, 2.0);
    }
    w.text(&l.summary, 11.0, false, 0.0, 10.0);
    for block in markdown::blocks(&l.body) {
        match block.kind {
            BlockKind::Heading => w.text(&block.text, 13.0, true, 0.0, 4.0),
            BlockKind::Paragraph => w.text(&block.text, 11.0, false, 0.0, 7.0),
            BlockKind::Item => w.entry(&format!("•  {}", block.text), 11.0, 10.0, 3.0),
        }
    }
    w.y += 8.0;
    let mut counts = t_args(
        lang,
        "pdf-counts",
        &[
            ("n", l.signature_count.into()),
            ("count", number(l.signature_count).into()),
            (
                "at",
                crate::i18n::long_date_time(lang, l.as_of.naive_utc()).into(),
            ),
        ],
    );
    if l.verified_count > 0 {
        counts.push_str(&t_args(
            lang,
            "home-campaign-verified",
            &[("count", number(l.verified_count).into())],
        ));
    }
    w.text(&counts, 12.0, true, 0.0, 4.0);
    for g in &l.groups {
        let mut line = format!("{}: {}", g.name, number(g.signature_count));
        if g.verified_count > 0 {
            let verified = t_args(
                lang,
                "letter-group-verified",
                &[("count", number(g.verified_count).into())],
            );
            line.push_str(&format!(" ({verified})"));
        }
        w.text(&line, 10.0, false, 10.0, 0.0);
    }
    w.y += 10.0;
    w.text(&t(lang, "mod-signatures"), 13.0, true, 0.0, 4.0);
    for line in &l.signatures {
        w.entry(line, 9.5, 0.0, 0.0);
    }
    w.finish(&l.title, &l.text_lang)
}
