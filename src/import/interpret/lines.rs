//! A plan with no table, read line by line.

use super::cells::{is_period, is_time, leading_deadline, row_text};
use super::{State, read_head};
use crate::deadline::PlanYear;
use crate::i18n::fold;
use crate::import::names::only_people;
use crate::import::{
    Imported, ImportedItem, join_hyphenation, leading_number, preamble, section_heading,
};
use crate::tr;

/// A plan with no table: lines «24 ноября. Общешкольная линейка», «11.00 – …», a month line and
/// the activities under it, «Заседание №1 (сентябрь)» and its points.
pub(super) fn no_table(rows: &[Vec<String>], st: &mut State) {
    let lang = st.lang;
    let lines: Vec<String> = rows
        .iter()
        .map(|r| row_text(r))
        .filter(|l| !l.is_empty())
        .collect();
    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    enum Kind {
        Numbered,
        Dated,
        Heading,
        AfterPeriod,
    }
    let year_guess = {
        let mut imp = Imported::default();
        let _ = preamble::read(&lines[..lines.len().min(12)], &mut imp);
        imp.year.unwrap_or(st.year)
    };
    let classify = |l: &str, after_period: bool| -> Option<Kind> {
        let first = l.split_whitespace().next().unwrap_or("");
        if glued_number(l, year_guess).is_some() {
            return Some(Kind::Numbered);
        }
        if is_time(first) || first.ends_with(',') && looks_like_day(first.trim_end_matches(',')) {
            return Some(Kind::Dated);
        }
        if leading_number(l)
            .is_some_and(|(n, _)| n.ends_with('.') || l.trim_start()[n.len()..].starts_with(')'))
        {
            return Some(Kind::Numbered);
        }
        if leading_deadline(l, year_guess).is_some() {
            return Some(Kind::Dated);
        }
        if leading_number(l).is_some_and(|(n, _)| n.contains('.')) {
            return Some(Kind::Numbered);
        }
        let f = fold(l);
        if l.contains('№') && l.split_whitespace().count() <= 6
            || l.trim_end().ends_with(')')
                && l.rfind('(')
                    .is_some_and(|o| is_period(&l[o + 1..l.len() - 1], year_guess))
                && l.split_whitespace().count() <= 8
            || f.starts_with("заседание")
            || f.starts_with("неделя") && l.split_whitespace().count() <= 6
        {
            return Some(Kind::Heading);
        }
        after_period.then_some(Kind::AfterPeriod)
    };
    // where the activities start: the first period line or item line after the title
    let mut head_end = lines.len();
    for (i, l) in lines.iter().enumerate() {
        let prev_period = i > 0 && is_period(&lines[i - 1], year_guess);
        let item_like = classify(l, prev_period).is_some_and(|k| k != Kind::AfterPeriod);
        let roman = section_heading(l)
            .0
            .chars()
            .next()
            .is_some_and(|c| matches!(c, 'I' | 'V' | 'X'));
        if i > 0 && (is_period(l, year_guess) && i + 1 < lines.len() || item_like || roman)
            || i == 0 && item_like && !preamble::is_title_start(l)
        {
            head_end = i;
            break;
        }
    }
    let kept = read_head(&rows_of(&lines[..head_end]), st);
    st.imp.kept.extend(kept);
    let mut kind: Option<Kind> = None;
    let mut after_period = false;
    let mut since_responsible: Vec<(usize, usize)> = Vec::new();
    for l in &lines[head_end..] {
        let f = fold(l);
        // a section: «I. Порядок проведения …», «II.Организационные мероприятия:»
        let (sn, st_title) = section_heading(l);
        if !sn.is_empty() && sn.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L')) {
            st.open_section(&format!("{sn}. {}", st_title.trim_end_matches(':')));
            kind = None;
            after_period = false;
            continue;
        }
        if is_period(l, year_guess) {
            st.set_period(l);
            after_period = true;
            continue;
        }
        // «Ответственные: …», «Форма проведения: …», «Тема: …»
        if let Some((label, value)) = l.split_once(':')
            && label.split_whitespace().count() <= 3
            && !label.chars().any(|c| c.is_ascii_digit())
            && st.items > 0
        {
            let lf = fold(label);
            if lf.starts_with("ответствен") || lf.starts_with("исполнител") || lf.starts_with("отв")
            {
                let value = value.trim().to_owned();
                for (s, i) in since_responsible.drain(..) {
                    if let Some(item) = st.sections.get_mut(s).and_then(|s| s.items.get_mut(i))
                        && item.responsible.is_empty()
                    {
                        item.responsible = value.clone();
                    }
                }
            } else if let Some(item) = st.last_item() {
                item.notes.push(l.clone());
            }
            continue;
        }
        let k = classify(l, after_period);
        let starts = match (k, kind) {
            (Some(k), None) => {
                kind = Some(k);
                true
            }
            (Some(k), Some(kk)) => {
                k == kk || k == Kind::AfterPeriod || kk == Kind::AfterPeriod && k != Kind::Numbered
            }
            (None, _) => false,
        };
        if !starts || st.items == 0 && k.is_none() {
            if let Some(item) = st.last_item() {
                if kind == Some(Kind::Heading) {
                    item.notes.push(l.clone());
                } else {
                    item.title = join_hyphenation(&format!("{} {l}", item.title));
                }
            } else {
                st.imp.kept.push(l.clone());
            }
            continue;
        }
        after_period = false;
        let mut number = String::new();
        let mut text = l.clone();
        let mut deadline = String::new();
        let mut notes = Vec::new();
        if k == Some(Kind::Numbered) {
            if let Some((n, rest)) = glued_number(l, year_guess) {
                number = n;
                text = rest;
            } else if let Some((n, rest)) = leading_number(l) {
                number = n;
                text = rest;
            }
        }
        if let Some((d, rest)) = leading_deadline(&text, year_guess) {
            if is_time(&d) {
                notes.push(tr!(lang, "Время: {d}", "Time: {d}"));
            } else {
                deadline = d;
            }
            text = rest;
        }
        if k == Some(Kind::Heading)
            && let Some(o) = text.rfind('(')
            && text.ends_with(')')
            && is_period(&text[o + 1..text.len() - 1], year_guess)
        {
            deadline = text[o + 1..text.len() - 1].to_owned();
        }
        let _ = f;
        if number.is_empty() {
            number = st.auto_number();
        } else {
            st.next_auto = number.trim_end_matches('.').parse().unwrap_or(st.next_auto);
        }
        let item = ImportedItem {
            number,
            title: text,
            deadline,
            notes,
            ..ImportedItem::default()
        };
        st.push_item(item);
        let s = st.sections.len() - 1;
        let i = st.sections[s].items.len() - 1;
        since_responsible.push((s, i));
    }
    // responsibles in parentheses in a heading's points: «(Корецкая Н.А.)»
    for s in &mut st.sections {
        for it in &mut s.items {
            if it.responsible.is_empty() {
                let mut found: Vec<String> = Vec::new();
                for n in &it.notes {
                    if let Some(o) = n.rfind('(')
                        && n.trim_end().ends_with(')')
                    {
                        let inner = n[o + 1..n.trim_end().len() - 1].trim();
                        if only_people(inner) && !found.iter().any(|f| f == inner) {
                            found.push(inner.to_owned());
                        }
                    }
                }
                it.responsible = found.join(", ");
            }
        }
    }
    st.any_deadline_column = true;
    st.any_responsible_column = true;
    if st.items > 0 {
        st.note(
            None,
            lang.pick(
                "в документе нет таблицы: мероприятия прочитаны по строкам",
                "the document has no table: the items are read line by line",
            )
            .to_owned(),
            false,
        );
    }
}

/// «1.24 ноября. Общешкольная линейка»: the item's number glued to a date → («1.», rest).
fn glued_number(l: &str, year: PlanYear) -> Option<(String, String)> {
    let (n, rest) = l.trim_start().split_once('.')?;
    (n.len() <= 3
        && !n.is_empty()
        && n.chars().all(|c| c.is_ascii_digit())
        && leading_deadline(rest, year).is_some())
    .then(|| (format!("{n}."), rest.trim().to_owned()))
}

/// «21.02»: a day and a month.
fn looks_like_day(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 2
        && parts[0].parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
        && parts[1].parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
}

fn rows_of(lines: &[String]) -> Vec<Vec<String>> {
    lines.iter().map(|l| vec![l.clone()]).collect()
}
