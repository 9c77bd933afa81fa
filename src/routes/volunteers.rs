//! "Sign up to start organising" in HTML: the form (on its own page, and on
//! the campaign's and its letters' pages), the page behind the emailed link,
//! and the volunteers' page and CSV for the team and the leads.

use rocket::form::FromForm;
use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{get, post, routes, Route, State};
use rocket_dyn_templates::{context, Template};
use serde::Serialize;

use super::api::organiser::CsvDownload;
use super::nav::Nav;
use super::page::{PageError, PageResult};
use crate::app::volunteers::{self, VolunteerInput};
use crate::auth::{Button, CsrfForm, Organiser};
use crate::error::Error;
use crate::state::AppState;

/// The sign-up form's fields as posted.
#[derive(Debug, Default, Serialize, FromForm)]
pub(crate) struct VolunteerFields {
    #[field(default = String::new())]
    name: String,
    #[field(default = String::new())]
    email: String,
    #[field(default = String::new())]
    group: String,
    #[field(default = String::new())]
    place: String,
    help: Vec<String>,
    #[field(default = String::new())]
    message: String,
}

/// What the sign-up form shows: the values typed and the errors against them.
#[derive(Debug, Default, Serialize)]
pub(crate) struct VolunteerForm {
    #[serde(flatten)]
    fields: VolunteerFields,
    /// Each field's problem, in the reader's language.
    errors: std::collections::BTreeMap<String, String>,
}

impl VolunteerForm {
    /// An empty form, with `group` chosen (on a group's page).
    pub(crate) fn with_group(group: Option<&str>) -> VolunteerForm {
        VolunteerForm {
            fields: VolunteerFields {
                group: group.unwrap_or("").to_owned(),
                ..Default::default()
            },
            errors: Default::default(),
        }
    }
}

impl VolunteerFields {
    /// What is typed, shown again after an error: without control characters
    /// (which HTML may not carry; the error says they were there).
    fn shown_again(self) -> VolunteerFields {
        let clean = |s: String, multiline: bool| -> String {
            s.chars()
                .filter(|c| {
                    !crate::domain::text::is_control_char(*c)
                        || (multiline && matches!(c, '\n' | '\r' | '\t'))
                })
                .collect()
        };
        VolunteerFields {
            name: clean(self.name, false),
            email: clean(self.email, false),
            group: clean(self.group, false),
            place: clean(self.place, false),
            help: self.help.into_iter().map(|h| clean(h, false)).collect(),
            message: clean(self.message, true),
        }
    }

    fn input(&self) -> VolunteerInput {
        VolunteerInput {
            name: Some(self.name.clone()),
            email: Some(self.email.clone()),
            group: Some(self.group.clone()),
            place: Some(self.place.clone()),
            help: Some(self.help.clone()),
            message: Some(self.message.clone()),
        }
    }
}

async fn form_page(
    app: &AppState,
    nav: &Nav,
    slug: &str,
    vform: VolunteerForm,
) -> PageResult<Template> {
    let organise = volunteers::form_of(app, slug).await?;
    Ok(Template::render(
        "public/organise",
        context! { nav, organise, vform },
    ))
}

/// The form on a page of its own (where a page's form leads after an error).
#[get("/campaigns/<slug>/organise?<group>")]
async fn page(
    app: &State<AppState>,
    nav: Nav,
    slug: &str,
    group: Option<&str>,
) -> PageResult<Template> {
    form_page(app, &nav, slug, VolunteerForm::with_group(group)).await
}

#[post("/campaigns/<slug>/organise", data = "<form>")]
async fn sign_up(
    app: &State<AppState>,
    nav: Nav,
    ip: Option<std::net::IpAddr>,
    slug: &str,
    form: CsrfForm<VolunteerFields>,
) -> Result<Redirect, (Status, PageResult<Template>)> {
    let refused = |e: Error| (e.status(), Err(PageError(e)));
    app.limiter
        .sign(ip, &format!("campaign:{slug}"))
        .await
        .map_err(refused)?;
    let fields = form.0;
    match volunteers::sign_up(app, slug, fields.input(), &nav.lang).await {
        Ok(()) => Ok(Redirect::to(format!(
            "/campaigns/{slug}/organise/check-email"
        ))),
        Err(Error::Invalid(errors)) => {
            let vform = VolunteerForm {
                fields: fields.shown_again(),
                errors: errors.render(&nav.lang),
            };
            Err((
                Status::UnprocessableEntity,
                form_page(app, &nav, slug, vform).await,
            ))
        }
        Err(e) => Err(refused(e)),
    }
}

#[get("/campaigns/<slug>/organise/check-email")]
async fn check_email(app: &State<AppState>, nav: Nav, slug: &str) -> PageResult<Template> {
    let organise = volunteers::form_of(app, slug).await?;
    Ok(Template::render(
        "public/organise_check_email",
        context! { nav, campaign: organise, hours: app.settings.confirm_token_hours },
    ))
}

/// The emailed link shows a button (mail scanners follow links); the button confirms.
#[get("/volunteers/confirm/<token>")]
async fn confirm_page(app: &State<AppState>, nav: Nav, token: &str) -> PageResult<Template> {
    let c = volunteers::peek(app, token).await?;
    Ok(Template::render(
        "public/volunteer_confirm",
        context! { nav, token, campaign: context! { slug: c.slug, title: c.title } },
    ))
}

#[post("/volunteers/confirm/<token>", data = "<_form>")]
async fn confirm(
    app: &State<AppState>,
    nav: Nav,
    token: &str,
    _form: CsrfForm<Button>,
) -> PageResult<Template> {
    let c = volunteers::confirm(app, token).await?;
    Ok(Template::render(
        "public/volunteer_confirmed",
        context! { nav, campaign: context! { slug: c.slug, title: c.title } },
    ))
}

/// The campaign's volunteers: all of them for its team, their group's for a lead.
#[get("/organiser/campaigns/<slug>/volunteers")]
async fn list(app: &State<AppState>, nav: Nav, who: Organiser, slug: &str) -> PageResult<Template> {
    let roster = volunteers::roster(app, &who.0, slug).await?;
    Ok(Template::render(
        "organiser/volunteers",
        context! {
            nav,
            campaign: context! { slug: &roster.campaign.slug, title: &roster.campaign.title },
            only_groups: roster.only_groups.is_some(),
            volunteers: roster.volunteers,
        },
    ))
}

#[get("/organiser/campaigns/<slug>/volunteers.csv")]
async fn export(app: &State<AppState>, who: Organiser, slug: &str) -> PageResult<CsvDownload> {
    let (slug, bytes) = volunteers::export_csv(app, &who.0, slug).await?;
    Ok(CsvDownload::new(&format!("{slug}-volunteers.csv"), bytes))
}

pub(crate) fn routes() -> Vec<Route> {
    routes![
        page,
        sign_up,
        check_email,
        confirm_page,
        confirm,
        list,
        export
    ]
}
