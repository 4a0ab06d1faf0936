//! The tokens of a deadline phrase and the words the grammar knows.
//!
//! The tokenizer reads numbers, dates (`15.03.2026`, `15.03.26`, `15.03`), times of day
//! (`10:30`, `14.00`, `8-00`, `15 ч.`), words (lower case, «ё» as «е») and the punctuation that
//! means something (dashes, commas, brackets, slashes). Spaces, dots, quotes and colons separate.
//! Words that only say "year" («г.», «года») mark the number before them as a year; alone they
//! stay a [`Tok::YearWord`] («в течение года», «раз в год»).

use std::ops::Range;

use chrono::Weekday;

use crate::i18n;

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tok {
    /// A number; `year_mark` when «г.», «гг.», «года» follows it.
    Num {
        value: u32,
        digits: usize,
        year_mark: bool,
    },
    /// `15.03.2026`, `15.03.26`, `15.03`
    Date {
        d: u32,
        m: u32,
        y: Option<i32>,
    },
    /// A time of day: `10:30`, `14.00`, `8-00`, `15 ч.`
    Time {
        h: u32,
        min: u32,
    },
    Word(String),
    /// «год», «года», … with no number before it.
    YearWord,
    Dash,
    Comma,
    LParen,
    RParen,
    Slash,
}

#[derive(Clone, Debug)]
pub(super) struct Token {
    pub(super) tok: Tok,
    /// Byte range in the phrase.
    pub(super) span: Range<usize>,
}

/// Words that only say "year". A number before them is a year.
const YEAR_WORDS: &[&str] = &["г", "гг", "год", "года", "году", "годы", "годов", "годом"];

/// Words that say "o'clock" after a number or a time.
const HOUR_WORDS: &[&str] = &["ч", "час", "часа", "часов"];

/// A token before its neighbours are looked at: a date that may be a time (`10.10`).
struct Raw {
    tok: Tok,
    span: Range<usize>,
    /// `HH.MM` with MM in 1–12: a date unless its neighbours say it is a time.
    clockish: bool,
}

pub(super) fn tokenize(phrase: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = phrase.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(phrase.len(), |&(b, _)| b);
    let mut raw: Vec<Raw> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_ascii_digit() {
            let j = digits_end(&chars, i);
            if let Some((tok, next, clockish)) = number_token(&chars, i, j) {
                raw.push(Raw {
                    tok,
                    span: start..end_of(next),
                    clockish,
                });
                i = next;
                continue;
            }
            let text: String = chars[i..j].iter().map(|&(_, c)| c).collect();
            let value = text.parse::<u32>().unwrap_or(u32::MAX);
            raw.push(Raw {
                tok: Tok::Num {
                    value,
                    digits: j - i,
                    year_mark: false,
                },
                span: start..end_of(j),
                clockish: false,
            });
            i = j;
        } else if c.is_alphabetic() {
            let mut j = i;
            let mut word = String::new();
            while j < chars.len() && chars[j].1.is_alphabetic() {
                for lc in chars[j].1.to_lowercase() {
                    word.push(if lc == 'ё' { 'е' } else { lc });
                }
                j += 1;
            }
            let span = start..end_of(j);
            // «Апрельмай»: two months glued together when a dash was lost
            if let Some((a, b)) = glued_months(&word) {
                for tok in [Tok::Word(a), Tok::Dash, Tok::Word(b)] {
                    raw.push(Raw {
                        tok,
                        span: span.clone(),
                        clockish: false,
                    });
                }
            } else {
                raw.push(Raw {
                    tok: Tok::Word(word),
                    span,
                    clockish: false,
                });
            }
            i = j;
        } else {
            let tok = match c {
                '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => Some(Tok::Dash),
                ',' | ';' => Some(Tok::Comma),
                '(' | '[' => Some(Tok::LParen),
                ')' | ']' => Some(Tok::RParen),
                '/' | '\\' => Some(Tok::Slash),
                _ => None, // spaces, dots, quotes, colons: separators with no meaning of their own
            };
            if let Some(tok) = tok {
                raw.push(Raw {
                    tok,
                    span: start..end_of(i + 1),
                    clockish: false,
                });
            }
            i += 1;
        }
    }
    let cleaned = clean(raw);
    resolve_clocks(&cleaned)
}

fn digits_end(chars: &[(usize, char)], from: usize) -> usize {
    let mut b = from;
    while b < chars.len() && chars[b].1.is_ascii_digit() {
        b += 1;
    }
    b
}

/// A date or a time starting at `i` (digits up to `j`): the token, where it ends, and whether it
/// is a date that may be a time.
fn number_token(chars: &[(usize, char)], i: usize, j: usize) -> Option<(Tok, usize, bool)> {
    let num = |a: usize, b: usize| -> Option<u32> {
        let s: String = chars.get(a..b)?.iter().map(|&(_, c)| c).collect();
        s.parse().ok()
    };
    if j - i > 2 {
        return None;
    }
    let sep = chars.get(j).map(|c| c.1)?;
    let m_start = j + 1;
    let m_end = digits_end(chars, m_start);
    let m_digits = m_end - m_start;
    if m_digits == 0 || m_digits > 2 {
        return None;
    }
    let a = num(i, j)?;
    let b = num(m_start, m_end)?;
    if sep == ':' {
        // 10:30
        return (m_digits == 2 && (a < 24 && b < 60 || a == 24 && b == 0)).then_some((
            Tok::Time { h: a, min: b },
            m_end,
            false,
        ));
    }
    if sep != '.' {
        return None;
    }
    if chars.get(m_end).map(|c| c.1) == Some('.') {
        let y_start = m_end + 1;
        let y_end = digits_end(chars, y_start);
        let len = y_end - y_start;
        if len == 4 {
            let y = i32::try_from(num(y_start, y_end)?).ok()?;
            return Some((
                Tok::Date {
                    d: a,
                    m: b,
                    y: Some(y),
                },
                y_end,
                false,
            ));
        }
        if len == 2 {
            let y = 2000 + i32::try_from(num(y_start, y_end)?).ok()?;
            return Some((
                Tok::Date {
                    d: a,
                    m: b,
                    y: Some(y),
                },
                y_end,
                false,
            ));
        }
        // «15.03.» — a date without a year and a trailing dot
        if len == 0 && (1..=12).contains(&b) {
            return Some((
                Tok::Date {
                    d: a,
                    m: b,
                    y: None,
                },
                m_end,
                false,
            ));
        }
        // «в 12.00.» — a time and the dot that ends the sentence
        if len == 0 && is_clock(a, b, m_digits) {
            return Some((Tok::Time { h: a, min: b }, m_end, false));
        }
        return None;
    }
    // 14.00, 10.45, 11.0: minutes that cannot be a month
    if is_clock(a, b, m_digits) {
        return Some((Tok::Time { h: a, min: b }, m_end, false));
    }
    if (1..=12).contains(&b) && (1..=31).contains(&a) {
        let clockish = m_digits == 2 && a < 24;
        return Some((
            Tok::Date {
                d: a,
                m: b,
                y: None,
            },
            m_end,
            clockish,
        ));
    }
    None
}

/// `HH.MM` whose minutes cannot be a month: `14.00`, `10.45`, `11.0`.
fn is_clock(h: u32, min: u32, min_digits: usize) -> bool {
    let minutes =
        (min_digits == 2 && (min == 0 || (13..60).contains(&min))) || (min_digits == 1 && min == 0);
    minutes && (h < 24 || h == 24 && min == 0)
}

/// «апрельмай» → («апрель», «май»).
fn glued_months(word: &str) -> Option<(String, String)> {
    if word.len() < 12 || month_of(word).is_some() {
        return None;
    }
    let exact = |w: &str| {
        (0..12).any(|k| {
            i18n::MONTHS_NOM[k] == w || i18n::MONTHS_GEN[k] == w || i18n::MONTHS_PREP[k] == w
        })
    };
    word.char_indices()
        .skip(3)
        .map(|(b, _)| b)
        .find(|&b| exact(&word[..b]) && exact(&word[b..]))
        .map(|b| (word[..b].to_owned(), word[b..].to_owned()))
}

/// Year words, ordinal endings, abbreviations and times told by their neighbours.
fn clean(raw: Vec<Raw>) -> Vec<Raw> {
    let mut out: Vec<Raw> = Vec::with_capacity(raw.len());
    let mut it = raw.into_iter().peekable();
    while let Some(t) = it.next() {
        let len = out.len();
        let last = out.last().map(|r| &r.tok);
        let before_last = len.checked_sub(2).and_then(|i| out.get(i)).map(|r| &r.tok);
        if let Tok::Word(w) = &t.tok {
            if YEAR_WORDS.contains(&w.as_str()) {
                match last {
                    Some(Tok::Num { .. }) => {
                        if let Some(Raw {
                            tok: Tok::Num { year_mark, .. },
                            ..
                        }) = out.last_mut()
                        {
                            *year_mark = true;
                        }
                    }
                    // «15.03.2026 г.», «2026/27 гг.»: the mark belongs to what is already a year
                    Some(Tok::Date { y: Some(_), .. }) => {}
                    Some(Tok::Slash | Tok::Dash)
                        if matches!(before_last, Some(Tok::Num { .. })) => {}
                    // a stray «г.» (its year lost) says nothing; «год» alone is a word
                    _ if w == "г" || w == "гг" => {}
                    _ => out.push(Raw {
                        tok: Tok::YearWord,
                        span: t.span,
                        clockish: false,
                    }),
                }
                continue;
            }
            // «1-й», «2-е», «3-я»: an ordinal ending joined to its number; «3-х», «5-ти»,
            // «7-ми»: a count's
            if matches!(
                w.as_str(),
                "й" | "го"
                    | "е"
                    | "ое"
                    | "ого"
                    | "м"
                    | "я"
                    | "ая"
                    | "ой"
                    | "ю"
                    | "ую"
                    | "х"
                    | "ух"
                    | "ех"
                    | "ти"
                    | "ми"
            ) && matches!(last, Some(Tok::Dash))
                && matches!(before_last, Some(Tok::Num { .. }))
            {
                out.pop();
                continue;
            }
            // «теч-е», «теч.»: «течение»
            if w == "теч" {
                out.push(Raw {
                    tok: Tok::Word("течение".into()),
                    span: t.span,
                    clockish: false,
                });
                if matches!(it.peek(), Some(Raw { tok: Tok::Dash, .. })) {
                    let dash = it.next();
                    if let Some(Raw {
                        tok: Tok::Word(e), ..
                    }) = it.peek()
                        && matches!(e.as_str(), "е" | "ение" | "ении")
                    {
                        it.next();
                    } else if let Some(d) = dash {
                        out.push(d);
                    }
                }
                continue;
            }
            // «15 ч.», «16.00 ч.»
            if HOUR_WORDS.contains(&w.as_str()) {
                match last {
                    Some(&Tok::Num {
                        value,
                        digits,
                        year_mark: false,
                    }) if digits <= 2 && value <= 24 => {
                        if let Some(prev) = out.last_mut() {
                            prev.tok = Tok::Time { h: value, min: 0 };
                            prev.span.end = t.span.end;
                        }
                        continue;
                    }
                    Some(Tok::Time { .. }) => continue,
                    _ => {}
                }
            }
        }
        // «8-00», «в 15 -00», «в 15-30»: hours and minutes with a dash
        if let Tok::Num {
            value: min,
            digits: 2,
            ..
        } = t.tok
            && matches!(last, Some(Tok::Dash))
            && let Some(&Tok::Num {
                value: h,
                digits: hd,
                year_mark: false,
            }) = before_last
            && hd <= 2
            && h <= 23
            && min < 60
        {
            let after_in = len
                .checked_sub(3)
                .and_then(|i| out.get(i))
                .is_some_and(|r| matches!(&r.tok, Tok::Word(w) if w == "в" || w == "во"));
            let month_next = it.peek().is_some_and(|r| match &r.tok {
                Tok::Word(w) => month_of(w).is_some() || w == "числа",
                Tok::Date { .. } => true,
                _ => false,
            });
            if min == 0 || (after_in && !month_next) {
                out.pop();
                if let Some(prev) = out.last_mut() {
                    prev.tok = Tok::Time { h, min };
                    prev.span.end = t.span.end;
                }
                continue;
            }
        }
        out.push(t);
    }
    out
}

/// `HH.MM` that reads as a date (`10.10`) is a time when its neighbours say so: after «в», before
/// «ч.», beside another time in a range, or after a full date.
fn resolve_clocks(raw: &[Raw]) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(raw.len());
    let is_time = |t: Option<&Raw>| {
        matches!(
            t,
            Some(Raw {
                tok: Tok::Time { .. },
                ..
            })
        )
    };
    for k in 0..raw.len() {
        let t = &raw[k];
        if let Tok::Date { d, m, y: None } = t.tok
            && t.clockish
        {
            let prev = out.last().map(|t| &t.tok);
            let prev2 = out
                .len()
                .checked_sub(2)
                .and_then(|i| out.get(i))
                .map(|t| &t.tok);
            let prev3 = out
                .len()
                .checked_sub(3)
                .and_then(|i| out.get(i))
                .map(|t| &t.tok);
            let next = raw.get(k + 1);
            let hour_word_next = matches!(next, Some(Raw { tok: Tok::Word(w), .. }) if HOUR_WORDS.contains(&w.as_str()));
            let after_in = matches!(prev, Some(Tok::Word(w)) if w == "в" || w == "во");
            let range_with_time = (matches!(prev, Some(Tok::Dash))
                && matches!(prev2, Some(Tok::Time { .. })))
                || (matches!(next, Some(Raw { tok: Tok::Dash, .. })) && is_time(raw.get(k + 2)));
            let month_word =
                |t: Option<&Tok>| matches!(t, Some(Tok::Word(w)) if month_of(w).is_some());
            let day = |t: Option<&Tok>| matches!(t, Some(Tok::Num { digits, .. }) if *digits <= 2);
            let year = |t: Option<&Tok>| {
                matches!(
                    t,
                    Some(
                        Tok::Num { digits: 4, .. }
                            | Tok::Num {
                                year_mark: true,
                                ..
                            }
                    )
                )
            };
            let after_date = matches!(prev, Some(Tok::Date { y: Some(_), .. }))
                || (month_word(prev) && day(prev2))
                || (year(prev) && month_word(prev2) && day(prev3));
            if hour_word_next || after_in || range_with_time || after_date {
                out.push(Token {
                    tok: Tok::Time { h: d, min: m },
                    span: t.span.clone(),
                });
                continue;
            }
        }
        // an hour word after a time is dropped
        if let Tok::Word(w) = &t.tok
            && HOUR_WORDS.contains(&w.as_str())
            && matches!(
                out.last(),
                Some(Token {
                    tok: Tok::Time { .. },
                    ..
                })
            )
        {
            if let Some(last) = out.last_mut() {
                last.span.end = t.span.end;
            }
            continue;
        }
        out.push(Token {
            tok: t.tok.clone(),
            span: t.span.clone(),
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const MONTH_ABBR: [&[&str]; 12] = [
    &["янв"],
    &["фев", "февр"],
    &["мар"],
    &["апр"],
    &[],
    &["июн"],
    &["июл"],
    &["авг"],
    &["сен", "сент"],
    &["окт"],
    &["ноя", "нояб"],
    &["дек"],
];

pub(super) fn month_of(word: &str) -> Option<u32> {
    for (i, abbr) in MONTH_ABBR.iter().enumerate() {
        if i18n::MONTHS_NOM[i] == word
            || i18n::MONTHS_GEN[i] == word
            || i18n::MONTHS_PREP[i] == word
            || abbr.contains(&word)
            || i18n::MONTHS_EN[i].eq_ignore_ascii_case(word)
        {
            return u32::try_from(i + 1).ok();
        }
    }
    // instrumental and other forms: «сентябрем», «маем»
    for (i, nom) in i18n::MONTHS_NOM.iter().enumerate() {
        let stem = nom.trim_end_matches(['ь', 'й']);
        if stem.chars().count() >= 3
            && word.starts_with(stem)
            && word.chars().count() <= nom.chars().count() + 2
        {
            return u32::try_from(i + 1).ok();
        }
    }
    None
}

/// A day of the week in any case, or its abbreviation: «среда», «среду», «ср».
pub(super) fn weekday_of(word: &str) -> Option<Weekday> {
    let forms: [(&[&str], Weekday); 7] = [
        (
            &[
                "понедельник",
                "понедельника",
                "понедельнику",
                "понедельником",
                "понедельнике",
                "пн",
            ],
            Weekday::Mon,
        ),
        (
            &[
                "вторник",
                "вторника",
                "вторнику",
                "вторником",
                "вторнике",
                "вт",
            ],
            Weekday::Tue,
        ),
        (
            &["среда", "среды", "среде", "среду", "средой", "ср"],
            Weekday::Wed,
        ),
        (
            &[
                "четверг",
                "четверга",
                "четвергу",
                "четвергом",
                "четверге",
                "чт",
            ],
            Weekday::Thu,
        ),
        (
            &["пятница", "пятницы", "пятнице", "пятницу", "пятницей", "пт"],
            Weekday::Fri,
        ),
        (
            &["суббота", "субботы", "субботе", "субботу", "субботой", "сб"],
            Weekday::Sat,
        ),
        (
            &[
                "воскресенье",
                "воскресенья",
                "воскресенью",
                "воскресеньем",
                "воскресение",
                "вс",
            ],
            Weekday::Sun,
        ),
    ];
    forms
        .iter()
        .find(|(f, _)| f.contains(&word))
        .map(|&(_, d)| d)
}

/// «по понедельникам», «по средам»: the plural a weekly day takes after «по».
pub(super) fn weekday_plural(word: &str) -> Option<Weekday> {
    match word {
        "понедельникам" => Some(Weekday::Mon),
        "вторникам" => Some(Weekday::Tue),
        "средам" => Some(Weekday::Wed),
        "четвергам" => Some(Weekday::Thu),
        "пятницам" => Some(Weekday::Fri),
        "субботам" => Some(Weekday::Sat),
        "воскресеньям" | "воскресениям" => Some(Weekday::Sun),
        _ => None,
    }
}

pub(super) fn roman(word: &str) -> Option<u32> {
    match word {
        "i" | "і" => Some(1),
        "ii" | "іі" => Some(2),
        "iii" | "ііі" => Some(3),
        "iv" | "іv" => Some(4),
        _ => None,
    }
}

/// «первый», «вторая», «третьей», «четвертую», «пятая»: the number of an ordinal in any form.
pub(super) fn ordinal(word: &str) -> Option<u32> {
    const ENDINGS: &[&str] = &[
        "ый", "ой", "ая", "ое", "ого", "ому", "ом", "ую", "ые", "ых", "ым", "ыми", "ей",
    ];
    const THIRD: &[&str] = &[
        "ий", "ья", "ье", "ьего", "ьей", "ьему", "ьем", "ью", "ьи", "ьих", "ьим",
    ];
    let stems = [("перв", 1), ("втор", 2), ("четверт", 4), ("пят", 5)];
    for (stem, n) in stems {
        if let Some(end) = word.strip_prefix(stem)
            && ENDINGS.contains(&end)
        {
            return Some(n);
        }
    }
    word.strip_prefix("трет")
        .filter(|end| THIRD.contains(end))
        .map(|_| 3)
}

/// «последняя», «последнюю», «последней».
pub(super) fn is_last(word: &str) -> bool {
    word.strip_prefix("последн").is_some_and(|end| {
        matches!(
            end,
            "ий" | "яя" | "ее" | "юю" | "ей" | "его" | "ем" | "ие" | "их"
        )
    })
}

pub(super) fn is_quarter_word(w: &str) -> bool {
    matches!(
        w,
        "квартал"
            | "квартала"
            | "квартале"
            | "кварталы"
            | "кварталов"
            | "кварталах"
            | "кв"
    )
}

/// «четверть» (a school quarter) in any case.
pub(super) fn is_school_quarter_word(w: &str) -> bool {
    matches!(
        w,
        "четверть" | "четверти" | "четвертью" | "четвертей" | "четвертям" | "четвертях"
    )
}

/// The months of school quarter `n` (1–4): its first and last month.
pub(super) fn school_quarter_months(n: u32) -> Option<(u32, u32)> {
    match n {
        1 => Some((9, 10)),
        2 => Some((11, 12)),
        3 => Some((1, 3)),
        4 => Some((4, 5)),
        _ => None,
    }
}

pub(super) fn is_half_word(w: &str) -> bool {
    matches!(
        w,
        "полугодие"
            | "полугодия"
            | "полугодии"
            | "полугодий"
            | "полугодье"
            | "полугодиях"
            | "полуг"
            | "полугод"
    )
}

pub(super) fn is_week_word(w: &str) -> bool {
    matches!(
        w,
        "неделя" | "недели" | "неделе" | "неделю" | "неделей" | "нед"
    )
}

pub(super) fn is_decade_word(w: &str) -> bool {
    matches!(w, "декада" | "декады" | "декаде" | "декаду" | "декадой")
}

pub(super) fn is_half_of_word(w: &str) -> bool {
    matches!(w, "половина" | "половине" | "половину" | "половины")
}

/// The part of a period a word names: «начало», «середина», «конец» in any case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Part {
    Begin,
    Middle,
    End,
}

pub(super) fn part_of(w: &str) -> Option<Part> {
    match w {
        "начало" | "начале" | "начала" => Some(Part::Begin),
        "середина" | "середине" | "середины" | "середину" => {
            Some(Part::Middle)
        }
        "конец" | "конце" | "конца" => Some(Part::End),
        _ => None,
    }
}

/// Words after «по»/«при» that make an on-demand clause.
pub(super) const ON_DEMAND: &[&str] = &[
    "запросу",
    "запросам",
    "мере",
    "необходимости",
    "требованию",
    "согласованию",
    "факту",
    "потребности",
    "заявкам",
    "заявке",
    "обращению",
    "обращениям",
    "приглашению",
];

/// Words after «по»/«согласно»/«в соответствии с» that make an external schedule.
pub(super) const EXTERNAL: &[&str] = &[
    "плану",
    "планом",
    "графику",
    "графиком",
    "положению",
    "положением",
    "приказу",
    "приказом",
    "расписанию",
    "расписанием",
    "отдельному",
    "отдельным",
    "особому",
    "срокам",
    "календарю",
    "календарем",
    "регламенту",
    "распоряжению",
];

/// Words after «по» that make "when the period is over": «по итогам квартала».
pub(super) const RESULTS: &[&str] = &["итогам", "окончании", "завершении", "результатам"];

/// Words that mean the whole period, year-round work.
pub(super) const YEAR_ROUND: &[&str] = &["постоянно", "круглогодично"];

/// Adverbs of frequency that keep a window and say how often: «ежегодно до 1 марта»; alone they
/// mean year-round work.
pub(super) const FREQUENT: &[&str] = &["ежегодно", "ежедневно", "регулярно", "систематически"];

/// Words that start recurring work.
pub(super) const RECURRING: &[&str] = &[
    "ежемесячно",
    "ежеквартально",
    "ежечетвертно",
    "еженедельно",
    "каждый",
    "каждую",
    "каждое",
    "каждая",
    "раз",
    "дважды",
    "трижды",
];

/// Words that change the meaning of a date next to them and that the grammar does not read: a
/// phrase with them is refused rather than read without them.
pub(super) const MODIFIERS: &[&str] = &[
    "после",
    "ранее",
    "раньше",
    "позднее",
    "позже",
    "начиная",
    "кроме",
    "через",
    "перед",
    "накануне",
    "спустя",
    "вплоть",
    "около",
    "примерно",
    "ориентировочно",
    "каждые",
    "каждого",
    "каждой",
    "текущего",
    "следующего",
    "прошлого",
    "предыдущего",
    "отчетным",
    "отчетного",
    "отчетный",
    "дней",
    "дня",
    "день",
    "месяц",
    "месяца",
    "месяцев",
    "года",
    "лет",
];

/// Function words a place or a name may contain («в ДК», «с. Ардабьево», «для 1-классников»).
pub(super) const PLACE_WORDS: &[&str] = &[
    "в", "во", "на", "по", "при", "у", "для", "и", "с", "со", "к", "из", "от", "а", "или",
];
