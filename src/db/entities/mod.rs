//! SeaORM entities, one file per table.

pub mod letter;
pub mod letter_group;
pub mod outbox;
pub mod signature;
pub mod token;
