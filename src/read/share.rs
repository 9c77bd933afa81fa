//! The share image: an SVG card (title and count) drawn to PNG with `resvg`,
//! in fonts compiled into the binary, so it looks the same on every server
//! and needs no system fonts.

use std::sync::Arc;

use resvg::usvg::{self, fontdb};

use crate::error::{Error, Result};

/// DejaVu Sans (see `assets/fonts/LICENSE`), for the share image and the PDF.
pub(crate) struct Fonts {
    svg: Arc<fontdb::Database>,
    pub(crate) pdf: super::pdf::PdfFonts,
}

impl Fonts {
    pub(crate) fn load() -> Fonts {
        let mut db = fontdb::Database::new();
        for data in [super::pdf::REGULAR, super::pdf::BOLD] {
            db.load_font_source(fontdb::Source::Binary(Arc::new(data)));
        }
        db.set_sans_serif_family("DejaVu Sans");
        Fonts {
            svg: Arc::new(db),
            pdf: super::pdf::PdfFonts::load(),
        }
    }
}

/// Draws `svg` to PNG bytes at its own size.
pub(crate) fn png(svg: &str, fonts: Arc<Fonts>) -> Result<Vec<u8>> {
    let options = usvg::Options {
        fontdb: fonts.svg.clone(),
        ..Default::default()
    };
    let tree = usvg::Tree::from_str(svg, &options)
        .map_err(|e| Error::Internal(format!("share image svg: {e}")))?;
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| Error::Internal("share image size".into()))?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| Error::Internal(format!("share image png: {e}")))
}
