//! Database migrations for Undersigned, run at start-up and by `undersigned migrate`.
//!
//! Every migration must run on both SQLite (the embedded default) and
//! PostgreSQL (production), so they are written with sea-query builders only.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_letters;
mod m20261123_000002_signatures;
mod m20261123_000003_tokens;
mod m20261123_000004_outbox;
mod m20261123_000005_accounts;
mod m20261123_000006_group_proposals;
mod m20261123_000007_signature_counts;
mod m20261123_000008_statement_counts;
mod m20261123_000009_outbox_due;
mod m20261123_000010_rate_counters;
mod m20261202_000011_one_rate_limiter;
mod m20261202_000012_outbox_priority;
mod m20261202_000013_letter_deadline;
mod m20261202_000014_goal_reached;
mod m20261202_000015_reasons;
mod m20261202_000016_updates;
mod m20261203_000017_deliveries;
mod m20261203_000018_update_mail;
mod m20261203_000019_outbox_vacuum;
mod m20261203_000020_campaigns;
mod m20261203_000021_teams;
mod m20261203_000022_group_leads;
mod m20261203_000023_volunteers;
mod m20261203_000024_paper_batches;
mod m20261203_000025_signature_log;
mod m20261204_000026_discreet;
mod m20261204_000027_languages;
mod m20261204_000028_letter_translations;
mod m20261204_000029_more_languages;
mod m20261204_000030_undeliverable;
mod m20261204_000031_webhooks;

/// The ordered list of every migration.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_letters::Migration),
            Box::new(m20261123_000002_signatures::Migration),
            Box::new(m20261123_000003_tokens::Migration),
            Box::new(m20261123_000004_outbox::Migration),
            Box::new(m20261123_000005_accounts::Migration),
            Box::new(m20261123_000006_group_proposals::Migration),
            Box::new(m20261123_000007_signature_counts::Migration),
            Box::new(m20261123_000008_statement_counts::Migration),
            Box::new(m20261123_000009_outbox_due::Migration),
            Box::new(m20261123_000010_rate_counters::Migration),
            Box::new(m20261202_000011_one_rate_limiter::Migration),
            Box::new(m20261202_000012_outbox_priority::Migration),
            Box::new(m20261202_000013_letter_deadline::Migration),
            Box::new(m20261202_000014_goal_reached::Migration),
            Box::new(m20261202_000015_reasons::Migration),
            Box::new(m20261202_000016_updates::Migration),
            Box::new(m20261203_000017_deliveries::Migration),
            Box::new(m20261203_000018_update_mail::Migration),
            Box::new(m20261203_000019_outbox_vacuum::Migration),
            Box::new(m20261203_000020_campaigns::Migration),
            Box::new(m20261203_000021_teams::Migration),
            Box::new(m20261203_000022_group_leads::Migration),
            Box::new(m20261203_000023_volunteers::Migration),
            Box::new(m20261203_000024_paper_batches::Migration),
            Box::new(m20261203_000025_signature_log::Migration),
            Box::new(m20261204_000026_discreet::Migration),
            Box::new(m20261204_000027_languages::Migration),
            Box::new(m20261204_000028_letter_translations::Migration),
            Box::new(m20261204_000029_more_languages::Migration),
            Box::new(m20261204_000030_undeliverable::Migration),
            Box::new(m20261204_000031_webhooks::Migration),
        ]
    }
}
