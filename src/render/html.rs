//! The report as one self-contained web page: inline CSS, inline SVG charts, no scripts, no
//! fonts or pictures fetched from anywhere — it opens from a USB stick or an e-mail attachment.
//! Plan text is escaped; the charts are drawn from the same blocks as the Markdown report.

mod timeline;

use std::fmt::Write as _;

use crate::evaluate::State;
use crate::i18n::{self, Lang};
use crate::render::doc::{Block, Chart};

pub(crate) use timeline::timeline_span;

/// Escape text for HTML element content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if crate::text::needs_escape(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Escaped text with its line breaks kept as `<br>`.
fn lines(s: &str) -> String {
    esc(s.trim()).replace("\r\n", "\n").replace('\n', "<br>")
}

const STYLE: &str = r#"
:root { color-scheme: light; }
body { font-family: "Times New Roman", Times, "Liberation Serif", serif; font-size: 14pt;
       line-height: 1.35; color: #111; background: #fff; margin: 0; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 48px; }
h1 { font-size: 16pt; text-align: center; margin: 12px 0 16px; }
h2 { font-size: 15pt; margin: 28px 0 10px; }
h3 { font-size: 14pt; margin: 20px 0 8px; }
h4 { font-size: 13pt; margin: 16px 0 6px; }
.stamp { margin-left: auto; width: max-content; max-width: 45%; font-size: 12pt; text-align: left; }
.stamp b { display: block; }
p { margin: 6px 0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 14px; font-size: 12pt;
        table-layout: fixed; }
th, td { border: 1px solid #444; padding: 4px 6px; vertical-align: top; text-align: left;
         overflow-wrap: break-word; }
th { background: #eef1f5; }
td.num, th.num { text-align: right; }
td.num { white-space: nowrap; }
tr.total td { font-weight: bold; }
figure { margin: 14px 0 20px; }
figcaption { font-weight: bold; margin-bottom: 6px; }
svg { max-width: 100%; height: auto; font-family: Arial, "Liberation Sans", sans-serif; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 11pt; margin-top: 4px; }
.legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: middle; }
.legend i.former { width: 10px; height: 10px; }
p.undated { font-size: 11pt; margin-top: 4px; }
hr { border: 0; border-top: 1px solid #999; margin: 24px 0; }
@media screen and (max-width: 1060px) {
  /* a narrow window: the browser sizes the columns, so that no word is cut */
  table { table-layout: auto; }
}
@page { size: A4 landscape; margin: 15mm 12mm 15mm 15mm; }
@media print {
  html, body { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 12pt; }
  main { max-width: none; padding: 0; }
  table { font-size: 11pt; }
  thead { display: table-header-group; }
  tr, th, td { break-inside: avoid; page-break-inside: avoid; }
  h1, h2, h3, h4, figcaption { break-after: avoid; page-break-after: avoid; }
  figure { break-inside: avoid; page-break-inside: avoid; }
  svg { width: 100%; max-width: 100%; height: auto; }
}
"#;

/// The colour of a state on the timeline.
pub(crate) fn state_colour(s: State) -> &'static str {
    match s {
        State::Overdue => "#d62728",
        State::DueSoon => "#ff9f1c",
        State::InProgress => "#1f77b4",
        State::NotStarted => "#9aa5b1",
        State::YearRound => "#6baed6",
        State::OnDemand => "#b39ddb",
        State::Postponed => "#8c564b",
        State::PartlyDone => "#bcbd22",
        State::Done => "#2ca02c",
        State::Cancelled => "#c7c7c7",
        State::Unknown => "#7f7f7f",
    }
}

/// The whole page.
pub(crate) fn page(blocks: &[Block], title: &str, lang: Lang) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"moc\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        match lang {
            Lang::Ru => "ru",
            Lang::En => "en",
        },
        esc(title)
    );
    let widths = column_widths(blocks);
    let mut chart_no = 0usize;
    for b in blocks {
        match b {
            Block::Stamp(ls) => {
                s.push_str("<div class=\"stamp\">");
                for (i, l) in ls.iter().enumerate() {
                    if i == 0 {
                        let _ = write!(s, "<b>{}</b>", esc(l));
                    } else {
                        let _ = write!(s, "{}<br>", esc(l));
                    }
                }
                s.push_str("</div>\n");
            }
            Block::Heading(level, t) => {
                let l = (*level).clamp(1, 6);
                let _ = writeln!(s, "<h{l}>{}</h{l}>", esc(t));
            }
            Block::Facts(ls) => {
                s.push_str("<p>");
                for (i, pairs) in ls.iter().enumerate() {
                    if i > 0 {
                        s.push_str("<br>");
                    }
                    let parts: Vec<String> = pairs
                        .iter()
                        .map(|(k, v)| format!("<b>{}</b> {}", esc(k), esc(v)))
                        .collect();
                    s.push_str(&parts.join(" · "));
                }
                s.push_str("</p>\n");
            }
            Block::BoldLines(ls) => {
                let parts: Vec<String> = ls.iter().map(|l| format!("<b>{}</b>", esc(l))).collect();
                let _ = writeln!(s, "<p>{}</p>", parts.join("<br>"));
            }
            Block::Labeled(k, v) => {
                let _ = writeln!(s, "<p><b>{}</b> {}</p>", esc(k), lines(v));
            }
            Block::Para(t) => {
                let _ = writeln!(s, "<p>{}</p>", lines(t));
            }
            Block::Bullets(items) => {
                s.push_str("<ul>\n");
                for i in items {
                    let _ = writeln!(s, "<li>{}</li>", lines(i));
                }
                s.push_str("</ul>\n");
            }
            Block::Table(t) => {
                s.push_str("<table>\n<colgroup>");
                let cols = widths.get(&t.head).map_or(&[][..], Vec::as_slice);
                for w in cols {
                    let _ = write!(s, "<col style=\"width:{w:.1}%\">");
                }
                s.push_str("</colgroup>\n<thead><tr>");
                for (i, h) in t.head.iter().enumerate() {
                    let class = if t.right.get(i).copied().unwrap_or(false) {
                        " class=\"num\""
                    } else {
                        ""
                    };
                    let _ = write!(s, "<th{class}>{}</th>", esc(h));
                }
                s.push_str("</tr></thead>\n<tbody>\n");
                for row in &t.rows {
                    let total = !row.is_empty() && row.iter().all(|c| c.bold);
                    s.push_str(if total {
                        "<tr class=\"total\">"
                    } else {
                        "<tr>"
                    });
                    for (i, c) in row.iter().enumerate() {
                        let class = if t.right.get(i).copied().unwrap_or(false) {
                            " class=\"num\""
                        } else {
                            ""
                        };
                        let body = lines(&c.text);
                        if c.bold && !total {
                            let _ = write!(s, "<td{class}><b>{body}</b></td>");
                        } else {
                            let _ = write!(s, "<td{class}>{body}</td>");
                        }
                    }
                    s.push_str("</tr>\n");
                }
                s.push_str("</tbody>\n</table>\n");
            }
            Block::Chart(chart) => {
                chart_no += 1;
                match chart {
                    Chart::Bars { title, bars } => {
                        bars_svg(&mut s, chart_no, title, bars, None, lang);
                    }
                    Chart::Values { title, unit, bars } => {
                        bars_svg(&mut s, chart_no, title, bars, Some(unit), lang);
                    }
                    Chart::Timeline {
                        title,
                        from,
                        to,
                        spans,
                    } => timeline::timeline_svg(&mut s, chart_no, title, *from, *to, spans, lang),
                }
            }
            Block::Rule => s.push_str("<hr>\n"),
            Block::Signature(sig) => signature(&mut s, sig),
        }
    }
    s.push_str("</main>\n</body>\n</html>\n");
    s
}

/// The signature under a report: «position ____ name», then the notes («Исполнитель: …») a line
/// each.
fn signature(s: &mut String, sig: &crate::render::doc::Signature) {
    s.push_str("<div class=\"signature\">");
    if !sig.position.trim().is_empty() || !sig.name.trim().is_empty() {
        let _ = write!(
            s,
            "<p>{} {} {}</p>",
            esc(sig.position.trim()),
            crate::render::doc::SIGN_HERE,
            esc(sig.name.trim())
        );
    }
    let notes: Vec<String> = sig
        .notes
        .iter()
        .filter(|n| !n.trim().is_empty())
        .map(|n| esc(n.trim()))
        .collect();
    if !notes.is_empty() {
        let _ = write!(s, "<p>{}</p>", notes.join("<br>"));
    }
    s.push_str("</div>\n");
}

/// The width a table is laid out in, in characters of its 12-point text (A4 landscape, or a
/// 1100-pixel page, holds about this many; in a narrower window the browser lays the columns out
/// itself, see the style).
const TABLE_CHARS: f64 = 130.0;

/// Column widths in percent, one set per table header: tables with the same header (the
/// section tables of a report) get the same widths, so their columns line up from table to
/// table. Every column gets room for its longest word (a header in bold a little more); what
/// is left goes to the columns by how much longer their cells are on average — the activity
/// and the result wide, numbers and dates narrow.
fn column_widths(blocks: &[Block]) -> std::collections::HashMap<Vec<String>, Vec<f64>> {
    use std::collections::HashMap;
    let mut groups: HashMap<&[String], Vec<&crate::render::doc::Table>> = HashMap::new();
    for b in blocks {
        if let Block::Table(t) = b {
            groups.entry(t.head.as_slice()).or_default().push(t);
        }
    }
    let longest_word = |s: &str| {
        s.split_whitespace()
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0) as f64
    };
    let pad = 1.6;
    groups
        .into_iter()
        .map(|(head, tables)| {
            let n = head.len();
            let mut min = vec![0.0_f64; n];
            // the text of a column's filled cells, and how many there are
            let mut need = vec![0.0_f64; n];
            let mut filled = vec![0usize; n];
            for (c, h) in head.iter().enumerate() {
                // a header is bold capitals and letters, wider than the digits below it
                min[c] = longest_word(h) * 1.3;
            }
            for t in &tables {
                for row in &t.rows {
                    for (c, cell) in row.iter().enumerate().take(n) {
                        let bold = if cell.bold { 1.1 } else { 1.0 };
                        min[c] = min[c].max(longest_word(&cell.text) * bold);
                        let len = cell.text.trim().chars().count();
                        if len > 0 {
                            need[c] += len as f64 * bold;
                            filled[c] += 1;
                        }
                    }
                }
            }
            let right = tables.first().map(|t| t.right.clone()).unwrap_or_default();
            let number = |c: usize| right.get(c).copied().unwrap_or(false);
            for c in 0..n {
                min[c] = min[c].min(20.0) + pad;
                need[c] = (need[c] / filled[c].max(1) as f64 + pad).max(min[c]);
                if number(c) && (0..n).any(|k| !number(k)) {
                    // a column of numbers gets what its numbers need; the room left goes to text
                    min[c] = need[c];
                }
            }
            let floor: f64 = min.iter().sum();
            let more: Vec<f64> = (0..n).map(|c| need[c] - min[c]).collect();
            let more_sum: f64 = more.iter().sum();
            let widths: Vec<f64> = if floor >= TABLE_CHARS || more_sum <= 0.0 {
                min
            } else {
                let extra = TABLE_CHARS - floor;
                (0..n)
                    .map(|c| min[c] + extra * more[c] / more_sum)
                    .collect()
            };
            let total: f64 = widths.iter().sum::<f64>().max(1.0);
            (
                head.to_vec(),
                widths.iter().map(|w| w / total * 100.0).collect(),
            )
        })
        .collect()
}

fn shorten(s: &str, n: usize) -> String {
    crate::text::shorten(&crate::text::squash_spaces(s), n)
}

/// Horizontal bars: shares done (`unit` `None`), 0–100 %; or values of an indicator in
/// `unit`, scaled to the largest (a percentage still on 0–100 %).
fn bars_svg(
    s: &mut String,
    no: usize,
    title: &str,
    bars: &[(String, Option<f64>)],
    unit: Option<&str>,
    lang: Lang,
) {
    if bars.is_empty() {
        return;
    }
    let top = match unit {
        Some(u) if u != "%" => bars
            .iter()
            .filter_map(|(_, v)| *v)
            .fold(0.0_f64, f64::max)
            .max(1.0),
        _ => 100.0,
    };
    // the grid's marks: whole numbers for counts above ten
    let mark = |v: f64| {
        if top > 10.0 && unit.is_some_and(|u| u != "%") {
            v.round()
        } else {
            v
        }
    };
    let shown = |v: f64| match unit {
        Some(u) if u != "%" => {
            let n = if v.fract().abs() < 1e-9 {
                i18n::group_thousands(lang, v.abs() as u64)
            } else {
                i18n::decimal(lang, v, 1)
            };
            if u.is_empty() { n } else { format!("{n} {u}") }
        }
        _ => i18n::percent(lang, v),
    };
    let (label_w, bar_w, row_h) = (380.0_f64, 480.0_f64, 26.0_f64);
    let width = label_w + bar_w + 70.0;
    let height = row_h * bars.len() as f64 + 30.0;
    let _ = write!(
        s,
        "<figure class=\"chart bars\" id=\"chart-{no}\">\n<figcaption>{}</figcaption>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {width} {height}\" \
         width=\"{width}\" height=\"{height}\" aria-label=\"{}\">\n",
        esc(title),
        esc(title)
    );
    // the grid: 0, 25, 50, 75, 100 % of the top
    for k in 0..=4 {
        let x = label_w + bar_w * f64::from(k) / 4.0;
        let _ = writeln!(
            s,
            "<line x1=\"{x:.1}\" y1=\"0\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#ddd\"/>\
             <text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">{}</text>",
            height - 18.0,
            height - 4.0,
            esc(&shown(mark(top * f64::from(k) / 4.0)))
        );
    }
    for (i, (label, share)) in bars.iter().enumerate() {
        let y = row_h * i as f64;
        let _ = write!(
            s,
            "<g><title>{}: {}</title><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"end\">{}</text>",
            esc(label),
            share.map_or_else(|| "—".to_owned(), shown),
            label_w - 8.0,
            y + 17.0,
            esc(&shorten(label, 55))
        );
        match share {
            Some(v) => {
                let w = (v.clamp(0.0, top) / top * bar_w).max(1.0);
                let _ = writeln!(
                    s,
                    "<rect class=\"bar\" x=\"{label_w:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"#2c7fb8\"/>\
                     <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\">{}</text></g>",
                    y + 5.0,
                    row_h - 10.0,
                    label_w + w + 4.0,
                    y + 17.0,
                    esc(&shown(*v))
                );
            }
            None => {
                let _ = writeln!(
                    s,
                    "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#777\">{}</text></g>",
                    label_w + 4.0,
                    y + 17.0,
                    esc(if unit.is_some() {
                        lang.pick("— нет данных", "— no data")
                    } else {
                        lang.pick("— срок не наступил", "— nothing due yet")
                    })
                );
            }
        }
    }
    s.push_str("</svg>\n</figure>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::doc::{Cell, Table};

    #[test]
    fn plan_text_is_escaped() {
        let blocks = vec![
            Block::Heading(1, "<script>alert(1)</script>".into()),
            Block::Table(Table {
                head: vec!["a".into()],
                right: vec![false],
                rows: vec![vec![Cell::plain("x & y\n\"z\"")]],
            }),
        ];
        let page = page(&blocks, "t", Lang::Ru);
        assert!(!page.contains("<script>"));
        assert!(page.contains("&lt;script&gt;"));
        assert!(page.contains("<td>x &amp; y<br>&quot;z&quot;</td>"));
    }

    fn table(head: &[&str], rows: &[&[&str]]) -> Block {
        Block::Table(Table {
            head: head.iter().map(|h| (*h).to_owned()).collect(),
            right: head.iter().map(|h| *h == "Всего").collect(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| Cell::plain(*c)).collect())
                .collect(),
        })
    }

    fn colgroups(page: &str) -> Vec<&str> {
        page.split("<colgroup>")
            .skip(1)
            .filter_map(|c| c.split("</colgroup>").next())
            .collect()
    }

    #[test]
    fn tables_with_one_header_share_their_column_widths() {
        let head = ["№", "Мероприятие", "Срок", "Результат исполнения"];
        let blocks = vec![
            table(&head, &[&["1.1", "Короткое", "Июнь 2026", "Выполнено"]]),
            table(
                &head,
                &[&[
                    "2.1",
                    "Очень длинное название мероприятия, которое занимает несколько строк таблицы",
                    "Апрель – май 2026г.",
                    "Проведено три семинара для педагогов дополнительного образования района",
                ]],
            ),
            table(&["Раздел", "Всего"], &[&["1. Раздел", "12"]]),
        ];
        let page = page(&blocks, "t", Lang::Ru);
        let groups = colgroups(&page);
        assert_eq!(groups.len(), 3);
        assert_eq!(groups[0], groups[1], "the section tables line up");
        let widths: Vec<f64> = groups[0]
            .split("width:")
            .skip(1)
            .filter_map(|w| w.split('%').next()?.parse().ok())
            .collect();
        assert_eq!(widths.len(), 4);
        assert!(
            (widths.iter().sum::<f64>() - 100.0).abs() < 0.5,
            "{widths:?}"
        );
        // the number narrow, the activity and the result wide
        assert!(
            widths[0] < 6.0 && widths[1] > 20.0 && widths[3] > 20.0,
            "{widths:?}"
        );
        assert!(page.contains("table-layout: fixed"));
    }

    #[test]
    fn the_page_prints_on_a4_landscape() {
        let page = page(&[Block::Para("x".into())], "t", Lang::Ru);
        assert!(page.contains("@page { size: A4 landscape;"));
        assert!(page.contains("thead { display: table-header-group; }"));
        assert!(page.contains("break-inside: avoid"));
    }
}
