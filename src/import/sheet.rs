//! Workbooks: Excel (`.xlsx`, `.xls`) and OpenDocument (`.ods`), read with calamine. Every sheet
//! that has text is read in order; where there are several, each starts with a row naming the
//! sheet. A cell merged down repeats its text in the rows it covers (as in Word); a date cell
//! reads as `dd.mm.yyyy`. A zip container is unpacked once within the limits of
//! [`super::archive`] before calamine reads it.

use std::io::Cursor;

use calamine::{Data, Dimensions, Range, Reader};

use super::{Format, Grid, ImportError, Localized};

fn unreadable(format: Format) -> ImportError {
    ImportError::Damaged(
        format,
        Localized::new(
            "книга не читается (файл повреждён или это не книга Excel)",
            "the workbook cannot be read (the file is damaged, or not a workbook)",
        ),
    )
}

/// The most rows and columns read from one sheet.
const MAX_ROWS: usize = 200_000;
const MAX_COLUMNS: usize = 256;

pub(crate) fn read(bytes: &[u8], format: Format) -> Result<Grid, ImportError> {
    if matches!(format, Format::Xlsx | Format::Ods) {
        super::archive::check_all(bytes, format)?;
    }
    let cursor = Cursor::new(bytes);
    let mut sheets: Vec<(String, Range<Data>, Vec<Dimensions>)> = Vec::new();
    match format {
        Format::Xlsx => {
            let mut wb = calamine::Xlsx::new(cursor).map_err(|_| unreadable(format))?;
            for name in wb.sheet_names() {
                let range = wb.worksheet_range(&name).map_err(|_| unreadable(format))?;
                let merged = wb
                    .worksheet_merge_cells(&name)
                    .and_then(Result::ok)
                    .unwrap_or_default();
                sheets.push((name, range, merged));
            }
        }
        Format::Xls => {
            let mut wb = calamine::Xls::new(cursor).map_err(|_| unreadable(format))?;
            for name in wb.sheet_names() {
                let range = wb.worksheet_range(&name).map_err(|_| unreadable(format))?;
                let merged = wb.worksheet_merge_cells(&name).unwrap_or_default();
                sheets.push((name, range, merged));
            }
        }
        _ => {
            let mut wb = calamine::Ods::new(cursor).map_err(|_| unreadable(format))?;
            for name in wb.sheet_names() {
                let range = wb.worksheet_range(&name).map_err(|_| unreadable(format))?;
                sheets.push((name, range, Vec::new()));
            }
        }
    }
    let filled: Vec<_> = sheets
        .into_iter()
        .filter(|(_, r, _)| r.used_cells().any(|(_, _, c)| !text(c).trim().is_empty()))
        .collect();
    let several = filled.len() > 1;
    let mut grid = Grid::default();
    for (name, range, merged) in filled {
        if several {
            grid.rows.push(vec![name]);
        }
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<String>> = range
            .rows()
            .take(MAX_ROWS)
            .map(|row| row.iter().take(MAX_COLUMNS).map(text).collect())
            .collect();
        for d in merged {
            let (sr, sc) = (
                d.start.0.saturating_sub(r0) as usize,
                d.start.1.saturating_sub(c0) as usize,
            );
            let er = (d.end.0.saturating_sub(r0) as usize).min(rows.len().saturating_sub(1));
            let Some(value) = rows.get(sr).and_then(|r| r.get(sc)).cloned() else {
                continue;
            };
            for row in rows.iter_mut().take(er + 1).skip(sr + 1) {
                if let Some(cell) = row.get_mut(sc)
                    && cell.is_empty()
                {
                    cell.clone_from(&value);
                }
            }
        }
        grid.rows.extend(rows);
    }
    Ok(grid)
}

/// A cell as the user sees it: numbers without a spurious `.0`, dates as `dd.mm.yyyy`.
fn text(c: &Data) -> String {
    match c {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::DateTime(d) => {
            let serial = d.as_f64();
            let days = serial.floor() as i64;
            chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
                .and_then(|base| base.checked_add_signed(chrono::Duration::days(days)))
                .map_or_else(
                    || serial.to_string(),
                    |date| date.format("%d.%m.%Y").to_string(),
                )
        }
        Data::Error(_) => String::new(),
        other => other.to_string(),
    }
}
