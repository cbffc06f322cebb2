//! The owner state machine as pure functions, with no database in sight: which status
//! an action leads to ([`next`]) and who may take it ([`decide`]). `ownership.rs`
//! calls [`decide`] under the thread's row lock and writes what it returns.
//!
//! ```text
//! bot ──request──▶ waiting_human ──claim / assign──▶ human(assignee) ──resolve──▶ resolved
//!  ▲  ◀──────────────────handback──────────────────────┘    │                      │
//!  │  ──────────────────takeover (claim)────────────────────▶│                      │
//!  └─────────────────reopen (the customer writes again: a new episode)───────────┘
//!                      waiting_human ──resolve──▶ resolved;  resolved ──request──▶ waiting_human
//! ```

use frontdesk_api::ThreadStatus;

/// What someone does to a thread's ownership.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Ask for a person (the `handoff_human` tool, the widget's button).
    Request,
    /// A person takes the thread: from the queue, or over from the bot.
    Claim,
    /// The owner gives it back to the bot.
    HandBack,
    /// Close the conversation.
    Resolve,
    /// Give it to a named person.
    Assign,
    /// The customer writes to a resolved conversation: a new bot episode.
    Reopen,
}

impl Action {
    pub const ALL: [Action; 6] = [
        Self::Request,
        Self::Claim,
        Self::HandBack,
        Self::Resolve,
        Self::Assign,
        Self::Reopen,
    ];

    /// The verb in error messages ("cannot hand back a conversation that is bot").
    pub fn verb(self) -> &'static str {
        match self {
            Self::Request => "request a person for",
            Self::Claim => "claim",
            Self::HandBack => "hand back",
            Self::Resolve => "resolve",
            Self::Assign => "assign",
            Self::Reopen => "reopen",
        }
    }
}

/// Where an action leaves the thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// The status becomes this one (the same status counts when the assignee changes:
    /// `assign` on a thread a person owns).
    To(ThreadStatus),
    /// Already where the action leads: nothing changes and nothing is recorded.
    Stay,
}

/// The action makes no sense in this status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cannot {} a conversation that is {}", action.verb(), status)]
pub struct Invalid {
    pub action: Action,
    pub status: ThreadStatus,
}

/// Where `action` takes a thread in `status`, or why it cannot.
pub fn next(status: ThreadStatus, action: Action) -> Result<Next, Invalid> {
    use Action as A;
    use ThreadStatus as S;
    Ok(match (status, action) {
        (S::Bot | S::Resolved, A::Request) => Next::To(S::WaitingHuman),
        (S::WaitingHuman | S::Human, A::Request) => Next::Stay,
        (S::WaitingHuman | S::Bot, A::Claim) => Next::To(S::Human),
        // the same person claiming again is a no-op; anyone else is refused (`decide`)
        (S::Human, A::Claim) => Next::Stay,
        (S::Human, A::HandBack) => Next::To(S::Bot),
        (S::Human | S::WaitingHuman, A::Resolve) => Next::To(S::Resolved),
        (S::Resolved, A::Resolve) => Next::Stay,
        (S::Human | S::WaitingHuman, A::Assign) => Next::To(S::Human),
        (S::Resolved, A::Reopen) => Next::To(S::Bot),
        (S::Bot | S::WaitingHuman | S::Human, A::Reopen) => Next::Stay,
        (S::Resolved, A::Claim)
        | (S::Bot | S::WaitingHuman | S::Resolved, A::HandBack)
        | (S::Bot, A::Resolve)
        | (S::Bot | S::Resolved, A::Assign) => return Err(Invalid { action, status }),
    })
}

/// Who acts, as far as ownership rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Acting<'a> {
    /// The operator's name; `None` for the customer, the bot or the system.
    pub operator: Option<&'a str>,
    pub is_admin: bool,
}

/// Why an action is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    /// Someone else owns it already (a second claim).
    #[error("{assignee} already has this conversation")]
    AlreadyClaimed { assignee: String },
    /// Only the owner (or an admin) may do this.
    #[error("this conversation belongs to {}", assignee.as_deref().unwrap_or("nobody"))]
    NotOwner { assignee: Option<String> },
    #[error(transparent)]
    Invalid(#[from] Invalid),
}

/// [`next`], plus the rules about people: a claim on a thread someone else owns is
/// refused, and only its owner or an admin may hand back, resolve or reassign a
/// thread a person owns.
pub fn decide(
    status: ThreadStatus,
    assignee: Option<&str>,
    action: Action,
    by: Acting<'_>,
) -> Result<Next, Refused> {
    let next = next(status, action)?;
    if status != ThreadStatus::Human {
        return Ok(next);
    }
    match action {
        Action::Claim if assignee != by.operator || by.operator.is_none() => {
            Err(Refused::AlreadyClaimed {
                assignee: assignee.unwrap_or("someone").to_string(),
            })
        }
        Action::HandBack | Action::Resolve | Action::Assign
            if !by.is_admin && (by.operator.is_none() || assignee != by.operator) =>
        {
            Err(Refused::NotOwner {
                assignee: assignee.map(str::to_string),
            })
        }
        _ => Ok(next),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action as A;
    use ThreadStatus as S;

    /// Every status × action pair, in the order of `ThreadStatus::ALL` × `Action::ALL`.
    #[test]
    fn every_pair() {
        let inv = |status, action| Err(Invalid { action, status });
        let to = |s| Ok(Next::To(s));
        let stay = Ok(Next::Stay);
        #[rustfmt::skip]
        let table: [(S, [Result<Next, Invalid>; 6]); 4] = [
            //                 Request              Claim              HandBack               Resolve                Assign                 Reopen
            (S::Bot,          [to(S::WaitingHuman), to(S::Human),      inv(S::Bot, A::HandBack), inv(S::Bot, A::Resolve), inv(S::Bot, A::Assign), stay]),
            (S::WaitingHuman, [stay,                to(S::Human),      inv(S::WaitingHuman, A::HandBack), to(S::Resolved), to(S::Human), stay]),
            (S::Human,        [stay,                stay,              to(S::Bot),            to(S::Resolved),       to(S::Human),          stay]),
            (S::Resolved,     [to(S::WaitingHuman), inv(S::Resolved, A::Claim), inv(S::Resolved, A::HandBack), stay, inv(S::Resolved, A::Assign), to(S::Bot)]),
        ];
        assert_eq!(table.map(|(s, _)| s), *<&[S; 4]>::try_from(S::ALL).unwrap());
        for (status, row) in table {
            for (action, expected) in A::ALL.into_iter().zip(row) {
                assert_eq!(next(status, action), expected, "{status} × {action:?}");
            }
        }
    }

    #[test]
    fn invalid_actions_say_what_and_where() {
        let e = next(S::Bot, A::HandBack).unwrap_err();
        assert_eq!(e.to_string(), "cannot hand back a conversation that is bot");
    }

    const ANA: Acting<'static> = Acting {
        operator: Some("ana"),
        is_admin: false,
    };
    const BEN: Acting<'static> = Acting {
        operator: Some("ben"),
        is_admin: false,
    };
    const ADMIN: Acting<'static> = Acting {
        operator: Some("root"),
        is_admin: true,
    };

    #[test]
    fn only_the_owner_or_an_admin_acts_on_a_claimed_thread() {
        let owned = |action, by| decide(S::Human, Some("ana"), action, by);
        assert_eq!(owned(A::Claim, ANA), Ok(Next::Stay));
        assert_eq!(
            owned(A::Claim, BEN),
            Err(Refused::AlreadyClaimed {
                assignee: "ana".into()
            })
        );
        // a second claim is refused even for an admin: there is one owner at a time
        assert!(matches!(
            owned(A::Claim, ADMIN),
            Err(Refused::AlreadyClaimed { .. })
        ));
        for action in [A::HandBack, A::Resolve, A::Assign] {
            assert!(owned(action, ANA).is_ok(), "{action:?} by the owner");
            assert!(owned(action, ADMIN).is_ok(), "{action:?} by an admin");
            assert_eq!(
                owned(action, BEN),
                Err(Refused::NotOwner {
                    assignee: Some("ana".into())
                }),
                "{action:?} by someone else"
            );
        }
    }

    #[test]
    fn anyone_may_act_on_a_waiting_thread() {
        for action in [A::Claim, A::Resolve, A::Assign] {
            assert!(decide(S::WaitingHuman, None, action, BEN).is_ok());
        }
        assert_eq!(
            decide(S::Bot, None, A::HandBack, ADMIN),
            Err(Refused::Invalid(Invalid {
                action: A::HandBack,
                status: S::Bot
            }))
        );
    }
}
