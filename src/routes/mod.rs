//! HTTP handlers, grouped by audience. Handlers are thin: guard → domain → db → response.

pub(crate) mod account;
pub(crate) mod api;
pub(crate) mod campaigns;
pub(crate) mod catchers;
pub(crate) mod deliveries;
pub(crate) mod health;
pub(crate) mod moderator;
pub(crate) mod nav;
pub(crate) mod organiser;
pub(crate) mod page;
pub(crate) mod paper;
pub(crate) mod public;
pub(crate) mod security;
pub(crate) mod teams;
pub(crate) mod updates;
pub(crate) mod volunteers;
