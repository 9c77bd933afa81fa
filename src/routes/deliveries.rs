//! Recipients and delivery on the HTML side: the organiser names whom the
//! letter is written to, previews the email each of them would get, and
//! delivers it.

use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{get, post, routes, FromForm, Route, State};
use rocket_dyn_templates::{context, Template};

use super::nav::Nav;
use super::page::{PageError, PageResult};
use crate::app::deliveries;
use crate::app::organising::{self, LetterInput, RecipientInput};
use crate::auth::{Button, CsrfForm, Organiser};
use crate::db::entities::letter_recipient;
use crate::error::{Error, FieldErrors, Result};
use crate::read::views::{addressed_to, DeliveryView, LetterRef};
use crate::state::AppState;

#[derive(Debug, FromForm)]
struct RecipientsForm {
    /// One per line: `name | organisation | email`.
    recipients: String,
}

/// `Program chairs | PETS Forum | chairs@pets.example`, one per line; the
/// organisation may be left out (`Jane Roe | jane@example.org`).
fn parse_lines(text: &str) -> Vec<RecipientInput> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let parts: Vec<&str> = line.split('|').map(str::trim).collect();
            let (name, organisation, email) = match parts.as_slice() {
                [name, email] => (*name, "", *email),
                [name, organisation, email, ..] => (*name, *organisation, *email),
                _ => (line, "", ""),
            };
            RecipientInput {
                name: Some(name.to_owned()),
                organisation: Some(organisation.to_owned()),
                email: Some(email.to_owned()),
            }
        })
        .collect()
}

fn lines_of(recipients: &[letter_recipient::Model]) -> String {
    recipients
        .iter()
        .map(|r| match &r.organisation {
            Some(o) => format!("{} | {o} | {}", r.name, r.email),
            None => format!("{} | {}", r.name, r.email),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `recipients[1].email: …` becomes `Line 2: …`.
fn line_errors(errors: FieldErrors) -> Vec<String> {
    errors
        .into_iter()
        .map(|(field, message)| {
            let line = field
                .strip_prefix("recipients[")
                .and_then(|r| r.split(']').next())
                .and_then(|n| n.parse::<usize>().ok());
            match line {
                Some(n) => format!("Line {}: {message}", n + 1),
                None => message.to_string(),
            }
        })
        .collect()
}

/// The delivery page: recipients (with `typed` in place of the stored ones
/// when given back with `errors`), the email's preview, past deliveries.
async fn page(
    app: &AppState,
    nav: &Nav,
    who: &Organiser,
    slug: &str,
    typed: Option<&str>,
    errors: Vec<String>,
) -> Result<Template> {
    let deliveries::Overview {
        letter,
        recipients,
        done,
        preview,
    } = deliveries::overview(app, &who.0, slug).await?;
    let preview = preview.map(|d| {
        context! {
            to: d.recipients.iter().map(|r| r.email.clone()).collect::<Vec<_>>().join(", "),
            subject: d.message.subject,
            lang: crate::i18n::negotiate(
                Some(&d.letter.language),
                None,
                None,
                &app.settings.default_language,
                false,
            ),
            text: d.message.text,
        }
    });
    let history: Vec<_> = done
        .into_iter()
        .map(DeliveryView::new)
        .map(|d| {
            context! {
                to: addressed_to(&d.recipients),
                date: d.delivered_at.format("%Y-%m-%d").to_string(),
                at: d.delivered_at,
                signature_count: d.signature_count,
            }
        })
        .collect();
    Ok(Template::render(
        "organiser/delivery",
        context! {
            nav,
            letter: LetterRef::from(&letter),
            public: letter.status.is_public(),
            recipients: typed.map_or_else(|| lines_of(&recipients), str::to_owned),
            errors,
            preview,
            history,
        },
    ))
}

#[get("/organiser/letters/<slug>/delivery")]
async fn show(app: &State<AppState>, nav: Nav, who: Organiser, slug: &str) -> PageResult<Template> {
    Ok(page(app, &nav, &who, slug, None, Vec::new()).await?)
}

/// Replaces the letter's recipients; a mistake shows the page again with the
/// text as typed.
#[post("/organiser/letters/<slug>/recipients", data = "<form>")]
async fn set_recipients(
    app: &State<AppState>,
    nav: Nav,
    who: Organiser,
    slug: &str,
    form: CsrfForm<RecipientsForm>,
) -> std::result::Result<Redirect, (Status, PageResult<Template>)> {
    let input = LetterInput {
        recipients: Some(parse_lines(&form.0.recipients)),
        ..LetterInput::default()
    };
    let errors = match organising::update(app, &who.0, slug, input).await {
        Ok(l) => {
            return Ok(Redirect::to(format!(
                "/organiser/letters/{}/delivery",
                l.slug
            )))
        }
        Err(Error::Invalid(errors)) => line_errors(errors),
        Err(Error::Conflict(message)) => vec![message],
        Err(e) => return Err((e.status(), Err(PageError(e)))),
    };
    let page = page(app, &nav, &who, slug, Some(&form.0.recipients), errors).await;
    Err((Status::UnprocessableEntity, page.map_err(PageError)))
}

/// Delivers the letter now.
#[post("/organiser/letters/<slug>/deliveries", data = "<_form>")]
async fn deliver(
    app: &State<AppState>,
    nav: Nav,
    who: Organiser,
    slug: &str,
    _form: CsrfForm<Button>,
) -> std::result::Result<Redirect, (Status, PageResult<Template>)> {
    let (status, message) = match deliveries::deliver(app, &who.0, slug).await {
        Ok(_) => {
            return Ok(Redirect::to(format!(
                "/organiser/letters/{slug}/delivery#history"
            )))
        }
        Err(Error::TooSoon(message, _)) => (Status::TooManyRequests, message),
        Err(Error::Conflict(message)) => (Status::Conflict, message),
        Err(e) => return Err((e.status(), Err(PageError(e)))),
    };
    let page = page(app, &nav, &who, slug, None, vec![message]).await;
    Err((status, page.map_err(PageError)))
}

pub(crate) fn routes() -> Vec<Route> {
    routes![show, set_recipients, deliver]
}
