//! `undersigned verify <letter URL> [--receipt FILE] [--state DIR]`: checks a
//! letter's signature log from its public answers alone, as a journalist
//! would: the key, the signed head, every entry (its leaf hash, its fields'
//! hash, the order of adds and removes), the root, the count against the
//! head and against the letter's page, a signer's receipt and its inclusion
//! proof, and the consistency of this head with the one seen last time.
//! Prints each check; the first that fails ends it with its reason.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use base64::Engine;
use ct_merkle::mem_backed_tree::MemoryBackedTree;
use ct_merkle::{ConsistencyProof, InclusionProof, RootHash};
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::domain::log_key::to_hex as hex;

/// A check that failed, said in one line.
#[derive(Debug)]
pub struct Mismatch(pub String);

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn fail<T>(what: impl Into<String>) -> Result<T, Mismatch> {
    Err(Mismatch(what.into()))
}

fn unhex(s: &str) -> Result<Vec<u8>, Mismatch> {
    if !s.len().is_multiple_of(2) {
        return fail(format!("{s:?} is not hex"));
    }
    (0..s.len() / 2)
        .map(|i| {
            u8::from_str_radix(&s[2 * i..2 * i + 2], 16)
                .or_else(|_| fail(format!("{s:?} is not hex")))
        })
        .collect()
}

fn canonical(v: &Value) -> Result<String, Mismatch> {
    serde_jcs::to_string(v).or_else(|e| fail(format!("canonical JSON: {e}")))
}

/// Where a letter's answers are: `https://host/letters/slug` → (`https://host`, `slug`).
fn split_url(url: &str) -> Result<(String, String), Mismatch> {
    let parsed = url::Url::parse(url).or_else(|e| fail(format!("{url:?} is not a URL: {e}")))?;
    let mut segments = parsed.path_segments().into_iter().flatten();
    let (Some("letters"), Some(slug)) = (segments.next(), segments.next()) else {
        return fail(format!(
            "{url:?} is not a letter's address (…/letters/<slug>)"
        ));
    };
    let base = parsed[..url::Position::BeforePath].to_owned();
    Ok((base, slug.to_owned()))
}

struct Client {
    http: reqwest::Client,
    base: String,
}

impl Client {
    async fn get(&self, path: &str) -> Result<Value, Mismatch> {
        let url = format!("{}{path}", self.base);
        let res = self
            .http
            .get(&url)
            .send()
            .await
            .or_else(|e| fail(format!("GET {url}: {e}")))?;
        if !res.status().is_success() {
            return fail(format!("GET {url}: {}", res.status()));
        }
        res.json()
            .await
            .or_else(|e| fail(format!("GET {url}: not JSON: {e}")))
    }
}

/// A head checked against the key: its fields, its root's bytes.
struct Head {
    raw: Value,
    size: u64,
    count: i64,
    root: Vec<u8>,
}

fn check_head(raw: Value, key: &VerifyingKey, slug: &str) -> Result<Head, Mismatch> {
    let signed = canonical(&json!({
        "letter": raw["letter"], "tree_size": raw["tree_size"], "root_hash": raw["root_hash"],
        "count": raw["count"], "timestamp": raw["timestamp"],
    }))?;
    let signature: [u8; 64] = base64::engine::general_purpose::STANDARD
        .decode(raw["signature"].as_str().unwrap_or_default())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| Mismatch("the head's signature is not 64 bytes of base64".into()))?;
    key.verify(signed.as_bytes(), &Signature::from_bytes(&signature))
        .or_else(|_| fail("the head's signature does not verify with the log's key"))?;
    if raw["letter"] != slug {
        return fail(format!("the head is for {}, not {slug}", raw["letter"]));
    }
    let size = raw["tree_size"]
        .as_u64()
        .ok_or_else(|| Mismatch("the head has no tree_size".into()))?;
    let count = raw["count"]
        .as_i64()
        .ok_or_else(|| Mismatch("the head has no count".into()))?;
    let root = unhex(raw["root_hash"].as_str().unwrap_or_default())?;
    Ok(Head {
        raw,
        size,
        count,
        root,
    })
}

fn root_of(bytes: &[u8], size: u64) -> Result<RootHash<Sha256>, Mismatch> {
    let digest = <[u8; 32]>::try_from(bytes).or_else(|_| fail("a root hash is not 32 bytes"))?;
    Ok(RootHash::new(digest.into(), size))
}

fn proof_bytes(list: &Value) -> Result<Vec<u8>, Mismatch> {
    let mut out = Vec::new();
    for h in list.as_array().into_iter().flatten() {
        out.extend(unhex(h.as_str().unwrap_or_default())?);
    }
    Ok(out)
}

/// Runs every check, printing each as it passes.
pub async fn run(url: &str, receipt: Option<&Path>, state: Option<&Path>) -> Result<(), Mismatch> {
    let (base, slug) = split_url(url)?;
    let client = Client {
        http: reqwest::Client::new(),
        base,
    };
    let key = client.get("/api/v1/log/key").await?;
    let public: [u8; 32] = base64::engine::general_purpose::STANDARD
        .decode(key["public_key"].as_str().unwrap_or_default())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| Mismatch("the log's key is not 32 bytes of base64".into()))?;
    let key_check = VerifyingKey::from_bytes(&public)
        .or_else(|_| fail("the log's key is not an Ed25519 key"))?;
    println!(
        "ok  key {} (ed25519)",
        key["key_id"].as_str().unwrap_or("?")
    );

    // The letter's count and the head, read until they describe the same moment.
    let mut tries = 0;
    let (head, shown) = loop {
        let head = check_head(
            client
                .get(&format!("/api/v1/letters/{slug}/log/head"))
                .await?,
            &key_check,
            &slug,
        )?;
        let letter = client.get(&format!("/api/v1/letters/{slug}")).await?;
        let again = client
            .get(&format!("/api/v1/letters/{slug}/log/head"))
            .await?;
        let shown = letter["signature_count"].as_i64().unwrap_or(-1);
        tries += 1;
        if (again["tree_size"] == head.raw["tree_size"] && shown == head.count) || tries == 5 {
            break (head, shown);
        }
        tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    };
    println!(
        "ok  head signed: {} entries, count {}",
        head.size, head.count
    );

    let mut tree = MemoryBackedTree::<Sha256, Vec<u8>>::new();
    let mut counted: HashMap<String, i64> = HashMap::new();
    let mut leaves: Vec<(Value, String)> = Vec::new();
    while (leaves.len() as u64) < head.size {
        let start = leaves.len() as u64;
        let end = (start + 1_000).min(head.size);
        let page = client
            .get(&format!(
                "/api/v1/letters/{slug}/log/entries?start={start}&end={end}"
            ))
            .await?;
        let entries = page["entries"].as_array().cloned().unwrap_or_default();
        if entries.is_empty() {
            return fail(format!(
                "the log serves no entry {start}, below its head's size {}",
                head.size
            ));
        }
        for e in entries {
            let i = leaves.len() as u64;
            let leaf = &e["leaf"];
            if leaf["index"] != i || leaf["letter"] != slug.as_str() {
                return fail(format!(
                    "entry {i} is numbered {} of {}",
                    leaf["index"], leaf["letter"]
                ));
            }
            let bytes = canonical(leaf)?.into_bytes();
            let mut h = Sha256::new();
            h.update([0u8]);
            h.update(&bytes);
            let leaf_hash = hex(&h.finalize());
            if e["leaf_hash"] != leaf_hash.as_str() {
                return fail(format!(
                    "entry {i}: its leaf hashes to {leaf_hash}, not {}",
                    e["leaf_hash"]
                ));
            }
            if !e["fields"].is_null() {
                let fields = hex(&Sha256::digest(canonical(&e["fields"])?.as_bytes()));
                if leaf["fields"] != fields.as_str() {
                    return fail(format!(
                        "entry {i}: its fields hash to {fields}, not {}",
                        leaf["fields"]
                    ));
                }
            }
            let subject = leaf["signature"].as_str().unwrap_or_default().to_owned();
            let n = leaf["count"].as_i64().unwrap_or(0);
            match leaf["op"].as_str() {
                Some("add") if n > 0 => {
                    if counted.insert(subject.clone(), n).is_some() {
                        return fail(format!("entry {i} adds {subject}, which counts already"));
                    }
                }
                Some("remove") => {
                    if counted.remove(&subject).is_none() {
                        return fail(format!("entry {i} removes {subject}, which does not count"));
                    }
                }
                _ => return fail(format!("entry {i} is neither an add nor a remove")),
            }
            tree.push(bytes.clone());
            leaves.push((leaf.clone(), leaf_hash));
        }
    }
    println!(
        "ok  {} entries: every leaf and its fields hash as served",
        leaves.len()
    );
    if tree.root().as_bytes().as_slice() != head.root.as_slice() {
        return fail(format!(
            "the entries make the root {}, the head says {}",
            hex(tree.root().as_bytes()),
            head.raw["root_hash"]
        ));
    }
    println!(
        "ok  root {}",
        head.raw["root_hash"].as_str().unwrap_or_default()
    );
    let count: i64 = counted.values().sum();
    if count != head.count {
        return fail(format!(
            "the entries count {count}, the head says {}",
            head.count
        ));
    }
    println!("ok  count {count} (adds not removed)");
    if shown != head.count {
        return fail(format!(
            "the letter shows {shown} signatures, its log counts {}",
            head.count
        ));
    }
    println!("ok  the letter's page shows the same count");

    if let Some(path) = receipt {
        let text = std::fs::read_to_string(path)
            .or_else(|e| fail(format!("reading {}: {e}", path.display())))?;
        let r: Value = serde_json::from_str(&text)
            .or_else(|e| fail(format!("{} is not a receipt: {e}", path.display())))?;
        let secret = unhex(r["secret"].as_str().unwrap_or_default())?;
        let hash = hex(&Sha256::digest(&secret));
        let Some((index, (leaf, leaf_hash))) = leaves
            .iter()
            .enumerate()
            .find(|(_, (l, _))| l["signature"] == r["signature"] && l["op"] == "add")
        else {
            return fail("no entry adds the receipt's signature");
        };
        if leaf["receipt"] != hash.as_str() {
            return fail("the receipt's secret does not match its entry");
        }
        let proof = client
            .get(&format!(
                "/api/v1/letters/{slug}/log/proof?leaf_hash={leaf_hash}&tree_size={}",
                head.size
            ))
            .await?;
        let proof = InclusionProof::<Sha256>::try_from_bytes(proof_bytes(&proof["audit_path"])?)
            .or_else(|_| fail("the inclusion proof is malformed"))?;
        root_of(&head.root, head.size)?
            .verify_inclusion(&canonical(leaf)?.into_bytes(), index as u64, &proof)
            .or_else(|_| fail("the receipt's inclusion proof does not lead to the head's root"))?;
        println!("ok  receipt: entry {index} is yours and is in the signed tree");
    }

    if let Some(dir) = state {
        std::fs::create_dir_all(dir).or_else(|e| fail(format!("{}: {e}", dir.display())))?;
        let file: PathBuf = dir.join(format!(
            "{}-{slug}.json",
            client
                .base
                .replace(|c: char| !c.is_ascii_alphanumeric(), "_")
        ));
        if let Ok(text) = std::fs::read_to_string(&file) {
            let old = check_head(
                serde_json::from_str(&text)
                    .or_else(|e| fail(format!("{}: {e}", file.display())))?,
                &key_check,
                &slug,
            )?;
            if old.size > head.size {
                return fail(format!(
                    "the log shrank: {} entries last time, {} now",
                    old.size, head.size
                ));
            }
            if old.size == head.size {
                if old.root != head.root {
                    return fail("the head changed its root at the same size");
                }
            } else if old.size > 0 {
                let proof = client
                    .get(&format!(
                        "/api/v1/letters/{slug}/log/consistency?first={}&second={}",
                        old.size, head.size
                    ))
                    .await?;
                let proof =
                    ConsistencyProof::<Sha256>::try_from_bytes(proof_bytes(&proof["proof"])?)
                        .or_else(|_| fail("the consistency proof is malformed"))?;
                root_of(&head.root, head.size)?
                    .verify_consistency(&root_of(&old.root, old.size)?, &proof)
                    .or_else(|_| {
                        fail(format!(
                            "the log of {} entries seen last time is not a prefix of this one",
                            old.size
                        ))
                    })?;
            }
            println!(
                "ok  consistent with the head seen last time ({} entries)",
                old.size
            );
        }
        std::fs::write(&file, head.raw.to_string())
            .or_else(|e| fail(format!("{}: {e}", file.display())))?;
    }
    println!("verified {url}");
    Ok(())
}
