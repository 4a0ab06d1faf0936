//! `moc import FILE`: a Word plan (copied text, .docx, or Excel's .csv) becomes a TOML plan that
//! checks clean — or a plan plus the exact list of what to fix, with lines in the new file.

use std::path::PathBuf;

use chrono::Datelike;

use crate::checks;
use crate::cli::{ImportArgs, ImportEncoding, ImportKind};
use crate::commands::{Ctx, Exit, Io};
use crate::diagnostic::{self, Severity};
use crate::i18n::plural;
use crate::import::{self, Format, Grid, text::Encoding};
use crate::load;
use crate::source::{Source, display_path};
use crate::tr;

pub fn run(args: &ImportArgs, ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<Exit> {
    let lang = ctx.lang;
    let shown = display_path(&args.file);
    let fail = |io: &mut Io<'_>, msg: String| -> anyhow::Result<Exit> {
        super::say_error(io, lang, msg)?;
        Ok(Exit::Failure)
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
        display_path(&out_path)
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
    let mut loaded = load::load_source_with(
        Source::new(&PathBuf::from(&out_shown), toml.clone()),
        lang,
        ctx.as_of.year(),
        &ctx.settings.roster,
    );
    if let Some(p) = &loaded.plan {
        let found = checks::run(p, &loaded.source, ctx.as_of, lang);
        loaded.diagnostics.extend(found);
    }
    if to_stdout {
        io.out.write_all(toml.as_bytes())?;
    } else {
        super::write_output(&out_path, toml.as_bytes(), lang)?;
    }
    // the summary, on standard error
    let items: usize = imported.sections.iter().map(|s| s.items.len()).sum();
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
    let warnings = loaded.diagnostics.len() - errors;
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
            io.err
                .write_all(diagnostic::render(d, &loaded.source, lang, ctx.err_color).as_bytes())?;
        }
    }
    writeln!(io.err, "{}", diagnostic::summary(lang, 1, errors, warnings))?;
    Ok(if errors > 0 { Exit::Findings } else { Exit::Ok })
}
