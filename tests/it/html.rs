//! Every page is valid HTML: the Nu HTML checker (`vnu.jar`, the W3C's
//! validator) finds no error on any page an anonymous visitor, a signer, an
//! organiser or a moderator can reach, error pages included.

use std::path::Path;
use std::process::Command;

use sea_orm::ConnectionTrait;
use serde_json::json;

use crate::support::*;
use undersigned::db::entities::user::Role;

/// Runs the checker once on every page; the errors, as "page: line: message".
fn nu_errors(pages: &[(String, String)]) -> Vec<String> {
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("undersigned-nu-{}-{run}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    for (i, (_, html)) in pages.iter().enumerate() {
        let file = dir.join(format!("{i}.html"));
        std::fs::write(&file, html).unwrap();
        files.push(file);
    }
    let out = Command::new("java")
        .arg("-jar")
        .arg(test_tool("vnu-jar/build/dist/vnu.jar"))
        .args(["--errors-only", "--format", "json", "--stdout"])
        .args(&files)
        .output()
        .expect("java runs the Nu checker");
    let _ = std::fs::remove_dir_all(&dir);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "the Nu checker's report is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    report["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["type"] == "error" || m["subType"] == "fatal")
        .map(|m| {
            let file = m["url"].as_str().unwrap_or("");
            let i: usize = Path::new(file)
                .file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| s.parse().ok())
                .unwrap_or(usize::MAX);
            let page = pages.get(i).map_or("?", |(p, _)| p.as_str());
            format!(
                "{page}: line {}: {} ({})",
                m["lastLine"],
                m["message"].as_str().unwrap_or(""),
                m["extract"].as_str().unwrap_or("").trim()
            )
        })
        .collect()
}

#[tokio::test]
async fn every_page_is_valid_html() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec {
        groups: vec![("campus", "A Campus", "example.edu")],
        goal: Some(100),
        ..LetterSpec::published("valid")
    })
    .await;
    // A discreet letter, and an open one with a discreet group: their forms
    // ask for a personal address for updates.
    app.create_letter(LetterSpec {
        discreet: true,
        ..LetterSpec::published("quiet")
    })
    .await;
    app.create_letter(LetterSpec {
        groups: vec![("orbitek", "Orbitek", "orbitek.com")],
        ..LetterSpec::published("half-quiet")
    })
    .await;
    app.db
        .execute_unprepared("UPDATE letter_groups SET discreet = true WHERE slug = 'orbitek'")
        .await
        .unwrap();
    app.sign_and_confirm(
        "valid",
        json!({"name": "Ada", "email": "ada@example.edu", "group": "campus", "updates": true,
               "title": "Student", "affiliation": "A Campus", "reason": "Because <we> can & must."}),
        1,
    )
    .await;
    app.sign_and_confirm(
        "valid",
        json!({"name": "Hidden", "email": "h@example.org", "anonymous": true}),
        2,
    )
    .await;

    // An approved reason, so the letter page shows its quotes.
    app.add_user("mod@example.org", Role::Moderator).await;
    let token = app.api_token("mod@example.org").await;
    assert_eq!(app.approve_pending_reasons(&token).await.len(), 1);

    let mut pages: Vec<(String, String)> = Vec::new();
    for path in [
        "/",
        "/letters/valid",
        "/letters/valid?who=Ada",
        "/letters/valid?q=campus",
        "/letters/valid/groups/campus",
        "/letters/valid/embed",
        "/letters/valid/check-email",
        "/letters/quiet",
        "/letters/half-quiet",
        "/letters/no-such-letter",
        "/login",
        "/register",
        "/password/forgot",
        "/api",
    ] {
        let res = app.http.get(app.url(path)).send().await.unwrap();
        pages.push((path.to_owned(), res.text().await.unwrap()));
    }
    // The form again with its errors, as a signer who mistyped sees it.
    let form = app.get_text("/letters/valid").await;
    let again = app
        .post_form(
            "/letters/valid/sign",
            &form,
            &[("name", "Ada"), ("email", "not-an-address")],
        )
        .await;
    assert_eq!(again.status(), 422);
    pages.push(("the form with errors".into(), again.text().await.unwrap()));
    // The emailed links' pages, and the thank-you page behind the button.
    assert_eq!(
        app.sign_api("valid", json!({"name": "Bo", "email": "bo@example.org"}))
            .await
            .status(),
        202
    );
    let mail = app.mail.nth(3).await;
    let confirm = mail.link(&app.url("/confirm/"));
    let withdraw = mail.link(&app.url("/withdraw/"));
    for (page, link) in [
        ("the confirm page", &confirm),
        ("the withdraw page", &withdraw),
    ] {
        let res = app.http.get(link).send().await.unwrap();
        assert_eq!(res.status(), 200, "{page}");
        pages.push((page.into(), res.text().await.unwrap()));
    }
    let thanks = app
        .press_button_behind(&confirm)
        .await
        .text()
        .await
        .unwrap();
    pages.push(("the thank-you page".into(), thanks));

    app.add_user("org@example.org", Role::Organiser).await;
    app.give_letter_to("valid", "org@example.org").await;
    let org = app.browser_logged_in("org@example.org").await;
    for path in [
        "/dashboard",
        "/organiser/letters/new",
        "/organiser/letters/valid",
        "/organiser/letters/valid/preview",
        "/organiser/letters/valid/updates/new",
    ] {
        pages.push((format!("{path} (organiser)"), org.get_text(path).await));
    }
    // An update, previewed, then sent for review: the moderator's queue shows it.
    let update = [
        ("title", "We delivered <it>"),
        ("body", "# Delivered\n\nThe chairs **have** it & more."),
        ("kind", "update"),
        ("from", ""),
    ];
    let new = "/organiser/letters/valid/updates/new";
    let action = "/organiser/letters/valid/updates";
    let res = org
        .submit(
            new,
            action,
            &[&update[..], &[("action", "preview")]].concat(),
        )
        .await;
    assert_eq!(res.status(), 200);
    pages.push(("the update's preview".into(), res.text().await.unwrap()));
    let res = org
        .submit(
            new,
            action,
            &[
                ("title", ""),
                ("body", ""),
                ("kind", "update"),
                ("from", ""),
                ("action", "submit"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    pages.push((
        "the update form with errors".into(),
        res.text().await.unwrap(),
    ));
    let res = org
        .submit(
            new,
            action,
            &[&update[..], &[("action", "submit")]].concat(),
        )
        .await;
    assert_eq!(res.status(), 303);
    // A campaign with the letter as a front and a win, in review.
    let org_token = app.api_token("org@example.org").await;
    for (method, path, body) in [
        (
            reqwest::Method::POST,
            "/campaigns",
            Some(
                json!({"slug": "camp", "title": "A <campaign>", "summary": "Fronts & wins.",
                        "body": "The **story**.", "targets": ["Arclight"],
                        "help_options": ["Host a teach-in"],
                        "translations": {"es": {"title": "Una <campaña>", "summary": "Frentes y logros.",
                                                "body": "La **historia**."}}}),
            ),
        ),
        (
            reqwest::Method::PATCH,
            "/letters/valid",
            Some(json!({"campaign": "camp"})),
        ),
        (
            reqwest::Method::POST,
            "/campaigns/camp/timeline",
            Some(
                json!({"date": "2026-11-30", "title": "A win", "body": "It & more.",
                        "link": "https://example.org/win"}),
            ),
        ),
        (reqwest::Method::POST, "/campaigns/camp/submit", None),
    ] {
        let res = app.api(method, path, Some(&org_token), body).await;
        assert!(res.status().is_success(), "{path}: {}", res.status());
    }
    for path in [
        "/organiser/campaigns/new",
        "/organiser/campaigns/camp",
        "/organiser/campaigns/camp/team",
        "/organiser/letters/valid/team",
        "/organiser/letters/valid/groups/campus",
    ] {
        pages.push((format!("{path} (organiser)"), org.get_text(path).await));
    }
    // An invitation to the team: its page before logging in, and after.
    let res = app
        .api(
            reqwest::Method::POST,
            "/letters/valid/team",
            Some(&org_token),
            Some(json!({"email": "mod@example.org", "role": "viewer"})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let invitation = loop {
        if let Some(m) = app
            .mail
            .all()
            .into_iter()
            .find(|m| m.subject.contains("Join the team"))
        {
            break m;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    let link = invitation.link(&app.url("/invitations/"));
    let path = link.trim_start_matches(&app.base).to_owned();
    pages.push((
        "the invitation, logged out".into(),
        app.get_text(&path).await,
    ));
    let moderator = app.browser_logged_in("mod@example.org").await;
    pages.push((
        "the invitation, logged in".into(),
        moderator.get_text(&path).await,
    ));
    for path in [
        "/moderation",
        "/moderation/letters/valid",
        "/moderation/signatures?letter=valid&status=confirmed",
        "/moderation/blocks",
        "/moderation/groups",
        "/moderation/reasons",
        "/moderation/mail",
        "/moderation/audit",
        "/moderation/letters/valid/padding",
    ] {
        pages.push((
            format!("{path} (moderator)"),
            moderator.get_text(path).await,
        ));
    }
    // Published: on the letter's page, in the organiser's table, and mailed
    // with a link to its unsubscribe page.
    let id = app.scalar("SELECT id AS n FROM letter_updates").await;
    let publish = format!("/moderation/updates/{id}/publish");
    assert_eq!(
        moderator
            .submit("/moderation", &publish, &[])
            .await
            .status(),
        303
    );
    pages.push((
        "the letter page with an update".into(),
        app.get_text("/letters/valid").await,
    ));
    // The campaign published: its page, a search of its groups, the home page.
    assert_eq!(
        moderator
            .submit("/moderation", "/moderation/campaigns/camp/publish", &[])
            .await
            .status(),
        303
    );
    for path in [
        "/campaigns/camp",
        "/campaigns/camp?q=campus",
        "/campaigns/camp?q=nothing-matches",
        "/",
        "/?q=nothing&audience=students",
    ] {
        pages.push((path.to_owned(), app.get_text(path).await));
    }
    pages.push((
        "the organiser's published campaign".into(),
        org.get_text("/organiser/campaigns/camp").await,
    ));
    // Signing up to organise: the form with errors, the pages behind the
    // emailed link, the volunteers' page and the lead's group page with one.
    let res = app
        .submit(
            "/campaigns/camp",
            "/campaigns/camp/organise",
            &[("name", ""), ("email", "no"), ("place", "A \u{7} place")],
        )
        .await;
    assert_eq!(res.status(), 422);
    pages.push((
        "the sign-up form with errors".into(),
        res.text().await.unwrap(),
    ));
    let res = app
        .submit(
            "/letters/valid",
            "/campaigns/camp/organise",
            &[
                ("name", "Vol Unteer"),
                ("email", "vol@campus.example.edu"),
                ("group", "campus"),
                ("help", "Host a teach-in"),
                ("message", "Count me in."),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let link = app
        .mail
        .first_to("vol@campus.example.edu")
        .await
        .link(&app.url("/volunteers/confirm/"));
    for path in [
        "/campaigns/camp/organise",
        "/campaigns/camp/organise?group=campus",
        "/campaigns/camp/organise/check-email",
        "/letters/valid/groups/campus",
        "/letters/valid/check",
        link.trim_start_matches(&app.base),
    ] {
        pages.push((path.to_owned(), app.get_text(path).await));
    }
    let res = app.press_button_behind(&link).await;
    assert_eq!(res.status(), 200);
    pages.push(("the volunteer confirmed".into(), res.text().await.unwrap()));
    for path in [
        "/organiser/campaigns/camp/volunteers",
        "/organiser/letters/valid/groups/campus",
        "/dashboard",
    ] {
        pages.push((
            format!("{path} (with a volunteer)"),
            org.get_text(path).await,
        ));
    }
    // Signatures on paper, recorded with the organiser's form: the letter's
    // pages show them apart, and a moderator's page offers to remove them.
    let res = org
        .submit(
            "/organiser/letters/valid",
            "/organiser/letters/valid/paper",
            &[
                ("group", "campus"),
                ("count", "25"),
                ("collected_on", "2026-11-20"),
                ("place", "A stall & a table"),
                ("names", "Paper Person\nOther Person"),
                ("back", "/organiser/letters/valid"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/organiser/letters/valid#paper");
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let page = app.get_text("/letters/valid").await;
    assert!(
        page.contains("+ 25 on paper") && page.contains("Paper Person"),
        "{page}"
    );
    pages.push(("the letter page with paper".into(), page));
    pages.push((
        "the group page with paper".into(),
        app.get_text("/letters/valid/groups/campus").await,
    ));
    pages.push((
        "the organiser's letter with paper".into(),
        org.get_text("/organiser/letters/valid").await,
    ));
    let review = moderator.get_text("/moderation/letters/valid").await;
    let action = regex::Regex::new(r#"action="(/moderation/paper/\d+/remove)""#)
        .unwrap()
        .captures(&review)
        .expect("a button to remove the batch")[1]
        .to_owned();
    pages.push(("the moderator's letter with paper".into(), review.clone()));
    let res = moderator
        .post_form(&action, &review, &[("reason", "A duplicate sheet.")])
        .await;
    assert_eq!(res.status(), 303);
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert!(!app
        .get_text("/letters/valid")
        .await
        .contains("Paper Person"));
    pages.push((
        "the organiser's letter with an update".into(),
        org.get_text("/organiser/letters/valid").await,
    ));
    // Recipients named (a mistake first), the delivery previewed, then done:
    // the delivery page and the letter page say so.
    let delivery = "/organiser/letters/valid/delivery";
    pages.push((
        "the delivery page, empty".into(),
        org.get_text(delivery).await,
    ));
    let recipients = "/organiser/letters/valid/recipients";
    let res = org
        .submit(
            delivery,
            recipients,
            &[("recipients", "Chairs | <no> address")],
        )
        .await;
    assert_eq!(res.status(), 422);
    pages.push((
        "the delivery page with errors".into(),
        res.text().await.unwrap(),
    ));
    let typed = "Program chairs | PETS & Forum | chairs@example.org\nJane Roe | jane@example.org";
    let res = org
        .submit(delivery, recipients, &[("recipients", typed)])
        .await;
    assert_eq!(res.status(), 303);
    pages.push((
        "the delivery's preview".into(),
        org.get_text(delivery).await,
    ));
    let res = org
        .submit(delivery, "/organiser/letters/valid/deliveries", &[])
        .await;
    assert_eq!(res.status(), 303);
    pages.push((
        "the delivery page, delivered".into(),
        org.get_text(delivery).await,
    ));
    let letter_page = app.get_text("/letters/valid").await;
    assert!(letter_page.contains("Delivered to Program chairs, PETS &amp; Forum; Jane Roe on"));
    pages.push(("the letter page, delivered".into(), letter_page));
    let mail = app
        .mail
        .wait_for(4)
        .await
        .into_iter()
        .find(|m| m.subject.contains("We delivered"))
        .expect("the update was mailed");
    let unsubscribe = mail.link(&app.url("/unsubscribe/"));
    let res = app.http.get(&unsubscribe).send().await.unwrap();
    assert_eq!(res.status(), 200);
    pages.push(("the unsubscribe page".into(), res.text().await.unwrap()));
    let res = app
        .http
        .post(&unsubscribe)
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    pages.push(("the unsubscribed page".into(), res.text().await.unwrap()));
    let res = app.http.get(&unsubscribe).send().await.unwrap();
    pages.push((
        "the unsubscribe page, again".into(),
        res.text().await.unwrap(),
    ));

    for (page, html) in &pages {
        assert!(
            html.starts_with("<!DOCTYPE html>"),
            "{page} is not an HTML page"
        );
    }

    let errors = nu_errors(&pages);
    assert!(
        errors.is_empty(),
        "the Nu HTML checker finds {} errors:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

/// The checker is the real one: it reports a broken page.
#[test]
fn the_checker_reports_an_invalid_page() {
    let errors = nu_errors(&[(
        "broken".into(),
        "<!DOCTYPE html><html lang=en><head><title>x</title></head><body><main><main></main></main><p><div></div></p></body></html>".into(),
    )]);
    assert!(!errors.is_empty());
    assert!(
        errors.iter().all(|e| e.starts_with("broken: ")),
        "{errors:?}"
    );
}
