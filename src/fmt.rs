//! `moc fmt`: one canonical layout for plan files, comments kept, idempotent.
//!
//! The layout: keys of each table in the order of the format (`number`, `title`, `deadline`,
//! `responsible`, `status`, …; unknown keys last, in their order); `key = value` with single
//! spaces; no blank lines inside a table; exactly one blank line before each table header (after
//! the first), comments above a header or a key kept with it; one newline at the end of the
//! file. Strings get toml_edit's standard quoting. Tables themselves never move: their order is
//! the plan's order. CRLF line endings and a BOM are kept.

use toml_edit::{Item, Table, Value};

use crate::edit::Doc;
use crate::format;

/// The canonical text of a plan file.
pub(crate) fn format(raw: &str) -> Result<String, toml_edit::TomlError> {
    let mut d = Doc::parse(raw)?;
    let root = d.doc.as_table_mut();
    let mut first = true;
    walk(root, &[], &mut first);
    // one newline at the end
    let trailing = d.doc.trailing().as_str().unwrap_or_default().to_owned();
    let comments: Vec<&str> = trailing.lines().filter(|l| !l.trim().is_empty()).collect();
    if comments.is_empty() {
        d.doc.set_trailing("");
    } else {
        d.doc.set_trailing(format!("\n{}\n", comments.join("\n")));
    }
    let mut out = d.render();
    let nl = if out.contains("\r\n") { "\r\n" } else { "\n" };
    while out.ends_with(&format!("{nl}{nl}")) {
        out.truncate(out.len() - nl.len());
    }
    if !out.ends_with(nl) && !out.is_empty() {
        out.push_str(nl);
    }
    Ok(out)
}

/// The table of the format at `path` (keys in canonical order), if it is one.
fn order_for(path: &[&str]) -> Option<&'static format::Table> {
    if path.is_empty() {
        return None;
    }
    format::at(path)
}

fn rank(order: Option<&format::Table>, key: &str) -> usize {
    order.map_or(usize::MAX, |t| t.rank(key))
}

fn walk(t: &mut Table, path: &[&str], first: &mut bool) {
    let order = order_for(path);
    if !path.is_empty() && !t.is_implicit() {
        // the header: one blank line before it (none before the first), comments kept with it
        let prefix = crate::edit::decor_prefix(t.decor()).to_owned();
        let lead = if *first { "" } else { "\n" };
        *first = false;
        t.decor_mut()
            .set_prefix(format!("{lead}{}", comment_block(&prefix, true)));
    }
    t.sort_values_by(|k1, _, k2, _| rank(order, k1.get()).cmp(&rank(order, k2.get())));
    let keys: Vec<String> = t.iter().map(|(k, _)| k.to_owned()).collect();
    for key in keys {
        if matches!(t.get(&key), Some(Item::Value(_))) {
            if let Some(mut k) = t.key_mut(&key) {
                let prefix = crate::edit::decor_prefix(k.leaf_decor()).to_owned();
                let mut block = comment_block(&prefix, false);
                if path.is_empty() && *first {
                    // comments at the very top of the file, before any table
                    block = comment_block(&prefix, true);
                }
                k.leaf_decor_mut().set_prefix(block);
                k.leaf_decor_mut().set_suffix(" ");
            }
            if let Some(Item::Value(v)) = t.get_mut(&key) {
                normalize_value(v, path, &key);
            }
            continue;
        }
        let mut sub_path: Vec<&str> = path.to_vec();
        sub_path.push(key.as_str());
        match t.get_mut(&key) {
            Some(Item::Table(sub)) => walk(sub, &sub_path, first),
            Some(Item::ArrayOfTables(aot)) => {
                for sub in aot.iter_mut() {
                    walk(sub, &sub_path, first);
                }
            }
            _ => {}
        }
    }
}

/// The comment lines of a decor prefix, each ending with a newline, unindented. Runs of blank
/// lines between comments become one; with `keep_gap`, a blank line between the comments and
/// what follows them is kept (one), else blank lines are dropped altogether.
fn comment_block(prefix: &str, keep_gap: bool) -> String {
    let mut out = String::new();
    let mut gap = false;
    let lines: Vec<&str> = prefix.split('\n').collect();
    let n = lines.len();
    for (i, line) in lines.into_iter().enumerate() {
        let l = line.trim();
        if l.is_empty() {
            // the last piece is the indentation before the key or header itself
            if i + 1 < n {
                gap = !out.is_empty();
            }
            continue;
        }
        if gap && keep_gap {
            out.push('\n');
        }
        gap = false;
        out.push_str(l);
        out.push('\n');
    }
    if gap && keep_gap {
        out.push('\n');
    }
    out
}

/// `key = value`: one space after `=`; a plain string in standard quotes; inline tables with
/// their keys in order.
fn normalize_value(v: &mut Value, path: &[&str], key: &str) {
    let suffix = v
        .decor()
        .suffix()
        .and_then(|s| s.as_str())
        .unwrap_or_default()
        .to_owned();
    match v {
        Value::String(s) => {
            let text = s.value().clone();
            if !text.contains('\n') {
                *v = Value::from(text);
            }
        }
        Value::Array(arr) => {
            let mut sub: Vec<&str> = path.to_vec();
            sub.push(key);
            let order = order_for(&sub);
            for e in arr.iter_mut() {
                if let Some(it) = e.as_inline_table_mut() {
                    it.sort_values_by(|k1, _, k2, _| {
                        rank(order, k1.get()).cmp(&rank(order, k2.get()))
                    });
                }
            }
        }
        _ => {}
    }
    v.decor_mut().set_prefix(" ");
    v.decor_mut()
        .set_suffix(suffix.trim_end_matches(['\n', '\r']).to_owned());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_keys_and_spacing_keeping_comments() -> Result<(), toml_edit::TomlError> {
        let messy = "# шапка\n\n\n[plan]\nyear=2026\ntitle = 'План'   # название\n\n\n# раздел\n[[section]]\ntitle = \"Р\"\nnumber = \"1\"\n[[section.item]]\n\n  responsible = \"м\"\ndeadline = \"Июнь 2026\"\n# сам пункт\nnumber = \"1.1\"\ntitle = \"М\"\n\n\n";
        let once = format(messy)?;
        assert_eq!(
            once,
            "# шапка\n\n[plan]\ntitle = \"План\"   # название\nyear = 2026\n\n# раздел\n[[section]]\nnumber = \"1\"\ntitle = \"Р\"\n\n[[section.item]]\n# сам пункт\nnumber = \"1.1\"\ntitle = \"М\"\ndeadline = \"Июнь 2026\"\nresponsible = \"м\"\n"
        );
        assert_eq!(format(&once)?, once);
        Ok(())
    }

    #[test]
    fn crlf_stays_crlf() -> Result<(), toml_edit::TomlError> {
        let crlf = "[plan]\r\nyear = 2026\r\ntitle = \"П\"\r\n";
        let out = format(crlf)?;
        assert_eq!(out, "[plan]\r\ntitle = \"П\"\r\nyear = 2026\r\n");
        Ok(())
    }
}
