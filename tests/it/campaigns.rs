//! Campaigns: an organiser starts one, makes letters its fronts, a moderator
//! publishes it; its page and JSON show the fronts, the combined count, every
//! group of every front, the timeline of wins and the letters' updates; the
//! home page leads with it and searches and filters the rest.

use reqwest::Method;
use serde_json::{json, Value};

use crate::support::*;
use undersigned::db::entities::user::Role;

const ORGANISER: &str = "org@example.org";
const OTHER: &str = "other@example.org";
const MODERATOR: &str = "mod@example.org";

fn campaign_body() -> Value {
    json!({
        "slug": "no-tech-for-ice",
        "title": "No Tech for ICE",
        "summary": "Students, academics and workers refuse to build for ICE.",
        "body": "We **refuse**.",
        "targets": ["Palantir", "Amazon"],
        "help_options": ["Start a pledge at my school", "Host a teach-in"],
        "resources": "The toolkit: https://example.org/toolkit"
    })
}

async fn setup() -> (TestApp, String, String) {
    let app = spawn_app().await;
    app.add_user(ORGANISER, Role::Organiser).await;
    app.add_user(OTHER, Role::Organiser).await;
    app.add_user(MODERATOR, Role::Moderator).await;
    let organiser = app.api_token(ORGANISER).await;
    let moderator = app.api_token(MODERATOR).await;
    (app, organiser, moderator)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_campaign_joins_its_letters_counts_them_together_and_is_reviewed_like_a_letter() {
    let (app, organiser, moderator) = setup().await;
    let res = app
        .api(
            Method::POST,
            "/campaigns",
            Some(&organiser),
            Some(campaign_body()),
        )
        .await;
    assert_eq!(res.status(), 201);
    let draft: Value = res.json().await.unwrap();
    assert_eq!(draft["status"], "draft");
    assert_eq!(draft["help_options"][1], "Host a teach-in");
    assert_eq!(
        draft["resources"],
        "The toolkit: https://example.org/toolkit"
    );

    // Bad input: a clear error per field, nothing stored.
    let before = app.rows("campaigns").await;
    let res = app
        .api(
            Method::POST,
            "/campaigns",
            Some(&organiser),
            Some(
                json!({"slug": "Bad Slug", "title": "", "summary": "s", "body": "b",
                        "help_options": ["Same", "same"]}),
            ),
        )
        .await;
    assert_eq!(res.status(), 422);
    let errors: Value = res.json().await.unwrap();
    for field in ["slug", "title", "help_options[1]"] {
        assert!(errors["errors"][field].is_string(), "{field}: {errors}");
    }
    let res = app
        .api(
            Method::POST,
            "/campaigns",
            Some(&organiser),
            Some(campaign_body()),
        )
        .await;
    assert_eq!(res.status(), 409, "the slug is taken");
    assert_eq!(app.rows("campaigns").await, before);

    // A draft is invisible to the public.
    assert_eq!(
        app.status_of("/api/v1/campaigns/no-tech-for-ice").await,
        404
    );
    assert_eq!(app.status_of("/campaigns/no-tech-for-ice").await, 404);

    // Two published letters with groups become fronts; a third stays outside.
    let mut pledge = LetterSpec::published("student-pledge");
    pledge.groups = vec![
        ("ucsc", "UC Santa Cruz", "ucsc.edu"),
        ("stanford", "Stanford University", "stanford.edu"),
    ];
    app.create_letter(pledge).await;
    let mut academics = LetterSpec::published("academics");
    academics.groups = vec![("cmu", "Carnegie Mellon University", "cmu.edu")];
    app.create_letter(academics).await;
    app.create_letter(LetterSpec::published("standalone")).await;
    for slug in ["student-pledge", "academics", "standalone"] {
        app.give_letter_to(slug, ORGANISER).await;
    }
    for slug in ["student-pledge", "academics"] {
        let res = app
            .api(
                Method::PATCH,
                &format!("/letters/{slug}"),
                Some(&organiser),
                Some(json!({"campaign": "no-tech-for-ice"})),
            )
            .await;
        assert_eq!(res.status(), 200, "{slug}");
        let letter: Value = res.json().await.unwrap();
        assert_eq!(letter["campaign"]["slug"], "no-tech-for-ice");
    }
    // Someone else cannot put their letter in it.
    app.create_letter(LetterSpec::published("intruder")).await;
    app.give_letter_to("intruder", OTHER).await;
    let other = app.api_token(OTHER).await;
    let res = app
        .api(
            Method::PATCH,
            "/letters/intruder",
            Some(&other),
            Some(json!({"campaign": "no-tech-for-ice"})),
        )
        .await;
    assert_eq!(res.status(), 422);

    // Signatures on both fronts, one verified.
    app.sign_and_confirm(
        "student-pledge",
        json!({"name": "Ana", "email": "ana@ucsc.edu", "group": "ucsc"}),
        1,
    )
    .await;
    app.sign_and_confirm(
        "student-pledge",
        json!({"name": "Ben", "email": "ben@example.org"}),
        2,
    )
    .await;
    app.sign_and_confirm(
        "academics",
        json!({"name": "Cai", "email": "cai@example.org"}),
        3,
    )
    .await;
    app.sign_and_confirm(
        "standalone",
        json!({"name": "Dee", "email": "dee@example.org"}),
        4,
    )
    .await;

    // Submitted, then published by a moderator, audited both ways.
    let res = app
        .api(
            Method::POST,
            "/campaigns/no-tech-for-ice/submit",
            Some(&organiser),
            None,
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = app
        .api(
            Method::POST,
            "/moderation/campaigns/no-tech-for-ice/publish",
            Some(&organiser),
            None,
        )
        .await;
    assert_eq!(res.status(), 403, "an organiser cannot publish");
    let res = app
        .api(
            Method::POST,
            "/moderation/campaigns/no-tech-for-ice/publish",
            Some(&moderator),
            None,
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        app.scalar("SELECT COUNT(*) AS n FROM audit_log WHERE action IN ('campaign.create', 'campaign.submit', 'campaign.publish') AND detail = 'campaign:no-tech-for-ice'")
            .await,
        3
    );

    // A win on the timeline.
    let res = app
        .api(
            Method::POST,
            "/campaigns/no-tech-for-ice/timeline",
            Some(&organiser),
            Some(
                json!({"date": "2026-11-30", "title": "Conference drops Arclight as sponsor",
                        "body": "After 1,200 signatures.", "link": "https://example.org/news"}),
            ),
        )
        .await;
    assert_eq!(res.status(), 201);
    let res = app
        .api(
            Method::POST,
            "/campaigns/no-tech-for-ice/timeline",
            Some(&organiser),
            Some(json!({"date": "yesterday", "title": "x", "link": "javascript:alert(1)"})),
        )
        .await;
    assert_eq!(res.status(), 422);
    let errors: Value = res.json().await.unwrap();
    assert!(errors["errors"]["date"].is_string() && errors["errors"]["link"].is_string());

    // The public JSON: combined counts over the fronts only.
    let c = app.get_json("/api/v1/campaigns/no-tech-for-ice").await;
    assert_eq!(c["signature_count"], 3);
    assert_eq!(c["verified_count"], 1);
    assert_eq!(c["letters"].as_array().unwrap().len(), 2);
    let pledge = c["letters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["slug"] == "student-pledge")
        .unwrap();
    assert_eq!(pledge["signature_count"], 2);
    assert_eq!(pledge["verified_count"], 1);
    assert_eq!(pledge["category"], "other");
    assert_eq!(
        c["timeline"][0]["title"],
        "Conference drops Arclight as sponsor"
    );
    assert_eq!(c["timeline"][0]["date"], "2026-11-30");
    assert_eq!(c["help_options"][0], "Start a pledge at my school");
    assert!(
        c.get("resources").is_none(),
        "resources go to volunteers only"
    );
    let list = app.get_json("/api/v1/campaigns").await;
    assert_eq!(list["campaigns"][0]["slug"], "no-tech-for-ice");
    assert_eq!(list["campaigns"][0]["signature_count"], 3);
    assert_eq!(list["campaigns"][0]["letters"], 2);

    // The page: fronts, combined count, wins, and a campus found from it.
    let page = app.get_text("/campaigns/no-tech-for-ice").await;
    assert!(
        page.contains("3 signatures on 2 letters, 1 from verified addresses"),
        "{page}"
    );
    assert!(page.contains("Conference drops Arclight as sponsor"));
    assert!(page.contains("/letters/academics\""));
    assert!(!page.contains("/letters/standalone\""));
    let found = app.get_text("/campaigns/no-tech-for-ice?q=santa").await;
    assert!(
        found.contains("/letters/student-pledge/groups/ucsc"),
        "{found}"
    );
    assert!(!found.contains("/letters/academics/groups/cmu"));
    let found = app.get_text("/campaigns/no-tech-for-ice?q=cmu.edu").await;
    assert!(found.contains("/letters/academics/groups/cmu"));
    assert_eq!(
        app.status_of("/campaigns/no-tech-for-ice/chart.svg").await,
        200
    );
    // The letter names its campaign.
    let letter = app.get_text("/letters/academics").await;
    assert!(letter.contains("href=\"/campaigns/no-tech-for-ice\""));

    // The home page: the campaign first, then only the letters outside it.
    let home = app.get_text("/").await;
    let campaign_at = home
        .find("/campaigns/no-tech-for-ice")
        .expect("the campaign");
    let standalone_at = home
        .find("/letters/standalone")
        .expect("the standalone letter");
    assert!(campaign_at < standalone_at);
    assert!(!home.contains("href=\"/letters/academics\""));
    let searched = app.get_text("/?q=intruder").await;
    assert!(searched.contains("/letters/intruder") && !searched.contains("/letters/standalone"));
    let filtered = app.get_text("/?audience=students").await;
    assert!(
        !filtered.contains("/letters/standalone"),
        "no letter is for students"
    );
    assert_eq!(app.status_of("/?audience=astronauts").await, 400);

    // Published: the story is fixed, what volunteers see can change.
    let res = app
        .api(
            Method::PATCH,
            "/campaigns/no-tech-for-ice",
            Some(&organiser),
            Some(json!({"title": "Changed"})),
        )
        .await;
    assert_eq!(res.status(), 409);
    let res = app
        .api(
            Method::PATCH,
            "/campaigns/no-tech-for-ice",
            Some(&organiser),
            Some(json!({"help_options": ["Talk to my co-workers"]})),
        )
        .await;
    assert_eq!(res.status(), 200);
    let c = app.get_json("/api/v1/campaigns/no-tech-for-ice").await;
    assert_eq!(c["help_options"], json!(["Talk to my co-workers"]));
    assert_eq!(c["title"], "No Tech for ICE");

    // Taking a letter out: it is back on the home page on its own.
    let res = app
        .api(
            Method::PATCH,
            "/letters/academics",
            Some(&organiser),
            Some(json!({"campaign": null})),
        )
        .await;
    assert_eq!(res.status(), 200);
    let c = app.get_json("/api/v1/campaigns/no-tech-for-ice").await;
    assert_eq!(c["signature_count"], 2);
    assert!(app
        .get_text("/")
        .await
        .contains("href=\"/letters/academics\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_campaign_goes_back_to_its_organiser_with_the_reason() {
    let (app, organiser, moderator) = setup().await;
    let res = app
        .api(
            Method::POST,
            "/campaigns",
            Some(&organiser),
            Some(campaign_body()),
        )
        .await;
    assert_eq!(res.status(), 201);
    app.api(
        Method::POST,
        "/campaigns/no-tech-for-ice/submit",
        Some(&organiser),
        None,
    )
    .await;
    let queue = app
        .api(Method::GET, "/moderation/campaigns", Some(&moderator), None)
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(queue["campaigns"][0]["slug"], "no-tech-for-ice");
    let res = app
        .api(
            Method::POST,
            "/moderation/campaigns/no-tech-for-ice/reject",
            Some(&moderator),
            None,
        )
        .await;
    assert_eq!(res.status(), 422, "a reason is required");
    let res = app
        .api(
            Method::POST,
            "/moderation/campaigns/no-tech-for-ice/reject",
            Some(&moderator),
            Some(json!({"reason": "Name the targets precisely."})),
        )
        .await;
    assert_eq!(res.status(), 200);
    let mine = app
        .api(
            Method::GET,
            "/campaigns/no-tech-for-ice",
            Some(&organiser),
            None,
        )
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(mine["status"], "rejected");
    assert_eq!(mine["rejection_reason"], "Name the targets precisely.");
    // Edited, it is a draft again and can be resubmitted.
    let res = app
        .api(
            Method::PATCH,
            "/campaigns/no-tech-for-ice",
            Some(&organiser),
            Some(json!({"targets": ["Palantir Technologies"]})),
        )
        .await;
    assert_eq!(res.status(), 200);
    let edited: Value = res.json().await.unwrap();
    assert_eq!(edited["status"], "draft");
    assert_eq!(edited["targets"], json!(["Palantir Technologies"]));
    assert_eq!(app.status_of("/campaigns/no-tech-for-ice").await, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organiser_runs_a_campaign_from_the_pages() {
    let (app, _organiser, _moderator) = setup().await;
    let browser = app.browser_logged_in(ORGANISER).await;
    let page = browser.get_text("/organiser/campaigns/new").await;
    let res = browser
        .post_form(
            "/organiser/campaigns/new",
            &page,
            &[
                ("slug", "musicians-and-students"),
                ("title", "Musicians and students"),
                ("summary", "Two fronts."),
                ("body", "The story."),
                ("targets", "Arclight\nPETS Forum"),
                ("help_options", "Host a teach-in\n\nTalk to my co-workers"),
                ("resources", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        "/organiser/campaigns/musicians-and-students"
    );
    let page = browser
        .get_text("/organiser/campaigns/musicians-and-students")
        .await;
    assert!(page.contains("Musicians and students") && page.contains("Submit for review"));
    let stored = app
        .api(
            Method::GET,
            "/campaigns/musicians-and-students",
            Some(&app.api_token(ORGANISER).await),
            None,
        )
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(stored["targets"], json!(["Arclight", "PETS Forum"]));
    assert_eq!(
        stored["help_options"],
        json!(["Host a teach-in", "Talk to my co-workers"])
    );

    // A letter of theirs becomes a front from the page.
    app.create_letter(LetterSpec::published("musicians")).await;
    app.give_letter_to("musicians", ORGANISER).await;
    let page = browser
        .get_text("/organiser/campaigns/musicians-and-students")
        .await;
    let res = browser
        .post_form(
            "/organiser/campaigns/musicians-and-students/letters",
            &page,
            &[("letter", "musicians")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let page = browser
        .get_text("/organiser/campaigns/musicians-and-students")
        .await;
    assert!(
        page.contains("href=\"/organiser/letters/musicians\""),
        "{page}"
    );

    // A bad field is shown on the form and nothing changes.
    let res = browser
        .post_form(
            "/organiser/campaigns/musicians-and-students",
            &page,
            &[
                ("slug", "musicians-and-students"),
                ("title", ""),
                ("summary", "Two fronts."),
                ("body", "The story."),
                ("targets", ""),
                ("help_options", ""),
                ("resources", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("This is required."));
    assert_eq!(
        app.scalar("SELECT COUNT(*) AS n FROM campaigns WHERE title = 'Musicians and students'")
            .await,
        1
    );

    // The dashboard lists it.
    assert!(browser
        .get_text("/dashboard")
        .await
        .contains("/organiser/campaigns/musicians-and-students"));
}
