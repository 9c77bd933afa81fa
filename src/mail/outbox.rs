//! Queueing mail: written in the same transaction as the change that caused
//! it, so nothing acknowledged to a user can lose its email.

use sea_orm::ConnectionTrait;

use super::catalogue::Priority;
use super::Rendered;
use crate::db::outbox::{self, NewMessage};
use crate::error::Result;

/// Queues a message; call inside the transaction that makes the change.
pub async fn enqueue(db: &impl ConnectionTrait, to: &str, message: Rendered) -> Result<i64> {
    outbox::insert(db, queued(to, message)).await
}

/// The row that queues a message, for inserting many at once.
pub fn queued(to: &str, message: Rendered) -> NewMessage {
    NewMessage {
        kind: message.kind,
        priority: match message.priority {
            Priority::Transactional => 0,
            Priority::Bulk => 1,
        },
        to: to.to_owned(),
        subject: message.subject,
        text: Some(message.text),
        html: Some(message.html),
        list: None,
    }
}
