//! Old Word documents (`.doc`) and RTF: converted to .docx by LibreOffice, when it is installed
//! (`soffice --headless --convert-to docx`), in a folder of its own under the system's temporary
//! folder, with a profile of its own (a LibreOffice the user has open is not disturbed), and
//! stopped after [`TIMEOUT`]. Without LibreOffice the message says how to save the file as .docx.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{Format, ImportError, Localized};

/// How long LibreOffice may take over one document.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(60);

/// The LibreOffice program: `$MOC_SOFFICE`, else `soffice` or `libreoffice` on the PATH, else
/// the usual install folders.
pub(crate) fn soffice() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("MOC_SOFFICE") {
        return Some(PathBuf::from(p));
    }
    let names: &[&str] = if cfg!(windows) {
        &["soffice.exe", "soffice.com"]
    } else {
        &["soffice", "libreoffice"]
    };
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            for n in names {
                let p = dir.join(n);
                if p.is_file() {
                    return Some(p);
                }
            }
        }
    }
    let known: &[&str] = if cfg!(windows) {
        &[
            r"C:\Program Files\LibreOffice\program\soffice.exe",
            r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
        ]
    } else if cfg!(target_os = "macos") {
        &["/Applications/LibreOffice.app/Contents/MacOS/soffice"]
    } else {
        &[
            "/usr/lib/libreoffice/program/soffice",
            "/opt/libreoffice/program/soffice",
        ]
    };
    known.iter().map(PathBuf::from).find(|p| p.is_file())
}

fn how_to_save(format: Format) -> Localized {
    let what = if format == Format::Rtf { "RTF" } else { ".doc" };
    Localized::new(
        &format!(
            "файл {what} moc читает через LibreOffice, а LibreOffice не установлен. Откройте файл в Word и выберите «Файл → Сохранить как → Документ Word (*.docx)», затем импортируйте .docx (или установите LibreOffice)"
        ),
        &format!(
            "moc reads {what} files through LibreOffice, which is not installed. Open the file in Word, choose «File → Save As → Word Document (*.docx)» and import the .docx (or install LibreOffice)"
        ),
    )
}

/// A folder under the temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> std::io::Result<TempDir> {
        let base = std::env::temp_dir();
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        for k in 0..100u32 {
            let p = base.join(format!("moc-import-{}-{stamp}-{k}", std::process::id()));
            match std::fs::create_dir(&p) {
                Ok(()) => return Ok(TempDir(p)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e),
            }
        }
        Err(std::io::Error::other("no temporary folder"))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn file_url(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    let s: String = s
        .chars()
        .map(|c| match c {
            ' ' => "%20".to_owned(),
            c => c.to_string(),
        })
        .collect();
    if s.starts_with('/') {
        format!("file://{s}")
    } else {
        format!("file:///{s}")
    }
}

/// Convert `bytes` (a .doc or .rtf) to the bytes of a .docx.
pub(crate) fn to_docx(bytes: &[u8], format: Format) -> Result<Vec<u8>, ImportError> {
    let Some(program) = soffice() else {
        return Err(ImportError::Convert(how_to_save(format)));
    };
    let failed = |ru: &str, en: &str| {
        ImportError::Convert(Localized::new(
            &format!(
                "LibreOffice не смог преобразовать файл в .docx ({ru}). Откройте файл в Word и сохраните как «Документ Word (*.docx)»"
            ),
            &format!(
                "LibreOffice could not convert the file to .docx ({en}). Open it in Word and save it as «Word Document (*.docx)»"
            ),
        ))
    };
    let dir = TempDir::new().map_err(|_| failed("нет временной папки", "no temporary folder"))?;
    let ext = if format == Format::Rtf { "rtf" } else { "doc" };
    let source = dir.0.join(format!("plan.{ext}"));
    let out = dir.0.join("out");
    std::fs::write(&source, bytes).map_err(|_| {
        failed(
            "не записать временный файл",
            "cannot write a temporary file",
        )
    })?;
    let mut child = Command::new(&program)
        .arg(format!(
            "-env:UserInstallation={}",
            file_url(&dir.0.join("profile"))
        ))
        .args([
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "docx",
            "--outdir",
        ])
        .arg(&out)
        .arg(&source)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|_| ImportError::Convert(how_to_save(format)))?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(failed(
                    &format!("не уложился в {} секунд", TIMEOUT.as_secs()),
                    &format!("it took longer than {} seconds", TIMEOUT.as_secs()),
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(failed("процесс не отвечает", "the process does not answer"));
            }
        }
    }
    std::fs::read(out.join("plan.docx")).map_err(|_| {
        failed(
            "результата нет — файл повреждён или защищён паролем",
            "no result — the file is damaged or protected by a password",
        )
    })
}
