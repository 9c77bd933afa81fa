//! The use cases: what signers, organisers, moderators and the service's own
//! periodic passes do, each through named queries in `db/` and mail kinds in
//! `mail/`. Routes and the command line call these; nothing below calls up.

pub(crate) mod access;
pub(crate) mod accounts;
pub(crate) mod audit;
pub(crate) mod campaigns;
pub(crate) mod deadlines;
pub(crate) mod deliveries;
pub(crate) mod fields;
pub mod log;
pub(crate) mod moderation;
pub(crate) mod organising;
pub(crate) mod padding;
pub(crate) mod paper;
pub(crate) mod periodic;
pub(crate) mod proposals;
pub(crate) mod recount;
pub mod retention;
pub(crate) mod signing;
pub(crate) mod teams;
pub(crate) mod updates;
pub(crate) mod upkeep;
pub(crate) mod volunteers;
pub(crate) mod webhooks;

pub use accounts::add_user;
