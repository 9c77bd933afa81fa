-- The database ceiling of the sign path: the same rows in one transaction as
-- POST /api/v1/letters/{slug}/signatures writes (a signature, its confirm and
-- withdraw tokens, and the outbox row with the rendered email), against the
-- same schema, indexes and triggers.
\set n random(1, 2000000000)
BEGIN;
INSERT INTO signatures (letter_id, name, email, email_normalized, anonymous, updates, verified_affiliation, status, created_at)
  VALUES (:letter_id, 'Bench Signer', 'pgb-' || :client_id || '-' || :n || '@bench.example',
          'pgb-' || :client_id || '-' || :n || '-' || txid_current() || '@bench.example',
          false, false, false, 'unconfirmed', now())
  RETURNING id \gset
INSERT INTO tokens (token_hash, purpose, signature_id, expires_at, created_at) VALUES
  (md5(random()::text) || md5(random()::text), 'confirm_signature', :id, now() + interval '7 days', now()),
  (md5(random()::text) || md5(random()::text), 'withdraw_signature', :id, now() + interval '365 days', now());
INSERT INTO outbox (kind, to_address, subject, body_text, body_html, status, attempts, next_attempt_at, created_at)
  VALUES ('confirm_signature', 'pgb@bench.example', 'Confirm your signature', repeat('x', 1200), repeat('y', 3000),
          'pending', 0, now(), now());
END;
