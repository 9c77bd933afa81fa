//! Where mail goes: an SMTP server (pooled, async), or `.eml` files for a newcomer.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::Settings;

/// Whether a failed delivery may succeed later.
#[derive(Debug)]
pub enum SendError {
    /// Worth retrying: connection refused, timeout, 4xx.
    Transient(String),
    /// Will never succeed: 5xx, an address the server refuses.
    Permanent(String),
}

pub enum Transport {
    Smtp(Smtp),
    Files(PathBuf),
}

/// lettre's pooled SMTP client, with a limit on each whole exchange: lettre
/// applies its own timeout only to connecting, so a server that accepts and
/// then stops answering would hold a delivery (and the worker) for ever.
pub struct Smtp {
    url: String,
    connections: u32,
    timeout: Duration,
    /// Replaced after a timeout: the connection that timed out may be in the
    /// middle of a command, and lettre's pool would hand it out again, its
    /// replies out of step with the next message's commands.
    current: RwLock<Arc<AsyncSmtpTransport<Tokio1Executor>>>,
}

/// A new client and pool (lettre connects lazily, on the first message).
fn client(
    url: &str,
    connections: u32,
    timeout: Duration,
) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
    Ok(AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
        .map_err(|e| format!("smtp_url is not usable: {e}"))?
        .timeout(Some(timeout))
        .pool_config(PoolConfig::new().max_size(connections))
        .build())
}

impl Smtp {
    fn new(url: &str, connections: u32, timeout: Duration) -> Result<Smtp, String> {
        Ok(Smtp {
            current: RwLock::new(Arc::new(client(url, connections, timeout)?)),
            url: url.to_owned(),
            connections,
            timeout,
        })
    }

    fn connect(&self) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
        client(&self.url, self.connections, self.timeout)
    }

    async fn send(&self, message: Message) -> Result<(), SendError> {
        let smtp = self.current.read().expect("not poisoned").clone();
        match tokio::time::timeout(self.timeout, smtp.send(message)).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) if e.is_permanent() => Err(SendError::Permanent(e.to_string())),
            Ok(Err(e)) => Err(SendError::Transient(e.to_string())),
            Err(_) => {
                let mut current = self.current.write().expect("not poisoned");
                // Once per stuck pool, however many of its sends time out.
                if Arc::ptr_eq(&current, &smtp) {
                    if let Ok(fresh) = self.connect() {
                        *current = Arc::new(fresh);
                    }
                }
                Err(SendError::Transient(format!(
                    "the SMTP exchange timed out after {} ms",
                    self.timeout.as_millis()
                )))
            }
        }
    }
}

impl Transport {
    /// SMTP when `smtp_url` is set (`smtp://`, `smtps://`, `?tls=required`), files
    /// under `mail_dir` otherwise. The pool keeps at most `mail_concurrency`
    /// connections; each exchange may take `smtp_timeout_ms`.
    pub fn new(settings: &Settings) -> Result<Transport, String> {
        match settings.smtp_url.as_deref() {
            Some(url) => Ok(Transport::Smtp(Smtp::new(
                url,
                settings.mail_concurrency.max(1) as u32,
                Duration::from_millis(settings.smtp_timeout_ms.max(1)),
            )?)),
            None => Ok(Transport::Files(PathBuf::from(&settings.mail_dir))),
        }
    }

    /// Delivers one message; `id` names the file in file mode.
    pub async fn send(&self, id: i64, message: Message) -> Result<(), SendError> {
        match self {
            Transport::Smtp(smtp) => smtp.send(message).await,
            Transport::Files(dir) => {
                let path = dir.join(format!("{id}.eml"));
                let write = async {
                    tokio::fs::create_dir_all(dir).await?;
                    tokio::fs::write(&path, message.formatted()).await
                };
                write
                    .await
                    .map_err(|e| SendError::Transient(format!("{}: {e}", path.display())))?;
                tracing::info!(path = %path.display(), "mail written to file");
                Ok(())
            }
        }
    }

    pub fn writes_files(&self) -> bool {
        matches!(self, Transport::Files(_))
    }
}
