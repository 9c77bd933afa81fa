//! Two instances of the service against one PostgreSQL database, both serving
//! and both running the mail worker: every mail goes out once, counts stay exact.

use std::collections::HashSet;

use serde_json::json;

use crate::support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_send_every_mail_once_and_keep_the_count_exact() {
    let a = spawn_app().await;
    let b = a.another_instance().await;
    a.create_letter(LetterSpec::published("shared")).await;
    let n = 40;
    // Signers arrive at both instances at once.
    let signs = (0..n).map(|i| {
        let app = if i % 2 == 0 { &a } else { &b };
        app.sign_api(
            "shared",
            json!({"name": format!("Signer {i}"), "email": format!("s{i}@example.org")}),
        )
    });
    for res in futures::future::join_all(signs).await {
        assert_eq!(res.status(), 202);
    }
    let mails = a.mail.wait_for(n).await;
    // Each confirms through the other instance from the one they signed at.
    let confirms = mails.iter().map(|m| {
        // The link names the instance that took the signature.
        let other = if m.text.contains(&a.url("/confirm/")) {
            &b
        } else {
            &a
        };
        other.confirm_api(m.token("/confirm/"))
    });
    let statuses = futures::future::join_all(confirms).await;
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    // Give both workers time to (wrongly) send anything twice.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let mails = a.mail.all();
    assert_eq!(mails.len(), n, "every mail once");
    let ids: HashSet<&str> = mails.iter().map(|m| m.message_id.as_str()).collect();
    assert_eq!(ids.len(), n, "no Message-ID twice");
    let to: HashSet<&str> = mails.iter().map(|m| m.to.as_str()).collect();
    assert_eq!(to.len(), n, "every signer got their own mail");
    let exact = a
        .scalar("SELECT COUNT(*) AS n FROM signatures WHERE status = 'confirmed'")
        .await;
    assert_eq!(exact, n as i64);
    assert_eq!(a.count("shared").await, n as u64);
    assert_eq!(b.count("shared").await, n as u64);
    assert_eq!(
        a.scalar("SELECT COUNT(*) AS n FROM outbox WHERE status <> 'sent'")
            .await,
        0
    );
}
