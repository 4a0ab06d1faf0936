//! What keeps the server the user's own: only plans under plans/, the Host header, the token.

use axum::http::{StatusCode, header};

use super::{HOST, Options, SAYANSK, SEED, TOKEN, fixture, fixture_with, seed};
use crate::serve::security;

#[test]
fn only_plans_under_plans_can_be_reached() {
    let f = fixture(&[
        ("plans/mosalsk-2026.toml", SEED),
        ("secret.toml", SAYANSK),
        ("plans/kaluga/2026 год.toml", SAYANSK),
    ]);
    #[cfg(unix)]
    std::os::unix::fs::symlink(f.path("secret.toml"), f.path("plans/link.toml"))
        .unwrap_or_else(|e| panic!("{e}"));
    for uri in [
        "/plan/..%2F..%2Fetc%2Fpasswd",
        "/plan/..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "/plan/%2E%2E",
        "/plan/..%2Fsecret",
        "/plan/%2Fetc%2Fpasswd",
        "/plan/mosalsk-2026.toml",
        "/plan/mosalsk-2026/../../secret",
        "/plan/..%2Fsecret/item/1.1",
        "/plan/..%2Fsecret/report",
        "/plan/..%2Fsecret/report.html",
        "/plan/link",
        "/plan/link/report.docx",
        "/etc/passwd",
        "/assets/..%2F..%2FCargo.toml",
    ] {
        let r = f.get(uri);
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}");
    }
    let r = f.post("/plan/..%2Fsecret/item/1.1/done", &[("version", "x")]);
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // a plan in a folder: its id is one segment, «/» encoded
    let index = f.get("/").body;
    assert!(
        index.contains("href=\"/plan/kaluga%2F2026%20%D0%B3%D0%BE%D0%B4\""),
        "{index}"
    );
    assert!(index.contains("вне папки plans/"));
    let r = f.get("/plan/kaluga%2F2026%20%D0%B3%D0%BE%D0%B4");
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("город Саянск"));
}

#[test]
fn a_foreign_host_is_refused() {
    let f = seed();
    for host in [
        "evil.example:8080",
        "evil.example",
        "127.0.0.1:9999",
        "127.0.0.2:8080",
        "",
    ] {
        let r = f.get_as("/", host, None);
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{host}");
        // the refusal carries the policy too
        assert!(r.headers.contains_key(header::CONTENT_SECURITY_POLICY));
    }
    assert_eq!(f.get_as("/", "localhost:8080", None).status, StatusCode::OK);
    assert_eq!(f.get_as("/", "LOCALHOST:8080", None).status, StatusCode::OK);
}

#[test]
fn with_a_token_every_request_needs_it() {
    let f = fixture_with(
        &[("plans/mosalsk-2026.toml", SEED)],
        Options {
            token: Some(TOKEN),
            ..Options::default()
        },
    );
    assert_eq!(f.get("/").status, StatusCode::UNAUTHORIZED);
    assert_eq!(f.get("/assets/style.css").status, StatusCode::UNAUTHORIZED);
    assert_eq!(f.get("/?token=wrong").status, StatusCode::UNAUTHORIZED);
    let r = f.get(&format!("/plan/mosalsk-2026?state=overdue&token={TOKEN}"));
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/plan/mosalsk-2026?state=overdue");
    let set = r
        .headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(
        set.starts_with(&format!("moc_token_8080={TOKEN};")),
        "{set}"
    );
    let cookie = format!("moc_token_8080={TOKEN}");
    assert_eq!(f.get_as("/", HOST, Some(&cookie)).status, StatusCode::OK);
    let wrong = format!("moc_token_8080={}", "1".repeat(32));
    assert_eq!(
        f.get_as("/", HOST, Some(&wrong)).status,
        StatusCode::UNAUTHORIZED
    );
}

#[test]
fn hosts_and_secrets() {
    let any = security::Hosts::new(std::net::IpAddr::from([0, 0, 0, 0]), 8080);
    assert!(any.allows("192.168.1.20:8080"));
    assert!(any.allows("[fe80::1]:8080"));
    assert!(any.allows("localhost:8080"));
    assert!(!any.allows("192.168.1.20:8081"));
    assert!(!any.allows("rebind.evil.example:8080"));
    let v6 = security::Hosts::new(std::net::IpAddr::from([0u16, 0, 0, 0, 0, 0, 0, 1]), 80);
    assert!(v6.allows("[::1]") && v6.allows("[::1]:80") && v6.allows("localhost"));
    assert!(!v6.allows("127.0.0.1:80"));
    assert!(
        security::same("abc", "abc")
            && !security::same("abc", "abd")
            && !security::same("ab", "abc")
    );
    // SHA-256 test vectors (FIPS 180-4) and base64
    let hex = |b: [u8; 32]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
    assert_eq!(
        hex(security::sha256(b"abc")),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(
        hex(security::sha256(b"")),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert_eq!(
        hex(security::sha256(
            b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        )),
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    );
    assert_eq!(security::base64(b"moc"), "bW9j");
    assert_eq!(security::base64(b"mo"), "bW8=");
    assert_eq!(security::base64(b"m"), "bQ==");
    let t = security::random_token().unwrap_or_default();
    assert_eq!(t.len(), 32);
    assert_ne!(t, security::random_token().unwrap_or_default());
}
