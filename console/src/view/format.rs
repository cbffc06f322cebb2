//! Text helpers for the views: durations the way agents read them (`4m12s`), times in
//! the console's offset, ids shortened, text fitted to columns by display width and
//! word-wrapped, and server text cleaned of control characters so a message can
//! never move the cursor or restyle the terminal.

use chrono::{DateTime, FixedOffset, Utc};
use ratatui::text::Span;
use uuid::Uuid;

/// `42s`, `4m12s`, `1h04m`, `2d03h`.
pub fn duration(secs: i64) -> String {
    let s = secs.max(0);
    match s {
        0..=59 => format!("{s}s"),
        60..=3599 => format!("{}m{:02}s", s / 60, s % 60),
        3600..=86_399 => format!("{}h{:02}m", s / 3600, (s % 3600) / 60),
        _ => format!("{}d{:02}h", s / 86_400, (s % 86_400) / 3600),
    }
}

/// `HH:MM` in `offset`.
pub fn clock(at: DateTime<Utc>, offset: FixedOffset) -> String {
    at.with_timezone(&offset).format("%H:%M").to_string()
}

/// The last 8 hex digits: enough to tell threads apart on screen and to search by.
/// Not the first 8: agentd's ids are UUIDv7, whose leading digits are a timestamp
/// shared by every thread started in the same minute.
pub fn short_id(id: Uuid) -> String {
    let hex = id.simple().to_string();
    hex[hex.len() - 8..].to_string()
}

pub fn width(s: &str) -> usize {
    Span::raw(s).width()
}

fn char_width(c: char) -> usize {
    let mut buf = [0u8; 4];
    width(c.encode_utf8(&mut buf))
}

/// At most `max` columns, with `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = char_width(c);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Exactly `cols` columns: truncated, or padded with spaces.
pub fn fit(s: &str, cols: usize) -> String {
    let mut out = truncate(s, cols);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    out
}

/// Server text for one line: line breaks and tabs become spaces, other control
/// characters (escape sequences start with one) are dropped.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Server text that keeps its line breaks: tabs become spaces, other control
/// characters are dropped.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push('\n'),
            '\t' => out.push_str("    "),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Word-wraps `text` (already cleaned) to `cols` columns; a word longer than a line is
/// broken; line breaks in the text are kept.
pub fn wrap(text: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(1);
    let mut out = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in paragraph.split(' ') {
            let w = width(word);
            if used > 0 && used + 1 + w > cols {
                out.push(std::mem::take(&mut line));
                used = 0;
            }
            if used > 0 {
                line.push(' ');
                used += 1;
            }
            for c in word.chars() {
                let cw = char_width(c);
                if used + cw > cols && used > 0 {
                    out.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
        }
        out.push(line);
    }
    out
}

/// Breaks `text` into rows of `cols` columns at any character (for the editor, where
/// the cursor must land on a predictable cell), and says where `cursor` (in chars) is.
pub fn rows_with_cursor(text: &str, cursor: usize, cols: usize) -> (Vec<String>, (usize, usize)) {
    let cols = cols.max(1);
    let mut rows = vec![String::new()];
    let mut used = 0;
    let mut at = (0, 0);
    for (i, c) in text.chars().enumerate() {
        if i == cursor {
            at = (rows.len() - 1, used);
        }
        if c == '\n' {
            rows.push(String::new());
            used = 0;
            continue;
        }
        let w = char_width(c);
        if used + w > cols {
            rows.push(String::new());
            used = 0;
            if i == cursor {
                at = (rows.len() - 1, 0);
            }
        }
        if let Some(row) = rows.last_mut() {
            row.push(c);
        }
        used += w;
    }
    if cursor >= text.chars().count() {
        if used >= cols {
            rows.push(String::new());
            used = 0;
        }
        at = (rows.len() - 1, used);
    }
    (rows, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        let got: Vec<String> = [0, 42, 60, 252, 3600, 3725, 86_400 + 7200, -5]
            .into_iter()
            .map(duration)
            .collect();
        assert_eq!(
            got,
            ["0s", "42s", "1m00s", "4m12s", "1h00m", "1h02m", "1d02h", "0s"]
        );
    }

    #[test]
    fn fitting_and_wrapping() {
        assert_eq!(fit("refund_request", 8), "refund_…");
        assert_eq!(fit("ok", 4), "ok  ");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(
            wrap("the quick brown fox\njumps", 9),
            ["the quick", "brown fox", "jumps"]
        );
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), [""]);
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(one_line("hi\u{1b}[2J\nthere\u{7}"), "hi[2J there");
        assert_eq!(clean("a\tb\r\nc"), "a    b\nc");
    }

    #[test]
    fn cursor_rows() {
        assert_eq!(
            rows_with_cursor("abcdef", 6, 4),
            (vec!["abcd".into(), "ef".into()], (1, 2))
        );
        assert_eq!(
            rows_with_cursor("abcd", 4, 4),
            (vec!["abcd".into(), String::new()], (1, 0))
        );
        assert_eq!(
            rows_with_cursor("ab\ncd", 1, 10),
            (vec!["ab".into(), "cd".into()], (0, 1))
        );
        assert_eq!(rows_with_cursor("ab\ncd", 3, 10).1, (1, 0));
    }
}
