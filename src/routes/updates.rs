//! Updates on the HTML side: the organiser writes one (with a preview) and
//! sees how each stands; a moderator publishes or rejects it.

use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{get, post, routes, FromForm, Route, State};
use rocket_dyn_templates::{context, Template};
use serde::Serialize;

use super::moderator::ReasonForm;
use super::nav::Nav;
use super::page::{PageError, PageResult};
use crate::app::organising;
use crate::app::updates::{self, UpdateInput};
use crate::auth::{CsrfForm, Moderator, Organiser};
use crate::error::{Error, FieldErrors};
use crate::read::views::LetterRef;
use crate::state::AppState;

#[derive(Debug, FromForm, Serialize, Default)]
struct UpdateForm {
    title: String,
    body: String,
    kind: String,
    from: String,
    /// `preview` shows it; anything else sends it for review.
    action: String,
}

impl UpdateForm {
    fn input(&self) -> UpdateInput {
        UpdateInput {
            title: Some(self.title.clone()),
            body: Some(self.body.clone()),
            kind: Some(self.kind.clone()),
            from: Some(self.from.clone()),
            translations: None,
        }
    }
}

fn form_page(
    nav: &Nav,
    letter: &LetterRef,
    form: &UpdateForm,
    errors: FieldErrors,
    preview: Option<String>,
) -> Template {
    Template::render(
        "organiser/update",
        context! { errors: errors.render(&nav.lang), nav, letter, form, preview },
    )
}

#[get("/organiser/letters/<slug>/updates/new")]
async fn new_page(
    app: &State<AppState>,
    nav: Nav,
    who: Organiser,
    slug: &str,
) -> PageResult<Template> {
    let letter = organising::letter_for(
        app,
        &who.0,
        slug,
        crate::db::entities::team_member::TeamRole::Editor,
        false,
    )
    .await?;
    let form = UpdateForm {
        kind: "update".into(),
        ..UpdateForm::default()
    };
    Ok(form_page(
        &nav,
        &LetterRef::from(&letter),
        &form,
        FieldErrors::new(),
        None,
    ))
}

#[post("/organiser/letters/<slug>/updates", data = "<form>")]
async fn write(
    app: &State<AppState>,
    nav: Nav,
    who: Organiser,
    slug: &str,
    form: CsrfForm<UpdateForm>,
) -> Result<Redirect, (Status, PageResult<Template>)> {
    let fail = |e: Error| (e.status(), Err(PageError(e)));
    let letter = organising::letter_for(
        app,
        &who.0,
        slug,
        crate::db::entities::team_member::TeamRole::Editor,
        false,
    )
    .await
    .map_err(fail)?;
    let form = form.0;
    let letter_ref = LetterRef::from(&letter);
    let rerender = |status: Status, errors: FieldErrors, preview: Option<String>| {
        (
            status,
            Ok(form_page(&nav, &letter_ref, &form, errors, preview)),
        )
    };
    let draft = match form.input().validate() {
        Ok(d) => d,
        Err(Error::Invalid(errors)) => {
            return Err(rerender(Status::UnprocessableEntity, errors, None))
        }
        Err(e) => return Err(fail(e)),
    };
    if form.action == "preview" {
        return Err(rerender(
            Status::Ok,
            FieldErrors::new(),
            Some(draft.body_html()),
        ));
    }
    match updates::write(app, &who.0, slug, form.input()).await {
        Ok(_) => Ok(Redirect::to(format!(
            "/organiser/letters/{}#updates",
            letter.slug
        ))),
        Err(Error::Invalid(errors)) => Err(rerender(Status::UnprocessableEntity, errors, None)),
        Err(Error::TooSoon(message, _)) => {
            let mut errors = FieldErrors::new();
            errors.insert("form".into(), message);
            Err(rerender(Status::TooManyRequests, errors, None))
        }
        Err(e) => Err(fail(e)),
    }
}

#[post("/moderation/updates/<id>/publish", data = "<_form>")]
async fn publish(
    app: &State<AppState>,
    who: Moderator,
    id: i64,
    _form: CsrfForm<crate::auth::Button>,
) -> PageResult<Redirect> {
    updates::publish(app, &who.0, id).await?;
    Ok(Redirect::to("/moderation#updates"))
}

#[post("/moderation/updates/<id>/reject", data = "<form>")]
async fn reject(
    app: &State<AppState>,
    who: Moderator,
    id: i64,
    form: CsrfForm<ReasonForm>,
) -> PageResult<Redirect> {
    updates::reject(app, &who.0, id, Some(&form.0.reason)).await?;
    Ok(Redirect::to("/moderation#updates"))
}

pub(crate) fn routes() -> Vec<Route> {
    routes![new_page, write, publish, reject]
}
