//! The enums of the complaint domain (docs/domain.md). Each value documents
//! its Chinese term and the seed section it comes from; labels are used by
//! explanations and the CLI.

use crate::model::labels::labelled_enum;

labelled_enum! {
    /// Whether the organisation must handle the complaint (docs/domain.md: validity).
    /// Decided by a person; plaint only suggests.
    pub enum Validity ("validity") {
        /// 有效投诉 / 善意投诉: a real cause in product, service, usage or price (000-A, 001-§5 4.2.1).
        Valid = "valid", "有效投诉", "有效投訴", "valid";
        /// 无效投诉: a misunderstanding; not the organisation's fault (001-§5 4.2.2).
        Invalid = "invalid", "无效投诉", "無效投訴", "invalid";
        /// 盲目投诉: should not have been raised at all (000-A).
        Unfounded = "unfounded", "盲目投诉", "盲目投訴", "unfounded";
        /// 非质量抱怨的市场抱怨: defects claimed as a pretext for a discount (001-§6 3(三)).
        Market = "market", "市场抱怨", "市場抱怨", "market complaint";
        /// 恶意投诉: extortion, damaging reputation, sabotaging sales (000-A).
        Malicious = "malicious", "恶意投诉", "惡意投訴", "malicious";
    }
}

labelled_enum! {
    /// The nature of the contact (docs/domain.md: nature, seed 004).
    pub enum Nature ("nature") {
        /// 有效投诉 (004): verified and registered by the competent authority.
        Grievance = "grievance", "有效投诉(查实登记)", "有效投訴(查實登記)", "grievance";
        /// 求助型: asks for help.
        Help = "help", "求助型", "求助型", "request for help";
        /// 咨询型: asks for information.
        Inquiry = "inquiry", "咨询型", "諮詢型", "inquiry";
        /// 发泄型: wants to be heard.
        Venting = "venting", "发泄型", "發洩型", "venting";
    }
}

labelled_enum! {
    /// Severity (docs/domain.md: severity, 001-§5 4.2.1). The order minor < important < major
    /// is the order of gravity; `deferred` is a handling class of its own.
    pub enum Severity ("severity") {
        /// 轻微: no major loss; settled within a working day or at once.
        Minor = "minor", "轻微", "輕微", "minor";
        /// 重要: needs reporting up or other departments; no serious loss.
        Important = "important", "重要", "重要", "important";
        /// 重大: major loss, injury, repeated, written to the group, refuses fees.
        Major = "major", "重大", "重大", "major";
        /// 暂时或不能处理: developer legacy, design defects, equipment.
        Deferred = "deferred", "暂时或不能处理", "暫時或不能處理", "deferred";
    }
}

labelled_enum! {
    /// What the complaint is about (docs/domain.md: category), across the seeds' industries.
    pub enum Category ("category") {
        /// 质量 (000-A): product quality.
        Quality = "quality", "质量", "質量", "quality";
        /// 服务 (000-A): service.
        Service = "service", "服务", "服務", "service";
        /// 使用 (000-A): usage.
        Usage = "usage", "使用", "使用", "usage";
        /// 价格 (000-A): price.
        Price = "price", "价格", "價格", "price";
        /// 网络质量 (001-§8): signal coverage, drops, speed below advertised.
        Network = "network", "网络质量", "網絡質量", "network quality";
        /// 服务质量 (001-§8, 004): staff conduct, first-contact not honoured, overselling.
        ServiceQuality = "service_quality", "服务质量", "服務質量", "service quality";
        /// 服务态度 (004).
        ServiceAttitude = "service_attitude", "服务态度", "服務態度", "service attitude";
        /// 管理 (001-§8): process, hand-offs, staff turnover.
        Management = "management", "管理", "管理", "management";
        /// 计费 (001-§8): duplicate charges, roaming, autopay.
        Billing = "billing", "计费", "計費", "billing";
        /// 增值业务 (001-§8): third-party SP services.
        ValueAdded = "value_added", "增值业务", "增值業務", "value-added services";
        /// 设备 (004, 001-§3): equipment and facilities.
        Equipment = "equipment", "设备", "設備", "equipment";
        /// 突发性事件 (004).
        Emergency = "emergency", "突发性事件", "突發性事件", "emergency";
        /// 运输损坏 (001-§6).
        TransportDamage = "transport_damage", "运输损坏", "運輸損壞", "damage in transport";
        /// 包装不良 (001-§6).
        Packaging = "packaging", "包装不良", "包裝不良", "bad packaging";
        /// 与合同不符 (001-§6): quality, spec, model or quantity not as agreed.
        ContractMismatch = "contract_mismatch", "与合同不符", "與合同不符", "not as contracted";
        /// 其他违约 (001-§6).
        BreachOfContract = "breach_of_contract", "其他违约", "其他違約", "breach of contract";
        /// 产品改进要求 (001-§6).
        ImprovementRequest = "improvement_request", "产品改进要求", "產品改進要求", "improvement request";
        /// 员工行为 (003-㈦ 7).
        StaffBehaviour = "staff_behaviour", "员工行为", "員工行為", "staff behaviour";
        /// 金融犯罪 (003-㈦ 7).
        FinancialCrime = "financial_crime", "金融犯罪", "金融犯罪", "financial crime";
        /// 其他.
        Other = "other", "其他", "其他", "other";
    }
}

labelled_enum! {
    /// What the customer claims (docs/domain.md: claim types, 001-§6 3).
    pub enum ClaimType ("claim type") {
        /// 申诉 (001-§6): wants rework, replacement or return; no compensation.
        Objection = "objection", "申诉(不满意)", "申訴(不滿意)", "objection";
        /// 索赔: also wants compensation for losses.
        Claim = "claim", "索赔", "索賠", "claim for compensation";
        /// 市场抱怨: a pretext for a discount.
        Market = "market", "市场抱怨", "市場抱怨", "market complaint";
    }
}

labelled_enum! {
    /// Remedies (docs/domain.md: claim types: 000-A step 5, 000-J, 001-§6 1.4).
    pub enum Remedy ("remedy") {
        /// 经济补偿.
        Compensation = "compensation", "经济补偿", "經濟補償", "compensation";
        /// 以旧换新.
        TradeIn = "trade_in", "以旧换新", "以舊換新", "trade-in";
        /// 产品补偿.
        ProductCompensation = "product_compensation", "产品补偿", "產品補償", "product compensation";
        /// 更换零件.
        PartReplacement = "part_replacement", "更换零件", "更換零件", "part replacement";
        /// 上门维修.
        OnsiteRepair = "onsite_repair", "上门维修", "上門維修", "on-site repair";
        /// 使用培训/指导.
        Guidance = "guidance", "使用指导", "使用指導", "guidance in use";
        /// 退款.
        Refund = "refund", "退款", "退款", "refund";
        /// 退货.
        Return = "return", "退货", "退貨", "return";
        /// 换货.
        Exchange = "exchange", "换货", "換貨", "exchange";
        /// 降价.
        PriceReduction = "price_reduction", "降价", "降價", "price reduction";
        /// 免费维修.
        FreeRepair = "free_repair", "免费维修", "免費維修", "free repair";
        /// 赠品.
        Gift = "gift", "赠品", "贈品", "gift";
        /// 解决问题.
        ProblemResolution = "problem_resolution", "解决问题", "解決問題", "problem resolution";
        /// 书面道歉.
        WrittenApology = "written_apology", "书面道歉", "書面道歉", "written apology";
    }
}

labelled_enum! {
    /// How the complaint arrived.
    pub enum Channel ("channel") {
        /// 电话.
        Phone = "phone", "电话", "電話", "phone";
        /// 来访 / 柜台.
        Visit = "visit", "来访", "來訪", "visit or counter";
        /// 来信.
        Letter = "letter", "来信", "來信", "letter";
        /// 电子邮件.
        Email = "email", "电子邮件", "電子郵件", "email";
        /// 网站 / 网上平台.
        Web = "web", "网上", "網上", "web";
        /// 手机应用.
        App = "app", "手机应用", "手機應用", "app";
        /// 社交媒体.
        SocialMedia = "social_media", "社交媒体", "社交媒體", "social media";
        /// 监管机构转办.
        Regulator = "regulator", "监管机构转办", "監管機構轉辦", "forwarded by a regulator";
        /// 上级机关转办.
        HigherOffice = "higher_office", "上级转办", "上級轉辦", "forwarded by a higher office";
    }
}

impl Channel {
    /// Whether the complaint was made in writing (a written complaint is
    /// answered by letter, 001-§5 4.4.1c).
    pub fn is_written(self) -> bool {
        matches!(self, Channel::Letter | Channel::Email | Channel::Web | Channel::App)
    }
}

labelled_enum! {
    /// The customer's tier (the VIP green channel of 000-J).
    pub enum Tier ("customer tier") {
        /// 普通客户.
        Regular = "regular", "普通客户", "普通客戶", "regular";
        /// 贵宾客户 (VIP).
        Vip = "vip", "贵宾客户", "貴賓客戶", "VIP";
    }
}

labelled_enum! {
    /// The root cause as the receiver sees it (001-§5 4.2.1: hardware and
    /// environment make a complaint important; developer legacy, design and
    /// equipment defects make it deferred).
    pub enum Cause ("cause") {
        /// 服务.
        Service = "service", "服务", "服務", "service";
        /// 产品.
        Product = "product", "产品", "產品", "product";
        /// 硬件 / 设施.
        Hardware = "hardware", "硬件设施", "硬件設施", "hardware";
        /// 环境.
        Environment = "environment", "环境", "環境", "environment";
        /// 开发商遗留问题.
        DeveloperLegacy = "developer_legacy", "开发商遗留问题", "開發商遺留問題", "developer's legacy problem";
        /// 设计缺陷.
        DesignDefect = "design_defect", "设计缺陷", "設計缺陷", "design defect";
        /// 设备缺陷.
        EquipmentDefect = "equipment_defect", "设备缺陷", "設備缺陷", "equipment defect";
        /// 第三方.
        ThirdParty = "third_party", "第三方", "第三方", "third party";
        /// 客户误解.
        Misunderstanding = "misunderstanding", "客户误解", "客戶誤解", "customer misunderstanding";
    }
}

labelled_enum! {
    /// How much of a complaint the organisation rejects (event `rejected`):
    /// a complaint rejected wholly or in part.
    pub enum RejectionExtent ("rejection extent") {
        /// 全部驳回.
        Wholly = "wholly", "全部驳回", "全部駁回", "wholly";
        /// 部分驳回.
        Partly = "partly", "部分驳回", "部分駁回", "partly";
    }
}
