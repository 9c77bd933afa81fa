//! No enumeration: whether an address has signed, has an account or is known
//! at all shows neither in the answer nor in how long the answer takes.
//!
//! Timing is compared by class, not to the millisecond: the medians of
//! interleaved runs may differ by noise, never by a password hash (tens of
//! milliseconds, what an attacker could tell apart with a few tries).

use std::future::Future;
use std::time::{Duration, Instant};

use serde_json::json;
use undersigned::db::entities::user::Role;

use crate::support::*;

/// How many timed runs of each path.
const RUNS: usize = 11;

/// The status and body of one answer, with what the caller typed replaced.
type Answer = (u16, String);

/// Runs `a(i)` and `b(i)` in turn `RUNS` times; checks that every answer of
/// one is the answer of the other, and returns the median time of each.
async fn compare<A, B, FA, FB>(what: &str, a: A, b: B) -> (Duration, Duration)
where
    A: Fn(usize) -> FA,
    B: Fn(usize) -> FB,
    FA: Future<Output = Answer>,
    FB: Future<Output = Answer>,
{
    let (mut ta, mut tb) = (Vec::new(), Vec::new());
    for i in 0..RUNS {
        let start = Instant::now();
        let answer_a = a(i).await;
        ta.push(start.elapsed());
        let start = Instant::now();
        let answer_b = b(i).await;
        tb.push(start.elapsed());
        assert_eq!(answer_a, answer_b, "{what}: the answers differ");
    }
    ta.sort();
    tb.sort();
    let (ma, mb) = (ta[RUNS / 2], tb[RUNS / 2]);
    eprintln!("{what}: medians {ma:?} vs {mb:?}");
    let (lo, hi) = if ma < mb { (ma, mb) } else { (mb, ma) };
    assert!(
        hi.as_secs_f64() <= lo.as_secs_f64() * 2.0 + 0.010,
        "{what}: {ma:?} vs {mb:?} tells the two apart"
    );
    (ma, mb)
}

/// CSRF tokens differ per browser; the address typed is echoed back.
fn normalise(body: &str, typed: &str) -> String {
    let csrf = regex::Regex::new(r#"value="[A-Za-z0-9_-]{43}""#).unwrap();
    csrf.replace_all(&body.replace(typed, "TYPED"), "")
        .into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn known_and_unknown_addresses_look_and_take_the_same() {
    let app = spawn_with(Options {
        // The limits would answer 429 long before the runs are done.
        settings: vec![("rate_limits", "false".into())],
        ..Options::default()
    })
    .await;
    app.create_letter(LetterSpec::published("enum")).await;
    app.add_user("known@example.org", Role::Organiser).await;
    for i in 0..RUNS {
        let email = format!("signed{i}@example.org");
        let res = app
            .sign_api("enum", json!({"name": "Already", "email": email}))
            .await;
        assert_eq!(res.status(), 202);
    }

    let app = &app;
    // Signing with a new address, and with one that has signed.
    let sign = |email: String| async move {
        let res = app
            .sign_api("enum", json!({"name": "Someone", "email": email}))
            .await;
        (res.status().as_u16(), res.text().await.unwrap())
    };
    compare(
        "signing",
        |i| sign(format!("new{i}@example.org")),
        |i| sign(format!("signed{i}@example.org")),
    )
    .await;

    // Logging in: an unknown address, and a known one with the wrong password.
    let login = |email: &'static str| async move {
        let res = app
            .http
            .post(app.url("/api/v1/session"))
            .json(&json!({"email": email, "password": "not the password at all"}))
            .send()
            .await
            .unwrap();
        (res.status().as_u16(), res.text().await.unwrap())
    };
    let (unknown, wrong) = compare(
        "login",
        |_| login("nobody@example.org"),
        |_| login("known@example.org"),
    )
    .await;
    // Both checked a password hash (argon2id, 19 MiB): neither is the fast path.
    assert!(unknown.min(wrong) > Duration::from_millis(5));

    // Registering a new address, and one that has an account.
    let page = &app.get_text("/register").await;
    let register = |email: String| async move {
        let res = app
            .post_form(
                "/register",
                page,
                &[("email", &email), ("password", PASSWORD)],
            )
            .await;
        let status = res.status().as_u16();
        (status, normalise(&res.text().await.unwrap(), &email))
    };
    let (new, known) = compare(
        "registering",
        |i| register(format!("fresh{i}@example.org")),
        |_| register("known@example.org".into()),
    )
    .await;
    assert!(new.min(known) > Duration::from_millis(5));

    // Asking for a password reset for an unknown address, and a known one.
    let page = &app.get_text("/password/forgot").await;
    let forgot = |email: &'static str| async move {
        let res = app
            .post_form("/password/forgot", page, &[("email", email)])
            .await;
        let status = res.status().as_u16();
        (status, normalise(&res.text().await.unwrap(), email))
    };
    compare(
        "password reset",
        |_| forgot("nobody@example.org"),
        |_| forgot("known@example.org"),
    )
    .await;

    // The mail, not the answer, tells the owner of the mailbox.
    let mails = app.mail.wait_for(RUNS * 2).await;
    assert!(mails.iter().any(|m| m.to == "known@example.org"));
    assert!(!mails.iter().any(|m| m.to == "nobody@example.org"));
}
