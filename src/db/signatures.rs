//! Queries about signatures.

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::entities::signature::{self, SignatureStatus};
use crate::error::Result;

/// The signature of one address (normalised) on one letter, whatever its status.
pub async fn find_by_email(
    db: &impl ConnectionTrait,
    letter_id: i64,
    email_normalized: &str,
) -> Result<Option<signature::Model>> {
    Ok(signature::Entity::find()
        .filter(signature::Column::LetterId.eq(letter_id))
        .filter(signature::Column::EmailNormalized.eq(email_normalized))
        .one(db)
        .await?)
}

/// One page of the public list: confirmed signatures in order of confirmation,
/// optionally of one group. Returns the total and the page.
pub async fn public_page(
    db: &impl ConnectionTrait,
    letter_id: i64,
    group_id: Option<i64>,
    page: u64,
    per_page: u64,
) -> Result<(u64, Vec<signature::Model>)> {
    let mut query = signature::Entity::find()
        .filter(signature::Column::LetterId.eq(letter_id))
        .filter(signature::Column::Status.eq(SignatureStatus::Confirmed));
    if let Some(group_id) = group_id {
        query = query.filter(signature::Column::GroupId.eq(group_id));
    }
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_asc(signature::Column::ConfirmedAt)
        .order_by_asc(signature::Column::Id)
        .offset(page.saturating_sub(1) * per_page)
        .limit(per_page)
        .all(db)
        .await?;
    Ok((total, rows))
}
