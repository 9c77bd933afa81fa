//! "Sign up to start organising": anyone signs up for a campaign with the
//! form or the API, confirms by the emailed link, is welcomed with the
//! campaign's resources, and appears to the campaign's team and to the leads
//! of their group only. Answers never tell whether the address signed up
//! before; bad input changes nothing; volunteers go some time after the
//! campaign closes.

use reqwest::Method;
use serde_json::{json, Value};

use crate::support::*;
use undersigned::config::Settings;
use undersigned::db::entities::user::Role;

pub const ORGANISER: &str = "org@example.org";
pub const LEAD: &str = "lead@ucsc.edu";
const OUTSIDER: &str = "outsider@example.org";
pub const MODERATOR: &str = "mod@example.org";

/// A published campaign `no-tech` whose front `pledge` has the groups ucsc
/// and stanford; LEAD leads ucsc (through the mailed invitation, the first
/// mail).
pub async fn campaign_with_a_lead() -> TestApp {
    campaign_with_a_lead_on(spawn_app().await).await
}

/// [`campaign_with_a_lead`] on an app the caller started (with its settings).
pub async fn campaign_with_a_lead_on(app: TestApp) -> TestApp {
    app.add_user(ORGANISER, Role::Organiser).await;
    app.add_user(LEAD, Role::Organiser).await;
    app.add_user(OUTSIDER, Role::Organiser).await;
    app.add_user(MODERATOR, Role::Moderator).await;
    let org = app.api_token(ORGANISER).await;
    let moderator = app.api_token(MODERATOR).await;
    let res = app
        .api(
            Method::POST,
            "/campaigns",
            Some(&org),
            Some(json!({
                "slug": "no-tech", "title": "No Tech for ICE",
                "summary": "Students refuse to build for ICE.", "body": "We refuse.",
                "help_options": ["Start a pledge at my school", "Host a teach-in"],
                "resources": "The toolkit: https://example.org/toolkit\n\nMeetings on **Thursdays**."
            })),
        )
        .await;
    assert_eq!(res.status(), 201);
    app.api(Method::POST, "/campaigns/no-tech/submit", Some(&org), None)
        .await;
    let res = app
        .api(
            Method::POST,
            "/moderation/campaigns/no-tech/publish",
            Some(&moderator),
            None,
        )
        .await;
    assert_eq!(res.status(), 200);
    app.create_letter(LetterSpec {
        groups: vec![
            ("ucsc", "UC Santa Cruz", "ucsc.edu"),
            ("stanford", "Stanford University", "stanford.edu"),
        ],
        allow_group_proposals: true,
        ..LetterSpec::published("pledge")
    })
    .await;
    app.give_letter_to("pledge", ORGANISER).await;
    let res = app
        .api(
            Method::PATCH,
            "/letters/pledge",
            Some(&org),
            Some(json!({"campaign": "no-tech"})),
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = app
        .api(
            Method::POST,
            "/letters/pledge/groups/ucsc/leads",
            Some(&org),
            Some(json!({"email": LEAD})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let link = app.mail.nth(1).await.link(&app.url("/invitations/"));
    let path = link.trim_start_matches(&app.base).to_owned();
    let lead = app.browser_logged_in(LEAD).await;
    let page = lead.get_text(&path).await;
    assert_eq!(lead.post_form(&path, &page, &[]).await.status(), 303);
    app
}

async fn sign_up(app: &TestApp, body: Value) -> reqwest::Response {
    app.http
        .post(app.url("/api/v1/campaigns/no-tech/volunteers"))
        .json(&body)
        .send()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn volunteers_confirm_by_mail_and_only_the_team_and_their_leads_see_them() {
    let app = campaign_with_a_lead().await;

    // Bad input: an error per field, nothing stored, nothing sent.
    let res = sign_up(
        &app,
        json!({"name": "", "email": "not an address", "group": "mit",
               "help": ["Storm the building"], "message": "x".repeat(2001)}),
    )
    .await;
    assert_eq!(res.status(), 422);
    let errors: Value = res.json().await.unwrap();
    for field in ["name", "email", "group", "help", "message"] {
        assert!(errors["errors"][field].is_string(), "{field}: {errors}");
    }
    assert_eq!(app.rows("volunteers").await, 0);
    let res = app
        .http
        .post(app.url("/api/v1/campaigns/nowhere/volunteers"))
        .json(&json!({"name": "Ana", "email": "ana@ucsc.edu"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);

    // Ana at UC Santa Cruz, by the API; confirmed through the page.
    let ana = json!({"name": "Ana Slug", "email": "ana@ucsc.edu", "group": "ucsc",
                     "help": ["Start a pledge at my school"], "message": "I can book a room."});
    let res = sign_up(&app, ana.clone()).await;
    assert_eq!(res.status(), 202);
    let first_answer = res.text().await.unwrap();
    assert_eq!(first_answer, r#"{"status":"check_your_email"}"#);
    let mail = app.mail.nth(2).await;
    assert_eq!(mail.to, "ana@ucsc.edu");
    assert!(mail.subject.contains("No Tech for ICE"), "{}", mail.subject);
    let link = mail.link(&app.url("/volunteers/confirm/"));
    // Not yet confirmed: nobody sees Ana.
    let org = app.api_token(ORGANISER).await;
    let list = |token: String| {
        let app = &app;
        async move {
            let res = app
                .api(
                    Method::GET,
                    "/campaigns/no-tech/volunteers",
                    Some(&token),
                    None,
                )
                .await;
            assert_eq!(res.status(), 200);
            res.json::<Value>().await.unwrap()["volunteers"]
                .as_array()
                .unwrap()
                .clone()
        }
    };
    assert!(list(org.clone()).await.is_empty());
    let visitor = Browser::new(&app.base);
    let page = visitor.get_text(link.trim_start_matches(&app.base)).await;
    assert!(page.contains("Confirm you want to organise"), "{page}");
    assert_eq!(app.rows("volunteers").await, 1);
    assert_eq!(
        app.scalar("SELECT COUNT(*) AS n FROM volunteers WHERE confirmed_at IS NOT NULL")
            .await,
        0,
        "opening the link confirms nothing"
    );
    let res = visitor.press_button_behind(&link).await;
    assert_eq!(res.status(), 200);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Welcome to No Tech for ICE"));
    let welcome = app.mail.nth(3).await;
    assert_eq!(welcome.to, "ana@ucsc.edu");
    assert!(
        welcome.subject.starts_with("Welcome"),
        "{}",
        welcome.subject
    );
    assert!(welcome.text.contains("https://example.org/toolkit"));
    assert!(welcome.html.contains("<strong>Thursdays</strong>"));
    // The link is used up.
    assert_eq!(visitor.press_button_behind_status(&link).await, 410);

    // Signing up again with the same address: the same answer, a new link;
    // confirmed, the new answers replace the old.
    let res = sign_up(
        &app,
        json!({"name": "Ana Slug", "email": "ANA@ucsc.edu", "group": "ucsc",
               "help": ["Host a teach-in"], "message": "Teach-in in May."}),
    )
    .await;
    assert_eq!(res.status(), 202);
    assert_eq!(res.text().await.unwrap(), first_answer);
    let token = app.mail.nth(4).await.token("/volunteers/confirm/");
    let res = app
        .http
        .post(app.url("/api/v1/volunteers/confirm"))
        .json(&json!({"token": token}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["status"], "confirmed");
    app.mail.nth(5).await;
    let res = app
        .http
        .post(app.url("/api/v1/volunteers/confirm"))
        .json(&json!({"token": token}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 410, "a link works once");

    // Sam at Stanford, through the form on the campaign's page.
    let res = visitor
        .submit(
            "/campaigns/no-tech",
            "/campaigns/no-tech/organise",
            &[
                ("name", "Sam Tree"),
                ("email", "sam@stanford.edu"),
                ("group", "stanford"),
                ("place", ""),
                ("help", "Host a teach-in"),
                ("help", "Start a pledge at my school"),
                ("message", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        "/campaigns/no-tech/organise/check-email"
    );
    let link = app.mail.nth(6).await.link(&app.url("/volunteers/confirm/"));
    assert_eq!(visitor.press_button_behind(&link).await.status(), 200);
    // A form with errors comes back with them, and stores nothing.
    let before = app.rows("volunteers").await;
    let res = visitor
        .submit(
            "/letters/pledge",
            "/campaigns/no-tech/organise",
            &[
                ("name", "Kim"),
                ("email", "kim@"),
                ("group", ""),
                ("place", "Reed College"),
                ("message", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains(r#"id="v-email-error""#), "{page}");
    assert!(page.contains(r#"value="Reed College""#));
    assert_eq!(app.rows("volunteers").await, before);

    // The team sees both (Ana once, with her latest answers); the lead of
    // UC Santa Cruz sees Ana only; anyone else is refused.
    let all = list(org.clone()).await;
    assert_eq!(all.len(), 2, "{all:?}");
    let ana = all.iter().find(|v| v["name"] == "Ana Slug").unwrap();
    assert_eq!(ana["help"], json!(["Host a teach-in"]));
    assert_eq!(ana["message"], "Teach-in in May.");
    assert_eq!(ana["group"], "ucsc");
    assert!(ana["confirmed_at"].is_string());
    let led = list(app.api_token(LEAD).await).await;
    assert_eq!(led.len(), 1);
    assert_eq!(led[0]["email"], "ANA@ucsc.edu");
    let res = app
        .api(
            Method::GET,
            "/campaigns/no-tech/volunteers",
            Some(&app.api_token(OUTSIDER).await),
            None,
        )
        .await;
    assert_eq!(res.status(), 403);
    let organiser = app.browser_logged_in(ORGANISER).await;
    let csv = organiser
        .get_text("/organiser/campaigns/no-tech/volunteers.csv")
        .await;
    assert!(csv.starts_with("name,email,group,place,help,message,confirmed_at"));
    assert!(csv.contains("Sam Tree,sam@stanford.edu,Stanford University"));
    assert!(csv.contains("Ana Slug"));
    assert!(organiser
        .get_text("/dashboard")
        .await
        .contains("2 volunteers"));
    let lead = app.browser_logged_in(LEAD).await;
    let csv = lead
        .get_text("/organiser/campaigns/no-tech/volunteers.csv")
        .await;
    assert!(
        csv.contains("Ana Slug") && !csv.contains("Sam Tree"),
        "{csv}"
    );
    let page = lead.get_text("/organiser/letters/pledge/groups/ucsc").await;
    assert!(
        page.contains("Teach-in in May.") && !page.contains("sam@stanford.edu"),
        "{page}"
    );
    let page = lead
        .get_text("/organiser/campaigns/no-tech/volunteers")
        .await;
    assert!(page.contains("Ana Slug") && !page.contains("Sam Tree"));
    assert!(
        app.scalar(
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'campaign.volunteers_export'"
        )
        .await
            >= 2
    );

    // Retention: 180 days after the campaign closes, its volunteers go.
    let res = app
        .api(Method::POST, "/campaigns/no-tech/close", Some(&org), None)
        .await;
    assert_eq!(res.status(), 200);
    let res = sign_up(&app, json!({"name": "Late", "email": "late@example.org"})).await;
    assert_eq!(res.status(), 410, "a closed campaign takes no volunteers");
    let settings = Settings::default();
    let pass = undersigned::app::retention::run(&app.db, &settings)
        .await
        .unwrap();
    assert_eq!(pass.volunteers_deleted, 0, "not yet");
    app.scalar(
        "UPDATE campaigns SET closed_at = closed_at - INTERVAL '181 days' WHERE slug = 'no-tech' RETURNING CAST(id AS BIGINT) AS n",
    )
    .await;
    let pass = undersigned::app::retention::run(&app.db, &settings)
        .await
        .unwrap();
    assert_eq!(pass.volunteers_deleted, 2);
    assert_eq!(app.rows("volunteers").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_campus_lead_decides_proposals_naming_it_and_a_proposer_who_organises_is_offered_the_lead(
) {
    let app = campaign_with_a_lead().await;
    let org = app.api_token(ORGANISER).await;
    app.create_letter(LetterSpec {
        allow_group_proposals: true,
        ..LetterSpec::published("academics")
    })
    .await;
    app.give_letter_to("academics", ORGANISER).await;
    let res = app
        .api(
            Method::PATCH,
            "/letters/academics",
            Some(&org),
            Some(json!({"campaign": "no-tech"})),
        )
        .await;
    assert_eq!(res.status(), 200);
    // Bo proposes UC Santa Cruz on the academics' letter and signs up to organise.
    app.sign_and_confirm(
        "academics",
        json!({"name": "Bo Banana", "email": "bo@ucsc.edu", "new_group": "UC Santa Cruz"}),
        2,
    )
    .await;
    assert_eq!(
        sign_up(
            &app,
            json!({"name": "Bo Banana", "email": "bo@ucsc.edu", "place": "UCSC faculty"})
        )
        .await
        .status(),
        202
    );
    let link = app.mail.nth(3).await.link(&app.url("/volunteers/confirm/"));
    assert_eq!(
        Browser::new(&app.base)
            .press_button_behind(&link)
            .await
            .status(),
        200
    );
    app.mail.nth(4).await;
    // Cy proposes a campus nobody leads.
    app.sign_and_confirm(
        "academics",
        json!({"name": "Cy Reed", "email": "cy@reed.edu", "new_group": "Reed College"}),
        5,
    )
    .await;

    // The UC Santa Cruz lead sees the proposal naming their campus, not Reed's.
    let lead = app.browser_logged_in(LEAD).await;
    let page = lead.get_text("/organiser/letters/pledge/groups/ucsc").await;
    assert!(page.contains("Proposals naming UC Santa Cruz"), "{page}");
    assert!(page.contains("/organiser/letters/academics/groups/uc-santa-cruz/accept"));
    assert!(!page.contains("Reed College"));
    let token = app.api_token(LEAD).await;
    let res = app
        .api(
            Method::POST,
            "/letters/academics/groups/reed-college/accept",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(res.status(), 403, "not their campus");
    let res = app
        .api(
            Method::POST,
            "/letters/academics/groups/uc-santa-cruz/accept",
            Some(&app.api_token(OUTSIDER).await),
            None,
        )
        .await;
    assert_eq!(res.status(), 403);
    // Accepted from the lead's page: the group appears on the academics' letter.
    let res = lead
        .post_form(
            "/organiser/letters/academics/groups/uc-santa-cruz/accept",
            &page,
            &[("name", "UC Santa Cruz"), ("email_domains", "ucsc.edu")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/dashboard");
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let letter = app.get_json("/api/v1/letters/academics").await;
    assert_eq!(letter["groups"][0]["slug"], "uc-santa-cruz");
    assert_eq!(letter["groups"][0]["verified_count"], 1);
    assert_eq!(
        app.scalar("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'group.accept' AND actor_email = 'lead@ucsc.edu'")
            .await,
        1
    );
    // Bo, who proposed it and organises, is offered its lead.
    let offer = app.mail.nth(6).await;
    assert_eq!(offer.to, "bo@ucsc.edu");
    assert!(offer.subject.contains("Join the team"), "{}", offer.subject);
    assert!(offer.text.contains("its lead"), "{}", offer.text);
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) AS n FROM team_members WHERE email = 'bo@ucsc.edu' AND role = 'lead'"
        )
        .await,
        1
    );
    // Cy did not sign up to organise: accepting Reed (as the organiser) offers nothing.
    let res = app
        .api(
            Method::POST,
            "/letters/academics/groups/reed-college/accept",
            Some(&org),
            None,
        )
        .await;
    assert_eq!(res.status(), 200);
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(app.mail.all().len(), 6);
}
