//! A streaming walk over the XML of an office document (word/document.xml, content.xml): one
//! pass, no tree, elements nested at most [`MAX_DEPTH`] deep. XML cut off before its end, or
//! broken, is refused with a reason — never read for ever, never a stack overflow.

use quick_xml::events::{BytesStart, Event};

use super::{Format, ImportError, Localized};

/// How deep elements may nest. A real plan nests a few dozen levels (a table in a table cell
/// included); a thousand nested tables are a broken or hostile file.
pub(crate) const MAX_DEPTH: usize = super::MAX_DEPTH;

/// One step of the walk. `Open` and `Close` come in pairs, also for an empty element.
pub(crate) enum Step<'a, 'b> {
    Open(&'b str, &'b BytesStart<'a>),
    Close(&'b str),
    Text(&'b str),
}

fn local(name: &[u8]) -> &str {
    let name = match name.iter().rposition(|b| *b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    };
    std::str::from_utf8(name).unwrap_or("")
}

/// The value of an attribute, found by its local name (`w:val` → `val`).
pub(crate) fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (local(a.key.as_ref()) == name).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_or_else(
                    |_| String::from_utf8_lossy(&a.value).into_owned(),
                    std::borrow::Cow::into_owned,
                )
        })
    })
}

fn broken(format: Format, member: &str) -> ImportError {
    ImportError::Damaged(
        format,
        Localized::new(
            &format!("«{member}» — испорченный XML"),
            &format!("«{member}» is broken XML"),
        ),
    )
}

/// Walk `bytes` (the XML of `member` of a `format` document), calling `f` for each step.
pub(crate) fn walk(
    bytes: &[u8],
    format: Format,
    member: &str,
    mut f: impl FnMut(Step<'_, '_>) -> Result<(), ImportError>,
) -> Result<(), ImportError> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    reader.config_mut().allow_dangling_amp = true;
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let mut seen_root = false;
    loop {
        buf.clear();
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|_| broken(format, member))?;
        match event {
            Event::Start(e) => {
                depth += 1;
                seen_root = true;
                if depth > MAX_DEPTH {
                    return Err(ImportError::TooDeep(format));
                }
                let name = local(e.name().as_ref()).to_owned();
                f(Step::Open(&name, &e))?;
            }
            Event::Empty(e) => {
                seen_root = true;
                let name = local(e.name().as_ref()).to_owned();
                f(Step::Open(&name, &e))?;
                f(Step::Close(&name))?;
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                let name = local(e.name().as_ref()).to_owned();
                f(Step::Close(&name))?;
            }
            Event::Text(t) => {
                if depth > 0 {
                    let s = t.xml10_content().map_err(|_| broken(format, member))?;
                    f(Step::Text(&s))?;
                }
            }
            Event::CData(t) => {
                if depth > 0 {
                    let s = String::from_utf8_lossy(&t);
                    f(Step::Text(&s))?;
                }
            }
            Event::GeneralRef(r) => {
                if depth > 0 {
                    let c = if r.is_char_ref() {
                        r.resolve_char_ref().ok().flatten()
                    } else {
                        match &*r {
                            b"amp" => Some('&'),
                            b"lt" => Some('<'),
                            b"gt" => Some('>'),
                            b"quot" => Some('"'),
                            b"apos" => Some('\''),
                            _ => None,
                        }
                    };
                    if let Some(c) = c {
                        let mut b = [0u8; 4];
                        f(Step::Text(c.encode_utf8(&mut b)))?;
                    }
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if depth > 0 || !seen_root {
        return Err(ImportError::Damaged(
            format,
            Localized::new(
                &format!("«{member}» обрывается на полуслове — документ обрезан"),
                &format!("«{member}» stops midway — the document is cut short"),
            ),
        ));
    }
    Ok(())
}
