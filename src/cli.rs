//! Command-line interface: serving and administration.

use clap::{Parser, Subcommand};

pub mod verify;

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
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Check a letter's signature log from its public answers: the key, the
    /// signed head, every entry, the root, the count, a receipt, and the
    /// consistency with the head seen last time. Exits non-zero naming the
    /// first mismatch.
    Verify {
        /// The letter's address, e.g. https://undersigned.example/letters/drop-the-sponsor
        url: String,
        /// A receipt saved from the thank-you page: proves your entry is in the log.
        #[arg(long)]
        receipt: Option<std::path::PathBuf>,
        /// A folder to keep the head seen, to check the next one grew from it.
        #[arg(long)]
        state: Option<std::path::PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a confirmed account. The password comes from UNDERSIGNED_PASSWORD, else standard input.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long, value_parser = ["moderator", "organiser"])]
        role: String,
    },
}

/// Connects with the configured settings and runs pending migrations.
async fn migrated_db(
    figment: &rocket::figment::Figment,
) -> Result<sea_orm::DatabaseConnection, String> {
    let settings =
        crate::config::Settings::from_figment(figment).map_err(|e| format!("settings: {e}"))?;
    let db = crate::db::connect(&settings.database_url, 2)
        .await
        .map_err(|e| format!("database: {e}"))?;
    crate::db::migrate(&db)
        .await
        .map_err(|e| format!("migrations: {e}"))?;
    Ok(db)
}

/// `undersigned migrate`.
pub async fn migrate(figment: &rocket::figment::Figment) -> Result<(), String> {
    migrated_db(figment).await.map(drop)
}

/// `undersigned user add`: the password from `UNDERSIGNED_PASSWORD`, else the first line of stdin.
pub async fn user_add(
    figment: &rocket::figment::Figment,
    email: &str,
    role: &str,
) -> Result<String, String> {
    let role = crate::db::entities::user::Role::parse(role)
        .ok_or_else(|| format!("unknown role {role:?}: use moderator or organiser"))?;
    let password = match std::env::var("UNDERSIGNED_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .map_err(|e| format!("reading the password from standard input: {e}"))?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let db = migrated_db(figment).await?;
    match crate::app::add_user(&db, email, role, &password).await {
        Ok(user) => Ok(format!("created {} ({:?})", user.email, user.role).to_lowercase()),
        Err(crate::error::Error::Invalid(errors)) => Err(errors
            .iter()
            .map(|(field, message)| format!("{field}: {message}"))
            .collect::<Vec<_>>()
            .join("; ")),
        Err(e) => Err(e.to_string()),
    }
}
