//! Sentences: where a block's text divides, knowing news abbreviations, initials, decimals and
//! quotation marks that close after the final stop.

use std::ops::Range;

/// Words that end in a full stop without ending the sentence (compared without the stop).
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cmdr", "Adm", "Sgt",
    "Cpl", "Pvt", "Sen", "Rep", "Gov", "Lt. Gov", "Atty", "Rev", "Fr", "Sr", "Jr", "St", "Ave",
    "Blvd", "Rd", "Mt", "Ft", "No", "Nos", "Vol", "Inc", "Corp", "Co", "Ltd", "Bros", "vs", "v",
    "etc", "approx", "est", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
    "Nov", "Dec", "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind",
    "Kan", "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla",
    "Ore", "Pa", "Tenn", "Va", "Vt", "Wash", "Wis", "Wyo", "Pres", "Supt", "Dept", "Univ",
];

/// Characters that may follow the final stop and still belong to the sentence.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '’' | '”' | '»' | ')' | ']')
}

/// Splits `text` into sentence ranges, each trimmed of surrounding whitespace.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    // Walked once, not collected: a block may be a story of megabytes on one line.
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if !is_stop(c) {
            continue;
        }
        // Take the whole run of stops and closing marks.
        while chars
            .next_if(|&(_, c)| is_stop(c) || is_closer(c))
            .is_some()
        {}
        let next = chars.peek().copied();
        let end = next.map_or(text.len(), |(o, _)| o);
        let followed_by_space = next.is_none_or(|(_, c)| c.is_whitespace());
        if followed_by_space && c == '.' && !ends_sentence(text, at, &text[end..]) {
            continue;
        }
        // "“Are they?” said Tufekci", "“Why?” he asked": a question or exclamation that a
        // lower-case word goes on from is quoted inside its sentence.
        if matches!(c, '?' | '!')
            && text[end..]
                .chars()
                .find(|c| !c.is_whitespace())
                .is_some_and(char::is_lowercase)
        {
            continue;
        }
        if followed_by_space {
            push_trimmed(&mut out, text, start..end);
            start = end;
        }
    }
    push_trimmed(&mut out, text, start..text.len());
    out
}

/// Characters that end a sentence.
fn is_stop(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, range: Range<usize>) {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if !trimmed.is_empty() {
        let start = range.start + lead;
        out.push(start..start + trimmed.len());
    }
}

/// Whether the full stop at `dot` ends its sentence, given the text after the run.
fn ends_sentence(text: &str, dot: usize, after: &str) -> bool {
    let word_start = text[..dot]
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘' | '—'))
        .map_or(0, |p| {
            p + text[p..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &text[word_start..dot];
    let next = after.chars().find(|c| !c.is_whitespace());
    if word.is_empty() {
        return true;
    }
    // A single capital is an initial ("J. Smith"); dotted forms are abbreviations ("U.S.", "a.m.").
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    if single_initial || word.contains('.') {
        return false;
    }
    if ABBREVIATIONS.contains(&word) {
        // "No." only before a number; "Co." etc. can end a sentence but rarely does in news.
        return word == "No" && !next.is_some_and(|c| c.is_ascii_digit());
    }
    // A lower-case continuation is not a new sentence ("approx. five").
    !next.is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        split(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn news_abbreviations_do_not_end_sentences() {
        assert_eq!(
            texts(
                "Sen. J. Smith met Gen. Lee at No. 10 on Jan. 5 in the U.S. capital. It cost 2.5 billion. Done!"
            ),
            [
                "Sen. J. Smith met Gen. Lee at No. 10 on Jan. 5 in the U.S. capital.",
                "It cost 2.5 billion.",
                "Done!"
            ]
        );
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        assert_eq!(
            texts("‘Not for show,’ Rutte emphasized. ‘They are strong.’ He left."),
            [
                "‘Not for show,’ Rutte emphasized.",
                "‘They are strong.’",
                "He left."
            ]
        );
    }

    #[test]
    fn a_question_goes_on_into_its_attribution() {
        assert_eq!(
            texts("“Are they?” said Tufekci. “Why?” he asked. Was it? Yes."),
            [
                "“Are they?” said Tufekci.",
                "“Why?” he asked.",
                "Was it?",
                "Yes."
            ]
        );
    }
}
