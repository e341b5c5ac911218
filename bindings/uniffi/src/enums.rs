//! The core's enums as enums of Kotlin and Swift (`when` / `switch` can be
//! exhaustive). Each mirrors one core enum variant for variant: a variant
//! added to the core fails to compile here until it is added (one line).
//! Every enum has `code()` (its JSON form) and `label(lang)` (zh-Hans,
//! zh-Hant, en; the labels of the core).

use plaint_core::model::{Labelled, Lang as CoreLang};

/// A display language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Lang {
    /// 简体中文
    ZhHans,
    /// 繁體中文
    ZhHant,
    /// English
    En,
}

impl From<Lang> for CoreLang {
    fn from(l: Lang) -> CoreLang {
        match l {
            Lang::ZhHans => CoreLang::ZhHans,
            Lang::ZhHant => CoreLang::ZhHant,
            Lang::En => CoreLang::En,
        }
    }
}

#[uniffi::export]
impl Lang {
    /// The BCP 47 tag: zh-Hans, zh-Hant, en.
    pub fn tag(&self) -> String {
        CoreLang::from(*self).tag().to_string()
    }
}

/// An enum whose values have a JSON code.
pub trait Coded: Copy {
    fn json_code(self) -> &'static str;
}

/// Defines an enum mirroring a labelled core enum, the conversions both ways
/// and its `code()` and `label(lang)`.
macro_rules! mirror {
    ($(#[$meta:meta])* $name:ident = $core:ty { $($(#[$vmeta:meta])* $variant:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
        pub enum $name { $($(#[$vmeta])* $variant),* }

        impl From<$core> for $name {
            fn from(v: $core) -> $name {
                match v { $(<$core>::$variant => $name::$variant),* }
            }
        }

        impl From<$name> for $core {
            fn from(v: $name) -> $core {
                match v { $($name::$variant => <$core>::$variant),* }
            }
        }

        impl Coded for $name {
            fn json_code(self) -> &'static str {
                <$core>::from(self).code()
            }
        }

        #[uniffi::export]
        impl $name {
            /// The stable snake_case code: the value's JSON form.
            pub fn code(&self) -> String {
                <$core>::from(*self).code().to_string()
            }

            /// The label in `lang`.
            pub fn label(&self, lang: Lang) -> String {
                <$core>::from(*self).label(lang.into()).to_string()
            }
        }
    };
}

mirror! {
    /// Severity: minor < important < major; deferred is a handling class of its own.
    Severity = plaint_core::model::Severity { Minor, Important, Major, Deferred }
}

mirror! {
    /// What the complaint is about.
    Category = plaint_core::model::Category {
        Quality, Service, Usage, Price, Network, ServiceQuality, ServiceAttitude, Management,
        Billing, ValueAdded, Equipment, Emergency, TransportDamage, Packaging, ContractMismatch,
        BreachOfContract, ImprovementRequest, StaffBehaviour, FinancialCrime, Other,
    }
}

mirror! {
    /// The nature of the contact.
    Nature = plaint_core::model::Nature { Grievance, Help, Inquiry, Venting }
}

mirror! {
    /// Whether the organisation must handle the complaint (a person decides; plaint suggests).
    Validity = plaint_core::model::Validity { Valid, Invalid, Unfounded, Market, Malicious }
}

mirror! {
    /// What the customer claims.
    ClaimType = plaint_core::model::ClaimType { Objection, Claim, Market }
}

mirror! {
    /// A remedy requested or proposed.
    Remedy = plaint_core::model::Remedy {
        Compensation, TradeIn, ProductCompensation, PartReplacement, OnsiteRepair, Guidance,
        Refund, Return, Exchange, PriceReduction, FreeRepair, Gift, ProblemResolution,
        WrittenApology,
    }
}

mirror! {
    /// How the complaint arrived.
    Channel = plaint_core::model::Channel {
        Phone, Visit, Letter, Email, Web, App, SocialMedia, Regulator, HigherOffice,
    }
}

mirror! {
    /// The customer's tier (the VIP green channel).
    CustomerTier = plaint_core::model::Tier { Regular, Vip }
}

mirror! {
    /// The root cause as the receiver sees it.
    Cause = plaint_core::model::Cause {
        Service, Product, Hardware, Environment, DeveloperLegacy, DesignDefect,
        EquipmentDefect, ThirdParty, Misunderstanding,
    }
}

mirror! {
    /// What happened to a complaint (an event's `type`).
    EventKind = plaint_core::model::EventKind {
        Received, Registered, Forwarded, Assigned, Contacted, Acknowledged, AwaitingCustomer,
        Resumed, Suspended, NewClaim, Reclassified, ExtensionGranted, RemedyProposed,
        RemedyApproved, Resolved, Replied, Satisfied, Unsatisfied, FollowUpDone, SignedOff,
        Closed, Reopened, Appealed, Escalated, ValidityDecided, Referred, HoldingReply,
        Rejected, MediationEnded, CustomerMessage, AnsweredInternally,
    }
}

mirror! {
    /// How much of a complaint a rejection refuses (an event `rejected`).
    RejectionExtent = plaint_core::model::RejectionExtent { Wholly, Partly }
}

mirror! {
    /// Where a complaint is in its process.
    ComplaintState = plaint_core::lifecycle::State {
        Received, Registered, InProgress, AwaitingCustomer, Suspended, Resolved, Replied,
        FollowedUp, SignedOff, Closed, Appealed, Referred,
    }
}

mirror! {
    /// A deadline's state at `now`.
    DeadlineState = plaint_core::sla::SlaState {
        Pending, AtRisk, Breached, Met, MetLate, Paused, NotApplicable, NotStarted, Lapsed, Undetermined,
    }
}

mirror! {
    /// Whose time a deadline rule measures: the firm's deadline, or a
    /// window (the complainant's time, a simpler procedure's time), which
    /// lapses instead of being breached; or an internal target (a
    /// department's time to answer the front desk after a hand-off).
    DeadlineKind = plaint_core::policy::RuleKind { Deadline, Window, Internal }
}

mirror! {
    /// Which time a deadline counts.
    DeadlineClock = plaint_core::Clock { Elapsed, Business, WorkingDays, CalendarDays, Weeks, Months }
}

mirror! {
    /// Where a day-based deadline ends on its last day.
    DeadlineEnd = plaint_core::End { CloseOfBusiness, EndOfDay }
}

mirror! {
    /// What happens when a calendar-day deadline falls on a non-working day.
    DeadlineRoll = plaint_core::Roll { None, NextWorkingDay }
}

mirror! {
    /// What set off an escalation.
    TriggerKind = plaint_core::policy::TriggerOn {
        Classified, AtRisk, Breached, Vip, Repeat, Batch, Authority, Unsatisfied, SkipLevel,
    }
}

mirror! {
    /// What a day was for a deadline (in an explanation).
    DayKind = plaint_core::time::DayKind {
        StartDay, Counted, MakeUpDay, Weekend, Holiday, Rolled, CountedNonWorking,
    }
}

mirror! {
    /// What groups complaints into a batch.
    BatchKey = plaint_core::policy::BatchKey { Product, Category, Department, Subject }
}

/// The unit of a deadline's amounts: minutes for the elapsed and business
/// clocks, else the clock's own count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum AmountUnit {
    Minutes,
    WorkingDays,
    Days,
    Weeks,
    Months,
}

impl From<plaint_core::Clock> for AmountUnit {
    fn from(c: plaint_core::Clock) -> AmountUnit {
        use plaint_core::Clock;
        match c {
            Clock::Elapsed | Clock::Business => AmountUnit::Minutes,
            Clock::WorkingDays => AmountUnit::WorkingDays,
            Clock::CalendarDays => AmountUnit::Days,
            Clock::Weeks => AmountUnit::Weeks,
            Clock::Months => AmountUnit::Months,
        }
    }
}

impl AmountUnit {
    /// The unit of the clock whose unit text (the JSON `unit`) is `text`.
    pub fn of_text(text: &str) -> Option<AmountUnit> {
        plaint_core::Clock::ALL
            .iter()
            .find(|c| c.unit() == text)
            .map(|c| AmountUnit::from(*c))
    }
}

#[uniffi::export]
impl AmountUnit {
    /// The unit as the JSON output writes it: minutes, working days, days, weeks, months.
    pub fn code(&self) -> String {
        use plaint_core::Clock;
        let clock = match self {
            AmountUnit::Minutes => Clock::Elapsed,
            AmountUnit::WorkingDays => Clock::WorkingDays,
            AmountUnit::Days => Clock::CalendarDays,
            AmountUnit::Weeks => Clock::Weeks,
            AmountUnit::Months => Clock::Months,
        };
        clock.unit().to_string()
    }
}

mirror! {
    /// How the version of a policy an assessment applied was chosen.
    SelectedBy = plaint_core::policy::SelectedBy { ReceivedAt, Now, Pinned, Single }
}

mirror! {
    /// What a deadline that needs dates past the calendar's official data
    /// gets: `Undetermined` (the default: state UNDETERMINED with the error
    /// calendar_range_exceeded) or `Projected` (counted on the calendar's
    /// projected holidays and marked provisional).
    BeyondData = plaint_core::time::BeyondData { Undetermined, Projected }
}

mirror! {
    /// What a warning of an assessment is about (codes are API: never
    /// renamed or reused).
    WarningCode = plaint_core::warnings::WarningCode {
        CalendarDataEnding, CalendarDataEnded, ProjectedData, DeadlineUndetermined,
    }
}
