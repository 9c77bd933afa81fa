//! The reader's language. Every word the service shows or mails is a message
//! in `locales/<language>/*.ftl` (Project Fluent, compiled into the binary):
//! adding a language is adding one folder. Pages pick the language from
//! `?lang=`, then the cookie the language switcher sets, then
//! `Accept-Language`, then the site's `default_language`; mail goes out in
//! the language its recipient used. Numbers are written as the language
//! writes them ("1,214" in English, "1.214" in Spanish).

mod messages;
mod pseudo;
mod tera_fn;

pub use messages::*;
pub use pseudo::english_left;
pub use tera_fn::{escape as escape_html, register, Translate};
