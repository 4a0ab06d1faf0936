//! The importer over real plans: the seeds, and the public plans in
//! `tests/fixtures/import/real/` (their sources and counted items in its `SOURCES.md`). Every
//! item comes out, no word of the source is lost, and each plan's TOML is kept as a snapshot.
//! The seeds written as .xlsx, .odt and .html (made here) import to the same plan as their text.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::*;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// (file, counted items) from `real/SOURCES.md`.
fn real_plans() -> Vec<(String, usize)> {
    let text =
        std::fs::read_to_string(fixtures().join("import/real/SOURCES.md")).unwrap_or_default();
    text.lines()
        .filter(|l| l.starts_with("| ") && l.contains(".txt"))
        .filter_map(|l| {
            let cells: Vec<&str> = l
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            Some((cells.first()?.to_string(), cells.last()?.parse().ok()?))
        })
        .collect()
}

fn import_bytes(bytes: &[u8], name: &str) -> (Grid, Result<Imported, ImportError>) {
    let ext = Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    let format = detect(bytes, &ext).unwrap_or(Format::Text);
    let grid = read(bytes, format, None, Lang::Ru).unwrap_or_default();
    let imported = interpret(&grid, Lang::Ru, 2026);
    (grid, imported)
}

/// The words of a text, folded, with how often each occurs.
fn words(s: &str) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for w in crate::i18n::fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *out.entry(w.to_owned()).or_insert(0) += 1;
    }
    out
}

/// «П Л А Н» → «ПЛАН»: letters spaced out are one word.
fn unspace(s: &str) -> String {
    let words: Vec<&str> = s.split(' ').collect();
    let mut out: Vec<String> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let single = |w: &str| w.chars().count() == 1 && w.chars().all(char::is_alphabetic);
    for w in words.iter().copied().chain(std::iter::once("")) {
        if single(w) {
            run.push(w);
            continue;
        }
        if run.len() >= 3 {
            out.push(run.concat());
        } else {
            out.extend(run.iter().map(|w| (*w).to_owned()));
        }
        run.clear();
        out.push(w.to_owned());
    }
    out.join(" ")
}

/// The words of every source cell that are missing from the plan (as often as they occur). A
/// row repeated word for word (a header repeated above each sub-table) counts once; the labels
/// «Цель», «Задачи» are the keys `goal` and `tasks`.
fn lost_words(grid: &Grid, toml: &str) -> Vec<String> {
    let mut source = String::new();
    let mut seen: Vec<Vec<String>> = Vec::new();
    let rows = grid
        .preamble
        .iter()
        .map(|l| vec![l.clone()])
        .chain(grid.rows.iter().cloned());
    for row in rows {
        let cleaned: Vec<String> = row.iter().map(|c| unspace(&clean(c))).collect();
        if cleaned.iter().filter(|c| !c.is_empty()).count() >= 2 && seen.contains(&cleaned) {
            continue;
        }
        for c in &cleaned {
            source.push_str(c);
            source.push('\n');
        }
        seen.push(cleaned);
    }
    let toml = toml
        .replace("\ngoal = ", "\nцель = ")
        .replace("\ntasks = ", "\nзадачи = ");
    let have = words(&toml);
    let mut lost: Vec<String> = words(&source)
        .into_iter()
        .filter(|(w, n)| have.get(w).copied().unwrap_or(0) < *n)
        .map(|(w, n)| format!("{w}×{n}"))
        .collect();
    lost.sort();
    lost
}

#[test]
fn every_item_of_every_real_plan_comes_out() {
    let plans = real_plans();
    assert!(plans.len() >= 20, "the corpus is there: {}", plans.len());
    let mut wrong = Vec::new();
    for (file, counted) in &plans {
        let bytes = std::fs::read(fixtures().join("import/real").join(file)).unwrap_or_default();
        let (_, imported) = import_bytes(&bytes, file);
        let got = imported.as_ref().map_or(0, Imported::item_count);
        if got != *counted {
            wrong.push(format!("{file}: counted {counted}, imported {got}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_word_of_the_source_is_lost() {
    let mut files: Vec<PathBuf> = real_plans()
        .iter()
        .map(|(f, _)| fixtures().join("import/real").join(f))
        .collect();
    for f in [
        "seeds/mosalsk-2026.txt",
        "seeds/sayansk-2026.txt",
        "import/mosalsk-2026.docx",
        "import/sayansk-2026.docx",
    ] {
        files.push(fixtures().join(f));
    }
    let mut problems = Vec::new();
    for path in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = std::fs::read(&path).unwrap_or_default();
        let (grid, imported) = import_bytes(&bytes, &name);
        let Ok(imported) = imported else {
            problems.push(format!("{name}: not imported"));
            continue;
        };
        let toml = write_toml(&imported, &name, Lang::Ru);
        let lost = lost_words(&grid, &toml);
        if !lost.is_empty() {
            problems.push(format!("{name}: {}", lost.join(" ")));
        }
    }
    assert!(problems.is_empty(), "words lost:\n{}", problems.join("\n"));
}

#[test]
fn real_plans_snapshots() {
    for (file, _) in real_plans() {
        let bytes = std::fs::read(fixtures().join("import/real").join(&file)).unwrap_or_default();
        let (_, imported) = import_bytes(&bytes, &file);
        let text = match imported {
            Ok(imp) => {
                let notes: Vec<String> = imp
                    .notes
                    .iter()
                    .map(|n| {
                        format!(
                            "{}: {}",
                            if n.fix {
                                "исправьте"
                            } else {
                                "заметка"
                            },
                            n.text
                        )
                    })
                    .collect();
                format!(
                    "{}\n----- notes -----\n{}\n",
                    write_toml(&imp, &file, Lang::Ru),
                    notes.join("\n")
                )
            }
            Err(e) => format!("error: {}", e.message(Lang::Ru)),
        };
        let name = file.trim_end_matches(".txt").to_owned();
        insta::with_settings!({ snapshot_suffix => name, prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!("real", text);
        });
    }
}

/// Every plan the importer writes loads, whatever shape it came from.
#[test]
fn imported_real_plans_load() {
    for (file, _) in real_plans() {
        let bytes = std::fs::read(fixtures().join("import/real").join(&file)).unwrap_or_default();
        let (_, imported) = import_bytes(&bytes, &file);
        let Ok(imp) = imported else { continue };
        let toml = write_toml(&imp, &file, Lang::Ru);
        let loaded = crate::tests::load("p.toml", &toml);
        assert!(loaded.plan.is_some(), "{file}: {:?}", loaded.diagnostics);
        assert_eq!(
            crate::fmt::format(&toml).ok().as_deref(),
            Some(toml.as_str()),
            "{file}: canonical layout"
        );
    }
}

/// The seed's lines before the table, and its rows, as a text file has them.
fn seed(name: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(fixtures().join("seeds").join(name)).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| l.starts_with('№')).unwrap_or(0);
    let head = lines[..start]
        .iter()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    let rows = lines[start..]
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(|c| c.trim().to_owned()).collect())
        .collect();
    (head, rows)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The plan of a source, less its first line (which names the file).
fn plan_of(bytes: &[u8], name: &str) -> String {
    let (_, imported) = import_bytes(bytes, name);
    let imp = imported.unwrap_or_else(|e| panic!("{name}: {}", e.message(Lang::En)));
    write_toml(&imp, "x", Lang::Ru)
}

fn text_plan(name: &str) -> String {
    let bytes = std::fs::read(fixtures().join("seeds").join(name)).unwrap_or_default();
    plan_of(&bytes, name)
}

fn html_of(head: &[String], rows: &[Vec<String>]) -> String {
    let mut page = String::from(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>План</title></head><body>\n",
    );
    for l in head {
        page.push_str(&format!("<p>{}</p>\n", esc(l)));
    }
    page.push_str("<table border=\"1\">\n");
    let width = rows.first().map_or(1, Vec::len);
    for r in rows {
        page.push_str("<tr>");
        let filled: Vec<&String> = r.iter().filter(|c| !c.is_empty()).collect();
        if filled.len() == 1
            && !r[0].is_empty()
            && r.len() >= 2
            && r[1..].iter().all(String::is_empty)
        {
            page.push_str(&format!("<td colspan=\"{width}\">{}</td>", esc(&r[0])));
        } else {
            for c in r {
                page.push_str(&format!("<td>{}</td>", esc(c)));
            }
        }
        page.push_str("</tr>\n");
    }
    page.push_str("</table></body></html>\n");
    page
}

#[cfg(feature = "docx")]
fn odt_of(head: &[String], rows: &[Vec<String>]) -> Vec<u8> {
    use std::io::Write;
    let mut body = String::new();
    for l in head {
        body.push_str(&format!("<text:p>{}</text:p>", esc(l)));
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(1);
    body.push_str(&format!("<table:table table:name=\"План\"><table:table-column table:number-columns-repeated=\"{width}\"/>"));
    for r in rows {
        body.push_str("<table:table-row>");
        let section = !r[0].is_empty() && r.len() >= 2 && r[1..].iter().all(String::is_empty);
        if section {
            body.push_str(&format!(
                "<table:table-cell table:number-columns-spanned=\"{width}\"><text:p>{}</text:p></table:table-cell>",
                esc(&r[0])
            ));
            for _ in 1..width {
                body.push_str("<table:covered-table-cell/>");
            }
        } else {
            for k in 0..width {
                let c = r.get(k).map_or("", String::as_str);
                body.push_str(&format!("<table:table-cell office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>", esc(c)));
            }
        }
        body.push_str("</table:table-row>");
    }
    body.push_str("</table:table>");
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" office:version=\"1.3\"><office:body><office:text>{body}</office:text></office:body></office:document-content>"
    );
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let deflated = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let _ = zip.start_file("mimetype", stored);
        let _ = zip.write_all(b"application/vnd.oasis.opendocument.text");
        let _ = zip.start_file("content.xml", deflated);
        let _ = zip.write_all(content.as_bytes());
        let _ = zip.start_file("META-INF/manifest.xml", deflated);
        let _ = zip.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/><manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>");
        let _ = zip.finish();
    }
    out.into_inner()
}

#[cfg(all(feature = "xlsx", feature = "sheets"))]
fn xlsx_of(head: &[String], rows: &[Vec<String>]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    let mut r = 0u32;
    for l in head {
        let _ = sheet.write_string(r, 0, l);
        r += 1;
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(1);
    for row in rows {
        let section = !row[0].is_empty() && row.len() >= 2 && row[1..].iter().all(String::is_empty);
        if section {
            let fmt = rust_xlsxwriter::Format::new();
            let _ = sheet.merge_range(r, 0, r, (width - 1) as u16, &row[0], &fmt);
        } else {
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    let _ = sheet.write_string(r, c as u16, cell);
                }
            }
        }
        r += 1;
    }
    wb.save_to_buffer().unwrap_or_default()
}

#[test]
fn seeds_as_web_pages_import_to_the_same_plan() {
    for name in ["mosalsk-2026.txt", "sayansk-2026.txt"] {
        let (head, rows) = seed(name);
        let page = html_of(&head, &rows);
        assert_eq!(
            plan_of(page.as_bytes(), "plan.html"),
            text_plan(name),
            "{name} as .html"
        );
    }
}

#[cfg(feature = "docx")]
#[test]
fn seeds_as_odt_import_to_the_same_plan() {
    for name in ["mosalsk-2026.txt", "sayansk-2026.txt"] {
        let (head, rows) = seed(name);
        assert_eq!(
            plan_of(&odt_of(&head, &rows), "plan.odt"),
            text_plan(name),
            "{name} as .odt"
        );
    }
}

#[cfg(all(feature = "xlsx", feature = "sheets"))]
#[test]
fn seeds_as_xlsx_import_to_the_same_plan() {
    for name in ["mosalsk-2026.txt", "sayansk-2026.txt"] {
        let (head, rows) = seed(name);
        let bytes = xlsx_of(&head, &rows);
        assert_eq!(detect(&bytes, "xlsx"), Some(Format::Xlsx));
        // a workbook named .docx is still read as a workbook
        assert_eq!(detect(&bytes, "docx"), Some(Format::Xlsx));
        assert_eq!(
            plan_of(&bytes, "plan.xlsx"),
            text_plan(name),
            "{name} as .xlsx"
        );
    }
}

fn tsv_plan(text: &str) -> Imported {
    interpret(&text::tsv(text), Lang::Ru, 2026)
        .unwrap_or_else(|e| panic!("{}", e.message(Lang::En)))
}

fn items(imp: &Imported) -> Vec<&ImportedItem> {
    imp.sections.iter().flat_map(|s| &s.items).collect()
}

#[test]
fn shapes_of_real_plans() {
    // «No», the deadline first, the activity among «Тема» and «Содержание» by its text, the
    // other columns as notes
    let imp = tsv_plan(
        "План мероприятий на 2025-2026 учебный год\nСроки\tNo\tТема\tСодержание\tКлассы\tОтветственный\nсентябрь\t1\tЗнания\tТоржественная линейка для всех классов школы\t1-11\tЗам. директора Иванова А.А.\n",
    );
    assert_eq!(imp.year, Some(PlanYear::Academic(2025)));
    assert_eq!(imp.title, "План мероприятий на 2025-2026 учебный год");
    let it = items(&imp)[0];
    assert_eq!(
        (it.number.as_str(), it.deadline.as_str()),
        ("1", "сентябрь")
    );
    assert_eq!(it.title, "Торжественная линейка для всех классов школы");
    assert_eq!(it.notes, vec!["Тема: Знания", "Классы: 1-11"]);
    // no number column: numbered by import, and said so; «Место и дата проведения» split
    let imp = tsv_plan(
        "Наименование мероприятия\tМесто и дата проведения\tОтветственные\nВыставка рисунков\tДК «Строитель» 27 ноября 2026 г.\tметодист\nКонцерт\tпостоянно\tметодист\n",
    );
    let its = items(&imp);
    assert_eq!((its[0].number.as_str(), its[1].number.as_str()), ("1", "2"));
    assert_eq!(its[0].deadline, "27 ноября 2026 г.");
    assert_eq!(
        its[0].notes,
        vec!["Место и дата проведения: ДК «Строитель»"]
    );
    assert!(
        imp.notes
            .iter()
            .any(|n| n.text.contains("пронумерованы при импорте"))
    );
    // no deadline and no responsible column: empty fields and warnings, not refused
    let imp = tsv_plan("№\tМероприятие\n1\tСовещание\n2\tСеминар\n");
    assert_eq!(imp.item_count(), 2);
    assert!(
        imp.notes
            .iter()
            .any(|n| n.fix && n.text.contains("нет графы сроков"))
    );
    assert!(
        imp.notes
            .iter()
            .any(|n| n.text.contains("нет графы ответственных"))
    );
    // period rows are periods, not sections; a caption is a section
    let imp = tsv_plan(
        "№\tМероприятие\tСрок\tОтветственные\nI полугодие\t\t\t\n1\tСовещание\t\tметодист\nI. Методическая работа\t\t\t\n2\tСеминар\tМай 2026\tметодист\n",
    );
    assert_eq!(imp.sections.len(), 2, "{:?}", imp.sections);
    assert_eq!(imp.sections[1].title, "Методическая работа");
    assert_eq!(items(&imp)[0].deadline, "I полугодие");
    // sub-tables under captions, each with its header
    let imp = tsv_plan(
        "Выставки\n№\tТема\tСроки\tОтветственные\n1.\tВ помощь педагогу\tмарт\tметодист\nКонсультации\n№\tТема\tКому адресуется\tДата\tОтветственные\n1.\tПрограммы\tпедагогам\tапрель\tметодист\n",
    );
    assert_eq!(
        imp.sections
            .iter()
            .map(|s| s.title.as_str())
            .collect::<Vec<_>>(),
        vec!["Выставки", "Консультации"]
    );
    assert_eq!(items(&imp)[1].deadline, "апрель");
    assert_eq!(items(&imp)[1].notes, vec!["Кому адресуется: педагогам"]);
    // a plan without a table: month lines and the activities under them
    let imp =
        tsv_plan("План мероприятий на 2026 год\nСентябрь\nДень знаний\n1 октября\nДень учителя\n");
    let its = items(&imp);
    assert_eq!(its.len(), 2);
    assert_eq!(
        (its[0].deadline.as_str(), its[1].deadline.as_str()),
        ("Сентябрь", "1 октября")
    );
    // the organisation never from «Утверждаю» or a task; shifted cells; groups; initials
    let imp = tsv_plan(
        "Утверждаю\nДиректор МБОУ «СОШ № 1»\nИванова А.А.\nПлан работы на 2026 год\nЗадачи:\n- поддержка МБОУ «СОШ № 2»\n№\tМероприятие\tСрок\tМесто\tОтветственный\n1\tКВН\tоктябрь\tЛапшакова Н.Д. Глазунова Н.С.\t\n2\tЗаседание\tмай\tкабинет 5\tПротоколы\n3\tСовет\tмай\tзал\tруководители ОУ, УДО\n",
    );
    assert_eq!(imp.organisation, None);
    let its = items(&imp);
    assert_eq!(its[0].responsible, "Лапшакова Н.Д. Глазунова Н.С.");
    assert_eq!(
        (its[1].responsible.as_str(), its[1].notes.clone()),
        (
            "",
            vec![
                "Место: кабинет 5".to_owned(),
                "Ответственный: Протоколы".to_owned()
            ]
        )
    );
    let names: Vec<&str> = imp.roster.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        vec!["Лапшакова Н.Д.", "Глазунова Н.С.", "руководители ОУ, УДО"]
    );
    assert_eq!(imp.roster[2].aliases, vec!["руководители ОУ", "УДО"]);
}
