//! The number of a section or an item as printed («1.1», «2.2.», «16», «IV»), parsed once when
//! the plan is read: what it says (its id, «2.2» for «2.2.») and its parts (`[2, 2]`, `[4]` for
//! «IV»). Numbers are compared by their id; their parts place them in sections and in order.

use std::fmt;

/// A number as printed, with its id and parts.
#[derive(Clone, Debug, Default, Eq)]
pub(crate) struct Number {
    printed: String,
    /// The id inside `printed` (trimmed, without a trailing dot).
    id: (u32, u32),
    parts: Option<Parts>,
}

/// Up to six levels of a number: `[2, 3]` for «2.3».
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
struct Parts {
    n: [u32; 6],
    len: u8,
}

impl Number {
    /// A number as the plan prints it.
    pub(crate) fn parse(printed: &str) -> Number {
        let printed = printed.to_owned();
        let lead = printed.len() - printed.trim_start().len();
        let id = printed.trim().trim_end_matches('.').trim_end();
        let start = lead.min(printed.len());
        let end = start + id.len();
        let parts = parse_parts(id);
        Number {
            id: (
                u32::try_from(start).unwrap_or(0),
                u32::try_from(end).unwrap_or(0),
            ),
            parts,
            printed,
        }
    }

    /// As printed: «2.2.».
    pub(crate) fn printed(&self) -> &str {
        &self.printed
    }

    /// What it says: «2.2».
    pub(crate) fn id(&self) -> &str {
        self.printed
            .get(self.id.0 as usize..self.id.1 as usize)
            .unwrap_or_default()
    }

    /// Its parts: `[2, 2]`; `[4]` for «IV»; none for «1.1а».
    pub(crate) fn parts(&self) -> Option<&[u32]> {
        self.parts.as_ref().map(|p| &p.n[..usize::from(p.len)])
    }

    /// The parts of a number given as text (`--section 2.`).
    pub(crate) fn parts_of(s: &str) -> Option<Vec<u32>> {
        parse_parts(s.trim().trim_end_matches('.').trim())
            .map(|p| p.n[..usize::from(p.len)].to_vec())
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Number) -> bool {
        self.id() == other.id()
    }
}

impl std::hash::Hash for Number {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.id().hash(h);
    }
}

impl std::ops::Deref for Number {
    type Target = str;
    fn deref(&self) -> &str {
        &self.printed
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.printed)
    }
}

impl serde::Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.printed)
    }
}

fn parse_parts(id: &str) -> Option<Parts> {
    if id.is_empty() {
        return None;
    }
    // most numbers are digits and dots: «1.17»
    if id.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        let mut n = [0u32; 6];
        let (mut len, mut digits) = (0usize, 0);
        for &b in id.as_bytes() {
            if b == b'.' {
                if digits == 0 || len + 1 >= n.len() {
                    return None;
                }
                len += 1;
                digits = 0;
            } else {
                digits += 1;
                if digits > 4 {
                    return None;
                }
                n[len] = n[len] * 10 + u32::from(b - b'0');
            }
        }
        if digits == 0 {
            return None;
        }
        return Some(Parts {
            n,
            len: len as u8 + 1,
        });
    }
    if let Some(r) = roman_value(id) {
        let mut n = [0; 6];
        n[0] = r;
        return Some(Parts { n, len: 1 });
    }
    let mut n = [0u32; 6];
    let mut len = 0u8;
    for p in id.split('.') {
        let p = p.trim();
        if p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let slot = n.get_mut(usize::from(len))?;
        *slot = p.parse().ok()?;
        len += 1;
    }
    Some(Parts { n, len })
}

/// `I`…`XXXIX` as a number.
pub(crate) fn roman_value(s: &str) -> Option<u32> {
    // most numbers are «1.2»: no copy unless the text is made of I, V and X
    if s.is_empty()
        || !s
            .bytes()
            .all(|b| matches!(b.to_ascii_uppercase(), b'I' | b'V' | b'X'))
    {
        return None;
    }
    let s = s.to_ascii_uppercase();
    let val = |c| match c {
        b'I' => 1,
        b'V' => 5,
        _ => 10,
    };
    let bytes = s.as_bytes();
    let mut total = 0i32;
    for (i, &b) in bytes.iter().enumerate() {
        let v = val(b);
        if bytes.get(i + 1).is_some_and(|&n| val(n) > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    u32::try_from(total)
        .ok()
        .filter(|&n| n > 0 && to_roman(n) == s)
}

/// `n` in Roman numerals (sections numbered I, II, III…).
pub(crate) fn to_roman(mut n: u32) -> String {
    let mut s = String::new();
    for (v, r) in [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(Number::parts_of("2.2."), Some(vec![2, 2]));
        assert_eq!(Number::parts_of(" 4 "), Some(vec![4]));
        assert_eq!(Number::parts_of("IV"), Some(vec![4]));
        assert_eq!(Number::parts_of("1.1а"), None);
        assert_eq!(Number::parts_of("1.17"), Some(vec![1, 17]));
        assert_eq!(Number::parts_of("01.0"), Some(vec![1, 0]));
        assert_eq!(Number::parts_of("1..2"), None);
        assert_eq!(Number::parts_of(".1"), None);
        assert_eq!(Number::parts_of("12345"), None);
        assert_eq!(Number::parts_of("1234.9999"), Some(vec![1234, 9999]));
        assert_eq!(
            Number::parts_of("1.2.3.4.5.6"),
            Some(vec![1, 2, 3, 4, 5, 6])
        );
        assert_eq!(Number::parts_of("1.2.3.4.5.6.7"), None);
        assert_eq!(Number::parts_of("1. 2"), Some(vec![1, 2]));
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman_value("XIV"), Some(14));
        let n = Number::parse(" 2.2. ");
        assert_eq!(n.id(), "2.2");
        assert_eq!(n.printed(), " 2.2. ");
        assert_eq!(n.parts(), Some(&[2, 2][..]));
        assert_eq!(n, Number::parse("2.2"));
        assert_ne!(n, Number::parse("2.3"));
    }
}
