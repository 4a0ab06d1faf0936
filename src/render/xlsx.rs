//! The status as a spreadsheet (`.xlsx`): one row per item with the same facts as the CSV, but
//! for people — column names in the reader's language, dates as real dates (so Excel sorts and
//! filters them), a filter on the header row, the header frozen, long text wrapped.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

use crate::i18n::Lang;
use crate::load::Checked;
use crate::view::{self, Row};

fn date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(
        u16::try_from(d.year()).unwrap_or(1900),
        u8::try_from(d.month()).unwrap_or(1),
        u8::try_from(d.day()).unwrap_or(1),
    )
}

/// Excel holds at most 32 767 characters in a cell.
fn fit(s: &str) -> String {
    s.chars().take(32_767).collect()
}

/// The header row: (Russian, English, width in characters).
const COLUMNS: [(&str, &str, f64); 13] = [
    ("План", "Plan", 24.0),
    ("Раздел", "Section", 8.0),
    ("№", "No.", 7.0),
    ("Мероприятие", "Activity", 60.0),
    ("Срок", "Deadline", 24.0),
    ("Начало", "Start", 11.0),
    ("Окончание", "End", 11.0),
    ("Выполнить до", "Due", 12.0),
    ("Ответственные", "Responsible", 28.0),
    ("Состояние", "State", 16.0),
    ("Дней просрочки", "Days late", 10.0),
    ("Пропущено", "Missed", 18.0),
    ("Результат исполнения", "Result", 50.0),
];

/// The workbook's bytes; stamped with `as_of`, not the clock, so the same plans give the same file.
pub(crate) fn workbook(
    plans: &[Checked],
    rows: &[&Row<'_>],
    as_of: NaiveDate,
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(lang.pick("Состояние плана МОЦ", "МОЦ plan status"))
            .set_author("moc")
            .set_creation_datetime(&date(
                as_of.max(NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(as_of)),
            )?),
    );
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color("EEF1F5");
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let dated = Format::new()
        .set_num_format(lang.pick("dd.mm.yyyy", "yyyy-mm-dd"))
        .set_align(FormatAlign::Top);
    let ws = wb.add_worksheet();
    ws.set_name(lang.pick("Мероприятия", "Items"))?;
    for (c, (ru, en, width)) in COLUMNS.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, lang.pick(ru, en), &head)?;
        ws.set_column_width(c, *width)?;
    }
    let mut r: u32 = 0;
    for row in rows {
        let j = view::item_json(row, &plans[row.plan], lang);
        r += 1;
        ws.write_string_with_format(r, 0, fit(&j.plan), &wrap)?;
        ws.write_string_with_format(r, 1, fit(j.section), &wrap)?;
        ws.write_string_with_format(r, 2, fit(j.number), &wrap)?;
        ws.write_string_with_format(r, 3, fit(j.title), &wrap)?;
        ws.write_string_with_format(r, 4, fit(j.deadline.phrase), &wrap)?;
        for (c, d) in [
            (5u16, j.deadline.start),
            (6, j.deadline.end),
            (7, j.deadline.due),
        ] {
            match d {
                // Excel's dates run from 1900 to 9999: others are written as text
                Some(d) if (1900..=9999).contains(&d.year()) => {
                    ws.write_datetime_with_format(r, c, date(d)?, &dated)?;
                }
                Some(d) => {
                    ws.write_string_with_format(r, c, d.format("%Y-%m-%d").to_string(), &wrap)?;
                }
                None => {}
            }
        }
        ws.write_string_with_format(r, 8, fit(&j.responsibles.join(", ")), &wrap)?;
        ws.write_string_with_format(r, 9, j.state.label(lang), &wrap)?;
        if let Some(n) = j.days_late {
            ws.write_number_with_format(r, 10, n as f64, &wrap)?;
        }
        let missed: Vec<&str> = j.missed.iter().map(|m| m.label.as_str()).collect();
        ws.write_string_with_format(r, 11, fit(&missed.join(", ")), &wrap)?;
        ws.write_string_with_format(r, 12, fit(j.result.unwrap_or_default()), &wrap)?;
    }
    ws.autofilter(0, 0, r, (COLUMNS.len() - 1) as u16)?;
    ws.set_freeze_panes(1, 0)?;
    wb.save_to_buffer()
}
