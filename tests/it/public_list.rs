//! The public list: pagination, groups, CSV.

use serde_json::{json, Value};

use crate::support::{spawn_app, LetterSpec, TestApp};

async fn sign_and_confirm(app: &TestApp, slug: &str, body: Value, nth_mail: usize) {
    assert_eq!(app.sign_api(slug, body).await.status(), 202);
    let mail = app.mail.nth(nth_mail).await;
    let res = app
        .press_button_behind(&mail.link(&app.url("/confirm/")))
        .await;
    assert_eq!(res.status(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_list_pages_in_order_of_confirmation_and_filters_by_group() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec {
        groups: vec![
            ("mit", "MIT", "mit.edu"),
            ("cmu", "Carnegie Mellon", "cmu.edu"),
        ],
        ..LetterSpec::published("campus")
    })
    .await;
    sign_and_confirm(
        &app,
        "campus",
        json!({"name": "One", "email": "one@example.org", "group": "mit"}),
        1,
    )
    .await;
    sign_and_confirm(
        &app,
        "campus",
        json!({"name": "Two", "email": "two@example.org", "group": "cmu"}),
        2,
    )
    .await;
    sign_and_confirm(
        &app,
        "campus",
        json!({"name": "Three", "email": "three@example.org", "group": "mit"}),
        3,
    )
    .await;

    let p1 = app
        .get_json("/api/v1/letters/campus/signatures?page=1&per_page=2")
        .await;
    assert_eq!(p1["total"], 3);
    assert_eq!(p1["page"], 1);
    assert_eq!(p1["per_page"], 2);
    let names: Vec<&str> = p1["signatures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["One", "Two"]);
    let p2 = app
        .get_json("/api/v1/letters/campus/signatures?page=2&per_page=2")
        .await;
    assert_eq!(p2["signatures"].as_array().unwrap().len(), 1);
    assert_eq!(p2["signatures"][0]["name"], "Three");

    let mit = app
        .get_json("/api/v1/letters/campus/signatures?group=mit")
        .await;
    assert_eq!(mit["total"], 2);
    assert!(mit["signatures"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["group"] == "mit"));

    let letter = app.get_json("/api/v1/letters/campus").await;
    assert_eq!(letter["signature_count"], 3);
    let groups = letter["groups"].as_array().unwrap();
    let mit = groups.iter().find(|g| g["slug"] == "mit").unwrap();
    assert_eq!(mit["signature_count"], 2);
    assert_eq!(mit["email_domains"], json!(["mit.edu"]));

    let res = app
        .http
        .get(app.url("/api/v1/letters/campus/signatures?per_page=501"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let res = app
        .http
        .get(app.url("/api/v1/letters/campus/signatures?group=yale"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);

    let listed = app.get_json("/api/v1/letters").await;
    assert_eq!(listed["letters"][0]["slug"], "campus");
    assert_eq!(listed["letters"][0]["signature_count"], 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_csv_lists_confirmed_signatories_and_defuses_spreadsheet_formulas() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec::published("csv")).await;
    sign_and_confirm(
        &app,
        "csv",
        json!({"name": "Dora", "email": "dora@example.org", "title": "=HYPERLINK(\"http://evil\")", "affiliation": "@home"}),
        1,
    )
    .await;
    app.sign_api(
        "csv",
        json!({"name": "Unconfirmed Ulla", "email": "ulla@example.org"}),
    )
    .await;

    let res = app
        .http
        .get(app.url("/letters/csv/signatures.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let body = res.text().await.unwrap();
    let mut rows = csv::Reader::from_reader(body.as_bytes());
    let headers: Vec<String> = rows.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(
        headers,
        [
            "name",
            "anonymous",
            "title",
            "affiliation",
            "group",
            "verified_affiliation",
            "verified_domain",
            "signed_at",
            "paper"
        ]
    );
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 1);
    assert_eq!(&records[0][0], "Dora");
    assert_eq!(&records[0][8], "false", "signed online, not on paper");
    assert_eq!(&records[0][2], "'=HYPERLINK(\"http://evil\")");
    assert_eq!(&records[0][3], "'@home");
    assert!(!body.contains("Ulla"));
}

/// Deep pages of a long list come from bookmarks (no `OFFSET` scan) and list
/// exactly the rows an ordered scan would, for the letter and for a group.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deep_pages_of_a_long_list_match_an_ordered_scan() {
    use sea_orm::ConnectionTrait;
    let app = crate::support::spawn_app().await;
    let letter = app
        .create_letter(crate::support::LetterSpec {
            groups: vec![("odd", "Odd ones", "")],
            ..crate::support::LetterSpec::published("long")
        })
        .await;
    // 3,500 confirmed signatures, confirmed in a shuffled order (i * 7919 mod 3500),
    // every odd one in the group; written straight to the table (the trigger counts them).
    app.db
        .execute_unprepared(&format!(
            "INSERT INTO signatures (letter_id, group_id, name, email, email_normalized, anonymous, updates, \
               verified_affiliation, status, created_at, confirmed_at) \
             SELECT {id}, CASE WHEN i % 2 = 1 THEN (SELECT id FROM letter_groups WHERE slug = 'odd') END, \
               'Signer ' || i, 's' || i || '@example.org', 's' || i || '@example.org', false, false, false, \
               'confirmed', now(), now() - interval '1 day' + ((i * 7919) % 3500) * interval '1 second' \
             FROM generate_series(0, 3499) i",
            id = letter.id
        ))
        .await
        .unwrap();
    let mut order: Vec<u64> = (0..3500).collect();
    order.sort_by_key(|i| (i * 7919) % 3500);
    let names = |v: &serde_json::Value| -> Vec<String> {
        v["signatures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let odd: Vec<u64> = order.iter().copied().filter(|i| i % 2 == 1).collect();
    for (filter, expected, pages) in [
        ("", &order, &[1u64, 10, 11, 12, 20, 21, 35][..]),
        ("&group=odd", &odd, &[1, 11, 18][..]),
    ] {
        for page in pages {
            let got = app
                .get_json(&format!(
                    "/api/v1/letters/long/signatures?page={page}&per_page=100{filter}"
                ))
                .await;
            assert_eq!(got["total"], expected.len());
            let want: Vec<String> = expected
                .iter()
                .skip(((page - 1) * 100) as usize)
                .take(100)
                .map(|i| format!("Signer {i}"))
                .collect();
            assert_eq!(names(&got), want, "page {page}{filter}");
        }
    }
    // Past the end: an empty page, not an error.
    let beyond = app
        .get_json("/api/v1/letters/long/signatures?page=99&per_page=100")
        .await;
    assert_eq!(names(&beyond), Vec::<String>::new());
    // The CSV walks the whole list by key, in the same order.
    let csv = app.get_text("/letters/long/signatures.csv").await;
    let rows: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(rows.len(), 3500);
    assert_eq!(rows[0], format!("Signer {}", order[0]));
    assert_eq!(rows[3499], format!("Signer {}", order[3499]));

    // The list grows by 1,234 newer signatures. Once the bookmarks are ten
    // seconds old, the next read has the new end of the list bookmarked (a
    // pass over the new rows only), and its deep pages are still exact.
    app.db
        .execute_unprepared(&format!(
            "INSERT INTO signatures (letter_id, name, email, email_normalized, anonymous, updates, \
               verified_affiliation, status, created_at, confirmed_at) \
             SELECT {id}, 'Later ' || i, 'l' || i || '@example.org', 'l' || i || '@example.org', \
               false, false, false, 'confirmed', now(), now() + i * interval '1 second' \
             FROM generate_series(0, 1233) i",
            id = letter.id
        ))
        .await
        .unwrap();
    let mut all: Vec<String> = order.iter().map(|i| format!("Signer {i}")).collect();
    all.extend((0..1234).map(|i| format!("Later {i}")));
    tokio::time::sleep(std::time::Duration::from_millis(10_200)).await;
    let deep = "/api/v1/letters/long/signatures?page=47&per_page=100";
    app.get_json(deep).await; // finds the bookmarks stale and has them extended
    let want: Vec<String> = all.iter().skip(4600).take(100).cloned().collect();
    let mut got = Vec::new();
    for _ in 0..50 {
        got = names(&app.get_json(deep).await);
        if got == want {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(got, want, "page 47 after the list grew");
    for page in [35u64, 36, 40, 48] {
        let got = app
            .get_json(&format!(
                "/api/v1/letters/long/signatures?page={page}&per_page=100"
            ))
            .await;
        let want: Vec<String> = all
            .iter()
            .skip(((page - 1) * 100) as usize)
            .take(100)
            .cloned()
            .collect();
        assert_eq!(names(&got), want, "page {page} after the list grew");
    }
}

/// Public reads are built once per cache interval and revalidate by ETag; a
/// new signature shows once the interval has passed; logged-in users and
/// each visitor's CSRF token are never shared.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_reads_are_cached_briefly_with_etags_and_never_share_a_visitors_token() {
    let app = crate::support::spawn_with(crate::support::Options {
        public_cache_ms: 1500,
        ..crate::support::Options::default()
    })
    .await;
    app.create_letter(crate::support::LetterSpec::published("hot"))
        .await;
    let first = app
        .http
        .get(app.url("/api/v1/letters/hot"))
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), 200);
    assert_eq!(first.headers()["cache-control"], "public, max-age=1");
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    assert_eq!(
        app.status_if_none_match("/api/v1/letters/hot", &etag).await,
        304
    );

    // A signature confirmed now is served stale for at most the interval, then shows.
    app.sign_and_confirm(
        "hot",
        serde_json::json!({"name": "Ada", "email": "ada@example.org"}),
        1,
    )
    .await;
    let confirmed_at = std::time::Instant::now();
    loop {
        let n = app.get_json("/api/v1/letters/hot").await["signature_count"]
            .as_u64()
            .unwrap();
        if n == 1 {
            break;
        }
        assert!(
            confirmed_at.elapsed() < std::time::Duration::from_millis(1600),
            "the count was stale for longer than the cache interval"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(
        app.status_if_none_match("/api/v1/letters/hot", &etag).await,
        200,
        "a changed answer has a new ETag"
    );

    // Two visitors get the same cached page, each with their own CSRF token,
    // and each token is the one their cookie holds (their form posts work).
    let one = crate::support::Browser::new(&app.base);
    let two = crate::support::Browser::new(&app.base);
    let page_one = one.get_text("/letters/hot").await;
    let page_two = two.get_text("/letters/hot").await;
    let (t1, t2) = (
        crate::support::csrf_of(&page_one).unwrap(),
        crate::support::csrf_of(&page_two).unwrap(),
    );
    assert_ne!(t1, t2);
    assert!(!page_one.contains("__UNDERSIGNED_CSRF_TOKEN__"));
    let res = two
        .post_form(
            "/letters/hot/sign",
            &page_two,
            &[("name", "Bo"), ("email", "bo@example.org")],
        )
        .await;
    assert_eq!(res.status(), 303);
    // A logged-in moderator's page is their own (their name in the header).
    app.add_user(
        "mod@undersigned.test",
        undersigned::db::entities::user::Role::Moderator,
    )
    .await;
    let moderator = app.browser_logged_in("mod@undersigned.test").await;
    let theirs = moderator.get_text("/letters/hot").await;
    assert!(theirs.contains("Log out") && theirs.contains("/moderation"));
    assert!(!one.get_text("/letters/hot").await.contains("Log out"));
}
