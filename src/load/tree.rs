//! A TOML document as moc walks it: tables, arrays and values, each with its byte range.
//!
//! A plan is read in one pass over `toml_parser`'s tokens and events — the lexer and parser under
//! `toml` — straight into this tree ([`parse`]), without `toml`'s own document (a map of maps
//! with a hashed index per table, built through a second pass over the same events). A valid plan
//! gets the same tree either way; everything else, and the rare valid forms the fast reader
//! leaves alone (dotted keys, a `[table]` after one of its sub-tables, a string with an escape
//! sequence is decoded, not left), is handed to `toml`'s reader, whose messages and spans the
//! user sees as before. `tests` and the fuzz target `load_check` hold the two readers to the
//! same tree.

use std::borrow::Cow;
use std::ops::Range;

use rustc_hash::FxHashMap;
use toml::Spanned;
use toml::de::{DeTable, DeValue};
use toml::value::Datetime;
use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::parser::{Event, EventKind, EventReceiver, RecursionGuard, ValidateWhitespace};
use toml_parser::{ErrorSink, ParseError, Source};

/// A key with its span.
pub(crate) type Key<'i> = Spanned<Cow<'i, str>>;
/// A value with its span.
pub(crate) type Val<'i> = Spanned<Node<'i>>;

/// A TOML value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node<'i> {
    String(Cow<'i, str>),
    Integer(Digits<'i>),
    Float(Digits<'i>),
    Boolean(bool),
    Datetime(Datetime),
    Array(Array<'i>),
    Table(Table<'i>),
}

impl Node<'_> {
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Node::String(s) => Some(s),
            _ => None,
        }
    }
}

/// A number as `toml` decodes it (less its underscores and radix prefix).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Digits<'i>(Cow<'i, str>);

impl Digits<'_> {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

/// An array: of values (`[1, 2]`) or of tables (`[[section]]`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Array<'i> {
    items: Vec<Val<'i>>,
    of_tables: bool,
}

impl PartialEq for Array<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items
    }
}

impl<'a, 'i> IntoIterator for &'a Array<'i> {
    type Item = &'a Val<'i>;
    type IntoIter = std::slice::Iter<'a, Val<'i>>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

/// Up to this many keys a table is searched key by key; a larger one keeps an index.
const SCAN: usize = 16;

/// A table: its keys in the order written.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table<'i> {
    entries: Vec<(Key<'i>, Val<'i>)>,
    /// key → position, once the table has more than [`SCAN`] keys
    index: Option<Box<FxHashMap<Box<str>, usize>>>,
    /// written inline (`{ … }`): closed to headers
    inline: bool,
}

impl PartialEq for Table<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

impl<'a, 'i> IntoIterator for &'a Table<'i> {
    type Item = (&'a Key<'i>, &'a Val<'i>);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (Key<'i>, Val<'i>)>,
        fn(&'a (Key<'i>, Val<'i>)) -> (&'a Key<'i>, &'a Val<'i>),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

impl<'i> Table<'i> {
    fn position(&self, key: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(key).copied(),
            None => {
                // the length and the first byte before the bytes (`number`, `status`, `result`
                // are all six bytes long): most keys differ there, with no call to memcmp
                let (len, first) = (key.len(), key.as_bytes().first());
                self.entries.iter().position(|(k, _)| {
                    let k: &str = k.get_ref().as_ref();
                    k.len() == len && k.as_bytes().first() == first && k == key
                })
            }
        }
    }

    fn with_capacity(n: usize) -> Self {
        Table {
            entries: Vec::with_capacity(n),
            ..Table::default()
        }
    }

    /// The value of `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&Val<'i>> {
        self.position(key).map(|i| &self.entries[i].1)
    }

    /// Add `key` (not in the table).
    fn push(&mut self, key: Key<'i>, value: Val<'i>) -> usize {
        let at = self.entries.len();
        if let Some(index) = &mut self.index {
            index.insert(key.get_ref().as_ref().into(), at);
        }
        self.entries.push((key, value));
        if self.index.is_none() && self.entries.len() > SCAN {
            let index = self
                .entries
                .iter()
                .enumerate()
                .map(|(i, (k, _))| (k.get_ref().as_ref().into(), i))
                .collect();
            self.index = Some(Box::new(index));
        }
        at
    }
}

/// Parse a TOML document: the tree, or `toml`'s errors (every one it finds).
pub(crate) fn parse(text: &str) -> Result<Spanned<Table<'_>>, Vec<toml::de::Error>> {
    if let Some(root) = fast(text) {
        return Ok(Spanned::new(0..0, root));
    }
    let (root, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Spanned::new(root.span(), table_of(root.into_inner())))
}

/// Whether the one-pass reader agrees with `toml`'s on `text`: where it gives a tree, `toml`
/// gives the same tree, spans included; where `toml` refuses the text, it gives none.
pub(crate) fn agrees_with_toml(text: &str) -> bool {
    let slow = DeTable::parse(text).ok().map(|t| table_of(t.into_inner()));
    match (fast(text), slow) {
        (Some(f), Some(s)) => f == s,
        (Some(_), None) => false,
        (None, _) => true,
    }
}

/// `toml`'s document as a tree (the slow reader's result).
fn table_of(t: DeTable<'_>) -> Table<'_> {
    let mut out = Table::default();
    for (k, v) in t {
        let span = v.span();
        out.push(k, Spanned::new(span, node_of(v.into_inner())));
    }
    out
}

fn node_of(v: DeValue<'_>) -> Node<'_> {
    match v {
        DeValue::String(s) => Node::String(s),
        DeValue::Integer(i) => Node::Integer(Digits(Cow::Owned(i.as_str().to_owned()))),
        DeValue::Float(f) => Node::Float(Digits(Cow::Owned(f.as_str().to_owned()))),
        DeValue::Boolean(b) => Node::Boolean(b),
        DeValue::Datetime(d) => Node::Datetime(d),
        DeValue::Array(a) => Node::Array(Array {
            items: a
                .into_iter()
                .map(|e| {
                    let span = e.span();
                    Spanned::new(span, node_of(e.into_inner()))
                })
                .collect(),
            of_tables: false,
        }),
        DeValue::Table(t) => Node::Table(table_of(t)),
    }
}

/// The parser's events less whitespace, comments and newlines (checked by `ValidateWhitespace`
/// on their way here).
#[derive(Default)]
struct Events {
    list: Vec<Event>,
}

impl EventReceiver for Events {
    fn std_table_open(&mut self, span: toml_parser::Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::StdTableOpen, None, span);
    }
    fn std_table_close(&mut self, span: toml_parser::Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::StdTableClose, None, span);
    }
    fn array_table_open(&mut self, span: toml_parser::Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::ArrayTableOpen, None, span);
    }
    fn array_table_close(&mut self, span: toml_parser::Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::ArrayTableClose, None, span);
    }
    fn inline_table_open(&mut self, span: toml_parser::Span, _: &mut dyn ErrorSink) -> bool {
        self.push(EventKind::InlineTableOpen, None, span);
        true
    }
    fn inline_table_close(&mut self, span: toml_parser::Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::InlineTableClose, None, span);
    }
    fn array_open(&mut self, span: toml_parser::Span, _: &mut dyn ErrorSink) -> bool {
        self.push(EventKind::ArrayOpen, None, span);
        true
    }
    fn array_close(&mut self, span: toml_parser::Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::ArrayClose, None, span);
    }
    fn simple_key(
        &mut self,
        span: toml_parser::Span,
        kind: Option<Encoding>,
        _: &mut dyn ErrorSink,
    ) {
        self.push(EventKind::SimpleKey, kind, span);
    }
    fn key_sep(&mut self, span: toml_parser::Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::KeySep, None, span);
    }
    fn key_val_sep(&mut self, span: toml_parser::Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::KeyValSep, None, span);
    }
    fn scalar(&mut self, span: toml_parser::Span, kind: Option<Encoding>, _: &mut dyn ErrorSink) {
        self.push(EventKind::Scalar, kind, span);
    }
    fn value_sep(&mut self, span: toml_parser::Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::ValueSep, None, span);
    }
    fn error(&mut self, span: toml_parser::Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::Error, None, span);
    }
}

impl Events {
    fn push(&mut self, kind: EventKind, encoding: Option<Encoding>, span: toml_parser::Span) {
        self.list.push(Event::new_unchecked(kind, encoding, span));
    }
}

/// Nesting deeper than this is `toml`'s error («recursion limit»), left to it.
const DEPTH: u32 = 80;

/// The one-pass reader: the tree of a valid document, or `None` for anything it leaves to `toml`.
pub(crate) fn fast(text: &str) -> Option<Table<'_>> {
    let source = Source::new(text);
    let tokens = source.lex().into_vec();
    let mut events = Events {
        list: Vec::with_capacity(tokens.len() / 2),
    };
    let mut failed = false;
    {
        let mut sink = |_: ParseError| failed = true;
        let mut ws = ValidateWhitespace::new(&mut events, source);
        let mut guard = RecursionGuard::new(&mut ws, DEPTH);
        toml_parser::parser::parse_document(&tokens, &mut guard, &mut sink);
    }
    drop(tokens);
    if failed {
        return None;
    }
    let mut r = Reader {
        source,
        events: &events.list,
        at: 0,
    };
    r.document()
}

/// A `[header]` or `[[header]]` being read: the tables on the way, its own key, its span.
struct Header<'i> {
    path: Vec<Key<'i>>,
    key: Key<'i>,
    span: Range<usize>,
    array: bool,
}

struct Reader<'e, 'i> {
    source: Source<'i>,
    events: &'e [Event],
    at: usize,
}

fn range(span: toml_parser::Span) -> Range<usize> {
    span.start()..span.end()
}

impl<'i> Reader<'_, 'i> {
    fn next(&mut self) -> Option<Event> {
        let e = self.events.get(self.at).copied();
        self.at += 1;
        e
    }

    fn peek(&self) -> Option<EventKind> {
        self.events.get(self.at).map(Event::kind)
    }

    fn document(&mut self) -> Option<Table<'i>> {
        let mut root = Table::default();
        let mut current = Table::default();
        let mut header: Option<Header<'i>> = None;
        while let Some(e) = self.next() {
            match e.kind() {
                EventKind::StdTableOpen | EventKind::ArrayTableOpen => {
                    // a plan's tables (an item, a section) have about a dozen keys
                    let next = Table::with_capacity(12);
                    finish(
                        &mut root,
                        std::mem::replace(&mut current, next),
                        header.take(),
                    )?;
                    let h = self.header(e)?;
                    if !h.array {
                        // a table defined twice, or after its sub-tables: left to `toml`
                        let parent = descend(&mut root, &h.path)?;
                        if parent.position(h.key.get_ref()).is_some() {
                            return None;
                        }
                    }
                    header = Some(h);
                }
                EventKind::SimpleKey => {
                    let key = self.key(e)?;
                    if self.next()?.kind() != EventKind::KeyValSep {
                        return None; // a dotted key
                    }
                    let value = self.value()?;
                    if current.position(key.get_ref()).is_some() {
                        return None;
                    }
                    current.push(key, value);
                }
                _ => return None,
            }
        }
        finish(&mut root, current, header)?;
        Some(root)
    }

    fn header(&mut self, open: Event) -> Option<Header<'i>> {
        let array = open.kind() == EventKind::ArrayTableOpen;
        let mut keys = Vec::new();
        loop {
            let e = self.next()?;
            match e.kind() {
                EventKind::SimpleKey => keys.push(self.key(e)?),
                EventKind::KeySep => {}
                EventKind::StdTableClose | EventKind::ArrayTableClose => {
                    let key = keys.pop()?;
                    if keys.len() + 1 >= DEPTH as usize {
                        return None;
                    }
                    return Some(Header {
                        path: keys,
                        key,
                        span: open.span().start()..e.span().end(),
                        array,
                    });
                }
                _ => return None,
            }
        }
    }

    fn key(&self, e: Event) -> Option<Key<'i>> {
        let raw = self.source.get(e)?;
        let text = raw.as_str();
        let bare = e.encoding().is_none()
            && !text.is_empty()
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        let decoded = if bare {
            Cow::Borrowed(text)
        } else {
            let mut out = Cow::Borrowed("");
            let mut failed = false;
            raw.decode_key(&mut out, &mut |_: ParseError| failed = true);
            if failed {
                return None;
            }
            out
        };
        Some(Spanned::new(range(e.span()), decoded))
    }

    fn value(&mut self) -> Option<Val<'i>> {
        let e = self.next()?;
        match e.kind() {
            EventKind::Scalar => self.scalar(e),
            EventKind::ArrayOpen => {
                let mut items = Vec::new();
                loop {
                    match self.peek()? {
                        EventKind::ArrayClose => {
                            let close = self.next()?;
                            let node = Node::Array(Array {
                                items,
                                of_tables: false,
                            });
                            return Some(Spanned::new(e.span().start()..close.span().end(), node));
                        }
                        EventKind::ValueSep => self.at += 1,
                        _ => items.push(self.value()?),
                    }
                }
            }
            EventKind::InlineTableOpen => {
                let mut t = Table {
                    inline: true,
                    ..Table::default()
                };
                loop {
                    let k = self.next()?;
                    match k.kind() {
                        EventKind::InlineTableClose => {
                            return Some(Spanned::new(
                                e.span().start()..k.span().end(),
                                Node::Table(t),
                            ));
                        }
                        EventKind::ValueSep => {}
                        EventKind::SimpleKey => {
                            let key = self.key(k)?;
                            if self.next()?.kind() != EventKind::KeyValSep {
                                return None;
                            }
                            let value = self.value()?;
                            if t.position(key.get_ref()).is_some() {
                                return None;
                            }
                            t.push(key, value);
                        }
                        _ => return None,
                    }
                }
            }
            _ => None,
        }
    }

    fn scalar(&self, e: Event) -> Option<Val<'i>> {
        let raw = self.source.get(e)?;
        let span = range(e.span());
        // the common string: quoted, one line, nothing to unescape — its text as written
        let plain = match e.encoding() {
            Some(Encoding::BasicString) => plain(raw.as_str(), b'"', false),
            Some(Encoding::LiteralString) => plain(raw.as_str(), b'\'', true),
            _ => None,
        };
        if let Some(s) = plain {
            return Some(Spanned::new(span, Node::String(Cow::Borrowed(s))));
        }
        let mut decoded = Cow::Borrowed("");
        let mut failed = false;
        let kind = raw.decode_scalar(&mut decoded, &mut |_: ParseError| failed = true);
        if failed {
            return None;
        }
        let node = match kind {
            ScalarKind::String => Node::String(decoded),
            ScalarKind::Boolean(b) => Node::Boolean(b),
            ScalarKind::DateTime => Node::Datetime(decoded.parse().ok()?),
            ScalarKind::Float => Node::Float(Digits(decoded)),
            ScalarKind::Integer(_) => Node::Integer(Digits(decoded)),
        };
        Some(Spanned::new(span, node))
    }
}

/// The text between the quotes of a one-line string when it holds nothing to decode: no
/// backslash (in a basic string), no control character but tab (the lexer has ended the string
/// at its closing quote). `None` for anything else.
fn plain(raw: &str, quote: u8, literal: bool) -> Option<&str> {
    let inner = raw
        .strip_prefix(quote as char)?
        .strip_suffix(quote as char)?;
    // byte by byte without an early exit, 32 bytes at a time: the compiler's vector code
    #[allow(clippy::needless_bitwise_bool)] // no branch per byte
    let bad = |b: u8| (b < 0x20) & (b != b'\t') | (b == 0x7f) | (!literal & (b == b'\\'));
    let (chunks, rest) = inner.as_bytes().as_chunks::<32>();
    let clean = chunks
        .iter()
        .all(|c| !c.iter().fold(false, |acc, &b| acc | bad(b)))
        && !rest.iter().fold(false, |acc, &b| acc | bad(b));
    clean.then_some(inner)
}

/// The table at `path` under `table`, made (as implicit tables) where missing; through an
/// array of tables, its last table. `None` where the path meets a value, an inline table or an
/// array of values — an error, left to `toml`.
fn descend<'t, 'i>(mut table: &'t mut Table<'i>, path: &[Key<'i>]) -> Option<&'t mut Table<'i>> {
    for key in path {
        let at = match table.position(key.get_ref()) {
            Some(at) => at,
            None => {
                let t = Node::Table(Table::default());
                table.push(key.clone(), Spanned::new(key.span(), t))
            }
        };
        table = match table.entries[at].1.as_mut() {
            Node::Table(t) if !t.inline => t,
            Node::Array(a) if a.of_tables => match a.items.last_mut()?.as_mut() {
                Node::Table(t) => t,
                _ => return None,
            },
            _ => return None,
        };
    }
    Some(table)
}

/// Put the table read under `header` in its place (`toml`'s order: a table is placed when the
/// next header begins).
fn finish<'i>(root: &mut Table<'i>, current: Table<'i>, header: Option<Header<'i>>) -> Option<()> {
    let Some(h) = header else {
        *root = current;
        return Some(());
    };
    let parent = descend(root, &h.path)?;
    let value = Spanned::new(h.span.clone(), Node::Table(current));
    if h.array {
        match parent.position(h.key.get_ref()) {
            None => {
                let array = Array {
                    items: vec![value],
                    of_tables: true,
                };
                parent.push(h.key, Spanned::new(h.span, Node::Array(array)));
            }
            Some(at) => match parent.entries[at].1.as_mut() {
                Node::Array(a) if a.of_tables => a.items.push(value),
                _ => return None,
            },
        }
    } else {
        if parent.position(h.key.get_ref()).is_some() {
            return None;
        }
        parent.push(h.key, value);
    }
    Some(())
}

#[cfg(test)]
mod tests;
