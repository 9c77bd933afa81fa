//! Parse-don't-validate types: a value of one of these types is known to be valid.

pub mod discreet;
pub mod email;
pub mod log_key;
pub mod markdown;
pub mod merkle;
pub mod name;
pub mod padding;
pub mod slug;
pub mod text;
pub mod token;
pub mod webhook;

pub use email::Email;
pub use name::SignerName;
pub use slug::Slug;
pub use text::OptionalText;
pub use token::Token;
