//! The report as one self-contained web page: inline CSS, inline SVG charts, no scripts, no
//! fonts or pictures fetched from anywhere — it opens from a USB stick or an e-mail attachment.
//! Plan text is escaped; the charts are drawn from the same blocks as the Markdown report.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use crate::evaluate::State;
use crate::i18n::{self, Lang};
use crate::render::doc::{Block, Chart, Span};

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
table { border-collapse: collapse; width: 100%; margin: 8px 0 14px; font-size: 12pt; }
th, td { border: 1px solid #444; padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #eef1f5; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr.total td { font-weight: bold; }
figure { margin: 14px 0 20px; }
figcaption { font-weight: bold; margin-bottom: 6px; }
svg { max-width: 100%; height: auto; font-family: Arial, "Liberation Sans", sans-serif; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 11pt; margin-top: 4px; }
.legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: middle; }
hr { border: 0; border-top: 1px solid #999; margin: 24px 0; }
@media print { main { padding: 0; } figure { break-inside: avoid; } }
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
                s.push_str("<table>\n<thead><tr>");
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
                    Chart::Bars { title, bars } => bars_svg(&mut s, chart_no, title, bars, lang),
                    Chart::Timeline {
                        title,
                        from,
                        to,
                        spans,
                    } => timeline_svg(&mut s, chart_no, title, *from, *to, spans, lang),
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

fn shorten(s: &str, n: usize) -> String {
    crate::text::shorten(&crate::text::squash_spaces(s), n)
}

/// Share done by section: one horizontal bar per section, 0–100 %.
fn bars_svg(s: &mut String, no: usize, title: &str, bars: &[(String, Option<f64>)], lang: Lang) {
    if bars.is_empty() {
        return;
    }
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
    // the grid: 0, 25, 50, 75, 100 %
    for k in 0..=4 {
        let x = label_w + bar_w * f64::from(k) / 4.0;
        let _ = writeln!(
            s,
            "<line x1=\"{x:.1}\" y1=\"0\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#ddd\"/>\
             <text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">{} %</text>",
            height - 18.0,
            height - 4.0,
            k * 25
        );
    }
    for (i, (label, share)) in bars.iter().enumerate() {
        let y = row_h * i as f64;
        let _ = write!(
            s,
            "<g><title>{}: {}</title><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"end\">{}</text>",
            esc(label),
            share.map_or_else(|| "—".to_owned(), |v| i18n::percent(lang, v)),
            label_w - 8.0,
            y + 17.0,
            esc(&shorten(label, 55))
        );
        match share {
            Some(v) => {
                let w = (v.clamp(0.0, 100.0) / 100.0 * bar_w).max(1.0);
                let _ = writeln!(
                    s,
                    "<rect class=\"bar\" x=\"{label_w:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"#2c7fb8\"/>\
                     <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\">{}</text></g>",
                    y + 5.0,
                    row_h - 10.0,
                    label_w + w + 4.0,
                    y + 17.0,
                    esc(&i18n::percent(lang, *v))
                );
            }
            None => {
                let _ = writeln!(
                    s,
                    "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#777\">{}</text></g>",
                    label_w + 4.0,
                    y + 17.0,
                    esc(lang.pick("— срок не наступил", "— nothing due yet"))
                );
            }
        }
    }
    s.push_str("</svg>\n</figure>\n");
}

/// The year as a timeline: one line per item from the start to the end of its window, coloured by
/// its state; months along the top; a legend of the states that occur.
fn timeline_svg(
    s: &mut String,
    no: usize,
    title: &str,
    from: NaiveDate,
    to: NaiveDate,
    spans: &[Span],
    lang: Lang,
) {
    if spans.is_empty() || to < from {
        return;
    }
    let (label_w, plot_w, row_h, top) = (300.0_f64, 640.0_f64, 14.0_f64, 22.0_f64);
    let width = label_w + plot_w + 10.0;
    let height = top + row_h * spans.len() as f64 + 6.0;
    let days = (to - from).num_days().max(1) as f64;
    let x_of = |d: NaiveDate| {
        let d = d.clamp(from, to + chrono::Duration::days(1));
        label_w + plot_w * (d - from).num_days() as f64 / (days + 1.0)
    };
    let _ = write!(
        s,
        "<figure class=\"chart timeline\" id=\"chart-{no}\">\n<figcaption>{}</figcaption>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {width} {height:.1}\" \
         width=\"{width}\" height=\"{height:.1}\" aria-label=\"{}\">\n",
        esc(title),
        esc(title)
    );
    // month boundaries
    let mut m = NaiveDate::from_ymd_opt(from.year(), from.month(), 1).unwrap_or(from);
    while m <= to {
        let x = x_of(m.max(from));
        let _ = writeln!(
            s,
            "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{height:.1}\" stroke=\"#e3e3e3\"/>\
             <text x=\"{:.1}\" y=\"14\" font-size=\"10\" fill=\"#555\">{}</text>",
            top - 4.0,
            x + 2.0,
            esc(&month_abbr(lang, m.month()))
        );
        m = m
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(to + chrono::Duration::days(1));
    }
    for (i, sp) in spans.iter().enumerate() {
        let y = top + row_h * i as f64;
        let x1 = x_of(sp.start);
        let x2 = x_of(sp.end + chrono::Duration::days(1)).max(x1 + 2.0);
        let _ = writeln!(
            s,
            "<g><title>{} — {} … {}: {}</title>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"end\">{}</text>\
             <rect class=\"span\" x=\"{x1:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"2\" fill=\"{}\"/></g>",
            esc(&crate::text::squash_spaces(&sp.label)),
            i18n::short_date(lang, sp.start),
            i18n::short_date(lang, sp.end),
            esc(&sp.state_label),
            label_w - 6.0,
            y + 10.0,
            esc(&shorten(&sp.label, 48)),
            y + 2.0,
            x2 - x1,
            row_h - 4.0,
            state_colour(sp.state)
        );
    }
    s.push_str("</svg>\n<div class=\"legend\">");
    for st in State::ALL {
        if spans.iter().any(|sp| sp.state == st) {
            let _ = write!(
                s,
                "<span><i style=\"background:{}\"></i>{}</span>",
                state_colour(st),
                esc(st.label(lang))
            );
        }
    }
    s.push_str("</div>\n</figure>\n");
}

fn month_abbr(lang: Lang, m: u32) -> String {
    let name = i18n::month_name(lang, m);
    name.chars().take(3).collect()
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

    #[test]
    fn timeline_draws_every_span() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap_or_default();
        let spans: Vec<Span> = (1..=3)
            .map(|i| Span {
                label: format!("1.{i}"),
                start: d(i, 1),
                end: d(i, 28),
                state: State::Done,
                state_label: "выполнено".into(),
            })
            .collect();
        let mut s = String::new();
        timeline_svg(&mut s, 1, "год", d(1, 1), d(12, 31), &spans, Lang::Ru);
        assert_eq!(s.matches("class=\"span\"").count(), 3);
        assert_eq!(s.matches("<line").count(), 12, "a line per month");
        assert!(s.contains("янв"));
    }
}
