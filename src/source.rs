//! A plan file's text and the way from byte offsets to what a person reads: line and column.
//!
//! Spans everywhere in moc are byte ranges into the file's text. Lines are counted from 1; columns
//! count characters (not bytes) from 1, so a caret lands under the right Cyrillic letter.

use std::ops::Range;
use std::path::{Path, PathBuf};

/// A byte range in a file's text.
pub(crate) type Span = Range<usize>;

/// The text of one file, as read, and the name it is shown under.
#[derive(Clone, Debug)]
pub(crate) struct Source {
    /// The path as given or found (used to open the file again for edits).
    pub(crate) path: PathBuf,
    /// The path as printed in messages: relative to the current folder where possible.
    pub(crate) name: String,
    /// The text with a leading BOM removed.
    pub(crate) text: String,
    /// Where each line starts: found the first time a position is shown (most plans of a
    /// region check clean and never need it).
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl Source {
    /// A file's text (a leading BOM dropped) and the name it is shown by.
    pub(crate) fn new(path: &Path, name: String, text: String) -> Source {
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        };
        Source {
            path: path.to_path_buf(),
            name,
            text,
            line_starts: std::sync::OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(
                self.text
                    .bytes()
                    .enumerate()
                    .filter(|&(_, b)| b == b'\n')
                    .map(|(i, _)| i + 1),
            );
            starts
        })
    }

    /// The 1-based line and character column of a byte offset (clamped to the text).
    pub(crate) fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = starts[line];
        let col = self
            .text
            .get(start..floor_char(&self.text, offset))
            .map_or(0, |s| s.chars().count());
        (line + 1, col + 1)
    }

    /// The byte range of line `line` (1-based), without its line ending.
    pub(crate) fn line_span(&self, line: usize) -> Span {
        let starts = self.line_starts();
        let i = line.saturating_sub(1).min(starts.len() - 1);
        let start = starts[i];
        let end = starts.get(i + 1).map_or(self.text.len(), |&e| e - 1);
        let end = if end > start && self.text.as_bytes().get(end - 1) == Some(&b'\r') {
            end - 1
        } else {
            end
        };
        start..end.max(start)
    }

    /// Let go of the text (and the line index) once nothing will be shown from it: a region's
    /// plans that check clean need only their model.
    pub(crate) fn forget_text(&mut self) {
        self.text = String::new();
        self.line_starts = std::sync::OnceLock::new();
    }
}

/// The largest char boundary at or before `i`.
pub(crate) fn floor_char(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A path as shown to the user: relative to the current folder `cwd` when it lies below it.
pub(crate) fn display_path(path: &Path, cwd: &Path) -> String {
    let shown = path
        .strip_prefix(cwd)
        .ok()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| path.to_path_buf(), Path::to_path_buf);
    let s = shown.to_string_lossy().into_owned();
    s.strip_prefix("./").map(str::to_owned).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyrillic_columns() {
        let s = Source::new(
            Path::new("a.toml"),
            "a.toml".into(),
            "x = 1\nимя = \"методис\"\r\nz".into(),
        );
        assert_eq!(s.line_col(0), (1, 1));
        let at = s.text.find("методис").unwrap_or(0);
        assert_eq!(s.line_col(at), (2, 8));
        assert_eq!(&s.text[s.line_span(2)], "имя = \"методис\"");
        assert_eq!(s.line_col(s.text.len()), (3, 2));
        assert_eq!(s.line_col(at + 1), (2, 8)); // inside a character: its start
    }

    #[test]
    fn bom_is_dropped() {
        let s = Source::new(Path::new("a.toml"), "a.toml".into(), "\u{feff}a = 1".into());
        assert_eq!(s.text, "a = 1");
    }
}
