//! Signs of a padded list: addresses at disposable-mail domains, and names
//! repeated with small changes.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use serde::Serialize;

use super::email::domain_and_parents;

/// The disposable-mail domains, from the disposable-email-domains project
/// (`data/disposable_email_domains.txt`, MIT licence beside it, refreshed by
/// `data/refresh-disposable-domains`).
static DISPOSABLE: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/disposable_email_domains.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Whether mail at `domain` (or at a parent domain) is disposable.
pub fn is_disposable(domain: &str) -> bool {
    let domain = domain.trim_end_matches('.').to_ascii_lowercase();
    domain_and_parents(&domain)
        .into_iter()
        .any(|d| DISPOSABLE.contains(d))
}

/// A name reduced to what survives small changes: letters and digits only,
/// accents folded, lower case, words in sorted order ("Smith, Jöhn" and
/// "john smith" meet).
pub fn name_key(name: &str) -> String {
    let folded = deunicode::deunicode(name).to_lowercase();
    let mut words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.sort_unstable();
    words.join(" ")
}

/// Names that look like one name written several ways (or the same name many times).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct NameCluster {
    /// How many signatures carry one of these names.
    pub signatures: usize,
    /// The spellings, most frequent first.
    pub spellings: Vec<String>,
}

/// Groups names whose keys are equal or within one edit of a neighbour in
/// sorted order (forwards and reversed, so a change at either end is
/// caught): the sorted-neighbourhood method, O(n log n) for a million
/// names. Returns the groups of at least `min` signatures, largest first.
pub fn near_duplicates<'a>(
    names: impl IntoIterator<Item = &'a str>,
    min: usize,
) -> Vec<NameCluster> {
    // key → (signatures, spelling → signatures)
    let mut by_key: HashMap<String, (usize, HashMap<&'a str, usize>)> = HashMap::new();
    for name in names {
        let key = name_key(name);
        if key.chars().count() < 3 {
            continue;
        }
        let entry = by_key.entry(key).or_default();
        entry.0 += 1;
        *entry.1.entry(name.trim()).or_default() += 1;
    }
    let keys: Vec<&String> = by_key.keys().collect();
    let index: HashMap<&String, usize> = keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let mut parent: Vec<usize> = (0..keys.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let reversed: Vec<String> = keys.iter().map(|k| k.chars().rev().collect()).collect();
    for order in [false, true] {
        let mut sorted: Vec<usize> = (0..keys.len()).collect();
        if order {
            sorted.sort_by(|a, b| reversed[*a].cmp(&reversed[*b]));
        } else {
            sorted.sort_by(|a, b| keys[*a].cmp(keys[*b]));
        }
        for pair in sorted.windows(2) {
            let (a, b) = (keys[pair[0]], keys[pair[1]]);
            // One edit in a short name is another person ("ann lee", "ian lee").
            let shortest = a.chars().count().min(b.chars().count());
            if shortest >= 8 && strsim::levenshtein(a, b) <= 1 {
                let (ra, rb) = (root(&mut parent, index[a]), root(&mut parent, index[b]));
                parent[ra] = rb;
            }
        }
    }
    let mut groups: HashMap<usize, (usize, HashMap<&str, usize>)> = HashMap::new();
    for (i, key) in keys.iter().enumerate() {
        let r = root(&mut parent, i);
        let (n, spellings) = &by_key[*key];
        let group = groups.entry(r).or_default();
        group.0 += n;
        for (s, c) in spellings {
            *group.1.entry(s).or_default() += c;
        }
    }
    let mut out: Vec<NameCluster> = groups
        .into_values()
        .filter(|(n, _)| *n >= min)
        .map(|(n, spellings)| {
            let mut spellings: Vec<(&str, usize)> = spellings.into_iter().collect();
            spellings.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            NameCluster {
                signatures: n,
                spellings: spellings.into_iter().map(|(s, _)| s.to_owned()).collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.signatures
            .cmp(&a.signatures)
            .then(a.spellings.cmp(&b.spellings))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disposable_domains_and_their_subdomains() {
        assert!(is_disposable("mailinator.com"));
        assert!(is_disposable("Sub.Mailinator.com"));
        assert!(!is_disposable("stanford.edu"));
        assert!(!is_disposable("gmail.com"));
    }

    #[test]
    fn keys_survive_case_accents_order_and_punctuation() {
        assert_eq!(name_key("Smith, Jöhn"), "john smith");
        assert_eq!(name_key("  JOHN   smith. "), "john smith");
        assert_ne!(name_key("John Smith"), name_key("John Smyth Jr"));
    }

    #[test]
    fn small_changes_cluster_and_different_people_do_not() {
        let names = [
            "Maria Fernandez",
            "maria fernandez",
            "Fernandez, María",
            "Maria Fernandes",
            "Mario Fernandez",
            "Ann Lee",
            "Ian Lee",
            "Robert Oduya",
        ];
        let clusters = near_duplicates(names, 2);
        assert_eq!(clusters.len(), 1, "{clusters:?}");
        assert_eq!(clusters[0].signatures, 5);
        assert!(clusters[0]
            .spellings
            .contains(&"Mario Fernandez".to_string()));
        assert!(clusters[0]
            .spellings
            .contains(&"Maria Fernandes".to_string()));
        // The same name many times is a cluster of one spelling.
        let repeated = near_duplicates(["Jo Bloggs"; 3].into_iter().chain(["Ann Lee"]), 2);
        assert_eq!(
            repeated,
            vec![NameCluster {
                signatures: 3,
                spellings: vec!["Jo Bloggs".into()]
            }]
        );
    }
}
