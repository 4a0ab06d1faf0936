//! clap in the user's language: the one small module that knows clap's own English words.
//!
//! Help texts are written in both languages beside the argument they describe
//! (`#[arg(help = t("…", "…"))]`); [`t`] picks one for the language the command line is being
//! built in. What clap adds by itself — «Usage:», «Options:», «[default: …]», «[possible values:
//! …]», the help and version flags, its error messages — is replaced here: headings and the help
//! template are set in the user's language, default and possible values are hidden from clap and
//! written into the help text by [`localize`], and clap's errors are said again in Russian by
//! [`error`]. A test renders every command's help in both languages and looks for English.

use std::cell::Cell;
use std::ffi::OsString;
use std::fmt::Write as _;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory};

use crate::i18n::Lang;

thread_local! {
    /// The language the command line is being built in on this thread.
    static BUILDING: Cell<Lang> = const { Cell::new(Lang::Ru) };
}

/// A help text in the language the command line is being built in:
/// `#[arg(help = t("Год плана", "The plan's year"))]`.
pub(crate) fn t(ru: &'static str, en: &'static str) -> &'static str {
    BUILDING.with(Cell::get).pick(ru, en)
}

/// moc's command line as it parses, its texts in `lang` but clap's own words not replaced: for
/// reading a command line that is not asking for help ([`command`] is the one that shows it).
pub(crate) fn plain(lang: Lang) -> Command {
    BUILDING.with(|b| b.set(lang));
    super::cli::Cli::command()
}

/// moc's command line with every text in `lang`.
pub(crate) fn command(lang: Lang) -> Command {
    BUILDING.with(|b| b.set(lang));
    let cmd = super::cli::Cli::command();
    localize(cmd, lang, "")
}

const TEMPLATE_RU: &str =
    "{before-help}{about-with-newline}\nИспользование: {usage}\n\n{all-args}{after-help}";
const TEMPLATE_EN: &str =
    "{before-help}{about-with-newline}\nUsage: {usage}\n\n{all-args}{after-help}";

/// Headings, the help template, the help and version flags, default and possible values — in
/// `lang`, for a command and all its subcommands.
fn localize(mut cmd: Command, lang: Lang, parent: &str) -> Command {
    let ru = lang == Lang::Ru;
    let root = parent.is_empty();
    let path = if root {
        cmd.get_name().to_owned()
    } else {
        format!("{parent} {}", cmd.get_name())
    };
    cmd = cmd
        .help_template(if ru { TEMPLATE_RU } else { TEMPLATE_EN })
        .subcommand_help_heading(lang.pick("Команды", "Commands"))
        .subcommand_value_name(lang.pick("КОМАНДА", "COMMAND"))
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(lang.pick("Показать справку", "Show help")),
        );
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(lang.pick("Показать версию", "Show the version")),
        );
    }
    let (options, arguments) = (
        lang.pick("Параметры", "Options"),
        lang.pick("Аргументы", "Arguments"),
    );
    cmd = cmd.mut_args(|a| {
        let heading = if a.is_positional() {
            arguments
        } else {
            options
        };
        values_into_help(a, lang).help_heading(heading)
    });
    // the usage line, with clap's «[OPTIONS]» in the user's words
    if ru && cmd.get_arguments().any(|a| !a.is_positional()) {
        let usage = cmd.clone().render_usage().to_string();
        let usage = usage.trim_start_matches("Usage:").trim();
        // a subcommand renders its usage under its own name: put the parents before it
        let usage = usage.strip_prefix(cmd.get_name()).unwrap_or(usage);
        let usage = format!("{path}{usage}")
            .replace("[OPTIONS]", "[ПАРАМЕТРЫ]")
            .replace("<COMMAND>", "<КОМАНДА>");
        cmd = cmd.override_usage(usage);
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |sub| localize(sub, lang, &path));
    }
    cmd
}

/// Move an argument's default and possible values from clap's English brackets into its help.
fn values_into_help(a: Arg, lang: Lang) -> Arg {
    if !a.get_action().takes_values() || a.is_hide_set() {
        return a;
    }
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_owned())
        .collect();
    let default: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let mut extra = String::new();
    if !values.is_empty() && !a.is_hide_possible_values_set() {
        let listed = values.join(", ");
        let help = a.get_help().map(ToString::to_string).unwrap_or_default();
        // a help that already names every value needs no list
        if !values.iter().all(|v| help.contains(v.as_str())) {
            let _ = write!(extra, " [{}: {listed}]", lang.pick("значения", "values"));
        }
    }
    if !default.is_empty() && !a.is_hide_default_value_set() {
        let _ = write!(
            extra,
            " [{}: {}]",
            lang.pick("по умолчанию", "default"),
            default.join(", ")
        );
    }
    let a = a.hide_possible_values(true).hide_default_value(true);
    if extra.is_empty() {
        return a;
    }
    let help = a.get_help().map(ToString::to_string).unwrap_or_default();
    let long = a.get_long_help().map(ToString::to_string);
    let a = a.help(format!("{help}{extra}"));
    match long {
        Some(l) => a.long_help(format!("{l}{extra}")),
        None => a,
    }
}

/// The section headings clap_mangen writes in English, in `lang` (the names the Russian manual
/// pages use: ИМЯ, ОБЗОР, ОПИСАНИЕ…).
pub(crate) fn man_headings(roff: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return roff.to_owned();
    }
    roff.lines()
        .map(|l| {
            let known = match l {
                ".SH NAME" => ".SH ИМЯ",
                ".SH SYNOPSIS" => ".SH ОБЗОР",
                ".SH DESCRIPTION" => ".SH ОПИСАНИЕ",
                ".SH OPTIONS" => ".SH ПАРАМЕТРЫ",
                ".SH SUBCOMMANDS" => ".SH КОМАНДЫ",
                ".SH VERSION" => ".SH ВЕРСИЯ",
                ".SH EXTRA" => ".SH ДОПОЛНИТЕЛЬНО",
                ".SH AUTHORS" => ".SH АВТОРЫ",
                other => other,
            };
            // headings given in Russian (the commands' heading) in capitals like the rest
            match known.strip_prefix(".SH ") {
                Some(rest) => format!(".SH {}", rest.to_uppercase()),
                None => known.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// The language asked for on the command line (`--lang en`), before clap parses anything, so
/// that help and errors come out in it; else the environment's.
pub(crate) fn lang_from_args(args: &[OsString]) -> Lang {
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if let Some(v) = a.strip_prefix("--lang=") {
            return Lang::from_locale(v);
        }
        if a == "--lang"
            && let Some(v) = it.next()
        {
            return Lang::from_locale(&v);
        }
    }
    Lang::from_env()
}

/// The command the arguments name (`moc --lang en status …` → `status`), to point to its help.
fn command_named(args: &[OsString], cmd: &Command) -> Option<String> {
    let mut path = Vec::new();
    let mut current = cmd;
    let mut skip_value = false;
    for a in args.iter().skip(1) {
        let a = a.to_string_lossy();
        if skip_value {
            skip_value = false;
            continue;
        }
        if a.starts_with('-') {
            // the global options that take a value
            skip_value = matches!(a.as_ref(), "--lang" | "--as-of" | "--color");
            continue;
        }
        match current.find_subcommand(a.as_ref()) {
            Some(sub) => {
                path.push(sub.get_name().to_owned());
                current = sub;
            }
            None => break,
        }
    }
    (!path.is_empty()).then(|| path.join(" "))
}

fn ctx_str(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        _ => None,
    }
}

/// clap's error in the user's language, with a pointer to the help of the command concerned.
pub(crate) fn error(e: &clap::Error, args: &[OsString], lang: Lang) -> String {
    let help = match command_named(args, &command(lang)) {
        Some(c) => format!("moc {c} --help"),
        None => "moc --help".to_owned(),
    };
    if lang == Lang::En {
        let text = e.render().to_string();
        return text.replace(
            "For more information, try '--help'.",
            &format!("For more information: {help}"),
        );
    }
    let arg = ctx_str(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = ctx_str(e, ContextKind::InvalidValue).unwrap_or_default();
    let valid = ctx_str(e, ContextKind::ValidValue);
    let suggested = ctx_str(e, ContextKind::SuggestedArg)
        .or_else(|| ctx_str(e, ContextKind::SuggestedSubcommand));
    let sub = ctx_str(e, ContextKind::InvalidSubcommand).unwrap_or_default();
    let mut msg = match e.kind() {
        ErrorKind::UnknownArgument => format!("неизвестный параметр «{arg}»"),
        ErrorKind::InvalidSubcommand => format!("неизвестная команда «{sub}»"),
        ErrorKind::InvalidValue => {
            if value.is_empty() {
                format!("у параметра «{arg}» нет значения")
            } else {
                format!("недопустимое значение «{value}» для «{arg}»")
            }
        }
        ErrorKind::ValueValidation => {
            let source = std::error::Error::source(e)
                .map(ToString::to_string)
                .unwrap_or_default();
            let source = source.split(" / ").next().unwrap_or_default().to_owned();
            format!("недопустимое значение «{value}» для «{arg}»: {source}")
        }
        ErrorKind::MissingRequiredArgument => format!("не хватает обязательного аргумента: {arg}"),
        ErrorKind::MissingSubcommand => "не указана команда".to_owned(),
        ErrorKind::ArgumentConflict => format!("параметр «{arg}» несовместим с другим указанным"),
        ErrorKind::TooManyValues => format!("лишний аргумент «{value}»"),
        ErrorKind::NoEquals => format!("значение «{arg}» указывается через «=»"),
        _ => format!("не удалось разобрать командную строку ({:?})", e.kind()),
    };
    if let Some(v) = valid {
        let _ = write!(msg, "\n  допустимые значения: {v}");
    }
    if let Some(s) = suggested {
        let _ = write!(msg, "\n  возможно, имелось в виду: {s}");
    }
    format!("ошибка: {msg}\n\nСправка: {help}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_definition_is_valid() {
        command(Lang::Ru).debug_assert();
        command(Lang::En).debug_assert();
    }

    #[test]
    fn lang_flag_is_seen_before_parsing() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            lang_from_args(&args(&["moc", "--lang", "en", "check"])),
            Lang::En
        );
        assert_eq!(
            lang_from_args(&args(&["moc", "check", "--lang=ru"])),
            Lang::Ru
        );
    }

    #[test]
    fn the_command_concerned_is_found() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        let cmd = command(Lang::Ru);
        assert_eq!(
            command_named(&args(&["moc", "--lang", "en", "status", "--bogus"]), &cmd),
            Some("status".to_owned())
        );
        assert_eq!(
            command_named(&args(&["moc", "hook", "install", "-x"]), &cmd),
            Some("hook install".to_owned())
        );
        assert_eq!(command_named(&args(&["moc", "--bogus"]), &cmd), None);
    }

    /// Every command's help, in Russian, has none of clap's English words, and every argument
    /// has help in both languages.
    #[test]
    fn no_english_in_russian_help() {
        fn visit(cmd: &mut Command, path: &str, out: &mut Vec<(String, String)>) {
            out.push((path.to_owned(), cmd.render_long_help().to_string()));
            out.push((format!("{path} (-h)"), cmd.render_help().to_string()));
            let names: Vec<String> = cmd
                .get_subcommands()
                .map(|s| s.get_name().to_owned())
                .collect();
            for n in names {
                if let Some(sub) = cmd.find_subcommand_mut(&n) {
                    let mut sub = sub.clone();
                    visit(&mut sub, &format!("{path} {n}"), out);
                }
            }
        }
        let mut helps = Vec::new();
        visit(&mut command(Lang::Ru), "moc", &mut helps);
        assert!(helps.len() > 25, "{}", helps.len());
        for (path, text) in &helps {
            for english in [
                "Usage:",
                "Options:",
                "Arguments:",
                "Commands:",
                "Possible values",
                "possible values",
                "[default:",
                "[aliases:",
                "Print help",
                "[OPTIONS]",
            ] {
                assert!(!text.contains(english), "{path}: «{english}» in\n{text}");
            }
        }
        let mut en = Vec::new();
        visit(&mut command(Lang::En), "moc", &mut en);
        for ((path, ru), (_, en)) in helps.iter().zip(&en) {
            // an English help that is the Russian one means a text without its English side
            assert_ne!(ru, en, "{path}: the English help is the Russian one");
            let cyrillic_lines: Vec<&str> = en
                .lines()
                .filter(|l| l.trim_start().starts_with('-'))
                .filter(|l| {
                    l.split("  ")
                        .skip(1)
                        .collect::<String>()
                        .chars()
                        .take(12)
                        .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c)))
                })
                .collect();
            assert!(
                cyrillic_lines.is_empty(),
                "{path}: Russian help in English: {cyrillic_lines:?}"
            );
        }
    }
}
