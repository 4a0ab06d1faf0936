//! The server's life: bind the socket before anything else (so a busy port is an ordinary error
//! and the address can be printed at once), run on one thread, say each edit on the terminal,
//! stop on Ctrl-C or SIGTERM.

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::time::Duration;

use super::{App, Setup, Shared};
use crate::app::{CommandError, Ctx, Io};
use crate::tr;

/// How many ports after the first are tried when it is busy.
const PORT_TRIES: u16 = 20;

/// How long open connections are waited for after Ctrl-C.
const GRACE: Duration = Duration::from_secs(3);

/// Bind `ip` at the port asked for, or at the default port or one of the next free ones.
pub(crate) fn bind(ip: IpAddr, port: Option<u16>, ctx: &Ctx) -> Result<TcpListener, CommandError> {
    let lang = ctx.lang;
    let (first, fall_back) = super::port_choice(port);
    let last = if fall_back {
        first.saturating_add(PORT_TRIES)
    } else {
        first
    };
    let mut busy = None;
    for p in first..=last {
        match TcpListener::bind(SocketAddr::new(ip, p)) {
            Ok(l) => return Ok(l),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => busy = Some(e),
            Err(e) => {
                return Err(CommandError::io(
                    tr!(
                        lang,
                        "не удалось открыть {ip}:{p}",
                        "cannot listen on {ip}:{p}"
                    ),
                    e,
                ));
            }
        }
    }
    let e = busy.unwrap_or_else(|| std::io::Error::from(std::io::ErrorKind::AddrInUse));
    let message = if fall_back {
        tr!(
            lang,
            "порты {first}–{last} заняты",
            "the ports {first}–{last} are busy"
        )
    } else {
        tr!(lang, "порт {first} занят", "the port {first} is busy")
    };
    Err(CommandError::io(message, e).hint(lang.pick(
        "укажите другой: --port 9000 (или --port 0 — любой свободный)",
        "give another: --port 9000 (or --port 0: any free one)",
    )))
}

/// With `--commit`: a repository, and an identity for the commits.
pub(crate) fn check_git(ctx: &Ctx) -> Result<(), CommandError> {
    let lang = ctx.lang;
    let repo =
        crate::git::Repo::discover(&ctx.cwd).map_err(|e| crate::commands::git_error(&e, ctx))?;
    super::forms::identity(&repo.root).map_err(|e| {
        CommandError::user(tr!(
            lang,
            "--commit: git не знает, от чьего имени делать коммиты ({e})",
            "--commit: git does not know whose name to commit under ({e})"
        ))
        .hint(lang.pick(
            "git config --global user.name \"Имя Фамилия\"; git config --global user.email адрес@почты",
            "git config --global user.name \"Your Name\"; git config --global user.email you@example.org",
        ))
    })?;
    Ok(())
}

/// Run the server on `listener` until Ctrl-C: print its address first (and open a browser with
/// `open`), then a line for each edit.
pub(crate) fn serve(
    listener: TcpListener,
    setup: Setup,
    open: bool,
    io: &mut Io<'_>,
) -> Result<(), CommandError> {
    let lang = setup.ctx.lang;
    let addr = listener.local_addr()?;
    let url = address(addr, setup.token.as_deref());
    let plans = setup.ctx.shown(&setup.scope);
    writeln!(
        io.out,
        "{}",
        tr!(
            lang,
            "moc serve: {url} — планы из {plans}; остановить: Ctrl-C",
            "moc serve: {url} — the plans in {plans}; stop: Ctrl-C"
        )
    )?;
    if addr.ip().is_unspecified() {
        writeln!(
            io.out,
            "{}",
            tr!(
                lang,
                "сервер слушает все адреса этого компьютера (порт {}): с других компьютеров откройте его адрес в сети с тем же ?token=…",
                "the server listens on every address of this computer (port {}): from other computers open its network address with the same ?token=…",
                addr.port()
            )
        )?;
    }
    io.out.flush()?;
    if open {
        open_browser(&url, lang, io);
    }
    listener.set_nonblocking(true)?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<String>();
    let app = App::new(Shared::new(setup, Some(tx))?);
    // read the region's plans for the index while the user opens the browser
    let warm = app.clone();
    rt.spawn_blocking(move || {
        let ctx = warm.ctx();
        let _ = warm.store.index(&ctx);
    });
    let result: std::io::Result<()> = rt.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let server = axum::serve(listener, super::router(app))
            .with_graceful_shutdown(stop_signal())
            .into_future();
        let stop = stop_signal();
        tokio::pin!(server, stop);
        let mut stopping = false;
        loop {
            tokio::select! {
                r = &mut server => return r,
                Some(line) = rx.recv() => {
                    let _ = writeln!(io.out, "{line}");
                    let _ = io.out.flush();
                }
                () = &mut stop, if !stopping => {
                    // the first signal started a graceful stop; a connection that never finishes
                    // its request would hold it forever: give them GRACE, or quit on a second
                    stopping = true;
                }
                () = tokio::time::sleep(GRACE), if stopping => return Ok(()),
            }
        }
    });
    result.map_err(|e| {
        CommandError::io(
            lang.pick("веб-сервер остановился", "the web server stopped"),
            e,
        )
    })
}

/// Ctrl-C, or SIGTERM on Unix.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// The address to open: a loopback address by number (`localhost` may mean ::1 as well).
pub(crate) fn address(addr: SocketAddr, token: Option<&str>) -> String {
    let host = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => "127.0.0.1".to_owned(),
        IpAddr::V6(ip) if ip.is_unspecified() => "[::1]".to_owned(),
        IpAddr::V4(ip) => ip.to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
    };
    let mut url = format!("http://{host}:{}/", addr.port());
    if let Some(t) = token {
        url.push_str("?token=");
        url.push_str(t);
    }
    url
}

/// Open `url` in the user's browser; a failure is said, not fatal.
fn open_browser(url: &str, lang: crate::i18n::Lang, io: &mut Io<'_>) {
    #[cfg(target_os = "macos")]
    let mut cmd = std::process::Command::new("open");
    #[cfg(windows)]
    let mut cmd = {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    };
    #[cfg(not(any(target_os = "macos", windows)))]
    let mut cmd = std::process::Command::new("xdg-open");
    let spawned = cmd
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = spawned {
        let _ = writeln!(
            io.err,
            "{}",
            tr!(
                lang,
                "заметка: браузер не открылся ({}) — откройте адрес сами",
                "note: the browser did not open ({}) — open the address yourself",
                crate::app::error::os_error(&e, lang)
            )
        );
    }
}
