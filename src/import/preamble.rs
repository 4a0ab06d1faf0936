//! The lines before a plan's table: the approval block («Утверждаю …»), the plan's own title
//! («План мероприятий …», «Дорожная карта …», «ПЛАН» and the lines that go on with it), the year
//! it names, the organisation, the goal and the tasks. Lines that are none of these are kept
//! (the importer writes them as comments), never dropped.

use super::names::is_person;
use super::{Imported, clean, years_in};
use crate::deadline::PlanYear;
use crate::i18n::fold;

/// Where a title starts: «План …», «ПЛАН», «Дорожная карта», «Комплекс мер», «Календарь», …
pub(crate) fn is_title_start(line: &str) -> bool {
    let f = fold(line);
    let f = f.trim_start_matches(|c: char| !c.is_alphanumeric());
    // «П Л А Н»
    let squeezed: String = f.chars().filter(|c| !c.is_whitespace()).collect();
    let first = f.split_whitespace().next().unwrap_or("");
    let first = first.trim_matches(|c: char| !c.is_alphanumeric());
    let second = f.split_whitespace().nth(1).unwrap_or("");
    matches!(
        first,
        "план"
            | "план-график"
            | "календарь"
            | "календарный"
            | "циклограмма"
            | "регламент"
            | "перечень"
            | "график"
            | "мероприятия"
            | "комплекс"
            | "программа"
            | "расписание"
            | "система"
            | "координационный"
            | "сводный"
            | "годовой"
            | "комплексный"
            | "основные"
    ) && !(first == "мероприятия" && second.is_empty())
        || f.starts_with("дорожная карта")
        || squeezed == "план"
        || squeezed.starts_with("план") && f.split_whitespace().all(|w| w.chars().count() == 1)
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn all_caps(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// «ПЛАН РАБОТЫ» → «План работы»; «П Л А Н» → «План»; in a line of capitals the long words are
/// lowered, the short ones (abbreviations: «МКУК», «ЦКДО») kept.
fn unshout(s: &str, first: bool) -> String {
    if !all_caps(s) {
        return s.to_owned();
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    let s = if words.len() >= 3 && words.iter().all(|w| w.chars().count() == 1) {
        words.concat()
    } else {
        s.to_owned()
    };
    // words that are never abbreviations
    const PLAIN: &[&str] = &[
        "в", "во", "на", "по", "с", "со", "к", "ко", "и", "о", "об", "от", "до", "за", "из", "у",
        "для", "при", "под", "над", "про", "без", "или", "а", "год", "года", "году", "годы", "гг",
        "план", "г",
    ];
    let lowered: Vec<String> = s
        .split(' ')
        .map(|w| {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            let bare = fold(w.trim_matches(|c: char| !c.is_alphanumeric()));
            if letters > 4 || PLAIN.contains(&bare.as_str()) {
                w.to_lowercase()
            } else {
                w.to_owned()
            }
        })
        .collect();
    let out = lowered.join(" ");
    if first { capitalize(&out) } else { out }
}

/// «на 2026 год», «на 2026/2027 учебный год», «2017 – 2018 учебный год», «в 2005 году»,
/// «на январь 2023 г.».
pub(crate) fn year_in(line: &str) -> Option<PlanYear> {
    let f = fold(line);
    // «до 2030 года» is a horizon, not the plan's year
    let ys: Vec<i32> = years_in(line)
        .into_iter()
        .filter(|y| {
            let at = f.find(&y.to_string()).unwrap_or(0);
            !f[..at].trim_end().ends_with(" до") && !f[..at].trim_end().ends_with("до")
        })
        .collect();
    match ys.as_slice() {
        [a, b, ..] if *b == a + 1 => Some(PlanYear::Academic(*a)),
        [a, ..] if f.contains("учебн") || f.contains("уч. г") || f.contains("уч.г") => {
            Some(PlanYear::Academic(*a))
        }
        [a, ..] => Some(PlanYear::Calendar(*a)),
        [] => None,
    }
}

const ORG_STARTS: &[&str] = &[
    "мкоу",
    "мбоу",
    "маоу",
    "мбу",
    "мку",
    "мау",
    "мбудо",
    "мбоудо",
    "мкудо",
    "маудо",
    "мбук",
    "мкук",
    "мук",
    "мбдоу",
    "мадоу",
    "мкдоу",
    "гбу",
    "гау",
    "гбоу",
    "гоу",
    "гуо",
    "гу ",
    "оау",
    "моау",
    "моу",
    "муниципальное",
    "государственное",
    "областное",
    "краевое",
    "федеральное",
    "структурное подразделение",
    "учреждение",
    "дом детского творчества",
    "дом творчества",
    "центр дополнительного образования",
    "детская школа искусств",
    "средняя школа",
];

/// A line that names an organisation on its own: «МКОУ ДО «Мосальский дом творчества»»,
/// «МУНИЦИПАЛЬНОЕ БЮДЖЕТНОЕ УЧРЕЖДЕНИЕ …». Never a bullet, a task or an approval line.
pub(crate) fn is_organisation_line(s: &str) -> bool {
    let f = fold(s.trim());
    if f.starts_with(['-', '–', '—', '•', '*', '·']) || f.starts_with("утвержд") || f.len() > 400
    {
        return false;
    }
    ORG_STARTS.iter().any(|m| f.starts_with(m))
}

/// An organisation named inside a title line: «в МБОУ «СОШ п. Опытный» Цивильского района».
fn organisation_in(s: &str) -> Option<String> {
    let f = fold(s);
    for m in ORG_STARTS.iter().filter(|m| m.len() <= 8) {
        let Some(at) = f
            .find(&format!(" {} ", m.trim()))
            .or_else(|| f.starts_with(m).then_some(0))
        else {
            continue;
        };
        // the same byte offset in the original (folding keeps byte lengths of Cyrillic)
        let start = if at == 0 { 0 } else { at + 1 };
        if !s.is_char_boundary(start) {
            continue;
        }
        return balanced(&s[start..]);
    }
    None
}

/// «« Мосальский дом творчества»» → «Мосальский дом творчества».
pub(crate) fn tidy(s: &str) -> String {
    s.replace("« ", "«").replace(" »", "»").trim().to_owned()
}

/// Whether a line ends the approval block: a title, a header, an annex reference.
fn ends_approval(line: &str) -> bool {
    is_title_start(line) || fold(line).starts_with("приложение")
}

/// «Иркутской области» → «Иркутская область»; «города Саянска» → «город Саянск»;
/// «в Мосальском муниципальном округе» → «Мосальский муниципальный округ».
pub(crate) fn place_names(s: &str, imp: &mut Imported) {
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

/// Whether a position line already ends with a person's name.
fn has_name(position: &str) -> bool {
    let words: Vec<&str> = position.split_whitespace().collect();
    words.len() >= 2 && is_person(&words[words.len() - 2..].join(" "))
}

/// One piece of an approval block.
fn approval_piece(part: &str, imp: &mut Imported, kept: &mut Vec<String>) {
    let part = part.trim().trim_matches('_').trim();
    if part.is_empty() {
        return;
    }
    let pf = fold(part);
    let find = |imp: &Imported, k: &str| imp.approval.iter().any(|(key, _)| *key == k);
    // «__________ Т.П. Загребельная», «Директор школы: Ю.Ф.Ермолаев»
    let words: Vec<&str> = part.split_whitespace().collect();
    let tail_person = (1..=3.min(words.len())).rev().find(|&n| {
        n < words.len() && is_person(&words[words.len() - n..].join(" "))
            || n == words.len() && is_person(part)
    });
    if pf.contains("приказ")
        || pf.contains("распоряжени")
        || pf.contains("постановлени")
        || pf.starts_with('№')
    {
        if find(imp, "order") {
            kept.push(part.to_owned());
        } else {
            imp.approval.push(("order", part.to_owned()));
        }
    } else if is_person(part) && !find(imp, "name") {
        imp.approval.push(("name", part.to_owned()));
    } else if part.chars().any(|c| c.is_ascii_digit())
        && (pf.contains(" г") || part.contains('.') || pf.contains('»'))
        && years_in(part).len() == 1
        && !find(imp, "date")
    {
        if let Some(d) = approval_date(part) {
            imp.approval.push(("date", d.to_string()));
            // «от 16.10.2020 N 298», «"4" марта 2021 г»: the words beside the date are kept
            if part.chars().any(char::is_alphabetic) {
                kept.push(part.to_owned());
            }
        } else {
            kept.push(part.to_owned());
        }
    } else if pf.trim_matches(|c: char| !c.is_alphanumeric()).is_empty()
        || pf.contains("___") && !pf.chars().any(char::is_alphabetic)
    {
        // a blank to sign on, a blank date «___»____ 2023 г.
        if pf.chars().any(char::is_alphanumeric) {
            kept.push(part.to_owned());
        }
    } else if let Some(n) = tail_person.filter(|n| *n < words.len()) {
        let position = words[..words.len() - n].join(" ");
        let position = position
            .trim_end_matches([':', ',', '_', ' '])
            .trim_matches('_')
            .trim();
        approval_piece(position, imp, kept);
        if find(imp, "name") {
            kept.push(words[words.len() - n..].join(" "));
        } else {
            imp.approval
                .push(("name", words[words.len() - n..].join(" ")));
        }
    } else if let Some((_, pos)) = imp.approval.iter_mut().find(|(k, _)| *k == "position") {
        if has_name(pos) || imp.approval.iter().any(|(k, _)| *k == "name") {
            kept.push(part.to_owned());
        } else if let Some((_, pos)) = imp.approval.iter_mut().find(|(k, _)| *k == "position") {
            pos.push(' ');
            pos.push_str(part);
        }
    } else {
        imp.approval.push(("position", part.to_owned()));
    }
}

/// Read the lines before the table into `imp`; the lines that are none of the known parts are
/// returned, to be kept.
pub(crate) fn read(lines: &[String], imp: &mut Imported) -> Vec<String> {
    let lines: Vec<String> = lines
        .iter()
        .map(|l| clean(l))
        .filter(|l| !l.is_empty())
        .collect();
    let mut kept: Vec<String> = Vec::new();
    let mut title: Vec<String> = Vec::new();
    let mut title_done = false;
    let mut in_tasks = false;
    let mut repeating = false;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let f = fold(line);
        if f.starts_with("утвержд") || f.starts_with("согласовано") && imp.approval.is_empty()
        {
            in_tasks = false;
            let word = line.split([':', ' ']).next().unwrap_or("Утверждено");
            imp.approval
                .push(("heading", unshout(word.trim_end_matches(':'), true)));
            let rest = line[word.len()..].trim_start_matches(':').trim().to_owned();
            let mut pieces: Vec<String> = Vec::new();
            if !rest.is_empty() {
                pieces.push(rest);
            }
            i += 1;
            while i < lines.len() && !ends_approval(&lines[i]) && pieces.len() < 8 {
                pieces.push(lines[i].clone());
                i += 1;
            }
            for p in pieces {
                for part in p.split('/').map(str::trim).filter(|x| !x.is_empty()) {
                    approval_piece(part, imp, &mut kept);
                }
            }
            continue;
        }
        if f.starts_with("цель") && !title.is_empty()
            || f.starts_with("цель –")
            || f.starts_with("цель:")
            || f.starts_with("цель -")
        {
            let goal = line
                .split_once(['–', '—', '-', ':'])
                .map(|x| x.1)
                .unwrap_or_default()
                .trim();
            if !goal.is_empty() && imp.goal.is_none() {
                imp.goal = Some(goal.to_owned());
            } else {
                kept.push(line.clone());
            }
            place_names(line, imp);
            title_done = !title.is_empty();
            in_tasks = false;
            i += 1;
            continue;
        }
        if f.starts_with("задачи") {
            in_tasks = true;
            title_done = !title.is_empty();
            let rest = line.split_once(':').map_or("", |x| x.1.trim());
            if !rest.is_empty() {
                imp.tasks
                    .push(rest.trim_end_matches([';', '.', ' ', ',']).to_owned());
            }
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
        if !title_done
            && (is_title_start(line) || !title.is_empty() && continues_title(line, &title))
        {
            if is_title_start(line) && !title.is_empty() && repeats(&title, line) {
                // the title printed twice (above and below an approval block)
                repeating = true;
            } else if is_title_start(line) {
                repeating = false;
            }
            if repeating {
                kept.push(line.clone());
                i += 1;
                continue;
            }
            title.push(line.clone());
            if let Some(y) = year_in(line).filter(|_| imp.year.is_none()) {
                imp.year = Some(y);
            }
            place_names(line, imp);
            i += 1;
            continue;
        }
        if !title.is_empty() {
            title_done = true;
        }
        if is_organisation_line(line) && imp.organisation.is_none() {
            // «МУНИЦИПАЛЬНОЕ БЮДЖЕТНОЕ УЧРЕЖДЕНИЕ» / «РАЙОННЫЙ КУЛЬТУРНЫЙ ЦЕНТР» / …
            let mut org = line.clone();
            while i + 1 < lines.len() {
                let next = &lines[i + 1];
                let open = org.matches('«').count() > org.matches('»').count();
                if open && !is_title_start(next)
                    || next.starts_with('«')
                    || all_caps(&org)
                        && all_caps(next)
                        && !is_title_start(next)
                        && next.chars().count() < 120
                {
                    org.push(' ');
                    org.push_str(next);
                    i += 1;
                } else {
                    break;
                }
            }
            imp.organisation = Some(tidy(&org));
            place_names(&org, imp);
            i += 1;
            continue;
        }
        place_names(line, imp);
        kept.push(line.clone());
        i += 1;
    }
    let title: Vec<String> = title
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let t = unshout(t, k == 0);
            // «На 2026 год» going on with a title: «на 2026 год»
            let first = t.split_whitespace().next().unwrap_or("");
            if k > 0 && ["На", "В", "Во", "По", "С", "Со", "Для", "К"].contains(&first)
            {
                let mut c = t.chars();
                c.next()
                    .map(|f| f.to_lowercase().chain(c).collect())
                    .unwrap_or_default()
            } else {
                t
            }
        })
        .collect();
    imp.title = tidy(&title.join(" "));
    // an organisation named in the title: a line of its own («МБОУ «…» …»), or «в МБОУ «…»»
    if imp.organisation.is_none() {
        if let Some(k) = title.iter().position(|t| is_organisation_line(t)) {
            let rest = title[k..].join(" ");
            imp.organisation = Some(balanced(&rest).unwrap_or_else(|| tidy(&title[k])));
        } else {
            imp.organisation = organisation_in(&title.join(" "));
        }
    }
    kept
}

/// A text up to the guillemet that closes its first «, or `None` when there is no «.
fn balanced(s: &str) -> Option<String> {
    let open = s.find('«')?;
    let mut depth = 0;
    for (i, c) in s.char_indices().skip_while(|(i, _)| *i < open) {
        match c {
            '«' => depth += 1,
            '»' => {
                depth -= 1;
                if depth == 0 {
                    // «… «Калитино»» closes twice
                    let end = i + '»'.len_utf8();
                    let end = if s[end..].starts_with('»') {
                        end + '»'.len_utf8()
                    } else {
                        end
                    };
                    return Some(tidy(&s[..end]));
                }
            }
            _ => {}
        }
    }
    None
}

/// The same title again (Word documents print it above and below the approval block).
fn repeats(title: &[String], line: &str) -> bool {
    let t = fold(&title.join(" "));
    let l = fold(line);
    t.starts_with(&l) || l.starts_with(&t) && t.len() > 20
}

/// Whether a line goes on with the title above it: it starts lower-case, or continues a title of
/// capitals, or names a place, an organisation or the period («на 2026 год», «в МБОУ …»).
fn continues_title(line: &str, title: &[String]) -> bool {
    let f = fold(line);
    // «ПЛАН» alone: whatever follows names the plan
    if title.len() == 1
        && title[0].split_whitespace().count() <= 2
        && !f.starts_with("утвержд")
        && !f.starts_with("приложение")
        && line.chars().count() <= 300
    {
        return true;
    }
    let first = line.chars().find(|c| c.is_alphanumeric());
    if f.starts_with("приложение")
        || f.starts_with("утвержд")
        || f.starts_with("цель")
        || f.starts_with("задачи")
        || line.chars().count() > 300
    {
        return false;
    }
    first.is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
        || f.starts_with("на ")
        || f.starts_with("в ")
        || f.starts_with("во ")
        || f.starts_with("по ")
        || f.starts_with("с ")
        || f.starts_with('(')
        || f.starts_with('/')
        || f.starts_with('«')
        || f.starts_with('"')
        || is_organisation_line(line)
        || title.last().is_some_and(|t| all_caps(t)) && all_caps(line)
        || f.starts_with("муниципальн")
        || f.starts_with("города")
        || f.starts_with("г.")
        || line.split_whitespace().next().is_some_and(|w| {
            // «Муниципального опорного центра …»: a noun in the genitive going on with «План работы»
            let w = fold(w);
            w.ends_with("ого")
                || w.ends_with("ой")
                || w.ends_with("ых")
                || w.ends_with("ия")
                || w.ends_with("ии")
        }) && !is_organisation_line(line)
            && title.len() < 8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(str::to_owned).collect()
    }

    #[test]
    fn titles_and_years() {
        let mut imp = Imported::default();
        let kept = read(
            &lines(
                "ПЛАН РАБОТЫ\nмуниципального опорного центра дополнительного образования детей (МОЦ)\nгорода Саянска Иркутской области на 2026 год",
            ),
            &mut imp,
        );
        assert!(kept.is_empty(), "{kept:?}");
        assert_eq!(
            imp.title,
            "План работы муниципального опорного центра дополнительного образования детей (МОЦ) города Саянска Иркутской области на 2026 год"
        );
        assert_eq!(imp.year, Some(PlanYear::Calendar(2026)));
        assert_eq!(imp.municipality.as_deref(), Some("город Саянск"));
        let mut imp = Imported::default();
        read(
            &lines(
                "Утверждаю:\nДиректор МОАУ СОШ № 6\n_________ Ю.Б.Крутая\n31.08.2017\nПлан работы зам.директора по УВР Скибиной Н.А.\nпо аттестации педагогических работников\n2017 – 2018 учебный год",
            ),
            &mut imp,
        );
        assert_eq!(imp.year, Some(PlanYear::Academic(2017)));
        assert_eq!(imp.organisation, None);
        assert!(
            imp.approval.contains(&("name", "Ю.Б.Крутая".to_owned())),
            "{:?}",
            imp.approval
        );
        assert!(
            imp.approval
                .contains(&("position", "Директор МОАУ СОШ № 6".to_owned()))
        );
        assert!(
            imp.title.starts_with("План работы зам.директора")
                && imp.title.ends_with("учебный год")
        );
        let mut imp = Imported::default();
        read(
            &lines(
                "Комплекс мер (\"дорожная карта\")\nпо созданию новых мест дополнительного образования детей в Кировской области",
            ),
            &mut imp,
        );
        assert!(imp.title.starts_with("Комплекс мер") && imp.title.ends_with("области"));
    }
}
