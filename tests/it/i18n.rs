//! Every word in the reader's language: the message files agree with each
//! other and with what the templates and the code ask for; a Spanish
//! reader gets the signing path in Spanish; API errors carry a stable code.

use std::collections::BTreeSet;
use std::path::Path;

use reqwest::Method;
use serde_json::{json, Value};

use crate::support::*;
use undersigned::i18n;

/// Every file under `dir` with one of `exts`, as text.
fn sources(dir: &Path, exts: &[&str], out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, exts, out);
        } else if exts.iter().any(|e| path.to_string_lossy().ends_with(e)) {
            out.push((
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
}

/// `url`'s text, read by a client of its own (no cookie from earlier pages).
async fn fresh_text(url: &str) -> String {
    reqwest::get(url).await.unwrap().text().await.unwrap()
}

/// `url`'s JSON, read by a client of its own.
async fn fresh_json(url: &str) -> Value {
    reqwest::get(url).await.unwrap().json().await.unwrap()
}

/// The templates' and the code's text.
fn templates_and_code() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(
        &root.join("templates"),
        &[".tera", ".html", ".txt"],
        &mut files,
    );
    sources(&root.join("src"), &[".rs"], &mut files);
    files
}

/// The message ids the templates and the code ask for: `t(key="…")` and
/// `th(key="…")` in templates, `Msg::id("…")`, `t(…, "…")` and
/// `t_args(…, "…")` in the code.
fn ids_used() -> BTreeSet<String> {
    let files = templates_and_code();
    let patterns = [
        regex::Regex::new(r#"\bth?\(\s*key\s*=\s*"([a-z0-9-]+)""#).unwrap(),
        regex::Regex::new(r#"Msg::id\(\s*"([a-z0-9-]+)""#).unwrap(),
        regex::Regex::new(r#"i18n::t(?:_args)?\(\s*[^,()]+,\s*"([a-z0-9-]+)""#).unwrap(),
    ];
    let mut used = BTreeSet::new();
    for (_, text) in &files {
        for p in &patterns {
            for c in p.captures_iter(text) {
                used.insert(c[1].to_owned());
            }
        }
    }
    used
}

#[test]
fn every_language_has_every_message_used_and_no_message_goes_unused() {
    let used = ids_used();
    assert!(used.len() > 50, "the scan finds the messages: {used:?}");
    let languages = i18n::languages();
    assert!(languages.contains(&"en".to_owned()) && languages.contains(&"es".to_owned()));
    let english: BTreeSet<String> = i18n::ids_of("en").into_iter().collect();
    for lang in languages {
        let ids: BTreeSet<String> = i18n::ids_of(lang).into_iter().collect();
        let missing: Vec<&String> = used.difference(&ids).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        let extra: Vec<&String> = ids.difference(&english).collect();
        assert!(extra.is_empty(), "{lang} has ids English lacks: {extra:?}");
    }
    // An id no template or code names (as `"id"`, however it is passed on) is dead.
    let files = templates_and_code();
    let unused: Vec<&String> = english
        .iter()
        .filter(|id| {
            let quoted = format!("\"{id}\"");
            !files.iter().any(|(_, text)| text.contains(&quoted))
        })
        .collect();
    assert!(unused.is_empty(), "messages nobody uses: {unused:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_spanish_reader_signs_in_spanish_and_is_mailed_in_spanish() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec::published("carta")).await;
    let es = |path: &str| {
        app.http
            .get(app.url(path))
            .header("Accept-Language", "es-MX,es;q=0.9,en;q=0.5")
    };
    let page = es("/letters/carta")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(r#"<html lang="es" dir="ltr">"#), "{page}");
    assert!(page.contains("Firma esta carta"));
    assert!(!page.contains("Sign this letter"));
    let home = es("/").send().await.unwrap().text().await.unwrap();
    assert!(home.contains("Cartas abiertas y campañas"), "{home}");
    assert!(home.contains("<strong>0</strong> firmaron"), "{home}");

    // The API's errors stay English, with a code; the mail is Spanish.
    let res = app
        .http
        .post(app.url("/api/v1/letters/carta/signatures"))
        .header("Accept-Language", "es")
        .json(&json!({"name": "", "email": "not an address"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let err: Value = res.json().await.unwrap();
    assert_eq!(err["code"], "invalid_field");
    assert_eq!(err["errors"]["name"], "Enter your name.");
    let res = app
        .http
        .post(app.url("/api/v1/letters/carta/signatures"))
        .header("Accept-Language", "es")
        .json(&json!({"name": "Lucía Pérez", "email": "lucia@example.org"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 202);
    let mail = app.mail.nth(1).await;
    assert_eq!(mail.subject, "Confirma tu firma en «Letter carta»");
    assert!(mail.text.contains("Hola, Lucía Pérez:"), "{}", mail.text);
    assert!(mail.text.contains("Gracias por firmar"));
    let confirm = mail.link(&app.url("/confirm/"));
    let page = es(confirm.trim_start_matches(&app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Vas a confirmar tu firma"), "{page}");

    // ?lang= wins over the header, and the switcher's cookie keeps it.
    let page = es("/letters/carta?lang=en").send().await.unwrap();
    let cookie = page.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("lang=en"), "{cookie}");
    assert!(page.text().await.unwrap().contains("Sign this letter"));
    let page = es("/letters/carta")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(r#"<html lang="en""#),
        "the cookie outranks the header"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_api_error_carries_a_stable_code() {
    let app = spawn_app().await;
    let mut closed = LetterSpec::published("shut");
    closed.status = undersigned::db::entities::letter::LetterStatus::Closed;
    app.create_letter(closed).await;
    for (method, path, body, status, code) in [
        (Method::GET, "/letters/nope", None, 404, "not_found"),
        (Method::GET, "/no-such-route", None, 404, "not_found"),
        (
            Method::POST,
            "/letters/shut/signatures",
            Some(json!({"name": "A", "email": "a@example.org"})),
            410,
            "letter_closed",
        ),
        (
            Method::POST,
            "/confirm",
            Some(json!({"token": "no-such-token-no-such-token-no-such-token-x"})),
            410,
            "link_not_valid",
        ),
        (
            Method::POST,
            "/letters",
            Some(json!({})),
            401,
            "unauthorized",
        ),
        (
            Method::POST,
            "/session",
            Some(json!({"email": "nobody@example.org", "password": "wrong password"})),
            401,
            "bad_credentials",
        ),
    ] {
        let res = app.api(method.clone(), path, None, body).await;
        assert_eq!(res.status().as_u16(), status, "{method} {path}");
        let err: Value = res.json().await.unwrap();
        assert_eq!(err["code"], code, "{method} {path}: {err}");
        assert!(err["error"].is_string());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_letter_in_english_and_spanish_has_one_count_both_texts_and_one_list() {
    let app = spawn_with(Options {
        demo: true,
        ..Options::default()
    })
    .await;
    app.add_user(
        "org@example.org",
        undersigned::db::entities::user::Role::Organiser,
    )
    .await;
    let token = app.api_token("org@example.org").await;
    let res = app
        .api(
            Method::POST,
            "/letters",
            Some(&token),
            Some(json!({"slug": "both", "title": "Drop the sponsor", "summary": "We ask.",
                        "body": "We **ask** the chairs.", "category": "academics", "language": "en",
                        "translations": {"es": {"title": "Retiren al patrocinador",
                                                "summary": "Lo pedimos.", "body": "Se lo **pedimos** a la presidencia."}}})),
        )
        .await;
    assert_eq!(res.status(), 201);
    // A translation in the letter's own language, or without its text, is refused.
    let res = app
        .api(
            Method::PATCH,
            "/letters/both",
            Some(&token),
            Some(
                json!({"translations": {"en": {"title": "x", "summary": "y", "body": "z"},
                                         "fr": {"title": "Seulement un titre"}}}),
            ),
        )
        .await;
    assert_eq!(res.status(), 422);
    let err: Value = res.json().await.unwrap();
    assert!(err["errors"]["translations.en"].is_string(), "{err}");
    assert!(err["errors"]["translations.fr.body"].is_string(), "{err}");
    // Published straight away, as a moderator would.
    use sea_orm::ConnectionTrait;
    app.db
        .execute_unprepared(
            "UPDATE letters SET status = 'published', published_at = now() WHERE slug = 'both'",
        )
        .await
        .unwrap();

    let en = app.get_json("/api/v1/letters/both").await;
    let es = app.get_json("/api/v1/letters/both?lang=es").await;
    assert_eq!(
        (en["title"].as_str(), en["language"].as_str()),
        (Some("Drop the sponsor"), Some("en"))
    );
    assert_eq!(
        (es["title"].as_str(), es["language"].as_str()),
        (Some("Retiren al patrocinador"), Some("es"))
    );
    assert_eq!(es["languages"], json!(["en", "es"]));
    // (A client of its own: ?lang= sets the cookie, and the app's client signs below.)
    let page = fresh_text(&app.url("/letters/both?lang=es")).await;
    assert!(
        page.contains("Se lo <strong>pedimos</strong> a la presidencia."),
        "{page}"
    );
    assert!(page.contains(r#"href="/letters/both?lang=en""#));

    // One count and one list, whichever language each signer read.
    app.sign_and_confirm(
        "both",
        json!({"name": "Ada", "email": "ada@example.org"}),
        1,
    )
    .await;
    let res = app
        .http
        .post(app.url("/api/v1/letters/both/signatures?lang=es"))
        .json(&json!({"name": "Lucía", "email": "lucia@example.org"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 202);
    let mail = app.mail.nth(2).await;
    assert!(
        mail.subject
            .starts_with("Confirma tu firma en «Retiren al patrocinador»"),
        "{}",
        mail.subject
    );
    assert_eq!(
        app.press_button_behind(&mail.link(&app.url("/confirm/")))
            .await
            .status(),
        200
    );
    let en = app.get_json("/api/v1/letters/both").await;
    let es = app.get_json("/api/v1/letters/both?lang=es").await;
    assert_eq!(en["signature_count"], 2);
    assert_eq!(es["signature_count"], 2);
    let list_en = app.get_json("/api/v1/letters/both/signatures").await;
    let list_es = app
        .get_json("/api/v1/letters/both/signatures?lang=es")
        .await;
    assert_eq!(list_en, list_es);
    // The letter as a PDF, in each reader's language.
    for (lang, title, counted) in [
        ("en", "Drop the sponsor", "2 signatures as of"),
        ("es", "Retiren al patrocinador", "2 firmas a"),
    ] {
        let pdf = reqwest::get(app.url(&format!("/letters/both/letter.pdf?lang={lang}")))
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let (text, _) = crate::deliveries::pdf_text_and_streams(&pdf);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains(title) && flat.contains(counted),
            "{lang}: {flat}"
        );
    }
    // The chart and the badge too.
    let chart = fresh_text(&app.url("/letters/both/chart.svg?lang=es")).await;
    assert!(
        chart.contains("Firmas a lo largo del tiempo: Retiren al patrocinador"),
        "{chart}"
    );
    assert!(chart.contains("2 firmas en total"), "{chart}");
    let badge = fresh_text(&app.url("/letters/both/badge.svg?lang=es")).await;
    assert!(badge.contains(">firmas</text>"), "{badge}");
    assert!(fresh_text(&app.url("/letters/both/badge.svg"))
        .await
        .contains(">signatures</text>"));
    // The organiser sees the count per language, and every translation.
    let own: Value = app
        .api(Method::GET, "/letters/both", Some(&token), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(own["signatures_by_language"], json!({"en": 1, "es": 1}));
    assert_eq!(
        own["translations"]["es"]["title"],
        "Retiren al patrocinador"
    );

    // The demo student pledge reads in Spanish.
    let pledge = app
        .get_json("/api/v1/letters/students-wont-work-for-arclight?lang=es")
        .await;
    assert_eq!(pledge["language"], "es");
    assert!(pledge["title"]
        .as_str()
        .unwrap()
        .starts_with("Compromiso estudiantil"));
}

/// A campaign and an update in English and Spanish: each reader reads (and
/// each signer is mailed) their language's text, with one count and one list.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_campaign_and_an_update_in_english_and_spanish() {
    use undersigned::db::entities::user::Role;
    let app = spawn_app().await;
    app.create_letter(LetterSpec::published("dos")).await;
    app.add_user("org@example.org", Role::Organiser).await;
    app.add_user("mod@example.org", Role::Moderator).await;
    app.give_letter_to("dos", "org@example.org").await;
    let org = app.api_token("org@example.org").await;
    let moderator = app.api_token("mod@example.org").await;

    // A campaign with a Spanish translation; a bad one changes nothing.
    let res = app
        .api(
            Method::POST,
            "/campaigns",
            Some(&org),
            Some(
                json!({"slug": "juntos", "title": "Together", "summary": "One campaign.",
                        "body": "The **story**.", "language": "en",
                        "translations": {"es": {"title": "Juntos", "summary": "Una campaña.",
                                                "body": "La **historia**."}}}),
            ),
        )
        .await;
    assert_eq!(res.status(), 201);
    let created: Value = res.json().await.unwrap();
    assert_eq!(created["translations"]["es"]["title"], "Juntos");
    for bad in [
        json!({"translations": {"en": {"title": "T", "summary": "S", "body": "B"}}}),
        json!({"translations": {"not a tag!": {"title": "T", "summary": "S", "body": "B"}}}),
        json!({"translations": {"fr": {"title": "", "summary": "S", "body": "B"}}}),
    ] {
        let res = app
            .api(Method::PATCH, "/campaigns/juntos", Some(&org), Some(bad))
            .await;
        assert_eq!(res.status(), 422);
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "invalid_field");
    }
    for (method, path, body) in [
        (
            Method::PATCH,
            "/letters/dos",
            Some(json!({"campaign": "juntos"})),
        ),
        (Method::POST, "/campaigns/juntos/submit", None),
    ] {
        let res = app.api(method, path, Some(&org), body).await;
        assert!(res.status().is_success(), "{path}: {}", res.status());
    }
    let res = app
        .api(
            Method::POST,
            "/moderation/campaigns/juntos/publish",
            Some(&moderator),
            None,
        )
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    let es: Value = fresh_json(&app.url("/api/v1/campaigns/juntos?lang=es")).await;
    assert_eq!(es["title"], "Juntos");
    assert_eq!(es["language"], "es");
    assert_eq!(es["languages"], json!(["en", "es"]));
    assert!(es.get("translations").is_none(), "the public sees one text");
    let en: Value = fresh_json(&app.url("/api/v1/campaigns/juntos")).await;
    assert_eq!(en["title"], "Together");
    assert_eq!(en["signature_count"], es["signature_count"]);
    let page = fresh_text(&app.url("/campaigns/juntos?lang=es")).await;
    assert!(
        page.contains(r#"<h1 lang="es" dir="ltr">Juntos</h1>"#),
        "{page}"
    );
    assert!(page.contains("La <strong>historia</strong>."), "{page}");

    // Two signers who agreed to updates, one in each language.
    app.sign_and_confirm(
        "dos",
        json!({"name": "Ann", "email": "ann@example.org", "updates": true}),
        1,
    )
    .await;
    let res = app
        .http
        .post(app.url("/api/v1/letters/dos/signatures?lang=es"))
        .json(&json!({"name": "Bea", "email": "bea@example.org", "updates": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 202);
    let confirm = app.mail.nth(2).await.link(&app.url("/confirm/"));
    assert_eq!(app.press_button_behind(&confirm).await.status(), 200);

    // An update with a Spanish translation; one in the letter's own language is refused.
    let res = app
        .api(
            Method::POST,
            "/letters/dos/updates",
            Some(&org),
            Some(json!({"title": "We met", "body": "The **board** listened.",
                        "translations": {"en": {"title": "Again", "body": "Again."}}})),
        )
        .await;
    assert_eq!(res.status(), 422);
    let res = app
        .api(
            Method::POST,
            "/letters/dos/updates",
            Some(&org),
            Some(json!({"title": "We met", "body": "The **board** listened.",
                        "translations": {"es": {"title": "Nos reunimos",
                                                "body": "La **junta** escuchó."}}})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let res = app
        .api(
            Method::POST,
            &format!("/moderation/updates/{id}/publish"),
            Some(&moderator),
            None,
        )
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    let mails = app.mail.wait_for(4).await;
    let to = |who: &str| {
        mails
            .iter()
            .find(|m| m.to == who && m.text.contains("/unsubscribe/"))
            .unwrap_or_else(|| panic!("no update to {who}: {mails:#?}"))
    };
    let (ann, bea) = (to("ann@example.org"), to("bea@example.org"));
    assert_eq!(ann.subject, "We met · “Letter dos”");
    assert!(ann.text.contains("The **board** listened."), "{}", ann.text);
    assert!(ann.text.contains("have posted an update"), "{}", ann.text);
    assert_eq!(bea.subject, "Nos reunimos · «Letter dos»");
    assert!(bea.text.contains("La **junta** escuchó."), "{}", bea.text);
    assert!(
        bea.text.contains("han publicado una novedad"),
        "{}",
        bea.text
    );
    assert!(
        bea.html.contains("La <strong>junta</strong> escuchó."),
        "{}",
        bea.html
    );
    // Each one's own unsubscribe link.
    assert_ne!(
        ann.link(&app.url("/unsubscribe/")),
        bea.link(&app.url("/unsubscribe/"))
    );

    // Readers read it in their language, on the page and in the API.
    let list: Value = fresh_json(&app.url("/api/v1/letters/dos/updates?lang=es")).await;
    assert_eq!(list["updates"][0]["title"], "Nos reunimos");
    assert_eq!(list["updates"][0]["language"], "es");
    let list: Value = fresh_json(&app.url("/api/v1/letters/dos/updates")).await;
    assert_eq!(list["updates"][0]["title"], "We met");
    let page = fresh_text(&app.url("/letters/dos?lang=es")).await;
    assert!(page.contains("Nos reunimos"), "{page}");
    // The home page lists the campaign by its Spanish title, the feed the update.
    let home = fresh_text(&app.url("/?lang=es")).await;
    assert!(home.contains(">Juntos</a>"), "{home}");
    let feed = fresh_text(&app.url("/letters/dos/updates.atom?lang=es")).await;
    assert!(
        feed.contains("Nos reunimos") && feed.contains("Novedades sobre"),
        "{feed}"
    );
}
