//! End to end in a real browser: Debian's headless Chromium, driven over
//! WebDriver (chromedriver) with `fantoccini`, against the real app on
//! PostgreSQL with mail over loopback SMTP. A signer at phone width, and an
//! organiser and a moderator at desktop width. Screenshots go to
//! `target/screenshots/` for a person to look at.
//!
//! Chromium and chromedriver are Debian packages; when they are missing the
//! tests install them with apt-get (as `.ci/run` does before the suite).

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::support::*;
use undersigned::db::entities::user::Role;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

pub const PHONE: (u32, u32) = (390, 844);
pub const DESKTOP: (u32, u32) = (1280, 900);

/// Installs Debian's chromium and chromium-driver once, if they are missing.
fn ensure_chromium() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
            return;
        }
        let status = Command::new("sh")
            .arg("-c")
            .arg(
                "apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
                 apt-get install -y -qq --no-install-recommends chromium chromium-driver",
            )
            .status()
            .expect("apt-get runs");
        assert!(
            status.success(),
            "installing chromium and chromium-driver with apt-get failed ({status}); \
             the browser tests need them"
        );
    });
}

/// A headless Chromium session and the chromedriver behind it. Dropping it
/// (at the end of a test, and when a test fails or panics) ends chromedriver
/// and every browser process it started: chromedriver runs in a process group
/// of its own, and the whole group is killed, so no Chromium outlives its test.
pub struct Chrome {
    pub client: Client,
    _driver: Driver,
}

/// chromedriver, leader of its own process group, and the browser profile's folder.
struct Driver {
    process: Child,
    profile: PathBuf,
}

impl Driver {
    /// Whether any process of the group is still alive.
    fn group_alive(group: u32) -> bool {
        Command::new("kill")
            .args(["-0", "--", &format!("-{group}")])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let group = self.process.id();
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{group}")])
            .stderr(Stdio::null())
            .status();
        let _ = self.process.kill();
        let _ = self.process.wait();
        // Children killed with the group are reaped by init; wait for them to go.
        for _ in 0..100 {
            if !Driver::group_alive(group) {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

impl Chrome {
    pub async fn start(size: (u32, u32)) -> Chrome {
        Chrome::start_in(size, "en").await
    }

    /// A browser whose user reads `lang` (`--lang`, and the languages it asks sites for).
    pub async fn start_in((width, height): (u32, u32), lang: &str) -> Chrome {
        ensure_chromium();
        let port = free_port();
        let profile = std::env::temp_dir().join(format!(
            "undersigned-chromium-{}-{port}",
            std::process::id()
        ));
        let driver = Driver {
            process: Command::new(CHROMEDRIVER)
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .process_group(0)
                .spawn()
                .expect("chromedriver starts"),
            profile: profile.clone(),
        };
        let url = format!("http://127.0.0.1:{port}");
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update",
                    "--no-first-run", "--disable-dev-shm-usage",
                    format!("--window-size={width},{height}"),
                    format!("--user-data-dir={}", profile.display()),
                    format!("--lang={lang}"),
                ],
                "prefs": { "intl.accept_languages": lang },
            },
        });
        let caps = caps.as_object().unwrap().clone();
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let mut last = None;
        for _ in 0..100 {
            match ClientBuilder::new(connector.clone())
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => {
                    let mut chrome = Chrome {
                        client,
                        _driver: driver,
                    };
                    chrome.resize(width, height).await;
                    return chrome;
                }
                Err(e) => last = Some(e),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("no WebDriver session from chromedriver: {last:?}");
    }

    /// chromedriver's process group and the browser's profile folder.
    fn processes(&self) -> (u32, PathBuf) {
        (self._driver.process.id(), self._driver.profile.clone())
    }

    /// Makes the page's viewport exactly `width` × `height` CSS pixels.
    pub async fn resize(&mut self, width: u32, height: u32) {
        self.client.set_window_size(width, height).await.unwrap();
        let inner = self
            .client
            .execute("return [window.innerWidth, window.innerHeight];", vec![])
            .await
            .unwrap();
        let (iw, ih) = (
            inner[0].as_u64().unwrap() as u32,
            inner[1].as_u64().unwrap() as u32,
        );
        // The window's frame takes some room: grow it by that much.
        self.client
            .set_window_size(
                width + (width - iw.min(width)),
                height + (height - ih.min(height)),
            )
            .await
            .unwrap();
    }

    /// Opens a page and checks it with axe-core.
    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.unwrap();
        self.assert_accessible().await;
    }

    /// axe-core (npm, in `tests/tools`) finds no violation of any impact on
    /// the page shown: run on every page the browser tests visit.
    pub async fn assert_accessible(&self) {
        let violations = self.axe_violations().await;
        let url = self.client.current_url().await.unwrap();
        assert!(
            violations.is_empty(),
            "axe-core on {url}:\n{}",
            violations.join("\n")
        );
    }

    /// What axe-core finds on the page shown, one line per rule broken.
    async fn axe_violations(&self) -> Vec<String> {
        static AXE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let axe = AXE.get_or_init(|| {
            std::fs::read_to_string(test_tool("axe-core/axe.min.js")).expect("axe-core's script")
        });
        // WebDriver's scripts are not the page's, so its Content-Security-Policy allows them.
        self.client
            .execute(&format!("{axe}\nreturn typeof window.axe;"), vec![])
            .await
            .unwrap();
        let found = self
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   window.axe.run(document, { resultTypes: ["violations"] })
                     .then(r => done(r.violations.map(v =>
                        `${v.impact} ${v.id}: ${v.help}; at ${v.nodes.map(n => n.target.join(" ")).join(", ")}`)))
                     .catch(e => done([`axe-core failed: ${e}`]));"#,
                vec![],
            )
            .await
            .unwrap();
        serde_json::from_value(found).unwrap()
    }

    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css} on the page: {e}"))
    }

    pub async fn fill(&self, css: &str, text: &str) {
        let field = self.find(css).await;
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    /// Clicks and waits for the next page to load.
    pub async fn click_and_wait(&self, css: &str) {
        let old = self.find("html").await;
        self.find(css).await.click().await.unwrap();
        // The old document goes stale once the new one has replaced it.
        for _ in 0..100 {
            if old.tag_name().await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.find("body").await;
        self.assert_accessible().await;
    }

    /// Logs in through the login form, as `email` with the tests' password.
    pub async fn log_in(&self, app: &TestApp, email: &str) {
        self.goto(&app.url("/login")).await;
        self.fill("#email", email).await;
        self.fill("#password", PASSWORD).await;
        self.click_and_wait("main form button[type=submit]").await;
        assert_eq!(self.path().await, "/dashboard", "{email} is logged in");
    }

    pub async fn text(&self) -> String {
        self.find("body").await.text().await.unwrap()
    }

    pub async fn path(&self) -> String {
        self.client.current_url().await.unwrap().path().to_owned()
    }

    /// Saves what the viewport shows as `target/screenshots/<name>.png`.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.client.screenshot().await.unwrap();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap();
        path
    }

    /// The top of an element, in CSS pixels from the top of the page.
    pub async fn top_of(&self, css: &str) -> f64 {
        let (_, y, _, _) = self.find(css).await.rectangle().await.unwrap();
        y
    }

    /// The page is no wider than the viewport (nothing to scroll sideways).
    pub async fn assert_no_sideways_scroll(&self, what: &str) {
        let sizes = self
            .client
            .execute(
                "return [document.documentElement.scrollWidth, window.innerWidth];",
                vec![],
            )
            .await
            .unwrap();
        let (scroll, inner) = (sizes[0].as_u64().unwrap(), sizes[1].as_u64().unwrap());
        assert!(
            scroll <= inner,
            "{what} scrolls sideways: {scroll} > {inner}"
        );
    }
}

/// Whether any process's command line names `text`.
fn any_process_names(text: &str) -> bool {
    Command::new("pgrep")
        .args(["-f", "--", text])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A test that fails mid-way (here, a panic with the browser open) leaves no
/// chromedriver, no Chromium and no profile folder behind.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_test_that_panics_with_the_browser_open_leaves_no_browser_behind() {
    let (seen_tx, seen_rx) = tokio::sync::oneshot::channel();
    let failing = tokio::spawn(async move {
        let chrome = Chrome::start(PHONE).await;
        chrome.client.goto("about:blank").await.unwrap();
        let (group, profile) = chrome.processes();
        assert!(
            any_process_names(&profile.to_string_lossy()),
            "a browser runs"
        );
        seen_tx.send((group, profile)).unwrap();
        panic!("a test fails with the browser open");
    });
    assert!(failing.await.unwrap_err().is_panic());
    let (group, profile) = seen_rx.await.unwrap();
    assert!(!Driver::group_alive(group), "chromedriver's group is gone");
    assert!(
        !any_process_names(&profile.to_string_lossy()),
        "no Chromium runs with the test's profile"
    );
    assert!(!profile.exists(), "the profile folder is removed");
}

/// The accessibility check is the real one: a page without a language, a
/// title, a main landmark or an image's text is reported.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_core_reports_an_inaccessible_page() {
    let chrome = Chrome::start(PHONE).await;
    chrome
        .client
        .goto("data:text/html,<!DOCTYPE html><html><body><img src=x.png><p>text</p></body></html>")
        .await
        .unwrap();
    let found = chrome.axe_violations().await.join("\n");
    for rule in ["html-has-lang", "image-alt", "document-title"] {
        assert!(found.contains(rule), "{rule} not reported:\n{found}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signer_on_a_phone_corrects_the_form_confirms_by_email_and_finds_their_name() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec::published("phone")).await;
    let chrome = Chrome::start(PHONE).await;

    chrome.goto(&app.url("/letters/phone")).await;
    chrome.screenshot("phone-1-letter").await;
    chrome
        .assert_no_sideways_scroll("the letter page at 390 px")
        .await;
    // On a phone the form starts within the first screen, after the title and count.
    let form_top = chrome.top_of("form.sign").await;
    let name_top = chrome.top_of("form.sign #name").await;
    assert!(
        name_top < f64::from(PHONE.1),
        "the name field is below the fold: {name_top} (form at {form_top})"
    );
    assert!(
        chrome.top_of("#count").await < form_top,
        "the count comes first"
    );

    // A mistake: the page comes back with the message by the field and what was typed kept.
    chrome.fill("form.sign #name", "Ada Lovelace").await;
    chrome.fill("form.sign #email", "ada-at-example.org").await;
    chrome.click_and_wait("form.sign button[type=submit]").await;
    let error = chrome.find("#email-error").await.text().await.unwrap();
    assert!(!error.is_empty(), "the email field says what is wrong");
    let invalid = chrome
        .find("form.sign #email")
        .await
        .attr("aria-invalid")
        .await
        .unwrap();
    assert_eq!(invalid.as_deref(), Some("true"));
    let kept = chrome
        .find("form.sign #name")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(kept.as_deref(), Some("Ada Lovelace"));
    chrome.screenshot("phone-2-form-error").await;

    chrome.fill("form.sign #email", "ada@example.org").await;
    chrome.click_and_wait("form.sign button[type=submit]").await;
    assert_eq!(chrome.path().await, "/letters/phone/check-email");
    assert!(chrome.text().await.contains("Check your email"));
    assert_eq!(
        app.count("phone").await,
        0,
        "nothing counts before confirming"
    );

    // The email, as the signer gets it: open the link, press the button.
    let mail = app.mail.nth(1).await;
    assert_eq!(mail.to, "ada@example.org");
    chrome.goto(&mail.link(&app.url("/confirm/"))).await;
    chrome.screenshot("phone-3-confirm").await;
    chrome.click_and_wait("main form button[type=submit]").await;
    let thanks = chrome.text().await;
    assert!(thanks.contains("Thank you"), "{thanks}");
    assert!(thanks.contains("You are signatory no. 1"), "{thanks}");
    chrome.screenshot("phone-4-thank-you").await;
    chrome.assert_no_sideways_scroll("the thank-you page").await;

    chrome.goto(&app.url("/letters/phone")).await;
    let list = chrome.find("ol.signatures").await.text().await.unwrap();
    assert!(list.contains("Ada Lovelace"), "{list}");
    assert!(chrome
        .find("#count")
        .await
        .text()
        .await
        .unwrap()
        .contains("1 signed"));
    chrome.screenshot("phone-5-signed").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organiser_writes_and_submits_a_letter_and_a_moderator_publishes_it() {
    let app = spawn_app().await;
    app.add_user("org@example.org", Role::Organiser).await;
    app.add_user("mod@example.org", Role::Moderator).await;
    let chrome = Chrome::start(DESKTOP).await;

    chrome.log_in(&app, "org@example.org").await;
    chrome.goto(&app.url("/organiser/letters/new")).await;
    chrome.fill("#slug", "librarians-for-open-data").await;
    chrome.fill("#title", "Librarians for open data").await;
    chrome
        .fill(
            "#summary",
            "Public libraries ask the city to publish its datasets.",
        )
        .await;
    chrome
        .fill(
            "#body",
            "We, librarians of the city, **ask** for open data.",
        )
        .await;
    chrome.fill("#goal", "500").await;
    chrome.screenshot("desktop-1-new-letter").await;
    chrome.click_and_wait("button[value=save]").await;
    assert_eq!(
        chrome.path().await,
        "/organiser/letters/librarians-for-open-data"
    );
    chrome
        .click_and_wait("form[action$='/submit'] button")
        .await;
    assert!(chrome.text().await.to_lowercase().contains("review"));
    chrome.screenshot("desktop-2-submitted").await;
    assert_eq!(
        app.status_of("/letters/librarians-for-open-data").await,
        404,
        "not public before a moderator publishes it"
    );
    chrome.click_and_wait("form[action='/logout'] button").await;

    chrome.log_in(&app, "mod@example.org").await;
    chrome.goto(&app.url("/moderation")).await;
    chrome
        .click_and_wait("a[href='/moderation/letters/librarians-for-open-data']")
        .await;
    chrome.screenshot("desktop-3-review").await;
    chrome
        .click_and_wait("form[action$='/publish'] button")
        .await;
    assert_eq!(chrome.path().await, "/moderation");
    chrome.click_and_wait("form[action='/logout'] button").await;

    chrome
        .goto(&app.url("/letters/librarians-for-open-data"))
        .await;
    let page = chrome.text().await;
    assert!(page.contains("Librarians for open data"), "{page}");
    assert!(page.contains("0 signed"));
    // On a wide screen the form sits beside the letter, not below it.
    let form = chrome.find("form.sign").await.rectangle().await.unwrap();
    let body = chrome.find("article.body").await.rectangle().await.unwrap();
    assert!(
        form.0 > body.0 + body.2 - 1.0,
        "form {form:?} is right of the text {body:?}"
    );
    chrome.screenshot("desktop-4-published").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_site_reads_at_320_px_on_a_phone_and_on_a_desktop() {
    let app = spawn_with(Options {
        demo: true,
        ..Options::default()
    })
    .await;
    let pages = [
        ("home", "/"),
        ("letter", "/letters/students-wont-work-for-arclight"),
        (
            "group",
            "/letters/students-wont-work-for-arclight/groups/stanford",
        ),
        (
            "search",
            "/letters/students-wont-work-for-arclight?who=anonymous&q=state",
        ),
        ("embed", "/letters/students-wont-work-for-arclight/embed"),
        ("check", "/letters/students-wont-work-for-arclight/check"),
        ("campaign", "/campaigns/no-tech-for-arclight"),
        ("login", "/login"),
        ("api", "/api"),
    ];
    let mut chrome = Chrome::start((320, 720)).await;
    for (width, height) in [(320, 720), PHONE, DESKTOP] {
        chrome.resize(width, height).await;
        for (name, path) in pages {
            chrome.goto(&app.url(path)).await;
            chrome.find("body").await;
            chrome
                .assert_no_sideways_scroll(&format!("{path} at {width} px"))
                .await;
            chrome.screenshot(&format!("demo-{width}-{name}")).await;
        }
    }
    // The chart is drawn on the letter page (the image loaded, at its size).
    chrome
        .goto(&app.url("/letters/students-wont-work-for-arclight"))
        .await;
    let img = chrome.find(".chart img").await;
    let loaded = chrome
        .client
        .execute(
            "return arguments[0].complete && arguments[0].naturalWidth;",
            vec![serde_json::to_value(&img).unwrap()],
        )
        .await
        .unwrap();
    assert_eq!(loaded, json!(720), "the chart loads as a 720-wide image");
    // The group search filters as you type, without a round trip.
    let before = chrome.path().await;
    chrome.fill("#group-search", "berkeley").await;
    let shown = chrome
        .client
        .execute(
            "return [...document.querySelectorAll('#group-list li')]
               .filter(li => li.getBoundingClientRect().height > 0).length;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(shown, json!(1));
    assert_eq!(chrome.path().await, before);
    chrome.screenshot("demo-desktop-find-campus").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_approves_a_page_of_signatures_with_the_keyboard_alone() {
    let app = spawn_app().await;
    let mut spec = LetterSpec::published("held");
    spec.requires_approval = true;
    app.create_letter(spec).await;
    for i in 1..=3 {
        app.sign_and_confirm(
            "held",
            json!({"name": format!("Held {i}"), "email": format!("h{i}@example.org")}),
            i,
        )
        .await;
    }
    assert_eq!(app.count("held").await, 0, "held for approval");
    app.add_user("mod@example.org", Role::Moderator).await;
    let chrome = Chrome::start(DESKTOP).await;
    chrome.goto(&app.url("/login")).await;
    chrome.fill("#email", "mod@example.org").await;
    chrome.fill("#password", PASSWORD).await;
    chrome.click_and_wait("main form button[type=submit]").await;
    chrome
        .goto(&app.url("/moderation/signatures?letter=held&status=awaiting_approval"))
        .await;
    chrome.screenshot("desktop-5-moderation").await;

    // Space ticks "select all", typing picks the action, Enter submits.
    const SPACE: &str = "\u{e00d}";
    const ENTER: &str = "\u{e007}";
    chrome
        .find("input[data-select-all]")
        .await
        .send_keys(SPACE)
        .await
        .unwrap();
    let ticked = chrome
        .client
        .execute(
            "return [...document.querySelectorAll('input[name=ids]')].filter(b => b.checked).length;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(ticked, json!(3));
    chrome
        .find("#action")
        .await
        .send_keys("Approve")
        .await
        .unwrap();
    let old = chrome.find("html").await;
    chrome
        .find("form[action='/moderation/signatures/bulk'] button[type=submit]")
        .await
        .send_keys(ENTER)
        .await
        .unwrap();
    for _ in 0..100 {
        if old.tag_name().await.is_err() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(chrome.text().await.contains("No signatures here."));
    assert_eq!(app.count("held").await, 3, "all three approved");

    // The padding view shows the domain's burst; the form takes them out again.
    chrome
        .goto(&app.url("/moderation/letters/held/padding"))
        .await;
    assert!(chrome
        .find("#bursts + table")
        .await
        .text()
        .await
        .unwrap()
        .contains("example.org"));
    chrome.fill("#domain", "example.org").await;
    chrome
        .client
        .execute(
            "document.getElementById('from').value = '2000-01-01T00:00';
             document.getElementById('until').value = '2100-01-01T00:00';",
            vec![],
        )
        .await
        .unwrap();
    chrome.fill("#reason", "a test of the bulk form").await;
    chrome
        .click_and_wait("form[action='/moderation/letters/held/invalidate'] button")
        .await;
    chrome.assert_accessible().await;
    assert!(chrome
        .text()
        .await
        .contains("3 signatures taken out of the count."));
    assert_eq!(app.count("held").await, 0, "all three invalidated");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organiser_writes_an_update_a_moderator_publishes_it_and_a_signer_stops_them_in_one_click(
) {
    let app = spawn_app().await;
    app.create_letter(LetterSpec::published("talk-back")).await;
    app.add_user("org@example.org", Role::Organiser).await;
    app.add_user("mod@example.org", Role::Moderator).await;
    app.give_letter_to("talk-back", "org@example.org").await;
    app.sign_and_confirm(
        "talk-back",
        json!({"name": "Ada Reader", "email": "ada@example.org", "updates": true}),
        1,
    )
    .await;
    let chrome = Chrome::start(DESKTOP).await;
    // The organiser writes an update, previews it, sends it for review.
    chrome.log_in(&app, "org@example.org").await;
    chrome.goto(&app.url("/organiser/letters/talk-back")).await;
    chrome
        .click_and_wait("a[href='/organiser/letters/talk-back/updates/new']")
        .await;
    chrome.fill("#title", "The chairs have our letter").await;
    chrome
        .fill("#body", "We delivered it **today**. Thank you.")
        .await;
    chrome.click_and_wait("button[value=preview]").await;
    assert!(chrome
        .text()
        .await
        .contains("Preview: The chairs have our letter"));
    chrome.click_and_wait("button[value=submit]").await;
    assert_eq!(chrome.path().await, "/organiser/letters/talk-back");
    assert!(chrome.text().await.contains("in review"));
    chrome.screenshot("update-1-in-review").await;
    chrome.click_and_wait("form[action='/logout'] button").await;

    // A moderator publishes it from the queue.
    chrome.log_in(&app, "mod@example.org").await;
    chrome.goto(&app.url("/moderation")).await;
    assert!(chrome.text().await.contains("The chairs have our letter"));
    chrome
        .click_and_wait("form[action$='/publish'][action^='/moderation/updates/'] button")
        .await;
    assert_eq!(chrome.path().await, "/moderation");
    chrome.click_and_wait("form[action='/logout'] button").await;

    // The letter's page shows it.
    chrome.goto(&app.url("/letters/talk-back")).await;
    let page = chrome.text().await;
    assert!(
        page.contains("Updates") && page.contains("The chairs have our letter"),
        "{page}"
    );
    chrome.screenshot("update-2-on-the-page").await;

    // The signer's email carries a link to a page whose button stops the updates.
    let mails = app.mail.wait_for(2).await;
    let update = mails
        .iter()
        .find(|m| m.subject.contains("The chairs have our letter"))
        .expect("the update was mailed");
    assert_eq!(update.to, "ada@example.org");
    let link = update.link(&app.url("/unsubscribe/"));
    chrome.goto(&link).await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) AS n FROM signatures WHERE unsubscribed_at IS NOT NULL")
            .await,
        0,
        "opening the link changes nothing"
    );
    chrome.click_and_wait("main form button[type=submit]").await;
    assert!(chrome
        .text()
        .await
        .contains("You will get no more updates about this letter"));
    chrome.screenshot("update-3-unsubscribed").await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) AS n FROM signatures WHERE unsubscribed_at IS NOT NULL")
            .await,
        1
    );
    assert_eq!(
        app.count("talk-back").await,
        1,
        "the signature still counts"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_student_on_a_phone_finds_their_campus_signs_signs_up_to_organise_and_their_lead_sees_them(
) {
    use crate::volunteers::{campaign_with_a_lead, LEAD};
    let app = campaign_with_a_lead().await;
    let chrome = Chrome::start(PHONE).await;

    // From the campaign's page to the campus, whichever letter it is on.
    chrome.goto(&app.url("/campaigns/no-tech")).await;
    chrome
        .assert_no_sideways_scroll("the campaign page at 390 px")
        .await;
    chrome.fill("#group-search", "santa cruz").await;
    chrome.click_and_wait("form.find button[type=submit]").await;
    assert!(chrome.text().await.contains("UC Santa Cruz"));
    chrome.screenshot("campus-1-found").await;
    chrome
        .click_and_wait(r#"#group-list a[href="/letters/pledge/groups/ucsc"]"#)
        .await;
    assert_eq!(chrome.path().await, "/letters/pledge/groups/ucsc");

    // Signs the pledge for the campus.
    chrome.fill("form.sign #name", "Ana Slug").await;
    chrome.fill("form.sign #email", "ana@ucsc.edu").await;
    chrome.click_and_wait("form.sign button[type=submit]").await;
    assert_eq!(chrome.path().await, "/letters/pledge/check-email");

    // Back on the campus page, signs up to organise (the campus already chosen).
    chrome.goto(&app.url("/letters/pledge/groups/ucsc")).await;
    let chosen = chrome
        .find("#organise #v-group")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(chosen.as_deref(), Some("ucsc"));
    chrome.fill("#organise #v-name", "Ana Slug").await;
    chrome.fill("#organise #v-email", "ana@ucsc.edu").await;
    chrome
        .find("#organise #v-help-1")
        .await
        .click()
        .await
        .unwrap();
    chrome
        .fill("#organise #v-message", "I can book a room for a teach-in.")
        .await;
    chrome.screenshot("campus-2-organise").await;
    chrome.click_and_wait("#organise button[type=submit]").await;
    assert_eq!(
        chrome.path().await,
        "/campaigns/no-tech/organise/check-email"
    );
    assert!(chrome.text().await.contains("Check your email"));

    // Confirms both by email: the signature, then the sign-up.
    let signature = app.mail.nth(2).await;
    assert!(signature.subject.contains("Confirm your signature"));
    chrome.goto(&signature.link(&app.url("/confirm/"))).await;
    chrome.click_and_wait("main form button[type=submit]").await;
    assert!(chrome.text().await.contains("Thank you"));
    let sign_up = app.mail.nth(3).await;
    assert_eq!(sign_up.to, "ana@ucsc.edu");
    chrome
        .goto(&sign_up.link(&app.url("/volunteers/confirm/")))
        .await;
    chrome.click_and_wait("main form button[type=submit]").await;
    assert!(chrome.text().await.contains("Welcome to No Tech for ICE"));
    chrome.screenshot("campus-3-welcome").await;
    chrome
        .assert_no_sideways_scroll("the welcome page at 390 px")
        .await;
    let welcome = app.mail.nth(4).await;
    assert!(welcome.text.contains("https://example.org/toolkit"));

    // The campus lead, on their phone: the signature and the volunteer.
    chrome.client.delete_all_cookies().await.unwrap();
    chrome.log_in(&app, LEAD).await;
    chrome
        .click_and_wait(r#"a[href="/organiser/letters/pledge/groups/ucsc"]"#)
        .await;
    let page = chrome.text().await;
    assert!(page.contains("Ana Slug"), "{page}");
    assert!(page.contains("I can book a room for a teach-in."), "{page}");
    assert!(page.contains("ana@ucsc.edu"), "{page}");
    chrome
        .assert_no_sideways_scroll("the lead's group page at 390 px")
        .await;
    chrome.screenshot("campus-4-lead").await;
    chrome
        .click_and_wait(r#"a[href="/organiser/campaigns/no-tech/volunteers"]"#)
        .await;
    assert!(chrome.text().await.contains("Start a pledge at my school"));
    chrome
        .assert_no_sideways_scroll("the volunteers page at 390 px")
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_spanish_signer_reads_signs_confirms_and_is_thanked_in_spanish() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec::published("carta")).await;
    let chrome = Chrome::start_in(PHONE, "es").await;
    chrome.goto(&app.url("/letters/carta")).await;
    assert_eq!(
        chrome
            .find("html")
            .await
            .attr("lang")
            .await
            .unwrap()
            .as_deref(),
        Some("es")
    );
    let form = chrome.find("form.sign").await.text().await.unwrap();
    assert!(form.contains("Firma esta carta"), "{form}");
    assert!(chrome.text().await.contains("0 firmaron"));

    // A mistake is explained in Spanish.
    chrome.fill("#name", "Lucía Pérez").await;
    chrome.fill("#email", "lucia-at-example.org").await;
    chrome.click_and_wait("form.sign button[type=submit]").await;
    let error = chrome.find("#email-error").await.text().await.unwrap();
    assert_eq!(
        error,
        "Escribe una dirección de correo válida, como nombre@ejemplo.org."
    );

    chrome.fill("#email", "lucia@example.org").await;
    chrome.click_and_wait("form.sign button[type=submit]").await;
    assert!(chrome.text().await.contains("Revisa tu correo"));
    let mail = app.mail.nth(1).await;
    assert_eq!(mail.subject, "Confirma tu firma en «Letter carta»");
    assert!(mail.text.contains("Hola, Lucía Pérez:"));
    chrome.goto(&mail.link(&app.url("/confirm/"))).await;
    assert!(chrome.text().await.contains("Vas a confirmar tu firma"));
    chrome.click_and_wait("main form button[type=submit]").await;
    let thanks = chrome.text().await;
    assert!(thanks.contains("Gracias"), "{thanks}");
    assert!(thanks.contains("Eres la firma n.º 1"), "{thanks}");
    assert_eq!(app.count("carta").await, 1);
}
