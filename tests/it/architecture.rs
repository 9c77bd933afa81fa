//! The layers stay put: read every source file's imports and fail when a lower
//! layer imports a higher one, when any files import each other in a loop
//! (but the SeaORM relations between entities), or when a query is built
//! outside `db/`. In the spirit of ArchUnit: the next change cannot quietly
//! bring the import loop back.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::LazyLock;

/// Top-level modules by layer, lowest first; a module may import its own
/// layer's files only within itself, and any lower layer.
const LAYERS: &[&[&str]] = &[
    // The messages in every language: below everything that shows or mails one.
    &["i18n"],
    &["config", "error"],
    &["domain"],
    &["db"],
    &["mail", "auth", "limits", "metrics"],
    &["read"],
    &["state"],
    &["app"],
    &["routes", "cli"],
    // Compiled for tests and fuzz/ only; the crate root assembles everything.
    &["fuzzing"],
];

/// What code outside `db/` may name from SeaORM: connections and
/// transactions to pass down, never what builds a query.
const SEA_ORM_OUTSIDE_DB: &[&str] = &[
    "DatabaseConnection",
    "DatabaseTransaction",
    "ConnectionTrait",
    "TransactionTrait",
    "DbErr",
    "DbBackend",
    "DatabaseBackend",
    "TransactionError",
    "SqlErr",
];

static SEA_ORM_PATH: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"\bsea_orm\s*::\s*(\{[^}]*\}|\w+)").unwrap());

/// A module's path within the crate (`["db", "letters"]`), the crate root being `[]`.
type Module = Vec<String>;

fn module_of(path: &str) -> Module {
    let path = path.trim_end_matches(".rs");
    let mut parts: Vec<String> = path.split('/').map(str::to_owned).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

fn layer_of(m: &Module) -> Option<usize> {
    let top = m.first()?;
    LAYERS.iter().position(|l| l.contains(&top.as_str()))
}

/// The source without comments (doc comments name modules freely) and string literals.
fn code_of(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    for line in source.lines() {
        let mut in_str = false;
        let mut prev = ' ';
        let mut kept = String::new();
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if !in_str && c == '/' && chars.get(i + 1) == Some(&'/') {
                break;
            }
            if c == '"' && prev != '\\' {
                in_str = !in_str;
            } else if !in_str {
                kept.push(c);
            }
            prev = if prev == '\\' && c == '\\' { ' ' } else { c };
            i += 1;
        }
        out.push_str(&kept);
        out.push('\n');
    }
    out
}

/// Every path a file names from its own crate, resolved to absolute segments:
/// `crate::…`, `super::…` and a child module's name (`queue::SignQueue` in
/// `signing/mod.rs`), grouped imports (`crate::{a, b::c}`) included.
fn paths_named(file: &Module, modules: &BTreeSet<Module>, code: &str) -> Vec<Module> {
    // Inside an inline module (`mod tests { use super::*; }`), `super` is the file itself.
    let inline = regex::Regex::new(r"(?m)^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+\w+\s*\{")
        .unwrap()
        .find(code)
        .map_or(usize::MAX, |m| m.start());
    let re = regex::Regex::new(r"(?:^|[^\w:])(crate|super|\w+)((?:\s*::\s*(?:\w+|\{))+)").unwrap();
    let mut found = Vec::new();
    for cap in re.captures_iter(code) {
        let at = cap.get(1).unwrap().start();
        let base: Module = match &cap[1] {
            "crate" => Vec::new(),
            "super" => {
                let mut b = file.clone();
                if at < inline {
                    b.pop();
                }
                b
            }
            child => {
                let mut b = file.clone();
                b.push(child.to_owned());
                if !modules.contains(&b) {
                    continue;
                }
                b
            }
        };
        let rest: Vec<String> = cap[2]
            .split("::")
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        let (plain, grouped) = match rest.iter().position(|s| s == "{") {
            Some(i) => (rest[..i].to_vec(), true),
            None => (rest, false),
        };
        let mut prefix = base.clone();
        for seg in plain {
            match seg.as_str() {
                "super" => {
                    prefix.pop();
                }
                "self" => {}
                _ => prefix.push(seg),
            }
        }
        if grouped {
            // Each item's first segments, read up to the closing brace.
            let start = cap.get(0).unwrap().end();
            let inner: String = code[start..].chars().take_while(|c| *c != '}').collect();
            for item in inner.split(',') {
                let segs: Vec<String> = item
                    .split("::")
                    .map(|s| s.trim().trim_start_matches('{').trim().to_owned())
                    .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_'))
                    .collect();
                let mut p = prefix.clone();
                p.extend(segs.into_iter().filter(|s| s != "self"));
                found.push(p);
            }
        } else {
            found.push(prefix);
        }
    }
    found
}

/// The file a path lands in: its longest prefix that is a module of the crate.
fn owner(path: &Module, modules: &BTreeSet<Module>) -> Option<Module> {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|p| modules.contains(p))
}

struct Report {
    edges: BTreeMap<Module, BTreeSet<Module>>,
    problems: Vec<String>,
}

/// Reads `files` (path relative to `src/` → source) and reports every breach.
fn check(files: &BTreeMap<String, String>) -> Report {
    let modules: BTreeSet<Module> = files.keys().map(|p| module_of(p)).collect();
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    let mut problems = Vec::new();
    for (path, source) in files {
        let from = module_of(path);
        let code = code_of(source);
        for named in paths_named(&from, &modules, &code) {
            let Some(to) = owner(&named, &modules) else {
                continue;
            };
            if to == from || to.is_empty() || from.is_empty() {
                continue;
            }
            edges.entry(from.clone()).or_default().insert(to.clone());
            let (Some(lf), Some(lt)) = (layer_of(&from), layer_of(&to)) else {
                problems.push(format!("{path}: {} is in no layer", to.join("::")));
                continue;
            };
            let same_module = from.first() == to.first();
            if lt > lf || (lt == lf && !same_module) {
                problems.push(format!(
                    "{path} imports {} from a layer that is not below it",
                    named.join("::")
                ));
            }
        }
        if path.starts_with("db/") {
            if code.contains("rocket::") || code.contains("rocket_dyn_templates") {
                problems.push(format!("{path}: db/ uses a Rocket type"));
            }
        } else {
            for cap in SEA_ORM_PATH.captures_iter(&code) {
                let names: Vec<&str> = cap[1]
                    .trim_matches(|c| c == '{' || c == '}')
                    .split(',')
                    .map(|n| n.split("::").next().unwrap_or("").trim())
                    .filter(|n| !n.is_empty())
                    .collect();
                for name in names {
                    if !SEA_ORM_OUTSIDE_DB.contains(&name) {
                        problems.push(format!(
                            "{path}: sea_orm::{name} outside db/ (queries live in db/)"
                        ));
                    }
                }
            }
        }
    }
    for cycle in cycles(&edges) {
        let within_entities = cycle
            .iter()
            .all(|m| m.len() >= 2 && m[0] == "db" && m[1] == "entities");
        if !within_entities {
            let names: Vec<String> = cycle.iter().map(|m| m.join("::")).collect();
            problems.push(format!("import loop: {}", names.join(" → ")));
        }
    }
    Report { edges, problems }
}

/// The strongly connected components with more than one module (Tarjan).
fn cycles(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    struct State<'a> {
        edges: &'a BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<Module, usize>,
        low: BTreeMap<Module, usize>,
        stack: Vec<Module>,
        on_stack: BTreeSet<Module>,
        out: Vec<Vec<Module>>,
    }
    fn visit(s: &mut State<'_>, v: &Module) {
        let i = s.index.len();
        s.index.insert(v.clone(), i);
        s.low.insert(v.clone(), i);
        s.stack.push(v.clone());
        s.on_stack.insert(v.clone());
        for w in s.edges.get(v).cloned().unwrap_or_default() {
            if !s.index.contains_key(&w) {
                visit(s, &w);
                let lw = s.low[&w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if s.on_stack.contains(&w) {
                let iw = s.index[&w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(&w);
                let done = &w == v;
                component.push(w);
                if done {
                    break;
                }
            }
            if component.len() > 1 {
                s.out.push(component);
            }
        }
    }
    let mut s = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in edges.keys() {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    s.out
}

fn sources(dir: &Path, root: &Path, out: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            // The binary is a client of the library, not a part of it.
            if rel != "main.rs" {
                out.insert(rel, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
}

#[test]
fn every_import_runs_down_the_layers_and_none_loops() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = BTreeMap::new();
    sources(&root, &root, &mut files);
    assert!(files.len() > 60, "read only {} files", files.len());
    let report = check(&files);
    assert!(
        report.problems.is_empty(),
        "{} breaches:\n{}",
        report.problems.len(),
        report.problems.join("\n")
    );
    // The reading sees what it must: the use cases reach db/ and mail/.
    let signing = report.edges.get(&module_of("app/signing/mod.rs")).unwrap();
    assert!(signing.contains(&module_of("db/letters.rs")), "{signing:?}");
    let single = report
        .edges
        .get(&module_of("app/signing/single.rs"))
        .unwrap();
    assert!(single.contains(&module_of("mail/outbox.rs")), "{single:?}");
}

fn tree(files: &[(&str, &str)]) -> BTreeMap<String, String> {
    let mut all: BTreeMap<String, String> = [
        (
            "lib.rs",
            "pub mod db; pub mod metrics; pub mod app; pub mod state;",
        ),
        ("error.rs", ""),
        ("metrics.rs", "use crate::db::counts::Tally;"),
        ("state.rs", ""),
        ("db/mod.rs", "pub mod counts; pub mod entities;"),
        ("db/counts.rs", "use crate::error::Result;"),
        ("db/entities/mod.rs", ""),
        ("db/entities/letter.rs", "super::group::Entity"),
        ("db/entities/group.rs", "super::letter::Entity"),
        ("app/mod.rs", "pub mod a; pub mod b;"),
        ("app/a.rs", "use super::b::X;"),
        ("app/b.rs", "use crate::db::counts;"),
    ]
    .into_iter()
    .map(|(p, s)| (p.to_owned(), s.to_owned()))
    .collect();
    for (p, s) in files {
        all.insert((*p).to_owned(), (*s).to_owned());
    }
    all
}

#[test]
fn the_guard_catches_an_import_up_a_loop_and_a_query_outside_db() {
    assert_eq!(check(&tree(&[])).problems, Vec::<String>::new());

    // The loop this guard was written against: db/counts.rs → metrics.rs.
    let up = check(&tree(&[(
        "db/counts.rs",
        "use crate::error::Result;\n/// Not this: crate::app::a\npub async fn run(m: std::sync::Arc<crate::metrics::Metrics>, s: rocket::Shutdown) {}",
    )]));
    assert!(
        up.problems
            .iter()
            .any(|p| p.contains("db/counts.rs imports metrics::Metrics")),
        "{:?}",
        up.problems
    );
    assert!(
        up.problems.iter().any(|p| p.contains("Rocket type")),
        "{:?}",
        up.problems
    );
    assert!(
        up.problems.iter().any(|p| p.starts_with("import loop")),
        "{:?}",
        up.problems
    );
    assert!(
        !up.problems.iter().any(|p| p.contains("app::a")),
        "comments are not code"
    );

    // Two use cases in a loop, through a grouped import.
    let looped = check(&tree(&[(
        "app/b.rs",
        "use crate::{db::counts, app::a::Y};",
    )]));
    assert!(
        looped
            .problems
            .iter()
            .any(|p| p.contains("import loop") && p.contains("app::a") && p.contains("app::b")),
        "{:?}",
        looped.problems
    );

    // Infrastructure does not call across: metrics reading the state.
    let across = check(&tree(&[(
        "metrics.rs",
        "fn f(a: &crate::state::AppState) {}",
    )]));
    assert_eq!(across.problems.len(), 1, "{:?}", across.problems);

    // A query built in a use case.
    let query = check(&tree(&[(
        "app/b.rs",
        "use sea_orm::{ConnectionTrait, EntityTrait, QueryFilter};\nuse sea_orm::TransactionTrait;",
    )]));
    assert_eq!(
        query.problems,
        [
            "app/b.rs: sea_orm::EntityTrait outside db/ (queries live in db/)",
            "app/b.rs: sea_orm::QueryFilter outside db/ (queries live in db/)"
        ]
    );
}
