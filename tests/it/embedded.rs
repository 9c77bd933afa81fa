//! The newcomer's defaults: SQLite, mail to `.eml` files, demo letters, `undersigned migrate`.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::support::{spawn_with, Backend, Options};

fn temp_dir(tag: &str) -> std::path::PathBuf {
    let mut b = [0u8; 6];
    getrandom::fill(&mut b).unwrap();
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    std::env::temp_dir().join(format!("undersigned-{tag}-{hex}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_smtp_the_demo_site_writes_mail_to_eml_files_with_working_links() {
    let dir = temp_dir("mail");
    let app = spawn_with(Options {
        backend: Backend::Sqlite,
        mail_dir: Some(dir.clone()),
        demo: true,
        ..Options::default()
    })
    .await;

    let letters = app.get_json("/api/v1/letters").await;
    let slugs: Vec<&str> = letters["letters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs.len(), 5, "{slugs:?}");
    assert!(slugs.contains(&"students-wont-work-for-arclight"));
    let pledge = app
        .get_json("/api/v1/letters/students-wont-work-for-arclight")
        .await;
    // The demo pledge shows campuses with domains, per-campus counts and verified badges.
    let campuses = pledge["groups"].as_array().unwrap();
    assert!(campuses.len() >= 5);
    let stanford = campuses.iter().find(|g| g["slug"] == "stanford").unwrap();
    assert_eq!(stanford["email_domains"], json!(["stanford.edu"]));
    assert!(stanford["signature_count"].as_u64().unwrap() >= 2);
    assert!(stanford["verified_count"].as_u64().unwrap() >= 2);
    assert!(pledge["verified_count"].as_u64().unwrap() >= 2);
    let page = app
        .get_text("/letters/students-wont-work-for-arclight")
        .await;
    assert!(page.contains("Find your campus"), "{page}");
    assert!(page.contains("/letters/students-wont-work-for-arclight/groups/stanford"));
    assert!(page.contains("verified stanford.edu address"));
    assert!(page.contains("Start a pledge at your campus"));
    let group_page = app
        .get_text("/letters/students-wont-work-for-arclight/groups/stanford")
        .await;
    assert!(group_page.contains("<em>Anonymous</em> <span class=\"verified\""));
    assert!(!group_page.contains("Demo Signer"));
    // The five letters are the fronts of one demo campaign, which leads the home page.
    let home = app.get_text("/").await;
    assert!(
        home.contains("href=\"/campaigns/no-tech-for-arclight\""),
        "{home}"
    );
    let campaign = app.get_json("/api/v1/campaigns/no-tech-for-arclight").await;
    assert_eq!(campaign["letters"].as_array().unwrap().len(), 5);
    let total: u64 = letters["letters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["signature_count"].as_u64().unwrap())
        .sum();
    assert_eq!(campaign["signature_count"], total);
    assert_eq!(campaign["timeline"].as_array().unwrap().len(), 3);
    // One batch collected on paper on the pledge, counted apart.
    assert_eq!(campaign["paper_count"], 37);
    // The demo organiser runs the campaign and sees its three volunteers; the
    // Stanford lead sees Stanford's two; the public sees none of them.
    let volunteers_of = |email: &'static str| {
        let app = &app;
        async move {
            let token = app
                .http
                .post(app.url("/api/v1/session"))
                .json(&json!({"email": email, "password": undersigned::DEMO_PASSWORD}))
                .send()
                .await
                .unwrap()
                .json::<serde_json::Value>()
                .await
                .unwrap()["token"]
                .as_str()
                .unwrap()
                .to_owned();
            app.api(
                reqwest::Method::GET,
                "/campaigns/no-tech-for-arclight/volunteers",
                Some(&token),
                None,
            )
            .await
            .json::<serde_json::Value>()
            .await
            .unwrap()["volunteers"]
                .as_array()
                .unwrap()
                .len()
        }
    };
    assert_eq!(volunteers_of(undersigned::DEMO_ORGANISER).await, 3);
    assert_eq!(volunteers_of(undersigned::DEMO_LEAD).await, 2);
    assert!(!app
        .get_text("/campaigns/no-tech-for-arclight")
        .await
        .contains("Maya Chen"));
    let page = app
        .get_text("/campaigns/no-tech-for-arclight?q=stanford")
        .await;
    assert!(page.contains("/letters/students-wont-work-for-arclight/groups/stanford"));
    let before = app.count("musicians-against-the-cloud-contract").await;

    let res = app
        .sign_api(
            "musicians-against-the-cloud-contract",
            json!({"name": "Nina Simone", "email": "nina@example.org"}),
        )
        .await;
    assert_eq!(res.status(), 202);

    let deadline = Instant::now() + Duration::from_secs(10);
    let eml = loop {
        let found = std::fs::read_dir(&dir)
            .ok()
            .and_then(|mut d| d.find_map(|e| e.ok().map(|e| e.path())));
        if let Some(path) = found.filter(|p| p.extension().is_some_and(|x| x == "eml")) {
            break std::fs::read(path).unwrap();
        }
        assert!(
            Instant::now() < deadline,
            "no .eml file in {}",
            dir.display()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let msg = mail_parser::MessageParser::default()
        .parse(&eml[..])
        .unwrap();
    let text = msg.body_text(0).unwrap().into_owned();
    let link = text
        .split_whitespace()
        .find(|w| w.starts_with(&app.url("/confirm/")))
        .expect("a confirmation link in the file");
    let res = app.press_button_behind(link).await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        app.count("musicians-against-the-cloud-contract").await,
        before + 1
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_migrate_command_creates_the_schema_and_is_idempotent() {
    let dir = temp_dir("migrate");
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("var").join("u.db");
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_undersigned"))
            .arg("migrate")
            .env(
                "ROCKET_DATABASE_URL",
                format!("sqlite://{}?mode=rwc", db.display()),
            )
            .output()
            .expect("the binary runs")
    };
    let first = run();
    assert!(first.status.success(), "{first:?}");
    assert!(db.exists(), "the SQLite file and its folder are created");
    let second = run();
    assert!(second.status.success(), "{second:?}");
    assert!(String::from_utf8_lossy(&second.stdout).contains("up to date"));

    let help = std::process::Command::new(env!("CARGO_BIN_EXE_undersigned"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("migrate") && help.contains("serve"), "{help}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_bad_database_url_makes_migrate_fail_with_a_clear_message() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_undersigned"))
        .arg("migrate")
        .env(
            "ROCKET_DATABASE_URL",
            "postgres://postgres@127.0.0.1:1/nothing",
        )
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("database"),
        "{out:?}"
    );
}

#[test]
fn user_add_creates_a_confirmed_account_and_refuses_duplicates_and_weak_passwords() {
    let dir = temp_dir("users");
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("u.db");
    let add = |email: &str, password: Option<&str>, stdin: &str| {
        use std::io::Write;
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_undersigned"));
        cmd.args(["user", "add", "--email", email, "--role", "moderator"])
            .env(
                "ROCKET_DATABASE_URL",
                format!("sqlite://{}?mode=rwc", db.display()),
            )
            .env_remove("UNDERSIGNED_PASSWORD")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        if let Some(p) = password {
            cmd.env("UNDERSIGNED_PASSWORD", p);
        }
        let mut child = cmd.spawn().unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let ok = add("first@example.org", Some("a long enough passphrase"), "");
    assert!(ok.status.success(), "{ok:?}");
    assert!(String::from_utf8_lossy(&ok.stdout).contains("first@example.org"));

    let from_stdin = add("second@example.org", None, "another long passphrase\n");
    assert!(from_stdin.status.success(), "{from_stdin:?}");

    let duplicate = add("First@Example.org", Some("a long enough passphrase"), "");
    assert!(!duplicate.status.success());
    assert!(
        String::from_utf8_lossy(&duplicate.stderr).contains("already exists"),
        "{duplicate:?}"
    );

    let weak = add("third@example.org", Some("short"), "");
    assert!(!weak.status.success());
    assert!(
        String::from_utf8_lossy(&weak.stderr).contains("password"),
        "{weak:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
