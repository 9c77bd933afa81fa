//! The queries behind the moderators' padding view: signatures per email
//! domain and hour, per domain, the names, and bulk invalidation.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Statement,
};

use super::entities::signature::{self, SignatureStatus};
use crate::error::{Error, Result};

/// The statuses a moderator looks at for padding: counted, or waiting to be.
const LIVE: [SignatureStatus; 2] = [
    SignatureStatus::Confirmed,
    SignatureStatus::AwaitingApproval,
];

/// The domain part of `email_normalized` in this backend's SQL.
fn domain_sql(backend: DatabaseBackend) -> String {
    super::domain_of_address_sql(backend, "email_normalized")
}

/// A domain's signatures in one (UTC) hour of signing.
#[derive(Debug, Clone)]
pub struct DomainHour {
    pub domain: String,
    pub hour: DateTime<Utc>,
    pub signatures: i64,
}

/// The busiest (domain, hour) pairs of a letter's live signatures, most first.
pub async fn domain_hours(
    db: &impl ConnectionTrait,
    letter_id: i64,
    limit: i64,
) -> Result<Vec<DomainHour>> {
    let backend = db.get_database_backend();
    let hour = match backend {
        DatabaseBackend::Postgres => {
            "to_char(date_trunc('hour', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD HH24:MI:SS')"
        }
        _ => "strftime('%Y-%m-%d %H:00:00', created_at)",
    };
    let domain = domain_sql(backend);
    let sql = format!(
        "SELECT {domain} AS domain, {hour} AS hour, COUNT(*) AS n FROM signatures \
         WHERE letter_id = $1 AND status IN ('confirmed', 'awaiting_approval') \
         GROUP BY 1, 2 ORDER BY 3 DESC, 2, 1 LIMIT $2"
    );
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [letter_id.into(), limit.into()],
        ))
        .await?;
    rows.into_iter()
        .map(|row| {
            let text: String = row.try_get("", "hour")?;
            let hour = chrono::NaiveDateTime::parse_from_str(&text, "%Y-%m-%d %H:%M:%S")
                .map_err(|e| Error::Internal(format!("padding hour {text:?}: {e}")))?
                .and_utc();
            Ok(DomainHour {
                domain: row.try_get("", "domain")?,
                hour,
                signatures: row.try_get("", "n")?,
            })
        })
        .collect()
}

/// Every domain of a letter's live signatures with how many it has.
pub async fn domains(db: &impl ConnectionTrait, letter_id: i64) -> Result<Vec<(String, i64)>> {
    let backend = db.get_database_backend();
    let domain = domain_sql(backend);
    let sql = format!(
        "SELECT {domain} AS domain, COUNT(*) AS n FROM signatures \
         WHERE letter_id = $1 AND status IN ('confirmed', 'awaiting_approval') \
         GROUP BY 1 ORDER BY 2 DESC, 1"
    );
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [letter_id.into()],
        ))
        .await?;
    rows.into_iter()
        .map(|row| Ok((row.try_get("", "domain")?, row.try_get("", "n")?)))
        .collect()
}

/// The names of a letter's live signatures.
pub async fn names(db: &impl ConnectionTrait, letter_id: i64) -> Result<Vec<String>> {
    Ok(signature::Entity::find()
        .select_only()
        .column(signature::Column::Name)
        .filter(signature::Column::LetterId.eq(letter_id))
        .filter(signature::Column::Status.is_in(LIVE))
        .into_tuple()
        .all(db)
        .await?)
}

/// Live signatures of a letter at `domain` or its subdomains, signed in
/// `[from, until)`, locked until the transaction ends (on PostgreSQL; SQLite
/// has one writer at a time).
fn in_range(
    letter_id: i64,
    domain: &str,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> sea_orm::Select<signature::Entity> {
    signature::Entity::find()
        .filter(signature::Column::LetterId.eq(letter_id))
        .filter(signature::Column::Status.is_in(LIVE))
        .filter(
            Condition::any()
                .add(signature::Column::EmailNormalized.like(format!("%@{domain}")))
                .add(signature::Column::EmailNormalized.like(format!("%.{domain}"))),
        )
        .filter(signature::Column::CreatedAt.gte(from))
        .filter(signature::Column::CreatedAt.lt(until))
}

/// Takes the matching signatures out of the count (status `invalidated`,
/// with the moderator's reason) and returns their ids, oldest first. The
/// triggers move the count and queue the log's `remove` entries.
pub async fn invalidate(
    db: &impl ConnectionTrait,
    letter_id: i64,
    domain: &str,
    (from, until): (DateTime<Utc>, DateTime<Utc>),
    reason: &str,
) -> Result<Vec<i64>> {
    let mut select = in_range(letter_id, domain, from, until)
        .select_only()
        .column(signature::Column::Id)
        .order_by_asc(signature::Column::Id);
    if db.get_database_backend() == DatabaseBackend::Postgres {
        select = select.lock_exclusive();
    }
    let ids: Vec<i64> = select.into_tuple().all(db).await?;
    for chunk in ids.chunks(10_000) {
        let res = signature::Entity::update_many()
            .col_expr(
                signature::Column::Status,
                Expr::value(SignatureStatus::Invalidated),
            )
            .col_expr(signature::Column::ModerationReason, Expr::value(reason))
            .filter(signature::Column::Id.is_in(chunk.iter().copied()))
            .filter(signature::Column::Status.is_in(LIVE))
            .exec(db)
            .await?;
        if res.rows_affected != chunk.len() as u64 {
            return Err(Error::Conflict(
                "Signatures changed meanwhile; reload and try again.".into(),
            ));
        }
    }
    Ok(ids)
}
