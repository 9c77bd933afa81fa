//! Anonymous means anonymous: an anonymous signer's name and address appear in
//! nothing the public, the press or the letter's organiser can fetch, and in no
//! line the service logs. The service runs as the real binary so that its log
//! output is what an operator would see.

use reqwest::Method;
use serde_json::{json, Value};
use undersigned::db::entities::user::Role;

use crate::support::{spawn_with, Backend, LetterSpec, Options};

const NAME: &str = "Zebediah Quillfeather";
const EMAIL: &str = "Zeb.Quillfeather.7781@maps.orbitek.com";
/// A volunteer, who is never public either.
const VOLUNTEER: &str = "Philippa Wrenshaw";
const VOLUNTEER_EMAIL: &str = "pip.wrenshaw.4410@orbitek.com";
const ORGANISER: &str = "org@undersigned.test";
const MODERATOR: &str = "mod@undersigned.test";

/// Every way the secret could show up: whole, in parts, in other cases.
fn secrets() -> Vec<String> {
    let mut out = vec![
        NAME.to_owned(),
        "Zebediah".to_owned(),
        "Quillfeather".to_owned(),
        EMAIL.to_owned(),
        "Zeb.Quillfeather.7781".to_owned(),
        VOLUNTEER.to_owned(),
        "Wrenshaw".to_owned(),
        VOLUNTEER_EMAIL.to_owned(),
    ];
    out.extend(out.clone().iter().map(|s| s.to_lowercase()));
    out
}

fn assert_clean(what: &str, body: &str) {
    for secret in secrets() {
        assert!(!body.contains(&secret), "{what} leaks {secret:?}:\n{body}");
    }
}

async fn anonymous_names_never_leak(backend: Backend) {
    let app = spawn_with(Options {
        backend,
        process: true,
        ..Options::default()
    })
    .await;
    app.create_letter(LetterSpec {
        groups: vec![("orbitek", "Orbitek employees", "orbitek.com")],
        ..LetterSpec::published("anon")
    })
    .await;
    app.add_user(ORGANISER, Role::Organiser).await;
    app.add_user(MODERATOR, Role::Moderator).await;
    app.give_letter_to("anon", ORGANISER).await;

    // A named colleague, then the anonymous signer (who even agreed to updates,
    // which must not put their address into the organiser's export).
    app.sign_and_confirm(
        "anon",
        json!({"name": "Kai Nakamura", "email": "kai@orbitek.com", "group": "orbitek"}),
        1,
    )
    .await;
    app.sign_and_confirm(
        "anon",
        json!({"name": NAME, "email": EMAIL, "title": "Staff engineer", "affiliation": "Maps",
               "group": "orbitek", "anonymous": true, "updates": true,
               "reason": "I write this code and will not write that."}),
        2,
    )
    .await;
    assert_eq!(app.count("anon").await, 2);
    // Their reason is approved, so it shows on the page and in the API.
    let moderator = app.api_token(MODERATOR).await;
    assert_eq!(app.approve_pending_reasons(&moderator).await.len(), 1);
    assert!(app
        .get_text("/letters/anon")
        .await
        .contains("will not write that"));

    // Error answers to the same signer say nothing about them either.
    let mut answers = Vec::new();
    for body in [
        json!({"name": NAME, "email": EMAIL, "group": "orbitek", "anonymous": true}),
        json!({"name": NAME, "email": EMAIL, "group": "no-such-group", "anonymous": true}),
        json!({"name": NAME, "email": EMAIL, "group": "orbitek", "title": "x".repeat(500)}),
        json!({"name": format!("{NAME}\u{7}"), "email": EMAIL}),
    ] {
        let res = app.sign_api("anon", body).await;
        answers.push((res.status().as_u16(), res.text().await.unwrap()));
    }
    assert_eq!(answers[0].0, 202);
    assert!(
        answers[1..].iter().all(|(status, _)| *status == 422),
        "{answers:?}"
    );
    for (status, body) in &answers {
        assert_clean(&format!("the {status} answer to a signing"), body);
    }

    // The organisers' update reaches the anonymous signer, who consented; it
    // names no one, and its unsubscribe page names no one either.
    let organiser_token = app.api_token(ORGANISER).await;
    let res = app
        .api(
            Method::POST,
            "/letters/anon/updates",
            Some(&organiser_token),
            Some(json!({"title": "Delivered", "body": "We delivered it."})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let update_id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let res = app
        .api(
            Method::POST,
            &format!("/moderation/updates/{update_id}/publish"),
            Some(&moderator),
            None,
        )
        .await;
    let published = res.text().await.unwrap();
    assert!(published.contains(r#""recipients":1"#), "{published}");
    // Two confirmations, the "already signed" answer above, and the update.
    let update_mail = app
        .mail
        .wait_for(4)
        .await
        .into_iter()
        .find(|m| m.subject.contains("Delivered"))
        .expect("the update was mailed");
    assert!(update_mail.to.eq_ignore_ascii_case(EMAIL));
    assert_clean(
        "the update's email",
        &format!(
            "{}\n{}\n{}",
            update_mail.subject, update_mail.text, update_mail.html
        ),
    );
    let unsubscribe = update_mail.link(&app.url("/unsubscribe/"));

    // The letter delivered to its recipients: their email and the PDF it
    // links to show the list as the public sees it.
    let res = app
        .api(
            Method::PATCH,
            "/letters/anon",
            Some(&organiser_token),
            Some(json!({"recipients": [{"name": "The board", "organisation": "Orbitek", "email": "board@orbitek-board.example"}]})),
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = app
        .api(
            Method::POST,
            "/letters/anon/deliveries",
            Some(&organiser_token),
            None,
        )
        .await;
    let status = res.status();
    assert_eq!(
        status,
        201,
        "{}\n{}",
        res.text().await.unwrap(),
        app.output()
    );
    let delivery_mail = app
        .mail
        .wait_for(5)
        .await
        .into_iter()
        .find(|m| m.subject.contains("Open letter"))
        .expect("the letter was delivered");
    assert_clean(
        "the delivery's email",
        &format!(
            "{}\n{}\n{}",
            delivery_mail.subject, delivery_mail.text, delivery_mail.html
        ),
    );
    let pdf = app
        .http
        .get(delivery_mail.link(&app.url("/letters/anon/letter.pdf")))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let (text, streams) = crate::deliveries::pdf_text_and_streams(&pdf);
    assert!(
        text.contains("Kai Nakamura"),
        "the PDF lists the named signer"
    );
    assert_clean("the PDF's text", &text);
    assert_clean("the PDF's data", &streams);

    // The letter is a front of a published campaign.
    let organiser = app.api_token(ORGANISER).await;
    let res = app
        .api(
            Method::POST,
            "/campaigns",
            Some(&organiser),
            Some(json!({"slug": "camp", "title": "Camp", "summary": "s", "body": "b"})),
        )
        .await;
    let status = res.status();
    assert_eq!(
        status,
        201,
        "{}\n{}",
        res.text().await.unwrap(),
        app.output()
    );
    for (path, token, body) in [
        (
            "/letters/anon",
            &organiser,
            Some(json!({"campaign": "camp"})),
        ),
        ("/campaigns/camp/submit", &organiser, None),
        ("/moderation/campaigns/camp/publish", &moderator, None),
    ] {
        let method = if body.is_some() {
            Method::PATCH
        } else {
            Method::POST
        };
        let res = app.api(method, path, Some(token), body).await;
        assert_eq!(res.status(), 200, "{path}");
    }

    // Someone signs up to organise with the campaign, and confirms.
    let res = app
        .submit(
            "/campaigns/camp",
            "/campaigns/camp/organise",
            &[
                ("name", VOLUNTEER),
                ("email", VOLUNTEER_EMAIL),
                ("group", "orbitek"),
                ("message", "Wrenshaw can host."),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let volunteer_link = app
        .mail
        .first_to(VOLUNTEER_EMAIL)
        .await
        .link(&app.url("/volunteers/confirm/"));
    assert_eq!(app.press_button_behind(&volunteer_link).await.status(), 200);
    let team = app
        .api(
            Method::GET,
            "/campaigns/camp/volunteers",
            Some(&organiser),
            None,
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(
        team.contains(VOLUNTEER),
        "the team sees the volunteer: {team}"
    );

    let confirm_link = app.mail.nth(2).await.link(&app.url("/confirm/"));
    // The signature log has taken in both signatures.
    for _ in 0..100 {
        if app.get_json("/api/v1/letters/anon/log/head").await["tree_size"] == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let entries = app.get_text("/api/v1/letters/anon/log/entries").await;
    assert!(
        entries.contains("Kai Nakamura"),
        "the log serves the named signer's fields"
    );
    let public = [
        "/api/v1/log/key".to_owned(),
        "/letters/anon/check".to_owned(),
        "/api/v1/letters/anon/log/head".to_owned(),
        "/api/v1/letters/anon/log/entries".to_owned(),
        "/api/v1/letters/anon/log/entries?start=1&end=2".to_owned(),
        "/campaigns/camp/organise".to_owned(),
        "/campaigns/camp/organise/check-email".to_owned(),
        volunteer_link.trim_start_matches(&app.base).to_owned(),
        "/campaigns/camp".to_owned(),
        "/campaigns/camp?q=orbitek".to_owned(),
        "/campaigns/camp/chart.svg".to_owned(),
        "/api/v1/campaigns".to_owned(),
        "/api/v1/campaigns/camp".to_owned(),
        "/?q=anon".to_owned(),
        "/api/v1/letters/anon/updates".to_owned(),
        "/letters/anon/updates.atom".to_owned(),
        unsubscribe.trim_start_matches(&app.base).to_owned(),
        "/".to_owned(),
        "/letters/anon".to_owned(),
        "/letters/anon?page=1".to_owned(),
        "/letters/anon?q=orbitek".to_owned(),
        "/letters/anon/groups/orbitek".to_owned(),
        "/letters/anon/check-email".to_owned(),
        "/api/v1/letters/anon/reasons".to_owned(),
        "/letters/anon/signatures.csv".to_owned(),
        "/letters/anon/signatures.csv?group=orbitek".to_owned(),
        // Searching what the list shows finds the signature as Anonymous.
        "/letters/anon?who=maps".to_owned(),
        "/letters/anon/groups/orbitek?who=staff".to_owned(),
        "/letters/anon/embed".to_owned(),
        "/letters/anon/badge.svg".to_owned(),
        "/letters/anon/chart.svg".to_owned(),
        "/letters/anon/share.png".to_owned(),
        "/api/v1/letters/anon/history".to_owned(),
        "/letters.atom".to_owned(),
        "/sitemap.xml".to_owned(),
        "/api/v1/letters".to_owned(),
        "/api".to_owned(),
        "/api/v1/openapi.json".to_owned(),
        "/api/v1/letters/anon".to_owned(),
        "/api/v1/letters/anon/signatures".to_owned(),
        "/api/v1/letters/anon/signatures?group=orbitek".to_owned(),
        confirm_link.trim_start_matches(&app.base).to_owned(),
    ];
    for path in &public {
        let res = app.http.get(app.url(path)).send().await.unwrap();
        assert!(res.status().as_u16() < 500, "{path}: {}", res.status());
        assert_clean(path, &res.text().await.unwrap());
    }

    let found = app.get_text("/letters/anon?who=maps").await;
    assert!(found.contains("One signatory matches") && found.contains("<em>Anonymous</em>"));
    // Searching for the hidden name finds nothing: the page holds the name
    // only where it repeats the search back to the searcher.
    for term in ["Zebediah", "quillfeather", "Zebediah Quillfeather"] {
        let path = format!("/letters/anon?who={}", term.replace(' ', "+"));
        let page = app.get_text(&path).await;
        assert!(page.contains("No signatory matches"), "{path}: {page}");
        let rest = page
            .replace(&format!("“{term}”"), "")
            .replace(&format!(r#"value="{term}""#), "");
        assert_clean(&path, &rest);
    }

    // What the public does see: "Anonymous — verified orbitek.com address", with the title chosen.
    let list = app.get_json("/api/v1/letters/anon/signatures").await;
    let sig = list["signatures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["anonymous"] == true)
        .unwrap();
    assert_eq!(sig["name"], Value::Null);
    assert_eq!(sig["title"], "Staff engineer");
    assert_eq!(sig["affiliation"], "Maps");
    assert_eq!(sig["group"], "orbitek");
    assert_eq!(sig["verified_affiliation"], true);
    assert_eq!(sig["verified_domain"], "orbitek.com");
    let page = app.get_text("/letters/anon").await;
    assert!(
        page.contains("<em>Anonymous</em> <span class=\"verified\" title=\"Confirmed from an address at orbitek.com\">— verified orbitek.com address</span>, Staff engineer, Maps"),
        "{page}"
    );
    let csv = app.get_text("/letters/anon/signatures.csv").await;
    assert!(
        csv.contains("\n,true,Staff engineer,Maps,orbitek,true,orbitek.com,"),
        "{csv}"
    );

    // The organiser's export and pages: the named signer only by name, the
    // anonymous one by nothing that identifies them.
    let token = app.api_token(ORGANISER).await;
    let export = app
        .api(Method::GET, "/letters/anon/export.csv", Some(&token), None)
        .await;
    assert_eq!(export.status(), 200);
    let export = export.text().await.unwrap();
    assert!(export.contains("Kai Nakamura"), "{export}");
    assert_clean("the organiser's API export", &export);
    let organiser = app.browser_logged_in(ORGANISER).await;
    for path in [
        "/dashboard",
        "/organiser/letters/anon",
        "/organiser/letters/anon/export.csv",
        "/organiser/letters/anon/updates/new",
    ] {
        assert_clean(path, &organiser.get_text(path).await);
    }
    let update_detail = app
        .api(
            Method::GET,
            &format!("/letters/anon/updates/{update_id}"),
            Some(&token),
            None,
        )
        .await
        .text()
        .await
        .unwrap();
    assert_clean("the organiser's view of an update", &update_detail);

    // Moderators do see who signed: proof that the searches above would have found it.
    let moderator = app.api_token(MODERATOR).await;
    let seen = app
        .api(
            Method::GET,
            "/moderation/signatures?letter=anon&status=confirmed",
            Some(&moderator),
            None,
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(seen.contains(NAME) && seen.contains(EMAIL), "{seen}");

    // And the service's own log lines, of all of the above.
    let log = app.output();
    assert!(
        log.contains("route=/api/v1/letters/<slug>/signatures status=202"),
        "the log was captured:\n{log}"
    );
    assert_clean("the service's log", &log);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_anonymous_name_appears_in_no_page_json_csv_export_or_log_on_postgres() {
    anonymous_names_never_leak(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_anonymous_name_appears_in_no_page_json_csv_export_or_log_on_sqlite() {
    anonymous_names_never_leak(Backend::Sqlite).await;
}
