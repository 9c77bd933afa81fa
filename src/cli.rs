//! Command-line interface: serving and administration.

use clap::{Parser, Subcommand};

/// Undersigned: open letters and pledges, signed and confirmed by email.
///
/// Settings come from Rocket.toml and ROCKET_* environment variables
/// (e.g. ROCKET_DATABASE_URL, ROCKET_SMTP_URL, ROCKET_PROFILE=release).
#[derive(Debug, Parser)]
#[command(name = "undersigned", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the site and the API, and run the mail worker (the default).
    Serve,
    /// Run pending database migrations and exit.
    Migrate,
}

/// `undersigned migrate`: connects with the configured settings and migrates.
pub async fn migrate(figment: &rocket::figment::Figment) -> Result<(), String> {
    let settings =
        crate::config::Settings::from_figment(figment).map_err(|e| format!("settings: {e}"))?;
    let db = crate::db::connect(&settings.database_url)
        .await
        .map_err(|e| format!("database: {e}"))?;
    crate::db::migrate(&db)
        .await
        .map_err(|e| format!("migrations: {e}"))?;
    Ok(())
}
