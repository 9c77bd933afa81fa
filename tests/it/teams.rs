//! Teams: an owner invites people by email with a role; the invitee logs in
//! and follows the link; each role may do what it says and no more; a
//! campaign's team runs its letters; the last owner cannot leave. Audited.

use reqwest::Method;
use serde_json::{json, Value};

use crate::support::*;
use undersigned::db::entities::user::Role;

const OWNER: &str = "owner@example.org";
const EDITOR: &str = "editor@example.org";
const VIEWER: &str = "viewer@example.org";
const OUTSIDER: &str = "outsider@example.org";

/// Invites `email` to `team` (e.g. `/letters/x`) as `role` and accepts it in
/// `email`'s logged-in browser through the mailed link; the member's id.
pub async fn invite_and_join(
    app: &TestApp,
    owner: &str,
    team: &str,
    email: &str,
    role: &str,
    nth_mail: usize,
) -> i64 {
    let res = app
        .api(
            Method::POST,
            &format!("{team}/team"),
            Some(owner),
            Some(json!({"email": email, "role": role})),
        )
        .await;
    assert_eq!(res.status(), 201, "inviting {email}");
    let invited: Value = res.json().await.unwrap();
    assert_eq!(invited["status"], "invited");
    assert_eq!(invited["role"], role);
    let mail = app.mail.nth(nth_mail).await;
    assert_eq!(mail.to, email);
    assert!(mail.subject.contains("Join the team"), "{}", mail.subject);
    let link = mail.link(&app.url("/invitations/"));
    let browser = app.browser_logged_in(email).await;
    let page = browser.get_text(link.trim_start_matches(&app.base)).await;
    assert!(page.contains(&format!("Join as {email}")), "{page}");
    let res = browser
        .post_form(link.trim_start_matches(&app.base), &page, &[])
        .await;
    assert_eq!(res.status(), 303, "joining");
    // The link is used up.
    assert_eq!(
        browser.status_of(link.trim_start_matches(&app.base)).await,
        410
    );
    invited["id"].as_i64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn owners_invite_editors_and_viewers_who_may_do_what_their_role_says() {
    let app = spawn_app().await;
    for (email, role) in [
        (OWNER, Role::Organiser),
        (EDITOR, Role::Organiser),
        (VIEWER, Role::Organiser),
        (OUTSIDER, Role::Organiser),
    ] {
        app.add_user(email, role).await;
    }
    let owner = app.api_token(OWNER).await;
    let editor = app.api_token(EDITOR).await;
    let viewer = app.api_token(VIEWER).await;
    let outsider = app.api_token(OUTSIDER).await;
    let res = app
        .api(
            Method::POST,
            "/letters",
            Some(&owner),
            Some(json!({"slug": "team-letter", "title": "T", "summary": "s", "body": "b", "category": "other"})),
        )
        .await;
    assert_eq!(res.status(), 201);

    // The creator is its owner.
    let team: Value = app
        .api(Method::GET, "/letters/team-letter/team", Some(&owner), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(team["members"][0]["email"], OWNER);
    assert_eq!(team["members"][0]["role"], "owner");
    let owner_id = team["members"][0]["id"].as_i64().unwrap();

    // Bad invitations change nothing.
    let before = app.rows("team_members").await;
    for (body, field) in [
        (
            json!({"email": "not an address", "role": "editor"}),
            "email",
        ),
        (json!({"email": "x@example.org", "role": "admin"}), "role"),
    ] {
        let res = app
            .api(
                Method::POST,
                "/letters/team-letter/team",
                Some(&owner),
                Some(body),
            )
            .await;
        assert_eq!(res.status(), 422);
        assert!(res.json::<Value>().await.unwrap()["errors"][field].is_string());
    }
    assert_eq!(app.rows("team_members").await, before);

    let editor_id =
        invite_and_join(&app, &owner, "/letters/team-letter", EDITOR, "editor", 1).await;
    let viewer_id =
        invite_and_join(&app, &owner, "/letters/team-letter", VIEWER, "viewer", 2).await;
    let res = app
        .api(
            Method::POST,
            "/letters/team-letter/team",
            Some(&owner),
            Some(json!({"email": EDITOR, "role": "viewer"})),
        )
        .await;
    assert_eq!(res.status(), 409, "already on the team");

    // The editor writes; the viewer reads and exports; the outsider sees nothing.
    let patch = |title: &'static str| Some(json!({"title": title}));
    let res = app
        .api(
            Method::PATCH,
            "/letters/team-letter",
            Some(&editor),
            patch("By the editor"),
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = app
        .api(
            Method::PATCH,
            "/letters/team-letter",
            Some(&viewer),
            patch("By the viewer"),
        )
        .await;
    assert_eq!(res.status(), 403);
    let res = app
        .api(
            Method::GET,
            "/letters/team-letter/export.csv",
            Some(&viewer),
            None,
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = app
        .api(Method::GET, "/letters/team-letter", Some(&viewer), None)
        .await;
    assert_eq!(res.status(), 200, "the viewer reads the draft");
    let res = app
        .api(
            Method::PATCH,
            "/letters/team-letter",
            Some(&outsider),
            patch("By the outsider"),
        )
        .await;
    assert_eq!(res.status(), 404);
    // Only owners manage the team.
    for token in [&editor, &viewer] {
        let res = app
            .api(
                Method::POST,
                "/letters/team-letter/team",
                Some(token),
                Some(json!({"email": "friend@example.org", "role": "owner"})),
            )
            .await;
        assert_eq!(res.status(), 403);
        let res = app
            .api(
                Method::PATCH,
                &format!("/letters/team-letter/team/{owner_id}"),
                Some(token),
                Some(json!({"role": "viewer"})),
            )
            .await;
        assert_eq!(res.status(), 403);
    }
    // Their dashboards list the letter; the viewer reads the draft without its form.
    let viewer_browser = app.browser_logged_in(VIEWER).await;
    let dashboard = viewer_browser.get_text("/dashboard").await;
    assert!(dashboard.contains("/organiser/letters/team-letter"));
    let page = viewer_browser
        .get_text("/organiser/letters/team-letter")
        .await;
    assert!(
        page.contains("By the editor") && !page.contains("Save draft"),
        "{page}"
    );
    let page = app
        .browser_logged_in(EDITOR)
        .await
        .get_text("/organiser/letters/team-letter")
        .await;
    assert!(page.contains("Save draft"));

    // The last owner can neither step down nor leave.
    let res = app
        .api(
            Method::PATCH,
            &format!("/letters/team-letter/team/{owner_id}"),
            Some(&owner),
            Some(json!({"role": "editor"})),
        )
        .await;
    assert_eq!(res.status(), 409);
    let res = app
        .api(
            Method::DELETE,
            &format!("/letters/team-letter/team/{owner_id}"),
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(res.status(), 409);
    // The viewer becomes an editor; the editor leaves and loses access.
    let res = app
        .api(
            Method::PATCH,
            &format!("/letters/team-letter/team/{viewer_id}"),
            Some(&owner),
            Some(json!({"role": "editor"})),
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = app
        .api(
            Method::PATCH,
            "/letters/team-letter",
            Some(&viewer),
            patch("Now an editor"),
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = app
        .api(
            Method::DELETE,
            &format!("/letters/team-letter/team/{editor_id}"),
            Some(&editor),
            None,
        )
        .await;
    assert_eq!(res.status(), 204);
    let res = app
        .api(
            Method::PATCH,
            "/letters/team-letter",
            Some(&editor),
            patch("Gone"),
        )
        .await;
    assert_eq!(res.status(), 404);

    let audited = app
        .scalar("SELECT COUNT(*) AS n FROM audit_log WHERE action IN ('team.invite', 'team.join', 'team.role', 'team.leave')")
        .await;
    assert_eq!(audited, 2 + 2 + 1 + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_campaigns_team_runs_all_its_letters() {
    let app = spawn_app().await;
    app.add_user(OWNER, Role::Organiser).await;
    app.add_user(EDITOR, Role::Organiser).await;
    let owner = app.api_token(OWNER).await;
    let editor = app.api_token(EDITOR).await;
    let res = app
        .api(
            Method::POST,
            "/campaigns",
            Some(&owner),
            Some(json!({"slug": "camp", "title": "Camp", "summary": "s", "body": "b"})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let res = app
        .api(
            Method::POST,
            "/letters",
            Some(&owner),
            Some(
                json!({"slug": "front", "title": "F", "summary": "s", "body": "b",
                        "category": "students", "campaign": "camp"}),
            ),
        )
        .await;
    assert_eq!(res.status(), 201);
    let created: Value = res.json().await.unwrap();
    assert_eq!(created["campaign"]["slug"], "camp");

    invite_and_join(&app, &owner, "/campaigns/camp", EDITOR, "editor", 1).await;
    // The campaign's editor edits its letter and its story, but does not own the letter's team.
    let res = app
        .api(
            Method::PATCH,
            "/letters/front",
            Some(&editor),
            Some(json!({"title": "Edited"})),
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = app
        .api(
            Method::PATCH,
            "/campaigns/camp",
            Some(&editor),
            Some(json!({"summary": "Edited"})),
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = app
        .api(
            Method::POST,
            "/letters/front/team",
            Some(&editor),
            Some(json!({"email": "friend@example.org", "role": "viewer"})),
        )
        .await;
    assert_eq!(res.status(), 403);
    // Out of the campaign, the letter is its own team's again.
    let res = app
        .api(
            Method::PATCH,
            "/letters/front",
            Some(&owner),
            Some(json!({"campaign": null})),
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = app
        .api(
            Method::PATCH,
            "/letters/front",
            Some(&editor),
            Some(json!({"title": "Again"})),
        )
        .await;
    assert_eq!(res.status(), 404);
}

/// Migration 21 makes each existing letter's and campaign's organiser its owner.
async fn existing_organisers_become_owners(backend: Backend) {
    use migrations::{Migrator, MigratorTrait};
    use sea_orm::ConnectionTrait;
    let database = TestDatabase::create(backend).await;
    let db = sea_orm::Database::connect(&database.url).await.unwrap();
    Migrator::up(&db, Some(20)).await.unwrap();
    let now = "2026-11-30 12:00:00+00:00";
    for sql in [
        format!("INSERT INTO users (email, password_hash, role, confirmed_at, created_at) VALUES ('org@example.org', 'x', 'organiser', '{now}', '{now}')"),
        format!("INSERT INTO letters (slug, title, summary, body, category, status, requires_approval, allow_group_proposals, created_at, updated_at, organiser_id) \
                 VALUES ('old', 't', 's', 'b', 'other', 'draft', false, false, '{now}', '{now}', (SELECT id FROM users))"),
        format!("INSERT INTO letters (slug, title, summary, body, category, status, requires_approval, allow_group_proposals, created_at, updated_at) \
                 VALUES ('seeded', 't', 's', 'b', 'other', 'published', false, false, '{now}', '{now}')"),
        format!("INSERT INTO campaigns (slug, title, summary, body, targets, help_options, resources, status, organiser_id, created_at, updated_at) \
                 VALUES ('camp', 't', 's', 'b', '', '[]', '', 'draft', (SELECT id FROM users), '{now}', '{now}')"),
    ] {
        db.execute_unprepared(&sql).await.unwrap();
    }
    Migrator::up(&db, None).await.unwrap();
    let rows = db
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT email, role, letter_id, campaign_id, accepted_at FROM team_members ORDER BY id",
        ))
        .await
        .unwrap();
    assert_eq!(
        rows.len(),
        2,
        "one owner for the letter, one for the campaign"
    );
    for (row, on_letter) in rows.iter().zip([true, false]) {
        assert_eq!(
            row.try_get::<String>("", "email").unwrap(),
            "org@example.org"
        );
        assert_eq!(row.try_get::<String>("", "role").unwrap(), "owner");
        assert_eq!(
            row.try_get::<Option<i64>>("", "letter_id")
                .unwrap()
                .is_some(),
            on_letter
        );
        assert_eq!(
            row.try_get::<Option<i64>>("", "campaign_id")
                .unwrap()
                .is_some(),
            !on_letter
        );
        let accepted: Option<chrono::DateTime<chrono::Utc>> =
            row.try_get("", "accepted_at").unwrap();
        assert!(accepted.is_some());
    }
    db.close().await.ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn existing_organisers_become_owners_on_postgres() {
    existing_organisers_become_owners(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn existing_organisers_become_owners_on_sqlite() {
    existing_organisers_become_owners(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_owner_runs_the_team_from_its_page() {
    let app = spawn_app().await;
    app.add_user(OWNER, Role::Organiser).await;
    app.add_user(EDITOR, Role::Organiser).await;
    app.create_letter(LetterSpec::published("paged")).await;
    app.give_letter_to("paged", OWNER).await;
    let owner = app.browser_logged_in(OWNER).await;
    let page = owner.get_text("/organiser/letters/paged/team").await;
    assert!(page.contains(OWNER) && page.contains("Send the invitation"));
    // A bad address is shown on the page and nothing is stored.
    let res = owner
        .post_form(
            "/organiser/letters/paged/team",
            &page,
            &[("email", "nobody"), ("role", "editor")],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert_eq!(app.rows("team_members").await, 1);
    let res = owner
        .post_form(
            "/organiser/letters/paged/team",
            &page,
            &[("email", EDITOR), ("role", "viewer")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let page = owner.get_text("/organiser/letters/paged/team").await;
    assert!(page.contains(EDITOR) && page.contains("invited"), "{page}");
    // Accepted through the mailed link, then made an editor from the page.
    let link = app.mail.nth(1).await.link(&app.url("/invitations/"));
    let editor = app.browser_logged_in(EDITOR).await;
    let path = link.trim_start_matches(&app.base).to_owned();
    let invitation = editor.get_text(&path).await;
    assert_eq!(
        editor.post_form(&path, &invitation, &[]).await.status(),
        303
    );
    let id = app
        .scalar(&format!(
            "SELECT id AS n FROM team_members WHERE email = '{EDITOR}'"
        ))
        .await;
    let res = owner
        .post_form(
            &format!("/organiser/letters/paged/team/{id}/role"),
            &page,
            &[("role", "editor")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) AS n FROM team_members WHERE email = '{EDITOR}' AND role = 'editor'"
        ))
        .await,
        1
    );
    // The editor sees the team but cannot change it, and can leave.
    let page = editor.get_text("/organiser/letters/paged/team").await;
    assert!(!page.contains("Send the invitation") && page.contains("Leave"));
    let res = editor
        .post_form(
            &format!("/organiser/letters/paged/team/{id}/remove"),
            &page,
            &[],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/dashboard");
    assert_eq!(editor.status_of("/organiser/letters/paged").await, 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_lead_sees_their_group_and_nothing_else() {
    const LEAD: &str = "lead@ucsc.edu";
    let app = spawn_app().await;
    app.add_user(OWNER, Role::Organiser).await;
    app.add_user(LEAD, Role::Organiser).await;
    app.create_letter(LetterSpec {
        groups: vec![
            ("ucsc", "UC Santa Cruz", "ucsc.edu"),
            ("stanford", "Stanford University", "stanford.edu"),
        ],
        ..LetterSpec::published("pledge")
    })
    .await;
    app.give_letter_to("pledge", OWNER).await;
    app.sign_and_confirm(
        "pledge",
        json!({"name": "Ana Slug", "email": "ana@ucsc.edu", "group": "ucsc"}),
        1,
    )
    .await;
    app.sign_and_confirm(
        "pledge",
        json!({"name": "Sam Tree", "email": "sam@stanford.edu", "group": "stanford"}),
        2,
    )
    .await;
    let owner = app.api_token(OWNER).await;
    let res = app
        .api(
            Method::POST,
            "/letters/pledge/groups/nowhere/leads",
            Some(&owner),
            Some(json!({"email": LEAD})),
        )
        .await;
    assert_eq!(res.status(), 404, "no such group");
    let res = app
        .api(
            Method::POST,
            "/letters/pledge/groups/ucsc/leads",
            Some(&owner),
            Some(json!({"email": LEAD})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let invited: Value = res.json().await.unwrap();
    assert_eq!(invited["role"], "lead");

    let mail = app.mail.nth(3).await;
    assert_eq!(mail.to, LEAD);
    assert!(mail.subject.contains("UC Santa Cruz"), "{}", mail.subject);
    let link = mail.link(&app.url("/invitations/"));
    let path = link.trim_start_matches(&app.base).to_owned();
    let lead = app.browser_logged_in(LEAD).await;
    let page = lead.get_text(&path).await;
    let res = lead.post_form(&path, &page, &[]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        "/organiser/letters/pledge/groups/ucsc"
    );

    // Their group: its numbers and its list; not the other group's.
    let page = lead.get_text("/organiser/letters/pledge/groups/ucsc").await;
    assert!(
        page.contains("Ana Slug") && !page.contains("Sam Tree"),
        "{page}"
    );
    assert!(!page.contains("Name a lead"));
    assert_eq!(
        lead.status_of("/organiser/letters/pledge/groups/stanford")
            .await,
        403
    );
    assert!(lead
        .get_text("/dashboard")
        .await
        .contains("/organiser/letters/pledge/groups/ucsc"));
    // Nothing else of the letter.
    let token = app.api_token(LEAD).await;
    for (method, path) in [
        (Method::PATCH, "/letters/pledge"),
        (Method::GET, "/letters/pledge/export.csv"),
        (Method::GET, "/letters/pledge/team"),
        (Method::POST, "/letters/pledge/groups/ucsc/leads"),
    ] {
        let body = (method != Method::GET).then(|| json!({"email": "x@example.org"}));
        let res = app.api(method.clone(), path, Some(&token), body).await;
        assert_eq!(res.status(), 403, "{method} {path}");
    }
    assert_eq!(lead.status_of("/organiser/letters/pledge").await, 403);
    // The owner sees every group, and the lead on the team.
    let page = app
        .browser_logged_in(OWNER)
        .await
        .get_text("/organiser/letters/pledge/groups/stanford")
        .await;
    assert!(page.contains("Sam Tree") && page.contains("Name a lead"));
}
