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
    #[serde(rename = "zh-Hans", skip_serializing_if = "Option::is_none")]
    pub zh_hans: Option<String>,
    #[serde(rename = "zh-Hant", skip_serializing_if = "Option::is_none")]
    pub zh_hant: Option<String>,
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
    pub name: String,
    pub version: String,
    pub title: Title,
    pub source: Option<Text>,
    pub calendar: Arc<Calendar>,
    pub signals: SignalSet,
    pub tables: Vec<Table>,
    pub deadlines: Vec<DeadlineRule>,
    pub escalation: Escalation,
    pub authority: Vec<AuthorityRow>,
    /// The lifecycle's transitions: HANDBOOK §6 with the policy's replacements.
    pub lifecycle: Vec<crate::lifecycle::Transition>,
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

labelled_enum! {
    /// What a classification table decides.
    pub enum OutputKind ("output") {
        Severity = "severity", "严重程度", "嚴重程度", "severity";
        Category = "category", "类别", "類別", "category";
        Nature = "nature", "性质", "性質", "nature";
        /// A suggestion only: validity is a person's decision (HANDBOOK §1).
        Validity = "validity", "有效性建议", "有效性建議", "validity suggestion";
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
    Severity(Severity),
    Category(Category),
    Nature(Nature),
    Validity(Validity),
    ClaimType(ClaimType),
    Route(String),
}

impl OutValue {
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

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub id: Text,
    pub output: OutputKind,
    pub hit: Hit,
    pub default: Option<OutValue>,
    pub rank: Vec<OutValue>,
    pub rows: Vec<Row>,
    pub source: Option<Text>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub id: Text,
    pub when: Condition,
    pub then: OutValue,
    pub source: Option<Text>,
    /// `when`'s tests as people read them, written once when the policy is
    /// read: every trace of a matching row repeats them.
    pub conditions: Vec<Text>,
}

labelled_enum! {
    /// What a reclassification does to a running deadline (TIME.md).
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
        Restart = "restart", "重新起算", "重新起算", "restart";
        Continue = "continue", "继续计算", "繼續計算", "continue";
    }
}

/// When a deadline turns at_risk.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Warn {
    /// A fraction (0..1) of the target on the rule's clock.
    Fraction(f64),
    /// Milliseconds before due.
    Before(i64),
}

/// A deadline rule.
#[derive(Debug, Clone, PartialEq)]
pub struct DeadlineRule {
    pub id: Text,
    pub title: Title,
    pub source: Option<Text>,
    pub applies_when: Condition,
    pub span: Span,
    pub start: EventKind,
    /// Which occurrence of `start` starts the clock (1 = the first).
    pub start_nth: usize,
    /// Events that start the count again (e.g. new facts or claims).
    pub restart_on: Vec<EventKind>,
    pub met_by: Vec<EventKind>,
    pub pause_when: Vec<State>,
    pub partial_days: PartialDays,
    pub warn: Option<Warn>,
    pub on_reclassify: OnReclassify,
    pub on_reopen: OnReopen,
    pub extension: Option<Extension>,
    pub customer_time: bool,
}

/// How far a deadline may be extended, in the rule's units.
#[derive(Debug, Clone, PartialEq)]
pub enum Extension {
    /// At most `max_total` in all, in at most `max_count` extensions.
    Total { max_total: i64, max_count: i64 },
    /// The n-th extension adds at most `steps[n - 1]` ("extendable to 30
    /// days; in especially complex cases by a further 30").
    Steps(Vec<i64>),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Escalation {
    pub ladder: Vec<Level>,
    pub triggers: Vec<Trigger>,
    pub quiet_hours: Option<QuietHours>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Level {
    pub id: Text,
    pub title: Title,
}

labelled_enum! {
    /// What sets off an escalation trigger.
    pub enum TriggerOn ("trigger") {
        Classified = "classified", "定级", "定級", "classified";
        AtRisk = "at_risk", "即将超时", "即將超時", "deadline at risk";
        Breached = "breached", "已超时", "已超時", "deadline breached";
        Vip = "vip", "贵宾绿色通道", "貴賓綠色通道", "VIP green channel";
        Repeat = "repeat", "重复投诉", "重複投訴", "repeat complaint";
        Batch = "batch", "批量投诉预警", "批量投訴預警", "batch of complaints";
        Authority = "authority", "超出授权", "超出授權", "beyond authority";
        Unsatisfied = "unsatisfied", "返工后仍不满意", "返工後仍不滿意", "still unsatisfied";
        SkipLevel = "skip_level", "越级投诉", "越級投訴", "skip-level complaint";
    }
}

labelled_enum! {
    /// What groups complaints into a batch.
    pub enum BatchKey ("batch key") {
        Product = "product", "产品", "產品", "product";
        Category = "category", "类别", "類別", "category";
        Department = "department", "部门", "部門", "department";
        Subject = "subject", "事项", "事項", "subject";
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Trigger {
    pub id: Text,
    pub on: TriggerOn,
    pub when: Condition,
    /// Index into `Policy::deadlines`, for at_risk and breached.
    pub deadline: Option<usize>,
    /// Index into the ladder.
    pub to: Option<usize>,
    pub step: Option<i64>,
    pub every: Option<Span>,
    pub act_within: Option<Span>,
    pub window_days: Option<i64>,
    pub count: Option<i64>,
    pub by: Option<BatchKey>,
    pub times: Option<i64>,
    pub source: Option<Text>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuietHours {
    /// Local minutes of the day; the window may wrap midnight.
    pub from: u32,
    pub to: u32,
    pub unless: Condition,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AuthorityRow {
    pub level: usize,
    pub remedy: Remedy,
    pub max_amount: f64,
    pub source: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Options {
    /// 001 篇5: whether a minor complaint settled on the spot needs the handling form.
    pub minor_on_spot_needs_form: bool,
}
