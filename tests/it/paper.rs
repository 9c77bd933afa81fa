//! Signatures on paper: an organiser or a group's lead records a batch; it
//! counts towards the letter and its group, apart from those signed online,
//! is never verified, is marked "on paper" on the page, in the JSON and the
//! CSV, and a moderator may remove it. Every step is audited; bad input and
//! the wrong person change nothing.

use reqwest::Method;
use serde_json::{json, Value};

use crate::volunteers::{campaign_with_a_lead, LEAD, ORGANISER};
use undersigned::db::entities::user::Role;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paper_signatures_count_apart_are_never_verified_and_a_moderator_may_remove_them() {
    let app = campaign_with_a_lead().await;
    app.add_user("stranger@example.org", Role::Organiser).await;
    app.sign_and_confirm(
        "pledge",
        json!({"name": "Ana Slug", "email": "ana@ucsc.edu", "group": "ucsc"}),
        2,
    )
    .await;
    let org = app.api_token(ORGANISER).await;
    let lead = app.api_token(LEAD).await;
    let moderator = app.api_token("mod@example.org").await;
    let stranger = app.api_token("stranger@example.org").await;
    let record = |token: Option<String>, body: Value| {
        let app = &app;
        async move {
            app.api(
                Method::POST,
                "/letters/pledge/paper",
                token.as_deref(),
                Some(body),
            )
            .await
        }
    };
    let stall = json!({"group": "stanford", "count": 40, "collected_on": "2026-11-20",
                       "place": "Stall at White Plaza", "names": ["Rosa Parkes", "Li Wei"]});

    // Bad input: an error per field, nothing stored.
    let res = record(
        Some(org.clone()),
        json!({"group": "mit", "count": 0, "collected_on": "2999-01-01", "place": "",
               "names": ["https://spam.example"]}),
    )
    .await;
    assert_eq!(res.status(), 422);
    let errors: Value = res.json().await.unwrap();
    for field in ["group", "count", "collected_on", "place", "names[0]"] {
        assert!(errors["errors"][field].is_string(), "{field}: {errors}");
    }
    let res = record(
        Some(org.clone()),
        json!({"count": 1, "collected_on": "2026-11-20", "place": "Quad", "names": ["A B", "C D"]}),
    )
    .await;
    assert_eq!(res.status(), 422, "more names than signatures");
    // The wrong people: nothing stored either.
    assert_eq!(record(None, stall.clone()).await.status(), 401);
    assert_eq!(
        record(Some(stranger.clone()), stall.clone()).await.status(),
        403
    );
    assert_eq!(
        record(Some(lead.clone()), stall.clone()).await.status(),
        403,
        "a lead records for their own group only"
    );
    let mut no_group = stall.clone();
    no_group["group"] = Value::Null;
    assert_eq!(record(Some(lead.clone()), no_group).await.status(), 403);
    assert_eq!(app.rows("paper_batches").await, 0);

    // The organiser records the stall's sheets; the lead their teach-in's.
    let res = record(Some(org.clone()), stall).await;
    assert_eq!(res.status(), 201);
    let batch: Value = res.json().await.unwrap();
    assert_eq!(batch["paper"], true);
    assert_eq!(batch["count"], 40);
    assert_eq!(batch["group"], "stanford");
    assert_eq!(batch["names"], json!(["Rosa Parkes", "Li Wei"]));
    let res = record(
        Some(lead.clone()),
        json!({"group": "ucsc", "count": 12, "collected_on": "2026-11-28",
               "place": "Teach-in, Baskin auditorium"}),
    )
    .await;
    assert_eq!(res.status(), 201);

    // Counted towards the letter and the groups, apart; never verified.
    let letter = app.get_json("/api/v1/letters/pledge").await;
    assert_eq!(letter["signature_count"], 53, "{letter}");
    assert_eq!(letter["paper_count"], 52);
    assert_eq!(letter["verified_count"], 1);
    let group = |slug: &str| {
        letter["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["slug"] == slug)
            .unwrap()
            .clone()
    };
    assert_eq!(group("ucsc")["signature_count"], 13);
    assert_eq!(group("ucsc")["paper_count"], 12);
    assert_eq!(group("ucsc")["verified_count"], 1);
    assert_eq!(group("stanford")["signature_count"], 40);
    assert_eq!(group("stanford")["verified_count"], 0);
    assert_eq!(letter["paper"].as_array().unwrap().len(), 2);
    let campaign = app.get_json("/api/v1/campaigns/no-tech").await;
    assert_eq!(campaign["signature_count"], 53);
    assert_eq!(campaign["paper_count"], 52);
    let page = app.get_text("/letters/pledge").await;
    assert!(page.contains("53 signed"), "{page}");
    assert!(
        page.contains("1 online, 1 of them verified, + 52 on paper"),
        "{page}"
    );
    assert!(page.contains("Rosa Parkes"), "named on the list");
    assert!(page.contains("Stall at White Plaza"));
    let csv = app.get_text("/letters/pledge/signatures.csv").await;
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",paper"), "{header}");
    let rosa = csv.lines().find(|l| l.starts_with("Rosa Parkes,")).unwrap();
    assert!(rosa.ends_with(",true"), "{rosa}");
    assert!(rosa.contains(",stanford,"), "{rosa}");
    let ana = csv.lines().find(|l| l.starts_with("Ana Slug,")).unwrap();
    assert!(ana.ends_with(",false"), "{ana}");
    let list = app.get_json("/api/v1/letters/pledge/signatures").await;
    assert_eq!(list["signatures"][0]["paper"], false);
    let group_page = app.get_text("/letters/pledge/groups/stanford").await;
    assert!(group_page.contains("40 signed") && group_page.contains("Rosa Parkes"));

    // Only a moderator removes a batch, with a reason; it leaves the count.
    let id = batch["id"].as_i64().unwrap();
    let remove = format!("/moderation/paper/{id}/remove");
    let reason = json!({"reason": "The same sheet was entered twice."});
    let res = app
        .api(Method::POST, &remove, Some(&org), Some(reason.clone()))
        .await;
    assert_eq!(res.status(), 403);
    let res = app
        .api(Method::POST, &remove, Some(&moderator), Some(json!({})))
        .await;
    assert_eq!(res.status(), 422, "a reason is required");
    let res = app
        .api(
            Method::POST,
            &remove,
            Some(&moderator),
            Some(reason.clone()),
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = app
        .api(Method::POST, &remove, Some(&moderator), Some(reason))
        .await;
    assert_eq!(res.status(), 409);
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let letter = app.get_json("/api/v1/letters/pledge").await;
    assert_eq!(letter["signature_count"], 13);
    assert_eq!(letter["paper_count"], 12);
    assert!(!app
        .get_text("/letters/pledge")
        .await
        .contains("Rosa Parkes"));
    let audit = app
        .scalar(
            "SELECT COUNT(*) AS n FROM audit_log WHERE action IN ('paper.record', 'paper.remove')",
        )
        .await;
    assert_eq!(audit, 3);
    assert_eq!(
        app.scalar("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'paper.remove' AND reason = 'The same sheet was entered twice.'")
            .await,
        1
    );
}
