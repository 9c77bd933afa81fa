//! Campaigns in HTML: an organiser's pages (start, edit, submit, post a win,
//! add a letter as a front) and the moderators' publish and reject buttons
//! (the queue lists campaigns in review).

use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{get, post, routes, FromForm, Route, State};
use rocket_dyn_templates::{context, Template};
use serde::Serialize;

use super::moderator::ReasonForm;
use super::nav::Nav;
use super::page::{PageError, PageResult};
use crate::app::campaigns::{self, CampaignInput, WinInput};
use crate::app::organising;
use crate::auth::{Button, CsrfForm, Moderator, Organiser};
use crate::db::entities::campaign;
use crate::error::{Error, FieldErrors};
use crate::state::AppState;

/// The campaign form as typed; lists are one entry per line.
#[derive(Debug, FromForm, Serialize, Default)]
struct CampaignForm {
    slug: String,
    title: String,
    summary: String,
    body: String,
    targets: String,
    help_options: String,
    resources: String,
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

impl CampaignForm {
    fn from_campaign(c: &campaign::Model) -> CampaignForm {
        CampaignForm {
            slug: c.slug.clone(),
            title: c.title.clone(),
            summary: c.summary.clone(),
            body: c.body.clone(),
            targets: c.targets().join("\n"),
            help_options: c.help_options().join("\n"),
            resources: c.resources.clone(),
        }
    }

    /// Everything, for a draft; only what volunteers see, for a published campaign.
    fn to_input(&self, whole: bool) -> CampaignInput {
        let volunteers = CampaignInput {
            help_options: Some(lines(&self.help_options)),
            resources: Some(self.resources.clone()),
            ..CampaignInput::default()
        };
        if !whole {
            return volunteers;
        }
        CampaignInput {
            slug: Some(self.slug.clone()),
            title: Some(self.title.clone()),
            summary: Some(self.summary.clone()),
            body: Some(self.body.clone()),
            targets: Some(lines(&self.targets)),
            ..volunteers
        }
    }
}

/// Errors on list items are reported against their textarea.
fn form_errors(errors: FieldErrors) -> FieldErrors {
    let mut out = FieldErrors::new();
    for (field, message) in errors {
        let key = field.split('[').next().unwrap_or(&field).to_owned();
        out.entry(key).or_insert(message);
    }
    out
}

fn new_page_with(nav: &Nav, form: &CampaignForm, errors: FieldErrors) -> Template {
    Template::render(
        "organiser/campaign_new",
        context! { errors: errors.render(&nav.lang), nav, form },
    )
}

#[get("/organiser/campaigns/new")]
fn new_page(nav: Nav, _who: Organiser) -> Template {
    new_page_with(&nav, &CampaignForm::default(), FieldErrors::new())
}

#[post("/organiser/campaigns/new", data = "<form>")]
async fn create(
    app: &State<AppState>,
    nav: Nav,
    who: Organiser,
    form: CsrfForm<CampaignForm>,
) -> Result<Redirect, (Status, PageResult<Template>)> {
    let form = form.0;
    match campaigns::create(app, &who.0, form.to_input(true)).await {
        Ok(c) => Ok(Redirect::to(format!("/organiser/campaigns/{}", c.slug))),
        Err(e) => {
            let (status, errors) = on_the_form(e).map_err(|e| (e.status(), Err(PageError(e))))?;
            Err((status, Ok(new_page_with(&nav, &form, errors))))
        }
    }
}

/// A refusal the form shows field by field, or else an error page.
fn on_the_form(e: Error) -> Result<(Status, FieldErrors), Error> {
    match e {
        Error::Invalid(errors) => Ok((Status::UnprocessableEntity, form_errors(errors))),
        Error::Conflict(message) if message == crate::db::campaigns::SLUG_TAKEN => {
            let mut errors = FieldErrors::new();
            errors.insert("slug".into(), message);
            Ok((Status::Conflict, errors))
        }
        e => Err(e),
    }
}

/// The organiser's page of a campaign, with the form as typed and its errors.
async fn campaign_page(
    app: &AppState,
    nav: &Nav,
    who: &Organiser,
    c: campaign::Model,
    form: Option<&CampaignForm>,
    errors: FieldErrors,
) -> PageResult<Template> {
    let fronts = crate::db::campaigns::letters(&app.db, c.id, false).await?;
    let fronts: Vec<_> = crate::read::views::summaries(&app.db, fronts)
        .await?
        .into_iter()
        .map(|l| {
            context! {
                audience: l.category.label_id(),
                status_label: l.status.label_id(),
                slug: l.slug,
                title: l.title,
                signature_count: l.signature_count,
            }
        })
        .collect();
    let mine: Vec<_> = organising::letters_of(app, &who.0)
        .await?
        .into_iter()
        .filter(|l| l.campaign_id != Some(c.id))
        .map(|l| crate::read::views::LetterRef::from(&l))
        .collect();
    let timeline: Vec<_> = crate::db::campaigns::wins(&app.db, c.id)
        .await?
        .into_iter()
        .map(crate::read::campaigns::WinView::from)
        .collect();
    let typed = CampaignForm::from_campaign(&c);
    Ok(Template::render(
        "organiser/campaign",
        context! {
            nav,
            form: form.unwrap_or(&typed),
            errors: errors.render(&nav.lang),
            slug: &c.slug,
            title: &c.title,
            status: c.status,
            status_label: c.status.label_id(),
            editable: c.status.is_editable(),
            public: c.status.is_public(),
            rejection_reason: &c.rejection_reason,
            fronts,
            mine,
            timeline,
            today: chrono::Utc::now().date_naive().to_string(),
        },
    ))
}

#[get("/organiser/campaigns/<slug>")]
async fn show(app: &State<AppState>, nav: Nav, who: Organiser, slug: &str) -> PageResult<Template> {
    let c = campaigns::campaign_for(
        app,
        &who.0,
        slug,
        crate::db::entities::team_member::TeamRole::Viewer,
        false,
    )
    .await?;
    campaign_page(app, &nav, &who, c, None, FieldErrors::new()).await
}

#[post("/organiser/campaigns/<slug>", data = "<form>")]
async fn update(
    app: &State<AppState>,
    nav: Nav,
    who: Organiser,
    slug: &str,
    form: CsrfForm<CampaignForm>,
) -> Result<Redirect, (Status, PageResult<Template>)> {
    let form = form.0;
    let c = campaigns::campaign_for(
        app,
        &who.0,
        slug,
        crate::db::entities::team_member::TeamRole::Viewer,
        false,
    )
    .await
    .map_err(|e| (e.status(), Err(PageError(e))))?;
    let whole = c.status.is_editable();
    match campaigns::update(app, &who.0, slug, form.to_input(whole)).await {
        Ok(c) => Ok(Redirect::to(format!("/organiser/campaigns/{}", c.slug))),
        Err(e) => {
            let (status, errors) = on_the_form(e).map_err(|e| (e.status(), Err(PageError(e))))?;
            Err((
                status,
                campaign_page(app, &nav, &who, c, Some(&form), errors).await,
            ))
        }
    }
}

#[post("/organiser/campaigns/<slug>/submit", data = "<_form>")]
async fn submit(
    app: &State<AppState>,
    who: Organiser,
    slug: &str,
    _form: CsrfForm<Button>,
) -> PageResult<Redirect> {
    let c = campaigns::submit(app, &who.0, slug).await?;
    Ok(Redirect::to(format!("/organiser/campaigns/{}", c.slug)))
}

#[derive(Debug, FromForm)]
struct WinForm {
    date: String,
    title: String,
    body: String,
    link: String,
}

#[post("/organiser/campaigns/<slug>/timeline", data = "<form>")]
async fn add_win(
    app: &State<AppState>,
    who: Organiser,
    slug: &str,
    form: CsrfForm<WinForm>,
) -> PageResult<Redirect> {
    let f = form.0;
    let input = WinInput {
        date: Some(f.date),
        title: Some(f.title),
        body: Some(f.body),
        link: Some(f.link),
    };
    campaigns::add_win(app, &who.0, slug, input).await?;
    Ok(Redirect::to(format!(
        "/organiser/campaigns/{slug}#timeline"
    )))
}

#[derive(Debug, FromForm)]
struct FrontForm {
    letter: String,
}

/// Makes one of the organiser's letters a front of the campaign.
#[post("/organiser/campaigns/<slug>/letters", data = "<form>")]
async fn add_front(
    app: &State<AppState>,
    who: Organiser,
    slug: &str,
    form: CsrfForm<FrontForm>,
) -> PageResult<Redirect> {
    let input = crate::app::organising::LetterInput {
        campaign: Some(Some(slug.to_owned())),
        ..Default::default()
    };
    organising::update(app, &who.0, &form.0.letter, input).await?;
    Ok(Redirect::to(format!("/organiser/campaigns/{slug}#fronts")))
}

#[post("/moderation/campaigns/<slug>/publish", data = "<_form>")]
async fn publish(
    app: &State<AppState>,
    who: Moderator,
    slug: &str,
    _form: CsrfForm<Button>,
) -> PageResult<Redirect> {
    campaigns::publish(app, &who.0, slug).await?;
    Ok(Redirect::to("/moderation#campaigns"))
}

#[post("/moderation/campaigns/<slug>/reject", data = "<form>")]
async fn reject(
    app: &State<AppState>,
    who: Moderator,
    slug: &str,
    form: CsrfForm<ReasonForm>,
) -> PageResult<Redirect> {
    campaigns::reject(app, &who.0, slug, Some(&form.0.reason)).await?;
    Ok(Redirect::to("/moderation#campaigns"))
}

pub(crate) fn routes() -> Vec<Route> {
    routes![new_page, create, show, update, submit, add_win, add_front, publish, reject]
}
