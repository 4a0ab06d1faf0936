//! Changing a plan file without losing a byte: every edit goes through `toml_edit` on the
//! original text, so comments, blank lines, key order and quoting stay as they were; only the
//! values the edit is about change.
//!
//! [`Doc`] remembers what `toml_edit` would drop — a UTF-8 BOM and CRLF line endings — and puts
//! them back on output: a line the edit did not touch keeps its own ending, even in a file that
//! mixes CRLF and LF. Items are addressed by their position (section, item), which is the same
//! in the model the loader builds from the same text. This module never touches the disk; the
//! commands ([`crate::commands::edit`]) read, check and write atomically.

use chrono::NaiveDate;
use toml_edit::{
    Array, ArrayOfTables, Datetime, DocumentMut, InlineTable, Item, Table, TableLike, Value,
};

/// A plan's text as `toml_edit` holds it, with the byte-level habits of the file.
pub(crate) struct Doc {
    pub(crate) doc: DocumentMut,
    crlf: bool,
    bom: bool,
    /// The text as read (without the BOM), when it mixes CRLF and LF line endings.
    mixed: Option<String>,
}

impl Doc {
    /// Parse a file's text. CRLF files are edited as LF and written back as CRLF.
    pub(crate) fn parse(raw: &str) -> Result<Doc, toml_edit::TomlError> {
        let bom = raw.starts_with('\u{feff}');
        let body = raw.strip_prefix('\u{feff}').unwrap_or(raw);
        let crlf_count = body.matches("\r\n").count();
        let lf_count = body.matches('\n').count();
        // the majority decides: a file that is mostly CRLF is written as CRLF
        let crlf = crlf_count > 0 && crlf_count * 2 >= lf_count;
        let text = if crlf_count > 0 {
            body.replace("\r\n", "\n")
        } else {
            body.to_owned()
        };
        let mixed = (crlf_count > 0 && crlf_count < lf_count).then(|| body.to_owned());
        Ok(Doc {
            doc: text.parse()?,
            crlf,
            bom,
            mixed,
        })
    }

    /// The text to write: the document with the file's BOM and line endings.
    pub(crate) fn render(&self) -> String {
        let mut s = self.doc.to_string();
        if let Some(original) = &self.mixed {
            s = keep_line_endings(original, &s, self.crlf);
        } else if self.crlf {
            s = s.replace('\n', "\r\n");
        }
        if self.bom {
            s.insert(0, '\u{feff}');
        }
        s
    }
}

/// The edited text (LF) with each line the edit left alone ending as it did in `original`, and
/// new lines ending as most of the file's lines do.
fn keep_line_endings(original: &str, edited: &str, crlf: bool) -> String {
    let normalized = original.replace("\r\n", "\n");
    let originals: Vec<&str> = original.split_inclusive('\n').collect();
    let diff = similar::TextDiff::from_lines(normalized.as_str(), edited);
    let new_line = if crlf { "\r\n" } else { "\n" };
    let mut out = String::with_capacity(edited.len() + originals.len());
    for op in diff.ops() {
        for change in diff.iter_changes(op) {
            match change.tag() {
                similar::ChangeTag::Equal => {
                    let i = change.old_index().unwrap_or(usize::MAX);
                    match originals.get(i) {
                        Some(line) => out.push_str(line),
                        None => out.push_str(change.value()),
                    }
                }
                similar::ChangeTag::Insert => {
                    let v = change.value();
                    match v.strip_suffix('\n') {
                        Some(body) => {
                            out.push_str(body);
                            out.push_str(new_line);
                        }
                        None => out.push_str(v),
                    }
                }
                similar::ChangeTag::Delete => {}
            }
        }
    }
    out
}

/// Why an edit could not be made on the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum EditError {
    /// No section or item at that position (the model and the document disagree).
    NotFound,
}

/// The tables of an array of tables or of an inline array of inline tables.
fn tables_mut(item: &mut Item) -> Vec<&mut dyn TableLike> {
    match item {
        Item::ArrayOfTables(aot) => aot.iter_mut().map(|t| t as &mut dyn TableLike).collect(),
        Item::Value(Value::Array(arr)) => arr
            .iter_mut()
            .filter_map(|v| v.as_inline_table_mut().map(|t| t as &mut dyn TableLike))
            .collect(),
        _ => Vec::new(),
    }
}

/// The item table at (section, item).
pub(crate) fn item_mut(
    doc: &mut DocumentMut,
    section: usize,
    item: usize,
) -> Result<&mut dyn TableLike, EditError> {
    let sections = doc.get_mut("section").ok_or(EditError::NotFound)?;
    let sec = tables_mut(sections)
        .into_iter()
        .nth(section)
        .ok_or(EditError::NotFound)?;
    let items = sec.get_mut("item").ok_or(EditError::NotFound)?;
    tables_mut(items)
        .into_iter()
        .nth(item)
        .ok_or(EditError::NotFound)
}

/// The text of a decor's prefix (blank lines and comments before a key or a table), empty when
/// there is none.
pub(crate) fn decor_prefix(d: &toml_edit::Decor) -> &str {
    d.prefix().and_then(|p| p.as_str()).unwrap_or_default()
}

fn date_value(d: NaiveDate) -> Value {
    d.format("%Y-%m-%d")
        .to_string()
        .parse::<Datetime>()
        .map_or_else(|_| Value::from(d.to_string()), Value::from)
}

/// Set `key` to `v`, keeping the key's place and the comment after the old value.
pub(crate) fn set(t: &mut dyn TableLike, key: &str, v: Value) {
    match t.get_mut(key) {
        Some(Item::Value(old)) => {
            let decor = old.decor().clone();
            *old = v;
            *old.decor_mut() = decor;
        }
        Some(other) => *other = Item::Value(v),
        None => {
            t.insert(key, Item::Value(v));
        }
    }
}

/// Remove `key` if present, keeping its comments: those above the key move above the next key,
/// one after the value joins the line of the next key (or, at the end of the table, the line of
/// the previous value).
pub(crate) fn remove(t: &mut dyn TableLike, key: &str) {
    let keys: Vec<String> = t.iter().map(|(k, _)| k.to_owned()).collect();
    let Some(pos) = keys.iter().position(|k| k == key) else {
        return;
    };
    let mut comments: Vec<String> = Vec::new();
    if let Some(k) = t.key(key) {
        let prefix = decor_prefix(k.leaf_decor());
        comments.extend(
            prefix
                .lines()
                .map(str::trim)
                .filter(|l| l.starts_with('#'))
                .map(str::to_owned),
        );
    }
    if let Some(Item::Value(v)) = t.get(key) {
        let suffix = v
            .decor()
            .suffix()
            .and_then(|p| p.as_str())
            .unwrap_or_default();
        if let Some(i) = suffix.find('#') {
            comments.push(suffix[i..].trim().to_owned());
        }
    }
    t.remove(key);
    if comments.is_empty() {
        return;
    }
    let is_value = |t: &dyn TableLike, k: &str| matches!(t.get(k), Some(Item::Value(_)));
    if let Some(next) = keys[pos + 1..].iter().find(|k| is_value(t, k))
        && let Some(mut k) = t.key_mut(next)
    {
        let old = decor_prefix(k.leaf_decor()).to_owned();
        let block: String = comments.iter().map(|c| format!("{c}\n")).collect();
        k.leaf_decor_mut().set_prefix(format!("{block}{old}"));
    } else if let Some(prev) = keys[..pos].iter().rev().find(|k| is_value(t, k))
        && let Some(Item::Value(v)) = t.get_mut(prev)
    {
        let old = v
            .decor()
            .suffix()
            .and_then(|p| p.as_str())
            .unwrap_or_default()
            .to_owned();
        let sep = if old.contains('#') { " " } else { "  " };
        v.decor_mut()
            .set_suffix(format!("{}{sep}{}", old.trim_end(), comments.join(" ")));
    }
}

/// What an edit does to an item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    Done {
        result: Option<String>,
        date: NaiveDate,
    },
    Start,
    Partly {
        result: String,
        date: NaiveDate,
    },
    Reopen,
    Postpone {
        to: String,
        reason: String,
    },
    Cancel {
        reason: String,
    },
    Progress {
        date: NaiveDate,
        text: String,
        /// The period the entry is for, when it is written later («2026-05»).
        period: Option<String>,
    },
    /// Why an item is not done (no period: the item's `reason`), or why a period of recurring
    /// work was missed (a `missed` entry); the status stays as it is.
    Note {
        text: String,
        period: Option<String>,
    },
}

/// Whether the keys of a table stand in the canonical order of `order` (unknown keys last).
fn in_order(t: &dyn TableLike, order: &[&str]) -> bool {
    let ranks: Vec<usize> = t
        .iter()
        .map(|(k, _)| order.iter().position(|o| *o == k).unwrap_or(usize::MAX))
        .collect();
    ranks.windows(2).all(|w| w[0] <= w[1])
}

/// Tidy the item at (section, item) after an edit: its keys in canonical order when `sort` (a
/// stable sort: only keys out of place move), and in an inline table the spacing before `}`.
fn finish_item(doc: &mut DocumentMut, section: usize, item: usize, sort: bool) {
    let order = crate::format::ITEM.names();
    let rank = |k: &str| order.iter().position(|o| *o == k).unwrap_or(usize::MAX);
    let Some(sections) = doc.get_mut("section") else {
        return;
    };
    let sec: Option<&mut dyn TableLike> = match sections {
        Item::ArrayOfTables(aot) => aot.get_mut(section).map(|t| t as &mut dyn TableLike),
        Item::Value(Value::Array(arr)) => arr
            .get_mut(section)
            .and_then(Value::as_inline_table_mut)
            .map(|t| t as &mut dyn TableLike),
        _ => None,
    };
    let Some(items) = sec.and_then(|s| s.get_mut("item")) else {
        return;
    };
    match items {
        Item::ArrayOfTables(aot) => {
            if let (Some(t), true) = (aot.get_mut(item), sort) {
                t.sort_values_by(|k1, _, k2, _| rank(k1.get()).cmp(&rank(k2.get())));
            }
        }
        Item::Value(Value::Array(arr)) => {
            if let Some(t) = arr.get_mut(item).and_then(Value::as_inline_table_mut) {
                if sort {
                    t.sort_values_by(|k1, _, k2, _| rank(k1.get()).cmp(&rank(k2.get())));
                }
                // `{ a = 1, b = 2 }`: the space before the closing brace belongs to the last value
                let n = t.len();
                for (i, (_, v)) in t.iter_mut().enumerate() {
                    let suffix = v
                        .decor()
                        .suffix()
                        .and_then(|s| s.as_str())
                        .unwrap_or_default()
                        .to_owned();
                    if suffix.trim().is_empty() {
                        v.decor_mut().set_suffix(if i + 1 == n { " " } else { "" });
                    }
                }
            }
        }
        _ => {}
    }
}

/// Apply an operation to the item at (section, item). New keys go where the format puts them
/// when the item's keys were in that order; otherwise they are appended.
pub(crate) fn apply(
    doc: &mut DocumentMut,
    section: usize,
    item: usize,
    op: &Op,
) -> Result<(), EditError> {
    let canonical = in_order(item_mut(doc, section, item)?, &crate::format::ITEM.names());
    apply_unsorted(doc, section, item, op)?;
    finish_item(doc, section, item, canonical);
    Ok(())
}

fn apply_unsorted(
    doc: &mut DocumentMut,
    section: usize,
    item: usize,
    op: &Op,
) -> Result<(), EditError> {
    let inline = written_inline(doc, section);
    let t = item_mut(doc, section, item)?;
    match op {
        Op::Done { result, date } => {
            set(t, "status", Value::from("done"));
            set(t, "done_on", date_value(*date));
            if let Some(r) = result {
                set(t, "result", Value::from(r.as_str()));
            }
            remove(t, "postponed_to");
        }
        Op::Start => set(t, "status", Value::from("in_progress")),
        Op::Partly { result, date } => {
            set(t, "status", Value::from("partly_done"));
            set(t, "done_on", date_value(*date));
            set(t, "result", Value::from(result.as_str()));
        }
        Op::Reopen => {
            for key in ["status", "done_on", "postponed_to", "reason"] {
                remove(t, key);
            }
        }
        Op::Postpone { to, reason } => {
            set(t, "status", Value::from("postponed"));
            set(t, "postponed_to", Value::from(to.as_str()));
            set(t, "reason", Value::from(reason.as_str()));
            remove(t, "done_on");
        }
        Op::Cancel { reason } => {
            set(t, "status", Value::from("cancelled"));
            set(t, "reason", Value::from(reason.as_str()));
            remove(t, "done_on");
            remove(t, "postponed_to");
        }
        Op::Progress { date, text, period } => {
            push_progress(t, *date, text, period.as_deref(), inline);
        }
        Op::Note { text, period: None } => set(t, "reason", Value::from(text.as_str())),
        Op::Note {
            text,
            period: Some(p),
        } => push_entry(
            t,
            "missed",
            &[
                ("period", Value::from(p.as_str())),
                ("reason", Value::from(text.as_str())),
            ],
            None,
            inline,
        ),
    }
    Ok(())
}

/// A new last element of an inline array, laid out as the others: on its own line when they
/// are one a line, else on the same line — with the space the old last element kept before
/// the closing bracket moved after the new one (`[ a, b ]` → `[ a, b, c ]`).
fn push_last(arr: &mut Array, v: impl Into<Value>) {
    let prefix = element_prefix(arr);
    let closing = match (&prefix, arr.iter_mut().last()) {
        (None, Some(last)) => {
            let s = decor_suffix(last.decor()).to_owned();
            if s.trim().is_empty() {
                last.decor_mut().set_suffix("");
            }
            Some(s)
        }
        _ => None,
    };
    arr.push(v);
    if let Some(last) = arr.iter_mut().last() {
        match (prefix, closing) {
            (Some(p), _) => last.decor_mut().set_prefix(p),
            (None, Some(s)) if s.trim().is_empty() => {
                last.decor_mut().set_prefix(" ");
                last.decor_mut().set_suffix(s);
            }
            _ => {}
        }
    }
}

/// The text of a decor's suffix, empty when there is none.
fn decor_suffix(d: &toml_edit::Decor) -> &str {
    d.suffix().and_then(|p| p.as_str()).unwrap_or_default()
}

/// The prefix for a new last element of an array: a line break and the indentation of the last
/// element when the array is written one element a line (its comments stay with it), else none.
fn element_prefix(arr: &Array) -> Option<String> {
    let last = arr.iter().last()?.decor().prefix()?.as_str()?;
    let indent = last.rsplit('\n').next().unwrap_or_default();
    last.contains('\n').then(|| format!("\n{indent}"))
}

/// Add a progress entry (see [`push_entry`]), in date order.
fn push_progress(
    t: &mut dyn TableLike,
    date: NaiveDate,
    text: &str,
    period: Option<&str>,
    inline: bool,
) {
    let mut fields = vec![("date", date_value(date)), ("text", Value::from(text))];
    if let Some(p) = period {
        fields.push(("period", Value::from(p)));
    }
    push_entry(t, "progress", &fields, Some(date), inline);
}

/// Whether the items of section `section` are written as inline tables (`item = [{ … }]`):
/// a new array inside one stays on its line.
fn written_inline(doc: &DocumentMut, section: usize) -> bool {
    match doc.get("section") {
        Some(Item::Value(_)) => true,
        Some(Item::ArrayOfTables(a)) => a
            .get(section)
            .and_then(|t| t.get("item"))
            .is_some_and(Item::is_value),
        _ => false,
    }
}

/// Add an entry to the array `key` of an item, in the form the item already uses: another
/// table of an array of tables, or another line of an array; a new array is written one entry a
/// line, so that each later entry adds lines and changes none (inside an inline table: on its
/// line, as the rest of the table). With `date`, the entry goes
/// before the first entry dated later (the log stays in date order).
fn push_entry(
    t: &mut dyn TableLike,
    key: &str,
    fields: &[(&str, Value)],
    date: Option<NaiveDate>,
    inline: bool,
) {
    match t.get_mut(key) {
        Some(Item::ArrayOfTables(aot)) => {
            let mut entry = Table::new();
            for (k, v) in fields {
                entry.insert(k, Item::Value(v.clone()));
            }
            // tables of an array are written one after another: a new one goes last (putting
            // it among the others would move their text)
            aot.push(entry);
        }
        Some(Item::Value(Value::Array(arr))) => {
            let mut entry = InlineTable::new();
            for (k, v) in fields {
                entry.insert(*k, v.clone());
            }
            let prefix = element_prefix(arr);
            let at = date
                .and_then(|d| {
                    arr.iter().position(|e| {
                        e.as_inline_table()
                            .and_then(|it| it.get("date"))
                            .and_then(Value::as_datetime)
                            .and_then(|dt| dt.date)
                            .and_then(|x| {
                                NaiveDate::from_ymd_opt(
                                    i32::from(x.year),
                                    u32::from(x.month),
                                    u32::from(x.day),
                                )
                            })
                            .is_some_and(|x| x > d)
                    })
                })
                .unwrap_or(arr.len());
            arr.insert(at, entry);
            if let Some(p) = prefix
                && let Some(new) = arr.get_mut(at)
            {
                new.decor_mut().set_prefix(p);
            }
        }
        _ => {
            let mut entry = InlineTable::new();
            for (k, v) in fields {
                entry.insert(*k, v.clone());
            }
            let mut arr = Array::new();
            arr.push(entry);
            if !inline {
                if let Some(v) = arr.get_mut(0) {
                    v.decor_mut().set_prefix("\n  ");
                }
                arr.set_trailing("\n");
                arr.set_trailing_comma(true);
            }
            set(t, key, Value::Array(arr));
        }
    }
}

/// A new item at the end of section `section`.
pub(crate) fn add_item(
    doc: &mut DocumentMut,
    section: usize,
    number: &str,
    title: &str,
    deadline: &str,
    responsible: &str,
) -> Result<(), EditError> {
    let sections = doc.get_mut("section").ok_or(EditError::NotFound)?;
    let sec = tables_mut(sections)
        .into_iter()
        .nth(section)
        .ok_or(EditError::NotFound)?;
    let fields = [
        ("number", number),
        ("title", title),
        ("deadline", deadline),
        ("responsible", responsible),
    ];
    match sec.get_mut("item") {
        Some(Item::Value(Value::Array(arr))) => {
            let mut t = InlineTable::new();
            for (k, v) in fields {
                t.insert(k, Value::from(v));
            }
            push_last(arr, t);
        }
        Some(Item::ArrayOfTables(aot)) => {
            let mut t = Table::new();
            for (k, v) in fields {
                t.insert(k, Item::Value(Value::from(v)));
            }
            aot.push(t);
        }
        Some(_) => return Err(EditError::NotFound),
        None => {
            let mut t = Table::new();
            for (k, v) in fields {
                t.insert(k, Item::Value(Value::from(v)));
            }
            let mut aot = ArrayOfTables::new();
            aot.push(t);
            sec.insert("item", Item::ArrayOfTables(aot));
        }
    }
    Ok(())
}

/// The number a new item gets at the end of a section: the section's prefix and the next number
/// («2.5» after «2.4.»), or in a plan numbered straight through, the next number of the plan
/// («17.» after «16.»). The trailing dot follows the section's habit.
pub(crate) fn next_number(plan: &crate::model::Plan, section: usize) -> String {
    let Some(sec) = plan.sections.get(section) else {
        return "1".to_owned();
    };
    let all: Vec<Vec<u32>> = plan
        .items()
        .filter_map(|(_, i)| i.number.parts().map(<[u32]>::to_vec))
        .collect();
    let deep = all.iter().filter(|p| p.len() >= 2).count();
    let hierarchical = !all.is_empty() && deep * 2 >= all.len() || all.is_empty();
    let dots = sec
        .items
        .iter()
        .filter(|i| i.number.trim().ends_with('.'))
        .count();
    let dotted = !sec.items.is_empty() && dots * 2 > sec.items.len()
        || sec.items.is_empty()
            && plan
                .items()
                .filter(|(_, i)| i.number.trim().ends_with('.'))
                .count()
                * 2
                > plan.item_count().max(1);
    let dot = if dotted { "." } else { "" };
    if hierarchical {
        let prefix = sec.number.parts().map_or_else(
            || vec![u32::try_from(section + 1).unwrap_or(1)],
            <[u32]>::to_vec,
        );
        let last = sec
            .items
            .iter()
            .filter_map(|i| i.number.parts().map(<[u32]>::to_vec))
            .filter(|p| p.len() >= 2 && p[..p.len() - 1] == prefix[..])
            .map(|p| p[p.len() - 1])
            .max()
            .unwrap_or(0);
        let prefix: Vec<String> = prefix.iter().map(u32::to_string).collect();
        format!("{}.{}{dot}", prefix.join("."), last + 1)
    } else {
        let max = all
            .iter()
            .filter_map(|p| p.first().copied())
            .max()
            .unwrap_or(0);
        format!("{}{dot}", max + 1)
    }
}

/// Move the years in a phrase by `delta` («Сентябрь 2026г.» → «Сентябрь 2027г.», «15.03.26» →
/// «15.03.27», «2026/2027» → «2027/2028»): four-digit numbers between `from` and `to`, and
/// two-digit years at the end of a date.
pub(crate) fn shift_years(s: &str, from: i32, to: i32, delta: i32) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let run = &s[start..i];
            let before_dot = start > 0 && bytes[start - 1] == b'.';
            let after_digit = start >= 2 && bytes[start - 2].is_ascii_digit();
            let shifted = match run.len() {
                4 => run
                    .parse::<i32>()
                    .ok()
                    .filter(|y| (from..=to).contains(y))
                    .map(|y| (y + delta).to_string()),
                2 if before_dot && after_digit => run
                    .parse::<i32>()
                    .ok()
                    .filter(|y| (from % 100..=to % 100).contains(y))
                    .map(|y| format!("{:02}", (y + delta).rem_euclid(100))),
                _ => None,
            };
            out.push_str(shifted.as_deref().unwrap_or(run));
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// The number of a new section after the plan's last one, written the way the plan writes
/// them: «7» after «6», «7.» after «6.», «IV» after «III».
pub(crate) fn next_section_number(plan: &crate::model::Plan) -> String {
    let Some(last) = plan.sections.last() else {
        return "1".to_owned();
    };
    let printed = last.number.trim();
    let dot = if printed.ends_with('.') { "." } else { "" };
    let id = printed.trim_end_matches('.');
    if let Some(r) = crate::number::roman_value(id) {
        return format!("{}{dot}", crate::number::to_roman(r + 1));
    }
    match crate::model::Number::parts_of(id).as_deref() {
        Some([n]) => format!("{}{dot}", n + 1),
        _ => format!("{}{dot}", plan.sections.len() + 1),
    }
}

/// A new section at the end of the plan's sections, with no items yet.
pub(crate) fn add_section(
    doc: &mut DocumentMut,
    number: &str,
    title: &str,
) -> Result<(), EditError> {
    let fields = [("number", number), ("title", title)];
    match doc.get_mut("section") {
        Some(Item::ArrayOfTables(aot)) => {
            let mut t = Table::new();
            for (k, v) in fields {
                t.insert(k, Item::Value(Value::from(v)));
            }
            aot.push(t);
        }
        Some(Item::Value(Value::Array(arr))) => {
            let mut t = InlineTable::new();
            for (k, v) in fields {
                t.insert(k, Value::from(v));
            }
            push_last(arr, t);
        }
        Some(_) => return Err(EditError::NotFound),
        None => {
            let mut t = Table::new();
            for (k, v) in fields {
                t.insert(k, Item::Value(Value::from(v)));
            }
            let mut aot = ArrayOfTables::new();
            aot.push(t);
            doc.insert("section", Item::ArrayOfTables(aot));
        }
    }
    Ok(())
}

/// Another table of the array `key` at the top of the document (`[[responsible]]`,
/// `[[indicator]]`), in the form the array already has; a new array of tables goes where the
/// format puts it: before the sections for the roster, after them for indicators.
fn push_top(doc: &mut DocumentMut, key: &str, fields: Vec<(&str, Value)>) -> Result<(), EditError> {
    match doc.get_mut(key) {
        Some(Item::ArrayOfTables(aot)) => {
            let mut t = Table::new();
            for (k, v) in fields {
                t.insert(k, Item::Value(v));
            }
            aot.push(t);
        }
        Some(Item::Value(Value::Array(arr))) => {
            let mut t = InlineTable::new();
            for (k, v) in fields {
                t.insert(k, v);
            }
            push_last(arr, t);
        }
        Some(_) => return Err(EditError::NotFound),
        None => {
            let mut t = Table::new();
            for (k, v) in fields {
                t.insert(k, Item::Value(v));
            }
            let mut aot = ArrayOfTables::new();
            aot.push(t);
            doc.insert(key, Item::ArrayOfTables(aot));
        }
    }
    Ok(())
}

/// A responsible added to the roster.
pub(crate) fn add_responsible(
    doc: &mut DocumentMut,
    name: &str,
    kind: Option<&str>,
    aliases: &[String],
    full_name: Option<&str>,
) -> Result<(), EditError> {
    let mut fields = vec![("name", Value::from(name))];
    if let Some(k) = kind {
        fields.push(("kind", Value::from(k)));
    }
    if !aliases.is_empty() {
        fields.push((
            "aliases",
            Value::Array(aliases.iter().map(String::as_str).collect()),
        ));
    }
    if let Some(f) = full_name {
        fields.push(("full_name", Value::from(f)));
    }
    push_top(doc, "responsible", fields)
}

/// A number for the plan file: an integer when it is whole, else a decimal.
fn number_value(x: f64) -> Value {
    #[allow(clippy::cast_possible_truncation)]
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        Value::from(x as i64)
    } else {
        Value::from(x)
    }
}

/// Set the keys of the indicator at `index` (or of a new one named `name` when `index` is
/// `None`), each in its place; the other keys and their comments stay.
pub(crate) fn set_indicator(
    doc: &mut DocumentMut,
    index: Option<usize>,
    name: &str,
    id: Option<&str>,
    unit: Option<&str>,
    numbers: &[(&str, f64)],
) -> Result<(), EditError> {
    let Some(i) = index else {
        let mut fields: Vec<(&str, Value)> =
            id.map(|v| ("id", Value::from(v))).into_iter().collect();
        fields.push(("name", Value::from(name)));
        if let Some(u) = unit {
            fields.push(("unit", Value::from(u)));
        }
        for (k, x) in numbers {
            fields.push((k, number_value(*x)));
        }
        return push_top(doc, "indicator", fields);
    };
    let all = doc.get_mut("indicator").ok_or(EditError::NotFound)?;
    let t = tables_mut(all)
        .into_iter()
        .nth(i)
        .ok_or(EditError::NotFound)?;
    if let Some(v) = id {
        set(t, "id", Value::from(v));
    }
    if let Some(u) = unit {
        set(t, "unit", Value::from(u));
    }
    for (k, x) in numbers {
        set(t, k, number_value(*x));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "# план\r\n[plan]\r\nyear = 2026\r\n\r\n[[section]]\r\nnumber = \"1\"\r\ntitle = \"Р\"\r\n\r\n[[section.item]]\r\nnumber = \"1.1\"\r\ntitle = \"М\"   # мой комментарий\r\nstatus = \"planned\"  # пока\r\n";

    #[test]
    fn mixed_line_endings_stay_as_they_were() -> Result<(), toml_edit::TomlError> {
        // mostly LF, two lines CRLF (a paste from Windows): the edit touches neither
        let mixed = "[plan]\nyear = 2026\r\n\n[[section]]\nnumber = \"1\"\ntitle = \"Р\"\r\n\n[[section.item]]\nnumber = \"1.1\"\ntitle = \"М\"\nstatus = \"planned\"\n";
        let mut d = Doc::parse(mixed)?;
        apply(&mut d.doc, 0, 0, &Op::Start).unwrap_or(());
        let out = d.render();
        assert_eq!(
            out,
            mixed.replace("status = \"planned\"", "status = \"in_progress\""),
            "{out:?}"
        );
        Ok(())
    }

    #[test]
    fn crlf_and_bom_survive() -> Result<(), toml_edit::TomlError> {
        let with_bom = format!("\u{feff}{PLAN}");
        let d = Doc::parse(&with_bom)?;
        assert_eq!(d.render(), with_bom);
        let mut d = Doc::parse(PLAN)?;
        apply(&mut d.doc, 0, 0, &Op::Start).unwrap_or(());
        let out = d.render();
        assert!(
            out.contains("status = \"in_progress\"  # пока\r\n"),
            "{out:?}"
        );
        assert!(out.contains("title = \"М\"   # мой комментарий\r\n"));
        assert!(
            !out.replace("\r\n", "").contains('\n'),
            "a bare LF crept in: {out:?}"
        );
        Ok(())
    }

    #[test]
    fn unknown_position() -> Result<(), toml_edit::TomlError> {
        let mut d = Doc::parse(PLAN)?;
        assert_eq!(
            apply(&mut d.doc, 0, 5, &Op::Start),
            Err(EditError::NotFound)
        );
        Ok(())
    }

    #[test]
    fn years_move_on() {
        assert_eq!(
            shift_years("Сентябрь 2026г.", 2026, 2026, 1),
            "Сентябрь 2027г."
        );
        assert_eq!(shift_years("до 15.03.26", 2026, 2026, 1), "до 15.03.27");
        assert_eq!(
            shift_years("2026/2027 учебный год", 2026, 2027, 1),
            "2027/2028 учебный год"
        );
        assert_eq!(
            shift_years("ежемесячно до 5 числа", 2026, 2026, 1),
            "ежемесячно до 5 числа"
        );
        assert_eq!(
            shift_years("№ 189-ФЗ 2020 года", 2026, 2026, 1),
            "№ 189-ФЗ 2020 года"
        );
    }
}
