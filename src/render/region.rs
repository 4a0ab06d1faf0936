//! The region's part of a report over several municipalities ([`crate::region::Region`]) as
//! blocks: the summary with this year beside the year before, who has no plan for the year,
//! the region's indicators added up against its targets (each with its municipalities), the
//! charts of the web page, and the work that slipped, by municipality. The same blocks make the
//! Markdown, the Word document and the web page.

use crate::i18n::{self, Lang, plural};
use crate::indicators::Rollup;
use crate::region::{Region, RegionIndicator, Total};
use crate::render::doc::{Block, Cell, Chart, Table};
use crate::report::Counts;
use crate::tr;

/// A number as a methodist writes it: «1 212», «79,2».
fn number(lang: Lang, x: f64) -> String {
    if x.fract().abs() < 1e-9 && x.abs() < 1e15 {
        let digits = i18n::group_thousands(lang, x.abs() as u64);
        if x < 0.0 {
            format!("−{digits}")
        } else {
            digits
        }
    } else {
        i18n::decimal(lang, x, 1)
    }
}

/// A value with its unit: «79,2 %», «1 212».
fn value(lang: Lang, x: Option<f64>, unit: &str) -> String {
    match x {
        None => "—".to_owned(),
        Some(v) if unit == "%" => i18n::percent(lang, v),
        Some(v) => number(lang, v),
    }
}

fn share(lang: Lang, c: Option<&Counts>) -> String {
    c.and_then(|c| c.share_done)
        .map_or_else(|| "—".to_owned(), |v| i18n::percent(lang, v))
}

/// The change of a share in percentage points: «+4,1 п. п.».
fn change(lang: Lang, now: Option<f64>, before: Option<f64>) -> String {
    match (now, before) {
        (Some(a), Some(b)) => {
            let d = a - b;
            let sign = if d > 0.05 {
                "+"
            } else if d < -0.05 {
                "−"
            } else {
                ""
            };
            let abs = i18n::decimal(lang, d.abs(), 1);
            tr!(lang, "{sign}{abs} п. п.", "{sign}{abs} pp")
        }
        _ => "—".to_owned(),
    }
}

/// The heading of the region's report.
pub(crate) fn title(r: &Region, lang: Lang) -> String {
    let year = r.year_words(lang);
    match (&r.name, lang) {
        (Some(n), Lang::Ru) => {
            format!("Отчёт о деятельности муниципальных опорных центров за {year}: {n}")
        }
        (None, Lang::Ru) => format!("Отчёт о деятельности муниципальных опорных центров за {year}"),
        (Some(n), Lang::En) => format!("Activity of the municipal support centres in {year}: {n}"),
        (None, Lang::En) => format!("Activity of the municipal support centres in {year}"),
    }
}

/// The region's part before the work that slipped: the title, the summary, who has no plan,
/// the indicators.
fn opening(r: &Region, lang: Lang) -> Vec<Block> {
    let (year, before) = (r.label(r.year), r.label(r.previous));
    let words = r.year_words(lang);
    let mut b = vec![Block::Heading(1, title(r, lang))];
    let with_plan = r.municipalities.iter().filter(|m| m.now.is_some()).count();
    let mut facts = Vec::new();
    if let Some(n) = &r.name {
        facts.push((lang.pick("Регион:", "Region:").to_owned(), n.clone()));
    }
    facts.push((
        lang.pick("Сформирован:", "Generated:").to_owned(),
        i18n::long_date(lang, r.as_of),
    ));
    facts.push((
        tr!(lang, "Планов на {words}:", "Plans for {words}:"),
        tr!(
            lang,
            "{with_plan} из {}",
            "{with_plan} of {}",
            with_plan + r.missing.len()
        ),
    ));
    b.push(Block::Facts(vec![facts]));

    // the summary, this year beside the year before
    b.push(Block::Heading(
        2,
        lang.pick("Сводка по муниципалитетам", "Summary by municipality")
            .to_owned(),
    ));
    let mut rows: Vec<Vec<Cell>> = r
        .municipalities
        .iter()
        .map(|m| {
            let now = m.now.as_ref();
            let n =
                |f: fn(&Counts) -> usize| now.map_or_else(|| "—".to_owned(), |c| f(c).to_string());
            // two files of one municipality for the year are added up: say so by the name
            let name = if m.files.len() > 1 {
                tr!(
                    lang,
                    "{} (планов: {})",
                    "{} ({} plans)",
                    m.name,
                    m.files.len()
                )
            } else {
                m.name.clone()
            };
            vec![
                Cell::plain(name),
                Cell::plain(n(|c| c.items)),
                Cell::plain(n(|c| c.done)),
                Cell::plain(n(|c| c.overdue)),
                Cell::plain(if now.is_some() {
                    share(lang, now)
                } else {
                    lang.pick("нет плана", "no plan").to_owned()
                }),
                Cell::plain(share(lang, m.before.as_ref())),
                Cell::plain(change(
                    lang,
                    now.and_then(|c| c.share_done),
                    m.before.as_ref().and_then(|c| c.share_done),
                )),
            ]
        })
        .collect();
    rows.push(vec![
        Cell::bold(lang.pick("Всего по региону", "Region total")),
        Cell::bold(r.total.items.to_string()),
        Cell::bold(r.total.done.to_string()),
        Cell::bold(r.total.overdue.to_string()),
        Cell::bold(share(lang, Some(&r.total))),
        Cell::bold(share(lang, r.total_before.as_ref())),
        Cell::bold(change(
            lang,
            r.total.share_done,
            r.total_before.as_ref().and_then(|c| c.share_done),
        )),
    ]);
    let mut head = vec![
        lang.pick("Муниципалитет", "Municipality").to_owned(),
        lang.pick("Мероприятий", "Items").to_owned(),
        lang.pick("Выполнено", "Done").to_owned(),
        lang.pick("Просрочено", "Overdue").to_owned(),
        tr!(lang, "Выполнение {year}", "Share done {year}"),
        tr!(lang, "Выполнение {before}", "Share done {before}"),
        lang.pick("Изменение", "Change").to_owned(),
    ];
    if r.total_before.is_none() {
        // no plans of the year before: nothing to set beside
        head.truncate(5);
        for row in &mut rows {
            row.truncate(5);
        }
    }
    let right = (0..head.len()).map(|k| k > 0).collect();
    b.push(Block::Table(Table { head, right, rows }));
    b.push(Block::Para(lang.pick(
        "Выполнение — доля выполненного из мероприятий, срок которых наступил (как в отчёте каждого плана); \
         итог по региону — из суммы мероприятий всех планов, а не среднее процентов.",
        "Share done: the share of the items due that were done (as in each plan's report); the region's \
         total comes from all plans' items together, not from the mean of the percentages.",
    ).to_owned()));
    let bars: Vec<(String, Option<f64>)> = r
        .municipalities
        .iter()
        .filter(|m| m.now.is_some())
        .map(|m| (m.name.clone(), m.now.as_ref().and_then(|c| c.share_done)))
        .collect();
    b.push(Block::Chart(Chart::Bars {
        title: tr!(
            lang,
            "Выполнение планов по муниципалитетам, {words}",
            "Share done of the plans by municipality, {words}"
        ),
        bars,
    }));

    // who has no plan, or nothing in it
    b.push(Block::Heading(
        2,
        tr!(lang, "Нет плана на {words}", "No plan for {words}"),
    ));
    if r.missing.is_empty() {
        b.push(Block::Para(tr!(
            lang,
            "У всех муниципалитетов, у которых были планы прошлых лет, есть план на {words}.",
            "Every municipality with a plan for an earlier year has one for {words}."
        )));
    } else {
        b.push(Block::Bullets(
            r.missing
                .iter()
                .map(|m| {
                    tr!(
                        lang,
                        "{} — последний план за {} ({})",
                        "{} — the latest plan is for {} ({})",
                        m.name,
                        if r.academic {
                            tr!(
                                lang,
                                "{} учебный год",
                                "the school year {}",
                                r.label(m.last_year)
                            )
                        } else {
                            tr!(lang, "{} год", "{}", m.last_year)
                        },
                        m.last_file
                    )
                })
                .collect(),
        ));
    }
    if !r.no_data.is_empty() {
        b.push(Block::Para(tr!(
            lang,
            "План на {words} есть, но ничего не отмечено (ни результатов, ни хода работы, ни показателей):",
            "A plan for {words}, with nothing recorded in it (no results, progress or indicators):"
        )));
        b.push(Block::Bullets(r.no_data.clone()));
    }

    indicators(&mut b, r, lang);

    b
}

/// The region's part, from the title to the work that slipped (moved out of `r` into its
/// tables): the web page's and the Word document's.
pub(crate) fn blocks(r: &mut Region, lang: Lang) -> Vec<Block> {
    let mut b = opening(r, lang);
    b.extend(slipped_opening(r, lang));
    // moved into the tables, not copied: a region's slipped work is tens of thousands of rows
    for (name, slips) in std::mem::take(&mut r.slipped) {
        b.push(slipped_heading(&name, slips.len(), lang));
        debug_assert!(slips.markdown.is_empty(), "rows written for Markdown only");
        b.push(Block::Table(Table {
            head: slipped_head(lang),
            right: vec![false; 5],
            rows: slips.items.into_iter().map(|s| slip_row(s, lang)).collect(),
        }));
    }
    b
}

/// The region's part as Markdown, in pieces: [`opening`] on the machine's cores, then the work
/// that slipped, each municipality's table from the rows written where its plans were read
/// ([`write_slipped`]) — the same text as [`blocks`] makes.
pub(crate) fn markdown(r: &mut Region, lang: Lang) -> Vec<String> {
    let mut pieces = crate::render::doc::markdown_pieces(&opening(r, lang));
    let mut s = String::new();
    crate::render::doc::markdown_into(&mut s, &slipped_opening(r, lang));
    let head = slipped_head(lang);
    for (name, mut slips) in std::mem::take(&mut r.slipped) {
        crate::render::doc::markdown_into(&mut s, &[slipped_heading(&name, slips.len(), lang)]);
        crate::render::doc::table_head_into(&mut s, &head, &[false; 5]);
        // rows not yet written where the plans were read, written here
        write_slipped(&mut slips, lang);
        // handed on as they are, not copied
        pieces.push(std::mem::take(&mut s));
        pieces.push(slips.markdown);
        s.push('\n');
    }
    pieces.push(s);
    pieces
}

/// The rows of a plan's slipped work as Markdown, made on the core that read it (for
/// [`markdown`]).
pub(crate) fn write_slipped(slipped: &mut crate::region::Slipped, lang: Lang) {
    for s in std::mem::take(&mut slipped.items) {
        let state = slip_state(&s, lang);
        crate::render::doc::plain_row_into(
            &mut slipped.markdown,
            &[&s.number, &s.title, &s.deadline, &s.responsible, &state],
        );
        slipped.written += 1;
    }
}

/// The work that slipped: its heading, and the line that says when there is none.
fn slipped_opening(r: &Region, lang: Lang) -> Vec<Block> {
    let mut b = vec![Block::Heading(
        2,
        lang.pick(
            "Просроченное и невыполненное по муниципалитетам",
            "Overdue and not done, by municipality",
        )
        .to_owned(),
    )];
    if r.slipped.is_empty() {
        b.push(Block::Para(
            lang.pick(
                "Просроченного и невыполненного нет.",
                "Nothing overdue or not done.",
            )
            .to_owned(),
        ));
    }
    b
}

/// A municipality's heading in the work that slipped: «… — 63 мероприятия».
fn slipped_heading(name: &str, n: usize, lang: Lang) -> Block {
    let n = plural(
        lang,
        n as u64,
        ["мероприятие", "мероприятия", "мероприятий"],
        ["item", "items"],
    );
    Block::Heading(3, format!("{name} — {n}"))
}

fn slipped_head(lang: Lang) -> Vec<String> {
    [
        "№",
        lang.pick("Мероприятие", "Activity"),
        lang.pick("Срок", "Deadline"),
        lang.pick("Ответственные", "Responsible"),
        lang.pick("Состояние", "State"),
    ]
    .map(str::to_owned)
    .to_vec()
}

/// A row of the work that slipped: number, title, deadline, responsibles, state (and why).
fn slip_row(s: crate::region::Slip, lang: Lang) -> Vec<Cell> {
    let state = slip_state(&s, lang).into_owned();
    [s.number, s.title, s.deadline, s.responsible, state]
        .map(Cell::plain)
        .to_vec()
}

/// A slipped item's state, and why when it was postponed or cancelled: «перенесено; причина: …».
fn slip_state(s: &crate::region::Slip, lang: Lang) -> std::borrow::Cow<'_, str> {
    match &s.reason {
        Some(why) => tr!(lang, "{}; причина: {why}", "{}; reason: {why}", s.state).into(),
        None => s.state.as_str().into(),
    }
}

/// «Показатели региона»: the table of the region's figures, the note on how they add up, then
/// each indicator with its municipalities (and, on the web page, over the years).
fn indicators(b: &mut Vec<Block>, r: &Region, lang: Lang) {
    let (year, before) = (r.label(r.year), r.label(r.previous));
    b.push(Block::Heading(
        2,
        lang.pick("Показатели региона", "The region's indicators")
            .to_owned(),
    ));
    if r.indicators.is_empty() {
        b.push(Block::Para(
            lang.pick(
                "Ни в одном плане года нет показателей с кодом (id) — складывать нечего. Код \
                 подсказывает moc check; список кодов — moc indicator list.",
                "No plan of the year has indicators with an id, so there is nothing to add up. \
                 moc check offers the id; the list of ids: moc indicator list.",
            )
            .to_owned(),
        ));
    } else {
        let rows = r
            .indicators
            .iter()
            .map(|i| {
                let of = r.municipalities.iter().filter(|m| m.now.is_some()).count();
                vec![
                    Cell::plain(i.name.clone()),
                    Cell::plain(unit_text(&i.unit)),
                    Cell::plain(value(
                        lang,
                        i.before.as_ref().and_then(|t| t.value),
                        &i.unit,
                    )),
                    Cell::bold(value(lang, i.now.value, &i.unit)),
                    Cell::plain(value(lang, i.target, &i.unit)),
                    Cell::plain(met(lang, i)),
                    Cell::plain(tr!(lang, "{} из {of}", "{} of {of}", i.now.reported_by)),
                ]
            })
            .collect();
        let mut head = vec![
            lang.pick("Показатель", "Indicator").to_owned(),
            lang.pick("Ед.", "Unit").to_owned(),
            before.clone(),
            year.clone(),
            lang.pick("Цель региона", "Region's target").to_owned(),
            lang.pick("Достижение цели", "Target reached").to_owned(),
            lang.pick("Данные", "Reported by").to_owned(),
        ];
        let mut right = vec![false, false, true, true, true, false, true];
        let mut rows: Vec<Vec<Cell>> = rows;
        if r.indicators.iter().all(|i| i.target.is_none()) {
            // no targets in moc.toml: no columns for them
            head.drain(4..6);
            right.drain(4..6);
            for row in &mut rows {
                row.drain(4..6);
            }
        }
        b.push(Block::Table(Table { head, right, rows }));
        b.push(Block::Para(lang.pick(
            "Количества — сумма значений муниципалитетов. Доли — из суммы числителей и суммы знаменателей \
             муниципалитетов (не среднее их процентов); муниципалитет, указавший только процент без \
             числителя и знаменателя, в долю региона не входит и назван под показателем. Цели региона — \
             из moc.toml.",
            "Counts: the sum of the municipalities' values. Shares: from the summed numerators and the \
             summed denominators (not the mean of the percentages); a municipality that gave only a \
             percentage without counts is not in the region's share and is named under the indicator. \
             The region's targets come from moc.toml.",
        ).to_owned()));
    }
    for i in &r.indicators {
        b.push(Block::Heading(3, i.name.clone()));
        let is_share = matches!(i.rollup, Rollup::Share { .. });
        let mut head = vec![
            lang.pick("Муниципалитет", "Municipality").to_owned(),
            before.clone(),
            year.clone(),
            lang.pick("План", "Target").to_owned(),
        ];
        if is_share {
            head.push(lang.pick("Числитель", "Numerator").to_owned());
            head.push(lang.pick("Знаменатель", "Denominator").to_owned());
        }
        let cells = |name: Cell, before: Option<f64>, now: &crate::region::Value| {
            let mut row = vec![
                name,
                Cell::plain(value(lang, before, &i.unit)),
                Cell::plain(value(lang, now.value, &i.unit)),
                Cell::plain(value(lang, now.target, &i.unit)),
            ];
            if is_share {
                row.push(Cell::plain(value(lang, now.numerator, "")));
                row.push(Cell::plain(value(lang, now.denominator, "")));
            }
            row
        };
        let mut rows: Vec<Vec<Cell>> = i
            .rows
            .iter()
            .map(|row| cells(Cell::plain(row.municipality.clone()), row.before, &row.now))
            .collect();
        if !matches!(i.rollup, Rollup::None) {
            let total = region_value(&i.now);
            let mut t = cells(
                Cell::bold(lang.pick("Регион", "Region")),
                i.before.as_ref().and_then(|t| t.value),
                &total,
            );
            for c in &mut t {
                c.bold = true;
            }
            t[3] = Cell::bold(value(lang, i.target, &i.unit));
            rows.push(t);
        }
        let right = (0..head.len()).map(|k| k > 0).collect();
        b.push(Block::Table(Table { head, right, rows }));
        if !i.now.left_out.is_empty() {
            b.push(Block::Para(tr!(
                lang,
                "Не вошли в долю региона (указан только процент, без числителя и знаменателя): {}.",
                "Not in the region's share (a percentage only, without counts): {}.",
                i.now.left_out.join(", ")
            )));
        }
        if matches!(i.rollup, Rollup::None) {
            b.push(Block::Para(
                lang.pick(
                    "Показатель не складывается по муниципалитетам: показаны значения каждого.",
                    "This indicator does not add up across municipalities: each value is shown.",
                )
                .to_owned(),
            ));
        }
        if i.by_year.iter().filter(|(_, v)| v.is_some()).count() >= 2 {
            b.push(Block::Chart(Chart::Values {
                title: tr!(lang, "{} — по годам", "{} — over the years", i.name),
                unit: i.unit.clone(),
                bars: i.by_year.iter().map(|(y, v)| (r.label(*y), *v)).collect(),
            }));
        }
    }
    if !r.unnamed.is_empty() {
        b.push(Block::Para(
            lang.pick(
                "Показатели без кода (id) не складываются: их названия у муниципалитетов разные. \
                 moc check подскажет код для похожего названия.",
                "Indicators without an id are not added up: their names differ between \
                 municipalities. moc check offers the id for a name that reads like one.",
            )
            .to_owned(),
        ));
        b.push(Block::Bullets(
            r.unnamed
                .iter()
                .map(|(m, names)| format!("{m}: {}", names.join("; ")))
                .collect(),
        ));
    }
}

fn unit_text(unit: &str) -> String {
    if unit.is_empty() {
        "—".to_owned()
    } else {
        unit.to_owned()
    }
}

fn region_value(t: &Total) -> crate::region::Value {
    crate::region::Value {
        value: t.value,
        numerator: t.numerator,
        denominator: t.denominator,
        target: None,
    }
}

/// Whether the region reached its target: «достигнута», «не достигнута (−2,1)», or «—».
fn met(lang: Lang, i: &RegionIndicator) -> String {
    match (i.met, i.now.value, i.target) {
        (Some(true), _, _) => lang.pick("достигнута", "reached").to_owned(),
        (Some(false), Some(v), Some(t)) => {
            let gap = value(lang, Some(t - v), &i.unit);
            tr!(lang, "не достигнута (−{gap})", "not reached (−{gap})")
        }
        _ => "—".to_owned(),
    }
}
