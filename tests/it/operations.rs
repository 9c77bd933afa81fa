//! What operators measure with: Prometheus metrics and request ids.

use serde_json::json;

use crate::support::{spawn_with, LetterSpec, Options};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_count_requests_by_route_signatures_and_the_outbox_and_logs_carry_request_ids() {
    let app = spawn_with(Options {
        process: true,
        ..Options::default()
    })
    .await;
    app.create_letter(LetterSpec::published("open")).await;
    let res = app
        .sign_api("open", json!({"name": "Ada", "email": "ada@example.org"}))
        .await;
    assert_eq!(res.status(), 202);
    let request_id = res.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert!(request_id.len() > 8, "{request_id}");
    let link = app.mail.nth(1).await.link(&app.url("/confirm/"));
    let token = link.rsplit('/').next().unwrap().to_owned();
    assert_eq!(app.press_button_behind(&link).await.status(), 200);

    let res = app.http.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain; version=0.0.4"));
    let text = res.text().await.unwrap();
    let has = |line: &str| {
        assert!(
            text.lines().any(|l| l == line),
            "no line {line:?} in:\n{text}"
        )
    };
    has("undersigned_signatures_accepted_total 1");
    has("undersigned_signatures_confirmed_total 1");
    has(
        r#"undersigned_http_requests_total{method="POST",route="/api/v1/letters/<slug>/signatures",status="202"} 1"#,
    );
    has(
        r#"undersigned_http_requests_total{method="POST",route="/confirm/<token>",status="200"} 1"#,
    );
    assert!(text.contains(
        r#"undersigned_http_request_duration_seconds_bucket{method="POST",route="/api/v1/letters/<slug>/signatures",le="0.1"}"#
    ));
    has("undersigned_outbox_backlog 0");
    assert!(text.contains("undersigned_outbox_oldest_age_seconds"));
    assert!(text.contains(r#"undersigned_db_pool_connections{state="open"}"#));
    // Labels are route patterns: a token in a path never becomes a label.
    assert!(!text.contains(&token));

    // The service's log line for that request carries the same id, and no address.
    let log = app.output();
    let line = log
        .lines()
        .find(|l| l.contains(&request_id))
        .unwrap_or_else(|| panic!("no log line with {request_id}:\n{log}"));
    assert!(
        line.contains("route=/api/v1/letters/<slug>/signatures") && line.contains("status=202"),
        "{line}"
    );
    assert!(!log.contains("ada@example.org"), "{log}");
    assert!(!log.contains(&token), "a token in the log:\n{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_queue_tables_are_vacuumed_by_a_fixed_number_of_dead_rows_on_postgresql() {
    let app = crate::support::spawn_app().await;
    let tuned = |option: &str| {
        format!(
            "SELECT COUNT(*) AS n FROM pg_class \
             WHERE relname IN ('outbox', 'tokens', 'rate_counters') \
             AND '{option}' = ANY(reloptions)"
        )
    };
    for option in [
        "autovacuum_vacuum_scale_factor=0",
        "autovacuum_vacuum_threshold=5000",
        "fillfactor=80",
    ] {
        assert_eq!(app.scalar(&tuned(option)).await, 3, "{option}");
    }
    // Tables that grow but are not queues keep PostgreSQL's defaults.
    assert_eq!(
        app.scalar("SELECT COUNT(*) AS n FROM pg_class WHERE relname = 'signatures' AND reloptions IS NOT NULL")
            .await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_service_vacuums_a_queue_table_when_its_dead_rows_pile_up() {
    let app = spawn_with(Options {
        settings: vec![
            ("vacuum_interval_secs", "1".into()),
            ("vacuum_dead_rows", "500".into()),
        ],
        ..Options::default()
    })
    .await;
    let vacuums = "SELECT vacuum_count AS n FROM pg_stat_user_tables WHERE relname = 'outbox'";
    let before = app.scalar(vacuums).await;
    // 2,000 sent messages written and deleted: 2,000 dead rows.
    for sql in [
        "INSERT INTO outbox (kind, to_address, subject, body_text, body_html, status, attempts, next_attempt_at, created_at) \
         SELECT 'confirm_signature', 'dead-' || g || '@example.org', 's', 't', 'h', 'sent', 1, now(), now() \
         FROM generate_series(1, 2000) g",
        "DELETE FROM outbox WHERE to_address LIKE 'dead-%'",
    ] {
        app.scalar(&format!("WITH done AS ({sql} RETURNING 1) SELECT COUNT(*) AS n FROM done"))
            .await;
    }
    // PostgreSQL's statistics reach pg_stat_user_tables within seconds; the
    // service checks every second.
    let mut vacuumed = false;
    for _ in 0..60 {
        if app.scalar(vacuums).await > before {
            vacuumed = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    assert!(vacuumed, "the outbox was not vacuumed");
    // The signatures table is no queue: it is left to autovacuum.
    assert_eq!(
        app.scalar(
            "SELECT vacuum_count AS n FROM pg_stat_user_tables WHERE relname = 'signatures'"
        )
        .await,
        0
    );
}
