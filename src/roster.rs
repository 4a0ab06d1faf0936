//! Responsibles: splitting an item's phrase into names and finding each in the roster.
//!
//! Items write responsibles as Word tables do: «Руководитель МОЦ, методист.»,
//! «Руководитель МОЦ ,методист», «МОЦ, Межведомственная группа АМО», or names run together
//! («Ежова Н.М. Лапшакова Н.Д.»). Names are matched without regard to case, «ё», spacing and
//! trailing punctuation; a name that matches nothing gets the nearest roster names as hints.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use crate::i18n::fold;
use crate::model::Responsible;

/// The roster's names and aliases, normalised, for lookups.
#[derive(Debug, Default)]
pub(crate) struct RosterIndex {
    by_name: HashMap<String, usize>,
    /// Every name and alias as written, and folded, for suggestions.
    names: Vec<(String, String)>,
    /// The longest name, in words (bounds the segmentation of run-together names).
    max_words: usize,
}

/// The normal form names are compared in: lower case, «ё» → «е», single spaces, no trailing or
/// leading punctuation, no space before a dot («Н. М.» → «н.м.»).
pub(crate) fn normalize(s: &str) -> String {
    let folded = fold(s);
    let mut words: Vec<String> = Vec::new();
    for w in folded.split_whitespace() {
        match words.last_mut() {
            Some(last) if is_initials(last) && is_initials(w) => last.push_str(w),
            _ => words.push(w.to_owned()),
        }
    }
    words
        .join(" ")
        .trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '-' | '–' | '—')
        })
        .to_owned()
}

/// «н.», «н.м.»: a word made of one-letter initials, each with its dot.
fn is_initials(word: &str) -> bool {
    word.ends_with('.')
        && word
            .split('.')
            .filter(|p| !p.is_empty())
            .all(|p| p.chars().count() == 1)
}

impl RosterIndex {
    pub(crate) fn new(roster: &[Responsible]) -> RosterIndex {
        let mut index = RosterIndex::default();
        for (i, r) in roster.iter().enumerate() {
            for name in std::iter::once(&r.name).chain(r.aliases.iter()) {
                let key = normalize(name);
                index.max_words = index.max_words.max(key.split(' ').count());
                index.by_name.entry(key.clone()).or_insert(i);
                index.names.push((name.clone(), key));
            }
        }
        index
    }

    /// The roster entry a name denotes.
    pub(crate) fn find(&self, name: &str) -> Option<usize> {
        self.by_name.get(&normalize(name)).copied()
    }

    /// Roster names closest to an unknown name, best first (see [`crate::suggest`]).
    pub(crate) fn suggest(&self, name: &str) -> Vec<String> {
        let n = normalize(name);
        let mut scored: Vec<(f64, &str)> = self
            .names
            .iter()
            .map(|(written, folded)| (crate::suggest::nearness(&n, folded), written.as_str()))
            .filter(|(score, _)| *score >= crate::suggest::THRESHOLD)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut out: Vec<String> = Vec::new();
        for (_, w) in scored {
            if !out.iter().any(|o| o == w) {
                out.push(w.to_owned());
            }
            if out.len() == 3 {
                break;
            }
        }
        out
    }

    /// Split a phrase into responsibles: byte ranges in the phrase and the entry each names.
    pub(crate) fn split(&self, phrase: &str) -> Vec<(Range<usize>, Option<usize>)> {
        let mut out = Vec::new();
        for piece in split_list(phrase) {
            let text = &phrase[piece.clone()];
            if let Some(i) = self.find(text) {
                out.push((piece, Some(i)));
                continue;
            }
            // names run together: «Ежова Н.М. Лапшакова Н.Д.», «МОЦ РМЦ»
            match self.segment(text) {
                Some(parts) if parts.len() > 1 => {
                    for (r, i) in parts {
                        out.push((piece.start + r.start..piece.start + r.end, Some(i)));
                    }
                }
                _ => out.push((piece, None)),
            }
        }
        out
    }

    /// Cover a text with roster names, word by word (shortest number of names).
    fn segment(&self, text: &str) -> Option<Vec<(Range<usize>, usize)>> {
        let words: Vec<Range<usize>> = word_ranges(text);
        let n = words.len();
        if !(2..=40).contains(&n) {
            return None;
        }
        // best[k] = fewest names covering words[..k]
        let mut best: Vec<Option<(usize, usize, usize)>> = vec![None; n + 1]; // (count, from, entry)
        best[0] = Some((0, 0, 0));
        for end in 1..=n {
            for start in end.saturating_sub(self.max_words.max(1))..end {
                let Some((count, _, _)) = best[start] else {
                    continue;
                };
                let span = words[start].start..words[end - 1].end;
                if let Some(i) = self.find(&text[span]) {
                    let cand = (count + 1, start, i);
                    if best[end].is_none_or(|b| cand.0 < b.0) {
                        best[end] = Some(cand);
                    }
                }
            }
        }
        let mut parts = Vec::new();
        let mut end = n;
        while end > 0 {
            let (_, start, i) = best[end]?;
            parts.push((words[start].start..words[end - 1].end, i));
            end = start;
        }
        parts.reverse();
        Some(parts)
    }
}

/// The pieces of a list separated by commas, semicolons or line breaks, trimmed of spaces and
/// stray punctuation; empty pieces are dropped.
pub(crate) fn split_list(phrase: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in phrase
        .char_indices()
        .chain(std::iter::once((phrase.len(), ',')))
    {
        if matches!(c, ',' | ';' | '\n') {
            if let Some(r) = trim_range(phrase, start..i) {
                out.push(r);
            }
            start = i + c.len_utf8();
        }
    }
    out
}

fn trim_range(s: &str, r: Range<usize>) -> Option<Range<usize>> {
    let text = &s[r.clone()];
    let is_junk = |c: char| c.is_whitespace() || matches!(c, '.' | ':' | '-' | '–' | '—');
    let lead = text.len() - text.trim_start_matches(is_junk).len();
    let body = text.trim_start_matches(is_junk);
    // keep the dot of initials at the end («Н.Д.»); drop a plain trailing dot («методист.»)
    let mut end = body
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—'))
        .len();
    if body[..end].ends_with('.') {
        let before = body[..end - 1]
            .rsplit(|c: char| c.is_whitespace() || c == '.')
            .next()
            .unwrap_or("");
        if before.chars().count() > 1 {
            end -= 1;
        }
    }
    (end > 0).then(|| r.start + lead..r.start + lead + end)
}

fn word_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push(s..i);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ResponsibleKind;

    fn roster(names: &[&str]) -> Vec<Responsible> {
        names
            .iter()
            .map(|n| Responsible {
                name: (*n).to_owned(),
                kind: ResponsibleKind::Role,
                aliases: Vec::new(),
                full_name: None,
                person: None,
                name_span: 0..0,
                shared: false,
            })
            .collect()
    }

    fn names<'a>(phrase: &'a str, idx: &RosterIndex) -> Vec<(&'a str, Option<usize>)> {
        idx.split(phrase)
            .into_iter()
            .map(|(r, i)| (&phrase[r], i))
            .collect()
    }

    #[test]
    fn seed_phrases() {
        let r = roster(&[
            "Руководитель МОЦ",
            "методист",
            "МОЦ",
            "Межведомственная группа АМО",
        ]);
        let idx = RosterIndex::new(&r);
        assert_eq!(
            names("Руководитель МОЦ, методист.", &idx),
            vec![("Руководитель МОЦ", Some(0)), ("методист", Some(1))]
        );
        assert_eq!(
            names("Руководитель МОЦ ,методист", &idx),
            vec![("Руководитель МОЦ", Some(0)), ("методист", Some(1))]
        );
        assert_eq!(
            names("МОЦ, Межведомственная  группа АМО", &idx),
            vec![("МОЦ", Some(2)), ("Межведомственная  группа АМО", Some(3))]
        );
        assert_eq!(names("методис", &idx), vec![("методис", None)]);
        assert_eq!(idx.suggest("методис"), vec!["методист".to_owned()]);
        assert_eq!(idx.find("РУКОВОДИТЕЛЬ   моц"), Some(0));
    }

    #[test]
    fn run_together() {
        let r = roster(&["Ежова Н.М.", "Лапшакова Н.Д.", "МОЦ"]);
        let idx = RosterIndex::new(&r);
        assert_eq!(
            names("Ежова Н.М. Лапшакова Н.Д.", &idx),
            vec![("Ежова Н.М.", Some(0)), ("Лапшакова Н.Д.", Some(1))]
        );
        assert_eq!(idx.find("Ежова Н. М."), Some(0));
    }
}
