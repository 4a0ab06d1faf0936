//! The document read back: every part parses as XML, tables are as promised (header repeated,
//! rows not split, widths filling the line), the properties name the organisation.

use std::io::Read as _;

use quick_xml::events::Event;

use super::*;
use crate::render::doc::{Cell, Table};

/// An element of a part read back: its name (with prefix), attributes, children, text.
#[derive(Debug, Default)]
struct Node {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
    text: String,
}

impl Node {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn all<'a>(&'a self, name: &str, out: &mut Vec<&'a Node>) {
        for c in &self.children {
            if c.name == name {
                out.push(c);
            }
            c.all(name, out);
        }
    }

    fn find(&self, name: &str) -> Vec<&Node> {
        let mut v = Vec::new();
        self.all(name, &mut v);
        v
    }

    fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The text of every `w:t` below, joined.
    fn words(&self) -> String {
        self.find("w:t").iter().map(|t| t.text.as_str()).collect()
    }
}

fn element(e: &quick_xml::events::BytesStart<'_>) -> Node {
    Node {
        name: String::from_utf8_lossy(e.name().as_ref()).into_owned(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.unwrap_or_else(|err| panic!("attribute: {err}"));
                let v = a
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .unwrap_or_else(|err| panic!("attribute value: {err}"));
                (
                    String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                    v.into_owned(),
                )
            })
            .collect(),
        ..Node::default()
    }
}

/// Parse a part strictly: any error, an unclosed element or text outside the root fails.
fn parse(xml: &str) -> Node {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack = vec![Node::default()];
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => stack.push(element(&e)),
            Ok(Event::Empty(e)) => {
                let n = element(&e);
                if let Some(p) = stack.last_mut() {
                    p.children.push(n);
                }
            }
            Ok(Event::End(_)) => {
                let n = stack.pop().unwrap_or_default();
                assert!(!stack.is_empty(), "a closing tag without an opening one");
                if let Some(p) = stack.last_mut() {
                    p.children.push(n);
                }
            }
            Ok(Event::Text(t)) => {
                let s = t.xml10_content().unwrap_or_else(|e| panic!("text: {e}"));
                if let Some(p) = stack.last_mut() {
                    p.text.push_str(&s);
                }
            }
            Ok(Event::GeneralRef(r)) => {
                let c = match &*r {
                    b"amp" => "&",
                    b"lt" => "<",
                    b"gt" => ">",
                    b"quot" => "\"",
                    b"apos" => "'",
                    other => panic!("unknown entity {}", String::from_utf8_lossy(other)),
                };
                if let Some(p) = stack.last_mut() {
                    p.text.push_str(c);
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed XML: {e}"),
        }
    }
    assert_eq!(stack.len(), 1, "an element is not closed");
    let mut root = stack.pop().unwrap_or_default();
    assert_eq!(root.children.len(), 1, "one root element");
    assert!(root.text.trim().is_empty(), "text outside the root");
    root.children.pop().unwrap_or_default()
}

/// Every member of the archive, by name.
fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .unwrap_or_else(|e| panic!("not a zip: {e}"));
    (0..archive.len())
        .map(|i| {
            let mut f = archive
                .by_index(i)
                .unwrap_or_else(|e| panic!("member {i}: {e}"));
            let mut s = String::new();
            f.read_to_string(&mut s)
                .unwrap_or_else(|e| panic!("member {i}: {e}"));
            let name = f
                .name()
                .unwrap_or_else(|e| panic!("member {i}: {e}"))
                .into_owned();
            (name, s)
        })
        .collect()
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 20).unwrap_or_default()
}

fn setup(orientation: Orientation) -> Setup<'static> {
    Setup {
        title: "Отчёт о деятельности МОЦ",
        creator: Some("МКОУ ДО «Мосальский дом творчества»"),
        created: day(),
        lang: Lang::Ru,
        orientation,
    }
}

fn blocks() -> Vec<Block> {
    vec![
        Block::Stamp(vec!["Утверждено".into(), "Директор <МДТ> & Co".into()]),
        Block::Heading(1, "Отчёт \u{1b}[31m\u{202e}".into()),
        Block::Facts(vec![vec![("Организация:".into(), "МДТ".into())]]),
        Block::Table(Table {
            head: vec!["Раздел".into(), "Мероприятий".into(), "Выполнение".into()],
            right: vec![false, true, true],
            rows: vec![
                vec![
                    Cell::plain("1. Раздел"),
                    Cell::plain("3"),
                    Cell::plain("66,7 %"),
                ],
                vec![Cell::bold("Всего"), Cell::bold("3"), Cell::bold("66,7 %")],
            ],
        }),
        Block::Para("Выполнение — доля\nвыполненного".into()),
        Block::Bullets(vec!["задача".into()]),
        Block::Table(Table {
            head: vec!["№".into(), "Мероприятие".into(), "Срок".into()],
            right: Vec::new(),
            rows: vec![
                vec![Cell::plain(""), Cell::bold("1. Раздел"), Cell::plain("")],
                vec![
                    Cell::plain("1.1"),
                    Cell::plain("x\ny \u{0} \u{ffff}"),
                    Cell::plain("Июнь"),
                ],
            ],
        }),
        Block::Rule,
        Block::Signature(Signature {
            position: "Директор".into(),
            name: "Е.Н. Петухова".into(),
            notes: vec!["Исполнитель: Иванова А.А.".into(), "Тел.: 2-11-11".into()],
        }),
    ]
}

#[test]
fn every_part_is_well_formed_and_tables_behave() {
    for o in [Orientation::Landscape, Orientation::Portrait] {
        let bytes = document(&blocks(), &setup(o)).unwrap_or_else(|e| panic!("{e}"));
        let parts = unzip(&bytes);
        let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names[0], "[Content_Types].xml");
        for (name, text) in &parts {
            let root = parse(text);
            assert!(!root.name.is_empty(), "{name}");
        }
        let doc = parts
            .iter()
            .find(|(n, _)| n == "word/document.xml")
            .map(|(_, t)| parse(t))
            .unwrap_or_default();
        let page = Page::new(o);
        let tables = doc.find("w:tbl");
        assert_eq!(tables.len(), 2);
        for t in tables {
            let rows: Vec<&Node> = t.children.iter().filter(|c| c.name == "w:tr").collect();
            for (i, r) in rows.iter().enumerate() {
                let trpr = r.child("w:trPr").unwrap_or_else(|| panic!("row {i}"));
                assert!(trpr.child("w:cantSplit").is_some(), "row {i} may split");
                assert_eq!(trpr.child("w:tblHeader").is_some(), i == 0, "row {i}");
            }
            let grid: u32 = t
                .find("w:gridCol")
                .iter()
                .filter_map(|g| g.attr("w:w")?.parse::<u32>().ok())
                .sum();
            assert_eq!(grid, page.text_width());
            let layout = t.find("w:tblLayout");
            assert_eq!(layout.first().and_then(|l| l.attr("w:type")), Some("fixed"));
        }
        let sect = doc.find("w:pgSz");
        let size = sect.first().unwrap_or_else(|| panic!("no page size"));
        assert_eq!(size.attr("w:w"), Some(page.width.to_string().as_str()));
        assert_eq!(
            size.attr("w:orient"),
            (o == Orientation::Landscape).then_some("landscape")
        );
        let text = doc.words();
        assert!(text.contains("Директор <МДТ> & Co"));
        assert!(text.contains("Е.Н. Петухова"));
        assert!(!text.contains('\u{1b}') && !text.contains('\u{202e}') && !text.contains('\u{0}'));
        let core = parts
            .iter()
            .find(|(n, _)| n == "docProps/core.xml")
            .map(|(_, t)| parse(t))
            .unwrap_or_default();
        let creator = core.find("dc:creator");
        assert_eq!(
            creator.first().map(|c| c.text.as_str()),
            Some("МКОУ ДО «Мосальский дом творчества»")
        );
    }
}

#[test]
fn the_same_report_gives_the_same_bytes() {
    let a = document(&blocks(), &setup(Orientation::Landscape)).unwrap_or_default();
    let b = document(&blocks(), &setup(Orientation::Landscape)).unwrap_or_default();
    assert!(!a.is_empty());
    assert_eq!(a, b);
}

#[test]
fn styles_are_words_own_headings() {
    let bytes = document(&blocks(), &setup(Orientation::Landscape)).unwrap_or_default();
    let styles = unzip(&bytes)
        .into_iter()
        .find(|(n, _)| n == "word/styles.xml")
        .map(|(_, t)| parse(&t))
        .unwrap_or_default();
    for level in 1..=3 {
        let id = format!("Heading{level}");
        let st = styles
            .find("w:style")
            .into_iter()
            .find(|s| s.attr("w:styleId") == Some(id.as_str()))
            .unwrap_or_else(|| panic!("{id}"));
        let name = st.child("w:name").and_then(|n| n.attr("w:val"));
        assert_eq!(name, Some(format!("heading {level}").as_str()));
        let outline = st.find("w:outlineLvl");
        assert_eq!(
            outline.first().and_then(|o| o.attr("w:val")),
            Some((level - 1).to_string().as_str())
        );
    }
    let fonts = styles.find("w:rFonts");
    assert_eq!(
        fonts.first().and_then(|f| f.attr("w:ascii")),
        Some("Times New Roman")
    );
}
