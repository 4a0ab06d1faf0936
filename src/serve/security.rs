//! What keeps the server the user's own: the Host header checked against the bound address (no
//! DNS rebinding), the access token when there is one (`?token=` once, then a cookie), a CSRF
//! token in every form compared with the one the server keeps, and the headers of every reply
//! (a strict Content-Security-Policy, no sniffing, no referrer, no framing).
//!
//! Cookies do not tell localhost ports apart, so the cookies are named with the port and the form
//! token is compared with the server's own copy, not only with a cookie another local page could
//! have set.

use std::net::IpAddr;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::App;
use super::pages;

/// The policy of the server's own pages: its stylesheet and nothing else — no script, no inline
/// style, no frame, forms only to itself.
pub(crate) const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The policy of the report page, which is the same page as `moc report --format html`: its own
/// `<style>` and the colour swatches of its legends, each allowed by its hash (and the server's
/// stylesheet for the download bar); still no script.
pub(crate) fn report_csp(html: &str) -> String {
    let mut hashes: Vec<String> = Vec::new();
    let mut add = |text: &str| {
        let h = format!("'sha256-{}'", base64(&sha256(text.as_bytes())));
        if !hashes.contains(&h) {
            hashes.push(h);
        }
    };
    let mut rest = html;
    while let Some(i) = rest.find("<style>") {
        let after = &rest[i + "<style>".len()..];
        let Some(end) = after.find("</style>") else {
            break;
        };
        add(&after[..end]);
        rest = &after[end..];
    }
    let mut attrs = false;
    let mut rest = html;
    while let Some(i) = rest.find(" style=\"") {
        let after = &rest[i + " style=\"".len()..];
        let Some(end) = after.find('"') else { break };
        add(&after[..end]);
        attrs = true;
        rest = &after[end..];
    }
    let unsafe_hashes = if attrs { " 'unsafe-hashes'" } else { "" };
    format!(
        "default-src 'none'; style-src 'self'{unsafe_hashes} {}; img-src 'self'; \
         form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        hashes.join(" ")
    )
}

/// 128 random bits as 32 hex digits.
pub(crate) fn random_token() -> std::io::Result<String> {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b).map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(b.iter().map(|x| format!("{x:02x}")).collect())
}

/// One cookie of the request.
pub(crate) fn cookie<'a>(h: &'a HeaderMap, name: &str) -> Option<&'a str> {
    h.get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Equality of two secrets in a time that does not depend on where they differ.
pub(crate) fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// A `Set-Cookie` value for this server's cookie: only over this path, not for scripts, not sent
/// along from other sites.
pub(crate) fn set_cookie(name: &str, value: &str) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Strict"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The Host header values the server answers to: the bound address and port (with `localhost`
/// for a loopback address). For an address of every interface (0.0.0.0, ::) any IP address with
/// the port, `localhost` and this computer's name — never another name, which is what a DNS
/// rebinding attack would send.
#[derive(Clone, Debug)]
pub(crate) struct Hosts {
    port: u16,
    bound: IpAddr,
    names: Vec<String>,
}

impl Hosts {
    pub(crate) fn new(bound: IpAddr, port: u16) -> Hosts {
        let mut names = Vec::new();
        if bound.is_loopback() || bound.is_unspecified() {
            names.push("localhost".to_owned());
        }
        if bound.is_unspecified()
            && let Ok(h) = std::fs::read_to_string("/proc/sys/kernel/hostname")
        {
            let h = h.trim().to_ascii_lowercase();
            if !h.is_empty() {
                names.push(format!("{h}.local"));
                names.push(h);
            }
        }
        Hosts { port, bound, names }
    }

    /// Whether a Host header names this server.
    pub(crate) fn allows(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        let (name, port) = match host.rsplit_once(':') {
            // «[::1]:8080» or «127.0.0.1:8080» or «name:8080»
            Some((n, p)) if !n.ends_with(':') && (n.starts_with('[') || !n.contains(':')) => {
                (n, p.parse::<u16>().ok())
            }
            _ => (host.as_str(), None),
        };
        // a browser leaves out :80
        let port = port.unwrap_or(80);
        if port != self.port {
            return false;
        }
        if self.names.iter().any(|n| n == name) {
            return true;
        }
        let ip = name.trim_start_matches('[').trim_end_matches(']');
        match ip.parse::<IpAddr>() {
            Ok(_) if self.bound.is_unspecified() => true,
            Ok(ip) => ip == self.bound,
            Err(_) => false,
        }
    }
}

/// The name of a cookie of this server: with the port, because two servers on one computer
/// share their cookies otherwise.
pub(crate) fn cookie_name(base: &str, port: u16) -> String {
    format!("{base}_{port}")
}

/// Every request: the Host header first, then the access token when the server has one.
pub(crate) async fn guard(State(app): State<App>, req: Request, next: Next) -> Response {
    let lang = app.lang();
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    if !host.is_some_and(|h| app.hosts.allows(h)) {
        return refuse(
            StatusCode::FORBIDDEN,
            lang.pick(
                "Этот адрес не принадлежит серверу moc: откройте адрес, который напечатала команда moc serve.",
                "This address does not belong to the moc server: open the address moc serve printed.",
            ),
            &app,
        );
    }
    let Some(token) = &app.token else {
        return next.run(req).await;
    };
    let name = cookie_name("moc_token", app.port);
    if cookie(req.headers(), &name).is_some_and(|t| same(t, token)) {
        return next.run(req).await;
    }
    let query = req.uri().query().unwrap_or("");
    let given = query.split('&').find_map(|kv| kv.strip_prefix("token="));
    if given.is_some_and(|t| same(t, token)) {
        // the token once in the address, then in a cookie; the address is cleaned of it
        let rest: Vec<&str> = query
            .split('&')
            .filter(|kv| !kv.starts_with("token=") && !kv.is_empty())
            .collect();
        let mut to = req.uri().path().to_owned();
        if !rest.is_empty() {
            to.push('?');
            to.push_str(&rest.join("&"));
        }
        let mut resp = axum::response::Redirect::to(&to).into_response();
        resp.headers_mut()
            .append(header::SET_COOKIE, set_cookie(&name, token));
        return resp;
    }
    refuse(
        StatusCode::UNAUTHORIZED,
        lang.pick(
            "Нужен токен доступа: откройте полный адрес, который напечатала команда moc serve (с ?token=…).",
            "An access token is needed: open the whole address moc serve printed (with ?token=…).",
        ),
        &app,
    )
}

/// A refusal as a short page.
pub(crate) fn refuse(status: StatusCode, message: &str, app: &App) -> Response {
    let lang = app.lang();
    let title = lang.pick("Доступ закрыт", "Access denied");
    (status, pages::message_page(title, message, lang)).into_response()
}

/// Whether a form's `csrf` field is the server's token, and the request carries the cookie set
/// with it.
pub(crate) fn csrf_ok(app: &App, headers: &HeaderMap, field: Option<&str>) -> bool {
    let name = cookie_name("moc_csrf", app.port);
    let Some(field) = field else { return false };
    cookie(headers, &name).is_some_and(|c| same(c, &app.csrf)) && same(field, &app.csrf)
}

/// The headers of every reply.
pub(crate) async fn headers(req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        );
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

/// SHA-256 (FIPS 180-4), for the hashes of the report page's styles in its policy.
pub(crate) fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a_2f98,
        0x7137_4491,
        0xb5c0_fbcf,
        0xe9b5_dba5,
        0x3956_c25b,
        0x59f1_11f1,
        0x923f_82a4,
        0xab1c_5ed5,
        0xd807_aa98,
        0x1283_5b01,
        0x2431_85be,
        0x550c_7dc3,
        0x72be_5d74,
        0x80de_b1fe,
        0x9bdc_06a7,
        0xc19b_f174,
        0xe49b_69c1,
        0xefbe_4786,
        0x0fc1_9dc6,
        0x240c_a1cc,
        0x2de9_2c6f,
        0x4a74_84aa,
        0x5cb0_a9dc,
        0x76f9_88da,
        0x983e_5152,
        0xa831_c66d,
        0xb003_27c8,
        0xbf59_7fc7,
        0xc6e0_0bf3,
        0xd5a7_9147,
        0x06ca_6351,
        0x1429_2967,
        0x27b7_0a85,
        0x2e1b_2138,
        0x4d2c_6dfc,
        0x5338_0d13,
        0x650a_7354,
        0x766a_0abb,
        0x81c2_c92e,
        0x9272_2c85,
        0xa2bf_e8a1,
        0xa81a_664b,
        0xc24b_8b70,
        0xc76c_51a3,
        0xd192_e819,
        0xd699_0624,
        0xf40e_3585,
        0x106a_a070,
        0x19a4_c116,
        0x1e37_6c08,
        0x2748_774c,
        0x34b0_bcb5,
        0x391c_0cb3,
        0x4ed8_aa4a,
        0x5b9c_ca4f,
        0x682e_6ff3,
        0x748f_82ee,
        0x78a5_636f,
        0x84c8_7814,
        0x8cc7_0208,
        0x90be_fffa,
        0xa450_6ceb,
        0xbef9_a3f7,
        0xc671_78f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09_e667,
        0xbb67_ae85,
        0x3c6e_f372,
        0xa54f_f53a,
        0x510e_527f,
        0x9b05_688c,
        0x1f83_d9ab,
        0x5be0_cd19,
    ];
    let mut msg = data.to_vec();
    let bits = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bits.to_be_bytes());
    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (i, x) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&x.to_be_bytes());
    }
    out
}

/// Standard base64 with padding.
pub(crate) fn base64(data: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}
