//! Escaping for the XML formats (`junit`, `checkstyle`), written by hand: they are small.

/// `s` as XML text or a double-quoted attribute value (so `'` stays as it is). Line breaks and tabs become character
/// references so a parser does not fold them into spaces; characters XML 1.0 cannot carry at
/// all (other C0 controls) become U+FFFD.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_breaks_and_forbidden_characters() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>\n\te\u{1}"),
            "a&lt;b &amp; &quot;c&quot; 'd'&gt;&#10;&#9;e\u{fffd}"
        );
    }
}
