//! A small line editor for the prompts: text plus a cursor, edited by key. Positions
//! are in characters, never bytes, so no key can split a multi-byte character.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Editor {
    text: String,
    /// Cursor position in characters (0 = before the first).
    cursor: usize,
}

/// What a key did to the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The text changed.
    Changed,
    /// Only the cursor moved (or nothing happened).
    Moved,
    Submit,
    Cancel,
}

impl Editor {
    pub fn with_text(text: &str) -> Self {
        Self {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }

    pub fn insert(&mut self, c: char) {
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    /// Inserts pasted text; line breaks become spaces unless the prompt is `multiline`.
    pub fn insert_str(&mut self, s: &str, multiline: bool) {
        for c in s.chars() {
            match c {
                '\r' => {}
                '\n' if !multiline => self.insert(' '),
                '\t' => self.insert(' '),
                c if c.is_control() && c != '\n' => {}
                c => self.insert(c),
            }
        }
    }

    fn backspace(&mut self) -> bool {
        if self.cursor == 0 {
            return false;
        }
        self.cursor -= 1;
        let at = self.byte_at(self.cursor);
        self.text.remove(at);
        true
    }

    fn delete(&mut self) -> bool {
        if self.cursor >= self.text.chars().count() {
            return false;
        }
        let at = self.byte_at(self.cursor);
        self.text.remove(at);
        true
    }

    /// Deletes the word before the cursor (Ctrl+W, as in a shell).
    fn delete_word(&mut self) -> bool {
        let chars: Vec<char> = self.text.chars().collect();
        let mut start = self.cursor;
        while start > 0 && chars[start - 1].is_whitespace() {
            start -= 1;
        }
        while start > 0 && !chars[start - 1].is_whitespace() {
            start -= 1;
        }
        if start == self.cursor {
            return false;
        }
        let (from, to) = (self.byte_at(start), self.byte_at(self.cursor));
        self.text.replace_range(from..to, "");
        self.cursor = start;
        true
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// Applies one key. Enter submits; Alt+Enter or Ctrl+J adds a line break when
    /// `multiline` (terminals cannot tell Shift+Enter from Enter).
    pub fn key(&mut self, key: KeyEvent, multiline: bool) -> Edit {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let changed = |yes: bool| if yes { Edit::Changed } else { Edit::Moved };
        match key.code {
            KeyCode::Enter if (alt || ctrl) && multiline => {
                self.insert('\n');
                Edit::Changed
            }
            KeyCode::Char('j') if ctrl && multiline => {
                self.insert('\n');
                Edit::Changed
            }
            KeyCode::Enter => Edit::Submit,
            KeyCode::Esc => Edit::Cancel,
            KeyCode::Backspace => changed(self.backspace()),
            KeyCode::Delete => changed(self.delete()),
            KeyCode::Left => {
                self.cursor = self.cursor.saturating_sub(1);
                Edit::Moved
            }
            KeyCode::Right => {
                self.cursor = (self.cursor + 1).min(self.text.chars().count());
                Edit::Moved
            }
            KeyCode::Home => {
                self.cursor = 0;
                Edit::Moved
            }
            KeyCode::End => {
                self.cursor = self.text.chars().count();
                Edit::Moved
            }
            KeyCode::Char('a') if ctrl => {
                self.cursor = 0;
                Edit::Moved
            }
            KeyCode::Char('e') if ctrl => {
                self.cursor = self.text.chars().count();
                Edit::Moved
            }
            KeyCode::Char('u') if ctrl => {
                let had = !self.text.is_empty();
                self.clear();
                changed(had)
            }
            KeyCode::Char('w') if ctrl => changed(self.delete_word()),
            KeyCode::Char(_) if ctrl || alt => Edit::Moved,
            KeyCode::Char(c) => {
                self.insert(c);
                Edit::Changed
            }
            _ => Edit::Moved,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[track_caller]
    fn check(start: &str, keys: &[KeyEvent], expected: &str, cursor: usize) {
        let mut e = Editor::with_text(start);
        for k in keys {
            e.key(*k, true);
        }
        assert_eq!((e.text(), e.cursor()), (expected, cursor));
    }

    #[test]
    fn edits_by_character_not_byte() {
        check(
            "",
            &[key(KeyCode::Char('é')), key(KeyCode::Char('x'))],
            "éx",
            2,
        );
        check(
            "héllo",
            &[key(KeyCode::Left), key(KeyCode::Backspace)],
            "hélo",
            3,
        );
        check("abc", &[key(KeyCode::Home), key(KeyCode::Delete)], "bc", 0);
        check("abc", &[key(KeyCode::Backspace); 5], "", 0);
        check(
            "abc",
            &[key(KeyCode::Right), key(KeyCode::Char('d'))],
            "abcd",
            4,
        );
    }

    #[test]
    fn control_keys() {
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        check("hello big world", &[ctrl('w')], "hello big ", 10);
        check("hello", &[ctrl('u')], "", 0);
        check("ab", &[ctrl('j')], "ab\n", 3);
        check(
            "ab",
            &[KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT)],
            "ab\n",
            3,
        );
    }

    #[test]
    fn enter_submits_and_paste_is_cleaned() {
        let mut e = Editor::default();
        assert_eq!(e.key(key(KeyCode::Enter), true), Edit::Submit);
        e.insert_str("one\r\ntwo\tthree\u{1b}[2J", false);
        assert_eq!(e.text(), "one two three[2J");
    }
}
