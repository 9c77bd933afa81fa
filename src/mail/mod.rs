//! Email: rendering messages from templates, the outbox, and the delivery worker.

pub mod outbox;
pub mod transport;
pub mod worker;

use std::path::Path;

use serde::Serialize;
use tera::Tera;

use crate::error::Result;

/// A rendered message, ready to be queued.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub kind: &'static str,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Renders emails from `templates/email/<kind>.txt` and `<kind>.html` (Tera syntax;
/// not `.tera` files, so the page engine leaves them alone). HTML parts are
/// autoescaped, text parts are not.
pub struct Templates {
    tera: Tera,
}

impl Templates {
    /// Loads every email template under `<template_dir>/email/`.
    pub fn load(template_dir: &Path) -> Result<Templates> {
        let glob = template_dir.join("email").join("*.{txt,html}");
        let tera = Tera::new(&glob.to_string_lossy())?;
        Ok(Templates { tera })
    }

    /// Renders both parts of `kind` with `context`.
    pub fn render(
        &self,
        kind: &'static str,
        subject: String,
        context: &impl Serialize,
    ) -> Result<Rendered> {
        let ctx = tera::Context::from_serialize(context)?;
        Ok(Rendered {
            kind,
            subject,
            text: self.tera.render(&format!("{kind}.txt"), &ctx)?,
            html: self.tera.render(&format!("{kind}.html"), &ctx)?,
        })
    }
}
