//! `moc import FILE`: a plan as people have it (text copied out of Word, .docx, .doc, .rtf, .odt,
//! .xlsx, .xls, .ods, .html, or Excel's .csv) becomes a TOML plan that checks clean — or a plan
//! plus the exact list of what to fix, with lines in the new file.

use std::path::PathBuf;

use chrono::Datelike;
use clap::Args as ClapArgs;

use super::{CommandError, Ctx, Exit, Io};
use crate::app::help::t;
use crate::diagnostic::{self, Severity};
use crate::i18n::plural;
use crate::import::{self, Format, Grid, text::Encoding};
use crate::load;
use crate::tr;

#[derive(Debug, ClapArgs)]
#[command(
    about = t(
        "Перенести план из Word: текст, скопированный из таблицы, документ .docx или .csv из Excel",
        "Bring a plan in from Word: text copied from the table, a .docx document or an Excel .csv"
    ),
    long_about = t(
        "Перенести план из Word: текст, скопированный из таблицы, документ .docx или .csv из Excel\n\n\
Находит таблицу и её графы по смыслу («№ п/п», «Мероприятие», «Сроки», «Исполнитель»…),\n\
разделы, разорванные строки, шапку (гриф, название, год, цель, задачи) и список\n\
ответственных. Пишет план TOML и перечисляет, что исправить, со строками нового файла.\n\
Код выхода: 0 — план проходит проверку, 1 — записан, но есть что исправить, 2 — не прочитан.\n\n\
Примеры:\n  \
  moc import план-2026.docx -o plans/mosalsk-2026.toml\n  \
  moc import план.txt                       текст из Word (UTF-8 или Windows-1251)\n  \
  moc import план.csv --encoding cp1251\n  \
  moc import план.txt -o -                  на экран",
        "Bring a plan in from Word: text copied from the table, a .docx document or an Excel .csv\n\n\
Finds the table and its columns by meaning («№ п/п», «Мероприятие», «Сроки», «Исполнитель»…),\n\
the sections, rows split by page breaks, the heading (approval, title, year, goal, tasks) and the\n\
roster. Writes a TOML plan and lists what to fix, with lines in the new file.\n\
Exit code: 0 — the plan checks, 1 — written but there is something to fix, 2 — not read.\n\n\
Examples:\n  \
  moc import plan-2026.docx -o plans/mosalsk-2026.toml\n  \
  moc import plan.txt                       text from Word (UTF-8 or Windows-1251)\n  \
  moc import plan.csv --encoding cp1251\n  \
  moc import plan.txt -o -                  to the screen"
    )
)]
pub(crate) struct Args {
    #[arg(value_name = t("ФАЙЛ", "FILE"), help = t(
        "Файл плана: .txt (текст из Word), .docx, .doc, .rtf, .odt, .xlsx, .xls, .ods, .html или .csv",
        "The plan file: .txt (text from Word), .docx, .doc, .rtf, .odt, .xlsx, .xls, .ods, .html or .csv"
    ))]
    pub(crate) file: PathBuf,

    #[arg(short, long, value_name = t("ФАЙЛ", "FILE"), help = t(
        "Куда записать план (по умолчанию — рядом, с расширением .toml; «-» — на экран)",
        "Where to write the plan (default: beside it, with .toml; «-» for the screen)"
    ))]
    pub(crate) output: Option<PathBuf>,

    #[arg(long = "as", value_enum, value_name = t("ВИД", "KIND"), help = t(
        "Вид файла: text, csv, docx, doc, rtf, odt, xlsx, xls, ods, html (по умолчанию — по содержимому)",
        "What the file is: text, csv, docx, doc, rtf, odt, xlsx, xls, ods, html (default: by its content)"
    ))]
    pub(crate) kind: Option<ImportKind>,

    #[arg(long, value_enum, value_name = t("КОДИРОВКА", "ENCODING"), help = t(
        "Кодировка текста: utf-8 или cp1251 (по умолчанию — определяется сама)",
        "The text's encoding: utf-8 or cp1251 (default: detected)"
    ))]
    pub(crate) encoding: Option<ImportEncoding>,

    #[arg(long, help = t("Перезаписать существующий файл", "Overwrite an existing file"))]
    pub(crate) force: bool,
}

/// What the imported file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ImportKind {
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ImportEncoding {
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    #[value(name = "cp1251", alias = "windows-1251")]
    Cp1251,
}

pub(crate) fn run(args: &Args, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    let lang = ctx.lang;
    let shown = ctx.shown(&args.file);
    let fail = |_: &mut Io<'_>, msg: String| -> Result<Exit, CommandError> {
        Err(CommandError::user(msg))
    };
    let meta = match std::fs::metadata(&args.file) {
        Ok(m) => m,
        Err(e) => return fail(io, load::ReadError::Io(e).message(lang, &shown)),
    };
    if meta.is_dir() {
        return fail(io, load::ReadError::IsDir.message(lang, &shown));
    }
    if meta.len() > load::MAX_FILE_SIZE * 4 {
        return fail(
            io,
            load::ReadError::TooLarge(meta.len(), load::MAX_FILE_SIZE * 4).message(lang, &shown),
        );
    }
    let bytes = match std::fs::read(&args.file) {
        Ok(b) => b,
        Err(e) => return fail(io, load::ReadError::Io(e).message(lang, &shown)),
    };
    let ext = args
        .file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let format = match args.kind {
        Some(kind) => match kind {
            ImportKind::Text => Format::Text,
            ImportKind::Csv => Format::Csv,
            ImportKind::Docx => Format::Docx,
            ImportKind::Doc => Format::Doc,
            ImportKind::Rtf => Format::Rtf,
            ImportKind::Odt => Format::Odt,
            ImportKind::Xlsx => Format::Xlsx,
            ImportKind::Xls => Format::Xls,
            ImportKind::Ods => Format::Ods,
            ImportKind::Html => Format::Html,
        },
        None => match import::detect(&bytes, &ext) {
            Some(f) => f,
            None => {
                let why = match import::refusal(&bytes) {
                    Some((ru, en)) => lang.pick(ru, en).to_owned(),
                    None if matches!(ext.as_str(), "txt" | "csv" | "tsv" | "text" | "") => {
                        import::ImportError::Binary.message(lang)
                    }
                    None => lang
                        .pick(
                            "этот вид файла moc не читает; сохраните план как .docx, .xlsx или текст",
                            "moc does not read this kind of file; save the plan as .docx, .xlsx or text",
                        )
                        .to_owned(),
                };
                return fail(io, format!("{shown}: {why}"));
            }
        },
    };
    let forced = args.encoding.map(|e| match e {
        ImportEncoding::Utf8 => Encoding::Utf8,
        ImportEncoding::Cp1251 => Encoding::Cp1251,
    });
    let grid: Grid = match import::read(&bytes, format, forced, lang) {
        Ok(g) => g,
        Err(e) => return fail(io, format!("{shown}: {}", e.message(lang))),
    };
    let imported = match import::interpret(&grid, lang, ctx.as_of.year()) {
        Ok(i) => i,
        Err(e) => return fail(io, format!("{shown}: {}", e.message(lang))),
    };
    // a plan too large to load is refused before it is written
    let size = imported.estimated_size();
    if size as u64 > load::MAX_FILE_SIZE {
        return fail(
            io,
            tr!(
                lang,
                "{shown}: план получился бы размером {} МБ, а moc читает планы не больше {} МБ — это не план (или разделите файл на части)",
                "{shown}: the plan would be {} MB, and moc reads plans of at most {} MB — not a plan (or split the file)",
                size / (1024 * 1024),
                load::MAX_FILE_SIZE / (1024 * 1024)
            ),
        );
    }
    let source_name = args
        .file
        .file_name()
        .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
    let to_stdout = args.output.as_deref().is_some_and(|p| p.as_os_str() == "-");
    let out_path = match &args.output {
        Some(p) if !to_stdout => p.clone(),
        _ => args.file.with_extension("toml"),
    };
    let schema = if to_stdout {
        None
    } else {
        super::schema_line(ctx, &out_path)
    };
    let toml = schema.unwrap_or_default() + &import::write_toml(&imported, &source_name, lang);
    let size = toml.len();
    if size as u64 > load::MAX_FILE_SIZE {
        return fail(
            io,
            tr!(
                lang,
                "{shown}: план получился бы размером {} МБ, а moc читает планы не больше {} МБ — это не план (или разделите файл на части)",
                "{shown}: the plan would be {} MB, and moc reads plans of at most {} MB — not a plan (or split the file)",
                size / (1024 * 1024),
                load::MAX_FILE_SIZE / (1024 * 1024)
            ),
        );
    }
    let out_shown = if to_stdout {
        "-".to_owned()
    } else {
        ctx.shown(&out_path)
    };
    if !to_stdout && out_path.exists() && !args.force {
        return fail(
            io,
            tr!(
                lang,
                "{out_shown} уже есть — moc его не перезаписывает (другой путь: -o ФАЙЛ, или --force)",
                "{out_shown} exists — moc does not overwrite it (another path: -o FILE, or --force)"
            ),
        );
    }
    // check the new plan, with lines in the new file
    let loader = super::loader(ctx);
    let loaded = loader.check_source(loader.source(&PathBuf::from(&out_shown), toml.clone()));
    if to_stdout {
        io.out.write_all(toml.as_bytes())?;
    } else {
        crate::app::output::write_file(
            &out_path,
            &[toml.as_bytes()],
            std::slice::from_ref(&args.file),
            ctx,
        )?;
    }
    // the summary, on standard error
    let items = imported.item_count();
    writeln!(
        io.err,
        "{}",
        tr!(
            lang,
            "{shown} → {out_shown}: {}, {}, {}",
            "{shown} → {out_shown}: {}, {}, {}",
            plural(
                lang,
                imported.sections.len() as u64,
                ["раздел", "раздела", "разделов"],
                ["section", "sections"]
            ),
            plural(
                lang,
                items as u64,
                ["мероприятие", "мероприятия", "мероприятий"],
                ["item", "items"]
            ),
            plural(
                lang,
                imported.roster.len() as u64,
                ["ответственный", "ответственных", "ответственных"],
                ["responsible", "responsibles"]
            )
        )
    )?;
    for n in &imported.notes {
        let mark = if n.fix {
            lang.pick("исправьте", "fix")
        } else {
            lang.pick("заметка", "note")
        };
        writeln!(io.err, "  {mark}: {}", n.text)?;
    }
    let errors = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let notes = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Note)
        .count();
    let warnings = loaded.diagnostics.len() - errors - notes;
    if !loaded.diagnostics.is_empty() {
        writeln!(
            io.err,
            "{}",
            tr!(
                lang,
                "что исправить в {out_shown}:",
                "what to fix in {out_shown}:"
            )
        )?;
        for d in &loaded.diagnostics {
            io.err.write_all(
                diagnostic::render(d, &loaded.source, lang, ctx.term.err_color).as_bytes(),
            )?;
        }
    }
    writeln!(
        io.err,
        "{}",
        diagnostic::summary(lang, 1, errors, warnings, notes)
    )?;
    Ok(if errors > 0 { Exit::Findings } else { Exit::Ok })
}
