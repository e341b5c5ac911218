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
