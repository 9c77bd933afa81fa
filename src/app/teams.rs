//! Teams: who runs a letter or a campaign. Owners invite people by email
//! (the invitee logs in or registers and follows the link), change their
//! roles and remove them; anyone may leave; the last owner cannot. A
//! campaign's team runs all its letters. Every change is audited.

use serde::{Deserialize, Serialize};

use super::audit::{self, Subject};
use crate::auth::guards::Authenticated;
use crate::db::entities::team_member::{self, TeamRole};
use crate::db::teams::{self, Team};
use crate::db::{campaigns, letters};
use crate::domain::{Email, Token};
use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::mail::catalogue::InvitationMail;
use crate::mail::{outbox, Email as Mail};
use crate::state::AppState;

/// A team as named in a URL: a letter's or a campaign's, by slug.
#[derive(Debug, Clone, Copy)]
pub(crate) enum TeamOf<'a> {
    Letter(&'a str),
    Campaign(&'a str),
}

/// A team found, with what its pages and mails call it.
#[derive(Debug)]
struct Found {
    team: Team,
    what: &'static str,
    slug: String,
    title: String,
    /// The caller's role on it.
    role: Option<TeamRole>,
    /// A letter that is a front of a campaign (whose team runs it too).
    in_campaign: bool,
    subject: Subject,
}

/// The team and the caller's role on it; `need` at least, or the refusal
/// letters and campaigns give (404 for what the caller may not see, else 403).
async fn team_for(
    app: &AppState,
    who: &Authenticated,
    of: TeamOf<'_>,
    need: TeamRole,
) -> Result<Found> {
    let found = match of {
        TeamOf::Letter(slug) => {
            let (l, role) =
                super::organising::letter_and_role(app, who, slug, TeamRole::Viewer, false).await?;
            Found {
                team: Team::Letter(l.id),
                what: "letter",
                role,
                in_campaign: l.campaign_id.is_some(),
                subject: Subject {
                    letter_id: Some(l.id),
                    signature_id: None,
                    detail: l.slug.clone(),
                },
                slug: l.slug,
                title: l.title,
            }
        }
        TeamOf::Campaign(slug) => {
            let (c, role) =
                super::campaigns::campaign_and_role(app, who, slug, TeamRole::Viewer, false)
                    .await?;
            Found {
                team: Team::Campaign(c.id),
                what: "campaign",
                role,
                in_campaign: false,
                subject: Subject {
                    letter_id: None,
                    signature_id: None,
                    detail: format!("campaign:{}", c.slug),
                },
                slug: c.slug,
                title: c.title,
            }
        }
    };
    // A letter's own team is changed by its own owners: a campaign owner
    // manages the campaign's team, which already runs the letter.
    let direct = match found.team {
        Team::Letter(_) if need == TeamRole::Owner => {
            teams::membership(&app.db, found.team, who.user.id)
                .await?
                .filter(|m| m.accepted_at.is_some())
                .map(|m| m.role)
        }
        _ => found.role,
    };
    if direct.is_some_and(|r| r >= need) {
        Ok(found)
    } else {
        Err(Error::Forbidden)
    }
}

/// A member as the team sees them.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct MemberView {
    pub id: i64,
    /// The account, once accepted (not shown).
    #[serde(skip)]
    pub user_id: Option<i64>,
    pub email: String,
    pub role: TeamRole,
    /// `member` once accepted, else `invited`.
    pub status: &'static str,
    pub invited_at: chrono::DateTime<chrono::Utc>,
    pub accepted_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl From<team_member::Model> for MemberView {
    fn from(m: team_member::Model) -> Self {
        MemberView {
            id: m.id,
            user_id: m.user_id,
            status: if m.accepted_at.is_some() {
                "member"
            } else {
                "invited"
            },
            email: m.email,
            role: m.role,
            invited_at: m.invited_at,
            accepted_at: m.accepted_at,
        }
    }
}

/// The team's members and open invitations (any member may see them).
pub(crate) async fn members(
    app: &AppState,
    who: &Authenticated,
    of: TeamOf<'_>,
) -> Result<Vec<MemberView>> {
    let found = team_for(app, who, of, TeamRole::Viewer).await?;
    Ok(teams::members(&app.db, found.team)
        .await?
        .into_iter()
        .map(MemberView::from)
        .collect())
}

/// An invitation as its owner writes it.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct InviteInput {
    pub email: Option<String>,
    pub role: Option<String>,
}

fn role_of(input: Option<&str>) -> Result<TeamRole> {
    input
        .and_then(TeamRole::parse)
        .ok_or_else(|| Error::field("role", Msg::id("error-role")))
}

/// Invites `email` to the team with a role; they get a link by email.
pub(crate) async fn invite(
    app: &AppState,
    who: &Authenticated,
    of: TeamOf<'_>,
    input: InviteInput,
) -> Result<MemberView> {
    let found = team_for(app, who, of, TeamRole::Owner).await?;
    let role = role_of(input.role.as_deref());
    let email = invitee(input.email.as_deref());
    let (email, role) = (email?, role?);
    let url = match found.team {
        Team::Letter(_) => format!("{}/letters/{}", app.settings.public_url, found.slug),
        Team::Campaign(_) => format!("{}/campaigns/{}", app.settings.public_url, found.slug),
    };
    let what = (found.what, found.title.clone(), url);
    send_invitation(app, who, &found, (&email, role, None), what).await
}

/// The address an invitation is for, checked.
fn invitee(input: Option<&str>) -> Result<Email> {
    Email::parse(input.unwrap_or("").trim()).map_err(|e| Error::field("email", e))
}

/// Records an invitation to `found`'s team and mails its link. `what` is how
/// the mail names what they join: the kind, its title, its address.
async fn send_invitation(
    app: &AppState,
    who: &Authenticated,
    found: &Found,
    (email, role, group_id): (&Email, TeamRole, Option<i64>),
    (what, title, url): (&'static str, String, String),
) -> Result<MemberView> {
    let already = teams::members(&app.db, found.team)
        .await?
        .into_iter()
        .any(|m| m.email.eq_ignore_ascii_case(email.as_str()));
    if already {
        return Err(Error::Conflict(
            "This address is already on the team or invited.".into(),
        ));
    }
    let token = Token::generate().map_err(|e| Error::Internal(format!("token: {e}")))?;
    let txn = crate::db::begin(&app.db).await?;
    let member = teams::invite(
        &txn,
        found.team,
        teams::Invitation {
            email: email.as_str(),
            role,
            group_id,
            token_hash: &token.hash(),
            invited_by: who.user.id,
        },
    )
    .await?;
    // In the invitee's language if they have an account, else the inviter's.
    let lang = match crate::db::users::find_by_email(&txn, &email.as_str().to_lowercase()).await? {
        Some(invitee) => invitee.language,
        None => who.user.language.clone(),
    };
    let mail = Mail::TeamInvitation(InvitationMail {
        lang,
        what,
        title,
        url,
        role: role.as_str(),
        invited_by: who.user.email.clone(),
        link: app.link("invitations", &token),
        public_url: app.settings.public_url.clone(),
        email: email.as_str().to_owned(),
    });
    outbox::enqueue(&txn, email.as_str(), app.mail_templates.render(&mail)?).await?;
    audit::record(
        &txn,
        &who.user,
        "team.invite",
        found.subject.clone(),
        Some(role.as_str()),
    )
    .await?;
    txn.commit().await?;
    app.mail_wake.notify_one();
    Ok(member.into())
}

/// Names `email` a lead of one group of a letter (its editors and owners
/// may): the same invitation by email; once accepted they see that group
/// and nothing else of the letter.
pub(crate) async fn invite_lead(
    app: &AppState,
    who: &Authenticated,
    (slug, group_slug): (&str, &str),
    email: Option<&str>,
) -> Result<MemberView> {
    let letter = super::organising::letter_for(app, who, slug, TeamRole::Editor, false).await?;
    let group = letters::group_by_slug(&app.db, letter.id, group_slug)
        .await?
        .filter(|g| g.status == crate::db::entities::letter_group::GroupStatus::Accepted)
        .ok_or(Error::NotFound)?;
    let email = invitee(email)?;
    name_lead(app, who, &letter, &group, &email).await
}

/// Invites `email` to lead `group` of `letter` (the caller may: checked
/// before). The same invitation mail and link as a team's.
pub(crate) async fn name_lead(
    app: &AppState,
    who: &Authenticated,
    letter: &crate::db::entities::letter::Model,
    group: &crate::db::entities::letter_group::Model,
    email: &Email,
) -> Result<MemberView> {
    let found = Found {
        team: Team::Letter(letter.id),
        what: "letter",
        role: None,
        in_campaign: letter.campaign_id.is_some(),
        subject: Subject {
            letter_id: Some(letter.id),
            signature_id: None,
            detail: format!("{}/{}", letter.slug, group.slug),
        },
        slug: letter.slug.clone(),
        title: letter.title.clone(),
    };
    let url = format!(
        "{}/letters/{}/groups/{}",
        app.settings.public_url, letter.slug, group.slug
    );
    let title = format!("{} · {}", group.name, letter.title);
    send_invitation(
        app,
        who,
        &found,
        (email, TeamRole::Lead, Some(group.id)),
        ("group", title, url),
    )
    .await
}

/// A group of a letter as its lead (or the letter's team, or a moderator)
/// sees it. Anyone else: 404 where the letter is not public, else 403.
pub(crate) async fn group_for(
    app: &AppState,
    who: &Authenticated,
    (slug, group_slug): (&str, &str),
) -> Result<(
    crate::db::entities::letter::Model,
    crate::db::entities::letter_group::Model,
)> {
    let letter = letters::find_by_slug(&app.db, slug)
        .await?
        .ok_or(Error::NotFound)?;
    let group = letters::group_by_slug(&app.db, letter.id, group_slug)
        .await?
        .ok_or(Error::NotFound)?;
    if teams::leads(&app.db, who.user.id, group.id).await? {
        return Ok((letter, group));
    }
    let role = teams::role_on_letter(&app.db, who.user.id, &letter).await?;
    super::access::decide(role, TeamRole::Viewer, who, true, letter.status.is_public())?;
    Ok((letter, group))
}

/// The groups `who` leads, with their letters, for the dashboard.
pub(crate) async fn led_groups(
    app: &AppState,
    who: &Authenticated,
) -> Result<
    Vec<(
        crate::db::entities::letter::Model,
        crate::db::entities::letter_group::Model,
    )>,
> {
    let pairs = teams::led_groups(&app.db, who.user.id).await?;
    let letters_by_id = letters::by_ids(&app.db, pairs.iter().map(|p| p.0)).await?;
    let groups = letters::groups_by_ids(&app.db, pairs.iter().map(|p| p.1)).await?;
    Ok(pairs
        .into_iter()
        .filter_map(|(l, g)| {
            let letter = letters_by_id.iter().find(|x| x.id == l)?.clone();
            let group = groups.iter().find(|x| x.id == g)?.clone();
            Some((letter, group))
        })
        .collect())
}

/// The groups `who` leads on the letters of campaign `campaign_id`.
pub(crate) async fn led_in_campaign(
    app: &AppState,
    who: &Authenticated,
    campaign_id: i64,
) -> Result<Vec<crate::db::entities::letter_group::Model>> {
    Ok(led_groups(app, who)
        .await?
        .into_iter()
        .filter(|(l, _)| l.campaign_id == Some(campaign_id))
        .map(|(_, g)| g)
        .collect())
}

/// Whether taking `member` out of the owners leaves the team without one.
async fn last_owner(app: &AppState, team: Team, member: &team_member::Model) -> Result<bool> {
    Ok(member.role == TeamRole::Owner
        && member.accepted_at.is_some()
        && teams::owners(&app.db, team).await? <= 1)
}

/// The member `id` of this team, or `NotFound`.
async fn member_of(app: &AppState, team: Team, id: i64) -> Result<team_member::Model> {
    let m = teams::find(&app.db, id).await?.ok_or(Error::NotFound)?;
    let same = match team {
        Team::Letter(l) => m.letter_id == Some(l),
        Team::Campaign(c) => m.campaign_id == Some(c),
    };
    if same {
        Ok(m)
    } else {
        Err(Error::NotFound)
    }
}

const LAST_OWNER: &str = "The team needs an owner: make someone else an owner first.";

/// Changes a member's role (owners only).
pub(crate) async fn change_role(
    app: &AppState,
    who: &Authenticated,
    of: TeamOf<'_>,
    id: i64,
    role: Option<&str>,
) -> Result<MemberView> {
    let found = team_for(app, who, of, TeamRole::Owner).await?;
    let role = role_of(role)?;
    let member = member_of(app, found.team, id).await?;
    if role != TeamRole::Owner && last_owner(app, found.team, &member).await? {
        return Err(Error::Conflict(LAST_OWNER.into()));
    }
    let txn = crate::db::begin(&app.db).await?;
    teams::set_role(&txn, id, role).await?;
    let reason = format!("{}: {}", member.email, role.as_str());
    audit::record(&txn, &who.user, "team.role", found.subject, Some(&reason)).await?;
    txn.commit().await?;
    Ok(teams::find(&app.db, id)
        .await?
        .ok_or(Error::NotFound)?
        .into())
}

/// Removes a member or an invitation (owners), or the caller themself (leaving).
pub(crate) async fn remove(
    app: &AppState,
    who: &Authenticated,
    of: TeamOf<'_>,
    id: i64,
) -> Result<()> {
    let found = team_for(app, who, of, TeamRole::Viewer).await?;
    let member = member_of(app, found.team, id).await?;
    let leaving = member.user_id == Some(who.user.id);
    if !leaving {
        team_for(app, who, of, TeamRole::Owner).await?;
    }
    if last_owner(app, found.team, &member).await? {
        return Err(Error::Conflict(LAST_OWNER.into()));
    }
    let txn = crate::db::begin(&app.db).await?;
    teams::remove(&txn, id).await?;
    let action = if leaving { "team.leave" } else { "team.remove" };
    audit::record(&txn, &who.user, action, found.subject, Some(&member.email)).await?;
    txn.commit().await?;
    Ok(())
}

/// What an invitation link shows before it is accepted.
#[derive(Debug, Serialize)]
pub(crate) struct InvitationView {
    pub what: &'static str,
    pub title: String,
    pub role: TeamRole,
    /// Where to go once accepted (the organiser's page of it).
    pub next: String,
}

async fn open_invitation(
    app: &AppState,
    token: &str,
) -> Result<(team_member::Model, InvitationView)> {
    let gone = || Error::Gone("This invitation has been used or withdrawn.".into());
    let token = Token::parse(token).ok_or_else(gone)?;
    let m = teams::invitation(&app.db, &token.hash())
        .await?
        .ok_or_else(gone)?;
    let view = match (m.letter_id, m.campaign_id) {
        (Some(id), _) => {
            let l = letters::find(&app.db, id).await?.ok_or_else(gone)?;
            match m.group_id {
                Some(g) => {
                    let group = letters::group(&app.db, g).await?.ok_or_else(gone)?;
                    InvitationView {
                        what: "group",
                        title: format!("{} · {}", group.name, l.title),
                        role: m.role,
                        next: format!("/organiser/letters/{}/groups/{}", l.slug, group.slug),
                    }
                }
                None => InvitationView {
                    what: "letter",
                    title: l.title,
                    role: m.role,
                    next: format!("/organiser/letters/{}", l.slug),
                },
            }
        }
        (None, Some(id)) => {
            let c = campaigns::find(&app.db, id).await?.ok_or_else(gone)?;
            InvitationView {
                what: "campaign",
                title: c.title,
                role: m.role,
                next: format!("/organiser/campaigns/{}", c.slug),
            }
        }
        (None, None) => return Err(gone()),
    };
    Ok((m, view))
}

/// The invitation behind a link, without using it.
pub(crate) async fn peek(app: &AppState, token: &str) -> Result<InvitationView> {
    Ok(open_invitation(app, token).await?.1)
}

/// Accepts an invitation for the logged-in account. Where they are already
/// on the team, the invitation is used up and their role stays.
pub(crate) async fn accept(
    app: &AppState,
    who: &Authenticated,
    token: &str,
) -> Result<InvitationView> {
    let (m, view) = open_invitation(app, token).await?;
    let team = match (m.letter_id, m.campaign_id) {
        (Some(id), _) => Team::Letter(id),
        (None, Some(id)) => Team::Campaign(id),
        (None, None) => return Err(Error::NotFound),
    };
    let subject = Subject {
        letter_id: m.letter_id,
        signature_id: None,
        detail: view.next.clone(),
    };
    let txn = crate::db::begin(&app.db).await?;
    if teams::membership(&txn, team, who.user.id).await?.is_some() {
        teams::remove(&txn, m.id).await?;
    } else if !teams::accept(&txn, m.id, who.user.id).await? {
        return Err(Error::Gone(
            "This invitation has been used or withdrawn.".into(),
        ));
    }
    audit::record(&txn, &who.user, "team.join", subject, Some(m.role.as_str())).await?;
    txn.commit().await?;
    Ok(view)
}

/// A team's page: what it runs, whether that is a campaign's front, the
/// caller's own role on the team itself (a letter's own, not its
/// campaign's), and its members and open invitations.
#[derive(Debug)]
pub(crate) struct Overview {
    pub title: String,
    pub in_campaign: bool,
    pub own_role: Option<TeamRole>,
    pub members: Vec<MemberView>,
}

pub(crate) async fn overview(
    app: &AppState,
    who: &Authenticated,
    of: TeamOf<'_>,
) -> Result<Overview> {
    let found = team_for(app, who, of, TeamRole::Viewer).await?;
    let own_role = teams::membership(&app.db, found.team, who.user.id)
        .await?
        .filter(|m| m.accepted_at.is_some())
        .map(|m| m.role);
    let members = teams::members(&app.db, found.team)
        .await?
        .into_iter()
        .map(MemberView::from)
        .collect();
    Ok(Overview {
        title: found.title,
        in_campaign: found.in_campaign,
        own_role,
        members,
    })
}

/// Whether the membership `id` is the caller's own.
pub(crate) async fn is_own_membership(
    app: &AppState,
    who: &Authenticated,
    id: i64,
) -> Result<bool> {
    Ok(teams::find(&app.db, id)
        .await?
        .is_some_and(|m| m.user_id == Some(who.user.id)))
}
