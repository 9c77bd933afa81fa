//! The list of letters, a letter's page, and the signing form.

use std::collections::BTreeMap;

use rocket::form::{self, Contextual};
use rocket::http::Status;
use rocket::response::content::RawHtml;
use rocket::response::Redirect;
use rocket::{get, post, routes, uri, Either, FromForm, Route, State};
use rocket_dyn_templates::{context, Metadata, Template};
use serde::Serialize;

use super::super::nav::Nav;
use super::super::page::{PageError, PageResult};
use crate::app::signing::{self, SignQueue, SignatureInput};
use crate::auth::CsrfForm;
use crate::db::entities::letter;
use crate::db::letters;
use crate::domain::{markdown, Email, OptionalText, SignerName};
use crate::error::Error;
use crate::read::views::LetterRef;
use crate::read::views::{self, Paging};
use crate::state::AppState;

/// What the signing form shows: the values typed and the errors against them.
#[derive(Debug, Serialize)]
struct FormState {
    values: BTreeMap<String, String>,
    /// Field → message, in the reader's language.
    errors: BTreeMap<String, String>,
    /// A problem with the whole submission rather than one field.
    error: Option<String>,
}

impl Default for FormState {
    /// An empty form: every field present (templates compare values), none filled.
    fn default() -> Self {
        FormState {
            values: FIELDS
                .iter()
                .map(|f| (f.to_string(), String::new()))
                .collect(),
            errors: BTreeMap::new(),
            error: None,
        }
    }
}

/// Which page the signing form sits on, for re-rendering it after an error.
#[derive(Debug, Clone, Copy)]
enum Place<'a> {
    Letter,
    Group(&'a str),
}

/// A group as the letter page lists it.
#[derive(Debug, Serialize)]
struct GroupRow<'a> {
    #[serde(flatten)]
    group: &'a views::GroupView,
    progress: Option<u64>,
}

/// Groups matching a search (name, slug or domain; case-insensitive),
/// the largest first.
fn find_groups<'a>(groups: &'a [views::GroupView], q: Option<&str>) -> Vec<GroupRow<'a>> {
    let q = q.map(|q| q.trim().to_lowercase()).unwrap_or_default();
    let mut rows: Vec<GroupRow<'a>> = groups
        .iter()
        .filter(|g| {
            q.is_empty()
                || g.name.to_lowercase().contains(&q)
                || g.slug.contains(&q)
                || g.email_domains.iter().any(|d| d.contains(&q))
        })
        .map(|g| GroupRow {
            group: g,
            progress: views::progress(g.signature_count, g.goal),
        })
        .collect();
    rows.sort_by(|a, b| {
        b.group
            .signature_count
            .cmp(&a.group.signature_count)
            .then_with(|| a.group.name.cmp(&b.group.name))
    });
    rows
}

/// What a letter's groups are called on its page, in `lang`.
fn group_noun(category: letter::Category, lang: &str) -> String {
    crate::i18n::t(
        lang,
        match category {
            letter::Category::Students => "noun-campus",
            letter::Category::TechWorkers => "noun-company",
            _ => "noun-group",
        },
    )
}

async fn letter_page(
    app: &AppState,
    nav: &Nav,
    wanted: Wanted<'_>,
    form: FormState,
) -> PageResult<Template> {
    let (name, ctx) = letter_page_parts(app, nav, wanted, form).await?;
    Ok(Template::render(name, ctx))
}

/// A letter's (or group's) page as a template name and its context.
async fn letter_page_parts(
    app: &AppState,
    nav: &Nav,
    wanted: Wanted<'_>,
    mut form: FormState,
) -> PageResult<(&'static str, serde_json::Value)> {
    let Wanted {
        place,
        slug,
        page,
        q,
        who,
    } = wanted;
    let letter = letters::public_by_slug(&app.db, slug).await?;
    let groups = letters::groups(&app.db, letter.id).await?;
    let organise = crate::app::volunteers::form_for(app, letter.campaign_id).await?;
    let category = letter.category;
    let detail = views::letter_detail(&app.db, letter.clone(), &groups)
        .await?
        .in_language(nav.text_lang());
    let body_html = markdown::render(&detail.body);
    // The languages the letter is written in, each named in its own.
    let letter_languages: Vec<(String, String)> = detail
        .languages
        .iter()
        .map(|l| (l.clone(), crate::i18n::language_name(l)))
        .collect();
    let letter_dir = crate::i18n::direction(&detail.language);
    let group = match place {
        Place::Letter => None,
        Place::Group(g) => Some(
            detail
                .groups
                .iter()
                .find(|x| x.slug == g)
                .ok_or(Error::NotFound)?,
        ),
    };
    let group_id = group.and_then(|g| groups.iter().find(|x| x.slug == g.slug).map(|x| x.id));
    if let Some(g) = group {
        // The group page's form signs for that group unless the signer changes it.
        form.values.entry("group".into()).and_modify(|v| {
            if v.is_empty() {
                v.clone_from(&g.slug)
            }
        });
    }
    let paging = Paging {
        page: page.unwrap_or(1).clamp(1, Paging::MAX_PAGE),
        per_page: Paging::DEFAULT_PER_PAGE,
    };
    // The list's length is the count the page shows anyway.
    // (Those on paper are listed apart.)
    let total = group.map_or(detail.signature_count - detail.paper_count, |g| {
        g.signature_count - g.paper_count
    });
    // A search by name or affiliation lists its matches instead of a page.
    let who = who.map(str::trim).filter(|w| !w.is_empty());
    let (signatures, pages) = match who {
        Some(text) => {
            let found =
                crate::db::signatures::search(&app.db, letter.id, group_id, text, SEARCH_LIMIT)
                    .await?;
            (views::public_signatures(found, &groups), 1)
        }
        None => (
            views::signature_page(
                &app.db,
                &app.list_marks,
                letter.id,
                &groups,
                group_id,
                paging,
            )
            .await?,
            total.div_ceil(paging.per_page).max(1),
        ),
    };
    let (recent, reasons, updates) = if group.is_none() && who.is_none() {
        let rows = crate::db::signatures::recent(&app.db, letter.id, RECENT).await?;
        let reasons = views::public_reasons(&app.db, letter.id, &groups, REASONS).await?;
        let updates = crate::read::updates::published(&app.db, letter.id, nav.text_lang()).await?;
        (views::public_signatures(rows, &groups), reasons, updates)
    } else {
        (Vec::new(), Vec::new(), Vec::new())
    };
    let base = match group {
        Some(g) => format!("/letters/{}/groups/{}", detail.slug, g.slug),
        None => format!("/letters/{}", detail.slug),
    };
    let share = views::share_links(
        &nav.lang,
        &detail.title,
        &format!("{}{base}", app.settings.public_url),
    );
    let group_names: BTreeMap<&str, &str> = groups
        .iter()
        .map(|g| (g.slug.as_str(), g.name.as_str()))
        .collect();
    let found = find_groups(&detail.groups, q);
    let name = if group.is_some() {
        "public/group"
    } else {
        "public/letter"
    };
    let ctx = serde_json::to_value(context! {
            nav,
            letter: &detail,
            body_html,
            letter_languages,
            letter_dir,
            progress: views::progress(detail.signature_count, detail.goal),
            group,
            group_progress: group.and_then(|g| views::progress(g.signature_count, g.goal)),
            group_noun: group_noun(category, &nav.lang),
            groups: found,
            q: q.unwrap_or(""),
            signatures,
            group_names,
            total,
            page: paging.page,
            first: if who.is_some() { 1 } else { (paging.page - 1) * paging.per_page + 1 },
            base,
            pages,
            who: who.unwrap_or(""),
            searching: who.is_some(),
            recent,
            reasons,
            updates,
            share,
            public_url: &app.settings.public_url,
            open: detail.status == letter::LetterStatus::Published
                && detail.closes_at.is_none_or(|t| chrono::Utc::now() < t),
            closes_on: detail.closes_at.map(|t| crate::i18n::long_date_time(&nav.lang, t.naive_utc())),
            goal_reached_on: detail.goal_reached_at.map(|t| crate::i18n::long_date(&nav.lang, t.date_naive())),
            to: views::addressed_to(&detail.recipients),
            deliveries: detail.deliveries.iter().map(|d| context! {
                to: views::addressed_to(&d.recipients),
                date: d.delivered_at.format("%Y-%m-%d").to_string(),
                signature_count: d.signature_count,
            }).collect::<Vec<_>>(),
            form,
            vform: super::super::volunteers::VolunteerForm::with_group(group.map(|g| g.slug.as_str())),
            organise,
    })
    .map_err(|e| PageError(Error::Internal(format!("page context: {e}"))))?;
    Ok((name, ctx))
}

/// Approved reasons shown on a letter's page.
const REASONS: u64 = 10;

/// Which page is asked for.
#[derive(Clone, Copy)]
struct Wanted<'a> {
    place: Place<'a>,
    slug: &'a str,
    page: Option<u64>,
    /// A search of the groups.
    q: Option<&'a str>,
    /// A search of the list by name, title or affiliation.
    who: Option<&'a str>,
}

impl<'a> Wanted<'a> {
    /// The page with its form, as it first appears.
    fn first(slug: &'a str, place: Place<'a>) -> Wanted<'a> {
        Wanted {
            place,
            slug,
            page: None,
            q: None,
            who: None,
        }
    }
}

/// Matches a search of the list shows at most.
const SEARCH_LIMIT: u64 = 100;
/// Signatures under "Recently signed".
const RECENT: u64 = 8;

/// A letter's (or group's) page, built once per cache interval for visitors
/// who are not logged in.
async fn public_page(
    app: &AppState,
    templates: Metadata<'_>,
    nav: &Nav,
    key: String,
    wanted: Wanted<'_>,
) -> PageResult<Either<Template, RawHtml<String>>> {
    super::super::page::cached_page(app, templates, nav, key, |nav| async move {
        letter_page_parts(app, &nav, wanted, FormState::default()).await
    })
    .await
}

#[get("/letters/<slug>?<page>&<q>&<who>")]
async fn show(
    app: &State<AppState>,
    templates: Metadata<'_>,
    nav: Nav,
    slug: &str,
    page: Option<u64>,
    q: Option<&str>,
    who: Option<&str>,
) -> PageResult<Either<Template, RawHtml<String>>> {
    let key = format!(
        "html:{}:{}:letter:{slug}:{page:?}:{q:?}:{who:?}",
        nav.lang,
        nav.text_lang()
    );
    let wanted = Wanted {
        place: Place::Letter,
        slug,
        page,
        q,
        who,
    };
    public_page(app, templates, &nav, key, wanted).await
}

#[get("/letters/<slug>/groups/<group>?<page>&<who>")]
async fn group_page(
    app: &State<AppState>,
    templates: Metadata<'_>,
    nav: Nav,
    slug: &str,
    group: &str,
    page: Option<u64>,
    who: Option<&str>,
) -> PageResult<Either<Template, RawHtml<String>>> {
    let key = format!(
        "html:{}:{}:group:{slug}:{group}:{page:?}:{who:?}",
        nav.lang,
        nav.text_lang()
    );
    let wanted = Wanted {
        place: Place::Group(group),
        slug,
        page,
        q: None,
        who,
    };
    public_page(app, templates, &nav, key, wanted).await
}

fn valid_name<'v>(s: &str) -> form::Result<'v, ()> {
    SignerName::parse(s)
        .map(drop)
        .map_err(|e| form::Error::validation(e.to_string()).into())
}

fn valid_email<'v>(s: &str) -> form::Result<'v, ()> {
    Email::parse(s)
        .map(drop)
        .map_err(|e| form::Error::validation(e.to_string()).into())
}

fn valid_optional<'v>(s: &str) -> form::Result<'v, ()> {
    OptionalText::parse(Some(s))
        .map(drop)
        .map_err(|e| form::Error::validation(e.to_string()).into())
}

#[derive(Debug, FromForm)]
struct SignForm<'r> {
    #[field(validate = valid_name())]
    name: &'r str,
    #[field(validate = valid_email())]
    email: &'r str,
    #[field(validate = valid_optional(), default = "")]
    title: &'r str,
    #[field(validate = valid_optional(), default = "")]
    affiliation: &'r str,
    #[field(default = "")]
    group: &'r str,
    new_group: Option<&'r str>,
    anonymous: bool,
    updates: bool,
    #[field(default = "")]
    reason: &'r str,
    /// On a discreet letter: a personal address for updates.
    #[field(default = "")]
    updates_email: &'r str,
    /// The group page a form was sent from, to show it again after an error
    /// (read from the form's context, which also has it when validation fails).
    #[field(name = "from_group")]
    _from_group: Option<&'r str>,
}

const FIELDS: [&str; 11] = [
    "name",
    "email",
    "title",
    "affiliation",
    "group",
    "new_group",
    "anonymous",
    "updates",
    "reason",
    "updates_email",
    "from_group",
];

/// Rebuilds what the signer typed and Rocket's field errors, for re-rendering.
fn form_state(ctx: &form::Context<'_>, lang: &str) -> FormState {
    let mut state = FormState::default();
    for field in FIELDS {
        let value = ctx.field_value(field);
        if let Some(v) = value {
            state.values.insert(field.into(), v.to_owned());
        }
        if let Some(e) = ctx.field_errors(field).next() {
            // The field's own check says it again, in the reader's language.
            let message = field_message(field, value.unwrap_or(""))
                .map_or_else(|| e.to_string(), |m| m.render(lang));
            state.errors.insert(field.into(), message);
        }
    }
    if state.errors.is_empty() && ctx.errors().next().is_some() {
        state.error = Some(crate::i18n::t(lang, "error-check-form"));
    }
    state
}

/// What a field's check says of `value`, if it refuses it.
fn field_message(field: &str, value: &str) -> Option<crate::i18n::Msg> {
    match field {
        "name" => SignerName::parse(value).err(),
        "email" => Email::parse(value).err(),
        "title" | "affiliation" => OptionalText::parse(Some(value)).err(),
        _ => None,
    }
}

#[post("/letters/<slug>/sign", data = "<form>")]
async fn sign(
    app: &State<AppState>,
    queue: &State<SignQueue>,
    nav: Nav,
    ip: Option<std::net::IpAddr>,
    slug: &str,
    form: CsrfForm<Contextual<'_, SignForm<'_>>>,
) -> Result<Redirect, (Status, PageResult<Template>)> {
    if let Err(e) = app.limiter.sign(ip, slug).await {
        return Err((e.status(), Err(PageError(e))));
    }
    let form = form.0;
    let mut state = form_state(&form.context, &nav.lang);
    let from_group = state.values.get("from_group").cloned().unwrap_or_default();
    let place = if from_group.is_empty() {
        Place::Letter
    } else {
        Place::Group(&from_group)
    };
    let Some(value) = &form.value else {
        let page = letter_page(app, &nav, Wanted::first(slug, place), state).await;
        return Err((Status::UnprocessableEntity, page));
    };
    let mut input = signature_input(value);
    input.language = Some(nav.lang.clone());
    let result = match input.validate() {
        Ok(new) => signing::sign(app, queue, slug, new).await,
        Err(e) => Err(e),
    };
    let status = match result {
        Ok(()) => return Ok(Redirect::to(uri!(check_email(slug)))),
        Err(Error::Invalid(errors)) => {
            state.errors = errors.render(&nav.lang);
            Status::UnprocessableEntity
        }
        Err(e @ (Error::Gone(_) | Error::LetterClosed)) => {
            state.error = Some(e.message().render(&nav.lang));
            Status::Gone
        }
        Err(e) => return Err((e.status(), Err(PageError(e)))),
    };
    Err((
        status,
        letter_page(app, &nav, Wanted::first(slug, place), state).await,
    ))
}

fn signature_input(value: &SignForm<'_>) -> SignatureInput {
    SignatureInput {
        name: Some(value.name.to_owned()),
        email: Some(value.email.to_owned()),
        title: Some(value.title.to_owned()),
        affiliation: Some(value.affiliation.to_owned()),
        group: Some(value.group.to_owned()),
        new_group: value.new_group.map(str::to_owned),
        anonymous: Some(value.anonymous),
        updates: Some(value.updates),
        reason: Some(value.reason.to_owned()),
        updates_email: Some(value.updates_email.to_owned()),
        language: None,
    }
}

/// Decodes a signing form's body as [`sign`] does: Rocket's form parser with
/// the fields' checks, what is shown again on an error, then the signature's
/// own validation (for the fuzz targets only, see `crate::fuzzing`).
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn decode_sign_form(body: &str) -> Option<signing::NewSignature> {
    let form = rocket::form::Form::<Contextual<'_, SignForm<'_>>>::parse(body).ok()?;
    let _ = form_state(&form.context, crate::i18n::FALLBACK);
    signature_input(form.value.as_ref()?).validate().ok()
}

/// "How to check this count": the signature log in plain words, its head now, the command.
#[get("/letters/<slug>/check")]
async fn check(app: &State<AppState>, nav: Nav, slug: &str) -> PageResult<Template> {
    let letter = letters::public_by_slug(&app.db, slug).await?;
    let head = crate::read::log::head(&app.db, &app.log_key, &letter).await?;
    Ok(Template::render(
        "public/check",
        context! {
            nav,
            letter: LetterRef::from(&letter),
            head,
            key: crate::read::log::key(&app.log_key),
            public_url: &app.settings.public_url,
        },
    ))
}

#[get("/letters/<slug>/check-email")]
async fn check_email(app: &State<AppState>, nav: Nav, slug: &str) -> PageResult<Template> {
    let letter = letters::public_by_slug(&app.db, slug).await?;
    Ok(Template::render(
        "public/check_email",
        context! { nav, letter: LetterRef::from(&letter), hours: app.settings.confirm_token_hours },
    ))
}

pub(super) fn routes() -> Vec<Route> {
    routes![show, group_page, sign, check, check_email]
}
