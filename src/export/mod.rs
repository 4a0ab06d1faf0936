//! Files for other programs: calendars (.ics), spreadsheets (.xlsx), Word documents (.docx) and
//! a self-contained web page of the report. Each one is a cargo feature, on by default.

#[cfg(feature = "ics")]
pub mod calendar;
pub mod html;
#[cfg(feature = "docx")]
pub mod word;
#[cfg(feature = "xlsx")]
pub mod xlsx;
