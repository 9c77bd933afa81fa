//! The signature log, checked as a reader would: a verifier written here
//! from RFC 6962 / RFC 9162 and the README's description, sharing no code
//! with the service, fetches the key, the signed head and every entry,
//! recomputes every leaf hash, the root and the count, checks the head's
//! signature, a signer's receipt's inclusion, and the consistency of an
//! older head with a newer one.

use base64::Engine;
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use reqwest::Method;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::support::*;
use undersigned::db::entities::user::Role;

type H = [u8; 32];

fn sha(parts: &[&[u8]]) -> H {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

fn leaf_hash(leaf: &[u8]) -> H {
    sha(&[&[0], leaf])
}

fn node(l: &H, r: &H) -> H {
    sha(&[&[1], l, r])
}

fn hex(h: &[u8]) -> String {
    h.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> H {
    let mut out = [0u8; 32];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap();
    }
    out
}

/// RFC 6962 §2.1: MTH(D[n]).
fn mth(leaves: &[H]) -> H {
    match leaves.len() {
        0 => sha(&[b""]),
        1 => leaves[0],
        n => {
            let k = 1usize << (usize::BITS - 1 - (n - 1).leading_zeros());
            node(&mth(&leaves[..k]), &mth(&leaves[k..]))
        }
    }
}

/// Canonical JSON (RFC 8785) of the objects the log serves: their keys
/// sorted (serde_json's map is ordered), no whitespace, integers and plain
/// strings only.
fn canonical(v: &Value) -> String {
    serde_json::to_string(v).unwrap()
}

/// RFC 9162 §2.1.3.2: the root an inclusion proof leads to.
fn root_from_inclusion(index: u64, size: u64, leaf: H, path: &[H]) -> Option<H> {
    if index >= size {
        return None;
    }
    let (mut fn_, mut sn) = (index, size - 1);
    let mut r = leaf;
    for p in path {
        if sn == 0 {
            return None;
        }
        if fn_ & 1 == 1 || fn_ == sn {
            r = node(p, &r);
            if fn_ & 1 == 0 {
                while fn_ & 1 == 0 && fn_ != 0 {
                    fn_ >>= 1;
                    sn >>= 1;
                }
            }
        } else {
            r = node(&r, p);
        }
        fn_ >>= 1;
        sn >>= 1;
    }
    (sn == 0).then_some(r)
}

/// RFC 9162 §2.1.4.2: whether `proof` shows the tree of `first` leaves (root
/// `first_root`) is a prefix of the tree of `second` (root `second_root`).
fn consistent(first: u64, second: u64, first_root: H, second_root: H, proof: &[H]) -> bool {
    if first == second {
        return proof.is_empty() && first_root == second_root;
    }
    let mut path = proof.to_vec();
    if first.is_power_of_two() {
        path.insert(0, first_root);
    }
    let (mut fn_, mut sn) = (first - 1, second - 1);
    while fn_ & 1 == 1 {
        fn_ >>= 1;
        sn >>= 1;
    }
    let Some((&c, rest)) = path.split_first() else {
        return false;
    };
    let (mut fr, mut sr) = (c, c);
    for p in rest {
        if sn == 0 {
            return false;
        }
        if fn_ & 1 == 1 || fn_ == sn {
            fr = node(p, &fr);
            sr = node(p, &sr);
            if fn_ & 1 == 0 {
                while fn_ & 1 == 0 && fn_ != 0 {
                    fn_ >>= 1;
                    sn >>= 1;
                }
            }
        } else {
            sr = node(&sr, p);
        }
        fn_ >>= 1;
        sn >>= 1;
    }
    fr == first_root && sr == second_root && sn == 0
}

pub(crate) struct Checked {
    pub(crate) size: u64,
    pub(crate) root: H,
    pub(crate) count: i64,
    pub(crate) entries: Vec<Value>,
}

/// Everything a reader can check of a letter's log, from its public answers.
pub(crate) async fn verify(app: &TestApp, slug: &str) -> Checked {
    let b64 = base64::engine::general_purpose::STANDARD;
    let key = app.get_json("/api/v1/log/key").await;
    assert_eq!(key["algorithm"], "ed25519");
    let public: [u8; 32] = b64
        .decode(key["public_key"].as_str().unwrap())
        .unwrap()
        .try_into()
        .unwrap();
    let head = app
        .get_json(&format!("/api/v1/letters/{slug}/log/head"))
        .await;
    let signed = canonical(&json!({
        "letter": head["letter"], "tree_size": head["tree_size"], "root_hash": head["root_hash"],
        "count": head["count"], "timestamp": head["timestamp"],
    }));
    let signature: [u8; 64] = b64
        .decode(head["signature"].as_str().unwrap())
        .unwrap()
        .try_into()
        .unwrap();
    VerifyingKey::from_bytes(&public)
        .unwrap()
        .verify(signed.as_bytes(), &Signature::from_bytes(&signature))
        .expect("the head's signature verifies");
    let size = head["tree_size"].as_u64().unwrap();
    let mut entries = Vec::new();
    while (entries.len() as u64) < size {
        let page = app
            .get_json(&format!(
                "/api/v1/letters/{slug}/log/entries?start={}&end={}",
                entries.len(),
                (entries.len() as u64 + 1000).min(size)
            ))
            .await;
        let got = page["entries"].as_array().unwrap();
        assert!(!got.is_empty(), "entries stop short of the head's size");
        entries.extend(got.iter().cloned());
    }
    let mut leaves = Vec::new();
    let mut counted: std::collections::HashMap<String, i64> = Default::default();
    for (i, e) in entries.iter().enumerate() {
        let leaf = &e["leaf"];
        assert_eq!(leaf["index"], i as u64, "entry {i} is numbered in order");
        assert_eq!(leaf["letter"], slug);
        let h = leaf_hash(canonical(leaf).as_bytes());
        assert_eq!(hex(&h), e["leaf_hash"], "leaf {i} hashes as served");
        if !e["fields"].is_null() {
            assert_eq!(
                hex(&sha(&[canonical(&e["fields"]).as_bytes()])),
                leaf["fields"],
                "the fields of leaf {i}"
            );
        }
        let subject = leaf["signature"].as_str().unwrap().to_owned();
        let n = leaf["count"].as_i64().unwrap();
        match leaf["op"].as_str().unwrap() {
            "add" => {
                assert!(
                    counted.insert(subject, n).is_none(),
                    "a second add of one signature"
                );
            }
            "remove" => {
                assert!(
                    counted.remove(&subject).is_some(),
                    "a remove of nothing counted"
                );
                assert!(leaf["reason"].is_string());
            }
            op => panic!("unknown op {op}"),
        }
        leaves.push(h);
    }
    let root = mth(&leaves);
    assert_eq!(hex(&root), head["root_hash"], "the root recomputed");
    let count: i64 = counted.values().sum();
    assert_eq!(head["count"], count, "the count recomputed");
    Checked {
        size,
        root,
        count,
        entries,
    }
}

/// Waits for the head to cover everything waiting (the log appends each second).
pub(crate) async fn settled(app: &TestApp, slug: &str, count: u64) {
    for _ in 0..100 {
        let head = app
            .get_json(&format!("/api/v1/letters/{slug}/log/head"))
            .await;
        let pending = app.scalar("SELECT COUNT(*) AS n FROM log_pending").await;
        if head["count"] == count && pending == 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the log of {slug} did not reach a count of {count}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anyone_can_check_the_log_its_count_a_receipt_and_that_it_only_grows() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec {
        groups: vec![("ucsc", "UC Santa Cruz", "ucsc.edu")],
        ..LetterSpec::published("logged")
    })
    .await;
    app.add_user("org@example.org", Role::Organiser).await;
    app.add_user("mod@example.org", Role::Moderator).await;
    app.give_letter_to("logged", "org@example.org").await;
    // Empty: a signed head of nothing.
    let empty = verify(&app, "logged").await;
    assert_eq!((empty.size, empty.count), (0, 0));

    // Five signers; one anonymous keeps the receipt the confirmation hands out.
    let mut receipt = Value::Null;
    for i in 0..5 {
        let res = app
            .sign_api(
                "logged",
                json!({"name": format!("Signer {i}"), "email": format!("s{i}@ucsc.edu"),
                       "group": "ucsc", "anonymous": i == 2}),
            )
            .await;
        assert_eq!(res.status(), 202);
        let token = app.mail.nth(i + 1).await.token("/confirm/");
        let res = app
            .http
            .post(app.url("/api/v1/confirm"))
            .json(&json!({"token": token}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let body: Value = res.json().await.unwrap();
        if i == 2 {
            receipt = body["receipt"].clone();
        }
    }
    assert_eq!(receipt["letter"], "logged");
    assert_eq!(receipt["secret"].as_str().unwrap().len(), 64);
    settled(&app, "logged", 5).await;
    let first = verify(&app, "logged").await;
    assert_eq!((first.size, first.count), (5, 5));
    assert_eq!(
        app.count("logged").await,
        5,
        "the page's count is the log's"
    );

    // The anonymous signer finds their entry by the receipt and proves it.
    let mine = first
        .entries
        .iter()
        .find(|e| e["leaf"]["signature"] == receipt["signature"])
        .expect("the receipt's entry");
    let secret: Vec<u8> = (0..32)
        .map(|i| {
            u8::from_str_radix(&receipt["secret"].as_str().unwrap()[2 * i..2 * i + 2], 16).unwrap()
        })
        .collect();
    assert_eq!(mine["leaf"]["receipt"], hex(&sha(&[&secret])));
    assert_eq!(
        mine["fields"]["name"],
        Value::Null,
        "an anonymous name is not served"
    );
    assert_eq!(mine["fields"]["anonymous"], true);
    assert!(!mine.to_string().contains("Signer 2"));
    // Guessing the hidden name gets nowhere: with the served salt or without
    // one, a fields object naming the signer never hashes to the leaf's.
    for salt in [mine["fields"]["salt"].clone(), Value::Null] {
        let mut guess = mine["fields"].clone();
        guess["name"] = json!("Signer 2");
        guess["anonymous"] = json!(false);
        if salt.is_null() {
            guess.as_object_mut().unwrap().remove("salt");
        }
        for anonymous in [true, false] {
            guess["anonymous"] = json!(anonymous);
            let h = hex(&sha(&[canonical(&guess).as_bytes()]));
            assert_ne!(h, mine["leaf"]["fields"], "a guessed name matched");
        }
    }
    let proof = app
        .get_json(&format!(
            "/api/v1/letters/logged/log/proof?leaf_hash={}&tree_size={}",
            mine["leaf_hash"].as_str().unwrap(),
            first.size
        ))
        .await;
    let path: Vec<H> = proof["audit_path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| unhex(h.as_str().unwrap()))
        .collect();
    assert_eq!(
        root_from_inclusion(
            proof["index"].as_u64().unwrap(),
            first.size,
            unhex(mine["leaf_hash"].as_str().unwrap()),
            &path
        ),
        Some(first.root),
        "the receipt's entry is in the signed tree"
    );

    // A withdrawal, a hidden signature and a paper batch: removes and adds.
    let withdraw = app.mail.nth(1).await.link(&app.url("/withdraw/"));
    assert_eq!(
        Browser::new(&app.base)
            .press_button_behind(&withdraw)
            .await
            .status(),
        200
    );
    let moderator = app.api_token("mod@example.org").await;
    let sigs: Value = app
        .api(
            Method::GET,
            "/moderation/signatures?letter=logged&status=confirmed",
            Some(&moderator),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    let id = sigs["signatures"][0]["id"].as_i64().unwrap();
    let res = app
        .api(
            Method::POST,
            &format!("/moderation/signatures/{id}/hide"),
            Some(&moderator),
            Some(json!({"reason": "Not a real person."})),
        )
        .await;
    assert_eq!(res.status(), 200);
    let org = app.api_token("org@example.org").await;
    let res = app
        .api(
            Method::POST,
            "/letters/logged/paper",
            Some(&org),
            Some(json!({"group": "ucsc", "count": 30, "collected_on": "2026-11-20", "place": "Quad"})),
        )
        .await;
    assert_eq!(res.status(), 201);
    settled(&app, "logged", 33).await;
    let second = verify(&app, "logged").await;
    assert_eq!((second.size, second.count), (8, 33));
    assert_eq!(
        app.count("logged").await,
        33,
        "the page's count is the log's"
    );
    let reasons: Vec<&str> = second.entries[5..7]
        .iter()
        .map(|e| e["leaf"]["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons, ["withdrawn", "hidden"]);
    assert_eq!(second.entries[7]["fields"]["paper"], true);

    // The first head's tree is a prefix of the second's.
    let proof = app
        .get_json(&format!(
            "/api/v1/letters/logged/log/consistency?first={}&second={}",
            first.size, second.size
        ))
        .await;
    let hashes: Vec<H> = proof["proof"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| unhex(h.as_str().unwrap()))
        .collect();
    assert!(consistent(
        first.size,
        second.size,
        first.root,
        second.root,
        &hashes
    ));
    let mut forged = hashes.clone();
    forged[0][0] ^= 1;
    assert!(!consistent(
        first.size,
        second.size,
        first.root,
        second.root,
        &forged
    ));

    // Bad questions get clear answers.
    for path in [
        "/api/v1/letters/logged/log/proof?leaf_hash=00&tree_size=99",
        "/api/v1/letters/logged/log/consistency?first=5&second=99",
        "/api/v1/letters/logged/log/entries?start=0&end=5000",
    ] {
        assert_eq!(app.status_of(path).await, 400, "{path}");
    }
    assert_eq!(app.status_of("/api/v1/letters/nowhere/log/head").await, 404);
    // A letter the public cannot read has no public log either.
    app.create_letter(LetterSpec {
        status: undersigned::db::entities::letter::LetterStatus::Draft,
        ..LetterSpec::published("a-draft")
    })
    .await;
    for path in [
        "/api/v1/letters/a-draft/log/head",
        "/api/v1/letters/a-draft/log/entries",
        "/letters/a-draft/check",
    ] {
        assert_eq!(app.status_of(path).await, 404, "{path}");
    }
    // The page that explains it shows the head now.
    let page = app.get_text("/letters/logged/check").await;
    assert!(page.contains(&hex(&second.root)), "{page}");
    assert!(page.contains("undersigned verify"));
}

/// `undersigned verify`, as a journalist runs it against the live service.
fn run_verify(app: &TestApp, slug: &str, args: &[&str]) -> (bool, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_undersigned"))
        .arg("verify")
        .arg(app.url(&format!("/letters/{slug}")))
        .args(args)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn undersigned_verify_checks_a_letter_and_names_what_was_tampered_with() {
    let app = spawn_app().await;
    app.create_letter(LetterSpec::published("checked")).await;
    let mut receipt = Value::Null;
    for i in 0..3 {
        assert_eq!(
            app.sign_api(
                "checked",
                json!({"name": format!("Signer {i}"), "email": format!("v{i}@example.org")})
            )
            .await
            .status(),
            202
        );
        let token = app.mail.nth(i + 1).await.token("/confirm/");
        let res = app
            .http
            .post(app.url("/api/v1/confirm"))
            .json(&json!({"token": token}))
            .send()
            .await
            .unwrap();
        receipt = res.json::<Value>().await.unwrap()["receipt"].clone();
    }
    settled(&app, "checked", 3).await;
    let dir = std::env::temp_dir().join(format!("verify-{}", std::process::id()));
    let state = dir.join("state");
    std::fs::create_dir_all(&dir).unwrap();
    let receipt_file = dir.join("receipt.json");
    std::fs::write(&receipt_file, receipt.to_string()).unwrap();
    let args = [
        "--state",
        state.to_str().unwrap(),
        "--receipt",
        receipt_file.to_str().unwrap(),
    ];
    let app_ref = &app;
    let verify = |args: Vec<String>| {
        let slug = "checked";
        tokio::task::block_in_place(move || {
            let refs: Vec<&str> = args.iter().map(String::as_str).collect();
            run_verify(app_ref, slug, &refs)
        })
    };
    let owned = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let (ok, out) = verify(owned(&args));
    assert!(ok, "{out}");
    assert!(out.contains("receipt: entry 2 is yours"), "{out}");
    assert!(out.contains("verified"), "{out}");

    // It grows: the next run checks the new head against the one it kept.
    assert_eq!(
        app.sign_api(
            "checked",
            json!({"name": "Signer 3", "email": "v3@example.org"})
        )
        .await
        .status(),
        202
    );
    let link = app.mail.nth(4).await.link(&app.url("/confirm/"));
    assert_eq!(
        Browser::new(&app.base)
            .press_button_behind(&link)
            .await
            .status(),
        200
    );
    settled(&app, "checked", 4).await;
    let (ok, out) = verify(owned(&args));
    assert!(ok, "{out}");
    assert!(
        out.contains("consistent with the head seen last time (3 entries)"),
        "{out}"
    );

    // A signature deleted behind the service's back: the page and the log disagree.
    app.scalar("DELETE FROM signatures WHERE name = 'Signer 1' RETURNING CAST(id AS BIGINT) AS n")
        .await;
    let (ok, out) = verify(owned(&args));
    assert!(!ok, "{out}");
    assert!(
        out.contains("the letter shows 3 signatures, its log counts 4"),
        "{out}"
    );
    // The periodic recount sees it too, and says so.
    let found = undersigned::app::log::disagreements(&app.db).await.unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].shown, found[0].logged), (3, 4));
    // A count shard changed behind its back: named too.
    app.scalar(
        "UPDATE signature_counts SET n = n + 6 WHERE ctid = (SELECT ctid FROM signature_counts \
         WHERE letter_id = (SELECT id FROM letters WHERE slug = 'checked') AND group_key = -1 LIMIT 1) \
         RETURNING CAST(n AS BIGINT) AS n",
    )
    .await;
    let (ok, out) = verify(owned(&args));
    assert!(!ok, "{out}");
    assert!(
        out.contains("the letter shows 9 signatures, its log counts 4"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_signatures_with_withdrawals_hides_and_paper_verify_across_heads() {
    use sea_orm::ConnectionTrait;
    let app = spawn_app().await;
    let letter = app.create_letter(LetterSpec::published("big")).await;
    let insert = |from: i32, to: i32| {
        format!(
            "INSERT INTO signatures (letter_id, name, email, email_normalized, anonymous, updates, \
               verified_affiliation, status, created_at, confirmed_at) \
             SELECT {id}, 'Signer ' || i, 'b' || i || '@example.org', 'b' || i || '@example.org', \
               i % 7 = 0, false, false, 'confirmed', now(), now() \
             FROM generate_series({from}, {to}) AS i",
            id = letter.id
        )
    };
    // 6,000 confirmed, written straight to the table: the triggers log them.
    app.db.execute_unprepared(&insert(1, 6000)).await.unwrap();
    settled(&app, "big", 6000).await;
    let first = verify(&app, "big").await;
    assert_eq!((first.size, first.count), (6000, 6000));

    // 4,000 more, 300 withdrawn, 200 hidden, and 50 on paper.
    app.db
        .execute_unprepared(&insert(6001, 10000))
        .await
        .unwrap();
    app.db
        .execute_unprepared(&format!(
            "UPDATE signatures SET status = 'withdrawn' WHERE id IN \
               (SELECT id FROM signatures WHERE letter_id = {id} ORDER BY id LIMIT 300); \
             UPDATE signatures SET status = 'hidden' WHERE id IN \
               (SELECT id FROM signatures WHERE letter_id = {id} AND status = 'confirmed' ORDER BY id DESC LIMIT 200); \
             INSERT INTO paper_batches (letter_id, collected_on, place, count, names, recorded_at) \
               VALUES ({id}, '2026-11-20', 'A stall', 50, '[\"On Paper\"]', now())",
            id = letter.id
        ))
        .await
        .unwrap();
    settled(&app, "big", 9550).await;
    let second = verify(&app, "big").await;
    assert_eq!((second.size, second.count), (10501, 9550));
    assert_eq!(
        app.count("big").await,
        9550,
        "the page's count is the log's"
    );

    // The first head's tree is a prefix of the second's; entries anywhere are included.
    let proof = app
        .get_json(&format!(
            "/api/v1/letters/big/log/consistency?first={}&second={}",
            first.size, second.size
        ))
        .await;
    let hashes: Vec<H> = proof["proof"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| unhex(h.as_str().unwrap()))
        .collect();
    assert!(consistent(
        first.size,
        second.size,
        first.root,
        second.root,
        &hashes
    ));
    for index in [0usize, 4321, 6000, 10500] {
        let e = &second.entries[index];
        let proof = app
            .get_json(&format!(
                "/api/v1/letters/big/log/proof?leaf_hash={}&tree_size={}",
                e["leaf_hash"].as_str().unwrap(),
                second.size
            ))
            .await;
        let path: Vec<H> = proof["audit_path"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| unhex(h.as_str().unwrap()))
            .collect();
        assert_eq!(
            root_from_inclusion(
                index as u64,
                second.size,
                unhex(e["leaf_hash"].as_str().unwrap()),
                &path
            ),
            Some(second.root),
            "entry {index}"
        );
    }
}
