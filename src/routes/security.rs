//! Headers every response carries: a strict Content-Security-Policy (our own
//! scripts, styles and images only; nothing inline), no MIME sniffing, no
//! referrer beyond our origin, and no framing, except the pages made to be
//! framed (the embed widget), which set their own policy.

use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::Header;
use rocket::{Request, Response};

/// The policy for every page.
pub(crate) const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; \
     script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
     frame-ancestors 'none'";

/// The embed widget's policy: the same, but any site may frame it.
pub(crate) const EMBED_CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; \
     script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
     frame-ancestors *";

pub(crate) struct SecurityHeaders;

#[rocket::async_trait]
impl Fairing for SecurityHeaders {
    fn info(&self) -> Info {
        Info {
            name: "Security headers",
            kind: Kind::Response,
        }
    }

    async fn on_response<'r>(&self, _req: &'r Request<'_>, res: &mut Response<'r>) {
        res.set_header(Header::new("X-Content-Type-Options", "nosniff"));
        res.set_header(Header::new(
            "Referrer-Policy",
            "strict-origin-when-cross-origin",
        ));
        if !res.headers().contains("Content-Security-Policy") {
            res.set_header(Header::new("Content-Security-Policy", CSP));
            res.set_header(Header::new("X-Frame-Options", "DENY"));
        }
    }
}
