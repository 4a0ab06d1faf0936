use super::*;

fn tree(text: &str) -> Table<'_> {
    let Some(t) = fast(text) else {
        panic!("{text:?} left to toml")
    };
    t
}

fn table<'a, 'i>(v: Option<&'a Val<'i>>) -> &'a Table<'i> {
    let Some(Node::Table(t)) = v.map(Spanned::get_ref) else {
        panic!("{v:?}")
    };
    t
}

fn span(v: Option<&Val<'_>>) -> Range<usize> {
    v.map_or(0..0, Spanned::span)
}

/// Every plan of the repository and of the tests' fixtures: read by the one-pass reader (not
/// handed to `toml`), into the tree `toml`'s reader gives.
#[test]
fn every_plan_and_fixture_is_read_in_one_pass_into_toml_s_tree() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut dirs = vec![root.join("plans"), root.join("tests/fixtures")];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "toml") {
                files.push(p);
            }
        }
    }
    assert!(files.len() > 50, "{} files", files.len());
    let mut fast_read = 0;
    for p in &files {
        let Ok(text) = std::fs::read_to_string(p) else {
            continue;
        };
        assert!(agrees_with_toml(&text), "{}", p.display());
        if DeTable::parse(&text).is_ok() && !text.contains('\\') {
            assert!(fast(&text).is_some(), "{} left to toml", p.display());
            fast_read += 1;
        }
    }
    assert!(fast_read > 40, "{fast_read}");
}

/// Each form of TOML, valid or not: the two readers agree; `fast` says which the one-pass
/// reader takes itself.
#[test]
fn both_readers_agree_on_every_form() {
    let cases: &[(&str, bool)] = &[
        ("", true),
        ("# только комментарий\n", true),
        (
            "a = 1\nb = 'x'\nc = \"y\"\nd = true\ne = 1.5\nf = 1979-05-27\n",
            true,
        ),
        ("a = 0x1F\nb = 1_000\nc = -3\nd = +inf\ne = 6.02e23\n", true),
        (
            "t = 1979-05-27T07:32:00Z\nu = 07:32:00\nv = 1979-05-27T00:32:00.999999-07:00\n",
            true,
        ),
        ("s = \"\"\nl = ''\n", true),
        ("s = \"кириллица\tс табуляцией\"\n", true),
        ("s = \"экранирование \\\" и \\n\\u0041\"\n", true),
        (
            "s = '''\nмного\nстрок'''\nt = \"\"\"\nещё \\\n  строки\"\"\"\n",
            true,
        ),
        (
            "a = [1, 2, 3,]\nb = [[1], ['x'], []]\nc = [\n  'a', # комментарий\n  'b'\n]\n",
            true,
        ),
        ("p = { date = 2026-03-01, note = \"x\" }\nq = {}\n", true),
        ("l = [{ a = 1 }, { a = 2, b = [ { c = 3 } ] }]\n", true),
        (
            "[plan]\ntitle = \"x\"\n\n[[section]]\nnumber = \"1\"\n\n[[section.item]]\nnumber = \"1.1\"\n\n[[section.item]]\nnumber = \"1.2\"\n\n[[section]]\nnumber = \"2\"\n[[section.item]]\nnumber = \"2.1\"\n",
            true,
        ),
        ("[a.b.c]\nx = 1\n[a.b.d]\ny = 2\n[a]\n", false),
        ("[a]\nx = 1\n[a.b]\ny = 2\n", true),
        ("[[a]]\n[a.b]\nx = 1\n[[a]]\n[a.b]\nx = 2\n", true),
        ("\"quoted key\" = 1\n'lit' = 2\n\"ключ\" = 3\n", true),
        ("a.b = 1\na.c = 2\n", false),
        ("[t]\nx.y = 1\n", false),
        ("p = { a.b = 1 }\n", false),
        // errors: both refuse
        ("a = 1\na = 2\n", false),
        ("[a]\n[a]\n", false),
        ("a = [1]\n[[a]]\n", false),
        ("a = 1\n[a.b]\n", false),
        ("a = { b = 1 }\n[a.c]\n", false),
        ("a = { b = 1, b = 2 }\n", false),
        ("[[a]]\n[a]\n", false),
        ("a = \"незакрытая\n", false),
        ("a = \"\u{1}\"\n", false),
        ("a = 'x\u{7f}'\n", false),
        ("# \u{0}\n", false),
        ("a = 1979-13-45\n", false),
        ("a = 01\n", false),
        ("a = [1 2]\n", false),
        ("=1\n", false),
        ("[a\n", false),
        ("a = \"\\q\"\n", false),
        ("[]\n", false),
        ("a = 1 b = 2\n", false),
        (&"a = [".repeat(100), false),
        ("<<<<<<< HEAD\n", false),
    ];
    for (text, one_pass) in cases {
        assert!(agrees_with_toml(text), "{text:?}");
        assert_eq!(fast(text).is_some(), *one_pass, "{text:?}");
    }
}

#[test]
fn spans_are_toml_s() {
    let text = "[plan]\ntitle = \"План\"\n\n[[section]]\nnumber = \"I\"\n";
    let t = tree(text);
    assert_eq!(&text[span(t.get("plan"))], "[plan]");
    let p = table(t.get("plan"));
    assert_eq!(&text[span(p.get("title"))], "\"План\"");
    let keys: Vec<_> = p.into_iter().map(|(k, _)| &text[k.span()]).collect();
    assert_eq!(keys, ["title"]);
    assert_eq!(&text[span(t.get("section"))], "[[section]]");
}

/// A table of many keys keeps an index, and finds each key and a duplicate.
#[test]
fn a_large_table_is_indexed() {
    let mut text: String = (0..200).map(|i| format!("k{i} = {i}\n")).collect();
    let t = tree(&text);
    assert!(t.index.is_some());
    for i in [0, 16, 17, 199] {
        let Some(Node::Integer(d)) = t.get(&format!("k{i}")).map(Spanned::get_ref) else {
            panic!("k{i}")
        };
        assert_eq!(d.as_str(), i.to_string());
    }
    assert!(t.get("k200").is_none());
    text.push_str("k150 = 1\n");
    assert!(fast(&text).is_none());
    assert!(parse(&text).is_err());
}
