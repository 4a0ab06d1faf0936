//! The zip container of .docx, .odt, .xlsx and .ods files, read with limits: a member is
//! unpacked only up to [`MAX_MEMBER`] bytes whatever its header claims, the archive may hold at
//! most [`MAX_MEMBERS`] members, and all members read from one archive together at most
//! [`MAX_TOTAL`] — a damaged or hostile archive (a «zip bomb») is refused, never unpacked whole.

use std::io::{Cursor, Read};

use super::{Format, ImportError, Localized};

/// The most one member (word/document.xml, content.xml) may unpack to.
pub(crate) const MAX_MEMBER: u64 = 64 * 1024 * 1024;
/// The most members an office document may hold.
pub(crate) const MAX_MEMBERS: usize = 20_000;
/// The most the members read from one archive may unpack to together.
pub(crate) const MAX_TOTAL: u64 = 128 * 1024 * 1024;

pub(crate) struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    format: Format,
    read_so_far: u64,
}

fn damaged(format: Format, ru: &str, en: &str) -> ImportError {
    ImportError::Damaged(format, Localized::new(ru, en))
}

impl<'a> Archive<'a> {
    pub(crate) fn open(bytes: &'a [u8], format: Format) -> Result<Archive<'a>, ImportError> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
            damaged(
                format,
                "архив повреждён или обрезан",
                "the archive is damaged or cut short",
            )
        })?;
        if zip.len() > MAX_MEMBERS {
            return Err(damaged(
                format,
                "в архиве слишком много частей — это не документ",
                "the archive holds too many members — it is not a document",
            ));
        }
        Ok(Archive {
            zip,
            format,
            read_so_far: 0,
        })
    }

    /// The names of the members.
    pub(crate) fn names(&self) -> Vec<String> {
        self.zip.file_names().map(str::to_owned).collect()
    }

    pub(crate) fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// A member's bytes, `None` when there is no such member; refused past the limits.
    pub(crate) fn member(&mut self, name: &str) -> Result<Option<Vec<u8>>, ImportError> {
        let format = self.format;
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let left = MAX_TOTAL.saturating_sub(self.read_so_far).min(MAX_MEMBER);
        let member = self.zip.by_index(index).map_err(|_| {
            damaged(
                format,
                "часть архива не читается (архив повреждён)",
                "a member of the archive cannot be read (the archive is damaged)",
            )
        })?;
        let mut out = Vec::new();
        let mut limited = member.take(left + 1);
        limited.read_to_end(&mut out).map_err(|_| {
            damaged(
                format,
                "архив повреждён или обрезан: часть документа не распаковывается",
                "the archive is damaged or cut short: a part of the document does not unpack",
            )
        })?;
        if out.len() as u64 > left {
            return Err(ImportError::TooLarge(Localized::new(
                &format!(
                    "«{name}» в архиве распаковывается больше чем в {} МБ — это не план (или архив повреждён)",
                    left / (1024 * 1024)
                ),
                &format!(
                    "«{name}» in the archive unpacks to more than {} MB — not a plan (or a damaged archive)",
                    left / (1024 * 1024)
                ),
            )));
        }
        self.read_so_far += out.len() as u64;
        Ok(Some(out))
    }
}

/// Unpack every member once, within the limits, without keeping them: for archives that a
/// library reads whole afterwards (a workbook read by calamine).
pub(crate) fn check_all(bytes: &[u8], format: Format) -> Result<(), ImportError> {
    let mut archive = Archive::open(bytes, format)?;
    for i in 0..archive.zip.len() {
        let left = MAX_TOTAL
            .saturating_sub(archive.read_so_far)
            .min(MAX_MEMBER);
        let member = archive.zip.by_index(i).map_err(|_| {
            damaged(
                format,
                "часть архива не читается (архив повреждён)",
                "a member of the archive cannot be read (the archive is damaged)",
            )
        })?;
        let name = member.name().to_owned();
        let mut limited = member.take(left + 1);
        let n = std::io::copy(&mut limited, &mut std::io::sink()).map_err(|_| {
            damaged(
                format,
                "архив повреждён или обрезан: часть документа не распаковывается",
                "the archive is damaged or cut short: a part of the document does not unpack",
            )
        })?;
        if n > left {
            return Err(ImportError::TooLarge(Localized::new(
                &format!(
                    "«{name}» в архиве распаковывается больше чем в {} МБ — это не план (или архив повреждён)",
                    left / (1024 * 1024)
                ),
                &format!(
                    "«{name}» in the archive unpacks to more than {} MB — not a plan (or a damaged archive)",
                    left / (1024 * 1024)
                ),
            )));
        }
        archive.read_so_far += n;
    }
    Ok(())
}
