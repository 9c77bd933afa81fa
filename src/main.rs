use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;
use undersigned::cli::{self, Cli, Command, UserCommand};

#[rocket::main]
async fn main() -> ExitCode {
    let args = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let figment = rocket::Config::figment();
    match args.command.unwrap_or(Command::Serve) {
        Command::Serve => match undersigned::rocket(figment).launch().await {
            Ok(_) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("undersigned: {e}");
                ExitCode::FAILURE
            }
        },
        Command::User(UserCommand::Add { email, role }) => {
            match cli::user_add(&figment, &email, &role).await {
                Ok(message) => {
                    println!("{message}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("undersigned user add: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Migrate => match cli::migrate(&figment).await {
            Ok(()) => {
                println!("migrations are up to date");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("undersigned migrate: {e}");
                ExitCode::FAILURE
            }
        },
    }
}
