//! One signature per person per letter, without telling anyone whether an address signed.

use serde_json::{json, Value};

use crate::support::{spawn_app, LetterSpec};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_gmail_box_signing_twice_gets_one_signature_and_an_already_signed_email() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec::published("once")).await;

    let first = app
        .sign_api(
            "once",
            json!({"name": "First Last", "email": "First.Last+x@gmail.com"}),
        )
        .await;
    let (s1, b1) = (first.status(), first.text().await.unwrap());
    let second = app
        .sign_api(
            "once",
            json!({"name": "Someone Else", "email": "firstlast@gmail.com"}),
        )
        .await;
    let (s2, b2) = (second.status(), second.text().await.unwrap());

    // Indistinguishable answers.
    assert_eq!(s1, 202);
    assert_eq!((s1, &b1), (s2, &b2));

    assert_eq!(app.rows("signatures").await, 1);
    let mails = app.mail.wait_for(2).await;
    assert_eq!(mails[0].to, "First.Last+x@gmail.com");
    assert!(mails[0].subject.starts_with("Confirm your signature"));
    assert_eq!(mails[1].to, "firstlast@gmail.com");
    assert!(
        mails[1].subject.starts_with("You have already signed"),
        "{}",
        mails[1].subject
    );
    assert!(mails[1].text.contains("not added a second signature"));
    assert_ne!(mails[0].message_id, mails[1].message_id);

    // Confirming by either link gives one signature, under the first name.
    let res = app
        .press_button_behind(&mails[1].link(&app.url("/confirm/")))
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(app.count("once").await, 1);
    assert_eq!(app.public_names("once").await, vec!["First Last"]);
    let stale = app
        .press_button_behind_status(&mails[0].link(&app.url("/confirm/")))
        .await;
    assert_eq!(stale, 410);

    // Signing again once confirmed: same answer, still one.
    let third = app
        .sign_api(
            "once",
            json!({"name": "First Last", "email": "first.last@googlemail.com"}),
        )
        .await;
    assert_eq!(third.status(), 202);
    assert_eq!(
        third.json::<Value>().await.unwrap(),
        json!({"status": "check_your_email"})
    );
    let mails = app.mail.wait_for(3).await;
    assert!(mails[2].subject.starts_with("You have already signed"));
    assert!(!mails[2].text.contains("/confirm/"));
    assert_eq!(app.count("once").await, 1);
    assert_eq!(app.rows("signatures").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_signatures_of_one_address_make_one_signature() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec::published("race")).await;
    let body = json!({"name": "Racer", "email": "racer@example.org"});
    let results =
        futures::future::join_all((0..8).map(|_| app.sign_api("race", body.clone()))).await;
    for res in results {
        assert_eq!(res.status(), 202);
    }
    assert_eq!(app.rows("signatures").await, 1);
    // One confirmation, and "already signed" three times: the daily limit of
    // repeat mails holds even when the repeats arrive together.
    app.mail.wait_for(4).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let mails = app.mail.all();
    let confirms = mails
        .iter()
        .filter(|m| m.subject.starts_with("Confirm"))
        .count();
    assert_eq!((confirms, mails.len()), (1, 4));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn withdrawing_before_confirming_retires_the_confirmation_link_and_signing_again_starts_over()
{
    let app = spawn_app().await;
    app.create_letter(LetterSpec::published("changed-mind"))
        .await;
    app.sign_api(
        "changed-mind",
        json!({"name": "Wavering Will", "email": "will@example.org"}),
    )
    .await;
    let mail = app.mail.nth(1).await;
    let res = app
        .press_button_behind(&mail.link(&app.url("/withdraw/")))
        .await;
    assert_eq!(res.status(), 200);
    let stale = app
        .press_button_behind_status(&mail.link(&app.url("/confirm/")))
        .await;
    assert_eq!(stale, 410);
    assert_eq!(app.count("changed-mind").await, 0);

    app.sign_api(
        "changed-mind",
        json!({"name": "Decided Will", "email": "will@example.org"}),
    )
    .await;
    let mail = app.mail.nth(2).await;
    assert!(mail.subject.starts_with("Confirm your signature"));
    app.press_button_behind(&mail.link(&app.url("/confirm/")))
        .await;
    assert_eq!(app.public_names("changed-mind").await, vec!["Decided Will"]);
    assert_eq!(app.rows("signatures").await, 1);
}

/// A burst of signers arrives together, so they are written in batches: every
/// one is stored once with one confirmation email, and a repeat in the same
/// burst gets the "already signed" email, as it would on its own.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_signers_is_written_in_batches_without_losing_or_doubling_anyone() {
    let app = crate::support::spawn_app().await;
    app.create_letter(crate::support::LetterSpec::published("burst"))
        .await;
    let mut bodies: Vec<serde_json::Value> = (0..50)
        .map(|i| serde_json::json!({"name": format!("Signer {i}"), "email": format!("s{i}@example.org")}))
        .collect();
    for i in 0..5 {
        bodies.push(
            serde_json::json!({"name": format!("Again {i}"), "email": format!("S{i}@Example.org")}),
        );
    }
    let sends = bodies.into_iter().map(|b| app.sign_api("burst", b));
    let statuses: Vec<u16> = futures::future::join_all(sends)
        .await
        .iter()
        .map(|r| r.status().as_u16())
        .collect();
    assert!(statuses.iter().all(|s| *s == 202), "{statuses:?}");
    assert_eq!(app.rows("signatures").await, 50);
    app.mail.wait_for(55).await;
    // Give a stray extra email time to arrive, were there one.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let mails = app.mail.all();
    assert_eq!(mails.len(), 55, "one email per request, no more");
    let confirms = mails
        .iter()
        .filter(|m| m.subject.starts_with("Confirm your signature"))
        .count();
    let again = mails
        .iter()
        .filter(|m| m.subject.starts_with("You have already signed"))
        .count();
    assert_eq!((confirms, again), (50, 5));
    let mut to: Vec<&str> = mails.iter().map(|m| m.to.as_str()).collect();
    to.sort();
    to.dedup();
    assert_eq!(
        to.len(),
        55,
        "each request's email went to the address it gave"
    );
    assert_eq!(app.rows("tokens").await, 50 * 2 + 5 * 2);
}

/// Signing again mails the address each time, a few times a day at most:
/// otherwise the form would let anyone flood someone else's inbox. Every
/// answer stays the same, so a stranger learns nothing about the address.
#[tokio::test]
async fn signing_again_and_again_mails_the_address_three_more_times_a_day_at_most() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec::published("flood")).await;
    let body = json!({"name": "Victim", "email": "victim@example.org"});
    let mut answers = Vec::new();
    for _ in 0..7 {
        let res = app.sign_api("flood", body.clone()).await;
        answers.push((res.status().as_u16(), res.text().await.unwrap()));
    }
    assert!(answers.iter().all(|a| *a == answers[0]), "{answers:?}");
    assert_eq!(answers[0].0, 202);
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let mails = app.mail.all();
    assert_eq!(mails.len(), 4, "one confirmation and three repeats");
    assert_eq!(
        mails
            .iter()
            .filter(|m| m.subject.starts_with("You have already signed"))
            .count(),
        3
    );
    assert_eq!(app.rows("signatures").await, 1);
    // The limit is kept by a hash of the address, not the address.
    let plain = app
        .scalar("SELECT COUNT(*) AS n FROM rate_counters WHERE bucket LIKE '%victim%'")
        .await;
    assert_eq!(plain, 0);
    // Another letter is another count.
    app.create_letter(LetterSpec::published("other")).await;
    assert_eq!(app.sign_api("other", body).await.status(), 202);
    app.mail.wait_for(5).await;
}
