//! The public list of signatories as CSV, with the same fields as the JSON.

use rocket::http::Header;
use rocket::{get, routes, Responder, Route, State};

use crate::db::letters;
use crate::error::{Error, Result};
use crate::read::views::{self, Paging};
use crate::state::AppState;

#[derive(Responder)]
#[response(content_type = "text/csv")]
struct CsvFile {
    body: Vec<u8>,
    disposition: Header<'static>,
}

#[get("/letters/<slug>/signatures.csv?<group>")]
async fn signatures_csv(app: &State<AppState>, slug: &str, group: Option<&str>) -> Result<CsvFile> {
    let letter = letters::public_by_slug(&app.db, slug).await?;
    let groups = letters::groups(&app.db, letter.id).await?;
    let group_id = views::group_filter(&groups, group)?;
    let mut out = ::csv::Writer::from_writer(Vec::new());
    let csv_err = |e: ::csv::Error| Error::Internal(format!("csv: {e}"));
    out.write_record(views::PUBLIC_CSV_COLUMNS)
        .map_err(csv_err)?;
    // The whole list, a key range at a time.
    let mut after = None;
    loop {
        let rows = crate::db::signatures::page_after(
            &app.db,
            letter.id,
            group_id,
            after,
            0,
            Paging::MAX_PER_PAGE,
        )
        .await?;
        let Some(last) = rows.last() else { break };
        after = last.confirmed_at.map(|at| (at, last.id));
        for s in rows {
            out.write_record(views::csv_record(&views::PublicSignature::new(s, &groups)))
                .map_err(csv_err)?;
        }
        if after.is_none() {
            break;
        }
    }
    // Then the names collected on paper, marked so.
    for batch in crate::read::paper::of_letter(&app.db, letter.id, &groups, group_id).await? {
        for s in views::paper_signatures(&batch) {
            out.write_record(views::csv_record(&s)).map_err(csv_err)?;
        }
    }
    let body = out
        .into_inner()
        .map_err(|e| Error::Internal(format!("csv: {e}")))?;
    Ok(CsvFile {
        body,
        disposition: Header::new(
            "Content-Disposition",
            format!("attachment; filename=\"{}-signatures.csv\"", letter.slug),
        ),
    })
}

pub(super) fn routes() -> Vec<Route> {
    routes![signatures_csv]
}
