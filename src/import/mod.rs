//! `moc import`: a plan as Word users have it — text copied out of a Word table, a `.docx`, or
//! a `.csv` saved by Excel — becomes a TOML plan.
//!
//! Every source is first read into a [`Grid`]: the lines before the table (preamble) and the
//! table's rows of cells ([`text`] for TSV/CSV in UTF-8 or Windows-1251, [`docx`] for Word
//! documents). [`interpret`] then finds the header row by meaning, skips a row of column
//! numbers, tells section rows from item rows, joins rows that a page break split, drops empty
//! numbered rows, joins hyphenation left at line ends, reads the preamble (approval block,
//! title, organisation, year, goal, tasks) and builds the roster from the responsibles.
//! [`write_toml`] writes the plan in the layout of `plans/`, with a comment at each place the
//! importer mended something. Import is deterministic: the same input gives the same bytes.

pub(crate) mod docx;
pub(crate) mod text;

use std::fmt::Write as _;

use crate::deadline::{Deadline, PlanYear};
use crate::i18n::{Lang, fold};
use crate::model::ResponsibleKind;
use crate::roster::normalize;
use crate::tr;

/// What an importer read: the lines before the table and the table's rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Grid {
    pub(crate) preamble: Vec<String>,
    pub(crate) rows: Vec<Vec<String>>,
}

/// Why a source could not be imported at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ImportError {
    Empty,
    NoTable,
    NoHeader,
    NotADocument(String),
    NoItems,
}

impl ImportError {
    pub(crate) fn message(&self, lang: Lang) -> String {
        match self {
            ImportError::Empty => tr!(lang, "файл пуст", "the file is empty"),
            ImportError::NoTable => tr!(
                lang,
                "в документе нет таблицы: план должен быть таблицей «№ | Мероприятие | Срок | Ответственные»",
                "the document has no table: a plan is a table «№ | Activity | Deadline | Responsible»"
            ),
            ImportError::NoHeader => tr!(
                lang,
                "не найдена строка заголовка таблицы: нужны хотя бы графы «Мероприятие» и «Срок» (или «Сроки», «Дата проведения»)",
                "no header row found: the table needs at least the columns «Мероприятие» and «Срок» (or «Сроки», «Дата проведения»)"
            ),
            ImportError::NotADocument(why) => {
                let why = if fold(why).contains("zip") {
                    lang.pick(
                        "архив повреждён или обрезан — сохраните документ в Word заново",
                        "the archive is damaged or cut short — save the document from Word again",
                    )
                    .to_owned()
                } else {
                    why.clone()
                };
                tr!(
                    lang,
                    "файл не читается как документ Word (.docx): {why}",
                    "the file cannot be read as a Word document (.docx): {why}"
                )
            }
            ImportError::NoItems => tr!(
                lang,
                "в таблице не найдено ни одного мероприятия",
                "no items found in the table"
            ),
        }
    }
}

/// The meaning of a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    Number,
    Title,
    Deadline,
    Responsible,
    Result,
}

fn header_meaning(cell: &str) -> Option<Col> {
    let c: String = fold(cell)
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '№')
        .collect();
    let c = c.split_whitespace().collect::<Vec<_>>().join(" ");
    if c.is_empty() {
        return None;
    }
    if c.starts_with('№') || c == "n пп" || c.starts_with("n п") || c == "номер" || c == "пп"
    {
        return Some(Col::Number);
    }
    if c.starts_with("мероприят")
        || c.starts_with("наименование")
        || c.starts_with("содержание")
        || c.starts_with("название")
    {
        return Some(Col::Title);
    }
    if c.starts_with("срок")
        || c.starts_with("дата")
        || c.starts_with("период")
        || c.starts_with("время")
    {
        return Some(Col::Deadline);
    }
    if c.starts_with("ответствен") || c.starts_with("исполнител") {
        return Some(Col::Responsible);
    }
    if c.starts_with("результат")
        || c.starts_with("отметка")
        || c.starts_with("выполнение")
        || c.starts_with("примечание")
    {
        return Some(Col::Result);
    }
    None
}

/// Where each meaning sits in the table.
#[derive(Clone, Copy, Debug, Default)]
struct Columns {
    number: Option<usize>,
    title: usize,
    deadline: usize,
    responsible: Option<usize>,
    result: Option<usize>,
}

fn find_header(rows: &[Vec<String>]) -> Option<(usize, Columns)> {
    for (i, row) in rows.iter().enumerate() {
        let mut cols = Columns::default();
        let (mut title, mut deadline) = (None, None);
        for (j, cell) in row.iter().enumerate() {
            match header_meaning(cell) {
                Some(Col::Number) if cols.number.is_none() => cols.number = Some(j),
                Some(Col::Title) if title.is_none() => title = Some(j),
                Some(Col::Deadline) if deadline.is_none() => deadline = Some(j),
                Some(Col::Responsible) if cols.responsible.is_none() => cols.responsible = Some(j),
                Some(Col::Result) if cols.result.is_none() => cols.result = Some(j),
                _ => {}
            }
        }
        if let (Some(t), Some(d)) = (title, deadline) {
            cols.title = t;
            cols.deadline = d;
            return Some((i, cols));
        }
    }
    None
}

/// What the importer noticed and mended, or could not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Note {
    /// The item or section it is about («1.6»), if any.
    pub(crate) at: Option<String>,
    pub(crate) text: String,
    /// Whether the user must fix something.
    pub(crate) fix: bool,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct ImportedItem {
    pub(crate) number: String,
    pub(crate) title: String,
    pub(crate) deadline: String,
    pub(crate) responsible: String,
    pub(crate) result: String,
    /// Comments to write above the item.
    pub(crate) comments: Vec<String>,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct ImportedSection {
    pub(crate) number: String,
    pub(crate) title: String,
    pub(crate) items: Vec<ImportedItem>,
    pub(crate) comments: Vec<String>,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct ImportedResponsible {
    pub(crate) name: String,
    pub(crate) kind: Option<ResponsibleKind>,
}

/// A plan as read from a table.
#[derive(Clone, Debug, Default)]
pub(crate) struct Imported {
    pub(crate) title: String,
    pub(crate) organisation: Option<String>,
    pub(crate) municipality: Option<String>,
    pub(crate) region: Option<String>,
    pub(crate) year: Option<PlanYear>,
    pub(crate) goal: Option<String>,
    pub(crate) tasks: Vec<String>,
    pub(crate) approval: Vec<(&'static str, String)>,
    pub(crate) roster: Vec<ImportedResponsible>,
    pub(crate) sections: Vec<ImportedSection>,
    pub(crate) notes: Vec<Note>,
}

fn clean(cell: &str) -> String {
    let s: String = cell
        .chars()
        .filter_map(|c| match c {
            '\u{a0}' | '\t' => Some(' '),
            // Word's manual line break and page break
            '\u{b}' | '\u{c}' => Some('\n'),
            '\r' | '\n' => Some(c),
            // Word's end-of-cell mark (U+0007) and other control characters carry no text
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let s = join_hyphenation(&s);
    let lines: Vec<&str> = s
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join(" ").trim().to_owned()
}

/// «образова- ния» → «образования»; «организационно- методическое» → «организационно-методическое»
/// (a hyphen after «о»/«е» is kept: it is most likely a compound word's own).
pub(crate) fn join_hyphenation(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c == '-' || c == '\u{ad}')
            && i > 0
            && chars[i - 1].is_alphabetic()
            && chars[i - 1].is_lowercase()
        {
            let mut j = i + 1;
            let mut saw_space = false;
            while j < chars.len() && chars[j].is_whitespace() {
                saw_space = true;
                j += 1;
            }
            if saw_space && j < chars.len() && chars[j].is_lowercase() {
                let prev = chars[i - 1];
                if c == '-' && matches!(prev, 'о' | 'е') {
                    out.push('-');
                }
                i = j;
                continue;
            }
            if c == '\u{ad}' {
                i += 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// «1.1», «2.2.», «4», «1.»: an item number.
fn is_item_number(s: &str) -> bool {
    let t = s.trim().trim_end_matches('.');
    !t.is_empty()
        && t.split('.')
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// «1. Мероприятия по …», «IV. Обеспечение …», «Раздел 2. …» → (number, title).
fn section_heading(s: &str) -> (String, String) {
    let t = s.trim();
    let t = t
        .strip_prefix("Раздел ")
        .or_else(|| t.strip_prefix("РАЗДЕЛ "))
        .unwrap_or(t);
    let num: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X' | 'L'))
        .collect();
    if !num.is_empty() {
        let rest = &t[num.len()..];
        if let Some(rest) = rest
            .strip_prefix(['.', ')'])
            .or_else(|| rest.starts_with(' ').then_some(rest))
        {
            let title = rest.trim().trim_start_matches(['.', ')', '-', '–']).trim();
            if !title.is_empty() {
                return (num, title.to_owned());
            }
        }
    }
    (String::new(), t.to_owned())
}

/// Read a grid into a plan. `fallback_year` stands in when neither the preamble nor the
/// deadlines tell the year.
pub(crate) fn interpret(
    grid: &Grid,
    lang: Lang,
    fallback_year: i32,
) -> Result<Imported, ImportError> {
    if grid.preamble.iter().all(|l| l.trim().is_empty())
        && grid.rows.iter().flatten().all(|c| c.trim().is_empty())
    {
        return Err(ImportError::Empty);
    }
    let (header_at, cols) = find_header(&grid.rows).ok_or(ImportError::NoHeader)?;
    let header: Vec<String> = grid.rows[header_at].iter().map(|c| clean(c)).collect();
    let mut preamble: Vec<String> = grid.preamble.clone();
    for row in &grid.rows[..header_at] {
        let line = row
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if !line.is_empty() {
            preamble.push(line);
        }
    }
    let mut imp = Imported {
        ..Imported::default()
    };
    read_preamble(&preamble, &mut imp);

    let get = |row: &[String], i: Option<usize>| {
        i.and_then(|i| row.get(i))
            .map(|c| clean(c))
            .unwrap_or_default()
    };
    let mut sections: Vec<ImportedSection> = Vec::new();
    let mut first_body_row = true;
    let body_numbers: Vec<String> = grid.rows[header_at + 1..]
        .iter()
        .map(|r| get(r, cols.number))
        .filter(|n| is_item_number(n))
        .collect();
    for row in &grid.rows[header_at + 1..] {
        let cells: Vec<String> = row.iter().map(|c| clean(c)).collect();
        if cells.iter().all(String::is_empty)
            || cells.iter().all(|c| {
                c.chars()
                    .all(|ch| matches!(ch, '-' | '–' | '—' | '_' | ' '))
            })
        {
            continue;
        }
        // a repeated header (Word repeats it after a page break)
        if cells == header {
            continue;
        }
        // a row of column numbers under the header: «1 2 3 4 5»
        if first_body_row {
            first_body_row = false;
            let nums: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
            if nums.len() >= 2
                && nums
                    .iter()
                    .enumerate()
                    .all(|(k, c)| c.trim_end_matches('.') == (k + 1).to_string())
            {
                imp.notes.push(Note {
                    at: None,
                    text: lang
                        .pick(
                            "строка с номерами граф под заголовком пропущена",
                            "the row of column numbers under the header is skipped",
                        )
                        .to_owned(),
                    fix: false,
                });
                continue;
            }
        }
        let number = get(&cells, cols.number);
        let title = get(&cells, Some(cols.title));
        let deadline = get(&cells, Some(cols.deadline));
        let responsible = get(&cells, cols.responsible);
        let result = get(&cells, cols.result);
        let distinct: Vec<&String> = {
            let mut v: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
            v.dedup();
            v
        };
        // a section: one text across the row (a merged cell, or the first cell alone), or a
        // heading that cannot be the rest of an item (ALL CAPS, a Roman number); an Arabic
        // «2. …» in the activity column with no number is an item's continuation, not a section
        let filled = cells.iter().filter(|c| !c.is_empty()).count();
        let only_first = filled == 1 && !cells[0].is_empty();
        let merged = distinct.len() == 1 && filled >= 2;
        let has_item_before = sections.last().is_some_and(|s| !s.items.is_empty());
        let heading_like = distinct.len() == 1 && {
            let t = distinct[0];
            let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
            letters.len() > 3 && letters.iter().all(|c| c.is_uppercase())
                || section_heading(t)
                    .0
                    .chars()
                    .next()
                    .is_some_and(|c| matches!(c, 'I' | 'V' | 'X'))
                || !has_item_before
        };
        // «1. | Обеспечение деятельности МОЦ | | » followed by «1.1», «1.2»: a numbered section
        let parent_of_next = is_item_number(&number)
            && deadline.is_empty()
            && responsible.is_empty()
            && result.is_empty()
            && !title.is_empty()
            && {
                let prefix = format!("{}.", number.trim_end_matches('.'));
                body_numbers.iter().any(|n| n.starts_with(&prefix))
            };
        let is_section = parent_of_next
            || distinct.len() == 1
                && !is_item_number(distinct[0])
                && (only_first || merged || heading_like)
            || (cols.number.is_some()
                && !number.is_empty()
                && !is_item_number(&number)
                && deadline.is_empty()
                && responsible.is_empty()
                && section_heading(&format!("{number} {title}")).0 == number.trim_end_matches('.'));
        if is_section {
            let text = if distinct.len() == 1 {
                distinct[0].clone()
            } else if parent_of_next {
                format!("{}. {title}", number.trim_end_matches('.'))
            } else {
                format!("{number} {title}")
            };
            let (n, t) = section_heading(&text);
            sections.push(ImportedSection {
                number: n,
                title: t,
                ..ImportedSection::default()
            });
            continue;
        }
        if number.is_empty() || cols.number.is_none() && title.is_empty() {
            // a row a page break split off: its cells continue the previous row's
            if let Some(item) = sections.last_mut().and_then(|s| s.items.last_mut()) {
                for (field, more) in [
                    (&mut item.title, &title),
                    (&mut item.deadline, &deadline),
                    (&mut item.responsible, &responsible),
                    (&mut item.result, &result),
                ] {
                    if !more.is_empty() {
                        if field.is_empty() {
                            *field = more.clone();
                        } else {
                            *field = join_hyphenation(&format!("{field} {more}"));
                        }
                    }
                }
                item.comments.push(
                    lang.pick(
                        "В исходной таблице строка разорвана (разрыв страницы); продолжение присоединено.",
                        "In the source table the row is split (a page break); the continuation is joined.",
                    )
                    .to_owned(),
                );
                imp.notes.push(Note {
                    at: Some(item.number.clone()),
                    text: tr!(
                        lang,
                        "строка {} продолжена следующей строкой таблицы — соединено",
                        "row {} continues on the next table row — joined",
                        item.number
                    ),
                    fix: false,
                });
            } else if let Some(sec) = sections.last_mut() {
                let more = cells
                    .iter()
                    .filter(|c| !c.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" ");
                sec.title = format!("{} {more}", sec.title).trim().to_owned();
            }
            continue;
        }
        if title.is_empty() && deadline.is_empty() && responsible.is_empty() && result.is_empty() {
            imp.notes.push(Note {
                at: Some(number.clone()),
                text: tr!(
                    lang,
                    "пустая строка {number} (без мероприятия, срока и ответственных) пропущена",
                    "the empty row {number} (no activity, deadline or responsible) is dropped"
                ),
                fix: false,
            });
            if let Some(sec) = sections.last_mut() {
                sec.comments.push(tr!(
                    lang,
                    "Пустая строка {number} исходной таблицы не перенесена.",
                    "The empty row {number} of the source table is left out."
                ));
            }
            continue;
        }
        if sections.is_empty() {
            sections.push(ImportedSection::default());
        }
        if let Some(sec) = sections.last_mut() {
            sec.items.push(ImportedItem {
                number,
                title,
                deadline,
                responsible,
                result,
                comments: Vec::new(),
            });
        }
    }
    if sections.iter().all(|s| s.items.is_empty()) {
        return Err(ImportError::NoItems);
    }
    // the plan's year: the preamble's, else the most common year of the deadlines
    if imp.year.is_none() {
        let mut counts: Vec<(i32, usize)> = Vec::new();
        for it in sections.iter().flat_map(|s| &s.items) {
            for y in years_in(&it.deadline) {
                match counts.iter_mut().find(|(yy, _)| *yy == y) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((y, 1)),
                }
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        imp.year = Some(PlanYear::Calendar(
            counts.first().map_or(fallback_year, |(y, _)| *y),
        ));
        imp.notes.push(Note {
            at: None,
            text: lang
                .pick(
                    "год плана не указан в шапке — взят из сроков; проверьте year",
                    "the plan's year is not in the heading — taken from the deadlines; check year",
                )
                .to_owned(),
            fix: true,
        });
    }
    let year = imp.year.unwrap_or(PlanYear::Calendar(fallback_year));
    // a deadline that a page break pushed into the activity: «… Досуговая ДООП (Июнь 2026 Март 2026г, …»
    for sec in &mut sections {
        for it in &mut sec.items {
            if !it.deadline.is_empty() {
                continue;
            }
            if let Some(open) = it.title.rfind('(') {
                let candidate = it.title[open + 1..].trim().trim_end_matches(')').trim();
                if !candidate.is_empty() && Deadline::parse(candidate, year).is_ok() {
                    it.deadline = candidate.to_owned();
                    it.title = it.title[..open].trim().to_owned();
                    it.comments.push(lang.pick("Срок стоял в графе «Мероприятие» после скобки; перенесён в графу «Срок».", "The deadline stood in the activity column after a bracket; moved to the deadline.").to_owned());
                    imp.notes.push(Note {
                        at: Some(it.number.clone()),
                        text: tr!(
                            lang,
                            "срок мероприятия {} найден в графе «Мероприятие» и перенесён",
                            "the deadline of item {} was found in the activity column and moved",
                            it.number
                        ),
                        fix: false,
                    });
                }
            }
        }
    }
    imp.roster = build_roster(
        sections
            .iter()
            .flat_map(|s| &s.items)
            .map(|i| i.responsible.as_str()),
    );
    imp.sections = sections;
    Ok(imp)
}

fn years_in(s: &str) -> Vec<i32> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let st = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i - st == 4
                && let Ok(y) = s[st..i].parse::<i32>()
                && (1990..=2100).contains(&y)
            {
                out.push(y);
            }
        } else {
            i += 1;
        }
    }
    out
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// «ПЛАН РАБОТЫ» → «План работы».
fn sentence_case(s: &str) -> String {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    if !letters.is_empty() && letters.iter().all(|c| c.is_uppercase()) {
        capitalize(&s.to_lowercase())
    } else {
        s.to_owned()
    }
}

/// «на 2026 год», «на 2026/2027 учебный год», «На 2026 – 2027 уч. год».
fn year_phrase(line: &str) -> Option<(PlanYear, usize)> {
    let f = fold(line);
    let at = if f.starts_with("на ") {
        0
    } else {
        f.find(" на ")? + 1
    };
    let rest = &line[at..];
    let ys = years_in(rest);
    let folded_rest = fold(rest);
    match ys.as_slice() {
        [a, b, ..] if *b == a + 1 => Some((PlanYear::Academic(*a), at)),
        [a, ..] if folded_rest.contains("учебн") => Some((PlanYear::Academic(*a), at)),
        [a, ..] => Some((PlanYear::Calendar(*a), at)),
        [] => None,
    }
}

fn is_person(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    let initials = |w: &str| {
        let parts: Vec<&str> = w.split('.').filter(|p| !p.is_empty()).collect();
        w.contains('.')
            && !parts.is_empty()
            && parts
                .iter()
                .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
    };
    let surname = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().count() >= 2
            && w.chars().skip(1).all(|c| c.is_lowercase() || c == '-')
    };
    match words.as_slice() {
        [a, b] => initials(a) && surname(b) || surname(a) && initials(b),
        [a, b, c] => {
            surname(a) && initials(&format!("{b}{c}")) || initials(&format!("{a}{b}")) && surname(c)
        }
        _ => false,
    }
}

fn is_organisation_line(s: &str) -> bool {
    let f = fold(s);
    [
        "мкоу",
        "мбоу",
        "маоу",
        "мбу",
        "мку",
        "мау",
        "мбудо",
        "мбоудо",
        "мкудо",
        "гбу",
        "гау",
        "дом творчества",
        "дом детского творчества",
        "центр дополнительного образования",
    ]
    .iter()
    .any(|m| f.starts_with(m) || f.contains(&format!(" {m} ")))
        || s.contains('«') && !f.starts_with("план")
}

/// «Иркутской области» → «Иркутская область»; «города Саянска» → «город Саянск».
fn place_names(s: &str, imp: &mut Imported) {
    let words: Vec<&str> = s.split_whitespace().collect();
    for w in words.windows(2) {
        let (a, b) = (w[0], w[1].trim_end_matches([',', '.', ';', ':', ')']));
        if fold(b) == "области" && a.ends_with("ой") && imp.region.is_none() {
            imp.region = Some(format!("{}ая область", &a[..a.len() - "ой".len()]));
        }
        if fold(b) == "края" && a.ends_with("ого") && imp.region.is_none() {
            imp.region = Some(format!("{}ий край", &a[..a.len() - "ого".len()]));
        }
        if fold(a) == "города" && b.ends_with('а') && imp.municipality.is_none() {
            imp.municipality = Some(format!("город {}", &b[..b.len() - 'а'.len_utf8()]));
        }
    }
    // «в Мосальском муниципальном округе», «Тулунского муниципального района» →
    // «Мосальский муниципальный округ», «Тулунский муниципальный район»
    for w in words.windows(3) {
        let (a, b, c) = (
            w[0],
            fold(w[1]),
            fold(w[2].trim_end_matches([',', '.', ';', ':', ')'])),
        );
        if b.starts_with("муниципальн")
            && (c.starts_with("округ") || c.starts_with("район"))
            && imp.municipality.is_none()
        {
            let kind = if c.starts_with("округ") {
                "округ"
            } else {
                "район"
            };
            let stem = a.strip_suffix("ском").or_else(|| a.strip_suffix("ского"));
            if let Some(stem) = stem {
                imp.municipality = Some(format!("{stem}ский муниципальный {kind}"));
            }
        }
    }
}

fn read_preamble(lines: &[String], imp: &mut Imported) {
    let lines: Vec<String> = lines
        .iter()
        .map(|l| clean(l))
        .filter(|l| !l.is_empty())
        .collect();
    let mut i = 0;
    let mut title_parts: Vec<String> = Vec::new();
    let mut in_tasks = false;
    while i < lines.len() {
        let line = &lines[i];
        let f = fold(line);
        if f.starts_with("утвержд") {
            let word = line.split([':', ' ']).next().unwrap_or("Утверждено");
            imp.approval
                .push(("heading", sentence_case(word.trim_end_matches(':'))));
            let rest = line[word.len()..].trim_start_matches(':').trim();
            let mut pieces: Vec<String> = Vec::new();
            if !rest.is_empty() {
                pieces.push(rest.to_owned());
            }
            i += 1;
            while i < lines.len() && !fold(&lines[i]).starts_with("план") {
                pieces.push(lines[i].clone());
                i += 1;
            }
            for p in pieces {
                for part in p.split('/').map(str::trim).filter(|x| !x.is_empty()) {
                    let pf = fold(part);
                    if pf.contains("приказ") || pf.starts_with('№') {
                        imp.approval.push(("order", part.to_owned()));
                    } else if is_person(part) {
                        imp.approval.push(("name", part.to_owned()));
                    } else if part.chars().any(|c| c.is_ascii_digit())
                        && (pf.contains(" г") || part.contains('.'))
                        && years_in(part).len() == 1
                    {
                        if let Some(d) = approval_date(part) {
                            imp.approval.push(("date", d.to_string()));
                        } else {
                            imp.approval.push(("order", part.to_owned()));
                        }
                    } else if let Some((_, pos)) =
                        imp.approval.iter_mut().find(|(k, _)| *k == "position")
                    {
                        // a position written over several lines
                        if !imp_has_name(pos) {
                            pos.push(' ');
                            pos.push_str(part);
                        }
                    } else {
                        imp.approval.push(("position", part.to_owned()));
                    }
                }
            }
            continue;
        }
        if f.starts_with("цель") {
            let goal = line
                .split_once(['–', '—', '-', ':'])
                .map(|x| x.1)
                .unwrap_or_default()
                .trim();
            if !goal.is_empty() {
                imp.goal = Some(goal.to_owned());
            }
            place_names(line, imp);
            in_tasks = false;
            i += 1;
            continue;
        }
        if f.starts_with("задачи") {
            in_tasks = true;
            i += 1;
            continue;
        }
        if in_tasks {
            let t = line.trim_start_matches(['-', '–', '—', '•', '·', '*', ' ']);
            let t = t
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .trim_start_matches(['.', ')'])
                .trim();
            let t = t.trim_end_matches([';', '.', ' ', ',']).trim();
            if !t.is_empty() {
                imp.tasks.push(t.to_owned());
            }
            place_names(line, imp);
            i += 1;
            continue;
        }
        if let Some((y, at)) = year_phrase(line) {
            imp.year.get_or_insert(y);
            let before = line[..at].trim();
            if !before.is_empty() {
                place_names(before, imp);
                if fold(before).starts_with("план") {
                    title_parts.push(sentence_case(before));
                } else if !title_parts.is_empty() && !fold(before).starts_with("города") {
                    title_parts.push(before.to_owned());
                }
            }
            i += 1;
            continue;
        }
        if f.starts_with("план") {
            title_parts.push(sentence_case(line));
            i += 1;
            continue;
        }
        if is_organisation_line(line) && imp.organisation.is_none() {
            imp.organisation = Some(line.replace("« ", "«").replace(" »", "»"));
            i += 1;
            continue;
        }
        if !title_parts.is_empty() && imp.goal.is_none() {
            place_names(line, imp);
            if fold(line).starts_with("города") {
                i += 1;
                continue;
            }
            title_parts.push(line.clone());
        }
        i += 1;
    }
    let title = title_parts.join(" ");
    // «План работы Муниципального опорного центра …»: the words after «План работы» keep their case
    imp.title = if title.is_empty() {
        "План работы муниципального опорного центра дополнительного образования детей".to_owned()
    } else {
        title
    };
}

/// Whether a position line already ends with a person's name (nothing more belongs to it).
fn imp_has_name(position: &str) -> bool {
    let words: Vec<&str> = position.split_whitespace().collect();
    words.len() >= 2 && is_person(&words[words.len() - 2..].join(" "))
}

fn approval_date(s: &str) -> Option<chrono::NaiveDate> {
    let digits: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_digit() || c == '.' {
                c
            } else {
                ' '
            }
        })
        .collect();
    for w in digits.split_whitespace() {
        if let Some(d) = crate::load::parse_date_text(w) {
            return Some(d);
        }
    }
    // «15» января 2026 г.
    let f = fold(s);
    let day: u32 = f
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .ok()?;
    let month = (0..12).find(|&m| f.contains(crate::i18n::MONTHS_GEN[m]))? as u32 + 1;
    let year = *years_in(s).first()?;
    chrono::NaiveDate::from_ymd_opt(year, month, day)
}

/// The names in a responsibles cell: split at commas and semicolons, and where several people
/// are written one after another («Ежова Н.М. Лапшакова Н.Д.»).
pub(crate) fn split_names(cell: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in cell.split([',', ';', '\n']) {
        let piece = piece.trim();
        if piece.trim_end_matches('.').trim().is_empty() {
            continue;
        }
        let words: Vec<&str> = piece.split_whitespace().collect();
        // people written one after another: pairs of (surname, initials) or (initials, surname)
        if words.len() >= 4
            && words.len().is_multiple_of(2)
            && words.chunks(2).all(|c| is_person(&c.join(" ")))
        {
            out.extend(words.chunks(2).map(|c| c.join(" ")));
            continue;
        }
        let joined = words.join(" ");
        // a plain trailing dot goes («методист.»); the dot of initials stays («Ежова Н.М.»)
        if is_person(&joined) {
            out.push(joined);
        } else {
            out.push(joined.trim_end_matches('.').trim().to_owned());
        }
    }
    out
}

fn kind_of(name: &str) -> ResponsibleKind {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    let f = fold(name);
    if is_person(name) {
        ResponsibleKind::Person
    } else if !letters.is_empty()
        && letters.len() <= 6
        && letters.iter().all(|c| c.is_uppercase())
        && !name.contains(' ')
        || [
            "групп",
            "управлен",
            "отдел",
            "центр",
            "школ",
            "учрежден",
            "организац",
            "администрац",
            "комитет",
            "министерств",
            "институт",
        ]
        .iter()
        .any(|k| f.contains(k))
    {
        ResponsibleKind::Organisation
    } else {
        ResponsibleKind::Role
    }
}

fn build_roster<'a>(cells: impl Iterator<Item = &'a str>) -> Vec<ImportedResponsible> {
    let mut out: Vec<ImportedResponsible> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for cell in cells {
        for name in split_names(cell) {
            let key = normalize(&name);
            if key.is_empty() || seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let kind = kind_of(&name);
            out.push(ImportedResponsible {
                name,
                kind: Some(kind),
            });
        }
    }
    out
}

/// Text for a `# …` comment line: one line, no control characters (TOML forbids them there).
fn comment(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() && c != '\t' { ' ' } else { c })
        .collect()
}

fn q(s: &str) -> String {
    toml_edit::Value::from(s).to_string().trim().to_owned()
}

/// The plan as TOML, in the layout of `plans/`. `source` names the imported file.
pub(crate) fn write_toml(imp: &Imported, source: &str, lang: Lang) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}",
        tr!(
            lang,
            "# Импортировано командой moc import из {source}.",
            "# Imported by moc import from {source}.",
            source = comment(source)
        )
    );
    let _ = writeln!(
        s,
        "{}\n",
        lang.pick(
            "# Формулировки мероприятий, сроков и ответственных — дословно из таблицы; проверка: moc check.",
            "# Activities, deadlines and responsibles are verbatim from the table; check it with moc check."
        )
    );
    s.push_str("[plan]\n");
    let _ = writeln!(s, "title = {}", q(&imp.title));
    if let Some(o) = &imp.organisation {
        let _ = writeln!(s, "organisation = {}", q(o));
    }
    if let Some(m) = &imp.municipality {
        let _ = writeln!(s, "municipality = {}", q(m));
    }
    if let Some(r) = &imp.region {
        let _ = writeln!(s, "region = {}", q(r));
    }
    match imp.year {
        Some(PlanYear::Calendar(y)) => {
            let _ = writeln!(s, "year = {y}");
        }
        Some(y @ PlanYear::Academic(_)) => {
            let _ = writeln!(s, "year = {}", q(&y.to_string()));
        }
        None => {}
    }
    if let Some(g) = &imp.goal {
        let _ = writeln!(s, "goal = {}", q(g));
    }
    if !imp.tasks.is_empty() {
        s.push_str("tasks = [\n");
        for t in &imp.tasks {
            let _ = writeln!(s, "  {},", q(t));
        }
        s.push_str("]\n");
    }
    if !imp.approval.is_empty() {
        s.push_str("\n[plan.approval]\n");
        for key in ["heading", "position", "name", "date", "order"] {
            if let Some((_, v)) = imp.approval.iter().find(|(k, _)| *k == key) {
                if key == "date" {
                    let _ = writeln!(s, "date = {v}");
                } else {
                    let _ = writeln!(s, "{key} = {}", q(v));
                }
            }
        }
    }
    s.push('\n');
    let _ = writeln!(
        s,
        "{}",
        lang.pick(
            "# Ответственные — из графы «Ответственные» таблицы.",
            "# Responsibles, from the table's responsible column."
        )
    );
    for (k, r) in imp.roster.iter().enumerate() {
        if k > 0 {
            s.push('\n');
        }
        s.push_str("[[responsible]]\n");
        let _ = writeln!(s, "name = {}", q(&r.name));
        if let Some(kind) = r.kind {
            let id = match kind {
                ResponsibleKind::Role => "role",
                ResponsibleKind::Organisation => "organisation",
                ResponsibleKind::Person => "person",
            };
            let _ = writeln!(s, "kind = \"{id}\"");
        }
    }
    for sec in &imp.sections {
        s.push_str("\n# ----------------------------------------------------------------------------------------------\n");
        s.push_str("[[section]]\n");
        let _ = writeln!(s, "number = {}", q(&sec.number));
        let _ = writeln!(s, "title = {}", q(&sec.title));
        for it in &sec.items {
            s.push('\n');
            for c in &it.comments {
                let _ = writeln!(s, "# {}", comment(c));
            }
            s.push_str("[[section.item]]\n");
            let _ = writeln!(s, "number = {}", q(&it.number));
            let _ = writeln!(s, "title = {}", q(&it.title));
            let _ = writeln!(s, "deadline = {}", q(&it.deadline));
            let _ = writeln!(s, "responsible = {}", q(&it.responsible));
            if !it.result.is_empty() {
                let _ = writeln!(s, "result = {}", q(&it.result));
            }
        }
        // notes about the section's rows that were left out, where those rows stood
        if !sec.comments.is_empty() {
            s.push('\n');
            for c in &sec.comments {
                let _ = writeln!(s, "# {}", comment(c));
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphenation() {
        assert_eq!(
            join_hyphenation("дополнительного образова- ния"),
            "дополнительного образования"
        );
        assert_eq!(
            join_hyphenation("организационно- методическое"),
            "организационно-методическое"
        );
        assert_eq!(
            join_hyphenation("сельские школы - сетевой"),
            "сельские школы - сетевой"
        );
        assert_eq!(join_hyphenation("ДОП- программа"), "ДОП- программа");
    }

    #[test]
    fn names_run_together() {
        assert_eq!(
            split_names("Ежова Н.М. Лапшакова Н.Д."),
            vec!["Ежова Н.М.", "Лапшакова Н.Д."]
        );
        assert_eq!(
            split_names("Руководитель МОЦ ,методист"),
            vec!["Руководитель МОЦ", "методист"]
        );
        assert_eq!(
            split_names("Руководитель МОЦ, методист."),
            vec!["Руководитель МОЦ", "методист"]
        );
        assert_eq!(
            split_names("МОЦ, Межведомственная группа АМО"),
            vec!["МОЦ", "Межведомственная группа АМО"]
        );
        assert_eq!(kind_of("РМЦ"), ResponsibleKind::Organisation);
        assert_eq!(kind_of("Ежова Н.М."), ResponsibleKind::Person);
        assert_eq!(kind_of("методист"), ResponsibleKind::Role);
        assert_eq!(
            kind_of("Межведомственная группа АМО"),
            ResponsibleKind::Organisation
        );
    }

    #[test]
    fn headers_by_meaning() {
        let row = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let (_, c) = find_header(&[row(&["№ п\\п", "Мероприятия", "Сроки", "Исполнитель"])])
            .unwrap_or_default();
        assert_eq!(
            (c.number, c.title, c.deadline, c.responsible, c.result),
            (Some(0), 1, 2, Some(3), None)
        );
        let (_, c) = find_header(&[row(&[
            "N п/п",
            "Наименование мероприятия",
            "Дата проведения",
            "Ответственный исполнитель",
            "Отметка о выполнении",
        ])])
        .unwrap_or_default();
        assert_eq!(
            (c.title, c.deadline, c.responsible, c.result),
            (1, 2, Some(3), Some(4))
        );
    }

    #[test]
    fn sections() {
        assert_eq!(
            section_heading("I. Организационно-управленческая деятельность"),
            (
                "I".into(),
                "Организационно-управленческая деятельность".into()
            )
        );
        assert_eq!(
            section_heading("1. Мероприятия по обеспечению"),
            ("1".into(), "Мероприятия по обеспечению".into())
        );
        assert_eq!(
            section_heading("КАДРОВОЕ ОБЕСПЕЧЕНИЕ"),
            (String::new(), "КАДРОВОЕ ОБЕСПЕЧЕНИЕ".into())
        );
    }
}

#[cfg(test)]
mod fuzz_findings {
    use super::*;

    /// Whatever the importer writes must load; `cargo fuzz` found a control character in a
    /// cell that went into a `# …` comment raw (TOML forbids it there).
    #[test]
    fn control_characters_never_reach_the_toml() {
        let data =
            include_bytes!("../../tests/fixtures/fuzz/import_text-control-char-in-comment.bin");
        let (text, _) = text::decode(data, None);
        let mut imported_any = false;
        for grid in [text::tsv(&text), text::csv(&text)] {
            if let Ok(imported) = interpret(&grid, Lang::Ru, 2026) {
                imported_any = true;
                let toml = write_toml(&imported, "x\n\u{7}.txt", Lang::Ru);
                let loaded = crate::workspace::checked_for_test(
                    &toml,
                    chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default(),
                );
                assert!(loaded.plan.is_some(), "{:?}", loaded.diagnostics);
            }
        }
        assert!(imported_any, "the finding is a table the importer reads");
    }

    #[test]
    fn word_marks_in_cells() {
        // U+0007 ends a cell in text copied from Word, U+000B is a manual line break
        assert_eq!(
            clean("Совещание\u{b}методистов\u{7}"),
            "Совещание методистов"
        );
        assert_eq!(comment("a\nb\u{f}c\td"), "a b c\td");
    }
}
