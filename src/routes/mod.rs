//! HTTP handlers, grouped by audience. Handlers are thin: guard → domain → db → response.

pub mod api;
pub mod catchers;
pub mod health;
pub mod page;
pub mod public;
