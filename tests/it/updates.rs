//! Organisers talk back: an update reaches exactly the signatures that count
//! and consented, once each, with RFC 8058 one-click unsubscribe; one click
//! (no cookie, no CSRF token) stops the next one.

use reqwest::Method;
use serde_json::{json, Value};

use crate::support::*;
use undersigned::db::entities::user::Role;

const ORGANISER: &str = "org@example.org";
const MODERATOR: &str = "mod@example.org";

/// Mail to `to` among `mails` whose subject has `subject`.
fn to_of(mails: &[Mail], subject: &str) -> Vec<String> {
    let mut to: Vec<String> = mails
        .iter()
        .filter(|m| m.subject.contains(subject))
        .map(|m| m.to.clone())
        .collect();
    to.sort();
    to
}

/// The organiser writes an update; its JSON answer.
async fn write(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    app.api(
        Method::POST,
        "/letters/talk/updates",
        Some(token),
        Some(body),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_reaches_exactly_the_right_people_and_one_click_stops_the_next() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec::published("talk")).await;
    app.add_user(ORGANISER, Role::Organiser).await;
    app.add_user(MODERATOR, Role::Moderator).await;
    app.give_letter_to("talk", ORGANISER).await;
    let organiser = app.api_token(ORGANISER).await;
    let moderator = app.api_token(MODERATOR).await;

    // A dozen signatures in every state and consent.
    let mut n = 0;
    let mut signed = |body: Value| {
        n += 1;
        (body, n)
    };
    let consenting = [
        json!({"name": "Ada Named", "email": "ada@example.org", "updates": true}),
        json!({"name": "Bea Hidden", "email": "bea@example.org", "updates": true, "anonymous": true}),
        json!({"name": "Cy Leaves", "email": "cy@example.org", "updates": true}),
    ];
    for body in consenting {
        let (body, nth) = signed(body);
        app.sign_and_confirm("talk", body, nth).await;
    }
    // Confirmed without consent.
    let (body, nth) = signed(json!({"name": "Di Quiet", "email": "di@example.org"}));
    app.sign_and_confirm("talk", body, nth).await;
    // Consented, never confirmed.
    let (body, _) =
        signed(json!({"name": "Ed Unconfirmed", "email": "ed@example.org", "updates": true}));
    assert_eq!(app.sign_api("talk", body).await.status(), 202);
    // Consented, confirmed, then withdrawn.
    let (body, nth) =
        signed(json!({"name": "Flo Gone", "email": "flo@example.org", "updates": true}));
    app.sign_and_confirm("talk", body, nth).await;
    let withdraw = app.mail.nth(nth).await.link(&app.url("/withdraw/"));
    assert_eq!(app.press_button_behind(&withdraw).await.status(), 200);
    // Consented, confirmed, then hidden by a moderator.
    let (body, nth) =
        signed(json!({"name": "Gus Hidden", "email": "gus@example.org", "updates": true}));
    app.sign_and_confirm("talk", body, nth).await;
    let gus = app
        .scalar("SELECT id AS n FROM signatures WHERE email = 'gus@example.org'")
        .await;
    let res = app
        .api(
            Method::POST,
            &format!("/moderation/signatures/{gus}/hide"),
            Some(&moderator),
            Some(json!({"reason": "spam"})),
        )
        .await;
    assert_eq!(res.status(), 200);
    // Consented, confirmed, then the address is blocked.
    let (body, nth) =
        signed(json!({"name": "Hal Blocked", "email": "hal@example.org", "updates": true}));
    app.sign_and_confirm("talk", body, nth).await;
    let res = app
        .api(
            Method::POST,
            "/moderation/blocks",
            Some(&moderator),
            Some(json!({"email": "hal@example.org", "reason": "abuse"})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let before_update = app.mail.all().len();
    assert_eq!(app.count("talk").await, 5);

    // Written, it waits for a moderator: nothing public, nothing mailed.
    let res = write(
        &app,
        &organiser,
        json!({"title": "We delivered the letter", "body": "The chairs have it. **Thank you.**"}),
    )
    .await;
    assert_eq!(res.status(), 201);
    let update: Value = res.json().await.unwrap();
    assert_eq!(update["status"], "in_review");
    let id = update["id"].as_i64().unwrap();
    // One a day: the second is refused, with when to try again.
    let res = write(&app, &organiser, json!({"title": "Again", "body": "More."})).await;
    assert_eq!(res.status(), 429);
    assert!(res.headers().contains_key("retry-after"));
    let err: Value = res.json().await.unwrap();
    assert!(
        err["error"]
            .as_str()
            .unwrap()
            .contains("one update every 24 hours"),
        "{err}"
    );
    assert_eq!(
        app.get_json("/api/v1/letters/talk/updates").await["updates"],
        json!([])
    );

    // Published: mailed once to the three that count, consented and are not blocked.
    let res = app
        .api(
            Method::POST,
            &format!("/moderation/updates/{id}/publish"),
            Some(&moderator),
            None,
        )
        .await;
    assert_eq!(res.status(), 200);
    let published: Value = res.json().await.unwrap();
    assert_eq!(published["status"], "published");
    assert_eq!(published["recipients"], 3);
    // Someone who signs after it reads it on the page, not in the mail.
    let (body, nth) =
        signed(json!({"name": "Ivy Later", "email": "ivy@example.org", "updates": true}));
    app.sign_and_confirm("talk", body, nth).await;

    let mails = app.mail.wait_for(before_update + 3 + 1).await;
    let updates: Vec<Mail> = mails
        .iter()
        .filter(|m| m.subject.contains("We delivered the letter"))
        .cloned()
        .collect();
    assert_eq!(
        to_of(&updates, "We delivered"),
        ["ada@example.org", "bea@example.org", "cy@example.org"]
    );
    let mut ids: Vec<&str> = updates.iter().map(|m| m.message_id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 3, "one Message-ID per recipient");
    for m in &updates {
        assert!(
            m.message_id.starts_with(&format!("update-{id}-")),
            "{}",
            m.message_id
        );
        let header = m.header("List-Unsubscribe").expect("List-Unsubscribe");
        let url = header
            .strip_prefix('<')
            .and_then(|h| h.strip_suffix('>'))
            .unwrap_or_else(|| panic!("List-Unsubscribe is one <URL>: {header}"));
        assert!(url.starts_with(&app.url("/unsubscribe/")), "{url}");
        assert_eq!(
            m.header("List-Unsubscribe-Post"),
            Some("List-Unsubscribe=One-Click")
        );
        assert_eq!(m.header("List-Id"), Some("<talk.letters.127.0.0.1>"));
        // The same link is in the body, and the update's text.
        assert!(m.text.contains(url), "{}", m.text);
        assert!(
            m.html.replace("&#x2F;", "/").contains(url),
            "the HTML part has the recipient's own link"
        );
        assert!(
            !m.text.contains("UNDERSIGNED-UNSUBSCRIBE")
                && !m.html.contains("UNDERSIGNED-UNSUBSCRIBE")
        );
        assert!(m.text.contains("The chairs have it."));
        assert!(m.html.contains("<strong>Thank you.</strong>"));
    }
    let cy = updates.iter().find(|m| m.to == "cy@example.org").unwrap();
    let link = cy.link(&app.url("/unsubscribe/"));

    // A mail scanner following the link changes nothing.
    let page = reqwest::get(&link).await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("Stop updates"));
    let unsubscribed = "SELECT COUNT(*) AS n FROM signatures WHERE unsubscribed_at IS NOT NULL";
    assert_eq!(app.scalar(unsubscribed).await, 0);
    // A POST without the one-click body is refused and changes nothing.
    let bare = reqwest::Client::new();
    let res = bare
        .post(&link)
        .form(&[("other", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(app.scalar(unsubscribed).await, 0);
    // The mail provider's one click: no cookie, no CSRF token.
    for _ in 0..2 {
        let res = bare
            .post(&link)
            .form(&[("List-Unsubscribe", "One-Click")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
    }
    assert_eq!(
        app.scalar("SELECT COUNT(*) AS n FROM signatures WHERE unsubscribed_at IS NOT NULL AND email = 'cy@example.org'")
            .await,
        1
    );
    // Cy's signature still counts.
    assert_eq!(app.count("talk").await, 6);

    // The update is on the page, in the API and in the letter's feed.
    let page = app.get_text("/letters/talk").await;
    assert!(page.contains("We delivered the letter"));
    assert!(page.contains("<strong>Thank you.</strong>"));
    let list = app.get_json("/api/v1/letters/talk/updates").await;
    assert_eq!(list["updates"][0]["title"], "We delivered the letter");
    assert_eq!(list["updates"][0]["kind"], "update");
    let feed = app.get_text("/letters/talk/updates.atom").await;
    let doc = roxmltree::Document::parse(&feed).expect("the feed is XML");
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .flat_map(|e| e.children().filter(|c| c.has_tag_name("title")))
        .filter_map(|t| t.text())
        .collect();
    assert_eq!(titles, ["We delivered the letter"]);

    // The organiser sees how the mail went.
    let mut detail = Value::Null;
    for _ in 0..100 {
        detail = app
            .api(
                Method::GET,
                &format!("/letters/talk/updates/{id}"),
                Some(&organiser),
                None,
            )
            .await
            .json()
            .await
            .unwrap();
        if detail["sent"] == 3 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(detail["status"], "published");
    assert_eq!(detail["recipients"], 3);
    assert_eq!(detail["sent"], 3, "{detail}");
    assert_eq!(detail["failed"], 0);

    // A day later, a response: Cy unsubscribed, Ivy signed meanwhile.
    sea_orm::ConnectionTrait::execute_unprepared(
        &app.db,
        "UPDATE letter_updates SET created_at = created_at - interval '25 hours'",
    )
    .await
    .unwrap();
    let res = write(&app, &organiser, json!({"kind": "response", "title": "We will drop the sponsor", "body": "Signed, the chairs."})).await;
    assert_eq!(res.status(), 422, "a response names who responded");
    let res = write(
        &app,
        &organiser,
        json!({"kind": "response", "from": "PETS Forum", "title": "We will drop the sponsor", "body": "Signed, the chairs."}),
    )
    .await;
    assert_eq!(res.status(), 201);
    let response: Value = res.json().await.unwrap();
    let res = app
        .api(
            Method::POST,
            &format!("/moderation/updates/{}/publish", response["id"]),
            Some(&moderator),
            None,
        )
        .await;
    assert_eq!(res.json::<Value>().await.unwrap()["recipients"], 3);
    let mails = app.mail.wait_for(before_update + 3 + 1 + 3).await;
    assert_eq!(
        to_of(&mails, "Response from PETS Forum"),
        ["ada@example.org", "bea@example.org", "ivy@example.org"]
    );
    let page = app.get_text("/letters/talk").await;
    assert!(page.contains("Response from PETS Forum"));
    let list = app.get_json("/api/v1/letters/talk/updates").await;
    assert_eq!(list["updates"][0]["kind"], "response");
    assert_eq!(list["updates"][0]["from"], "PETS Forum");
    assert_eq!(list["updates"][1]["kind"], "update");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_update_is_never_shown_or_mailed_and_frees_the_interval() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec::published("talk")).await;
    app.add_user(ORGANISER, Role::Organiser).await;
    app.add_user(MODERATOR, Role::Moderator).await;
    app.give_letter_to("talk", ORGANISER).await;
    let organiser = app.api_token(ORGANISER).await;
    let moderator = app.api_token(MODERATOR).await;
    app.sign_and_confirm(
        "talk",
        json!({"name": "Ada", "email": "ada@example.org", "updates": true}),
        1,
    )
    .await;

    // Bad input: a clear error per field, nothing stored.
    let res = write(
        &app,
        &organiser,
        json!({"title": "", "body": "x", "kind": "memo"}),
    )
    .await;
    assert_eq!(res.status(), 422);
    let err: Value = res.json().await.unwrap();
    assert!(
        err["errors"]["title"].is_string() && err["errors"]["kind"].is_string(),
        "{err}"
    );
    assert_eq!(app.rows("letter_updates").await, 0);

    let res = write(
        &app,
        &organiser,
        json!({"title": "Buy our merch", "body": "Now."}),
    )
    .await;
    let id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let path = format!("/moderation/updates/{id}/reject");
    // A rejection needs a reason.
    let res = app.api(Method::POST, &path, Some(&moderator), None).await;
    assert_eq!(res.status(), 422);
    let res = app
        .api(
            Method::POST,
            &path,
            Some(&moderator),
            Some(json!({"reason": "off topic"})),
        )
        .await;
    assert_eq!(res.status(), 200);
    // Decided once.
    let res = app
        .api(
            Method::POST,
            &format!("/moderation/updates/{id}/publish"),
            Some(&moderator),
            None,
        )
        .await;
    assert_eq!(res.status(), 409);
    let detail: Value = app
        .api(
            Method::GET,
            &format!("/letters/talk/updates/{id}"),
            Some(&organiser),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(detail["status"], "rejected");
    assert_eq!(detail["rejection_reason"], "off topic");
    assert_eq!(
        app.get_json("/api/v1/letters/talk/updates").await["updates"],
        json!([])
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'update.reject' AND reason = 'off topic'")
            .await,
        1
    );
    // The organiser may write another at once.
    let res = write(
        &app,
        &organiser,
        json!({"title": "Thank you", "body": "Really."}),
    )
    .await;
    assert_eq!(res.status(), 201);
    // Nothing but the confirmation was mailed.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(app.mail.all().len(), 1);
}
