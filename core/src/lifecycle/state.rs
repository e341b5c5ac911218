//! The lifecycle states of a complaint (docs/domain.md: the process).

use crate::model::labels::labelled_enum;

labelled_enum! {
    /// Where a complaint is in its process.
    pub enum State ("state") {
        /// 已接收.
        Received = "received", "已接收", "已接收", "received";
        /// 已登记.
        Registered = "registered", "已登记", "已登記", "registered";
        /// 处理中.
        InProgress = "in_progress", "处理中", "處理中", "in progress";
        /// 等待客户.
        AwaitingCustomer = "awaiting_customer", "等待客户", "等待客戶", "awaiting customer";
        /// 中止计时 (鉴定、检测、评估).
        Suspended = "suspended", "中止计时", "中止計時", "suspended";
        /// 已处理.
        Resolved = "resolved", "已处理", "已處理", "resolved";
        /// 已答复.
        Replied = "replied", "已答复", "已答覆", "replied";
        /// 已回访.
        FollowedUp = "followed_up", "已回访", "已回訪", "followed up";
        /// 客户已签字.
        SignedOff = "signed_off", "客户已签字", "客戶已簽字", "signed off";
        /// 已结案.
        Closed = "closed", "已结案", "已結案", "closed";
        /// 申诉中.
        Appealed = "appealed", "申诉中", "申訴中", "appealed";
        /// 已转外部机构.
        Referred = "referred", "已转外部机构", "已轉外部機構", "referred";
    }
}

/// A set of lifecycle states (the states a transition may happen in), one
/// bit per state: every assessment asks which events its state allows, a
/// test against each transition, and a bit test costs a few instructions
/// where searching a list cost tens.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct StateSet(u32);

const _: () = assert!(State::ALL.len() <= 32);

impl StateSet {
    /// No state.
    pub const EMPTY: StateSet = StateSet(0);

    /// The set of `states` (usable in constants).
    pub const fn of(states: &[State]) -> StateSet {
        let mut bits = 0;
        let mut i = 0;
        while i < states.len() {
            bits |= 1 << states[i] as u32;
            i += 1;
        }
        StateSet(bits)
    }

    /// Whether `state` is in the set.
    pub fn contains(self, state: State) -> bool {
        self.0 & (1 << state as u32) != 0
    }

    /// `self` with `state` added.
    pub fn insert(&mut self, state: State) {
        self.0 |= 1 << state as u32;
    }

    /// The number of states in the set.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether the set holds no state.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The states in the set, in declaration order (`State::ALL`).
    pub fn iter(self) -> impl Iterator<Item = State> {
        State::ALL.iter().copied().filter(move |&s| self.contains(s))
    }
}

impl FromIterator<State> for StateSet {
    fn from_iter<I: IntoIterator<Item = State>>(states: I) -> StateSet {
        let mut set = StateSet::EMPTY;
        states.into_iter().for_each(|s| set.insert(s));
        set
    }
}

impl From<&[State]> for StateSet {
    fn from(states: &[State]) -> StateSet {
        StateSet::of(states)
    }
}

/// As the set of the states' codes: `{"received", "registered"}`.
impl std::fmt::Debug for StateSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.iter().map(State::code)).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::{State, StateSet};

    #[test]
    fn a_set_holds_each_state_once_in_declaration_order() {
        let set: StateSet = [State::Closed, State::Received, State::Closed].into_iter().collect();
        assert_eq!(set.len(), 2);
        assert!(set.contains(State::Received) && set.contains(State::Closed));
        assert!(!set.contains(State::Registered) && !StateSet::EMPTY.contains(State::Received));
        assert_eq!(set.iter().collect::<Vec<_>>(), [State::Received, State::Closed]);
        assert_eq!(format!("{set:?}"), r#"{"received", "closed"}"#);
        assert_eq!(StateSet::of(&[State::Referred]), StateSet::from(&[State::Referred][..]));
        assert!(StateSet::EMPTY.is_empty() && !set.is_empty());
    }
}
