//! moc — the work plan of a municipal support centre (МОЦ) for children's supplementary
//! education, kept as TOML files, checked, evaluated and reported.
//!
//! Data flows one way:
//!
//! ```text
//! discover (paths → files) → load (TOML → model + spans, findings) → checks (findings)
//!   → evaluate (states at an as-of date) → render (table, JSON, CSV, Markdown)
//! ```
//!
//! [`main`] is the whole binary: it parses the command line ([`cli`]), resolves a
//! [`commands::Ctx`] once, runs one command and turns the outcome into an exit code: 0 all well,
//! 1 findings, 2 moc could not do its job (and 2 with a plain message should moc ever panic).

pub mod checks;
pub mod cli;
pub mod commands;
pub mod deadline;
pub mod diagnostic;
pub mod discover;
pub mod edit;
pub mod evaluate;
pub mod export;
pub mod fmt;
pub mod fsutil;
pub mod git;
pub mod i18n;
pub mod import;
pub mod load;
pub mod model;
pub mod plandiff;
pub mod render;
pub mod report;
pub mod roster;
pub mod schema;
pub mod source;
pub mod text;
pub mod view;

use std::io::{BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use cli::{Cli, Cmd, ColorChoice, Parsed};
use commands::{Ctx, Exit, Io};
use i18n::Lang;

/// The binary's entry point.
pub fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang_hint = cli::lang_from_args(&args);
    std::panic::set_hook(Box::new(move |info| {
        let msg = lang_hint.pick(
            "внутренняя ошибка moc — пожалуйста, сообщите о ней разработчикам",
            "internal error in moc — please report it",
        );
        let location = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        let payload = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let _ = writeln!(std::io::stderr(), "moc: {msg}: {payload}{location}");
    }));
    let outcome = std::panic::catch_unwind(move || match cli::parse(args) {
        Parsed::Print(text) => {
            let _ = std::io::stdout().write_all(text.as_bytes());
            Exit::Ok
        }
        Parsed::Error(text) => {
            let _ = std::io::stderr().write_all(text.as_bytes());
            Exit::Failure
        }
        Parsed::Run(cli, lang) => run_with_std_streams(&cli, lang),
    });
    ExitCode::from(outcome.unwrap_or(Exit::Failure).code())
}

fn run_with_std_streams(cli: &Cli, lang: Lang) -> Exit {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let mut ctx = resolve_ctx(cli, lang, stdout.is_terminal(), stderr.is_terminal());
    ctx.exiting = true;
    let mut out = BufWriter::new(stdout.lock());
    let mut err = stderr.lock();
    let result = {
        let mut io = Io {
            out: &mut out,
            err: &mut err,
        };
        run(cli, &ctx, &mut io)
    };
    let flushed = out.flush();
    match result {
        Ok(exit) => {
            if let Err(e) = flushed
                && e.kind() != std::io::ErrorKind::BrokenPipe
            {
                let _ = writeln!(err, "moc: {e}");
                return Exit::Failure;
            }
            exit
        }
        Err(e) if is_broken_pipe(&e) => Exit::Ok,
        Err(e) => {
            let label = lang.pick("ошибка", "error");
            let _ = writeln!(err, "moc: {label}: {e:#}");
            Exit::Failure
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Settle language, colour, date and width once, from the arguments and the environment.
pub fn resolve_ctx(cli: &Cli, lang: Lang, out_tty: bool, err_tty: bool) -> Ctx {
    let root = std::env::current_dir()
        .ok()
        .and_then(|cwd| commands::find_root(&cwd));
    let settings = root
        .as_ref()
        .map(|r| r.join(discover::SETTINGS_FILE))
        .filter(|p| p.is_file())
        .and_then(|p| load::read_text(&p).ok().map(|t| source::Source::new(&p, t)))
        .map(|src| load::load_settings(&src, lang).0)
        .unwrap_or_default();
    Ctx {
        lang,
        color: use_color(cli.color, out_tty),
        err_color: use_color(cli.color, err_tty),
        as_of: cli.as_of.unwrap_or_else(cli::today),
        out_tty,
        width: width_from_env(out_tty),
        root,
        settings,
        exiting: false,
    }
}

/// Colour only on a terminal (or when forced), and never when `NO_COLOR` is set.
fn use_color(choice: ColorChoice, tty: bool) -> bool {
    let set = |v: &str| std::env::var_os(v).is_some_and(|x| !x.is_empty() && x != "0");
    if set("NO_COLOR") {
        return false;
    }
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            set("CLICOLOR_FORCE") || (tty && std::env::var("TERM").map_or(true, |t| t != "dumb"))
        }
    }
}

/// `COLUMNS` when set, else the terminal's width, else none (no wrapping).
fn width_from_env(tty: bool) -> Option<usize> {
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        && n >= 20
    {
        return Some(n);
    }
    if tty {
        return comfy_table::Table::new().width().map(usize::from);
    }
    None
}

/// Run one command.
pub fn run(cli: &Cli, ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<Exit> {
    match &cli.command {
        Cmd::Check(args) => commands::check::run(args, ctx, io),
        Cmd::Deadline(args) => commands::deadline::run(args, ctx, io),
        Cmd::Status(args) => commands::status::run(args, ctx, io),
        Cmd::Overdue(args) => commands::overdue::run(args, ctx, io),
        Cmd::Report(args) => commands::report::run(args, ctx, io),
        Cmd::Render(args) => commands::render::run(args, ctx, io),
        Cmd::Edit(edit) => commands::edit::run_item(edit, ctx, io),
        Cmd::Add(args) => commands::edit::run_add(args, ctx, io),
        Cmd::Fmt(args) => commands::files::fmt(args, ctx, io),
        Cmd::Init(args) => commands::files::init(args, ctx, io),
        Cmd::Rollover(args) => commands::files::rollover(args, ctx, io),
        Cmd::Import(args) => commands::import::run(args, ctx, io),
        Cmd::Diff(args) => commands::history::diff(args, ctx, io),
        Cmd::Log(args) => commands::history::log(args, ctx, io),
        Cmd::Textconv(args) => commands::history::textconv(args, ctx, io),
        Cmd::Hook(cli::HookCmd::Install(args)) => commands::history::hook(args, ctx, io),
        Cmd::Calendar(args) => commands::export::calendar(args, ctx, io),
        Cmd::Schema(args) => commands::export::schema(args, ctx, io),
        Cmd::Completions(args) => commands::export::completions(args, ctx, io),
        Cmd::Man(args) => commands::export::man(args, ctx, io),
    }
}
