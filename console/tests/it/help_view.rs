//! The help overlay.

use crate::support::{ch, loaded, render, send};

#[test]
fn lists_every_binding_over_the_queue() {
    let mut state = loaded();
    send(&mut state, ch('?'));
    assert!(state.help);
    insta::assert_snapshot!("help_overlay", render(&state, 100, 30));
    // any key closes it, without doing what the key would otherwise do
    assert!(send(&mut state, ch('c')).is_none());
    assert!(!state.help);
}
