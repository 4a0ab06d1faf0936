//! The command line: what a user may type, and its help in Russian or English.
//!
//! Arguments are declared once with clap's derive (the `///` comments are the Russian help).
//! English help comes from [`EN`], applied to the built command when the language is English;
//! a test makes sure no argument is left without it. clap's own words ("Usage:", "Options:",
//! its error messages) are replaced here too, since clap cannot translate them. Only this module
//! reads the clock: `--as-of` defaults to today here and nowhere else.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::builder::PossibleValue;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{
    Arg, ArgAction, Args, Command, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum,
};

use crate::deadline::PlanYear;
use crate::evaluate::State;
use crate::i18n::Lang;
use crate::view::Filter;

/// moc — план работы МОЦ в текстовых файлах: проверка, состояние, отчёт.
///
/// План — это файл TOML в папке plans/. moc проверяет его (moc check), понимает сроки так, как их
/// пишут в документах («Апрель – май 2026г.», «ежемесячно», «По запросу»), показывает, где стоит
/// год, и готовит отчёт.
#[derive(Debug, Parser)]
#[command(name = "moc", version, disable_help_subcommand = true)]
pub struct Cli {
    /// Язык сообщений и отчётов: ru или en (по умолчанию — из LANG, иначе русский)
    #[arg(long, global = true, value_name = "ЯЗЫК", value_parser = ["ru", "en"])]
    pub lang: Option<String>,

    /// Цвет: auto (только в терминале и без NO_COLOR), always, never
    #[arg(long, global = true, value_enum, value_name = "КОГДА", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Считать сегодняшним днём эту дату (ГГГГ-ММ-ДД); по умолчанию — сегодня
    #[arg(long, global = true, value_name = "ДАТА", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,

    #[command(subcommand)]
    pub command: Cmd,
}

/// When to colour the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ValueEnum for ColorChoice {
    fn value_variants<'a>() -> &'a [Self] {
        &[ColorChoice::Auto, ColorChoice::Always, ColorChoice::Never]
    }
    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(match self {
            ColorChoice::Auto => "auto",
            ColorChoice::Always => "always",
            ColorChoice::Never => "never",
        }))
    }
}

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Проверить планы: сроки, ответственные, нумерация, ключи
    ///
    /// Каждая ошибка — с файлом, строкой и столбцом, строкой плана, указателем и подсказкой.
    /// Код выхода: 0 — ошибок нет (предупреждения допустимы), 1 — есть ошибки, 2 — проверить не удалось.
    ///
    /// Примеры:
    ///   moc check                      все планы в папке plans/
    ///   moc check plans/mosalsk-2026.toml
    ///   moc check --format json        для редактора или CI
    ///   moc check --list               какие проверки есть
    #[command(verbatim_doc_comment)]
    Check(CheckArgs),

    /// Показать, как moc понимает срок
    ///
    /// Примеры:
    ///   moc deadline "Апрель – май 2026г."
    ///   moc deadline "ежемесячно" --year 2026 --format json
    ///   moc deadline "сентябрь - май" --year 2026/2027
    #[command(verbatim_doc_comment)]
    Deadline(DeadlineArgs),

    /// Где стоит год: состояние каждого мероприятия на дату
    ///
    /// Таблица по разделам: №, мероприятие, срок, ответственные, состояние, результат — и итог.
    /// По нескольким планам сначала строка на план; --detail добавляет таблицы.
    ///
    /// Примеры:
    ///   moc status                              все планы в plans/ на сегодня
    ///   moc status --as-of 2026-10-01
    ///   moc status --responsible методист --state overdue
    ///   moc status --month сентябрь --format markdown
    ///   moc status plans/ --detail --format csv > состояние.csv
    ///   moc status --format xlsx -o состояние.xlsx      таблица Excel
    #[command(verbatim_doc_comment)]
    Status(StatusArgs),

    /// Что просрочено: по ответственным, самое давнее первым
    ///
    /// Мероприятие с двумя ответственными показано у обоих, а в итоге считается один раз.
    /// Код выхода 0; с --fail — 1, если что-то просрочено (для напоминания в CI или хуке).
    ///
    /// Примеры:
    ///   moc overdue
    ///   moc overdue --within 14          и что наступит в ближайшие 14 дней
    ///   moc overdue --fail --format json
    #[command(verbatim_doc_comment)]
    Overdue(OverdueArgs),

    /// Отчёт о деятельности МОЦ: Markdown, Word, веб-страница — за год плана или любой период
    ///
    /// Итоги по разделам, таблица мероприятий с результатом исполнения, невыполненное с причинами,
    /// показатели, работа ответственных. По нескольким планам — сводка и отчёт каждого.
    /// Сразу документом Word (Times New Roman, таблицы с рамками) или веб-страницей с диаграммами.
    ///
    /// Примеры:
    ///   moc report --as-of 2026-12-20 -o отчёт-2026.md
    ///   moc report --format docx -o отчёт-2026.docx
    ///   moc report --format html -o отчёт-2026.html   одна страница: отчёт и диаграммы
    ///   moc report --half 1                      промежуточные итоги за I полугодие
    ///   moc report --quarter 3
    ///   moc report plans/ --format json
    #[command(verbatim_doc_comment)]
    Report(ReportArgs),

    /// План как документ на утверждение (Markdown): гриф, цель, задачи, таблица мероприятий
    ///
    /// Примеры:
    ///   moc render plans/mosalsk-2026.toml -o план.md && pandoc план.md -o план.docx
    ///   moc render plans/mosalsk-2026.toml --result      с графой «Результат исполнения»
    #[command(verbatim_doc_comment)]
    Render(RenderArgs),

    #[command(flatten)]
    Edit(ItemEdit),

    /// Добавить мероприятие в конец раздела (номер — следующий свободный)
    ///
    /// Примеры:
    ///   moc add --section 2 --title "Семинар для педагогов" --deadline "Октябрь 2026г." --responsible методист
    ///   moc add --plan plans/sayansk-2026.toml --section III --title "…" --deadline "Ноябрь 2026" --responsible МОЦ --responsible УО
    #[command(verbatim_doc_comment)]
    Add(AddArgs),

    /// Привести файлы планов к единому виду: порядок ключей, кавычки, пустые строки
    ///
    /// Комментарии сохраняются; повторный запуск ничего не меняет.
    /// С --check только перечисляет файлы не в едином виде (код выхода 1) — для хука и CI.
    ///
    /// Примеры:
    ///   moc fmt
    ///   moc fmt --check plans/
    #[command(verbatim_doc_comment)]
    Fmt(FmtArgs),

    /// Создать новый план: шапка, список ответственных, пример раздела
    ///
    /// Примеры:
    ///   moc init --municipality "Мосальский муниципальный округ" --year 2027
    ///   moc init --year 2026/2027 -o plans/plan-2026-27.toml
    #[command(verbatim_doc_comment)]
    Init(InitArgs),

    /// План на следующий год из этого: те же разделы и мероприятия, отметки сняты, годы сдвинуты
    ///
    /// Пример:
    ///   moc rollover plans/mosalsk-2026.toml              создаст plans/mosalsk-2027.toml
    #[command(verbatim_doc_comment)]
    Rollover(RolloverArgs),

    /// Перенести план из Word: текст, скопированный из таблицы, документ .docx или .csv из Excel
    ///
    /// Находит таблицу и её графы по смыслу («№ п/п», «Мероприятие», «Сроки», «Исполнитель»…),
    /// разделы, разорванные строки, шапку (гриф, название, год, цель, задачи) и список
    /// ответственных. Пишет план TOML и перечисляет, что исправить, со строками нового файла.
    /// Код выхода: 0 — план проходит проверку, 1 — записан, но есть что исправить, 2 — не прочитан.
    ///
    /// Примеры:
    ///   moc import план-2026.docx -o plans/mosalsk-2026.toml
    ///   moc import план.txt                       текст из Word (UTF-8 или Windows-1251)
    ///   moc import план.csv --encoding cp1251
    ///   moc import план.txt -o -                  на экран
    #[command(verbatim_doc_comment)]
    Import(ImportArgs),

    /// Что изменилось в планах между ревизиями git: по мероприятиям, а не по строкам
    ///
    /// Добавленные, удалённые, перенумерованные мероприятия; смена состояния (с результатом),
    /// срока, ответственных; новые записи о ходе работы; показатели.
    /// Без ревизии — последний коммит против рабочей копии.
    ///
    /// Примеры:
    ///   moc diff                          что изменено и не закоммичено
    ///   moc diff HEAD~3..HEAD
    ///   moc diff v2026-06..HEAD --format markdown
    #[command(verbatim_doc_comment)]
    Diff(DiffArgs),

    /// История одного мероприятия по коммитам: дата, коммит, автор, что изменилось
    ///
    /// Пример:
    ///   moc log 1.3
    #[command(verbatim_doc_comment)]
    Log(LogArgs),

    /// План строками, по одной на мероприятие — для git diff (драйвер textconv, см. README)
    ///
    /// Пример:
    ///   git config diff.moc.textconv "moc textconv"
    #[command(verbatim_doc_comment)]
    Textconv(TextconvArgs),

    /// Хук git: проверка планов перед каждым коммитом
    ///
    /// Пример:
    ///   moc hook install
    #[command(subcommand, verbatim_doc_comment)]
    Hook(HookCmd),

    /// Сроки в календарь телефона или компьютера: файл iCalendar (.ics)
    ///
    /// Событие на весь день на каждый срок: у ежемесячной работы — на каждый месяц, у нескольких
    /// дат — на каждую. В описании — номер, ответственные и состояние. Повторный импорт файла
    /// обновляет события, а не удваивает их.
    ///
    /// Примеры:
    ///   moc calendar -o план.ics
    ///   moc calendar plans/mosalsk-2026.toml --responsible методист -o методист.ics
    ///   moc calendar --state overdue --state due_soon -o срочное.ics
    #[command(verbatim_doc_comment)]
    Calendar(CalendarArgs),

    /// JSON Schema формата плана — для редактора (Even Better TOML, taplo)
    ///
    /// Планы начинаются строкой «#:schema ../moc-plan.schema.json»: редактор проверяет ключи и
    /// подсказывает их при наборе. Схема в репозитории — вывод этой команды.
    ///
    /// Примеры:
    ///   moc schema > moc-plan.schema.json
    ///   moc schema -o moc-plan.schema.json
    #[command(verbatim_doc_comment)]
    Schema(SchemaArgs),

    /// Дополнение команд по Tab для оболочки: bash, zsh, fish, powershell
    ///
    /// Примеры:
    ///   moc completions bash > ~/.local/share/bash-completion/completions/moc
    ///   moc completions zsh > ~/.zfunc/_moc
    ///   moc completions fish > ~/.config/fish/completions/moc.fish
    ///   moc completions powershell >> $PROFILE
    #[command(verbatim_doc_comment)]
    Completions(CompletionsArgs),

    /// Страница руководства (man) — на экран или страницы всех команд в папку
    ///
    /// Примеры:
    ///   moc man | man -l -
    ///   moc man -o ~/.local/share/man/man1
    #[command(verbatim_doc_comment)]
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// Файлы планов или папки с ними (по умолчанию plans/)
    #[arg(value_name = "ПУТЬ")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// Записать календарь в файл .ics (иначе — на экран)
    #[arg(short, long, value_name = "ФАЙЛ")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Записать схему в файл (иначе — на экран)
    #[arg(short, long, value_name = "ФАЙЛ")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// Оболочка: bash, zsh, fish, powershell, elvish
    #[arg(value_enum, value_name = "ОБОЛОЧКА")]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Записать страницы moc.1 и moc-<команда>.1 в эту папку (иначе — moc.1 на экран)
    #[arg(short, long, value_name = "ПАПКА")]
    pub output: Option<PathBuf>,
}

/// Output formats of `moc diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Table,
    Json,
    Markdown,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Ревизия (против рабочей копии) или диапазон A..B; по умолчанию HEAD
    #[arg(value_name = "РЕВИЗИЯ")]
    pub range: Option<String>,

    /// Файлы планов или папки с ними (по умолчанию plans/)
    #[arg(value_name = "ПУТЬ")]
    pub paths: Vec<PathBuf>,

    /// Формат: table, json, markdown
    #[arg(long, value_enum, value_name = "ФОРМАТ", default_value_t = DiffFormat::Table)]
    pub format: DiffFormat,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Номер мероприятия, как в плане
    #[arg(value_name = "НОМЕР")]
    pub id: String,

    /// Файл плана (если номер есть в нескольких планах)
    #[arg(long, value_name = "ПУТЬ")]
    pub plan: Option<PathBuf>,

    /// Вывести JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct TextconvArgs {
    /// Файл плана
    #[arg(value_name = "ФАЙЛ")]
    pub file: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum HookCmd {
    /// Установить хук pre-commit: moc check и moc fmt --check для планов, готовых к коммиту
    ///
    /// Существующий хук не перезаписывается. Пример:
    ///   moc hook install
    #[command(verbatim_doc_comment)]
    Install(HookArgs),
}

#[derive(Debug, Args)]
pub struct HookArgs {
    /// Только показать текст хука, ничего не записывая
    #[arg(long)]
    pub print: bool,
}

/// What the imported file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImportKind {
    /// Text copied out of a Word table (tabs between cells)
    Text,
    /// A CSV saved by Excel
    Csv,
    /// A Word document
    Docx,
    /// A Word 97–2003 document (read through LibreOffice)
    Doc,
    /// An RTF document (read through LibreOffice)
    Rtf,
    /// An OpenDocument text (LibreOffice Writer)
    Odt,
    /// An Excel workbook
    Xlsx,
    /// An Excel 97–2003 workbook
    Xls,
    /// An OpenDocument spreadsheet (LibreOffice Calc)
    Ods,
    /// A web page
    Html,
}

/// The encoding of a text source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImportEncoding {
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    #[value(name = "cp1251", alias = "windows-1251")]
    Cp1251,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Файл плана: .txt (текст из Word), .docx, .doc, .rtf, .odt, .xlsx, .xls, .ods, .html или .csv
    #[arg(value_name = "ФАЙЛ")]
    pub file: PathBuf,

    /// Куда записать план (по умолчанию — рядом, с расширением .toml; «-» — на экран)
    #[arg(short, long, value_name = "ФАЙЛ")]
    pub output: Option<PathBuf>,

    /// Вид файла: text, csv, docx, doc, rtf, odt, xlsx, xls, ods, html (по умолчанию — по содержимому)
    #[arg(long = "as", value_enum, value_name = "ВИД")]
    pub kind: Option<ImportKind>,

    /// Кодировка текста: utf-8 или cp1251 (по умолчанию — определяется сама)
    #[arg(long, value_enum, value_name = "КОДИРОВКА")]
    pub encoding: Option<ImportEncoding>,

    /// Перезаписать существующий файл
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Файлы планов или папки с ними (по умолчанию plans/)
    #[arg(value_name = "ПУТЬ")]
    pub paths: Vec<PathBuf>,

    /// Не менять файлы, а перечислить те, что не в едином виде (код выхода 1)
    #[arg(long)]
    pub check: bool,

    /// С --check: проверить планы, подготовленные к коммиту, в добавленном виде
    #[arg(long, requires = "check", conflicts_with = "paths")]
    pub staged: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Муниципалитет: «Мосальский муниципальный округ»
    #[arg(long, value_name = "ТЕКСТ")]
    pub municipality: Option<String>,

    /// Учреждение, на базе которого МОЦ
    #[arg(long, value_name = "ТЕКСТ")]
    pub organisation: Option<String>,

    /// Регион: «Калужская область»
    #[arg(long, value_name = "ТЕКСТ")]
    pub region: Option<String>,

    /// Год плана: 2027 или учебный 2026/2027 (по умолчанию — текущий)
    #[arg(long, value_name = "ГОД", value_parser = parse_plan_year)]
    pub year: Option<PlanYear>,

    /// Файл плана (по умолчанию plans/<муниципалитет>-<год>.toml)
    #[arg(short, long, value_name = "ФАЙЛ")]
    pub output: Option<PathBuf>,

    /// Перезаписать существующий файл
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct RolloverArgs {
    /// План этого года
    #[arg(value_name = "ФАЙЛ")]
    pub plan: PathBuf,

    /// Первый год нового плана (по умолчанию — следующий)
    #[arg(long, value_name = "ГОД")]
    pub year: Option<i32>,

    /// Файл нового плана (по умолчанию — имя с новым годом)
    #[arg(short, long, value_name = "ФАЙЛ")]
    pub output: Option<PathBuf>,

    /// Перезаписать существующий файл
    #[arg(long)]
    pub force: bool,
}

/// Which item to edit.
#[derive(Debug, Args, Clone)]
pub struct EditTarget {
    /// Номер мероприятия, как в плане: 1.3, 2.2, 16
    #[arg(value_name = "НОМЕР")]
    pub id: String,

    /// Файл плана (если номер есть в нескольких планах)
    #[arg(long, value_name = "ПУТЬ")]
    pub plan: Option<PathBuf>,

    /// Раздел (если номер повторяется в разных разделах)
    #[arg(long = "section", value_name = "РАЗДЕЛ")]
    pub in_section: Option<String>,

    /// Показать изменения, не записывая файл
    #[arg(long)]
    pub dry_run: bool,
}

/// The commands that change one item.
#[derive(Debug, Subcommand)]
pub enum ItemEdit {
    /// Отметить мероприятие выполненным
    ///
    /// Примеры:
    ///   moc done 1.3 --result "Итоги представлены на совещании руководителей ОО"
    ///   moc done 1.3 --date 2026-06-18 --dry-run
    #[command(verbatim_doc_comment)]
    Done {
        #[command(flatten)]
        target: EditTarget,
        /// Результат исполнения (графа отчёта)
        #[arg(long, value_name = "ТЕКСТ")]
        result: Option<String>,
        /// Дата выполнения (по умолчанию — сегодня или --as-of)
        #[arg(long, value_name = "ДАТА", value_parser = parse_date)]
        date: Option<NaiveDate>,
    },
    /// Отметить мероприятие начатым (в работе)
    ///
    /// Пример:
    ///   moc start 2.2
    #[command(verbatim_doc_comment)]
    Start {
        #[command(flatten)]
        target: EditTarget,
    },
    /// Отметить мероприятие выполненным частично
    ///
    /// Пример:
    ///   moc partly 2.4 --result "Подготовлены 2 программы из 3"
    #[command(verbatim_doc_comment)]
    Partly {
        #[command(flatten)]
        target: EditTarget,
        /// Что выполнено (обязательно)
        #[arg(long, value_name = "ТЕКСТ")]
        result: String,
        /// Дата (по умолчанию — сегодня или --as-of)
        #[arg(long, value_name = "ДАТА", value_parser = parse_date)]
        date: Option<NaiveDate>,
    },
    /// Вернуть мероприятие в план: снять отметки о выполнении, переносе, отмене
    ///
    /// Пример:
    ///   moc reopen 1.3
    #[command(verbatim_doc_comment)]
    Reopen {
        #[command(flatten)]
        target: EditTarget,
    },
    /// Перенести мероприятие на новый срок
    ///
    /// Пример:
    ///   moc postpone 3.4 --to "Январь 2027г." --reason "Договоры не подписаны"
    #[command(verbatim_doc_comment)]
    Postpone {
        #[command(flatten)]
        target: EditTarget,
        /// Новый срок — фраза, как в графе «Срок»
        #[arg(long, value_name = "СРОК")]
        to: String,
        /// Причина переноса
        #[arg(long, value_name = "ТЕКСТ")]
        reason: String,
    },
    /// Отменить мероприятие
    ///
    /// Пример:
    ///   moc cancel 2.3 --reason "Конкурс в 2026 году не проводился"
    #[command(verbatim_doc_comment)]
    Cancel {
        #[command(flatten)]
        target: EditTarget,
        /// Причина отмены
        #[arg(long, value_name = "ТЕКСТ")]
        reason: String,
    },
    /// Записать ход работы (для ежемесячных и круглогодичных мероприятий)
    ///
    /// Пример:
    ///   moc progress 1.8 "3 публикации о записи в объединения" --date 2026-01-28
    #[command(verbatim_doc_comment)]
    Progress {
        #[command(flatten)]
        target: EditTarget,
        /// Что сделано
        #[arg(value_name = "ТЕКСТ")]
        text: String,
        /// Дата (по умолчанию — сегодня или --as-of)
        #[arg(long, value_name = "ДАТА", value_parser = parse_date)]
        date: Option<NaiveDate>,
    },
}

impl ItemEdit {
    pub fn target(&self) -> &EditTarget {
        match self {
            ItemEdit::Done { target, .. }
            | ItemEdit::Start { target }
            | ItemEdit::Partly { target, .. }
            | ItemEdit::Reopen { target }
            | ItemEdit::Postpone { target, .. }
            | ItemEdit::Cancel { target, .. }
            | ItemEdit::Progress { target, .. } => target,
        }
    }
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Раздел, в конец которого добавить: 2, III
    #[arg(long, value_name = "РАЗДЕЛ")]
    pub section: String,

    /// Мероприятие
    #[arg(long, value_name = "ТЕКСТ")]
    pub title: String,

    /// Срок, как он пишется в плане
    #[arg(long, value_name = "СРОК")]
    pub deadline: String,

    /// Ответственный из списка (можно несколько раз)
    #[arg(long, value_name = "ИМЯ", required = true)]
    pub responsible: Vec<String>,

    /// Файл плана (если в plans/ их несколько)
    #[arg(long, value_name = "ПУТЬ")]
    pub plan: Option<PathBuf>,

    /// Показать изменения, не записывая файл
    #[arg(long)]
    pub dry_run: bool,
}

/// Output formats of the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Markdown,
    Json,
    /// A Word document (needs -o or a redirect)
    Docx,
    /// One self-contained web page with charts
    Html,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Файлы планов или папки с ними (по умолчанию plans/)
    #[arg(value_name = "ПУТЬ")]
    pub paths: Vec<PathBuf>,

    /// Записать отчёт в файл (иначе — на экран)
    #[arg(short, long, value_name = "ФАЙЛ")]
    pub output: Option<PathBuf>,

    /// Отчёт за квартал 1–4 года плана
    #[arg(long, value_name = "КВАРТАЛ", value_parser = clap::value_parser!(u32).range(1..=4), conflicts_with_all = ["half", "month", "from", "to"])]
    pub quarter: Option<u32>,

    /// Отчёт за полугодие 1–2 (промежуточные итоги — за первое)
    #[arg(long, value_name = "ЧИСЛО", value_parser = clap::value_parser!(u32).range(1..=2), conflicts_with_all = ["month", "from", "to"])]
    pub half: Option<u32>,

    /// Отчёт за месяц: 9, сентябрь, 2026-09
    #[arg(long, value_name = "МЕСЯЦ", value_parser = parse_month_arg, conflicts_with_all = ["from", "to"])]
    pub month: Option<(Option<i32>, u32)>,

    /// Начало периода отчёта (ГГГГ-ММ-ДД)
    #[arg(long, value_name = "ДАТА", value_parser = parse_date)]
    pub from: Option<NaiveDate>,

    /// Конец периода отчёта (ГГГГ-ММ-ДД)
    #[arg(long, value_name = "ДАТА", value_parser = parse_date)]
    pub to: Option<NaiveDate>,

    /// Формат: markdown, json (те же цифры данными), docx (документ Word), html (страница с диаграммами)
    #[arg(long, value_enum, value_name = "ФОРМАТ", default_value_t = ReportFormat::Markdown)]
    pub format: ReportFormat,

    /// Планы такими, какими они были в ревизии git (коммит, тег, HEAD~1)
    #[arg(long, value_name = "РЕВИЗИЯ")]
    pub at: Option<String>,
    /// Только планы этого года (в региональном репозитории; по умолчанию — год из moc.toml)
    #[arg(long = "year", value_name = "ГОД")]
    pub plan_year: Option<i32>,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Файл плана
    #[arg(value_name = "ФАЙЛ")]
    pub plan: PathBuf,

    /// Записать в файл (иначе — на экран)
    #[arg(short, long, value_name = "ФАЙЛ")]
    pub output: Option<PathBuf>,

    /// Добавить графу «Результат исполнения»
    #[arg(long)]
    pub result: bool,
}

/// Filters shared by the commands that list items.
#[derive(Debug, Args, Clone, Default)]
pub struct FilterArgs {
    /// Только раздел(ы) с этим номером: 1, IV (можно несколько раз)
    #[arg(long, value_name = "РАЗДЕЛ")]
    pub section: Vec<String>,

    /// Только мероприятия этого ответственного (имя или псевдоним из списка; можно несколько раз)
    #[arg(long, value_name = "ИМЯ")]
    pub responsible: Vec<String>,

    /// Только в этом состоянии: overdue, due_soon, in_progress, not_started, year_round, on_demand,
    /// postponed, partly_done, done, cancelled, unknown (можно несколько раз)
    #[arg(long, value_name = "СОСТОЯНИЕ", value_parser = parse_state)]
    pub state: Vec<State>,

    /// Только мероприятия, срок которых захватывает период с этой даты (ГГГГ-ММ-ДД)
    #[arg(long, value_name = "ДАТА", value_parser = parse_date)]
    pub from: Option<NaiveDate>,

    /// …и по эту дату (ГГГГ-ММ-ДД)
    #[arg(long, value_name = "ДАТА", value_parser = parse_date)]
    pub to: Option<NaiveDate>,

    /// Только мероприятия, срок которых захватывает месяц: 9, сентябрь, 2026-09
    #[arg(long, value_name = "МЕСЯЦ", value_parser = parse_month_arg)]
    pub month: Option<(Option<i32>, u32)>,
    /// Только планы этого года (в региональном репозитории; по умолчанию — год из moc.toml)
    #[arg(long = "year", value_name = "ГОД")]
    pub plan_year: Option<i32>,

    /// Планы такими, какими они были в ревизии git (коммит, тег, HEAD~1)
    #[arg(long, value_name = "РЕВИЗИЯ")]
    pub at: Option<String>,
}

impl FilterArgs {
    pub fn to_filter(&self) -> Filter {
        Filter {
            sections: self.section.clone(),
            responsibles: self.responsible.clone(),
            states: self.state.clone(),
            from: self.from,
            to: self.to,
            month: self.month,
        }
    }
}

/// Output formats of item lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
    Markdown,
    /// An Excel workbook, one row per item (needs -o or a redirect)
    Xlsx,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Файлы планов или папки с ними (по умолчанию plans/)
    #[arg(value_name = "ПУТЬ")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// Формат: table, json, csv, markdown, xlsx (таблица Excel)
    #[arg(long, value_enum, value_name = "ФОРМАТ", default_value_t = ListFormat::Table)]
    pub format: ListFormat,

    /// Записать в файл (иначе — на экран); для xlsx — обязательно, если вывод не перенаправлен
    #[arg(short, long, value_name = "ФАЙЛ")]
    pub output: Option<PathBuf>,

    /// По нескольким планам: после сводки — таблицы каждого плана
    #[arg(long)]
    pub detail: bool,

    /// Сколько дней до срока считать «скоро срок»
    #[arg(long, value_name = "ДНЕЙ", default_value_t = 14)]
    pub soon: u32,
}

#[derive(Debug, Args)]
pub struct OverdueArgs {
    /// Файлы планов или папки с ними (по умолчанию plans/)
    #[arg(value_name = "ПУТЬ")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// Добавить список того, что наступит в ближайшие N дней
    #[arg(long, value_name = "ДНЕЙ")]
    pub within: Option<u32>,

    /// Код выхода 1, если что-то просрочено
    #[arg(long)]
    pub fail: bool,

    /// Формат: table, json, csv, markdown, xlsx (таблица Excel)
    #[arg(long, value_enum, value_name = "ФОРМАТ", default_value_t = ListFormat::Table)]
    pub format: ListFormat,

    /// Записать в файл (иначе — на экран); для xlsx — обязательно, если вывод не перенаправлен
    #[arg(short, long, value_name = "ФАЙЛ")]
    pub output: Option<PathBuf>,
}

/// Output formats of findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Файлы планов или папки с ними (по умолчанию plans/)
    #[arg(value_name = "ПУТЬ")]
    pub paths: Vec<PathBuf>,

    /// Формат вывода: human (для человека) или json
    #[arg(long, value_enum, value_name = "ФОРМАТ", default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,

    /// Считать предупреждения ошибками (код выхода 1)
    #[arg(long)]
    pub deny_warnings: bool,

    /// Перечислить проверки с их кодами и описанием
    #[arg(long)]
    pub list: bool,

    /// Проверить планы, подготовленные к коммиту (git add), в том виде, в каком они добавлены
    #[arg(long, conflicts_with = "paths")]
    pub staged: bool,
    /// Только планы этого года (в региональном репозитории; по умолчанию — год из moc.toml)
    #[arg(long = "year", value_name = "ГОД")]
    pub plan_year: Option<i32>,
}

/// Output formats of `moc deadline`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DeadlineFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct DeadlineArgs {
    /// Срок так, как он написан в плане (в кавычках)
    #[arg(value_name = "СРОК")]
    pub phrase: String,

    /// Год плана: 2026 или учебный 2026/2027 (по умолчанию — текущий год)
    #[arg(long, value_name = "ГОД", value_parser = parse_plan_year)]
    pub year: Option<PlanYear>,

    /// Формат вывода: table или json
    #[arg(long, value_enum, value_name = "ФОРМАТ", default_value_t = DeadlineFormat::Table)]
    pub format: DeadlineFormat,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        format!(
            "«{s}»: нужна дата вида 2026-10-01 (ГГГГ-ММ-ДД) / a date like 2026-10-01 is expected"
        )
    })
}

fn parse_state(s: &str) -> Result<State, String> {
    State::parse(s).ok_or_else(|| {
        let ids: Vec<&str> = State::ALL.iter().map(|s| s.id()).collect();
        format!("«{s}»: состояние бывает / states are: {}", ids.join(", "))
    })
}

fn parse_month_arg(s: &str) -> Result<(Option<i32>, u32), String> {
    crate::view::parse_month(s)
        .ok_or_else(|| format!("«{s}»: нужен месяц: 9, сентябрь или 2026-09 / a month like 9, September or 2026-09 is expected"))
}

fn parse_plan_year(s: &str) -> Result<PlanYear, String> {
    PlanYear::parse(s).ok_or_else(|| {
        format!(
            "«{s}»: нужен год вида 2026 или 2026/2027 / a year like 2026 or 2026/2027 is expected"
        )
    })
}

/// Today, the only place moc reads the clock.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

// ---------------------------------------------------------------------------------------------
// English help

/// English help: `(command path, argument id or "", text)`. An empty id is the command's about.
const EN: &[(&str, &str, &str)] = &[
    (
        "diff",
        "",
        "What changed in the plans between git revisions: by item, not by line\n\nItems added, removed, renumbered; changes of status (with the result), deadline,\nresponsibles; new progress entries; indicators.\nWithout a revision: the last commit against the working tree.\n\nExamples:\n  moc diff                          what is changed and not committed\n  moc diff HEAD~3..HEAD\n  moc diff v2026-06..HEAD --format markdown",
    ),
    (
        "diff",
        "range",
        "A revision (against the working tree) or a range A..B; default HEAD",
    ),
    ("diff", "format", "Format: table, json, markdown"),
    (
        "log",
        "",
        "The history of one item by commit: date, commit, author, what changed\n\nExample:\n  moc log 1.3",
    ),
    ("log", "id", "The item's number as in the plan"),
    ("log", "json", "Print JSON"),
    (
        "textconv",
        "",
        "A plan as lines, one an item — for git diff (a textconv driver, see the README)\n\nExample:\n  git config diff.moc.textconv \"moc textconv\"",
    ),
    ("textconv", "file", "The plan file"),
    (
        "hook",
        "",
        "A git hook: plans are checked before every commit\n\nExample:\n  moc hook install",
    ),
    (
        "install",
        "",
        "Install the pre-commit hook: moc check and moc fmt --check on the plans staged for commit\n\nAn existing hook is not overwritten. Example:\n  moc hook install",
    ),
    (
        "install",
        "print",
        "Only show the hook's text, write nothing",
    ),
    (
        "*",
        "at",
        "The plans as they were at a git revision (a commit, a tag, HEAD~1)",
    ),
    (
        "*",
        "staged",
        "Check the plans staged for commit (git add), as staged",
    ),
    (
        "*",
        "plan_year",
        "Only the plans of this year (in a regional repository; default: the year in moc.toml)",
    ),
    (
        "import",
        "",
        "Bring a plan in from Word: text copied from the table, a .docx document or an Excel .csv\n\nFinds the table and its columns by meaning («№ п/п», «Мероприятие», «Сроки», «Исполнитель»…),\nthe sections, rows split by page breaks, the heading (approval, title, year, goal, tasks) and the\nroster. Writes a TOML plan and lists what to fix, with lines in the new file.\nExit code: 0 — the plan checks, 1 — written but there is something to fix, 2 — not read.\n\nExamples:\n  moc import plan-2026.docx -o plans/mosalsk-2026.toml\n  moc import plan.txt                       text from Word (UTF-8 or Windows-1251)\n  moc import plan.csv --encoding cp1251\n  moc import plan.txt -o -                  to the screen",
    ),
    (
        "import",
        "file",
        "The plan file: .txt (text from Word), .docx or .csv",
    ),
    (
        "import",
        "output",
        "Where to write the plan (default: beside it, with .toml; «-» for the screen)",
    ),
    (
        "import",
        "kind",
        "What the file is: text, csv, docx (default: by its extension)",
    ),
    (
        "import",
        "encoding",
        "The text's encoding: utf-8 or cp1251 (default: detected)",
    ),
    (
        "fmt",
        "",
        "Bring plan files to one layout: key order, quoting, blank lines\n\nComments are kept; a second run changes nothing.\nWith --check it only lists the files not in that layout (exit code 1) — for a hook and CI.\n\nExamples:\n  moc fmt\n  moc fmt --check plans/",
    ),
    (
        "fmt",
        "check",
        "Change nothing; list the files not in the canonical layout (exit code 1)",
    ),
    (
        "init",
        "",
        "Create a new plan: heading, roster, an example section\n\nExamples:\n  moc init --municipality \"Мосальский муниципальный округ\" --year 2027\n  moc init --year 2026/2027 -o plans/plan-2026-27.toml",
    ),
    (
        "init",
        "municipality",
        "The municipality: «Мосальский муниципальный округ»",
    ),
    (
        "init",
        "organisation",
        "The organisation that hosts the МОЦ",
    ),
    ("init", "region", "The region: «Калужская область»"),
    (
        "init",
        "year",
        "The plan's year: 2027 or an academic year 2026/2027 (default: this year)",
    ),
    (
        "init",
        "output",
        "The plan file (default: plans/<municipality>-<year>.toml)",
    ),
    (
        "rollover",
        "",
        "Next year's plan from this one: same sections and items, marks cleared, years moved on\n\nExample:\n  moc rollover plans/mosalsk-2026.toml              creates plans/mosalsk-2027.toml",
    ),
    ("rollover", "plan", "This year's plan"),
    (
        "rollover",
        "year",
        "The new plan's first year (default: the next)",
    ),
    (
        "rollover",
        "output",
        "The new plan's file (default: the name with the new year)",
    ),
    ("*", "force", "Overwrite an existing file"),
    (
        "done",
        "",
        "Mark an item done\n\nExamples:\n  moc done 1.3 --result \"The results were presented to the heads of schools\"\n  moc done 1.3 --date 2026-06-18 --dry-run",
    ),
    ("done", "result", "The result (the report's column)"),
    (
        "done",
        "date",
        "The date it was done (default: today or --as-of)",
    ),
    (
        "start",
        "",
        "Mark an item started (in progress)\n\nExample:\n  moc start 2.2",
    ),
    (
        "partly",
        "",
        "Mark an item partly done\n\nExample:\n  moc partly 2.4 --result \"2 of 3 programmes prepared\"",
    ),
    ("partly", "result", "What was done (required)"),
    ("partly", "date", "The date (default: today or --as-of)"),
    (
        "reopen",
        "",
        "Put an item back into the plan: clear done, postponed and cancelled marks\n\nExample:\n  moc reopen 1.3",
    ),
    (
        "postpone",
        "",
        "Postpone an item to a new deadline\n\nExample:\n  moc postpone 3.4 --to \"Январь 2027г.\" --reason \"The agreements are not signed\"",
    ),
    (
        "postpone",
        "to",
        "The new deadline, a phrase as in the deadline column",
    ),
    ("postpone", "reason", "Why it is postponed"),
    (
        "cancel",
        "",
        "Cancel an item\n\nExample:\n  moc cancel 2.3 --reason \"The contest was not held in 2026\"",
    ),
    ("cancel", "reason", "Why it is cancelled"),
    (
        "progress",
        "",
        "Record progress (for monthly and year-round work)\n\nExample:\n  moc progress 1.8 \"3 posts about enrolment\" --date 2026-01-28",
    ),
    ("progress", "text", "What was done"),
    ("progress", "date", "The date (default: today or --as-of)"),
    (
        "add",
        "",
        "Add an item at the end of a section (the next free number)\n\nExamples:\n  moc add --section 2 --title \"A seminar for teachers\" --deadline \"Октябрь 2026г.\" --responsible методист\n  moc add --plan plans/sayansk-2026.toml --section III --title \"…\" --deadline \"Ноябрь 2026\" --responsible МОЦ --responsible УО",
    ),
    ("add", "section", "The section to add to: 2, III"),
    ("add", "title", "The activity"),
    ("add", "deadline", "The deadline, as the plan writes it"),
    (
        "add",
        "responsible",
        "A responsible from the roster (may be repeated)",
    ),
    ("add", "plan", "The plan file (when plans/ holds several)"),
    ("*", "id", "The item's number as in the plan: 1.3, 2.2, 16"),
    (
        "*",
        "in_section",
        "The section (when the number repeats in several sections)",
    ),
    (
        "*",
        "plan",
        "The plan file (when the number is in several plans)",
    ),
    ("*", "dry_run", "Show the changes without writing the file"),
    (
        "moc",
        "",
        "moc — a МОЦ work plan in text files: checks, status, reports.\n\nA plan is a TOML file in plans/. moc checks it (moc check), understands deadlines the way documents write them («Апрель – май 2026г.», «ежемесячно», «По запросу»), shows where the year stands, and writes the report.",
    ),
    (
        "moc",
        "lang",
        "Language of messages and reports: ru or en (default: from LANG, else Russian)",
    ),
    (
        "moc",
        "color",
        "Colour: auto (only on a terminal and without NO_COLOR), always, never",
    ),
    (
        "moc",
        "as_of",
        "Take this date (YYYY-MM-DD) as today; default: today",
    ),
    ("moc", "help", "Show help"),
    ("moc", "version", "Show the version"),
    (
        "check",
        "",
        "Check plans: deadlines, responsibles, numbering, keys\n\nEvery error comes with the file, line and column, the plan's line, a caret and a hint.\nExit code: 0 — no errors (warnings allowed), 1 — errors found, 2 — could not check.\n\nExamples:\n  moc check                      every plan in plans/\n  moc check plans/mosalsk-2026.toml\n  moc check --format json        for an editor or CI\n  moc check --list               which checks there are",
    ),
    (
        "check",
        "paths",
        "Plan files or folders of them (default: plans/)",
    ),
    ("check", "format", "Output format: human or json"),
    (
        "check",
        "deny_warnings",
        "Count warnings as errors (exit code 1)",
    ),
    (
        "check",
        "list",
        "List the checks with their codes and descriptions",
    ),
    (
        "deadline",
        "",
        "Show how moc understands a deadline\n\nExamples:\n  moc deadline \"Апрель – май 2026г.\"\n  moc deadline \"ежемесячно\" --year 2026 --format json\n  moc deadline \"сентябрь - май\" --year 2026/2027",
    ),
    (
        "deadline",
        "phrase",
        "The deadline as the plan writes it (in quotes)",
    ),
    (
        "deadline",
        "year",
        "The plan's year: 2026, or an academic year 2026/2027 (default: this year)",
    ),
    ("deadline", "format", "Output format: table or json"),
    (
        "status",
        "",
        "Where the year stands: the state of every item at a date\n\nA table by section: number, activity, deadline, responsibles, state, result — and a summary.\nOver several plans a row per plan first; --detail adds the tables.\n\nExamples:\n  moc status                              every plan in plans/, today\n  moc status --as-of 2026-10-01\n  moc status --responsible методист --state overdue\n  moc status --month сентябрь --format markdown\n  moc status plans/ --detail --format csv > status.csv\n  moc status --format xlsx -o status.xlsx        an Excel workbook",
    ),
    (
        "status",
        "detail",
        "Over several plans: each plan's table after the summary",
    ),
    (
        "status",
        "soon",
        "How many days before a due date count as «due soon»",
    ),
    (
        "overdue",
        "",
        "What slipped: by responsible, most late first\n\nAn item with two responsibles shows under both and counts once in the totals.\nExit code 0; with --fail, 1 when anything is overdue (for a reminder in CI or a hook).\n\nExamples:\n  moc overdue\n  moc overdue --within 14          and what falls due in the next 14 days\n  moc overdue --fail --format json",
    ),
    (
        "overdue",
        "within",
        "Add a list of what falls due in the next N days",
    ),
    ("overdue", "fail", "Exit code 1 when anything is overdue"),
    (
        "report",
        "",
        "The activity report of the МОЦ: Markdown, Word, a web page — for the plan's year or any period\n\nTotals by section, the table of items with their results, what was not done and why,\nindicators, the work of each responsible. Over several plans a summary and each plan's report.\nStraight to a Word document (Times New Roman, bordered tables) or a web page with charts.\n\nExamples:\n  moc report --as-of 2026-12-20 -o report-2026.md\n  moc report --format docx -o report-2026.docx\n  moc report --format html -o report-2026.html   one page: the report and charts\n  moc report --half 1                      interim results for the first half-year\n  moc report --quarter 3\n  moc report plans/ --format json",
    ),
    (
        "report",
        "output",
        "Write the report to a file (else to the screen)",
    ),
    (
        "report",
        "quarter",
        "A report for quarter 1–4 of the plan's year",
    ),
    (
        "report",
        "half",
        "A report for half-year 1–2 (interim results: the first)",
    ),
    (
        "report",
        "month",
        "A report for a month: 9, September, 2026-09",
    ),
    (
        "report",
        "from",
        "Start of the report's period (YYYY-MM-DD)",
    ),
    ("report", "to", "End of the report's period (YYYY-MM-DD)"),
    (
        "report",
        "format",
        "Format: markdown, json (the same figures as data), docx (a Word document), html (a page with charts)",
    ),
    (
        "render",
        "",
        "The plan as the document for approval (Markdown): approval block, goal, tasks, the table of items\n\nExamples:\n  moc render plans/mosalsk-2026.toml -o plan.md && pandoc plan.md -o plan.docx\n  moc render plans/mosalsk-2026.toml --result      with the result column",
    ),
    ("render", "plan", "The plan file"),
    ("render", "output", "Write to a file (else to the screen)"),
    ("render", "result", "Add the result column"),
    (
        "*",
        "paths",
        "Plan files or folders of them (default: plans/)",
    ),
    (
        "*",
        "format",
        "Output format: table, json, csv, markdown, xlsx (an Excel workbook)",
    ),
    (
        "status",
        "output",
        "Write to a file (else to the screen); for xlsx required unless the output is redirected",
    ),
    (
        "overdue",
        "output",
        "Write to a file (else to the screen); for xlsx required unless the output is redirected",
    ),
    (
        "calendar",
        "",
        "Deadlines for a phone or desktop calendar: an iCalendar (.ics) file\n\nAn all-day event on every due date: monthly work gets one a month, several dates one each.\nThe description holds the number, the responsibles and the state. Importing the file again\nupdates the events instead of doubling them.\n\nExamples:\n  moc calendar -o plan.ics\n  moc calendar plans/mosalsk-2026.toml --responsible методист -o methodist.ics\n  moc calendar --state overdue --state due_soon -o urgent.ics",
    ),
    (
        "calendar",
        "output",
        "Write the calendar to an .ics file (else to the screen)",
    ),
    (
        "schema",
        "",
        "The JSON Schema of the plan format — for editors (Even Better TOML, taplo)\n\nPlans start with the line «#:schema ../moc-plan.schema.json»: the editor checks keys and\ncompletes them as you type. The schema in the repository is this command's output.\n\nExamples:\n  moc schema > moc-plan.schema.json\n  moc schema -o moc-plan.schema.json",
    ),
    (
        "schema",
        "output",
        "Write the schema to a file (else to the screen)",
    ),
    (
        "completions",
        "",
        "Tab completion for a shell: bash, zsh, fish, powershell\n\nExamples:\n  moc completions bash > ~/.local/share/bash-completion/completions/moc\n  moc completions zsh > ~/.zfunc/_moc\n  moc completions fish > ~/.config/fish/completions/moc.fish\n  moc completions powershell >> $PROFILE",
    ),
    (
        "completions",
        "shell",
        "The shell: bash, zsh, fish, powershell, elvish",
    ),
    (
        "man",
        "",
        "The manual page (man) — to the screen, or the pages of every command into a folder\n\nExamples:\n  moc man | man -l -\n  moc man -o ~/.local/share/man/man1",
    ),
    (
        "man",
        "output",
        "Write moc.1 and moc-<command>.1 into this folder (else moc.1 to the screen)",
    ),
    (
        "*",
        "section",
        "Only the section(s) with this number: 1, IV (may be repeated)",
    ),
    (
        "*",
        "responsible",
        "Only the items of this responsible (a roster name or alias; may be repeated)",
    ),
    (
        "*",
        "state",
        "Only items in this state: overdue, due_soon, in_progress, not_started, year_round, on_demand, postponed, partly_done, done, cancelled, unknown (may be repeated)",
    ),
    (
        "*",
        "from",
        "Only items whose deadline meets the period from this date (YYYY-MM-DD)",
    ),
    ("*", "to", "…and up to this date (YYYY-MM-DD)"),
    (
        "*",
        "month",
        "Only items whose deadline meets the month: 9, September, 2026-09",
    ),
];

/// English help for an argument of a command (or the command's about when `id` is empty);
/// arguments shared by several commands are listed once under `*`.
fn english(path: &str, id: &str) -> Option<&'static str> {
    let find = |p: &str| {
        EN.iter()
            .find(|(pp, a, _)| *pp == p && *a == id)
            .map(|(_, _, t)| *t)
    };
    find(path).or_else(|| if id.is_empty() { None } else { find("*") })
}

const TEMPLATE_RU: &str =
    "{before-help}{about-with-newline}\nИспользование: {usage}\n\n{all-args}{after-help}";
const TEMPLATE_EN: &str =
    "{before-help}{about-with-newline}\nUsage: {usage}\n\n{all-args}{after-help}";

/// The clap command with help in `lang`.
pub fn command(lang: Lang) -> Command {
    localize(Cli::command(), lang, "moc", true)
}

fn localize(mut cmd: Command, lang: Lang, path: &str, root: bool) -> Command {
    let ru = lang == Lang::Ru;
    cmd = cmd
        .help_template(if ru { TEMPLATE_RU } else { TEMPLATE_EN })
        .subcommand_help_heading(if ru { "Команды" } else { "Commands" })
        .subcommand_value_name(if ru { "КОМАНДА" } else { "COMMAND" })
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(if ru {
                    "Показать справку"
                } else {
                    "Show help"
                }),
        );
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(if ru {
                    "Показать версию"
                } else {
                    "Show the version"
                }),
        );
    }
    if !ru {
        if let Some(about) = english(path, "") {
            let (short, long) = about.split_once("\n\n").unwrap_or((about, ""));
            cmd = cmd.about(short.to_owned());
            if !long.is_empty() {
                cmd = cmd.long_about(about.to_owned());
            }
        }
        let ids: Vec<String> = cmd
            .get_arguments()
            .map(|a| a.get_id().to_string())
            .collect();
        for id in ids {
            let text = english(path, &id).or_else(|| english("moc", &id));
            if let Some(text) = text {
                cmd = cmd.mut_arg(&id, |a| {
                    let a = a.help(text.to_owned());
                    let en: Option<Vec<&'static str>> = a
                        .get_value_names()
                        .map(|v| {
                            v.iter()
                                .map(|n| value_name_en(n.as_str()))
                                .collect::<Option<Vec<_>>>()
                        })
                        .unwrap_or_default();
                    match en {
                        Some(names) if !names.is_empty() => a.value_names(names),
                        _ => a,
                    }
                });
            }
        }
    }
    let heading_opts = if ru { "Параметры" } else { "Options" };
    let heading_args = if ru {
        "Аргументы"
    } else {
        "Arguments"
    };
    cmd = cmd.mut_args(|a| {
        let heading = if a.is_positional() {
            heading_args
        } else {
            heading_opts
        };
        a.help_heading(heading)
    });
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |sub| localize(sub, lang, &name, false));
    }
    cmd
}

fn value_name_en(ru: &str) -> Option<&'static str> {
    Some(match ru {
        "ЯЗЫК" => "LANG",
        "КОГДА" => "WHEN",
        "ДАТА" => "DATE",
        "ПУТЬ" => "PATH",
        "ФОРМАТ" => "FORMAT",
        "СРОК" => "DEADLINE",
        "ГОД" => "YEAR",
        "ФАЙЛ" => "FILE",
        "ЧИСЛО" => "N",
        "ТЕКСТ" => "TEXT",
        "РАЗДЕЛ" => "SECTION",
        "ИМЯ" => "NAME",
        "НОМЕР" => "ID",
        "СОСТОЯНИЕ" => "STATE",
        "МЕСЯЦ" => "MONTH",
        "КВАРТАЛ" => "QUARTER",
        "ДНЕЙ" => "DAYS",
        "РЕВИЗИЯ" => "REV",
        "ВИД" => "KIND",
        "КОДИРОВКА" => "ENCODING",
        "ОБОЛОЧКА" => "SHELL",
        "ПАПКА" => "DIR",
        _ => return None,
    })
}

/// The language asked for on the command line (`--lang en`), before clap parses anything, so
/// that help and errors come out in it; else the environment's.
pub fn lang_from_args(args: &[OsString]) -> Lang {
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

/// What parsing the command line gave.
pub enum Parsed {
    Run(Box<Cli>, Lang),
    /// Help or version text for stdout (exit 0).
    Print(String),
    /// A usage error for stderr (exit 2).
    Error(String),
}

/// Parse the command line with help and errors in the right language.
pub fn parse(args: Vec<OsString>) -> Parsed {
    let lang = lang_from_args(&args);
    let cmd = command(lang);
    match cmd.try_get_matches_from(args) {
        Ok(m) => match Cli::from_arg_matches(&m) {
            Ok(cli) => {
                let lang = cli.lang.as_deref().map_or(lang, Lang::from_locale);
                Parsed::Run(Box::new(cli), lang)
            }
            Err(e) => Parsed::Error(clap_error(&e, lang)),
        },
        Err(e) => match e.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                Parsed::Print(help_words(&e.render().to_string(), lang))
            }
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                Parsed::Error(help_words(&e.render().to_string(), lang))
            }
            _ => Parsed::Error(clap_error(&e, lang)),
        },
    }
}

/// clap's few fixed English words inside rendered help, in Russian.
fn help_words(help: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return help.to_owned();
    }
    help.replace("[OPTIONS]", "[ПАРАМЕТРЫ]")
        .replace("[possible values: ", "[возможные значения: ")
        .replace("[default: ", "[по умолчанию: ")
        .replace("[aliases: ", "[другие имена: ")
        .replace("[env: ", "[переменная окружения: ")
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

/// clap's errors in the user's language, with a pointer to the help.
fn clap_error(e: &clap::Error, lang: Lang) -> String {
    if lang == Lang::En {
        return e.render().to_string();
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
        _ => return e.render().to_string(),
    };
    if let Some(v) = valid {
        let _ = write!(msg, "\n  допустимые значения: {v}");
    }
    if let Some(s) = suggested {
        let _ = write!(msg, "\n  возможно, имелось в виду: {s}");
    }
    format!("ошибка: {msg}\n\nСправка: moc --help\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_definition_is_valid() {
        Cli::command().debug_assert();
        command(Lang::Ru).debug_assert();
        command(Lang::En).debug_assert();
    }

    #[test]
    fn every_argument_has_english_help() {
        fn visit(cmd: &Command, path: &str, missing: &mut Vec<String>) {
            if english(path, "").is_none() {
                missing.push(format!("{path}: about"));
            }
            for a in cmd.get_arguments() {
                let id = a.get_id().as_str();
                if english(path, id).is_none() && english("moc", id).is_none() {
                    missing.push(format!("{path}: {id}"));
                }
            }
            for s in cmd.get_subcommands() {
                visit(s, s.get_name(), missing);
            }
        }
        let mut missing = Vec::new();
        visit(&command(Lang::En), "moc", &mut missing);
        assert!(missing.is_empty(), "no English help for: {missing:?}");
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
}
