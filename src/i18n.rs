//! Languages of what moc prints: Russian by default, English on request.
//!
//! There is no runtime catalogue. Every message is written in both languages where it is built
//! (the [`tr!`] macro), so the compiler checks that neither is missing. This module also owns the
//! Russian grammar moc needs: month names in three cases, plural forms, dates and decimals.

use chrono::{Datelike, NaiveDate};

/// The language of messages, tables and reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Lang {
    #[default]
    Ru,
    En,
}

impl Lang {
    /// The language from the environment: English when the first of `LC_ALL`, `LC_MESSAGES`,
    /// `LANG` that is set starts with `en`, Russian otherwise.
    pub(crate) fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(value) = std::env::var(var)
                && !value.is_empty()
            {
                return Lang::from_locale(&value);
            }
        }
        Lang::Ru
    }

    /// `en`, `en_US.UTF-8`, … → English; anything else → Russian.
    pub(crate) fn from_locale(value: &str) -> Lang {
        if value.to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Ru
        }
    }

    /// Picks one of two texts.
    pub(crate) fn pick<'a>(self, ru: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

/// `tr!(lang, "русский {x}", "English {x}")`: a message in the chosen language.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $ru:literal, $en:literal $(,)?) => {
        match $lang {
            $crate::i18n::Lang::Ru => format!($ru),
            $crate::i18n::Lang::En => format!($en),
        }
    };
    ($lang:expr, $ru:literal, $en:literal, $($arg:tt)+) => {
        match $lang {
            $crate::i18n::Lang::Ru => format!($ru, $($arg)+),
            $crate::i18n::Lang::En => format!($en, $($arg)+),
        }
    };
}

/// A message in both languages, said in one when it is shown: findings are made once, for
/// whoever reads them, and put into words at the edge (a terminal in Russian, JSON in English).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(crate) struct Text {
    pub(crate) ru: String,
    pub(crate) en: String,
}

impl Text {
    /// The message in `lang`.
    pub(crate) fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }

    /// The same words in both languages (a name, a number).
    pub(crate) fn same(s: impl Into<String>) -> Text {
        let s = s.into();
        Text {
            ru: s.clone(),
            en: s,
        }
    }

    /// A text from two fixed strings.
    pub(crate) fn new(ru: &str, en: &str) -> Text {
        Text {
            ru: ru.to_owned(),
            en: en.to_owned(),
        }
    }
}

/// `text!("русский {x}", "English {x}")`: a [`Text`] in both languages (the arguments are
/// formatted once for each).
#[macro_export]
macro_rules! text {
    ($ru:literal, $en:literal $(,)?) => {
        $crate::i18n::Text { ru: format!($ru), en: format!($en) }
    };
    ($ru:literal, $en:literal, $($arg:tt)+) => {
        $crate::i18n::Text { ru: format!($ru, $($arg)+), en: format!($en, $($arg)+) }
    };
}

/// Month names, nominative, lower case («сентябрь»).
pub(crate) const MONTHS_NOM: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];

/// Month names, genitive, lower case («сентября»), as in «20 сентября 2026 г.».
pub(crate) const MONTHS_GEN: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// Month names, prepositional, lower case («в сентябре»).
pub(crate) const MONTHS_PREP: [&str; 12] = [
    "январе",
    "феврале",
    "марте",
    "апреле",
    "мае",
    "июне",
    "июле",
    "августе",
    "сентябре",
    "октябре",
    "ноябре",
    "декабре",
];

/// English month names.
pub(crate) const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The name of month `m` (1–12) in the nominative: «сентябрь» / «September».
pub(crate) fn month_name(lang: Lang, m: u32) -> &'static str {
    let i = (m.clamp(1, 12) - 1) as usize;
    match lang {
        Lang::Ru => MONTHS_NOM[i],
        Lang::En => MONTHS_EN[i],
    }
}

/// A date as it is written in documents: «20 декабря 2026 г.» / «20 December 2026».
pub(crate) fn long_date(lang: Lang, d: NaiveDate) -> String {
    let i = (d.month() - 1) as usize;
    let (months, after) = match lang {
        Lang::Ru => (&MONTHS_GEN, " г."),
        Lang::En => (&MONTHS_EN, ""),
    };
    let (y, day) = (d.year(), d.day());
    let Ok(year) = u32::try_from(y) else {
        return format!("{day} {} {y}{after}", months[i]);
    };
    // pushed piece by piece, not through the formatting machinery: a report writes a date for
    // each item done
    let mut s = String::with_capacity(32);
    push_digits(&mut s, day, 1);
    s.push(' ');
    s.push_str(months[i]);
    s.push(' ');
    push_digits(&mut s, year, 1);
    s.push_str(after);
    s
}

/// The decimal digits of `n`, most significant first, with leading zeros to `width` (at most
/// 20), in `buf`.
fn decimal_digits(n: u64, width: usize, buf: &mut [u8; 20]) -> &[u8] {
    let (mut k, mut start) = (n, buf.len());
    loop {
        start -= 1;
        buf[start] = b'0' + (k % 10) as u8;
        k /= 10;
        if k == 0 && buf.len() - start >= width.min(buf.len()) {
            break;
        }
    }
    &buf[start..]
}

/// `n` in decimal digits, with leading zeros to `width`.
fn push_digits(s: &mut String, n: u32, width: usize) {
    let mut buf = [0; 20];
    for &b in decimal_digits(u64::from(n), width, &mut buf) {
        s.push(char::from(b));
    }
}

/// A day and month: «20 декабря» / «20 December».
pub(crate) fn day_month(lang: Lang, d: NaiveDate) -> String {
    let i = (d.month() - 1) as usize;
    match lang {
        Lang::Ru => format!("{} {}", d.day(), MONTHS_GEN[i]),
        Lang::En => format!("{} {}", d.day(), MONTHS_EN[i]),
    }
}

/// A date in a table cell: «20.12.2026» / «2026-12-20».
pub(crate) fn short_date(lang: Lang, d: NaiveDate) -> String {
    // written out, not through `format`'s pattern (which is parsed at every call) nor the
    // formatting machinery
    let (y, m, day) = (d.year(), d.month(), d.day());
    if !(0..=9999).contains(&y) {
        return match lang {
            Lang::Ru => d.format("%d.%m.%Y").to_string(),
            Lang::En => d.format("%Y-%m-%d").to_string(),
        };
    }
    let y = y.unsigned_abs();
    // the parts (number, digits at least) in order, and what stands between them
    let (parts, between) = match lang {
        Lang::Ru => ([(day, 2), (m, 2), (y, 4)], '.'),
        Lang::En => ([(y, 4), (m, 2), (day, 2)], '-'),
    };
    let mut s = String::with_capacity(10);
    for (i, (n, width)) in parts.into_iter().enumerate() {
        if i > 0 {
            s.push(between);
        }
        push_digits(&mut s, n, width);
    }
    s
}

/// The Russian plural class of `n`: 0 = one (1, 21), 1 = few (2–4, 22–24), 2 = many (5–20, 25…).
pub(crate) fn plural_class(n: u64) -> usize {
    let (d10, d100) = (n % 10, n % 100);
    if d10 == 1 && d100 != 11 {
        0
    } else if (2..=4).contains(&d10) && !(12..=14).contains(&d100) {
        1
    } else {
        2
    }
}

/// `n` with the right form of the noun: `plural(Ru, 5, ["мероприятие", "мероприятия",
/// "мероприятий"], ["activity", "activities"])` → «5 мероприятий».
pub(crate) fn plural(lang: Lang, n: u64, ru: [&str; 3], en: [&str; 2]) -> String {
    let word = match lang {
        Lang::Ru => ru[plural_class(n)],
        Lang::En if n == 1 => en[0],
        Lang::En => en[1],
    };
    // in the room group_thousands leaves (a region's report says «на 12 дней» tens of
    // thousands of times)
    let mut s = group_thousands(lang, n);
    s.reserve_exact(1 + word.len());
    s.push(' ');
    s.push_str(word);
    s
}

/// `1 212` (Russian, with a no-break space, as the reports of the regional centres write it) /
/// `1,212` (English).
pub(crate) fn group_thousands(lang: Lang, n: u64) -> String {
    let mut buf = [0; 20];
    let digits = decimal_digits(n, 1, &mut buf);
    let sep = match lang {
        Lang::Ru => '\u{a0}',
        Lang::En => ',',
    };
    let len = digits.len();
    // room for a word after the number too ([`plural`])
    let mut out = String::with_capacity(len + (len - 1) / 3 * sep.len_utf8() + 24);
    for (i, &b) in digits.iter().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(char::from(b));
    }
    out
}

/// A decimal with `places` digits after the point: «89,7» / «89.7».
pub(crate) fn decimal(lang: Lang, x: f64, places: usize) -> String {
    let s = format!("{x:.places$}");
    match lang {
        Lang::Ru => s.replace('.', ","),
        Lang::En => s,
    }
}

/// A percentage: «89,7 %» / «89.7%».
pub(crate) fn percent(lang: Lang, x: f64) -> String {
    match lang {
        Lang::Ru => format!("{}\u{a0}%", decimal(lang, x, 1)),
        Lang::En => format!("{}%", decimal(lang, x, 1)),
    }
}

/// Lower case with «ё» folded to «е»: the form in which moc compares Russian words.
pub(crate) fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_written_out_are_the_formatted_ones() {
        for (y, m, d) in [
            (2026, 12, 20),
            (2026, 1, 5),
            (1, 2, 3),
            (9999, 12, 31),
            (10000, 1, 1),
            (-5, 6, 7),
        ] {
            let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else {
                panic!("{y}-{m}-{d}");
            };
            assert_eq!(
                short_date(Lang::Ru, date),
                date.format("%d.%m.%Y").to_string()
            );
            assert_eq!(
                short_date(Lang::En, date),
                date.format("%Y-%m-%d").to_string()
            );
        }
    }

    #[test]
    fn plural_forms() {
        let f = |n| {
            plural(
                Lang::Ru,
                n,
                ["пункт", "пункта", "пунктов"],
                ["item", "items"],
            )
        };
        assert_eq!(f(1), "1 пункт");
        assert_eq!(f(2), "2 пункта");
        assert_eq!(f(5), "5 пунктов");
        assert_eq!(f(11), "11 пунктов");
        assert_eq!(f(12), "12 пунктов");
        assert_eq!(f(21), "21 пункт");
        assert_eq!(f(24), "24 пункта");
        assert_eq!(f(111), "111 пунктов");
        assert_eq!(
            plural(Lang::En, 1, ["", "", ""], ["item", "items"]),
            "1 item"
        );
        assert_eq!(
            plural(Lang::En, 3, ["", "", ""], ["item", "items"]),
            "3 items"
        );
    }

    #[test]
    fn numbers_and_dates() {
        assert_eq!(group_thousands(Lang::Ru, 1212), "1\u{a0}212");
        assert_eq!(group_thousands(Lang::Ru, 999), "999");
        assert_eq!(group_thousands(Lang::Ru, 12_345), "12\u{a0}345");
        assert_eq!(group_thousands(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(group_thousands(Lang::En, 0), "0");
        assert_eq!(
            group_thousands(Lang::En, u64::MAX),
            "18,446,744,073,709,551,615"
        );
        assert_eq!(
            plural(
                Lang::Ru,
                1_000_000,
                ["день", "дня", "дней"],
                ["day", "days"]
            ),
            "1\u{a0}000\u{a0}000 дней"
        );
        assert_eq!(percent(Lang::Ru, 89.66), "89,7\u{a0}%");
        let d = NaiveDate::from_ymd_opt(2026, 12, 20).unwrap_or_default();
        assert_eq!(long_date(Lang::Ru, d), "20 декабря 2026 г.");
        assert_eq!(long_date(Lang::En, d), "20 December 2026");
    }

    #[test]
    fn locale() {
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("ru_RU.UTF-8"), Lang::Ru);
        assert_eq!(Lang::from_locale("C.UTF-8"), Lang::Ru);
        assert_eq!(fold("Ёлка МОЦ"), "елка моц");
    }
}
