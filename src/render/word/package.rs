//! The `.docx` package around the document's body: content types, relationships, styles,
//! settings, the page-number header, and the document's properties (title, author — the
//! organisation, date, language), zipped with fixed timestamps so that the same report gives
//! the same bytes.

use std::fmt::Write as _;
use std::io::Write as _;

use chrono::NaiveDate;

use super::xml::escape;

/// The parts' common opening.
const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
/// The main namespace of WordprocessingML.
pub(super) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// Relationships between parts.
pub(super) const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const CONTENT_TYPES: &str = "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
</Types>";

const PACKAGE_RELS: &str = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>";

/// The id the section uses for the page-number header.
pub(super) const HEADER_ID: &str = "rIdHeader";

const DOCUMENT_RELS: &str = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
<Relationship Id=\"rIdHeader\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>\
</Relationships>";

/// A paragraph style: id, the name Word knows it by, outline level, size (half-points), bold,
/// alignment, spacing before and after (twips).
struct Style {
    id: &'static str,
    name: &'static str,
    outline: Option<u8>,
    size: u32,
    bold: bool,
    align: Option<&'static str>,
    before: u32,
    after: u32,
}

/// Word's built-in names: a Russian Word shows «heading 1» as «Заголовок 1» and «Normal» as
/// «Обычный» (it writes these same names itself), so the navigation pane and a table of
/// contents work; the table text is moc's own style, named in Russian.
const STYLES: [Style; 5] = [
    Style {
        id: "Heading1",
        name: "heading 1",
        outline: Some(0),
        size: 28,
        bold: true,
        align: Some("center"),
        before: 240,
        after: 240,
    },
    Style {
        id: "Heading2",
        name: "heading 2",
        outline: Some(1),
        size: 28,
        bold: true,
        align: None,
        before: 360,
        after: 120,
    },
    Style {
        id: "Heading3",
        name: "heading 3",
        outline: Some(2),
        size: 28,
        bold: true,
        align: None,
        before: 240,
        after: 120,
    },
    Style {
        id: "Heading4",
        name: "heading 4",
        outline: Some(3),
        size: 28,
        bold: true,
        align: None,
        before: 200,
        after: 80,
    },
    Style {
        id: "TableText",
        name: "Текст таблицы",
        outline: None,
        size: 24,
        bold: false,
        align: None,
        before: 0,
        after: 0,
    },
];

/// `word/styles.xml`: Times New Roman everywhere, 14 pt text, the headings and table text.
fn styles(lang: &str) -> String {
    let mut s = format!(
        "{DECL}<w:styles xmlns:w=\"{W}\"><w:docDefaults><w:rPrDefault><w:rPr>\
         <w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>\
         <w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/><w:lang w:val=\"{lang}\" w:eastAsia=\"{lang}\" w:bidi=\"ar-SA\"/>\
         </w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>\
         </w:pPr></w:pPrDefault></w:docDefaults>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
         <w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>\
         <w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/>\
         <w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>\
         <w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
    );
    for st in &STYLES {
        let _ = write!(
            s,
            "<w:style w:type=\"paragraph\" w:styleId=\"{}\"><w:name w:val=\"{}\"/><w:basedOn w:val=\"Normal\"/>\
             <w:next w:val=\"Normal\"/>{}<w:qFormat/><w:pPr>{}<w:spacing w:before=\"{}\" w:after=\"{}\"/>{}{}</w:pPr>\
             <w:rPr>{}<w:sz w:val=\"{}\"/><w:szCs w:val=\"{}\"/></w:rPr></w:style>",
            st.id,
            st.name,
            if st.outline.is_some() {
                "<w:uiPriority w:val=\"9\"/>"
            } else {
                ""
            },
            if st.outline.is_some() {
                "<w:keepNext/><w:keepLines/>"
            } else {
                ""
            },
            st.before,
            st.after,
            st.align
                .map(|a| format!("<w:jc w:val=\"{a}\"/>"))
                .unwrap_or_default(),
            st.outline
                .map(|l| format!("<w:outlineLvl w:val=\"{l}\"/>"))
                .unwrap_or_default(),
            if st.bold { "<w:b/><w:bCs/>" } else { "" },
            st.size,
            st.size
        );
    }
    s.push_str("</w:styles>");
    s
}

/// `word/settings.xml`: a tab stop every 1.25 cm, Word 2013+ layout, Russian number format.
fn settings(lang: &str) -> String {
    format!(
        "{DECL}<w:settings xmlns:w=\"{W}\"><w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"709\"/>\
         <w:characterSpacingControl w:val=\"doNotCompress\"/><w:compat>\
         <w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>\
         </w:compat><w:themeFontLang w:val=\"{lang}\"/><w:decimalSymbol w:val=\",\"/><w:listSeparator w:val=\";\"/></w:settings>"
    )
}

/// `word/header1.xml`: the page number, centred (from the second page: the section has a title
/// page of its own).
fn header() -> String {
    format!(
        "{DECL}<w:hdr xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>\
         <w:fldSimple w:instr=\" PAGE \"><w:r><w:rPr><w:sz w:val=\"24\"/></w:rPr><w:t>2</w:t></w:r></w:fldSimple></w:p></w:hdr>"
    )
}

/// What the document says of itself.
#[derive(Clone, Debug)]
pub(crate) struct Properties<'a> {
    pub(crate) title: &'a str,
    /// The author: the organisation the report is from.
    pub(crate) creator: Option<&'a str>,
    /// The date it is of (the report's date): the properties' creation and modification date.
    pub(crate) created: NaiveDate,
    /// `ru-RU`, `en-GB`.
    pub(crate) language: &'a str,
}

/// `docProps/core.xml`.
fn core(p: &Properties<'_>) -> String {
    let date = format!("{}T00:00:00Z", p.created.format("%Y-%m-%d"));
    let mut s = format!(
        "{DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{}</dc:title>",
        escape(p.title)
    );
    if let Some(c) = p.creator.filter(|c| !c.trim().is_empty()) {
        let c = escape(c.trim());
        let _ = write!(
            s,
            "<dc:creator>{c}</dc:creator><cp:lastModifiedBy>{c}</cp:lastModifiedBy>"
        );
    }
    let _ = write!(
        s,
        "<dc:language>{}</dc:language>\
         <dcterms:created xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:created>\
         <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:modified></cp:coreProperties>",
        p.language
    );
    s
}

/// `docProps/app.xml`: the program, and the organisation as the company.
fn app(p: &Properties<'_>) -> String {
    let company = p
        .creator
        .filter(|c| !c.trim().is_empty())
        .map(|c| format!("<Company>{}</Company>", escape(c.trim())))
        .unwrap_or_default();
    format!(
        "{DECL}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
         xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">\
         <Application>moc</Application>{company}</Properties>"
    )
}

/// The package: `document` (the whole `word/document.xml`) with everything around it, zipped.
pub(super) fn package(document: &str, p: &Properties<'_>) -> std::io::Result<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let parts: [(&str, String); 9] = [
        ("[Content_Types].xml", format!("{DECL}{CONTENT_TYPES}")),
        ("_rels/.rels", format!("{DECL}{PACKAGE_RELS}")),
        ("docProps/core.xml", core(p)),
        ("docProps/app.xml", app(p)),
        (
            "word/_rels/document.xml.rels",
            format!("{DECL}{DOCUMENT_RELS}"),
        ),
        ("word/document.xml", document.to_owned()),
        ("word/styles.xml", styles(p.language)),
        ("word/settings.xml", settings(p.language)),
        ("word/header1.xml", header()),
    ];
    // a fixed time in every entry: the same report, the same bytes
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in &parts {
        zip.start_file(*name, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_name_the_organisation() {
        let p = Properties {
            title: "Отчёт <2026>",
            creator: Some("МКОУ ДО «Мосальский дом творчества» & Co"),
            created: NaiveDate::from_ymd_opt(2026, 12, 20).unwrap_or_default(),
            language: "ru-RU",
        };
        let c = core(&p);
        assert!(c.contains("<dc:title>Отчёт &lt;2026&gt;</dc:title>"));
        assert!(
            c.contains("<dc:creator>МКОУ ДО «Мосальский дом творчества» &amp; Co</dc:creator>")
        );
        assert!(c.contains(">2026-12-20T00:00:00Z</dcterms:created>"));
        assert!(c.contains("<dc:language>ru-RU</dc:language>"));
        let nobody = core(&Properties { creator: None, ..p });
        assert!(!nobody.contains("creator"), "no «unknown» author");
    }
}
