//! Teams in HTML: the page behind an invitation link (who invites to what,
//! as which role, and a button to accept it for the account that is logged
//! in), and a letter's or campaign's team page (invite, change roles,
//! remove, leave).

use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{get, post, routes, FromForm, Route, State};
use rocket_dyn_templates::{context, Template};

use super::nav::Nav;
use super::page::{PageError, PageResult};
use crate::app::teams::{self, InviteInput, TeamOf};
use crate::auth::{Button, CsrfForm, Organiser, User};
use crate::db::entities::team_member::TeamRole;
use crate::error::Error;
use crate::state::AppState;

/// `letters` or `campaigns` in the path, with the slug.
fn team_of<'a>(kind: &str, slug: &'a str) -> Result<TeamOf<'a>, Error> {
    match kind {
        "letters" => Ok(TeamOf::Letter(slug)),
        "campaigns" => Ok(TeamOf::Campaign(slug)),
        _ => Err(Error::NotFound),
    }
}

/// The team page, with a problem to show where an action was refused.
async fn team_page(
    app: &AppState,
    nav: &Nav,
    who: &Organiser,
    (kind, slug): (&str, &str),
    error: Option<String>,
) -> PageResult<Template> {
    let team = teams::overview(app, &who.0, team_of(kind, slug)?).await?;
    let base = format!("/organiser/{kind}/{slug}");
    let rows: Vec<_> = team
        .members
        .iter()
        .map(|m| context! { member: m, is_me: m.user_id == Some(who.0.user.id) })
        .collect();
    Ok(Template::render(
        "organiser/team",
        context! {
            nav,
            title: &team.title,
            what: if kind == "letters" { "letter" } else { "campaign" },
            in_campaign: team.in_campaign,
            back: &base,
            base: &base,
            owner: team.own_role == Some(TeamRole::Owner),
            members: rows,
            error,
        },
    ))
}

#[get("/organiser/<kind>/<slug>/team")]
async fn show(
    app: &State<AppState>,
    nav: Nav,
    who: Organiser,
    kind: &str,
    slug: &str,
) -> PageResult<Template> {
    team_page(app, &nav, &who, (kind, slug), None).await
}

/// After an action: back to the team page, or the page again with what went wrong.
async fn after(
    app: &AppState,
    nav: &Nav,
    who: &Organiser,
    (kind, slug): (&str, &str),
    result: crate::error::Result<()>,
) -> Result<Redirect, (Status, PageResult<Template>)> {
    match result {
        Ok(()) => Ok(Redirect::to(format!("/organiser/{kind}/{slug}/team"))),
        Err(e @ (Error::Invalid(_) | Error::Conflict(_))) => {
            let status = e.status();
            let message = match &e {
                Error::Invalid(errors) => errors
                    .values()
                    .map(|m| m.render(&nav.lang))
                    .collect::<Vec<_>>()
                    .join(" "),
                e => e.message().render(&nav.lang),
            };
            Err((
                status,
                team_page(app, nav, who, (kind, slug), Some(message)).await,
            ))
        }
        Err(e) => Err((e.status(), Err(PageError(e)))),
    }
}

#[derive(Debug, FromForm)]
struct InviteForm {
    email: String,
    role: String,
}

#[post("/organiser/<kind>/<slug>/team", data = "<form>")]
async fn invite(
    app: &State<AppState>,
    nav: Nav,
    who: Organiser,
    kind: &str,
    slug: &str,
    form: CsrfForm<InviteForm>,
) -> Result<Redirect, (Status, PageResult<Template>)> {
    let of = team_of(kind, slug).map_err(|e| (e.status(), Err(PageError(e))))?;
    let input = InviteInput {
        email: Some(form.0.email),
        role: Some(form.0.role),
    };
    let result = teams::invite(app, &who.0, of, input).await.map(drop);
    after(app, &nav, &who, (kind, slug), result).await
}

#[derive(Debug, FromForm)]
struct RoleForm {
    role: String,
}

#[post("/organiser/<kind>/<slug>/team/<id>/role", data = "<form>")]
async fn change_role(
    app: &State<AppState>,
    nav: Nav,
    who: Organiser,
    kind: &str,
    slug: &str,
    id: i64,
    form: CsrfForm<RoleForm>,
) -> Result<Redirect, (Status, PageResult<Template>)> {
    let of = team_of(kind, slug).map_err(|e| (e.status(), Err(PageError(e))))?;
    let result = teams::change_role(app, &who.0, of, id, Some(&form.0.role))
        .await
        .map(drop);
    after(app, &nav, &who, (kind, slug), result).await
}

#[post("/organiser/<kind>/<slug>/team/<id>/remove", data = "<_form>")]
async fn remove(
    app: &State<AppState>,
    nav: Nav,
    who: Organiser,
    kind: &str,
    slug: &str,
    id: i64,
    _form: CsrfForm<Button>,
) -> Result<Redirect, (Status, PageResult<Template>)> {
    let of = team_of(kind, slug).map_err(|e| (e.status(), Err(PageError(e))))?;
    let leaving = teams::is_own_membership(app, &who.0, id)
        .await
        .unwrap_or(false);
    let result = teams::remove(app, &who.0, of, id).await;
    if leaving && result.is_ok() {
        return Ok(Redirect::to("/dashboard"));
    }
    after(app, &nav, &who, (kind, slug), result).await
}

#[get("/invitations/<token>")]
async fn page(app: &State<AppState>, nav: Nav, token: &str) -> PageResult<Template> {
    let invitation = teams::peek(app, token).await?;
    Ok(Template::render(
        "account/invitation",
        context! { nav, token, invitation },
    ))
}

#[post("/invitations/<token>", data = "<_form>")]
async fn accept(
    app: &State<AppState>,
    who: User,
    token: &str,
    _form: CsrfForm<Button>,
) -> PageResult<Redirect> {
    let invitation = teams::accept(app, &who.0, token).await?;
    Ok(Redirect::to(invitation.next))
}

/// A group as its lead sees it: its numbers and its public list (the
/// letter's team and moderators see it too, with a form to name a lead).
#[get("/organiser/letters/<slug>/groups/<group>")]
async fn group_page(
    app: &State<AppState>,
    nav: Nav,
    who: Organiser,
    slug: &str,
    group: &str,
) -> PageResult<Template> {
    let (letter, group) = teams::group_for(app, &who.0, (slug, group)).await?;
    let view = crate::read::views::group_view(&app.db, &app.list_marks, &letter, &group).await?;
    let volunteers = crate::app::volunteers::of_group(app, &letter, &group.slug).await?;
    let proposals = crate::app::proposals::naming(app, &letter, &group).await?;
    let team = crate::db::teams::role_on_letter(&app.db, who.0.user.id, &letter)
        .await?
        .filter(|r| *r >= TeamRole::Editor)
        .is_some();
    Ok(Template::render(
        "organiser/group",
        context! {
            nav,
            letter: crate::read::views::LetterRef::from(&letter),
            group_names: std::collections::BTreeMap::from([(view.slug.clone(), view.name.clone())]),
            group: view,
            may_name_leads: team,
            proposals,
            show_letter: true,
            may_record_paper: letter.status == crate::db::entities::letter::LetterStatus::Published,
            today: chrono::Utc::now().date_naive().to_string(),
            campaign: volunteers.as_ref().map(|v| &v.0),
            volunteers: volunteers.as_ref().map(|v| &v.1),
        },
    ))
}

#[derive(Debug, FromForm)]
struct LeadForm {
    email: String,
}

#[post("/organiser/letters/<slug>/groups/<group>/leads", data = "<form>")]
async fn invite_lead(
    app: &State<AppState>,
    who: Organiser,
    slug: &str,
    group: &str,
    form: CsrfForm<LeadForm>,
) -> PageResult<Redirect> {
    teams::invite_lead(app, &who.0, (slug, group), Some(&form.0.email)).await?;
    Ok(Redirect::to(format!(
        "/organiser/letters/{slug}/groups/{group}"
    )))
}

pub(crate) fn routes() -> Vec<Route> {
    routes![
        page,
        accept,
        show,
        invite,
        change_role,
        remove,
        group_page,
        invite_lead
    ]
}
