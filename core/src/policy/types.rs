//! The policy as the engine uses it, after validation.

use crate::classify::text::SignalSet;
use crate::lifecycle::State;
use crate::model::Text;
use crate::model::labels::{Lang, labelled_enum};
use crate::model::{Category, ClaimType, EventKind, Nature, Remedy, Severity, Validity};
use crate::policy::condition::{Condition, Outputs};
use crate::policy::versions::{Effective, History, PolicyVersion};
use crate::time::{Calendar, PartialDays, Span};
use std::sync::Arc;

/// The policy format version this library reads.
pub const POLICY_FORMAT: i64 = 1;

/// A text in the three display languages (any may be absent).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Title {
    /// The text in simplified Chinese (`zh-Hans`).
    #[serde(rename = "zh-Hans", skip_serializing_if = "Option::is_none")]
    pub zh_hans: Option<String>,
    /// The text in traditional Chinese (`zh-Hant`).
    #[serde(rename = "zh-Hant", skip_serializing_if = "Option::is_none")]
    pub zh_hant: Option<String>,
    /// The text in English (`en`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Title {
    /// The text in `lang`, falling back to the other script, then English.
    pub fn get(&self, lang: Lang) -> &str {
        let order = match lang {
            Lang::ZhHans => [&self.zh_hans, &self.zh_hant, &self.en],
            Lang::ZhHant => [&self.zh_hant, &self.zh_hans, &self.en],
            Lang::En => [&self.en, &self.zh_hans, &self.zh_hant],
        };
        order.into_iter().flatten().next().map_or("", String::as_str)
    }
}

/// A validated policy. Immutable; share it between threads.
#[derive(Debug, Clone)]
pub struct Policy {
    /// The policy's name (`cn-property`, a file's `name`), shared by all its versions.
    pub name: String,
    /// The version label (for a document with versions, the newest
    /// version's; each entry of `history` carries its own).
    pub version: String,
    /// The policy's title in the display languages.
    pub title: Title,
    /// Where the policy's rules come from (a citation for people), if given.
    pub source: Option<Text>,
    /// The default calendar: a case's calendar when no entry of
    /// `calendars` chooses another.
    pub calendar: Arc<Calendar>,
    /// The policy's other calendars: chosen per case by their conditions,
    /// or named by a deadline rule.
    pub calendars: Vec<NamedCalendar>,
    /// The text signals: keyword lists matched on the complaint's normalised text.
    pub signals: SignalSet,
    /// The classification tables, in the order they run.
    pub tables: Vec<Table>,
    /// The deadline rules, in policy order (a rule's conditions may read only
    /// the deadlines before it).
    pub deadlines: Vec<DeadlineRule>,
    /// The escalation ladder, its triggers and quiet hours.
    pub escalation: Escalation,
    /// The authority matrix: the most each level may grant of each remedy.
    pub authority: Vec<AuthorityRow>,
    /// The lifecycle's transitions: docs/domain.md (the process) with the policy's replacements.
    pub lifecycle: Vec<crate::lifecycle::Transition>,
    /// The required actions, as data (in order of the policy).
    pub obligations: Vec<Obligation>,
    /// The policy's options (`options` in the document), with their defaults filled in.
    pub options: Options,
    /// Which version this is, its dates and how it is chosen; every
    /// assessment that applies it names it (`Assessment::policy_version`).
    pub applied: PolicyVersion,
    /// The instants this version is in force (none for a policy without versions).
    pub effective: Option<Effective>,
    /// A document with versions: every version, oldest first; this policy's
    /// own body is then the newest version's. None for a single policy.
    pub history: Option<Arc<History>>,
}

/// A calendar of the policy besides its default one (`calendars`).
#[derive(Debug, Clone)]
pub struct NamedCalendar {
    /// The entry's id, which a deadline rule's `calendar` names.
    pub id: Text,
    /// The working calendar itself (embedded or the policy's own).
    pub calendar: Arc<Calendar>,
    /// The cases counted on it: the first entry whose condition holds gives
    /// a case its calendar. None: only the rules that name it count on it.
    pub when: Option<Condition>,
    /// `when` as people read it, for the explanation.
    pub conditions: Vec<Text>,
}

labelled_enum! {
    /// What a classification table decides.
    pub enum OutputKind ("output") {
        /// The complaint's severity.
        Severity = "severity", "严重程度", "嚴重程度", "severity";
        /// The complaint's category.
        Category = "category", "类别", "類別", "category";
        /// The complaint's nature.
        Nature = "nature", "性质", "性質", "nature";
        /// A suggestion only: validity is a person's decision (docs/domain.md: validity).
        Validity = "validity", "有效性建议", "有效性建議", "validity suggestion";
        /// What the complainant claims.
        ClaimType = "claim_type", "诉求类型", "訴求類型", "claim type";
        /// Who handles it (a department or role of the host's).
        Route = "route", "承办部门", "承辦部門", "route";
    }
}

labelled_enum! {
    /// How a table combines matching rows.
    pub enum Hit ("hit policy") {
        /// The first matching row decides.
        First = "first", "首条命中", "首條命中", "first";
        /// Every matching row is recorded; `rank` picks the value.
        Collect = "collect", "全部收集", "全部收集", "collect";
    }
}

/// A value a table row yields.
#[derive(Debug, Clone, PartialEq)]
pub enum OutValue {
    /// A severity.
    Severity(Severity),
    /// A category.
    Category(Category),
    /// A nature.
    Nature(Nature),
    /// A validity suggestion.
    Validity(Validity),
    /// A claim type.
    ClaimType(ClaimType),
    /// A route: a department or role of the host's, free text.
    Route(String),
}

impl OutValue {
    /// The value's code as it appears in JSON (the route's own text for `Route`).
    pub fn code(&self) -> &str {
        match self {
            OutValue::Severity(v) => v.code(),
            OutValue::Category(v) => v.code(),
            OutValue::Nature(v) => v.code(),
            OutValue::Validity(v) => v.code(),
            OutValue::ClaimType(v) => v.code(),
            OutValue::Route(v) => v,
        }
    }

    /// Record the value in the outputs.
    pub fn apply(&self, o: &mut Outputs) {
        match self {
            OutValue::Severity(v) => o.severity = Some(*v),
            OutValue::Category(v) => o.category = Some(*v),
            OutValue::Nature(v) => o.nature = Some(*v),
            OutValue::Validity(v) => o.validity = Some(*v),
            OutValue::ClaimType(v) => o.claim_type = Some(*v),
            OutValue::Route(v) => o.route = Some(v.clone()),
        }
    }
}

/// A classification table: rows of conditions, each yielding a value of one output.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The table's id, unique in the policy.
    pub id: Text,
    /// What the table decides.
    pub output: OutputKind,
    /// How matching rows combine.
    pub hit: Hit,
    /// The value when no row matches; None leaves the output unset.
    pub default: Option<OutValue>,
    /// For `collect`: the matched value that comes first in this list wins;
    /// empty: the first matching row's value.
    pub rank: Vec<OutValue>,
    /// The rows, in the order they are tested.
    pub rows: Vec<Row>,
    /// Where the table comes from, if given.
    pub source: Option<Text>,
}

/// A row of a classification table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The row's id, unique in its table.
    pub id: Text,
    /// The conditions; all must hold for the row to match.
    pub when: Condition,
    /// The value the row yields when it matches.
    pub then: OutValue,
    /// Where the row comes from, if given.
    pub source: Option<Text>,
    /// `when`'s tests as people read them, written once when the policy is
    /// read: every trace of a matching row repeats them.
    pub conditions: Vec<Text>,
}

labelled_enum! {
    /// What a reclassification does to a running deadline (docs/time.md).
    pub enum OnReclassify ("on_reclassify") {
        /// Recompute from the original start on the new rule.
        Retroactive = "retroactive", "追溯重算", "追溯重算", "retroactive";
        /// Start again at the reclassification.
        Restart = "restart", "重新起算", "重新起算", "restart";
        /// Keep the deadline computed at the start.
        Keep = "keep", "保持不变", "保持不變", "keep";
    }
}

labelled_enum! {
    /// What reopening does to a deadline.
    pub enum OnReopen ("on_reopen") {
        /// Count again from the reopening.
        Restart = "restart", "重新起算", "重新起算", "restart";
        /// Continue the original count; the time from the closing to the reopening does not count.
        Continue = "continue", "继续计算", "繼續計算", "continue";
    }
}

/// An exact fraction `num / den` (0 < num < den), read once from the
/// policy's decimal (0.75 is 75/100) so that no arithmetic on it rounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    /// The numerator, 0 < num < den.
    pub num: i64,
    /// The denominator, a power of ten.
    pub den: i64,
}

impl Ratio {
    /// The most decimal places a policy's fraction may have.
    pub const MAX_PLACES: usize = 12;

    /// The exact value of a decimal between 0 and 1 as written (its
    /// shortest decimal form); None outside (0, 1) or with more than
    /// `MAX_PLACES` places.
    pub fn from_decimal(x: f64) -> Option<Ratio> {
        if !(x > 0.0 && x < 1.0) {
            return None;
        }
        let text = format!("{x}");
        let digits = text.strip_prefix("0.")?;
        if digits.len() > Ratio::MAX_PLACES || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let num = digits.parse::<i64>().ok()?;
        let den = 10i64.checked_pow(u32::try_from(digits.len()).ok()?)?;
        Some(Ratio { num, den })
    }

    /// `amount * num / den`, rounded down (amount ≥ 0), without overflow.
    pub fn of(self, amount: i64) -> i64 {
        let part = i128::from(amount) * i128::from(self.num) / i128::from(self.den);
        i64::try_from(part).unwrap_or(i64::MAX)
    }
}

/// When a deadline turns at_risk.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Warn {
    /// A fraction of the target: of the clock itself for `elapsed` and
    /// `business`, of the working time between start and due for the day
    /// clocks.
    Fraction(Ratio),
    /// Milliseconds before due.
    Before(i64),
}

labelled_enum! {
    /// Whose time a deadline rule measures.
    pub enum RuleKind ("rule kind") {
        /// The firm's own time limit: missing it is a breach.
        Deadline = "deadline", "处理时限", "處理時限", "deadline";
        /// A window: the time in which something may still happen (the
        /// complainant's time to refer, a simpler procedure's time). Its
        /// lapse is `lapsed`, not a breach, and it has no on-time rate.
        Window = "window", "期间窗口", "期間窗口", "window";
        /// An internal target (an operational-level agreement): the time a
        /// department a complaint was forwarded to has to answer the front
        /// desk. Owned by that department, one cycle per hand-off, counted
        /// apart from the customer-facing on-time rates.
        Internal = "internal", "内部时限", "內部時限", "internal target";
    }
}

/// How a recurring rule starts its cycles again (`repeat`).
#[derive(Debug, Clone, PartialEq)]
pub struct Repeat {
    /// Each of these events starts a cycle when none is running (e.g. each
    /// customer message starts the wait for the next reply).
    pub on: Vec<EventKind>,
    /// Each time a cycle is met, the next one starts at that instant (e.g.
    /// an update every 5 working days).
    pub after_met: bool,
    /// These events end the series: they meet the running cycle and no
    /// cycle starts after them, until the complaint is reopened.
    pub until: Vec<EventKind>,
}

/// A deadline rule.
#[derive(Debug, Clone, PartialEq)]
pub struct DeadlineRule {
    /// The rule's id, unique in the policy.
    pub id: Text,
    /// What the deadline is for, in the display languages.
    pub title: Title,
    /// Where the rule comes from (a section, an article), if given.
    pub source: Option<Text>,
    /// Whether it is the firm's own deadline or a window.
    pub kind: RuleKind,
    /// The conditions under which the rule applies to a complaint (empty: always).
    pub applies_when: Condition,
    /// The time allowed: clock, amount, end of day and roll.
    pub span: Span,
    /// The event whose occurrence (`start_nth`) starts the clock.
    pub start: EventKind,
    /// Which occurrence of `start` starts the clock (1 = the first).
    pub start_nth: usize,
    /// Events that start the count again (e.g. new facts or claims).
    pub restart_on: Vec<EventKind>,
    /// The events that meet the deadline: the first of them at or after the
    /// start (or the last reopening) does.
    pub met_by: Vec<EventKind>,
    /// The lifecycle states in which the clock stops.
    pub pause_when: Vec<State>,
    /// Whether time counted in part of a day counts (`count`) or not (`ignore`).
    pub partial_days: PartialDays,
    /// When the deadline turns `at_risk`; None: it never does.
    pub warn: Option<Warn>,
    /// What a reclassification does to the running deadline.
    pub on_reclassify: OnReclassify,
    /// What reopening a closed complaint does to the deadline.
    pub on_reopen: OnReopen,
    /// How far the deadline may be extended; None: extensions are refused.
    pub extension: Option<Extension>,
    /// An extension granted at or after the due time (as extended so far)
    /// is not applied: the deadline stays as it was, and a note says why.
    pub extension_before_due: bool,
    /// Whether a time the customer asked for (`facts.requested_due_at`) replaces the target.
    pub customer_time: bool,
    /// The calendar the rule counts on: an index into `Policy::calendars`;
    /// None: the case's calendar.
    pub calendar: Option<usize>,
    /// A recurring rule: how its cycles start again.
    pub repeat: Option<Repeat>,
    /// An internal target: the departments whose hand-offs it covers
    /// (empty: every department a complaint is forwarded to).
    pub departments: Vec<Text>,
}

impl DeadlineRule {
    /// Whether the rule runs in cycles (recurring, or internal: one cycle
    /// per hand-off), each with its own outcome.
    pub fn has_cycles(&self) -> bool {
        self.repeat.is_some() || self.kind == RuleKind::Internal
    }
}

/// How far a deadline may be extended, in the rule's units: minutes for
/// `elapsed` and `business`, else days, weeks or months as the clock counts.
#[derive(Debug, Clone, PartialEq)]
pub enum Extension {
    /// At most `max_total` in all, in at most `max_count` extensions.
    Total {
        /// The most all extensions together may add, in the rule's units
        /// (minutes for `elapsed` and `business`, else the clock's count).
        max_total: i64,
        /// How many extensions may be granted.
        max_count: i64,
    },
    /// The n-th extension adds at most `steps[n - 1]` ("extendable to 30
    /// days; in especially complex cases by a further 30").
    Steps(Vec<i64>),
}

/// The escalation part of a policy.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Escalation {
    /// The levels, lowest first: the index of a level is its rank.
    pub ladder: Vec<Level>,
    /// The triggers, in policy order.
    pub triggers: Vec<Trigger>,
    /// When notifications wait for the next opening; None: never.
    pub quiet_hours: Option<QuietHours>,
}

/// A level of the escalation ladder (a role or a person).
#[derive(Debug, Clone, PartialEq)]
pub struct Level {
    /// The level's id, unique in the ladder.
    pub id: Text,
    /// The level's name in the display languages.
    pub title: Title,
}

labelled_enum! {
    /// What sets off an escalation trigger.
    pub enum TriggerOn ("trigger") {
        /// The complaint's classification matches `when`.
        Classified = "classified", "定级", "定級", "classified";
        /// The named deadline is at risk (or already breached).
        AtRisk = "at_risk", "即将超时", "即將超時", "deadline at risk";
        /// The named deadline is breached.
        Breached = "breached", "已超时", "已超時", "deadline breached";
        /// The customer's tier is `vip`.
        Vip = "vip", "贵宾绿色通道", "貴賓綠色通道", "VIP green channel";
        /// The same customer complained on the same subject within `window_days`.
        Repeat = "repeat", "重复投诉", "重複投訴", "repeat complaint";
        /// At least `count` complaints with the same `by` value within `window_days`.
        Batch = "batch", "批量投诉预警", "批量投訴預警", "batch of complaints";
        /// A remedy was proposed beyond the proposer's authority.
        Authority = "authority", "超出授权", "超出授權", "beyond authority";
        /// The customer is unsatisfied after rework for the `times`-th time.
        Unsatisfied = "unsatisfied", "返工后仍不满意", "返工後仍不滿意", "still unsatisfied";
        /// The complaint was addressed above the competent level (host
        /// attributes `addressed_level`, `competent_level`), not online and
        /// with no exception asserted.
        SkipLevel = "skip_level", "越级投诉", "越級投訴", "skip-level complaint";
    }
}

labelled_enum! {
    /// What groups complaints into a batch.
    pub enum BatchKey ("batch key") {
        /// The complaint's product.
        Product = "product", "产品", "產品", "product";
        /// The complaint's category (as classified).
        Category = "category", "类别", "類別", "category";
        /// The department complained about.
        Department = "department", "部门", "部門", "department";
        /// The complaint's subject.
        Subject = "subject", "事项", "事項", "subject";
    }
}

/// An escalation trigger: what sets it off and the level it reaches.
#[derive(Debug, Clone, PartialEq)]
pub struct Trigger {
    /// The trigger's id, unique in the policy.
    pub id: Text,
    /// What sets it off.
    pub on: TriggerOn,
    /// Further conditions on the complaint; all must hold.
    pub when: Condition,
    /// Index into `Policy::deadlines`, for at_risk and breached.
    pub deadline: Option<usize>,
    /// Index into the ladder.
    pub to: Option<usize>,
    /// Without `to`: the index of the level reached (default 1), plus one per
    /// `every` interval, capped at the top of the ladder.
    pub step: Option<i64>,
    /// Repeats the step at this interval since the trigger fired (one level more per interval).
    pub every: Option<Span>,
    /// The time the level has to act, counted from the trigger (gives `act_by`).
    pub act_within: Option<Span>,
    /// For `repeat` (default 30) and `batch`: how far back to look, in days of 24 hours.
    pub window_days: Option<i64>,
    /// For `batch`: how many complaints (this one included) set it off.
    pub count: Option<i64>,
    /// For `batch`: what groups the complaints.
    pub by: Option<BatchKey>,
    /// For `unsatisfied`: which occurrence of `unsatisfied` sets it off (default 1).
    pub times: Option<i64>,
    /// Where the trigger comes from, if given.
    pub source: Option<Text>,
}

/// Hours in which escalation notifications are held to the calendar's next opening.
#[derive(Debug, Clone, PartialEq)]
pub struct QuietHours {
    /// Local minutes of the day; the window may wrap midnight.
    pub from: u32,
    /// Local minute of the day the window ends (exclusive).
    pub to: u32,
    /// Cases matching this are notified at once even in quiet hours (empty: none).
    pub unless: Condition,
}

/// A row of the authority matrix: a level may grant a remedy up to an amount.
#[derive(Debug, Clone, PartialEq)]
pub struct AuthorityRow {
    /// Index of the level in the escalation ladder.
    pub level: usize,
    /// The remedy the row is about.
    pub remedy: Remedy,
    /// The highest amount the level may grant, in the host's currency (as `remedy_amount`).
    pub max_amount: f64,
    /// Where the row comes from, if given.
    pub source: Option<Text>,
}

/// A policy's options.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// 001 篇5: whether a minor complaint settled on the spot needs the handling form.
    pub minor_on_spot_needs_form: bool,
    /// Whether deadlines past the calendar's official data are counted on
    /// its projected holidays (provisional) or left undetermined.
    pub beyond_data: crate::time::BeyondData,
    /// Warn when the calendar's official data ends within this many days
    /// of `now` or of a running deadline's due time.
    pub data_end_warning_days: i64,
}

/// The default of `Options::data_end_warning_days`.
pub const DATA_END_WARNING_DAYS: i64 = 60;

impl Default for Options {
    fn default() -> Options {
        Options {
            minor_on_spot_needs_form: false,
            beyond_data: crate::time::BeyondData::Undetermined,
            data_end_warning_days: DATA_END_WARNING_DAYS,
        }
    }
}

/// An obligation of the handling process: a required action while its
/// conditions hold and no discharging event has happened.
#[derive(Debug, Clone, PartialEq)]
pub struct Obligation {
    /// The obligation's id (the required action's `action`).
    pub id: Text,
    /// What to do, in the display languages (shared with every action
    /// listing it).
    pub text: Arc<Title>,
    /// The text in English, else the first language given.
    pub reason: Text,
    /// Where the obligation comes from (a section, an article).
    pub source: Text,
    /// Conditions on the complaint, its classification, the lifecycle
    /// state, the events so far and the deadlines' states.
    pub when: Condition,
    /// The event the obligation arises at (its last occurrence); None: the
    /// complaint's receipt.
    pub after: Option<EventKind>,
    /// Events that discharge it when they happen at or after it arose.
    pub done_by: Vec<EventKind>,
    /// The time to do it in, counted from `due_from`.
    pub due: Option<Span>,
    /// Where `due` is counted from.
    pub due_from: DueFrom,
}

labelled_enum! {
    /// Where an obligation's due time is counted from.
    pub enum DueFrom ("due_from") {
        /// The instant the obligation arose (its `after` event, else the receipt).
        Arisen = "arisen", "自义务产生时起算", "自義務產生時起算", "from when it arose";
        /// The complaint's receipt, whenever the obligation arose ("escalate
        /// a rejected complaint within 20 days of receipt").
        Received = "received", "自收到投诉时起算", "自收到投訴時起算", "from the receipt";
    }
}

#[cfg(test)]
mod tests {
    use super::Ratio;

    #[test]
    fn ratio_is_the_decimal_as_written() {
        assert_eq!(Ratio::from_decimal(0.75), Some(Ratio { num: 75, den: 100 }));
        assert_eq!(Ratio::from_decimal(0.1), Some(Ratio { num: 1, den: 10 }));
        assert_eq!(
            Ratio::from_decimal(0.000000000001),
            Some(Ratio {
                num: 1,
                den: 1_000_000_000_000
            })
        );
        assert_eq!(Ratio::from_decimal(0.0000000000001), None);
        for x in [0.0, 1.0, -0.5, 1.5, f64::NAN, f64::INFINITY] {
            assert_eq!(Ratio::from_decimal(x), None, "{x}");
        }
    }

    #[test]
    fn ratio_of_rounds_down_without_overflow() {
        let r = Ratio { num: 7, den: 10 };
        // 0.7 * 1 800 000 is 1 259 999.9999999998 in f64; exactly 1 260 000.
        assert_eq!(r.of(1_800_000), 1_260_000);
        assert_eq!(r.of(1), 0);
        assert_eq!(
            Ratio {
                num: 999_999_999_999,
                den: 1_000_000_000_000
            }
            .of(i64::MAX),
            9_223_372_036_845_552_434
        );
    }
}
