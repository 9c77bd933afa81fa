//! Organisers and moderators, through the web pages and the API.

use reqwest::Method;
use serde_json::{json, Value};
use undersigned::db::entities::user::Role;

use crate::support::{spawn_app, Browser, PASSWORD};

const MODERATOR: &str = "mod@undersigned.test";

fn id_of(html: &str, name: &str) -> String {
    let re = regex::Regex::new(r#"name="ids" value="(\d+)" id="sig-\d+"[^>]*>\s*</td>\s*<td>[^<]*</td>\s*<td><label[^>]*>([^<]*)</label>"#).unwrap();
    let found = re
        .captures_iter(html)
        .find(|c| &c[2] == name)
        .map(|c| c[1].to_owned());
    found.unwrap_or_else(|| panic!("{name} not in the queue:\n{html}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organiser_registers_drafts_and_submits_a_moderator_publishes_and_keeps_signatures_clean(
) {
    let app = spawn_app().await;
    app.add_user(MODERATOR, Role::Moderator).await;

    // Register, confirm by the mailed link, log in.
    let visitor = Browser::new(&app.base);
    let res = visitor
        .submit(
            "/register",
            "/register",
            &[("email", "org@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("Check your email"));
    let mail = app.mail.nth(1).await;
    assert_eq!(mail.subject, "Confirm your Undersigned account");
    let link = mail.link(&app.url("/account/confirm/"));
    // Not confirmed yet: no login.
    let early = visitor
        .submit(
            "/login",
            "/login",
            &[("email", "org@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(early.status(), 401);
    assert_eq!(visitor.press_button_behind(&link).await.status(), 200);
    let org = app.browser_logged_in("org@example.org").await;

    // Draft with a preview first, then save.
    let fields = |action: &'static str| {
        vec![
            ("slug", "drop-the-sponsor"),
            ("title", "Drop the sponsor"),
            ("summary", "A conference should not take this money."),
            (
                "body",
                "We **ask** the committee.\n\n<script>alert(1)</script>",
            ),
            ("category", "academics"),
            ("goal", "10"),
            ("requires_approval", "true"),
            (
                "groups",
                "mit | MIT | mit.edu\ncmu | Carnegie Mellon | cmu.edu | verified",
            ),
            ("action", action),
        ]
    };
    let res = org
        .submit(
            "/organiser/letters/new",
            "/organiser/letters/new",
            &fields("preview"),
        )
        .await;
    assert_eq!(res.status(), 200);
    let preview = res.text().await.unwrap();
    assert!(preview.contains("<strong>ask</strong>"));
    assert!(!preview.contains("<script>alert(1)"));
    assert_eq!(app.rows("letters").await, 0, "a preview saves nothing");
    let res = org
        .submit(
            "/organiser/letters/new",
            "/organiser/letters/new",
            &fields("save"),
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        "/organiser/letters/drop-the-sponsor"
    );

    // A draft is invisible to the public.
    assert_eq!(app.status_of("/letters/drop-the-sponsor").await, 404);
    assert_eq!(
        app.api(Method::GET, "/letters/drop-the-sponsor", None, None)
            .await
            .status(),
        404
    );
    assert!(org
        .get_text("/organiser/letters/drop-the-sponsor/preview")
        .await
        .contains("Drop the sponsor"));
    let edit = org.get_text("/organiser/letters/drop-the-sponsor").await;
    assert!(
        edit.contains("cmu | Carnegie Mellon | cmu.edu | verified"),
        "{edit}"
    );

    let res = org
        .submit(
            "/organiser/letters/drop-the-sponsor",
            "/organiser/letters/drop-the-sponsor/submit",
            &[],
        )
        .await;
    assert_eq!(res.status(), 303);

    // The moderator publishes it.
    let moderator = app.browser_logged_in(MODERATOR).await;
    assert!(moderator
        .get_text("/moderation")
        .await
        .contains("Drop the sponsor"));
    let res = moderator
        .submit(
            "/moderation/letters/drop-the-sponsor",
            "/moderation/letters/drop-the-sponsor/publish",
            &[],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert!(app
        .get_text("/letters/drop-the-sponsor")
        .await
        .contains("Sign this letter"));

    // Signatures wait for approval before they count.
    app.sign_and_confirm(
        "drop-the-sponsor",
        json!({"name": "Signer One", "email": "one@mit.edu", "group": "mit", "updates": true}),
        2,
    )
    .await;
    app.sign_and_confirm(
        "drop-the-sponsor",
        json!({"name": "Annie Anonymous", "email": "annie@cmu.edu", "anonymous": true, "updates": true}),
        3,
    )
    .await;
    assert_eq!(app.count("drop-the-sponsor").await, 0);
    assert!(
        org.get_text("/dashboard").await.contains("<td>2</td>"),
        "two awaiting approval"
    );

    let queue = moderator
        .get_text("/moderation/signatures?letter=drop-the-sponsor")
        .await;
    let one = id_of(&queue, "Signer One");
    let annie = id_of(&queue, "Annie Anonymous");
    let res = moderator
        .post_form(
            "/moderation/signatures/bulk",
            &queue,
            &[
                ("ids", &one),
                ("ids", &annie),
                ("action", "approve"),
                ("reason", ""),
                ("back", "/moderation/signatures"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(app.count("drop-the-sponsor").await, 2);
    assert_eq!(
        app.public_names("drop-the-sponsor").await,
        vec!["Signer One"]
    );

    // The organiser's export: consenting public signers' emails, never an anonymous name.
    let res = org
        .http
        .get(app.url("/organiser/letters/drop-the-sponsor/export.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let csv = res.text().await.unwrap();
    assert!(
        csv.contains("Signer One") && csv.contains("one@mit.edu"),
        "{csv}"
    );
    assert!(
        !csv.contains("Annie") && !csv.contains("annie@cmu.edu"),
        "{csv}"
    );

    // Hiding needs a reason, then takes the signature out of the count at once.
    let confirmed = moderator
        .get_text("/moderation/signatures?letter=drop-the-sponsor&status=confirmed")
        .await;
    let res = moderator
        .post_form(
            "/moderation/signatures/bulk",
            &confirmed,
            &[
                ("ids", &one),
                ("action", "hide"),
                ("reason", ""),
                ("back", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert_eq!(app.count("drop-the-sponsor").await, 2);
    let res = moderator
        .post_form(
            "/moderation/signatures/bulk",
            &confirmed,
            &[
                ("ids", &one),
                ("action", "hide"),
                ("reason", "impersonation"),
                ("back", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(app.count("drop-the-sponsor").await, 1);
    assert!(app.public_names("drop-the-sponsor").await.is_empty());

    // A blocked domain (and its subdomains) gets the ordinary answer and stores nothing.
    let res = moderator
        .submit(
            "/moderation/blocks",
            "/moderation/blocks",
            &[("target", "spam.example"), ("reason", "bot wave")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let before = app.rows("signatures").await;
    let res = app
        .sign_api(
            "drop-the-sponsor",
            json!({"name": "Bot", "email": "bot@x.spam.example"}),
        )
        .await;
    assert_eq!(res.status(), 202);
    assert_eq!(
        res.json::<Value>().await.unwrap(),
        json!({"status": "check_your_email"})
    );
    assert_eq!(app.rows("signatures").await, before);
    assert_eq!(app.rows("outbox").await, 3, "no mail for a blocked address");

    // Everything is in the audit log, with who and why.
    let audit = moderator.get_text("/moderation/audit").await;
    for expected in [
        "letter.create",
        "letter.submit",
        "letter.publish",
        "signature.approve",
        "signature.hide",
        "impersonation",
        "block.create",
        "bot wave",
        "letter.export",
        "org@example.org",
        MODERATOR,
    ] {
        assert!(
            audit.contains(expected),
            "audit log lacks {expected}:\n{audit}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_drafts_reviews_publishes_moderates_exports_and_closes() {
    let app = spawn_app().await;
    app.add_user("org@example.org", Role::Organiser).await;
    app.add_user("other@example.org", Role::Organiser).await;
    app.add_user(MODERATOR, Role::Moderator).await;
    let org = app.api_token("org@example.org").await;
    let other = app.api_token("other@example.org").await;
    let moderator = app.api_token(MODERATOR).await;

    let letter = json!({
        "slug": "api-letter", "title": "By the API", "summary": "Short.", "body": "Long **enough**.",
        "category": "tech_workers", "goal": 100, "requires_approval": false,
        "groups": [{"slug": "orbitek", "name": "Orbitek", "email_domains": ["orbitek.com"], "require_verified": false}]
    });
    let res = app
        .api(Method::POST, "/letters", Some(&org), Some(letter.clone()))
        .await;
    assert_eq!(res.status(), 201);
    let created: Value = res.json().await.unwrap();
    assert_eq!(created["status"], "draft");
    assert_eq!(
        created["groups"][0]["email_domains"],
        json!(["orbitek.com"])
    );

    // Bad fields and a taken slug are refused.
    let mut bad = letter.clone();
    bad["slug"] = json!("Not A Slug");
    bad["category"] = json!("aliens");
    let res = app
        .api(Method::POST, "/letters", Some(&org), Some(bad))
        .await;
    assert_eq!(res.status(), 422);
    let err: Value = res.json().await.unwrap();
    assert!(
        err["errors"]["slug"].is_string() && err["errors"]["category"].is_string(),
        "{err}"
    );
    assert_eq!(
        app.api(Method::POST, "/letters", Some(&org), Some(letter.clone()))
            .await
            .status(),
        409
    );

    // Only its organiser (and moderators) can see the draft.
    assert_eq!(
        app.api(Method::GET, "/letters/api-letter", Some(&org), None)
            .await
            .status(),
        200
    );
    assert_eq!(
        app.api(Method::GET, "/letters/api-letter", Some(&moderator), None)
            .await
            .status(),
        200
    );
    assert_eq!(
        app.api(Method::GET, "/letters/api-letter", Some(&other), None)
            .await
            .status(),
        404
    );
    assert_eq!(
        app.api(Method::GET, "/letters/api-letter", None, None)
            .await
            .status(),
        404
    );

    let res = app
        .api(
            Method::PATCH,
            "/letters/api-letter",
            Some(&org),
            Some(json!({"title": "By the API, edited", "goal": null})),
        )
        .await;
    assert_eq!(res.status(), 200);
    let patched: Value = res.json().await.unwrap();
    assert_eq!(patched["title"], "By the API, edited");
    assert_eq!(patched["goal"], Value::Null);
    assert_eq!(patched["summary"], "Short.");

    let res = app
        .api(Method::POST, "/letters/api-letter/submit", Some(&org), None)
        .await;
    assert_eq!(res.json::<Value>().await.unwrap()["status"], "in_review");
    assert_eq!(
        app.api(
            Method::PATCH,
            "/letters/api-letter",
            Some(&org),
            Some(json!({"title": "x"}))
        )
        .await
        .status(),
        409,
        "a letter in review cannot be edited"
    );

    // Rejected with a reason, edited (back to draft), resubmitted, published.
    let res = app
        .api(
            Method::POST,
            "/moderation/letters/api-letter/reject",
            Some(&moderator),
            Some(json!({})),
        )
        .await;
    assert_eq!(res.status(), 422);
    let res = app
        .api(
            Method::POST,
            "/moderation/letters/api-letter/reject",
            Some(&moderator),
            Some(json!({"reason": "Name the contract."})),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["status"], "rejected");
    let res = app
        .api(
            Method::PATCH,
            "/letters/api-letter",
            Some(&org),
            Some(json!({"body": "We ask Orbitek to cancel Project Lantern."})),
        )
        .await;
    assert_eq!(res.json::<Value>().await.unwrap()["status"], "draft");
    app.api(Method::POST, "/letters/api-letter/submit", Some(&org), None)
        .await;
    let res = app
        .api(
            Method::POST,
            "/moderation/letters/api-letter/publish",
            Some(&moderator),
            None,
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["status"], "published");

    app.sign_and_confirm(
        "api-letter",
        json!({"name": "Pat Public", "email": "pat@example.org", "updates": true}),
        1,
    )
    .await;
    assert_eq!(app.count("api-letter").await, 1);

    let res = app
        .api(
            Method::GET,
            "/moderation/signatures?letter=api-letter&status=confirmed",
            Some(&moderator),
            None,
        )
        .await;
    let list: Value = res.json().await.unwrap();
    let sig = &list["signatures"][0];
    assert_eq!(sig["email"], "pat@example.org");
    let id = sig["id"].as_i64().unwrap();

    let res = app
        .api(
            Method::GET,
            "/letters/api-letter/export.csv",
            Some(&org),
            None,
        )
        .await;
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("pat@example.org"));
    assert_eq!(
        app.api(
            Method::GET,
            "/letters/api-letter/export.csv",
            Some(&other),
            None
        )
        .await
        .status(),
        403
    );

    let res = app
        .api(
            Method::POST,
            &format!("/moderation/signatures/{id}/hide"),
            Some(&moderator),
            Some(json!({"reason": "spam"})),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(app.count("api-letter").await, 0);

    let res = app
        .api(
            Method::POST,
            "/moderation/blocks",
            Some(&moderator),
            Some(json!({"email_domain": "Blocked.Example"})),
        )
        .await;
    assert_eq!(res.status(), 201);
    assert_eq!(
        app.api(
            Method::POST,
            "/moderation/blocks",
            Some(&moderator),
            Some(json!({"email_domain": "blocked.example"}))
        )
        .await
        .status(),
        409
    );
    let res = app
        .api(
            Method::POST,
            "/moderation/blocks",
            Some(&moderator),
            Some(json!({"email": "First.Last+x@gmail.com"})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let before = app.rows("signatures").await;
    app.sign_api(
        "api-letter",
        json!({"name": "F", "email": "firstlast@gmail.com"}),
    )
    .await;
    assert_eq!(
        app.rows("signatures").await,
        before,
        "a blocked address is blocked in every spelling"
    );

    let res = app
        .api(
            Method::POST,
            "/letters/api-letter/close",
            Some(&moderator),
            None,
        )
        .await;
    assert_eq!(res.json::<Value>().await.unwrap()["status"], "closed");
    assert_eq!(
        app.sign_api(
            "api-letter",
            json!({"name": "Late", "email": "late@example.org"})
        )
        .await
        .status(),
        410
    );

    let res = app
        .api(
            Method::GET,
            "/moderation/audit?letter=api-letter",
            Some(&moderator),
            None,
        )
        .await;
    let audit: Value = res.json().await.unwrap();
    let actions: Vec<&str> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for a in [
        "letter.create",
        "letter.update",
        "letter.submit",
        "letter.reject",
        "letter.publish",
        "signature.hide",
        "letter.close",
        "letter.export",
    ] {
        assert!(actions.contains(&a), "{a} missing from {actions:?}");
    }
    let reject = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "letter.reject")
        .unwrap();
    assert_eq!(reject["reason"], "Name the contract.");
    assert_eq!(reject["actor"], MODERATOR);

    // Ending the session ends the token.
    assert_eq!(
        app.api(Method::DELETE, "/session", Some(&org), None)
            .await
            .status(),
        200
    );
    assert_eq!(
        app.api(Method::POST, "/letters/api-letter/submit", Some(&org), None)
            .await
            .status(),
        401
    );
}
