//! SeaORM entities, one file per table.

pub mod audit_log;
pub mod block;
pub mod campaign;
pub mod campaign_win;
pub mod letter;
pub mod letter_delivery;
pub mod letter_group;
pub mod letter_recipient;
pub mod letter_translation;
pub mod letter_update;
pub mod log_entry;
pub mod log_head;
pub mod log_key;
pub mod log_node;
pub mod log_pending;
pub mod log_state;
pub mod outbox;
pub mod paper_batch;
pub mod server_secret;
pub mod session;
pub mod signature;
pub mod signature_count;
pub mod team_member;
pub mod token;
pub mod user;
pub mod volunteer;
