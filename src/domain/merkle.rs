//! The Merkle tree of a letter's signature log, as RFC 6962 §2.1 (and RFC
//! 9162 §2.1) define it: leaf hash = SHA-256(0x00 ‖ leaf), node hash =
//! SHA-256(0x01 ‖ left ‖ right), the tree of n leaves split at the largest
//! power of two below n.
//!
//! The log keeps the hash of every *complete* subtree: the `2^level` leaves
//! from `index · 2^level` on, written once when its last leaf arrives and
//! never changed. Any subtree hash a root or a proof needs, at any tree size,
//! is made from O(log n) of them. Which nodes a proof needs comes from
//! `ct-merkle` (the same crate the verifier checks proofs with).

use std::collections::HashMap;

use sha2::{Digest, Sha256};

pub type Hash = [u8; 32];

/// A complete subtree: `2^level` leaves starting at leaf `index · 2^level`.
pub type Subtree = (u32, u64);

/// SHA-256(0x00 ‖ leaf).
pub fn leaf_hash(leaf: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(leaf);
    h.finalize().into()
}

/// SHA-256(0x01 ‖ left ‖ right).
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([1u8]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// The largest power of two strictly below `n` (n ≥ 2).
fn split(n: u64) -> u64 {
    1 << (63 - (n - 1).leading_zeros())
}

/// The complete subtrees whose hashes make MTH(D[a:b]), where the range is
/// one the tree itself has (a is a multiple of a power of two ≥ b − a).
pub fn decompose(a: u64, b: u64, out: &mut Vec<Subtree>) {
    let n = b - a;
    if n.is_power_of_two() && a.is_multiple_of(n) {
        out.push((n.trailing_zeros(), a >> n.trailing_zeros()));
    } else {
        let k = split(n);
        decompose(a, a + k, out);
        decompose(a + k, b, out);
    }
}

/// MTH(D[a:b]) from the complete subtrees [`decompose`] names, or `None` if
/// one is missing.
pub fn subtree_hash(a: u64, b: u64, known: &HashMap<Subtree, Hash>) -> Option<Hash> {
    let n = b - a;
    if n.is_power_of_two() && a.is_multiple_of(n) {
        known
            .get(&(n.trailing_zeros(), a >> n.trailing_zeros()))
            .copied()
    } else {
        let k = split(n);
        Some(node_hash(
            &subtree_hash(a, a + k, known)?,
            &subtree_hash(a + k, b, known)?,
        ))
    }
}

/// The leaves under the node `ct-merkle` numbers `node` (its in-order
/// numbering: leaves are the even numbers), within a tree of `size` leaves.
fn node_range(node: u64, size: u64) -> (u64, u64) {
    let level = node.trailing_ones();
    let start = (node >> (level + 1)) << level;
    (start, (start + (1 << level)).min(size))
}

/// The subtree ranges whose hashes, in order, are the audit path of leaf
/// `index` in the tree of `size` leaves (RFC 9162 §2.1.3.1).
pub fn inclusion_ranges(index: u64, size: u64) -> Vec<(u64, u64)> {
    ct_merkle::indices_for_inclusion_proof(size, index)
        .into_iter()
        .map(|n| node_range(n, size))
        .collect()
}

/// The subtree ranges whose hashes, in order, prove that the tree of `first`
/// leaves is a prefix of the tree of `second` (RFC 9162 §2.1.4.1).
pub fn consistency_ranges(first: u64, second: u64) -> Vec<(u64, u64)> {
    if first == second {
        return Vec::new();
    }
    ct_merkle::indices_for_consistency_proof(first, second - first)
        .into_iter()
        .map(|n| node_range(n, second))
        .collect()
}

/// Every complete subtree `ranges` need.
pub fn needed(ranges: &[(u64, u64)]) -> Vec<Subtree> {
    let mut out = Vec::new();
    for &(a, b) in ranges {
        decompose(a, b, &mut out);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The complete subtrees that appending `leaves` to a tree of `size` leaves
/// completes, given the tree's right edge (`decompose(0, size)`) in `known`:
/// each leaf itself (level 0) and every parent whose right child it closes.
pub fn append(
    size: u64,
    leaves: &[Hash],
    known: &mut HashMap<Subtree, Hash>,
) -> Option<Vec<(Subtree, Hash)>> {
    let mut made = Vec::new();
    for (i, leaf) in leaves.iter().enumerate() {
        let mut index = size + i as u64;
        let mut level = 0u32;
        let mut hash = *leaf;
        known.insert((0, index), hash);
        made.push(((0, index), hash));
        while index & 1 == 1 {
            let left = known.get(&(level, index - 1))?;
            hash = node_hash(left, &hash);
            level += 1;
            index >>= 1;
            known.insert((level, index), hash);
            made.push(((level, index), hash));
        }
    }
    Some(made)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::log_key::to_hex as hex;
    use ct_merkle::mem_backed_tree::MemoryBackedTree;

    /// A tree built by appending leaf after leaf, as the log does.
    fn grown(n: u64) -> (HashMap<Subtree, Hash>, Vec<Vec<u8>>) {
        let mut known = HashMap::new();
        let mut leaves = Vec::new();
        for i in 0..n {
            let leaf = format!("{{\"index\":{i}}}").into_bytes();
            append(i, &[leaf_hash(&leaf)], &mut known).unwrap();
            leaves.push(leaf);
        }
        (known, leaves)
    }

    #[test]
    fn roots_and_proofs_agree_with_an_independent_implementation_at_every_size() {
        let (known, leaves) = grown(70);
        let mut reference = MemoryBackedTree::<Sha256, Vec<u8>>::new();
        for (n, leaf) in leaves.iter().enumerate() {
            reference.push(leaf.clone());
            let size = n as u64 + 1;
            let root = subtree_hash(0, size, &known).unwrap();
            assert_eq!(
                &root[..],
                &reference.root().as_bytes()[..],
                "root at {size}"
            );
            for index in 0..size {
                let path: Vec<u8> = inclusion_ranges(index, size)
                    .iter()
                    .flat_map(|&(a, b)| subtree_hash(a, b, &known).unwrap())
                    .collect();
                assert_eq!(
                    path,
                    reference.prove_inclusion(index as usize).as_bytes(),
                    "inclusion of {index} at {size}"
                );
            }
            for first in 1..size {
                let proof: Vec<u8> = consistency_ranges(first, size)
                    .iter()
                    .flat_map(|&(a, b)| subtree_hash(a, b, &known).unwrap())
                    .collect();
                assert_eq!(
                    proof,
                    reference
                        .prove_consistency((size - first) as usize)
                        .as_bytes(),
                    "consistency {first} → {size}"
                );
            }
        }
    }

    #[test]
    fn a_batch_appended_at_once_makes_the_same_tree_and_needs_only_the_right_edge() {
        let (whole, leaves) = grown(45);
        let hashes: Vec<Hash> = leaves.iter().map(|l| leaf_hash(l)).collect();
        // The first 29 leaves' tree, cut down to its right edge only.
        let (first, _) = grown(29);
        let mut edge = Vec::new();
        decompose(0, 29, &mut edge);
        let mut known: HashMap<Subtree, Hash> = edge.iter().map(|k| (*k, first[k])).collect();
        let made = append(29, &hashes[29..], &mut known).unwrap();
        for (key, hash) in made {
            assert_eq!(whole[&key], hash, "{key:?}");
        }
        assert_eq!(subtree_hash(0, 45, &known), subtree_hash(0, 45, &whole));
        // Missing a node of the edge: no guess.
        let mut broken: HashMap<Subtree, Hash> = HashMap::new();
        assert!(append(29, &hashes[29..], &mut broken).is_none());
    }

    #[test]
    fn known_answers() {
        // RFC 6962's empty-string leaf, and a two-leaf root, by hand.
        assert_eq!(
            hex(&leaf_hash(b"")),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"
        );
        let (known, leaves) = grown(2);
        assert_eq!(
            subtree_hash(0, 2, &known).unwrap(),
            node_hash(&leaf_hash(&leaves[0]), &leaf_hash(&leaves[1]))
        );
    }
}
