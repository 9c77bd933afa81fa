//! HTTP handlers, grouped by audience. Handlers are thin: guard → domain → db → response.

pub mod account;
pub mod api;
pub mod catchers;
pub mod health;
pub mod moderator;
pub mod nav;
pub mod organiser;
pub mod page;
pub mod public;
pub mod security;
