//! Organisers' pages: the dashboard, drafting and editing with a preview,
//! submitting, closing and exporting.

use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{get, post, routes, FromForm, Route, State};
use rocket_dyn_templates::{context, Template};
use serde::Serialize;

use super::api::organiser::CsvDownload;
use super::nav::Nav;
use super::page::{PageError, PageResult};
use crate::app::moderation;
use crate::app::organising::{self, GroupInput, LetterInput};
use crate::app::proposals::{self, Acceptance};
use crate::auth::guards::Authenticated;
use crate::auth::{Button, CsrfForm, Organiser};
use crate::db::entities::letter::{self, Category};
use crate::db::entities::letter_group;
use crate::db::letters;
use crate::domain::markdown;
use crate::error::{Error, FieldErrors};
use crate::state::AppState;

/// A row of the dashboard.
#[derive(Serialize)]
struct DashboardLetter {
    slug: String,
    title: String,
    status: letter::LetterStatus,
    status_label: &'static str,
    signature_count: u64,
    /// Confirmed since midnight (UTC).
    today: i64,
    awaiting_approval: i64,
    rejection_reason: Option<String>,
    /// Published or closed: it has a public chart.
    public: bool,
}

#[get("/dashboard")]
async fn dashboard(app: &State<AppState>, nav: Nav, who: Organiser) -> PageResult<Template> {
    let mine = organising::letters_of(app, &who.0).await?;
    let ids: Vec<i64> = mine.iter().map(|l| l.id).collect();
    let counts = letters::counts(&app.db, &ids).await?;
    let waiting = moderation::awaiting_counts(&app.db).await?;
    let midnight = chrono::Utc::now()
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_utc();
    let today = crate::db::signatures::confirmed_since(&app.db, &ids, midnight).await?;
    let rows: Vec<DashboardLetter> = mine
        .into_iter()
        .map(|l| DashboardLetter {
            signature_count: counts.get(&l.id).copied().unwrap_or(0),
            today: today.get(&l.id).copied().unwrap_or(0),
            public: l.status.is_public(),
            awaiting_approval: waiting
                .iter()
                .find(|(id, _)| *id == l.id)
                .map_or(0, |(_, n)| *n),
            status_label: l.status.label_id(),
            slug: l.slug,
            title: l.title,
            status: l.status,
            rejection_reason: l.rejection_reason,
        })
        .collect();
    let campaigns = crate::app::campaigns::campaigns_of(app, &who.0).await?;
    let ids: Vec<i64> = campaigns.iter().map(|c| c.id).collect();
    let volunteers = crate::app::volunteers::counts(app, &ids).await?;
    let campaigns: Vec<_> = campaigns
        .into_iter()
        .map(|c| {
            context! {
                volunteers: volunteers.get(&c.id).copied().unwrap_or(0),
                slug: c.slug,
                title: c.title,
                status: c.status.label_id(),
            }
        })
        .collect();
    let led: Vec<_> = crate::app::teams::led_groups(app, &who.0)
        .await?
        .into_iter()
        .map(
            |(l, g)| context! { letter: l.slug, letter_title: l.title, slug: g.slug, name: g.name },
        )
        .collect();
    Ok(Template::render(
        "organiser/dashboard",
        context! { nav, letters: rows, campaigns, led },
    ))
}

/// The letter form as typed. Groups are one per line: `slug | Name | domains | options`
/// (options: `verified`, `discreet`, a goal).
#[derive(Debug, FromForm, Serialize, Default)]
struct LetterForm {
    slug: String,
    title: String,
    summary: String,
    body: String,
    category: String,
    goal: String,
    requires_approval: bool,
    allow_group_proposals: bool,
    discreet: bool,
    groups: String,
    /// `save` or `preview`.
    action: String,
}

impl LetterForm {
    fn from_letter(l: &letter::Model, groups: &[letter_group::Model]) -> LetterForm {
        LetterForm {
            slug: l.slug.clone(),
            title: l.title.clone(),
            summary: l.summary.clone(),
            body: l.body.clone(),
            category: l.category.as_str().to_owned(),
            goal: l.goal.map(|g| g.to_string()).unwrap_or_default(),
            requires_approval: l.requires_approval,
            allow_group_proposals: l.allow_group_proposals,
            discreet: l.discreet,
            groups: groups
                .iter()
                .map(|g| {
                    let options: Vec<String> = g
                        .require_verified
                        .then(|| "verified".to_owned())
                        .into_iter()
                        .chain(g.discreet.then(|| "discreet".to_owned()))
                        .chain(g.goal.map(|n| n.to_string()))
                        .collect();
                    let mut line = format!("{} | {} | {}", g.slug, g.name, g.email_domains);
                    if !options.is_empty() {
                        line = format!("{line} | {}", options.join(" "));
                    }
                    line
                })
                .collect::<Vec<_>>()
                .join("\n"),
            action: String::new(),
        }
    }

    fn to_input(&self) -> Result<LetterInput, Error> {
        let mut errors = FieldErrors::new();
        let goal = match self.goal.trim() {
            "" => None,
            g => match g.parse::<i64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    errors.insert("goal".into(), "Enter a whole number, or leave it empty.");
                    None
                }
            },
        };
        let mut groups = Vec::new();
        for (i, line) in self.groups.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('|').map(str::trim).collect();
            if cols.len() < 2 || cols.len() > 4 {
                errors.insert(
                    "groups".into(),
                    format!("Line {}: write slug | Name | domains | options.", i + 1),
                );
                continue;
            }
            // The options column: `verified` and/or a goal, like `verified 500`.
            let (mut require_verified, mut discreet, mut goal) = (false, false, None);
            for option in cols.get(3).map_or("", |o| o).split_whitespace() {
                if option.eq_ignore_ascii_case("verified") {
                    require_verified = true;
                } else if option.eq_ignore_ascii_case("discreet") {
                    discreet = true;
                } else if let Ok(n) = option.parse::<i64>() {
                    goal = Some(n);
                } else {
                    errors.insert(
                        "groups".into(),
                        format!(
                            "Line {}: the last column takes “verified”, “discreet” and a goal, not {option:?}.",
                            i + 1
                        ),
                    );
                }
            }
            groups.push(GroupInput {
                slug: Some(cols[0].to_owned()),
                name: Some(cols[1].to_owned()),
                email_domains: cols
                    .get(2)
                    .map(|d| d.split_whitespace().map(str::to_owned).collect())
                    .unwrap_or_default(),
                require_verified,
                goal,
                discreet,
            });
        }
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        Ok(LetterInput {
            slug: Some(self.slug.clone()),
            title: Some(self.title.clone()),
            summary: Some(self.summary.clone()),
            body: Some(self.body.clone()),
            category: Some(self.category.clone()),
            goal: Some(goal),
            requires_approval: Some(self.requires_approval),
            allow_group_proposals: Some(self.allow_group_proposals),
            discreet: Some(self.discreet),
            // The form leaves the language and translations as they are (the API sets them).
            language: None,
            translations: None,
            groups: Some(groups),
            // The form leaves the deadline as it is (the API sets it).
            closes_at: None,
            recipients: None,
            campaign: None,
        })
    }
}

/// Group errors are reported against the one textarea.
fn form_errors(errors: FieldErrors) -> FieldErrors {
    let mut out = FieldErrors::new();
    for (field, message) in errors {
        let key = if field.starts_with("groups") {
            "groups".to_owned()
        } else {
            field
        };
        out.entry(key).or_insert(message);
    }
    out
}

fn edit_page(
    nav: &Nav,
    form: &LetterForm,
    slug: Option<&str>,
    errors: FieldErrors,
    preview: Option<String>,
    rejection_reason: Option<&str>,
) -> Template {
    let categories: Vec<(&str, &str)> = Category::ALL
        .iter()
        .map(|c| (c.as_str(), c.label_id()))
        .collect();
    Template::render(
        "organiser/edit",
        context! { errors: errors.render(&nav.lang), nav, form, slug, preview, categories, rejection_reason },
    )
}

#[get("/organiser/letters/new")]
fn new_page(nav: Nav, _who: Organiser) -> Template {
    let form = LetterForm {
        category: "other".into(),
        ..LetterForm::default()
    };
    edit_page(&nav, &form, None, FieldErrors::new(), None, None)
}

#[post("/organiser/letters/new", data = "<form>")]
async fn create(
    app: &State<AppState>,
    nav: Nav,
    who: Organiser,
    form: CsrfForm<LetterForm>,
) -> Result<Redirect, (Status, PageResult<Template>)> {
    let form = form.0;
    save(app, &nav, &who, None, &form).await
}

/// Saves (or previews) the form; errors re-render it with what was typed.
// The error side is a rendered page, handed straight to Rocket: its size does not matter.
#[allow(clippy::result_large_err)]
async fn save(
    app: &AppState,
    nav: &Nav,
    who: &Organiser,
    slug: Option<&str>,
    form: &LetterForm,
) -> Result<Redirect, (Status, PageResult<Template>)> {
    let rerender = |status: Status, errors: FieldErrors, preview: Option<String>| {
        Err((
            status,
            Ok(edit_page(nav, form, slug, errors, preview, None)),
        ))
    };
    if form.action == "preview" {
        return rerender(
            Status::Ok,
            FieldErrors::new(),
            Some(markdown::render(&form.body)),
        );
    }
    let input = match form.to_input() {
        Ok(i) => i,
        Err(Error::Invalid(errors)) => {
            return rerender(Status::UnprocessableEntity, form_errors(errors), None)
        }
        Err(e) => return Err((e.status(), Err(PageError(e)))),
    };
    let result = match slug {
        None => organising::create(app, &who.0, input).await,
        Some(slug) => organising::update(app, &who.0, slug, input).await,
    };
    match result {
        Ok(letter) => Ok(Redirect::to(format!("/organiser/letters/{}", letter.slug))),
        Err(Error::Invalid(errors)) => {
            rerender(Status::UnprocessableEntity, form_errors(errors), None)
        }
        Err(Error::Conflict(message)) => {
            let mut errors = FieldErrors::new();
            errors.insert("slug".into(), message);
            rerender(Status::Conflict, errors, None)
        }
        Err(e) => Err((e.status(), Err(PageError(e)))),
    }
}

#[get("/organiser/letters/<slug>")]
async fn show(app: &State<AppState>, nav: Nav, who: Organiser, slug: &str) -> PageResult<Template> {
    let letter = organising::letter_for(
        app,
        &who.0,
        slug,
        crate::db::entities::team_member::TeamRole::Viewer,
        false,
    )
    .await?;
    let groups = letters::groups(&app.db, letter.id).await?;
    // A viewer reads a draft as the page below shows it; editors get the form.
    let editor = crate::db::teams::role_on_letter(&app.db, who.0.user.id, &letter)
        .await?
        .is_some_and(|r| r >= crate::db::entities::team_member::TeamRole::Editor);
    if letter.status.is_editable() && editor {
        let form = LetterForm::from_letter(&letter, &groups);
        return Ok(edit_page(
            &nav,
            &form,
            Some(&letter.slug),
            FieldErrors::new(),
            None,
            letter.rejection_reason.as_deref(),
        ));
    }
    let count = letters::signature_count(&app.db, letter.id).await?;
    let proposals = proposals::list(&app.db, Some(letter.id)).await?;
    let detail = crate::read::views::letter_detail(&app.db, letter.clone(), &groups).await?;
    let languages: Vec<_> = letters::counts_by_language(&app.db, letter.id)
        .await?
        .into_iter()
        .map(|(code, n)| context! { name: crate::i18n::language_name(&code), count: n })
        .collect();
    let mut letter_updates = Vec::new();
    for u in crate::app::updates::of_letter(app, &who.0, slug).await? {
        let mail = crate::db::outbox::update_mail(&app.db, u.id).await?;
        letter_updates.push(crate::read::updates::UpdateStatusView::new(&u, mail));
    }
    Ok(Template::render(
        "organiser/letter",
        context! {
            nav,
            languages,
            updates: letter_updates,
            proposals,
            allow_group_proposals: letter.allow_group_proposals,
            groups: detail.groups,
            verified_count: detail.verified_count,
            body_html: markdown::render(&letter.body),
            status_label: letter.status.label_id(),
            count,
            paper_count: detail.paper_count,
            paper: &detail.paper,
            may_record_paper: editor && letter.status == letter::LetterStatus::Published,
            today: chrono::Utc::now().date_naive().to_string(),
            letter: crate::read::views::LetterRef::from(&letter),
            status: letter.status,
        },
    ))
}

#[post("/organiser/letters/<slug>", data = "<form>")]
async fn update(
    app: &State<AppState>,
    nav: Nav,
    who: Organiser,
    slug: &str,
    form: CsrfForm<LetterForm>,
) -> Result<Redirect, (Status, PageResult<Template>)> {
    // Check access before showing anything back, even a preview.
    if let Err(e) = organising::letter_for(
        app,
        &who.0,
        slug,
        crate::db::entities::team_member::TeamRole::Editor,
        false,
    )
    .await
    {
        return Err((e.status(), Err(PageError(e))));
    }
    save(app, &nav, &who, Some(slug), &form.0).await
}

#[get("/organiser/letters/<slug>/preview")]
async fn preview(
    app: &State<AppState>,
    nav: Nav,
    who: Organiser,
    slug: &str,
) -> PageResult<Template> {
    let letter = organising::letter_for(
        app,
        &who.0,
        slug,
        crate::db::entities::team_member::TeamRole::Viewer,
        true,
    )
    .await?;
    Ok(Template::render(
        "organiser/preview",
        context! {
            nav,
            body_html: markdown::render(&letter.body),
            letter: crate::read::views::LetterRef::from(&letter),
            summary: letter.summary,
            status_label: letter.status.label_id(),
        },
    ))
}

#[post("/organiser/letters/<slug>/submit", data = "<_form>")]
async fn submit(
    app: &State<AppState>,
    who: Organiser,
    slug: &str,
    _form: CsrfForm<Button>,
) -> PageResult<Redirect> {
    let l = organising::submit(app, &who.0, slug).await?;
    Ok(Redirect::to(format!("/organiser/letters/{}", l.slug)))
}

#[post("/organiser/letters/<slug>/close", data = "<_form>")]
async fn close(
    app: &State<AppState>,
    who: Organiser,
    slug: &str,
    _form: CsrfForm<Button>,
) -> PageResult<Redirect> {
    let l = organising::close(app, &who.0, slug).await?;
    Ok(Redirect::to(format!("/organiser/letters/{}", l.slug)))
}

#[derive(FromForm)]
struct AcceptForm {
    name: String,
    email_domains: String,
}

/// Where a proposal's organiser or moderator goes back to after deciding it.
/// Back to where the decision was taken: the moderators' list, the letter's
/// page for its team, the dashboard for a campus lead (who has no letter page).
async fn after_proposal(app: &AppState, who: &Authenticated, slug: &str) -> PageResult<Redirect> {
    if who.is_moderator() {
        return Ok(Redirect::to("/moderation/groups"));
    }
    let on_team = match letters::find_by_slug(&app.db, slug).await? {
        Some(l) => crate::db::teams::role_on_letter(&app.db, who.user.id, &l)
            .await?
            .is_some_and(|r| r >= crate::db::entities::team_member::TeamRole::Editor),
        None => false,
    };
    Ok(Redirect::to(if on_team {
        format!("/organiser/letters/{slug}#proposals")
    } else {
        "/dashboard".to_owned()
    }))
}

#[post("/organiser/letters/<slug>/groups/<group>/accept", data = "<form>")]
async fn accept_group(
    app: &State<AppState>,
    who: Organiser,
    slug: &str,
    group: &str,
    form: CsrfForm<AcceptForm>,
) -> PageResult<Redirect> {
    let acceptance = Acceptance {
        name: Some(form.0.name),
        email_domains: vec![form.0.email_domains],
    };
    proposals::accept(app, &who.0, slug, group, acceptance).await?;
    after_proposal(app, &who.0, slug).await
}

#[derive(FromForm)]
struct RejectForm {
    reason: String,
}

#[post("/organiser/letters/<slug>/groups/<group>/reject", data = "<form>")]
async fn reject_group(
    app: &State<AppState>,
    who: Organiser,
    slug: &str,
    group: &str,
    form: CsrfForm<RejectForm>,
) -> PageResult<Redirect> {
    proposals::reject(app, &who.0, slug, group, Some(&form.0.reason)).await?;
    after_proposal(app, &who.0, slug).await
}

#[get("/organiser/letters/<slug>/export.csv")]
async fn export(app: &State<AppState>, who: Organiser, slug: &str) -> PageResult<CsvDownload> {
    let (slug, bytes) = organising::export_csv(app, &who.0, slug).await?;
    Ok(CsvDownload::new(&format!("{slug}-export.csv"), bytes))
}

pub(crate) fn routes() -> Vec<Route> {
    routes![
        dashboard,
        new_page,
        create,
        show,
        update,
        preview,
        submit,
        close,
        export,
        accept_group,
        reject_group
    ]
}
