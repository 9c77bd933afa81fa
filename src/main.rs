use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;
use undersigned::cli::{self, Cli, Command, UserCommand};

#[rocket::main]
async fn main() -> ExitCode {
    let args = Cli::parse();
    // Rocket's own request lines carry each path, and paths carry tokens: they
    // stay off whatever RUST_LOG says; our access log names routes instead.
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info"))
        .add_directive("rocket=warn".parse().expect("a valid directive"));
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(filter)
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
        Command::Verify {
            url,
            receipt,
            state,
        } => match cli::verify::run(&url, receipt.as_deref(), state.as_deref()).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("undersigned verify: MISMATCH: {e}");
                ExitCode::FAILURE
            }
        },
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
