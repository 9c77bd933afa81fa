//! The public side beyond the list: the chart and its data, the badge, the
//! share image, the widget, the feed and sitemap, link previews, the thank-you
//! page, the list search and the security headers.

use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use serde_json::json;

use crate::support::*;
use undersigned::db::entities::letter::{self, LetterStatus};

/// Undoes the escaping Tera applies to attribute values (`/` and `&`).
fn unescape(html: &str) -> String {
    html.replace("&#x2F;", "/").replace("&amp;", "&")
}

fn header(res: &reqwest::Response, name: &str) -> String {
    res.headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

/// Two days of history: 2 signatures confirmed two days ago, 1 today.
async fn letter_with_history(app: &TestApp, slug: &'static str) -> letter::Model {
    let l = app.create_letter(LetterSpec::published(slug)).await;
    for (i, name) in ["Ada Lovelace", "Grace Hopper", "Edsger Dijkstra"]
        .iter()
        .enumerate()
    {
        app.sign_and_confirm(
            slug,
            json!({"name": name, "email": format!("p{i}@example.org"), "affiliation": "Analytical Engines Ltd"}),
            i + 1,
        )
        .await;
    }
    app.db
        .execute_unprepared(
            "UPDATE signatures SET confirmed_at = confirmed_at - interval '2 days' \
             WHERE email IN ('p0@example.org', 'p1@example.org')",
        )
        .await
        .unwrap();
    l
}

#[tokio::test]
async fn the_history_counts_by_hour_and_day_and_the_chart_draws_it() {
    let app = spawn_app().await;
    letter_with_history(&app, "history").await;
    // A draft's history is not public.
    let mut draft = LetterSpec::published("draft-history");
    draft.status = LetterStatus::Draft;
    app.create_letter(draft).await;

    let h = app.get_json("/api/v1/letters/history/history").await;
    assert_eq!(h["signature_count"], 3);
    assert_eq!(h["timezone"], "UTC");
    let daily = h["daily"].as_array().unwrap();
    assert_eq!(daily.len(), 2, "{h}");
    assert_eq!(
        (
            daily[0]["signatures"].as_i64(),
            daily[1]["signatures"].as_i64()
        ),
        (Some(2), Some(1))
    );
    assert_eq!(daily[1]["cumulative"], 3);
    let hourly = h["hourly"].as_array().unwrap();
    assert_eq!(
        hourly
            .iter()
            .map(|b| b["signatures"].as_i64().unwrap())
            .sum::<i64>(),
        3
    );
    assert!(
        hourly[0]["start"].as_str().unwrap().ends_with(":00:00Z"),
        "{h}"
    );
    assert_eq!(
        app.status_of("/api/v1/letters/draft-history/history").await,
        404
    );

    let res = app
        .http
        .get(app.url("/letters/history/chart.svg"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "content-type"), "image/svg+xml");
    let etag = header(&res, "etag");
    let svg = res.text().await.unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("the chart is well-formed XML");
    let desc = doc
        .descendants()
        .find(|n| n.has_tag_name("desc"))
        .and_then(|n| n.text())
        .unwrap();
    assert!(desc.starts_with("3 signatures in all"), "{desc}");
    let line = doc
        .descendants()
        .find(|n| n.has_tag_name("polyline"))
        .and_then(|n| n.attribute("points"))
        .unwrap();
    // The start at zero, then one point per hour with signatures (two hours here).
    assert_eq!(line.split(' ').count(), 1 + hourly.len(), "{line}");
    assert_eq!(
        app.status_if_none_match("/letters/history/chart.svg", &etag)
            .await,
        304
    );
    assert_eq!(app.status_of("/letters/draft-history/chart.svg").await, 404);

    // The letter page shows the chart and links its data.
    let page = app.get_text("/letters/history").await;
    assert!(page.contains(r#"<img src="/letters/history/chart.svg""#));
    assert!(page.contains(r#"href="/api/v1/letters/history/history""#));
}

#[tokio::test]
async fn titles_in_pictures_are_escaped_and_the_badge_counts() {
    let app = spawn_app().await;
    let l = app.create_letter(LetterSpec::published("escape")).await;
    let mut l: letter::ActiveModel = l.into();
    l.title = Set("Fish & <Chips> \"now\" </text><script>alert(1)</script>".into());
    l.update(&app.db).await.unwrap();
    app.sign_and_confirm(
        "escape",
        json!({"name": "One", "email": "one@example.org"}),
        1,
    )
    .await;

    for path in ["/letters/escape/chart.svg", "/letters/escape/badge.svg"] {
        let svg = app.get_text(path).await;
        assert!(
            !svg.contains("<script>") && !svg.contains("<Chips>"),
            "{path}: {svg}"
        );
        let doc = roxmltree::Document::parse(&svg)
            .unwrap_or_else(|e| panic!("{path} is not well-formed: {e}\n{svg}"));
        let title = doc
            .descendants()
            .find(|n| n.has_tag_name("title"))
            .and_then(|n| n.text())
            .unwrap();
        assert!(title.contains("Fish & <Chips>"), "{path}: {title}");
    }
    let badge = app.get_text("/letters/escape/badge.svg").await;
    let doc = roxmltree::Document::parse(&badge).unwrap();
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(texts, ["signatures", "1"]);
    assert_eq!(app.status_of("/letters/nope/badge.svg").await, 404);
}

#[tokio::test]
async fn the_share_image_is_a_png_with_the_title_drawn_and_is_cached() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec::published("share")).await;
    let res = app
        .http
        .get(app.url("/letters/share/share.png"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "content-type"), "image/png");
    let etag = header(&res, "etag");
    let png = res.bytes().await.unwrap();
    let image = resvg::tiny_skia::Pixmap::decode_png(&png).expect("a PNG");
    assert_eq!((image.width(), image.height()), (1200, 630));
    // The title is drawn in dark ink across the band where it sits: a missing
    // font would leave that band white.
    let dark = (130..260)
        .flat_map(|y| (72..1100).map(move |x| (x, y)))
        .filter(|(x, y)| {
            let p = image.pixel(*x, *y).unwrap();
            p.red() < 80 && p.green() < 80 && p.blue() < 80
        })
        .count();
    assert!(
        dark > 2000,
        "only {dark} dark pixels where the title should be"
    );
    assert_eq!(
        app.status_if_none_match("/letters/share/share.png", &etag)
            .await,
        304
    );

    // Link previews point at it, with absolute addresses.
    let page = app.get_text("/letters/share").await;
    for tag in [
        r#"<meta property="og:title" content="Letter share">"#,
        r#"<meta name="twitter:card" content="summary_large_image">"#,
        r#"<meta property="og:image:width" content="1200">"#,
    ] {
        assert!(page.contains(tag), "missing {tag}");
    }
    let og_image = regex::Regex::new(r#"<meta property="og:image" content="([^"]+)">"#)
        .unwrap()
        .captures(&page)
        .unwrap()[1]
        .to_owned();
    let og_image = unescape(&og_image);
    // In the page's language, as the preview shows it.
    assert_eq!(og_image, app.url("/letters/share/share.png?lang=en"));
}

#[tokio::test]
async fn only_the_widget_may_be_framed_and_every_page_has_a_strict_policy() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec::published("widget")).await;
    app.sign_and_confirm(
        "widget",
        json!({"name": "One", "email": "one@example.org"}),
        1,
    )
    .await;

    let res = app
        .http
        .get(app.url("/letters/widget/embed"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(header(&res, "content-security-policy").contains("frame-ancestors *"));
    assert_eq!(header(&res, "x-frame-options"), "");
    let html = unescape(&res.text().await.unwrap());
    assert!(html.contains("1 signed of 100"), "{html}");
    assert!(html.contains(&format!(
        r#"href="{}#sign" target="_blank""#,
        app.url("/letters/widget")
    )));

    for path in [
        "/",
        "/letters/widget",
        "/letters/widget/chart.svg",
        "/api/v1/letters/widget",
        "/login",
        "/no-such-page",
    ] {
        let res = app.http.get(app.url(path)).send().await.unwrap();
        let csp = header(&res, "content-security-policy");
        assert!(
            csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"),
            "{path}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(header(&res, "x-frame-options"), "DENY", "{path}");
        assert_eq!(header(&res, "x-content-type-options"), "nosniff", "{path}");
        assert_eq!(
            header(&res, "referrer-policy"),
            "strict-origin-when-cross-origin",
            "{path}"
        );
    }
    // Nothing inline for the policy to block: the style sheet is a file.
    let page = app.get_text("/letters/widget").await;
    assert!(!page.contains("<style") && !page.contains(" style="));
    let css = app
        .http
        .get(app.url("/assets/site.css"))
        .send()
        .await
        .unwrap();
    assert_eq!(css.status(), 200);
    assert!(header(&css, "content-type").starts_with("text/css"));
}

#[tokio::test]
async fn the_feed_and_sitemap_list_public_letters_only() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec::published("open-one")).await;
    let mut closed = LetterSpec::published("closed-one");
    closed.status = LetterStatus::Closed;
    app.create_letter(closed).await;
    let mut draft = LetterSpec::published("secret-draft");
    draft.status = LetterStatus::Draft;
    app.create_letter(draft).await;

    let res = app.http.get(app.url("/letters.atom")).send().await.unwrap();
    assert_eq!(header(&res, "content-type"), "application/atom+xml");
    let xml = res.text().await.unwrap();
    let feed = atom_syndication::Feed::read_from(xml.as_bytes()).expect("a valid Atom feed");
    let mut ids: Vec<String> = feed.entries().iter().map(|e| e.id().to_owned()).collect();
    ids.sort();
    assert_eq!(
        ids,
        [app.url("/letters/closed-one"), app.url("/letters/open-one")]
    );
    assert!(feed.entries()[0].title().as_str().starts_with("Letter "));

    let sitemap = app.get_text("/sitemap.xml").await;
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        locs.contains(&app.url("/letters/open-one").as_str()),
        "{locs:?}"
    );
    assert!(locs.contains(&app.url("/letters/closed-one").as_str()));
    assert!(!sitemap.contains("secret-draft"));
    // Each page in each language, as hreflang alternates.
    let open_one = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("url")
                && n.children()
                    .any(|c| c.text() == Some(&app.url("/letters/open-one")))
        })
        .unwrap();
    let alternates: Vec<(&str, &str)> = open_one
        .children()
        .filter(|n| n.has_tag_name(("http://www.w3.org/1999/xhtml", "link")))
        .map(|n| {
            (
                n.attribute("hreflang").unwrap(),
                n.attribute("href").unwrap(),
            )
        })
        .collect();
    let en = app.url("/letters/open-one?lang=en");
    let es = app.url("/letters/open-one?lang=es");
    let plain = app.url("/letters/open-one");
    for wanted in [
        ("en", en.as_str()),
        ("es", es.as_str()),
        ("x-default", plain.as_str()),
    ] {
        assert!(alternates.contains(&wanted), "{wanted:?} in {alternates:?}");
    }
    let robots = app.get_text("/robots.txt").await;
    assert!(robots.contains(&format!("Sitemap: {}", app.url("/sitemap.xml"))));
    assert!(robots.contains("Disallow: /confirm/"));
}

#[tokio::test]
async fn the_thank_you_page_gives_the_signers_place_and_ways_to_share() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec::published("thanks")).await;
    app.sign_and_confirm(
        "thanks",
        json!({"name": "First", "email": "a@example.org"}),
        1,
    )
    .await;
    assert_eq!(
        app.sign_api(
            "thanks",
            json!({"name": "Second", "email": "b@example.org"})
        )
        .await
        .status(),
        202
    );
    let mail = app.mail.nth(2).await;
    let page = unescape(
        &app.press_button_behind(&mail.link(&app.url("/confirm/")))
            .await
            .text()
            .await
            .unwrap(),
    );
    assert!(
        page.contains("You are signatory <strong>no. 2</strong>"),
        "{page}"
    );
    let encoded = app
        .url("/letters/thanks")
        .replace(':', "%3A")
        .replace('/', "%2F");
    assert!(page.contains("https://wa.me/?text="), "{page}");
    assert!(
        page.contains(&encoded),
        "the share links carry the letter's address"
    );
    assert!(page.contains(r#"value="http"#), "the address to copy");
}

#[tokio::test]
async fn the_list_is_searched_by_name_and_affiliation_but_never_by_an_anonymous_name() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec::published("search")).await;
    let people = [
        json!({"name": "Ada Lovelace", "email": "a@example.org", "affiliation": "Analytical Society"}),
        json!({"name": "Grace Hopper", "email": "g@example.org", "title": "Rear Admiral"}),
        json!({"name": "Quentin Zebulon", "email": "q@example.org", "anonymous": true, "affiliation": "Analytical Society"}),
    ];
    for (i, p) in people.into_iter().enumerate() {
        app.sign_and_confirm("search", p, i + 1).await;
    }
    let page = app.get_text("/letters/search?who=lovelace").await;
    assert!(page.contains("One signatory matches"), "{page}");
    assert!(page.contains("Ada Lovelace"));
    let page = app.get_text("/letters/search?who=ADMIRAL").await;
    assert!(page.contains("Grace Hopper") && page.contains("One signatory matches"));
    // The anonymous signer is found by what the list shows (the affiliation),
    // shown as Anonymous, and not at all by the hidden name.
    let page = app.get_text("/letters/search?who=analytical").await;
    assert!(page.contains("2 signatories match"), "{page}");
    assert!(!page.contains("Quentin"));
    let page = app.get_text("/letters/search?who=zebulon").await;
    assert!(page.contains("No signatory matches"), "{page}");
    // LIKE's wildcards are taken literally.
    let page = app.get_text("/letters/search?who=%25").await;
    assert!(page.contains("No signatory matches"), "{page}");

    // The letter page shows the latest signatories, newest first, and the
    // anonymous one only as Anonymous.
    let page = app.get_text("/letters/search").await;
    let recent = &page[page.find("Recently signed").unwrap()..];
    let anon = recent.find("Anonymous").unwrap();
    let grace = recent.find("Grace Hopper").unwrap();
    let ada = recent.find("Ada Lovelace").unwrap();
    assert!(anon < grace && grace < ada, "newest first");
    assert!(!page.contains("Quentin"));
}

#[tokio::test]
async fn the_history_is_read_the_same_on_sqlite() {
    let app = spawn_on(Backend::Sqlite).await;
    app.create_letter(LetterSpec::published("lite")).await;
    for i in 1..=2 {
        app.sign_and_confirm(
            "lite",
            json!({"name": format!("P{i}"), "email": format!("p{i}@example.org")}),
            i,
        )
        .await;
    }
    let h = app.get_json("/api/v1/letters/lite/history").await;
    assert_eq!(h["signature_count"], 2);
    assert_eq!(h["hourly"].as_array().unwrap().len(), 1, "{h}");
    assert_eq!(h["hourly"][0]["signatures"], 2);
    let svg = app.get_text("/letters/lite/chart.svg").await;
    assert!(roxmltree::Document::parse(&svg).is_ok());
}

#[tokio::test]
async fn the_organisers_dashboard_shows_todays_signatures_and_the_chart() {
    let app = spawn_app().await;
    letter_with_history(&app, "mine").await; // 2 confirmed two days ago, 1 today
    app.add_user(
        "org@example.org",
        undersigned::db::entities::user::Role::Organiser,
    )
    .await;
    app.give_letter_to("mine", "org@example.org").await;
    let org = app.browser_logged_in("org@example.org").await;
    let page = org.get_text("/dashboard").await;
    let row = &page[page.find(r#"href="/organiser/letters/mine""#).unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    let cells: Vec<&str> = row
        .split("<td>")
        .skip(1)
        .map(|c| c.split("</td>").next().unwrap().trim())
        .collect();
    // Status, signatures, today, awaiting approval.
    assert_eq!(cells, ["published", "3", "+1", "0"], "{row}");
    assert!(page.contains(r#"<img src="/letters/mine/chart.svg""#));
}
