//! Moderators' pages: the review queue, signatures awaiting approval (one by
//! one and in bulk), blocks, and the audit log.

use rocket::response::Redirect;
use rocket::{get, post, routes, FromForm, Route, State};
use rocket_dyn_templates::{context, Template};

use super::nav::Nav;
use super::page::PageResult;
use crate::app::audit;
use crate::app::moderation::{self, BlockTarget, Decision};
use crate::auth::{CsrfForm, Moderator};
use crate::db::letters;
use crate::domain::markdown;
use crate::error::Error;
use crate::state::AppState;

#[get("/moderation")]
async fn queue(app: &State<AppState>, nav: Nav, _who: Moderator) -> PageResult<Template> {
    let in_review: Vec<crate::read::views::LetterSummary> = moderation::letters_in_review(app)
        .await?
        .into_iter()
        .map(|l| crate::read::views::summary(l, Default::default()))
        .collect();
    let waiting = moderation::signatures(app, None, None).await?.len();
    let proposed = crate::app::proposals::list(&app.db, None).await?.len();
    let undelivered = crate::db::outbox::stats(&app.db).await?.failed;
    let reasons = moderation::pending_reasons(app).await?.len();
    let updates: Vec<_> = crate::app::updates::in_review(app)
        .await?
        .into_iter()
        .map(|r| {
            context! {
                letter: crate::read::views::LetterRef::from(&r.letter),
                update: crate::read::updates::PublicUpdate::from(&r.update),
                translations: r.translations.into_iter().map(|t| {
                    translation_view(t.language, t.title, String::new(), &t.body)
                }).collect::<Vec<_>>(),
            }
        })
        .collect();
    let mut campaigns = Vec::new();
    for c in crate::app::campaigns::in_review(app).await? {
        let translations: Vec<_> = crate::db::campaigns::translations(&app.db, c.id)
            .await?
            .into_iter()
            .map(|t| translation_view(t.language, t.title, t.summary, &t.body))
            .collect();
        campaigns.push(context! {
            body_html: markdown::render(&c.body),
            targets: c.targets(),
            translations,
            slug: c.slug,
            title: c.title,
            summary: c.summary,
        });
    }
    Ok(Template::render(
        "moderator/queue",
        context! { nav, in_review, waiting, proposed, undelivered, updates, reasons, campaigns },
    ))
}

#[get("/moderation/letters/<slug>")]
async fn review(
    app: &State<AppState>,
    nav: Nav,
    _who: Moderator,
    slug: &str,
) -> PageResult<Template> {
    let letter = letters::find_by_slug(&app.db, slug)
        .await?
        .ok_or(Error::NotFound)?;
    let groups = letters::groups(&app.db, letter.id).await?;
    let paper = crate::app::paper::of_letter(app, &letter).await?;
    // Its translations are reviewed with it.
    let translations: Vec<_> = letters::translations(&app.db, letter.id)
        .await?
        .into_iter()
        .map(|t| translation_view(t.language, t.title, t.summary, &t.body))
        .collect();
    Ok(Template::render(
        "moderator/review",
        context! {
            nav,
            paper,
            translations,
            body_html: markdown::render(&letter.body),
            groups: groups.iter().map(|g| (g.name.clone(), g.email_domains.clone())).collect::<Vec<_>>(),
            status_label: letter.status.label_id(),
            in_review: letter.status == crate::db::entities::letter::LetterStatus::InReview,
            summary: &letter.summary,
            letter: crate::read::views::LetterRef::from(&letter),
        },
    ))
}

/// A translation as moderators review it.
fn translation_view(
    language: String,
    title: String,
    summary: String,
    body: &str,
) -> rocket_dyn_templates::tera::Value {
    rocket_dyn_templates::tera::to_value(context! {
        name: crate::i18n::language_name(&language),
        body_html: markdown::render(body),
        code: language,
        title,
        summary,
    })
    .unwrap_or_default()
}

/// A moderator's reason for refusing something.
#[derive(FromForm)]
pub(super) struct ReasonForm {
    pub(super) reason: String,
}

#[post("/moderation/letters/<slug>/publish", data = "<_form>")]
async fn publish(
    app: &State<AppState>,
    who: Moderator,
    slug: &str,
    _form: CsrfForm<crate::auth::Button>,
) -> PageResult<Redirect> {
    moderation::publish(app, &who.0, slug).await?;
    Ok(Redirect::to("/moderation"))
}

#[post("/moderation/letters/<slug>/reject", data = "<form>")]
async fn reject(
    app: &State<AppState>,
    who: Moderator,
    slug: &str,
    form: CsrfForm<ReasonForm>,
) -> PageResult<Redirect> {
    moderation::reject_letter(app, &who.0, slug, Some(&form.0.reason)).await?;
    Ok(Redirect::to("/moderation"))
}

#[get("/moderation/signatures?<letter>&<status>")]
async fn signatures(
    app: &State<AppState>,
    nav: Nav,
    _who: Moderator,
    letter: Option<&str>,
    status: Option<&str>,
) -> PageResult<Template> {
    let list = moderation::signatures(app, letter, status).await?;
    Ok(Template::render(
        "moderator/signatures",
        context! {
            nav,
            signatures: list,
            letter: letter.unwrap_or(""),
            status: status.filter(|s| !s.is_empty()).unwrap_or("awaiting_approval"),
            statuses: [
                ("awaiting_approval", "sig-status-awaiting-approval"),
                ("confirmed", "sig-status-confirmed"),
                ("unconfirmed", "sig-status-unconfirmed"),
                ("hidden", "sig-status-hidden"),
                ("rejected", "sig-status-rejected"),
                ("withdrawn", "sig-status-withdrawn"),
            ],
        },
    ))
}

#[derive(FromForm)]
struct DecisionForm {
    reason: String,
    /// Where to go back to (the filtered queue).
    back: String,
}

fn back_to(back: &str) -> Redirect {
    // Only our own queue, never an open redirect.
    if back.starts_with("/moderation/signatures") {
        Redirect::to(back.to_owned())
    } else {
        Redirect::to("/moderation/signatures")
    }
}

#[post("/moderation/signatures/<id>/<action>", data = "<form>", rank = 2)]
async fn decide(
    app: &State<AppState>,
    who: Moderator,
    id: i64,
    action: &str,
    form: CsrfForm<DecisionForm>,
) -> PageResult<Redirect> {
    let decision = Decision::parse(action).ok_or(Error::NotFound)?;
    moderation::decide(app, &who.0, id, decision, Some(&form.0.reason)).await?;
    Ok(back_to(&form.0.back))
}

#[derive(FromForm)]
struct BulkForm {
    ids: Vec<i64>,
    action: String,
    reason: String,
    back: String,
}

#[post("/moderation/signatures/bulk", data = "<form>")]
async fn bulk(
    app: &State<AppState>,
    who: Moderator,
    form: CsrfForm<BulkForm>,
) -> PageResult<Redirect> {
    let f = form.0;
    let decision = Decision::parse(&f.action)
        .ok_or_else(|| Error::field("action", "Choose approve, reject or hide."))?;
    if decision != Decision::Approve {
        crate::app::fields::reason(Some(&f.reason))?;
    }
    for id in f.ids {
        match moderation::decide(app, &who.0, id, decision, Some(&f.reason)).await {
            // One that changed meanwhile does not stop the rest.
            Ok(()) | Err(Error::Conflict(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(back_to(&f.back))
}

/// Signers' reasons waiting for a decision, to approve or reject in bulk.
#[get("/moderation/reasons")]
async fn reasons(app: &State<AppState>, nav: Nav, _who: Moderator) -> PageResult<Template> {
    let reasons = moderation::pending_reasons(app).await?;
    Ok(Template::render(
        "moderator/reasons",
        context! { nav, reasons },
    ))
}

#[derive(FromForm)]
struct ReasonsForm {
    ids: Vec<i64>,
    action: String,
}

#[post("/moderation/reasons/bulk", data = "<form>")]
async fn reasons_bulk(
    app: &State<AppState>,
    who: Moderator,
    form: CsrfForm<ReasonsForm>,
) -> PageResult<Redirect> {
    let approve = match form.0.action.as_str() {
        "approve" => true,
        "reject" => false,
        _ => return Err(Error::field("action", "Choose approve or reject.").into()),
    };
    for id in form.0.ids {
        match moderation::decide_reason(app, &who.0, id, approve).await {
            // One decided meanwhile does not stop the rest.
            Ok(()) | Err(Error::Conflict(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(Redirect::to("/moderation/reasons"))
}

#[get("/moderation/groups")]
async fn proposed_groups(app: &State<AppState>, nav: Nav, _who: Moderator) -> PageResult<Template> {
    let proposals = crate::app::proposals::list(&app.db, None).await?;
    Ok(Template::render(
        "moderator/groups",
        context! { nav, proposals },
    ))
}

#[get("/moderation/blocks")]
async fn blocks(app: &State<AppState>, nav: Nav, _who: Moderator) -> PageResult<Template> {
    use crate::db::entities::block::BlockKind;
    let list: Vec<(&str, String, Option<String>)> = moderation::blocks(app)
        .await?
        .into_iter()
        .map(|b| {
            let kind = match b.kind {
                BlockKind::Email => "mod-block-email",
                BlockKind::Domain => "mod-block-domain",
            };
            (kind, b.value, b.reason)
        })
        .collect();
    Ok(Template::render(
        "moderator/blocks",
        context! { nav, blocks: list },
    ))
}

#[derive(FromForm)]
struct BlockForm {
    target: String,
    reason: String,
}

#[post("/moderation/blocks", data = "<form>")]
async fn block(
    app: &State<AppState>,
    who: Moderator,
    form: CsrfForm<BlockForm>,
) -> PageResult<Redirect> {
    let t = form.0.target.trim();
    let target = if t.contains('@') && !t.starts_with('@') {
        BlockTarget::parse(Some(t), None)?
    } else {
        BlockTarget::parse(None, Some(t))?
    };
    moderation::block(app, &who.0, target, Some(&form.0.reason)).await?;
    Ok(Redirect::to("/moderation/blocks"))
}

/// Mail that could not be delivered: what it was, to whom (masked), and why.
#[get("/moderation/mail")]
async fn mail(app: &State<AppState>, nav: Nav, _who: Moderator) -> PageResult<Template> {
    let stats = crate::db::outbox::stats(&app.db).await?;
    let undeliverable = crate::db::outbox::undeliverable_count(&app.db).await?;
    let failed: Vec<_> = crate::db::outbox::failed(&app.db, 200)
        .await?
        .into_iter()
        .map(|m| {
            (
                m.created_at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
                m.kind,
                crate::domain::email::mask(&m.to_address),
                m.attempts,
                m.last_error.unwrap_or_default(),
            )
        })
        .collect();
    Ok(Template::render(
        "moderator/mail",
        context! {
            nav,
            failed,
            failed_total: stats.failed,
            undeliverable,
            pending: stats.pending,
            oldest_pending_secs: stats.oldest_pending_secs.unwrap_or(0),
            keep_mail_days: app.settings.keep_mail_days,
        },
    ))
}

#[get("/moderation/audit?<letter>")]
async fn audit_log(
    app: &State<AppState>,
    nav: Nav,
    _who: Moderator,
    letter: Option<&str>,
) -> PageResult<Template> {
    let letter_id = audit::letter_filter(&app.db, letter).await?;
    let entries: Vec<_> = audit::recent(&app.db, letter_id, 500)
        .await?
        .into_iter()
        .map(|e| {
            (
                e.created_at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
                e.actor_email,
                e.action,
                e.detail,
                e.reason,
            )
        })
        .collect();
    Ok(Template::render(
        "moderator/audit",
        context! { nav, entries, letter: letter.unwrap_or("") },
    ))
}

/// The padding view of one letter: bursts per domain and hour, disposable
/// domains, repeated names; and the bulk invalidation form.
#[get("/moderation/letters/<slug>/padding?<invalidated>")]
async fn padding(
    app: &State<AppState>,
    nav: Nav,
    _who: Moderator,
    slug: &str,
    invalidated: Option<usize>,
) -> PageResult<Template> {
    let (letter, report) = crate::app::padding::report(app, slug).await?;
    Ok(Template::render(
        "moderator/padding",
        context! {
            nav,
            report,
            invalidated,
            letter: crate::read::views::LetterRef::from(&letter),
        },
    ))
}

#[derive(FromForm)]
struct InvalidateForm {
    domain: String,
    from: String,
    until: String,
    reason: String,
}

#[post("/moderation/letters/<slug>/invalidate", data = "<form>")]
async fn invalidate(
    app: &State<AppState>,
    who: Moderator,
    slug: &str,
    form: CsrfForm<InvalidateForm>,
) -> PageResult<Redirect> {
    let f = form.0;
    let what = crate::app::padding::Invalidation::parse(
        Some(&f.domain),
        Some(&f.from),
        Some(&f.until),
        Some(&f.reason),
    )?;
    let n = crate::app::padding::invalidate(app, &who.0, slug, &what).await?;
    Ok(Redirect::to(format!(
        "/moderation/letters/{slug}/padding?invalidated={n}"
    )))
}

pub(crate) fn routes() -> Vec<Route> {
    routes![
        queue,
        review,
        publish,
        reject,
        signatures,
        decide,
        bulk,
        reasons,
        reasons_bulk,
        blocks,
        block,
        audit_log,
        mail,
        proposed_groups,
        padding,
        invalidate
    ]
}
