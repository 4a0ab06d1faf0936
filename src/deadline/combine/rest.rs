//! Words after a date that are not a deadline (a place, an event's name): whether they may be
//! kept, and their text as written.

use std::ops::Range;

use crate::deadline::lexer::{
    MODIFIERS, PLACE_WORDS, Tok, Token, month_of, roman, weekday_of, weekday_plural,
};
use crate::deadline::vocabulary::vocabulary;

/// The grammar's words, with their lengths in characters (for [`near_vocabulary`]).
struct Vocabulary {
    words: Vec<&'static str>,
    /// Words of three characters and more, with their lengths.
    fuzzy: Vec<(&'static str, usize)>,
}

static VOCABULARY: std::sync::LazyLock<Vocabulary> = std::sync::LazyLock::new(|| {
    let words = vocabulary();
    let fuzzy = words
        .iter()
        .map(|v| (*v, v.chars().count()))
        .filter(|(_, n)| *n >= 3)
        .collect();
    Vocabulary { words, fuzzy }
});

/// Whether `w` (of `n` characters) is a misspelling of a word of the grammar: normalized
/// Damerau–Levenshtein at least 0.75. The distance is at least the difference of the lengths, so
/// a word whose length differs by more than a quarter of the longer cannot be near and is not
/// measured; and a word is measured once per thread (the importer asks of the same words again
/// and again, trying every start of a line as a deadline), up to a few thousand words.
fn near_vocabulary(w: &str, n: usize) -> bool {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static SEEN: RefCell<HashMap<String, bool>> = RefCell::new(HashMap::new());
    }
    if let Some(known) = SEEN.with(|s| s.borrow().get(w).copied()) {
        return known;
    }
    let near = VOCABULARY.fuzzy.iter().any(|&(v, m)| {
        n.abs_diff(m) * 4 <= n.max(m) && strsim::normalized_damerau_levenshtein(w, v) >= 0.75
    });
    SEEN.with(|s| {
        let mut s = s.borrow_mut();
        if s.len() >= 4096 {
            s.clear();
        }
        s.insert(w.to_owned(), near);
    });
    near
}

/// The most words a place or a name after a date may have.
const MAX_REST_WORDS: usize = 40;

/// Whether the words kept as written can be a place or a name: no dates, times, years, months,
/// days of the week, words of the grammar (or misspellings of them) or words that change a date
/// («после», «ранее»), and not too many words.
pub(super) fn rest_ok(toks: &[Token], rests: &[Range<usize>]) -> bool {
    let vocab = &VOCABULARY.words;
    let mut words = 0;
    // a word of its own, not only «в», «с», numbers or «III»
    let mut content = false;
    for r in rests {
        for t in &toks[r.clone()] {
            match &t.tok {
                Tok::Date { .. } | Tok::Time { .. } | Tok::YearWord => return false,
                Tok::Num {
                    value,
                    digits,
                    year_mark,
                } => {
                    if *year_mark || (*digits == 4 && (1900..=2200).contains(value)) {
                        return false;
                    }
                }
                Tok::Word(w) => {
                    words += 1;
                    if words > MAX_REST_WORDS {
                        return false;
                    }
                    let w = w.as_str();
                    if PLACE_WORDS.contains(&w) {
                        continue;
                    }
                    if month_of(w).is_some()
                        || weekday_of(w).is_some()
                        || weekday_plural(w).is_some()
                        || MODIFIERS.contains(&w)
                        || vocab.contains(&w)
                    {
                        return false;
                    }
                    let n = w.chars().count();
                    if n >= 4 && near_vocabulary(w, n) {
                        return false;
                    }
                    if n >= 2 && roman(w).is_none() {
                        content = true;
                    }
                }
                Tok::Dash | Tok::Comma | Tok::LParen | Tok::RParen | Tok::Slash => {}
            }
        }
    }
    content
}

/// The end of a segment of words kept as written, with what follows it up to the next term:
/// the «/а» of «д. 1/а» that the reading skipped as a separator.
pub(super) fn with_tail(toks: &[Token], end: usize, limit: usize) -> usize {
    let letter = |i: usize| matches!(toks.get(i).map(|t| &t.tok), Some(Tok::Word(w)) if w.chars().count() == 1);
    let slash = |i: usize| matches!(toks.get(i).map(|t| &t.tok), Some(Tok::Slash));
    let mut e = end;
    while e < limit && ((slash(e) && letter(e + 1)) || (letter(e) && e > 0 && slash(e - 1))) {
        e += 1;
    }
    e
}

/// The words kept, as written: segments joined by «; ».
pub(super) fn rest_text(phrase: &str, toks: &[Token], rests: &[Range<usize>]) -> String {
    rests
        .iter()
        .filter_map(|r| {
            let mut a = toks.get(r.start)?.span.start;
            let mut b = toks.get(r.end.checked_sub(1)?)?.span.end;
            // the quotes and brackets around the words belong to them: «РКЦ», (с. Ардабьево)
            while let Some(c) = phrase.get(..a).and_then(|s| s.chars().next_back())
                && matches!(c, '«' | '„' | '“' | '"' | '\'')
            {
                a -= c.len_utf8();
            }
            loop {
                let text = phrase.get(a..b)?;
                let open = text.matches(['(', '[']).count() > text.matches([')', ']']).count();
                match phrase.get(b..).and_then(|s| s.chars().next()) {
                    Some(c @ ('»' | '”' | '"' | '\'')) => b += c.len_utf8(),
                    Some(c @ (')' | ']')) if open => b += c.len_utf8(),
                    _ => break,
                }
            }
            let text = phrase.get(a..b)?.trim_matches(|c: char| {
                c.is_whitespace() || matches!(c, ',' | ';' | '.' | '-' | '–' | '—')
            });
            (!text.is_empty()).then(|| text.to_owned())
        })
        .collect::<Vec<_>>()
        .join("; ")
}
