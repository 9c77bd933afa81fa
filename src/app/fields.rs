//! Checks shared by the use cases' inputs: a text field within its bounds,
//! a moderator's reason.

use crate::error::{Error, FieldErrors, Result};
use crate::i18n::Msg;

/// A text field trimmed and checked: required or not, at most `max`
/// characters, no control characters (but line breaks and tabs where `multiline`).
/// Problems go into `errors` under `field`.
pub(crate) fn text_field(
    errors: &mut FieldErrors,
    field: &str,
    value: &str,
    max: usize,
    required: bool,
    multiline: bool,
) -> String {
    let v = value.trim();
    if required && v.is_empty() {
        errors.insert(field.into(), Msg::id("error-required"));
    } else if v.chars().count() > max {
        errors.insert(field.into(), Msg::id("error-text-long").with("max", max));
    } else if v.chars().any(|c| {
        crate::domain::text::is_control_char(c) && !(multiline && matches!(c, '\n' | '\r' | '\t'))
    }) {
        errors.insert(field.into(), Msg::id("error-control-chars"));
    }
    v.to_owned()
}

/// A reason is required wherever a moderator refuses or hides something.
pub(crate) fn reason(input: Option<&str>) -> Result<String> {
    optional_reason(input)?.ok_or_else(|| Error::field("reason", Msg::id("error-reason-required")))
}

/// A reason that may be left out (blank is none), within the same bound.
pub(crate) fn optional_reason(input: Option<&str>) -> Result<Option<String>> {
    match input.map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) if r.chars().count() > 2000 => Err(Error::field(
            "reason",
            Msg::id("error-text-long").with("max", 2000),
        )),
        r => Ok(r.map(str::to_owned)),
    }
}
