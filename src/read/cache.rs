//! A short-lived cache of public reads. A letter that goes viral is read far
//! more than it is signed, and its page changes only as its count does: each
//! public page and JSON answer is built at most once per `public_cache_ms`
//! (by default 1 s, inside the 2 s in which a count must be fresh) and served
//! from memory in between, with an `ETag` so clients and proxies can
//! revalidate for nothing. Logged-in users, and anything that depends on who
//! asks, are never served from here.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::future::Future;
use std::hash::{Hash, Hasher};
use std::io::Cursor;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rocket::http::{ContentType, Header, Status};
use rocket::request::{FromRequest, Outcome, Request};
use rocket::response::{self, Responder, Response};

use crate::error::Result;

/// The memory the cache may use before it starts afresh.
const MAX_BYTES: usize = 32 * 1024 * 1024;

#[derive(Clone)]
pub(crate) struct Cached {
    pub body: Arc<[u8]>,
    pub etag: Arc<str>,
}

struct Entry {
    at: Instant,
    value: Cached,
}

pub(crate) struct PublicCache {
    ttl: Duration,
    entries: Mutex<(HashMap<String, Entry>, usize)>,
}

impl PublicCache {
    /// `ttl` zero turns caching off.
    pub(crate) fn new(ttl: Duration) -> PublicCache {
        PublicCache {
            ttl,
            entries: Mutex::new((HashMap::new(), 0)),
        }
    }

    pub(crate) fn ttl(&self) -> Duration {
        self.ttl
    }

    /// The answer under `key` (built by `make` when missing or stale), as a
    /// public response: its `ETag`, `Cache-Control` for this cache's
    /// interval, and 304 when the client already has it.
    pub(crate) async fn respond<F, Fut, B>(
        &self,
        key: &str,
        content_type: ContentType,
        inm: IfNoneMatch,
        make: F,
    ) -> Result<PublicResponse>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<B>>,
        B: Into<Vec<u8>>,
    {
        Ok(PublicResponse {
            value: self.get_or_make(key, make).await?,
            content_type,
            max_age: self.ttl,
            if_none_match: inm.0,
        })
    }

    /// The cached value under `key`, or what `make` builds (then cached).
    pub(crate) async fn get_or_make<F, Fut, B>(&self, key: &str, make: F) -> Result<Cached>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<B>>,
        B: Into<Vec<u8>>,
    {
        if !self.ttl.is_zero() {
            let entries = self.entries.lock().expect("cache lock");
            if let Some(e) = entries.0.get(key).filter(|e| e.at.elapsed() < self.ttl) {
                return Ok(e.value.clone());
            }
        }
        let body: Vec<u8> = make().await?.into();
        let value = Cached {
            etag: etag_of(&body).into(),
            body: body.into(),
        };
        if !self.ttl.is_zero() {
            let mut entries = self.entries.lock().expect("cache lock");
            let size = key.len() + value.body.len();
            if entries.1 + size > MAX_BYTES {
                entries.0.clear();
                entries.1 = 0;
            }
            entries.1 += size;
            if let Some(old) = entries.0.insert(
                key.to_owned(),
                Entry {
                    at: Instant::now(),
                    value: value.clone(),
                },
            ) {
                entries.1 = entries.1.saturating_sub(key.len() + old.value.body.len());
            }
        }
        Ok(value)
    }
}

fn etag_of(body: &[u8]) -> String {
    let mut h = DefaultHasher::new();
    body.hash(&mut h);
    format!("W/\"{:016x}\"", h.finish())
}

/// The request's `If-None-Match`, if any.
pub(crate) struct IfNoneMatch(pub Option<String>);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for IfNoneMatch {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        Outcome::Success(IfNoneMatch(
            req.headers().get_one("If-None-Match").map(str::to_owned),
        ))
    }
}

/// A public answer: 304 when the client has it already, else the body with
/// its `ETag` and how long it may be reused.
pub(crate) struct PublicResponse {
    pub value: Cached,
    pub content_type: ContentType,
    pub max_age: Duration,
    pub if_none_match: Option<String>,
}

impl<'r> Responder<'r, 'static> for PublicResponse {
    fn respond_to(self, _: &'r Request<'_>) -> response::Result<'static> {
        let mut res = Response::build();
        res.header(Header::new("ETag", self.value.etag.to_string()))
            .header(Header::new(
                "Cache-Control",
                format!("public, max-age={}", self.max_age.as_secs()),
            ));
        let fresh = self
            .if_none_match
            .as_deref()
            .is_some_and(|m| m.split(',').any(|t| t.trim() == &*self.value.etag));
        if fresh {
            return res.status(Status::NotModified).ok();
        }
        let body = self.value.body.clone();
        res.header(self.content_type)
            .sized_body(body.len(), Cursor::new(body))
            .ok()
    }
}
