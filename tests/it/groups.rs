//! Groups: per-group counts and pages, verified affiliation by email domain,
//! groups that take only verified addresses, and groups signers propose.

use reqwest::Method;
use serde_json::{json, Value};
use undersigned::db::entities::user::Role;

use crate::support::{spawn_app, LetterSpec, TestApp};

fn group<'a>(letter: &'a Value, slug: &str) -> &'a Value {
    letter["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["slug"] == slug)
        .unwrap_or_else(|| panic!("no group {slug} in {letter}"))
}

/// The public list's entry for a signer, found by title (which tests make unique).
async fn entry(app: &TestApp, slug: &str, title: &str) -> Value {
    app.get_json(&format!("/api/v1/letters/{slug}/signatures?per_page=500"))
        .await["signatures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["title"] == title)
        .cloned()
        .unwrap_or_else(|| panic!("{title} is not on the list"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn addresses_in_a_groups_domains_verify_and_look_alikes_do_not() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec {
        groups: vec![
            ("stanford", "Stanford University", "stanford.edu"),
            ("cmu", "Carnegie Mellon", "cmu.edu andrew.cmu.edu"),
            ("mit", "MIT", "mit.edu"),
        ],
        ..LetterSpec::published("pledge")
    })
    .await;
    // (email, group, verified domain expected)
    let cases: [(&str, &str, Option<&str>); 10] = [
        ("ada@stanford.edu", "stanford", Some("stanford.edu")),
        ("bo@cs.stanford.edu", "stanford", Some("stanford.edu")),
        ("cy@Stanford.EDU", "stanford", Some("stanford.edu")),
        ("di@stanford.edu.evil.com", "stanford", None),
        ("ed@evilstanford.edu", "stanford", None),
        ("fi@stanford.education", "stanford", None),
        ("gu@andrew.cmu.edu", "cmu", Some("andrew.cmu.edu")),
        ("hu@mit.edu", "stanford", None),
        ("io@stanford.edu", "", None),
        ("jo@example.org", "mit", None),
    ];
    for (i, (email, group_slug, _)) in cases.iter().enumerate() {
        let mut body =
            json!({"name": format!("Signer {i}"), "email": email, "title": format!("t{i}")});
        if !group_slug.is_empty() {
            body["group"] = json!(group_slug);
        }
        app.sign_and_confirm("pledge", body, i + 1).await;
    }
    for (i, (email, _, expected)) in cases.iter().enumerate() {
        let e = entry(&app, "pledge", &format!("t{i}")).await;
        assert_eq!(
            e["verified_affiliation"],
            expected.is_some(),
            "{email}: {e}"
        );
        assert_eq!(e["verified_domain"], json!(expected), "{email}: {e}");
    }

    let letter = app.get_json("/api/v1/letters/pledge").await;
    assert_eq!(letter["signature_count"], 10);
    assert_eq!(letter["verified_count"], 4);
    let stanford = group(&letter, "stanford");
    assert_eq!(stanford["signature_count"], 7);
    assert_eq!(stanford["verified_count"], 3);
    assert_eq!(group(&letter, "cmu")["verified_count"], 1);
    assert_eq!(group(&letter, "mit")["signature_count"], 1);
    assert_eq!(group(&letter, "mit")["verified_count"], 0);

    // The group's own page, its list filtered, the CSV with the flag and the domain.
    let page = app.get_text("/letters/pledge/groups/stanford").await;
    assert!(page.contains("<h1>Stanford University</h1>"), "{page}");
    assert!(page.contains("7 signed") && page.contains("3 from verified addresses"));
    assert!(page.contains("Signer 1 <span class=\"verified\""));
    assert!(
        !page.contains("Signer 6"),
        "a CMU signer on Stanford's page"
    );
    assert!(
        page.contains(r#"<option value="stanford" selected>"#),
        "the form signs for the group"
    );
    let filtered = app
        .get_json("/api/v1/letters/pledge/signatures?group=cmu")
        .await;
    assert_eq!(filtered["total"], 1);
    let csv = app
        .get_text("/letters/pledge/signatures.csv?group=stanford")
        .await;
    assert_eq!(csv.lines().count(), 8, "{csv}");
    assert!(
        csv.contains("Signer 1,false,t1,,stanford,true,stanford.edu,"),
        "{csv}"
    );
    assert!(csv.contains("Signer 3,false,t3,,stanford,false,,"), "{csv}");
    assert_eq!(app.status_of("/letters/pledge/groups/nope").await, 404);
    assert_eq!(
        app.status_of("/api/v1/letters/pledge/signatures?group=nope")
            .await,
        422
    );

    // The letter page lists groups by size and finds them as you type (or search).
    let page = app.get_text("/letters/pledge").await;
    let (s, c) = (
        page.find("/letters/pledge/groups/stanford\"").unwrap(),
        page.find("/letters/pledge/groups/cmu\"").unwrap(),
    );
    assert!(s < c, "largest group first");
    assert!(page.contains("4 from verified addresses"));
    let found = app.get_text("/letters/pledge?q=carnegie").await;
    assert!(found.contains("/letters/pledge/groups/cmu\""));
    assert!(!found.contains("/letters/pledge/groups/stanford\""));
    let by_domain = app.get_text("/letters/pledge?q=MIT.EDU").await;
    assert!(by_domain.contains("/letters/pledge/groups/mit\""));
    let none = app.get_text("/letters/pledge?q=harvard").await;
    assert!(none.contains("No group matches “harvard”"), "{none}");
    let script = app
        .http
        .get(app.url("/assets/groups.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(script.status(), 200);
    assert!(script.headers()["content-type"]
        .to_str()
        .unwrap()
        .contains("javascript"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_that_requires_a_verified_address_refuses_others_before_storing_anything() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec {
        groups: vec![("orbitek", "Orbitek employees", "orbitek.com")],
        verified_only: vec!["orbitek"],
        ..LetterSpec::published("inside")
    })
    .await;
    for email in [
        "me@gmail.com",
        "me@orbitek.com.evil.net",
        "me@notorbitek.com",
    ] {
        let res = app
            .sign_api(
                "inside",
                json!({"name": "Outsider", "email": email, "group": "orbitek", "anonymous": true}),
            )
            .await;
        assert_eq!(res.status(), 422, "{email}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(
            body["errors"]["email"],
            "Orbitek employees takes signatures only from orbitek.com addresses. Use that address, or choose another group."
        );
    }
    // The HTML form says the same, next to the email field, keeping what was typed.
    let res = app
        .submit(
            "/letters/inside",
            "/letters/inside/sign",
            &[
                ("name", "Outsider"),
                ("email", "me@gmail.com"),
                ("group", "orbitek"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains(r#"<p class="error" id="email-error">Orbitek employees takes signatures only from orbitek.com addresses."#), "{html}");
    assert!(html.contains(r#"value="me@gmail.com""#));
    assert_eq!(app.rows("signatures").await, 0);
    assert_eq!(app.rows("outbox").await, 0);

    // An address at the domain (or under it) signs and is verified.
    app.sign_and_confirm(
        "inside",
        json!({"name": "Insider", "email": "me@eng.orbitek.com", "group": "orbitek", "anonymous": true, "title": "SRE"}),
        1,
    )
    .await;
    let e = entry(&app, "inside", "SRE").await;
    assert_eq!(e["verified_domain"], "orbitek.com");
    // Without a group, the same letter takes any address.
    let res = app
        .sign_api(
            "inside",
            json!({"name": "Friend", "email": "friend@gmail.com"}),
        )
        .await;
    assert_eq!(res.status(), 202);
}

const ORGANISER: &str = "org@undersigned.test";
const MODERATOR: &str = "mod@undersigned.test";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_proposed_group_appears_once_accepted_with_the_signatures_it_already_had() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec {
        groups: vec![("stanford", "Stanford University", "stanford.edu")],
        allow_group_proposals: true,
        ..LetterSpec::published("pledge")
    })
    .await;
    app.create_letter(LetterSpec::published("closed-list"))
        .await;
    app.add_user(ORGANISER, Role::Organiser).await;
    app.add_user("other@undersigned.test", Role::Organiser)
        .await;
    app.add_user(MODERATOR, Role::Moderator).await;
    app.give_letter_to("pledge", ORGANISER).await;

    // A letter that takes no proposals says so, and stores nothing.
    let res = app
        .sign_api(
            "closed-list",
            json!({"name": "Ann", "email": "ann@ucsc.edu", "new_group": "UC Santa Cruz"}),
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("does not take new groups"));
    // Choosing a group and proposing one at once is refused too.
    let res = app
        .sign_api(
            "pledge",
            json!({"name": "Ann", "email": "ann@ucsc.edu", "group": "stanford", "new_group": "UC Santa Cruz"}),
        )
        .await;
    assert_eq!(res.status(), 422);
    assert_eq!(app.rows("signatures").await, 0);
    assert_eq!(app.rows("letter_groups").await, 1);

    // Two students propose the same campus (typed differently); one joins the other's proposal.
    app.sign_and_confirm(
        "pledge",
        json!({"name": "Ann Lee", "email": "ann@ucsc.edu", "new_group": "UC Santa Cruz", "title": "a"}),
        1,
    )
    .await;
    let html = app
        .submit(
            "/letters/pledge",
            "/letters/pledge/sign",
            &[
                ("name", "Ben Ortiz"),
                ("email", "ben@gmail.com"),
                ("title", "b"),
                ("group", ""),
                ("new_group", "uc  santa cruz"),
            ],
        )
        .await;
    assert_eq!(html.status(), 303);
    let link = app.mail.nth(2).await.link(&app.url("/confirm/"));
    assert_eq!(app.press_button_behind(&link).await.status(), 200);
    // A third never confirms: pending.
    assert_eq!(
        app.sign_api(
            "pledge",
            json!({"name": "Cy", "email": "cy@ucsc.edu", "new_group": "UC Santa Cruz"})
        )
        .await
        .status(),
        202
    );
    assert_eq!(app.rows("letter_groups").await, 2);

    // Until accepted: the signatures count for the letter, the group is nowhere public.
    let letter = app.get_json("/api/v1/letters/pledge").await;
    assert_eq!(letter["signature_count"], 2);
    assert_eq!(letter["groups"].as_array().unwrap().len(), 1);
    assert_eq!(entry(&app, "pledge", "a").await["group"], Value::Null);
    assert!(!app.get_text("/letters/pledge").await.contains("Santa Cruz"));
    assert_eq!(
        app.status_of("/letters/pledge/groups/uc-santa-cruz").await,
        404
    );
    assert_eq!(
        app.sign_api(
            "pledge",
            json!({"name": "Di", "email": "di@ucsc.edu", "group": "uc-santa-cruz"})
        )
        .await
        .status(),
        422,
        "a proposal cannot be chosen as a listed group"
    );

    // The organiser sees the proposal; another organiser may not; the public may not.
    let token = app.api_token(ORGANISER).await;
    let proposals: Value = app
        .api(
            Method::GET,
            "/letters/pledge/proposed-groups",
            Some(&token),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    let p = &proposals["groups"][0];
    assert_eq!(p["slug"], "uc-santa-cruz");
    assert_eq!(p["name"], "UC Santa Cruz");
    assert_eq!(p["signature_count"], 2);
    assert_eq!(p["pending_count"], 1);
    let other = app.api_token("other@undersigned.test").await;
    let res = app
        .api(
            Method::POST,
            "/letters/pledge/groups/uc-santa-cruz/accept",
            Some(&other),
            None,
        )
        .await;
    assert_eq!(res.status(), 403);
    let res = app
        .api(Method::GET, "/letters/pledge/proposed-groups", None, None)
        .await;
    assert_eq!(res.status(), 401);
    // A bad domain is refused and changes nothing.
    let before = app.snapshot().await;
    let res = app
        .api(
            Method::POST,
            "/letters/pledge/groups/uc-santa-cruz/accept",
            Some(&token),
            Some(json!({"email_domains": ["not a domain"]})),
        )
        .await;
    assert_eq!(res.status(), 422);
    assert_eq!(app.snapshot().await, before);

    // The organiser accepts it through the dashboard, naming its domain.
    let org = app.browser_logged_in(ORGANISER).await;
    let page = org.get_text("/organiser/letters/pledge").await;
    assert!(
        page.contains("UC Santa Cruz") && page.contains("2 confirmed, 1 not yet"),
        "{page}"
    );
    let res = org
        .submit(
            "/organiser/letters/pledge",
            "/organiser/letters/pledge/groups/uc-santa-cruz/accept",
            &[("name", "UC Santa Cruz"), ("email_domains", "ucsc.edu")],
        )
        .await;
    assert_eq!(res.status(), 303);

    // Now it is public, with both earlier signatures; the one from ucsc.edu is verified.
    let letter = app.get_json("/api/v1/letters/pledge").await;
    let santa_cruz = group(&letter, "uc-santa-cruz");
    assert_eq!(santa_cruz["signature_count"], 2);
    assert_eq!(santa_cruz["verified_count"], 1);
    assert_eq!(santa_cruz["email_domains"], json!(["ucsc.edu"]));
    let ann = entry(&app, "pledge", "a").await;
    assert_eq!(ann["group"], "uc-santa-cruz");
    assert_eq!(ann["verified_domain"], "ucsc.edu");
    assert_eq!(
        entry(&app, "pledge", "b").await["verified_affiliation"],
        false
    );
    let page = app.get_text("/letters/pledge/groups/uc-santa-cruz").await;
    assert!(
        page.contains("Ann Lee") && page.contains("Ben Ortiz"),
        "{page}"
    );
    // The last signer confirms late and is verified at that moment.
    let link = app.mail.nth(3).await.link(&app.url("/confirm/"));
    assert_eq!(app.press_button_behind(&link).await.status(), 200);
    let letter = app.get_json("/api/v1/letters/pledge").await;
    assert_eq!(group(&letter, "uc-santa-cruz")["verified_count"], 2);
    // Accepting twice is a conflict.
    let res = app
        .api(
            Method::POST,
            "/letters/pledge/groups/uc-santa-cruz/accept",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(res.status(), 409);

    // A moderator rejects another proposal: its signature stays on the letter, without a group.
    app.sign_and_confirm(
        "pledge",
        json!({"name": "Eve", "email": "eve@example.org", "new_group": "Hogwarts", "title": "e"}),
        4,
    )
    .await;
    let moderator = app.browser_logged_in(MODERATOR).await;
    let list = moderator.get_text("/moderation/groups").await;
    assert!(
        list.contains("Hogwarts") && list.contains("Letter pledge"),
        "{list}"
    );
    assert!(moderator
        .get_text("/moderation")
        .await
        .contains("1 proposed groups"));
    let res = moderator
        .submit(
            "/moderation/groups",
            "/organiser/letters/pledge/groups/hogwarts/reject",
            &[("reason", "Not a real school")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/moderation/groups");
    assert_eq!(app.count("pledge").await, 4);
    assert_eq!(entry(&app, "pledge", "e").await["group"], Value::Null);
    assert_eq!(app.rows("letter_groups").await, 2);

    // Both decisions are in the audit log, with who made them.
    let mod_token = app.api_token(MODERATOR).await;
    let audit: Value = app
        .api(
            Method::GET,
            "/moderation/audit?letter=pledge",
            Some(&mod_token),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    let entries = audit.to_string();
    assert!(
        entries.contains("group.accept") && entries.contains(ORGANISER),
        "{entries}"
    );
    assert!(entries.contains("group.reject") && entries.contains("Not a real school"));
}
