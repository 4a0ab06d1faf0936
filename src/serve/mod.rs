//! `moc serve`: the plans in a browser — a small web server on the user's own computer over the
//! same plans, for the people who do not use a terminal.
//!
//! ```text
//! mod.rs       the command: what may be served, where it listens, and the shared state (App)
//! server.rs    the socket, the runtime, stopping on Ctrl-C
//! routes.rs    the URLs and their handlers
//! security.rs  Host check, access token, CSRF token, the replies' headers
//! store.rs     plans found under plans/, by id, read again when their files change
//! pages.rs     the index and the plan's page (HTML through maud); item.rs the item's page
//! forms.rs     the edit forms: the same edit path as the command line (commands::edit)
//! report.rs    the report page and the downloads, made by the commands themselves
//! tests/       the routes in process (tower oneshot); tests/cli/serve.rs: the binary, a browser
//! ```
//!
//! Pages are plain HTML with forms and links: no script. Everything a plan says is escaped by
//! maud. Every request runs the blocking work (reading plans, editing, git) off the server's
//! thread.

mod forms;
mod item;
mod pages;
mod report;
mod routes;
mod security;
mod server;
mod store;
#[cfg(test)]
mod tests;

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::app::{CommandError, Ctx, Exit, Io};
use crate::commands::serve::Args;
use crate::i18n::Lang;
use crate::tr;

pub(crate) use routes::router;

/// What the handlers share.
#[derive(Clone)]
pub(crate) struct App(Arc<Shared>);

pub(crate) struct Shared {
    /// The context of the run; the as-of date is today's at each request unless `--as-of` was
    /// given ([`App::ctx`]).
    base: Ctx,
    pub(crate) store: store::Store,
    pub(crate) hosts: security::Hosts,
    pub(crate) port: u16,
    /// The access token every request must carry, when there is one.
    pub(crate) token: Option<String>,
    /// The token of this server's forms.
    pub(crate) csrf: String,
    /// Each edit is committed to git.
    pub(crate) commit: bool,
    /// Lines for the terminal the server runs in (each edit made).
    log: Option<tokio::sync::mpsc::UnboundedSender<String>>,
    /// The lines of the edits just made, for the page shown next.
    flashes: std::sync::Mutex<routes::Flashes>,
}

impl std::ops::Deref for App {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl App {
    pub(crate) fn new(shared: Shared) -> App {
        App(Arc::new(shared))
    }

    pub(crate) fn lang(&self) -> Lang {
        self.base.lang
    }

    /// The context of one request: «today» asked again unless `--as-of` fixed it; output for a
    /// page (no colour, no terminal: a Word document is not refused as «binary on a screen»);
    /// and, the process going on, every structure freed.
    pub(crate) fn ctx(&self) -> Ctx {
        let mut ctx = self.base.clone();
        if !ctx.as_of_given {
            ctx.as_of = crate::app::ctx::today();
        }
        ctx.term = crate::app::ctx::Term::default();
        ctx.exiting = false;
        ctx
    }

    /// Say a line on the server's terminal.
    pub(crate) fn say(&self, line: String) {
        if let Some(tx) = &self.log {
            let _ = tx.send(line);
        }
    }
}

/// Everything [`Shared`] needs besides what the command line gives.
pub(crate) struct Setup {
    pub(crate) ctx: Ctx,
    pub(crate) plans_dir: PathBuf,
    pub(crate) scope: PathBuf,
    pub(crate) bound: IpAddr,
    pub(crate) port: u16,
    pub(crate) token: Option<String>,
    pub(crate) commit: bool,
}

impl Shared {
    pub(crate) fn new(
        setup: Setup,
        log: Option<tokio::sync::mpsc::UnboundedSender<String>>,
    ) -> std::io::Result<Shared> {
        Ok(Shared {
            hosts: security::Hosts::new(setup.bound, setup.port),
            store: store::Store::new(setup.plans_dir, setup.scope),
            base: setup.ctx,
            port: setup.port,
            token: setup.token,
            csrf: security::random_token()?,
            commit: setup.commit,
            log,
            flashes: routes::flashes(),
        })
    }
}

/// `moc serve`.
pub(crate) fn run(args: &Args, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    let lang = ctx.lang;
    if !args.bind.is_loopback() && args.token.is_none() {
        return Err(CommandError::user(tr!(
            lang,
            "адрес {} открыт для других компьютеров сети — нужен --token: без него любой в сети мог бы читать и править планы",
            "the address {} is open to other computers of the network — --token is needed: without it anyone on the network could read and edit the plans",
            args.bind
        ))
        .hint(lang.pick(
            "moc serve --bind 0.0.0.0 --token \"$(openssl rand -hex 16)\", или без --bind — только для этого компьютера",
            "moc serve --bind 0.0.0.0 --token \"$(openssl rand -hex 16)\", or no --bind: this computer only",
        )));
    }
    let (plans_dir, scope) = what_to_serve(args.path.as_deref(), ctx)?;
    if args.commit {
        server::check_git(ctx)?;
    }
    let listener = server::bind(args.bind, args.port, ctx)?;
    let addr = listener.local_addr()?;
    let setup = Setup {
        ctx: ctx.clone(),
        plans_dir,
        scope,
        bound: args.bind,
        port: addr.port(),
        token: args.token.clone(),
        commit: args.commit,
    };
    server::serve(listener, setup, args.open, io)?;
    Ok(Exit::Ok)
}

/// The repository's `plans/` and the part of it to serve (both resolved): `path` must lie in it.
fn what_to_serve(path: Option<&Path>, ctx: &Ctx) -> Result<(PathBuf, PathBuf), CommandError> {
    let lang = ctx.lang;
    let default = ctx.default_plans();
    let shown = ctx.shown(&default);
    let plans_dir = std::fs::canonicalize(&default).map_err(|_| {
        CommandError::user(tr!(
            lang,
            "нет папки {shown}: moc serve показывает планы из папки plans/ репозитория",
            "there is no folder {shown}: moc serve shows the plans in the repository's plans/"
        ))
        .hint(lang.pick(
            "moc init plans/план-2026.toml — новый план",
            "moc init plans/plan-2026.toml — a new plan",
        ))
    })?;
    let Some(path) = path else {
        return Ok((plans_dir.clone(), plans_dir));
    };
    let given = ctx.cwd.join(path);
    let shown_path = ctx.shown(&given);
    let scope = std::fs::canonicalize(&given).map_err(|e| {
        CommandError::io(
            tr!(lang, "{shown_path}", "{shown_path}"),
            std::io::Error::new(e.kind(), e.to_string()),
        )
    })?;
    if !scope.starts_with(&plans_dir) {
        return Err(CommandError::user(tr!(
            lang,
            "{shown_path} лежит вне папки {shown}: moc serve показывает и правит только планы из неё",
            "{shown_path} lies outside {shown}: moc serve shows and edits only the plans in it"
        )));
    }
    Ok((plans_dir, scope))
}

/// The port tried first when none is given; the next free one is taken when it is busy.
pub(crate) const DEFAULT_PORT: u16 = 8080;

/// The port to try first, and whether the next ones may be tried when it is busy.
pub(crate) fn port_choice(port: Option<u16>) -> (u16, bool) {
    match port {
        Some(p) => (p, false),
        None => (DEFAULT_PORT, true),
    }
}
