//! Every way moc writes what it found: one writer per format over evaluated rows, reports as
//! blocks ([`doc`]), or findings. Writers are pure: they never query the terminal or print by
//! themselves — width, colour and language come in a [`Look`], output goes to a `&mut dyn Write`
//! or into the bytes returned. Plan text passes through [`crate::text::escape_controls`]
//! (terminal) or [`markdown::cell`] (documents) first.
//!
//! - terminal tables: [`terminal`], [`status`], [`overdue`], [`deadline`], [`changes`];
//! - Markdown: [`markdown`], [`doc`] (the report's blocks, [`report`]);
//! - data: [`items`] (JSON, CSV, the Excel workbook [`xlsx`]), [`report_json`];
//! - documents for other programs: [`word`] (.docx), [`html`] (a web page), [`ics`] (calendars).

pub(crate) mod changes;
pub(crate) mod deadline;
pub(crate) mod doc;
pub(crate) mod html;
#[cfg(feature = "ics")]
pub(crate) mod ics;
pub(crate) mod items;
pub(crate) mod markdown;
pub(crate) mod overdue;
pub(crate) mod region;
pub(crate) mod report;
pub(crate) mod report_json;
pub(crate) mod status;
pub(crate) mod terminal;
#[cfg(feature = "docx")]
pub(crate) mod word;
#[cfg(feature = "xlsx")]
pub(crate) mod xlsx;

use chrono::NaiveDate;

use crate::i18n::Lang;

/// How output looks where it goes: language, colour, width, and «today» for titles.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Look {
    pub(crate) lang: Lang,
    pub(crate) color: bool,
    pub(crate) width: Option<usize>,
    pub(crate) as_of: NaiveDate,
}
