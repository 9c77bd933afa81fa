//! The pseudo-locale test for pages: every public, organiser and moderator
//! page, read in the pseudo-language `qps` (every message bracketed and
//! accented), shows no English word outside its messages. Whatever is still
//! typed into a template, or written in English by the code, fails it. The
//! data the test writes (titles, names, reasons) is Greek, so that what is
//! left in ASCII letters can only be the service's own words. (Mail has its
//! own pseudo-locale test, beside the catalogue, in `src/mail`.)

use sea_orm::ConnectionTrait;
use serde_json::json;

use crate::support::*;
use undersigned::db::entities::user::Role;

/// Visits `/?lang=qps` with `b`: the cookie it sets keeps the pseudo-language.
async fn in_pseudo(b: &Browser) {
    let home = b.get_text("/?lang=qps").await;
    assert!(
        home.contains(r#"<html lang="qps""#),
        "the pseudo-language is served"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_in_the_pseudo_language_has_no_english_left() {
    let app = spawn_with(Options {
        settings: vec![("pseudo_language", "true".into())],
        ..Options::default()
    })
    .await;
    app.create_letter(LetterSpec {
        groups: vec![("k7", "Πανεπιστήμιο", "example.edu")],
        goal: Some(100),
        allow_group_proposals: true,
        ..LetterSpec::published("q9")
    })
    .await;
    app.db
        .execute_unprepared(
            "UPDATE letters SET title = 'Ανοιχτή επιστολή', summary = 'Περίληψη.', \
             body = 'Ζητάμε **αυτό**.' WHERE slug = 'q9'",
        )
        .await
        .unwrap();
    in_pseudo(&app).await;
    app.sign_and_confirm(
        "q9",
        json!({"name": "Άδα Λάβλεϊς", "email": "ada@example.edu", "group": "k7", "updates": true,
               "title": "Φοιτήτρια", "affiliation": "Πανεπιστήμιο", "reason": "Γιατί μπορούμε."}),
        1,
    )
    .await;
    app.add_user("mod@example.org", Role::Moderator).await;
    let token = app.api_token("mod@example.org").await;
    assert_eq!(app.approve_pending_reasons(&token).await.len(), 1);

    let mut pages: Vec<(String, String)> = Vec::new();
    for path in [
        "/",
        "/letters/q9",
        "/letters/q9?who=Άδα",
        "/letters/q9/groups/k7",
        "/letters/q9/groups/k7?who=Άδα",
        "/letters/q9?q=Ω",
        "/letters/q9/embed",
        "/letters/q9/check-email",
        "/letters/q9/check",
        "/login",
        "/register",
        "/password/forgot",
        "/api",
    ] {
        pages.push((path.to_owned(), app.get_text(path).await));
    }
    let missing = app.http.get(app.url("/letters/nope")).send().await.unwrap();
    assert_eq!(missing.status(), 404);
    pages.push(("a missing letter".into(), missing.text().await.unwrap()));
    let form = app.get_text("/letters/q9").await;
    let again = app
        .post_form(
            "/letters/q9/sign",
            &form,
            &[("name", "Άδα"), ("email", "not-an-address")],
        )
        .await;
    assert_eq!(again.status(), 422);
    pages.push(("the form with errors".into(), again.text().await.unwrap()));
    let login = app
        .submit(
            "/login",
            "/login",
            &[("email", "nobody@example.org"), ("password", "wrong")],
        )
        .await;
    pages.push(("a failed login".into(), login.text().await.unwrap()));

    // A signature's emailed links and the thank-you page.
    let res = app
        .post_form(
            "/letters/q9/sign",
            &form,
            &[("name", "Βύρων"), ("email", "byron@example.org")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let mail = app.mail.first_to("byron@example.org").await;
    let confirm = mail.link(&app.url("/confirm/"));
    let withdraw = mail.link(&app.url("/withdraw/"));
    pages.push((
        "the confirm page".into(),
        app.get_text(confirm.trim_start_matches(&app.base)).await,
    ));
    pages.push((
        "the withdraw page".into(),
        app.get_text(withdraw.trim_start_matches(&app.base)).await,
    ));
    let thanks = app.press_button_behind(&confirm).await;
    pages.push(("the thank-you page".into(), thanks.text().await.unwrap()));

    // A second signature, withdrawn: the page after pressing the button.
    let res = app
        .post_form(
            "/letters/q9/sign",
            &form,
            &[("name", "Γιάννης"), ("email", "yannis@example.org")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let withdraw = app
        .mail
        .first_to("yannis@example.org")
        .await
        .link(&app.url("/withdraw/"));
    let res = app.press_button_behind(&withdraw).await;
    pages.push(("the withdrawn page".into(), res.text().await.unwrap()));

    // An organiser's account made through the pages: the mailed link's page,
    // and the page after it; a reset link's page.
    let res = app
        .submit(
            "/register",
            "/register",
            &[("email", "new@example.org"), ("password", "short")],
        )
        .await;
    assert_eq!(res.status(), 422);
    pages.push((
        "the register form with errors".into(),
        res.text().await.unwrap(),
    ));
    let res = app
        .submit(
            "/register",
            "/register",
            &[
                ("email", "new@example.org"),
                ("password", "a long enough passphrase"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    pages.push((
        "the account's check-email page".into(),
        res.text().await.unwrap(),
    ));
    let link = app
        .mail
        .first_to("new@example.org")
        .await
        .link(&app.url("/account/confirm/"));
    pages.push((
        "the account's confirm page".into(),
        app.get_text(link.trim_start_matches(&app.base)).await,
    ));
    let res = app.press_button_behind(&link).await;
    pages.push(("the account confirmed".into(), res.text().await.unwrap()));
    let res = app
        .submit(
            "/password/forgot",
            "/password/forgot",
            &[("email", "new@example.org")],
        )
        .await;
    pages.push(("a reset asked for".into(), res.text().await.unwrap()));
    let reset = loop {
        if let Some(m) = app
            .mail
            .all()
            .into_iter()
            .find(|m| m.to == "new@example.org" && m.text.contains("/password/reset/"))
        {
            break m.link(&app.url("/password/reset/"));
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    pages.push((
        "the reset page".into(),
        app.get_text(reset.trim_start_matches(&app.base)).await,
    ));

    // The organiser's pages, a campaign with the letter, an update.
    app.add_user("org@example.org", Role::Organiser).await;
    app.give_letter_to("q9", "org@example.org").await;
    let org = app.browser_logged_in("org@example.org").await;
    in_pseudo(&org).await;
    let org_token = app.api_token("org@example.org").await;
    for (method, path, body) in [
        (
            reqwest::Method::POST,
            "/campaigns",
            Some(
                json!({"slug": "c5", "title": "Εκστρατεία", "summary": "Μέτωπα.",
                        "body": "Η **ιστορία**.", "targets": ["Αρκλάιτ"],
                        "help_options": ["Συνάντηση"],
                        "translations": {"es": {"title": "Καμπάνια", "summary": "Μέτωπα.",
                                                "body": "Η **ιστορία**."}}}),
            ),
        ),
        (
            reqwest::Method::PATCH,
            "/letters/q9",
            Some(json!({"campaign": "c5"})),
        ),
        (
            reqwest::Method::POST,
            "/campaigns/c5/timeline",
            Some(json!({"date": "2026-11-30", "title": "Νίκη", "body": "Και άλλα."})),
        ),
        (reqwest::Method::POST, "/campaigns/c5/submit", None),
    ] {
        let res = app.api(method, path, Some(&org_token), body).await;
        assert!(res.status().is_success(), "{path}: {}", res.status());
    }
    let res = app
        .api(
            reqwest::Method::PATCH,
            "/letters/q9",
            Some(&org_token),
            Some(
                json!({"recipients": [{"name": "Πρόεδροι", "organisation": "Φόρουμ",
                                        "email": "chairs@example.org"}]}),
            ),
        )
        .await;
    assert!(res.status().is_success(), "recipients: {}", res.status());
    let update = [
        ("title", "Παραδώσαμε"),
        ("body", "Η **επιτροπή** την έχει."),
        ("kind", "update"),
        ("from", ""),
    ];
    let new = "/organiser/letters/q9/updates/new";
    let action = "/organiser/letters/q9/updates";
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
    let res = org
        .submit(
            "/organiser/letters/new",
            "/organiser/letters/new",
            &[
                ("slug", "Κακό"),
                ("title", ""),
                ("summary", ""),
                ("body", ""),
                ("category", "other"),
                ("goal", "0"),
                ("groups", "x | | κακός"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    pages.push((
        "the letter form with errors".into(),
        res.text().await.unwrap(),
    ));
    for path in [
        "/dashboard",
        "/organiser/letters/new",
        "/organiser/letters/q9",
        "/organiser/letters/q9/preview",
        "/organiser/letters/q9/updates/new",
        "/organiser/letters/q9/team",
        "/organiser/letters/q9/delivery",
        "/organiser/letters/q9/groups/k7",
        "/organiser/campaigns/new",
        "/organiser/campaigns/c5",
        "/organiser/campaigns/c5/team",
    ] {
        pages.push((format!("{path} (organiser)"), org.get_text(path).await));
    }

    // The moderators' pages, before and after publishing.
    let moderator = app.browser_logged_in("mod@example.org").await;
    in_pseudo(&moderator).await;
    for path in [
        "/moderation",
        "/moderation/letters/q9",
        "/moderation/signatures?letter=q9&status=confirmed",
        "/moderation/blocks",
        "/moderation/groups",
        "/moderation/reasons",
        "/moderation/mail",
        "/moderation/audit",
        "/moderation/letters/q9/padding",
    ] {
        pages.push((
            format!("{path} (moderator)"),
            moderator.get_text(path).await,
        ));
    }
    let id = app.scalar("SELECT id AS n FROM letter_updates").await;
    let publish = format!("/moderation/updates/{id}/publish");
    assert_eq!(
        moderator
            .submit("/moderation", &publish, &[])
            .await
            .status(),
        303
    );
    assert_eq!(
        moderator
            .submit("/moderation", "/moderation/campaigns/c5/publish", &[])
            .await
            .status(),
        303
    );
    pages.push((
        "the letter with an update".into(),
        app.get_text("/letters/q9").await,
    ));

    // The campaign, signing up to organise, the volunteers' page.
    for path in [
        "/campaigns/c5",
        "/campaigns/c5?q=Ω",
        "/campaigns/c5/organise",
    ] {
        pages.push((path.to_owned(), app.get_text(path).await));
    }
    let res = app
        .submit(
            "/campaigns/c5",
            "/campaigns/c5/organise",
            &[("name", ""), ("email", "no")],
        )
        .await;
    assert_eq!(res.status(), 422);
    pages.push((
        "the sign-up form with errors".into(),
        res.text().await.unwrap(),
    ));
    let res = app
        .submit(
            "/campaigns/c5",
            "/campaigns/c5/organise",
            &[
                ("name", "Εθελόντρια"),
                ("email", "vol@example.edu"),
                ("group", "k7"),
                ("help", "Συνάντηση"),
                ("message", "Μετρήστε με."),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    pages.push((
        "the volunteer's check-email page".into(),
        app.get_text("/campaigns/c5/organise/check-email").await,
    ));
    let link = app
        .mail
        .first_to("vol@example.edu")
        .await
        .link(&app.url("/volunteers/confirm/"));
    pages.push((
        "the volunteer's confirm page".into(),
        app.get_text(link.trim_start_matches(&app.base)).await,
    ));
    let res = app.press_button_behind(&link).await;
    pages.push(("the volunteer confirmed".into(), res.text().await.unwrap()));
    pages.push((
        "the volunteers (organiser)".into(),
        org.get_text("/organiser/campaigns/c5/volunteers").await,
    ));
    // The update, mailed to the signer who agreed: its unsubscribe pages.
    let mut waited = 0;
    let update_mail = loop {
        let found = app
            .mail
            .all()
            .into_iter()
            .find(|m| m.to == "ada@example.edu" && m.text.contains("/unsubscribe/"));
        match found {
            Some(m) => break m,
            None if waited < 300 => {
                waited += 1;
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            None => panic!("the update's mail did not arrive"),
        }
    };
    let link = update_mail.link(&app.url("/unsubscribe/"));
    pages.push((
        "the unsubscribe page".into(),
        app.get_text(link.trim_start_matches(&app.base)).await,
    ));
    // (One-click, RFC 8058: the form carries no CSRF token.)
    let res = app
        .http
        .post(&link)
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    pages.push(("the unsubscribed page".into(), res.text().await.unwrap()));

    let mut problems = Vec::new();
    for (page, html) in &pages {
        assert!(
            html.contains('⟦'),
            "{page} is not in the pseudo-language:\n{html}"
        );
        for left in undersigned::i18n::english_left(html, &[]) {
            problems.push(format!("{page}: {left}"));
        }
    }
    assert!(
        problems.is_empty(),
        "English left in {} places:\n{}",
        problems.len(),
        problems.join("\n")
    );
    // The check finds English where there is some: the same page in English.
    let english = reqwest::get(app.url("/letters/q9?lang=en")).await.unwrap();
    assert!(!undersigned::i18n::english_left(&english.text().await.unwrap(), &[]).is_empty());
}
