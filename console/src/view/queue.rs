//! The live queue view: a filter bar (all sections or one, with counts), then each
//! section with its conversations — waiting time and OVERDUE for those waiting, the
//! owner for claimed ones — and a line of the keys that matter here.

use frontdesk_api::admin::QueueEntry;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::format::{duration, fit, one_line, short_id, truncate};
use super::theme;
use crate::app::queues::{self, waited_secs};
use crate::app::{Section, State};

pub fn render(state: &State, frame: &mut Frame, area: Rect) {
    let [bar, list, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(filter_bar(state)), bar);
    render_list(state, frame, list);
    frame.render_widget(
        Paragraph::new(theme::hints(&[
            ("Enter", "open"),
            ("c", "claim"),
            ("a", "assign"),
            ("/", "search"),
            ("1-5", "section"),
            ("Tab", "next"),
            ("?", "help"),
            ("q", "quit"),
        ])),
        hints,
    );
}

fn filter_bar(state: &State) -> Line<'static> {
    let count = |s: Section| queues::entries(state, s).len();
    let tab = |label: String, active: bool| {
        if active {
            Span::styled(format!("[{label}]"), theme::ACTIVE)
        } else {
            Span::raw(format!(" {label} "))
        }
    };
    let mut spans = vec![
        Span::styled(" Queues ", Style::new().add_modifier(Modifier::BOLD)),
        tab("All".into(), state.filter.is_none()),
    ];
    for s in Section::ALL {
        spans.push(tab(
            format!("{} {} ({})", s.number(), s.tab(), count(s)),
            state.filter == Some(s),
        ));
    }
    if let Some(q) = &state.queues {
        if !q.view.open_now {
            spans.push(Span::styled("  outside business hours", theme::WARN));
        }
    }
    let typing_search = state
        .input
        .as_ref()
        .is_some_and(|i| i.prompt == crate::app::Prompt::Search);
    if !state.search.is_empty() && !typing_search {
        spans.push(Span::styled(
            format!("  search: {}", one_line(&state.search)),
            theme::ACTIVE,
        ));
    }
    Line::from(spans)
}

fn render_list(state: &State, frame: &mut Frame, area: Rect) {
    if area.height == 0 {
        return;
    }
    let Some(_) = &state.queues else {
        let text = match &state.queues_error {
            Some(e) => Line::styled(format!(" {}", one_line(e)), theme::ERROR),
            None => Line::styled(" loading the queues…", theme::DIM),
        };
        frame.render_widget(Paragraph::new(text), area);
        return;
    };
    let width = area.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = None;
    for section in queues::sections(state) {
        let entries = queues::entries(state, section);
        lines.push(section_header(section, entries.len(), width));
        if entries.is_empty() {
            let text = if state.search.trim().is_empty() {
                section.empty().to_string()
            } else {
                format!("no match for \"{}\"", one_line(state.search.trim()))
            };
            lines.push(Line::styled(format!("   {text}"), theme::DIM));
        }
        for entry in entries {
            let selected = state.selected == Some(entry.thread_id);
            if selected {
                selected_line = Some(lines.len());
            }
            lines.push(row(state, section, entry, selected, width));
        }
    }
    // keep the cursor on screen: scroll just enough to show it at the bottom
    let height = area.height as usize;
    let offset = selected_line.map_or(0, |l| l.saturating_sub(height.saturating_sub(1)));
    let visible: Vec<Line> = lines.into_iter().skip(offset).take(height).collect();
    frame.render_widget(Paragraph::new(visible), area);
}

fn section_header(section: Section, count: usize, width: usize) -> Line<'static> {
    let label = format!("── {} ({count}) ", section.title());
    let fill = "─".repeat(width.saturating_sub(super::format::width(&label)));
    Line::styled(format!("{label}{fill}"), theme::HEADER)
}

/// One conversation: `> 4m12s   OVERDUE  refund_request   web      "…"  0190f3a2`.
fn row(
    state: &State,
    section: Section,
    e: &QueueEntry,
    selected: bool,
    width: usize,
) -> Line<'static> {
    let first = match section {
        Section::Waiting => waited_secs(state, e).map(duration).unwrap_or_default(),
        Section::BotActive => "bot".into(),
        Section::Mine | Section::Others | Section::Resolved => {
            e.assignee.clone().unwrap_or_else(|| "bot".into())
        }
    };
    let flag = if e.overdue { "OVERDUE" } else { "" };
    let reason = e
        .reason
        .as_deref()
        .map(one_line)
        .unwrap_or_else(|| "-".into());
    let place = e.queue.as_deref().unwrap_or(e.channel.as_str()).to_string();
    let id = short_id(e.thread_id);
    let marker = if selected { "> " } else { "  " };
    // fixed columns: marker 2, first 9, flag 7, reason 20, place 10, id 8, gaps 6
    let fixed = 2 + 9 + 7 + 20 + 10 + 8 + 6;
    let message = e
        .last_message
        .as_deref()
        .map(|m| format!("\"{}\"", one_line(m)))
        .unwrap_or_default();
    let message = fit(&message, width.saturating_sub(fixed).max(12));
    let base = if selected {
        theme::SELECTED
    } else {
        Style::new()
    };
    let mut spans = vec![
        Span::styled(marker, base),
        Span::styled(fit(&one_line(&first), 9), base),
        Span::styled(" ", base),
        Span::styled(
            fit(flag, 7),
            base.patch(theme::ERROR).add_modifier(Modifier::BOLD),
        ),
        Span::styled(" ", base),
        Span::styled(fit(&reason, 20), base),
        Span::styled(" ", base),
        Span::styled(fit(&one_line(&place), 10), base.patch(theme::DIM)),
        Span::styled(" ", base),
        Span::styled(message, base),
        Span::styled(" ", base),
        Span::styled(truncate(&id, 8), base.patch(theme::DIM)),
    ];
    if selected {
        // the highlight runs to the edge of the list
        let used: usize = spans.iter().map(|s| s.width()).sum();
        spans.push(Span::styled(" ".repeat(width.saturating_sub(used)), base));
    }
    Line::from(spans)
}
