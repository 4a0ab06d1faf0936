//! `moc serve`: the plans in a browser, for the people who do not use a terminal — a local web
//! server over the same plans, with forms for the edits a methodist makes. The server itself is
//! [`crate::serve`] (the cargo feature `serve`); this file is the command's arguments and start.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::Args as ClapArgs;

use super::{CommandError, Ctx, Exit, Io};
use crate::app::help::t;

#[derive(Debug, ClapArgs)]
#[command(
    about = t(
        "Планы в браузере: таблицы, мероприятия, отметки о выполнении — без терминала",
        "The plans in a browser: tables, items, marking work done — without a terminal"
    ),
    long_about = t(
        "Планы в браузере: таблицы, мероприятия, отметки о выполнении — без терминала\n\n\
Запускает веб-сервер на этом компьютере и печатает его адрес. На страницах — планы, состояние\n\
каждого мероприятия, отчёт (и его загрузка: Word, Excel, календарь) и формы: выполнено, начато,\n\
частично, ход работы, причина пропуска, перенос, отмена. Правки идут тем же путём, что moc done\n\
и другие команды: блокировка, проверка плана, атомарная запись, комментарии сохраняются. Если файл\n\
изменился с тех пор, как страница была открыта, правка не записывается.\n\n\
По умолчанию сервер слушает только 127.0.0.1; другой адрес — только с --token.\n\n\
Примеры:\n  \
  moc serve                               планы из plans/ на http://127.0.0.1:8080/\n  \
  moc serve --open --commit               открыть браузер; каждая правка — коммит git\n  \
  moc serve plans/mosalsk-2026.toml --port 9000\n  \
  moc serve --bind 0.0.0.0 --token \"$(openssl rand -hex 16)\"   для других компьютеров сети",
        "The plans in a browser: tables, items, marking work done — without a terminal\n\n\
Starts a web server on this computer and prints its address. Its pages show the plans, the\n\
state of every item, the report (and its downloads: Word, Excel, calendar) and forms: done,\n\
started, partly done, progress, a reason for a missed period, postponed, cancelled. Edits take\n\
the path moc done and the other commands take: a lock, the plan checked, an atomic write,\n\
comments kept. When the file changed since the page was opened, the edit is not written.\n\n\
By default the server listens on 127.0.0.1 only; another address needs --token.\n\n\
Examples:\n  \
  moc serve                               the plans in plans/ at http://127.0.0.1:8080/\n  \
  moc serve --open --commit               open the browser; every edit is a git commit\n  \
  moc serve plans/mosalsk-2026.toml --port 9000\n  \
  moc serve --bind 0.0.0.0 --token \"$(openssl rand -hex 16)\"   for other computers of the network"
    )
)]
pub(crate) struct Args {
    #[arg(
        value_name = t("ПУТЬ", "PATH"),
        help = t(
            "Папка или файл плана внутри plans/ репозитория (по умолчанию — вся папка plans/)",
            "A folder or plan file inside the repository's plans/ (default: all of plans/)"
        )
    )]
    pub(crate) path: Option<PathBuf>,

    #[arg(
        long, value_name = t("ПОРТ", "PORT"),
        help = t(
            "Порт (по умолчанию 8080, а если он занят — следующий свободный; 0 — любой свободный)",
            "The port (default 8080, or the next free one when it is busy; 0: any free port)"
        )
    )]
    pub(crate) port: Option<u16>,

    #[arg(
        long, default_value = "127.0.0.1", value_name = t("АДРЕС", "ADDR"),
        help = t(
            "Адрес, на котором слушать; любой, кроме 127.0.0.1 и ::1, требует --token",
            "The address to listen on; any but 127.0.0.1 and ::1 needs --token"
        )
    )]
    pub(crate) bind: IpAddr,

    #[arg(
        long, value_name = t("ТОКЕН", "TOKEN"), value_parser = parse_token,
        help = t(
            "Пароль доступа: каждый запрос должен его нести (ссылка ?token=… ставит cookie); \
             не короче 16 знаков из букв, цифр, - . _ ~",
            "An access token every request must carry (a ?token=… link sets a cookie); \
             at least 16 characters of letters, digits, - . _ ~"
        )
    )]
    pub(crate) token: Option<String>,

    #[arg(long, help = t("Открыть страницу в браузере", "Open the page in a browser"))]
    pub(crate) open: bool,

    #[arg(
        long,
        help = t(
            "Каждую правку записывать коммитом git («1.4: выполнено») от имени пользователя git",
            "Record every edit as a git commit («1.4: выполнено») under the user's git identity"
        )
    )]
    pub(crate) commit: bool,
}

/// A token: long enough, and made of characters that need no quoting in a URL or a cookie.
fn parse_token(s: &str) -> Result<String, String> {
    let ok = s
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b));
    if s.len() < 16 || !ok {
        return Err(format!(
            "«{s}»: нужно не меньше 16 знаков из латинских букв, цифр и - . _ ~ (например, openssl rand -hex 16) / \
             at least 16 characters of Latin letters, digits and - . _ ~ are needed (e.g. openssl rand -hex 16)"
        ));
    }
    Ok(s.to_owned())
}

pub(crate) fn run(args: &Args, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    #[cfg(feature = "serve")]
    {
        crate::serve::run(args, ctx, io)
    }
    #[cfg(not(feature = "serve"))]
    {
        let _ = (args, io);
        Err(CommandError::user(ctx.lang.pick(
            "moc собран без веб-сервера (cargo feature «serve»)",
            "moc is built without the web server (cargo feature «serve»)",
        )))
    }
}
