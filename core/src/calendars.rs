//! Which calendar each deadline of a case is counted on. A policy has a
//! default calendar and may name others (`calendars`): the first entry
//! whose condition holds for the complaint and its first classification is
//! the case's calendar (a site, a region, a department, a customer tier),
//! and a rule that names an entry counts on it whatever the case's (a
//! customer-facing limit on the statutory calendar, a hand-off on a
//! department's rota). Every calendar is taken in the view the call asks
//! for (official data only, or with projected holidays).

use crate::policy::condition::Subject;
use crate::policy::{DeadlineRule, Policy};
use crate::time::{BeyondData, Calendar};
use std::sync::Arc;

/// The calendars of one assessment.
pub struct CaseCalendars {
    /// The case's calendar, in the view asked for.
    pub case: Arc<Calendar>,
    /// The entry of `Policy::calendars` that chose it; None: the default.
    pub chosen_by: Option<usize>,
    /// The policy's named calendars, in the same view (empty when it names none).
    named: Vec<Arc<Calendar>>,
}

impl CaseCalendars {
    /// The calendars of a case whose complaint and first classification
    /// `subject` describes.
    pub fn choose(policy: &Policy, subject: &Subject, beyond: BeyondData) -> CaseCalendars {
        let chosen_by = policy
            .calendars
            .iter()
            .position(|c| c.when.as_ref().is_some_and(|w| w.holds(subject)));
        let base = chosen_by.map_or(&policy.calendar, |i| &policy.calendars[i].calendar);
        CaseCalendars {
            case: base.for_beyond(beyond),
            chosen_by,
            named: policy.calendars.iter().map(|c| c.calendar.for_beyond(beyond)).collect(),
        }
    }

    /// The calendar a rule counts on: the one it names, else the case's.
    pub fn for_rule(&self, rule: &DeadlineRule) -> &Calendar {
        match rule.calendar.and_then(|i| self.named.get(i)) {
            Some(c) => c,
            None => &self.case,
        }
    }

    /// For a policy with several calendars: which calendar the rule was
    /// counted on and why (for the deadline's notes).
    pub fn note(&self, policy: &Policy, rule: &DeadlineRule) -> Option<String> {
        if policy.calendars.is_empty() {
            return None;
        }
        let name = self.for_rule(rule).name();
        Some(match (rule.calendar, self.chosen_by) {
            (Some(i), _) => format!(
                "counted on calendar {name}, named by the rule (calendars entry {})",
                policy.calendars[i].id
            ),
            (None, Some(i)) => {
                let entry = &policy.calendars[i];
                let why: Vec<&str> = entry.conditions.iter().map(|c| &**c).collect();
                format!(
                    "counted on calendar {name}, the case's calendar: calendars entry {} ({})",
                    entry.id,
                    why.join(", ")
                )
            }
            (None, None) => format!(
                "counted on calendar {name}, the policy's default calendar: no calendars entry matched the case"
            ),
        })
    }
}
