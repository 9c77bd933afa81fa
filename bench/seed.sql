-- Seeds a letter with :n confirmed signatures spread over 40 campus groups
-- (a quarter verified, a tenth anonymous), plus :tokens unconfirmed signatures
-- whose confirmation tokens are known ('A…A' + number, 43 characters) for the
-- confirm benchmark. Triggers are off while the rows go in (a bulk load, not
-- the service's path); the letter's count shards and the signature log's
-- queue are then written from the rows.
INSERT INTO letters (slug, title, summary, body, category, status, goal, requires_approval, created_at, updated_at, published_at, allow_group_proposals)
VALUES (:'slug', 'Benchmark letter', 'A letter under load.', 'We **ask**.', 'students', 'published', 2000000, false, now(), now(), now(), true);
INSERT INTO letter_groups (letter_id, slug, name, email_domains, require_verified, created_at, status)
SELECT l.id, 'campus-' || g, 'Campus ' || g, 'campus' || g || '.edu', false, now(), 'accepted'
FROM letters l, generate_series(1, 40) g WHERE l.slug = :'slug';
SET session_replication_role = replica;
INSERT INTO signatures (letter_id, group_id, name, email, email_normalized, title, anonymous, updates,
                        verified_affiliation, verified_domain, status, created_at, confirmed_at)
SELECT l.id, g.id, 'Seeded Signer ' || i, 'seed' || i || '@campus' || (i % 40 + 1) || '.edu',
       'seed' || i || '@campus' || (i % 40 + 1) || '.edu', 'Student', i % 10 = 0, false,
       i % 4 = 0, CASE WHEN i % 4 = 0 THEN 'campus' || (i % 40 + 1) || '.edu' END,
       'confirmed', now() - interval '1 day', now() - interval '1 day' + i * interval '1 millisecond'
FROM letters l, generate_series(1, :n) i
JOIN letter_groups g ON g.slug = 'campus-' || (i % 40 + 1)
WHERE l.slug = :'slug' AND g.letter_id = l.id;
INSERT INTO signatures (letter_id, name, email, email_normalized, anonymous, updates, verified_affiliation, status, created_at)
SELECT l.id, 'Confirming Signer ' || i, 'confirm' || i || '@bench.example', 'confirm' || i || '@bench.example',
       false, false, false, 'unconfirmed', now()
FROM letters l, generate_series(1, :tokens) i WHERE l.slug = :'slug';
INSERT INTO tokens (token_hash, purpose, signature_id, expires_at, created_at)
SELECT encode(sha256(convert_to(lpad(i::text, 43, 'A'), 'UTF8')), 'hex'), 'confirm_signature', s.id,
       now() + interval '7 days', now()
FROM letters l, generate_series(1, :tokens) i
JOIN signatures s ON s.email_normalized = 'confirm' || i || '@bench.example'
WHERE l.slug = :'slug' AND s.letter_id = l.id;
SET session_replication_role = DEFAULT;
INSERT INTO signature_counts (letter_id, group_key, verified, shard, n)
SELECT s.letter_id, -1, s.verified_affiliation, 0, COUNT(*) FROM signatures s JOIN letters l ON l.id = s.letter_id
WHERE l.slug = :'slug' AND s.status = 'confirmed' GROUP BY s.letter_id, s.verified_affiliation;
INSERT INTO signature_counts (letter_id, group_key, verified, shard, n)
SELECT s.letter_id, s.group_id, s.verified_affiliation, 0, COUNT(*) FROM signatures s JOIN letters l ON l.id = s.letter_id
WHERE l.slug = :'slug' AND s.status = 'confirmed' AND s.group_id IS NOT NULL
GROUP BY s.letter_id, s.group_id, s.verified_affiliation;
-- The signature log takes the seeded signatures in, in the order they were
-- confirmed, as the migration that created it did for what was counted then.
INSERT INTO log_pending (letter_id, signature_id, paper_batch_id, op, reason, created_at)
SELECT s.letter_id, s.id, NULL, 'add', NULL, s.confirmed_at FROM signatures s JOIN letters l ON l.id = s.letter_id
WHERE l.slug = :'slug' AND s.status = 'confirmed' ORDER BY s.confirmed_at, s.id;
VACUUM ANALYZE signatures;
VACUUM ANALYZE tokens;
