//! The list of letters, a letter's page, and the signing form.

use std::collections::BTreeMap;

use rocket::form::{self, Contextual};
use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{get, post, routes, uri, FromForm, Route, State};
use rocket_dyn_templates::{context, Template};
use serde::Serialize;

use super::super::nav::Nav;
use super::super::page::{PageError, PageResult};
use crate::auth::CsrfForm;
use crate::db::letters;
use crate::domain::{markdown, Email, OptionalText, SignerName};
use crate::error::{Error, FieldErrors};
use crate::signing::{self, SignatureInput};
use crate::state::AppState;
use crate::views::LetterRef;
use crate::views::{self, Paging};

#[get("/")]
async fn index(app: &State<AppState>, nav: Nav) -> PageResult<Template> {
    let letters = views::letter_summaries(&app.db).await?;
    Ok(Template::render("public/index", context! { nav, letters }))
}

/// What the signing form shows: the values typed and the errors against them.
#[derive(Debug, Serialize)]
struct FormState {
    values: BTreeMap<String, String>,
    errors: FieldErrors,
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
            errors: FieldErrors::new(),
            error: None,
        }
    }
}

async fn letter_page(
    app: &AppState,
    nav: &Nav,
    slug: &str,
    page: Option<u64>,
    form: FormState,
) -> PageResult<Template> {
    let letter = letters::public_by_slug(&app.db, slug).await?;
    let groups = letters::groups(&app.db, letter.id).await?;
    let body_html = markdown::render(&letter.body);
    let detail = views::letter_detail(&app.db, letter.clone(), &groups).await?;
    let paging = Paging {
        page: page.unwrap_or(1).max(1),
        per_page: Paging::DEFAULT_PER_PAGE,
    };
    let (total, signatures) =
        views::signature_page(&app.db, letter.id, &groups, None, paging).await?;
    let pages = total.div_ceil(paging.per_page).max(1);
    let progress = detail.goal.filter(|g| *g > 0).map(|g| {
        ((detail.signature_count as f64 / g as f64) * 100.0)
            .min(100.0)
            .round() as u64
    });
    let group_names: BTreeMap<&str, &str> = groups
        .iter()
        .map(|g| (g.slug.as_str(), g.name.as_str()))
        .collect();
    Ok(Template::render(
        "public/letter",
        context! {
            nav,
            letter: &detail,
            body_html,
            progress,
            signatures,
            group_names,
            total,
            page: paging.page,
            pages,
            open: detail.status == crate::db::entities::letter::LetterStatus::Published,
            form,
        },
    ))
}

#[get("/letters/<slug>?<page>")]
async fn show(
    app: &State<AppState>,
    nav: Nav,
    slug: &str,
    page: Option<u64>,
) -> PageResult<Template> {
    letter_page(app, &nav, slug, page, FormState::default()).await
}

fn valid_name<'v>(s: &str) -> form::Result<'v, ()> {
    SignerName::parse(s)
        .map(drop)
        .map_err(|e| form::Error::validation(e).into())
}

fn valid_email<'v>(s: &str) -> form::Result<'v, ()> {
    Email::parse(s)
        .map(drop)
        .map_err(|e| form::Error::validation(e).into())
}

fn valid_optional<'v>(s: &str) -> form::Result<'v, ()> {
    OptionalText::parse(Some(s))
        .map(drop)
        .map_err(|e| form::Error::validation(e).into())
}

#[derive(Debug, FromForm)]
struct SignForm<'r> {
    #[field(validate = valid_name())]
    name: &'r str,
    #[field(validate = valid_email())]
    email: &'r str,
    #[field(validate = valid_optional())]
    title: &'r str,
    #[field(validate = valid_optional())]
    affiliation: &'r str,
    group: &'r str,
    anonymous: bool,
    updates: bool,
}

const FIELDS: [&str; 7] = [
    "name",
    "email",
    "title",
    "affiliation",
    "group",
    "anonymous",
    "updates",
];

/// Rebuilds what the signer typed and Rocket's field errors, for re-rendering.
fn form_state(ctx: &form::Context<'_>) -> FormState {
    let mut state = FormState::default();
    for field in FIELDS {
        if let Some(v) = ctx.field_value(field) {
            state.values.insert(field.into(), v.to_owned());
        }
        if let Some(e) = ctx.field_errors(field).next() {
            state.errors.insert(field.into(), e.to_string());
        }
    }
    if state.errors.is_empty() && ctx.errors().next().is_some() {
        state.error = Some("Please check the form and try again.".into());
    }
    state
}

#[post("/letters/<slug>/sign", data = "<form>")]
async fn sign(
    app: &State<AppState>,
    nav: Nav,
    slug: &str,
    form: CsrfForm<Contextual<'_, SignForm<'_>>>,
) -> Result<Redirect, (Status, PageResult<Template>)> {
    let form = form.0;
    let mut state = form_state(&form.context);
    let Some(value) = &form.value else {
        let page = letter_page(app, &nav, slug, None, state).await;
        return Err((Status::UnprocessableEntity, page));
    };
    let input = SignatureInput {
        name: Some(value.name.to_owned()),
        email: Some(value.email.to_owned()),
        title: Some(value.title.to_owned()),
        affiliation: Some(value.affiliation.to_owned()),
        group: Some(value.group.to_owned()),
        anonymous: Some(value.anonymous),
        updates: Some(value.updates),
    };
    let result = match input.validate() {
        Ok(new) => signing::sign(app, slug, new).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(Redirect::to(uri!(check_email(slug)))),
        Err(Error::Invalid(errors)) => {
            state.errors = errors;
            Err((
                Status::UnprocessableEntity,
                letter_page(app, &nav, slug, None, state).await,
            ))
        }
        Err(Error::Gone(message)) => {
            state.error = Some(message);
            Err((
                Status::Gone,
                letter_page(app, &nav, slug, None, state).await,
            ))
        }
        Err(e) => Err((e.status(), Err(PageError(e)))),
    }
}

#[get("/letters/<slug>/check-email")]
async fn check_email(app: &State<AppState>, nav: Nav, slug: &str) -> PageResult<Template> {
    let letter = letters::public_by_slug(&app.db, slug).await?;
    Ok(Template::render(
        "public/check_email",
        context! { nav, letter: LetterRef::from(&letter), hours: app.settings.confirm_token_hours },
    ))
}

pub fn routes() -> Vec<Route> {
    routes![index, show, sign, check_email]
}
