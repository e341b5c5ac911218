//! The events of a complaint's log.

use crate::model::labels::labelled_enum;

labelled_enum! {
    /// What happened to a complaint.
    pub enum EventKind ("event") {
        /// 受理 / 接收.
        Received = "received", "接收", "接收", "received";
        /// 登记 (《投诉登记表》).
        Registered = "registered", "登记", "登記", "registered";
        /// 转交责任部门.
        Forwarded = "forwarded", "转交", "轉交", "forwarded";
        /// 指派处理人.
        Assigned = "assigned", "指派", "指派", "assigned";
        /// 联系客户.
        Contacted = "contacted", "联系客户", "聯繫客戶", "customer contacted";
        /// 确认受理 / 受理告知.
        Acknowledged = "acknowledged", "确认受理", "確認受理", "acknowledged";
        /// 等待客户.
        AwaitingCustomer = "awaiting_customer", "等待客户", "等待客戶", "awaiting customer";
        /// 恢复处理 (after awaiting the customer or a suspension).
        Resumed = "resumed", "恢复处理", "恢復處理", "resumed";
        /// 中止计时: appraisal, testing or assessment whose time the rules
        /// exclude from the count (银行业保险业消费投诉处理管理办法).
        Suspended = "suspended", "中止计时 (鉴定、检测、评估)", "中止計時 (鑑定、檢測、評估)", "suspended (appraisal, testing)";
        /// 提出新的事实或请求: may restart a deadline's count (`restart_on`).
        NewClaim = "new_claim", "提出新的事实或请求", "提出新的事實或請求", "new facts or claims";
        /// 重新定级.
        Reclassified = "reclassified", "重新定级", "重新定級", "reclassified";
        /// 延期.
        ExtensionGranted = "extension_granted", "延期", "延期", "extension granted";
        /// 提出补救方案.
        RemedyProposed = "remedy_proposed", "提出补救方案", "提出補救方案", "remedy proposed";
        /// 批准补救方案.
        RemedyApproved = "remedy_approved", "批准补救方案", "批准補救方案", "remedy approved";
        /// 处理完毕.
        Resolved = "resolved", "处理完毕", "處理完畢", "resolved";
        /// 答复客户: the final answer to the complaint (a holding or interim
        /// reply is `holding_reply`).
        Replied = "replied", "答复客户", "答覆客戶", "replied";
        /// 客户满意.
        Satisfied = "satisfied", "客户满意", "客戶滿意", "customer satisfied";
        /// 客户不满意, 返工.
        Unsatisfied = "unsatisfied", "客户不满意", "客戶不滿意", "customer unsatisfied";
        /// 回访.
        FollowUpDone = "follow_up_done", "回访完成", "回訪完成", "follow-up done";
        /// 客户签字确认.
        SignedOff = "signed_off", "客户签字", "客戶簽字", "signed off";
        /// 结案.
        Closed = "closed", "结案", "結案", "closed";
        /// 重新打开.
        Reopened = "reopened", "重新打开", "重新打開", "reopened";
        /// 申诉 (003-㈤).
        Appealed = "appealed", "申诉", "申訴", "appealed";
        /// 人工升级.
        Escalated = "escalated", "升级", "升級", "escalated by hand";
        /// 有效性认定.
        ValidityDecided = "validity_decided", "有效性认定", "有效性認定", "validity decided";
        /// 转外部机构 (行业协会, 监管机构).
        Referred = "referred", "转外部机构", "轉外部機構", "referred to an outside body";
        /// 中间答复: a written reply that is not the final answer — a holding
        /// letter explaining a delay, an interim reply. `replied` is the
        /// final answer (final response, decision, summary resolution
        /// communication); a window that runs from the final answer does not
        /// start at a holding reply.
        HoldingReply = "holding_reply", "中间答复", "中間答覆", "holding or interim reply";
        /// 驳回投诉 (全部或部分): the organisation's decision to reject the
        /// complaint wholly or in part (`extent`), as its complaint system
        /// records it — before the final answer (`replied`) tells the
        /// complainant, which it may not yet do (a rejection reviewed first by
        /// an internal ombudsman).
        Rejected = "rejected", "驳回投诉 (全部或部分)", "駁回投訴 (全部或部分)", "rejected (wholly or partly)";
        /// 终止调解: the decision to end a mediation without an agreement (a
        /// party withdraws or refuses, the mediation period runs out).
        MediationEnded = "mediation_ended", "终止调解", "終止調解", "mediation ended";
        /// 客户来信来电: the customer writes or calls again about the
        /// complaint (a recurring rule may start the wait for the next
        /// reply at it). Changes no state.
        CustomerMessage = "customer_message", "客户来信来电", "客戶來信來電", "customer message";
        /// 部门回复: a department the complaint was forwarded to answers the
        /// front desk (`by`: that department). Meets the department's
        /// internal target; changes no state.
        AnsweredInternally = "answered_internally", "部门回复", "部門回覆", "answered by the department";
    }
}

use crate::decode::{Reader, index};
use crate::error::Code;
use crate::model::instant::Instant;
use crate::model::{Category, Channel, Nature, RejectionExtent, Remedy, Severity, Validity};
use serde_json::Value;

/// One entry of a complaint's event log.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// What happened.
    pub kind: EventKind,
    /// When it happened.
    pub at: Instant,
    /// Who did it.
    pub by: Option<String>,
    /// forwarded / assigned: the department or person it went to.
    pub to: Option<String>,
    /// forwarded: a recorded hand-off of ownership.
    pub handoff: bool,
    /// reclassified: the new severity (None: unchanged).
    pub severity: Option<Severity>,
    /// reclassified: the new category (None: unchanged).
    pub category: Option<Category>,
    /// reclassified: the new nature (None: unchanged).
    pub nature: Option<Nature>,
    /// extension_granted: the id of the deadline extended.
    pub deadline: Option<String>,
    /// extension_granted: how much the extension adds, in the rule's units
    /// (minutes for `elapsed` and `business`, else the clock's count).
    pub amount: Option<i64>,
    /// Why, in the host's words (an extension's reason, a note).
    pub reason: Option<String>,
    /// remedy_proposed / remedy_approved: the remedy.
    pub remedy: Option<Remedy>,
    /// remedy_proposed / remedy_approved: the amount, in the host's currency.
    pub remedy_amount: Option<f64>,
    /// remedy_proposed / remedy_approved: the ladder level (id) of who proposed or approved it.
    pub level: Option<String>,
    /// replied: the channel the reply went by.
    pub channel: Option<Channel>,
    /// replied: whether the reply was in writing.
    pub written: Option<bool>,
    /// validity_decided.
    pub validity: Option<Validity>,
    /// rejected: wholly or partly (required there).
    pub extent: Option<RejectionExtent>,
}

impl Event {
    /// An event of `kind` at `at` with every other field empty (`handoff` false).
    pub fn new(kind: EventKind, at: Instant) -> Event {
        Event {
            kind,
            at,
            by: None,
            to: None,
            handoff: false,
            severity: None,
            category: None,
            nature: None,
            deadline: None,
            amount: None,
            reason: None,
            remedy: None,
            remedy_amount: None,
            level: None,
            channel: None,
            written: None,
            validity: None,
            extent: None,
        }
    }

    /// The field this event's kind requires and lacks, if any: a rejection
    /// says whether it is whole or partial (`extent`).
    pub fn missing_field(&self) -> Option<&'static str> {
        (self.kind == EventKind::Rejected && self.extent.is_none()).then_some("extent")
    }
}

/// Read an event log at `path`.
pub fn read_events(r: &mut Reader, v: &Value, path: &str) -> Option<Vec<Event>> {
    let items = r.array(v, path)?;
    let mut out = Vec::with_capacity(items.len());
    let before = r.problems.len();
    for (i, item) in items.iter().enumerate() {
        if let Some(e) = read_event(r, item, &index(path, i)) {
            out.push(e);
        }
    }
    (r.problems.len() == before).then_some(out)
}

fn read_event(r: &mut Reader, v: &Value, path: &str) -> Option<Event> {
    let mut f = r.object(v, path)?;
    let kind = f.must(r, "type", Reader::code);
    let at = f.must(r, "at", Reader::instant);
    let text = |r: &mut Reader, f: &mut crate::decode::Fields, key| {
        f.get(r, key, |r, v, p| r.string(v, p).map(str::to_string))
    };
    let mut e = Event::new(EventKind::Received, Instant(0));
    e.by = text(r, &mut f, "by");
    e.to = text(r, &mut f, "to");
    e.handoff = f.get(r, "handoff", Reader::boolean).unwrap_or(false);
    e.severity = f.get(r, "severity", Reader::code);
    e.category = f.get(r, "category", Reader::code);
    e.nature = f.get(r, "nature", Reader::code);
    e.deadline = text(r, &mut f, "deadline");
    e.amount = f.get(r, "amount", Reader::count);
    e.reason = text(r, &mut f, "reason");
    e.remedy = f.get(r, "remedy", Reader::code);
    e.remedy_amount = f.get(r, "remedy_amount", Reader::amount);
    e.level = text(r, &mut f, "level");
    e.channel = f.get(r, "channel", Reader::code);
    e.written = f.get(r, "written", Reader::boolean);
    e.validity = f.get(r, "validity", Reader::code);
    e.extent = f.get(r, "extent", Reader::code);
    f.opt("note");
    f.done(r);
    e.kind = kind?;
    e.at = at?;
    if let Some(field) = e.missing_field() {
        r.push(
            Code::MissingField,
            &format!("{path}/{field}"),
            format!("a {} event needs {field} (wholly or partly)", e.kind.code()),
        );
        return None;
    }
    Some(e)
}
