//! Where mail goes: an SMTP server (pooled, async), or `.eml` files for a newcomer.

use std::path::PathBuf;
use std::time::Duration;

use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// Whether a failed delivery may succeed later.
#[derive(Debug)]
pub enum SendError {
    /// Worth retrying: connection refused, timeout, 4xx.
    Transient(String),
    /// Will never succeed: 5xx, an address the server refuses.
    Permanent(String),
}

pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(PathBuf),
}

impl Transport {
    /// SMTP when `smtp_url` is set (`smtp://`, `smtps://`, `?tls=required`), files otherwise.
    /// `connections`: how many SMTP connections the pool keeps open at most.
    pub fn new(
        smtp_url: Option<&str>,
        mail_dir: &str,
        connections: usize,
    ) -> Result<Transport, String> {
        match smtp_url {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| format!("smtp_url is not usable: {e}"))?
                    .timeout(Some(Duration::from_secs(10)))
                    .pool_config(PoolConfig::new().max_size(connections.max(1) as u32))
                    .build();
                Ok(Transport::Smtp(transport))
            }
            None => Ok(Transport::Files(PathBuf::from(mail_dir))),
        }
    }

    /// Delivers one message; `id` names the file in file mode.
    pub async fn send(&self, id: i64, message: Message) -> Result<(), SendError> {
        match self {
            Transport::Smtp(smtp) => smtp.send(message).await.map(|_| ()).map_err(|e| {
                if e.is_permanent() {
                    SendError::Permanent(e.to_string())
                } else {
                    SendError::Transient(e.to_string())
                }
            }),
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
