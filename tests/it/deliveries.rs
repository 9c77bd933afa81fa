//! A letter delivered: its recipients are named (their addresses private),
//! each gets the letter with its counts and a link to it as a PDF, the PDF
//! holds the public list exactly as the public sees it, and the page says
//! when it was delivered and with how many signatures.

use reqwest::Method;
use serde_json::{json, Value};

use crate::support::*;
use undersigned::db::entities::user::Role;

const ORGANISER: &str = "org@example.org";
const CHAIRS: &str = "chairs@pets.example";
const BOARD: &str = "board@arclight.example";

/// Every text the PDF shows, page by page, and every decompressed stream.
pub fn pdf_text_and_streams(bytes: &[u8]) -> (String, String) {
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF that parses");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    assert!(!pages.is_empty(), "the PDF has pages");
    let text = doc.extract_text(&pages).expect("the PDF's text");
    let mut streams = String::new();
    for object in doc.objects.values() {
        match object {
            lopdf::Object::Stream(s) => {
                let content = s
                    .decompressed_content()
                    .unwrap_or_else(|_| s.content.clone());
                streams.push_str(&String::from_utf8_lossy(&content));
            }
            other => streams.push_str(&format!("{other:?}")),
        }
    }
    (text, streams)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delivery_reaches_each_recipient_with_the_counts_and_a_pdf_of_the_public_list() {
    let app = spawn_app().await;
    let mut spec = LetterSpec::published("deliver");
    spec.groups = vec![("cmu", "Carnegie Mellon", "cmu.edu")];
    app.create_letter(spec).await;
    app.add_user(ORGANISER, Role::Organiser).await;
    app.give_letter_to("deliver", ORGANISER).await;
    let token = app.api_token(ORGANISER).await;

    app.sign_and_confirm(
        "deliver",
        json!({"name": "Ada Named", "email": "ada@cmu.edu", "group": "cmu", "title": "Professor"}),
        1,
    )
    .await;
    app.sign_and_confirm(
        "deliver",
        json!({"name": "Bea Secretname", "email": "bea@cmu.edu", "group": "cmu", "anonymous": true}),
        2,
    )
    .await;
    app.sign_and_confirm(
        "deliver",
        json!({"name": "Cy Elsewhere", "email": "cy@example.org"}),
        3,
    )
    .await;

    // No recipients yet: nothing to deliver to.
    let res = app
        .api(
            Method::POST,
            "/letters/deliver/deliveries",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(res.status(), 409);

    // A bad address is refused, naming the field, and changes nothing.
    let before = app.snapshot().await;
    let res = app
        .api(
            Method::PATCH,
            "/letters/deliver",
            Some(&token),
            Some(json!({"recipients": [
                {"name": "Program chairs", "organisation": "PETS Forum", "email": CHAIRS},
                {"name": "The board", "email": "not an address"}
            ]})),
        )
        .await;
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert!(body["errors"]["recipients[1].email"].is_string(), "{body}");
    assert_eq!(app.snapshot().await, before);
    assert_eq!(app.rows("letter_recipients").await, 0);

    // A published letter takes its recipients.
    let res = app
        .api(
            Method::PATCH,
            "/letters/deliver",
            Some(&token),
            Some(json!({"recipients": [
                {"name": "Program chairs", "organisation": "PETS Forum", "email": CHAIRS},
                {"name": "The board", "organisation": "Arclight", "email": BOARD}
            ]})),
        )
        .await;
    assert_eq!(res.status(), 200);
    let own: Value = res.json().await.unwrap();
    assert_eq!(
        own["recipients"][0]["email"], CHAIRS,
        "its organiser sees the addresses"
    );

    // The public sees whom it is addressed to, never their addresses.
    let public = app.get_text("/api/v1/letters/deliver").await;
    let detail: Value = serde_json::from_str(&public).unwrap();
    assert_eq!(
        detail["recipients"],
        json!([
            {"name": "Program chairs", "organisation": "PETS Forum"},
            {"name": "The board", "organisation": "Arclight"}
        ])
    );
    assert!(!public.contains(CHAIRS) && !public.contains(BOARD));
    let page = app.get_text("/letters/deliver").await;
    assert!(page.contains("To: Program chairs, PETS Forum; The board, Arclight"));
    assert!(!page.contains(CHAIRS));

    // Delivered: one email to each recipient, with the counts now.
    let res = app
        .api(
            Method::POST,
            "/letters/deliver/deliveries",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(res.status(), 201);
    let d: Value = res.json().await.unwrap();
    assert_eq!(d["signature_count"], 3);
    assert_eq!(d["verified_count"], 2);
    assert_eq!(d["recipients"], 2);
    assert!(d["delivered_at"].is_string() && d["id"].is_i64());

    let mails = app.mail.wait_for(5).await;
    let delivered: Vec<&Mail> = mails
        .iter()
        .filter(|m| m.subject.contains("Open letter"))
        .collect();
    let mut to: Vec<&str> = delivered.iter().map(|m| m.to.as_str()).collect();
    to.sort();
    assert_eq!(to, [BOARD, CHAIRS]);
    let mail = delivered[0];
    assert!(
        mail.subject.contains("with 3 signatures"),
        "{}",
        mail.subject
    );
    assert!(mail.text.contains("3 people have signed"), "{}", mail.text);
    assert!(mail.text.contains("2 of them from addresses verified"));
    assert!(mail.text.contains("Carnegie Mellon: 2 (2 verified)"));
    assert!(mail.text.contains("We **ask** for this."));
    assert!(mail.html.contains("<strong>ask</strong>"));
    assert!(!mail.text.contains("Bea Secretname") && !mail.text.contains("ada@cmu.edu"));

    // The PDF, followed from the email as a recipient would.
    let pdf_url = mail.link(&app.url("/letters/deliver/letter.pdf"));
    let res = app.http.get(&pdf_url).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let bytes = res.bytes().await.unwrap();
    let (text, streams) = pdf_text_and_streams(&bytes);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Letter deliver"), "{flat}");
    assert!(
        flat.contains("Ada Named — verified cmu.edu address, Professor (Carnegie Mellon)"),
        "{flat}"
    );
    assert!(
        flat.contains("Anonymous — verified cmu.edu address (Carnegie Mellon)"),
        "{flat}"
    );
    assert!(flat.contains("Cy Elsewhere"), "{flat}");
    assert!(flat.contains("3 signatures as of"), "{flat}");
    assert!(flat.contains("To: Program chairs, PETS Forum"), "{flat}");
    for secret in [
        "Bea Secretname",
        "Secretname",
        "ada@cmu.edu",
        "bea@cmu.edu",
        "cy@example.org",
        CHAIRS,
        BOARD,
    ] {
        assert!(!flat.contains(secret), "the PDF's text shows {secret}");
        assert!(!streams.contains(secret), "the PDF's data holds {secret}");
    }
    let address = regex::Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z.]{2,}").unwrap();
    assert!(
        !address.is_match(&text),
        "no address of any kind in the PDF's text"
    );

    // Recorded, shown on the page, audited.
    let page = app.get_text("/letters/deliver").await;
    assert!(
        page.contains("Delivered to Program chairs, PETS Forum; The board, Arclight on"),
        "the page lists the delivery"
    );
    assert!(page.contains("with 3 signatures."));
    let detail = app.get_json("/api/v1/letters/deliver").await;
    assert_eq!(detail["deliveries"][0]["signature_count"], 3);
    assert_eq!(
        detail["deliveries"][0]["recipients"][1],
        json!({"name": "The board", "organisation": "Arclight"})
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'letter.deliver'")
            .await,
        1
    );

    // Once a day at most: a second click is refused, and sends nothing.
    let res = app
        .api(
            Method::POST,
            "/letters/deliver/deliveries",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(res.status(), 429);
    assert!(res.headers().contains_key("retry-after"));
    assert_eq!(app.rows("letter_deliveries").await, 1);
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(app.mail.all().len(), 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organiser_names_recipients_previews_and_delivers_from_the_page() {
    let app = spawn_with(Options {
        settings: vec![("delivery_min_interval_hours", "0".into())],
        ..Options::default()
    })
    .await;
    app.create_letter(LetterSpec::published("paper")).await;
    app.add_user(ORGANISER, Role::Organiser).await;
    app.give_letter_to("paper", ORGANISER).await;
    let browser = app.browser_logged_in(ORGANISER).await;

    let page = browser.get_text("/organiser/letters/paper/delivery").await;
    assert!(page.contains("Not delivered yet."));
    assert!(
        !page.contains("Deliver the letter now"),
        "nothing to deliver to yet"
    );

    // A mistake shows the page again with what was typed and the line at fault.
    let typed = format!("Program chairs | PETS Forum | {CHAIRS}\nThe board | nowhere");
    let res = browser
        .submit(
            "/organiser/letters/paper/delivery",
            "/organiser/letters/paper/recipients",
            &[("recipients", typed.as_str())],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("Line 2:"), "{html}");
    assert!(html.contains("The board | nowhere"));
    assert_eq!(app.rows("letter_recipients").await, 0);

    let typed = format!("Program chairs | PETS Forum | {CHAIRS}");
    let res = browser
        .submit(
            "/organiser/letters/paper/delivery",
            "/organiser/letters/paper/recipients",
            &[("recipients", typed.as_str())],
        )
        .await;
    assert_eq!(res.status(), 303);
    let html = browser.get_text("/organiser/letters/paper/delivery").await;
    assert!(html.contains("What each recipient gets"), "a preview");
    assert!(html.contains(&format!("To: {CHAIRS}")));
    assert!(html.contains("Deliver the letter now"));

    // Delivering twice (no interval here) records two deliveries and mails twice.
    for _ in 0..2 {
        let res = browser
            .submit(
                "/organiser/letters/paper/delivery",
                "/organiser/letters/paper/deliveries",
                &[],
            )
            .await;
        assert_eq!(res.status(), 303);
    }
    let mails = app.mail.wait_for(2).await;
    assert!(mails.iter().all(|m| m.to == CHAIRS));
    let html = browser.get_text("/organiser/letters/paper/delivery").await;
    assert_eq!(
        html.matches("Delivered to Program chairs, PETS Forum on")
            .count(),
        2
    );
}
