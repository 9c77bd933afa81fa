//! Queries about a letter's recipients and its deliveries to them.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::entities::{letter_delivery, letter_recipient};
use crate::error::Result;

/// A recipient as the organiser names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientText<'a> {
    pub name: &'a str,
    pub organisation: Option<&'a str>,
    pub email: &'a str,
}

/// A letter's recipients, in the organiser's order.
pub async fn recipients(
    db: &impl ConnectionTrait,
    letter_id: i64,
) -> Result<Vec<letter_recipient::Model>> {
    Ok(letter_recipient::Entity::find()
        .filter(letter_recipient::Column::LetterId.eq(letter_id))
        .order_by_asc(letter_recipient::Column::Position)
        .order_by_asc(letter_recipient::Column::Id)
        .all(db)
        .await?)
}

/// Replaces a letter's recipients whole.
pub async fn replace_recipients(
    db: &impl ConnectionTrait,
    letter_id: i64,
    list: &[RecipientText<'_>],
) -> Result<()> {
    letter_recipient::Entity::delete_many()
        .filter(letter_recipient::Column::LetterId.eq(letter_id))
        .exec(db)
        .await?;
    for (i, r) in list.iter().enumerate() {
        letter_recipient::ActiveModel {
            letter_id: Set(letter_id),
            position: Set(i as i32),
            name: Set(r.name.to_owned()),
            organisation: Set(r.organisation.map(str::to_owned)),
            email: Set(r.email.to_owned()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// A delivery as it is recorded.
#[derive(Debug, Clone)]
pub struct NewDelivery {
    pub letter_id: i64,
    pub delivered_at: DateTime<Utc>,
    pub signature_count: i64,
    pub verified_count: i64,
    /// JSON `[{"name","organisation"}]`.
    pub recipients: String,
    pub recipient_count: i32,
    pub actor_id: i64,
}

pub async fn insert(db: &impl ConnectionTrait, new: NewDelivery) -> Result<letter_delivery::Model> {
    Ok(letter_delivery::ActiveModel {
        letter_id: Set(new.letter_id),
        delivered_at: Set(new.delivered_at),
        signature_count: Set(new.signature_count),
        verified_count: Set(new.verified_count),
        recipients: Set(new.recipients),
        recipient_count: Set(new.recipient_count),
        actor_id: Set(Some(new.actor_id)),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// A letter's deliveries, newest first.
pub async fn of_letter(
    db: &impl ConnectionTrait,
    letter_id: i64,
) -> Result<Vec<letter_delivery::Model>> {
    Ok(letter_delivery::Entity::find()
        .filter(letter_delivery::Column::LetterId.eq(letter_id))
        .order_by_desc(letter_delivery::Column::DeliveredAt)
        .order_by_desc(letter_delivery::Column::Id)
        .all(db)
        .await?)
}

/// The latest delivery of a letter, if any.
pub async fn latest(
    db: &impl ConnectionTrait,
    letter_id: i64,
) -> Result<Option<letter_delivery::Model>> {
    Ok(letter_delivery::Entity::find()
        .filter(letter_delivery::Column::LetterId.eq(letter_id))
        .order_by_desc(letter_delivery::Column::DeliveredAt)
        .one(db)
        .await?)
}
