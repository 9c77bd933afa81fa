//! Queries about `rate_counters`: one row per bucket and fixed window, for the
//! rate limiter when it keeps its counts in the database.

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, Statement, Value};

use crate::error::{Error, Result};

/// One window of one bucket.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Window {
    pub bucket: String,
    /// Unix seconds at which the window starts (a multiple of `secs`).
    pub start: i64,
    pub secs: i64,
}

/// Adds one to each window, in one statement; the counts after adding, in order.
pub async fn add_one(db: &impl ConnectionTrait, windows: &[Window]) -> Result<Vec<i64>> {
    if windows.is_empty() {
        return Ok(Vec::new());
    }
    let (rows, values) = tuples(windows, ", 1");
    let stmt = Statement::from_sql_and_values(
        db.get_database_backend(),
        format!(
            "INSERT INTO rate_counters (bucket, window_start, window_secs, n) \
             VALUES {rows} \
             ON CONFLICT (bucket, window_start, window_secs) \
             DO UPDATE SET n = rate_counters.n + 1 \
             RETURNING bucket, window_start, window_secs, n"
        ),
        values,
    );
    let found = by_window(db.query_all_raw(stmt).await?)?;
    windows
        .iter()
        .map(|w| {
            found
                .get(w)
                .copied()
                .ok_or_else(|| Error::Internal("a rate counter returned nothing".into()))
        })
        .collect()
}

/// The counts of each window (0 where nothing was counted), in order.
pub async fn read(db: &impl ConnectionTrait, windows: &[Window]) -> Result<Vec<i64>> {
    if windows.is_empty() {
        return Ok(Vec::new());
    }
    let (rows, values) = tuples(windows, "");
    let stmt = Statement::from_sql_and_values(
        db.get_database_backend(),
        format!(
            "SELECT bucket, window_start, window_secs, n FROM rate_counters \
             WHERE (bucket, window_start, window_secs) IN (VALUES {rows})"
        ),
        values,
    );
    let found = by_window(db.query_all_raw(stmt).await?)?;
    Ok(windows
        .iter()
        .map(|w| found.get(w).copied().unwrap_or(0))
        .collect())
}

/// Deletes windows that ended before `now` (Unix seconds).
pub async fn delete_ended(db: &impl ConnectionTrait, now: i64) -> Result<u64> {
    Ok(db
        .execute_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            "DELETE FROM rate_counters WHERE window_start + window_secs < $1",
            [now.into()],
        ))
        .await?
        .rows_affected())
}

/// `($1, $2, $3<extra>), ...` and their values.
fn tuples(windows: &[Window], extra: &str) -> (String, Vec<Value>) {
    let mut rows = Vec::with_capacity(windows.len());
    let mut values: Vec<Value> = Vec::with_capacity(windows.len() * 3);
    for w in windows {
        let at = values.len() + 1;
        rows.push(format!("(${at}, ${}, ${}{extra})", at + 1, at + 2));
        values.extend([w.bucket.clone().into(), w.start.into(), w.secs.into()]);
    }
    (rows.join(", "), values)
}

/// Rows come back in no promised order: they are matched by key.
fn by_window(rows: Vec<sea_orm::QueryResult>) -> Result<HashMap<Window, i64>> {
    let mut found = HashMap::with_capacity(rows.len());
    for row in rows {
        let window = Window {
            bucket: row.try_get("", "bucket")?,
            start: row.try_get("", "window_start")?,
            secs: row.try_get("", "window_secs")?,
        };
        found.insert(window, row.try_get::<i64>("", "n")?);
    }
    Ok(found)
}
