//! The queue view's rows: which sections are shown, which entries pass the search,
//! and in what order the cursor walks them. Shared by `update` (moving the cursor)
//! and the view (drawing it), so the two can never disagree.

use frontdesk_api::admin::QueueEntry;

use super::state::{Section, State};

/// One selectable line of the queue view.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    pub section: Section,
    pub entry: &'a QueueEntry,
}

/// The sections on screen: the filtered one, or all five.
pub fn sections(state: &State) -> Vec<Section> {
    match state.filter {
        Some(s) => vec![s],
        None => Section::ALL.to_vec(),
    }
}

/// The entries of `section` that match the search, in agentd's order.
pub fn entries(state: &State, section: Section) -> Vec<&QueueEntry> {
    let Some(queues) = &state.queues else {
        return Vec::new();
    };
    let needle = state.search.trim().to_lowercase();
    section
        .entries(&queues.view)
        .iter()
        .filter(|e| needle.is_empty() || matches(e, &needle))
        .collect()
}

/// Every selectable row, top to bottom.
pub fn rows(state: &State) -> Vec<Row<'_>> {
    sections(state)
        .into_iter()
        .flat_map(|section| {
            entries(state, section)
                .into_iter()
                .map(move |entry| Row { section, entry })
        })
        .collect()
}

/// Whether `entry` matches a lower-cased search: in its last message, its reason or
/// its thread id (a prefix of the id is enough to find a thread someone mentioned).
pub fn matches(entry: &QueueEntry, needle: &str) -> bool {
    let has = |s: &Option<String>| {
        s.as_deref()
            .is_some_and(|s| s.to_lowercase().contains(needle))
    };
    has(&entry.last_message) || has(&entry.reason) || entry.thread_id.to_string().contains(needle)
}

/// How long `entry` has waited by now: agentd's figure plus the time since it came.
pub fn waited_secs(state: &State, entry: &QueueEntry) -> Option<i64> {
    let fetched_at = state.queues.as_ref()?.fetched_at;
    let since = (state.now - fetched_at).num_seconds().max(0);
    entry.waiting_secs.map(|w| w.max(0) + since)
}

/// Keeps the cursor on a visible row: the selected thread if it is still shown
/// (wherever it moved), else the first row.
pub fn fix_selection(state: &mut State) {
    let rows = rows(state);
    let still_there = state
        .selected
        .is_some_and(|id| rows.iter().any(|r| r.entry.thread_id == id));
    if !still_there {
        state.selected = rows.first().map(|r| r.entry.thread_id);
    }
}

/// Moves the cursor by `delta` rows, stopping at the ends.
pub fn move_selection(state: &mut State, delta: isize) {
    let rows = rows(state);
    if rows.is_empty() {
        state.selected = None;
        return;
    }
    let current = state
        .selected
        .and_then(|id| rows.iter().position(|r| r.entry.thread_id == id))
        .unwrap_or(0);
    let last = rows.len() as isize - 1;
    let next = (current as isize + delta).clamp(0, last) as usize;
    state.selected = Some(rows[next].entry.thread_id);
}

/// Puts the cursor on the first or last row.
pub fn select_end(state: &mut State, last: bool) {
    let rows = rows(state);
    let row = if last { rows.last() } else { rows.first() };
    state.selected = row.map(|r| r.entry.thread_id);
}
