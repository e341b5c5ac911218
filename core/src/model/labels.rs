//! Display languages and the macro that defines the model's enums: each value
//! has a stable snake_case code (its JSON form) and labels in simplified
//! Chinese, traditional Chinese and English.

/// A display language for labels and explanations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// 简体中文
    ZhHans,
    /// 繁體中文
    ZhHant,
    /// English
    #[default]
    En,
}

impl Lang {
    /// Every language, in the order labels are given: zh-Hans, zh-Hant, en.
    pub const ALL: &'static [Lang] = &[Lang::ZhHans, Lang::ZhHant, Lang::En];

    /// BCP 47 tag: zh-Hans, zh-Hant, en.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhHans => "zh-Hans",
            Lang::ZhHant => "zh-Hant",
            Lang::En => "en",
        }
    }

    /// The language of a BCP 47 tag (`zh-Hans`, `zh-Hant` or `en`, any
    /// case); `None` for any other tag.
    pub fn from_tag(s: &str) -> Option<Lang> {
        Lang::ALL.iter().copied().find(|l| l.tag().eq_ignore_ascii_case(s))
    }
}

/// Something with a label in each display language.
pub trait Labelled {
    /// The display label in `lang`.
    fn label(self, lang: Lang) -> &'static str;
}

/// Defines an enum whose values serialize as snake_case codes and carry
/// labels in zh-Hans, zh-Hant and en.
macro_rules! labelled_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal, $hans:literal, $hant:literal, $en:literal; )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $(
            $(#[$vmeta])*
            #[doc = ""]
            #[doc = concat!("Code `", $code, "`; labels ", $hans, " · ", $hant, " · ", $en, ".")]
            $variant,
        )* }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];
            /// Every code, in declaration order.
            pub const CODES: &'static [&'static str] = &[$($code,)*];
            /// The value's stable snake_case code: its JSON form and its
            /// `Display`.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }
        }

        impl $crate::decode::FromCode for $name {
            const WHAT: &'static str = $what;
            fn all() -> &'static [Self] { $name::ALL }
            fn code(self) -> &'static str { $name::code(self) }
            // A match rather than the default scan: inputs name an event
            // kind, a state or a channel on every row, and a match compares
            // lengths before bytes instead of building each code in turn.
            fn from_code(s: &str) -> Option<Self> {
                match s { $($code => Some($name::$variant),)* _ => None }
            }
        }

        impl $crate::model::labels::Labelled for $name {
            fn label(self, lang: $crate::model::labels::Lang) -> &'static str {
                use $crate::model::labels::Lang;
                match (self, lang) {
                    $(
                        ($name::$variant, Lang::ZhHans) => $hans,
                        ($name::$variant, Lang::ZhHant) => $hant,
                        ($name::$variant, Lang::En) => $en,
                    )*
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

pub(crate) use labelled_enum;

#[cfg(test)]
mod tests {
    use crate::decode::FromCode;

    /// Each code reads back as its value, exactly: not in another case, not
    /// as a prefix or with a tail.
    fn reads_its_codes<T: FromCode + PartialEq + std::fmt::Debug>() {
        for &v in T::all() {
            let code = v.code();
            assert_eq!(T::from_code(code), Some(v), "{}", T::WHAT);
            for other in [
                code.to_uppercase(),
                format!("{code}_"),
                code[..code.len() - 1].to_string(),
            ] {
                assert_eq!(T::from_code(&other), None, "{} {other:?}", T::WHAT);
            }
        }
        assert_eq!(T::from_code(""), None);
    }

    #[test]
    fn every_labelled_enum_reads_exactly_its_codes() {
        use crate::classify::Decision;
        use crate::lifecycle::State;
        use crate::model::{Category, Channel, ClaimType, EventKind, Nature, Remedy, Tier};
        use crate::policy::types::{BatchKey, DueFrom, Hit, OnReclassify, OnReopen, OutputKind, RuleKind, TriggerOn};
        use crate::policy::versions::{InForceAt, SelectedBy};
        use crate::sla::SlaState;
        use crate::time::explain::DayKind;
        use crate::time::feed::FeedKind;
        use crate::time::{BeyondData, Clock, End, PartialDays, Roll};
        use crate::warnings::WarningCode;
        reads_its_codes::<BatchKey>();
        reads_its_codes::<BeyondData>();
        reads_its_codes::<Category>();
        reads_its_codes::<Channel>();
        reads_its_codes::<ClaimType>();
        reads_its_codes::<Clock>();
        reads_its_codes::<DayKind>();
        reads_its_codes::<Decision>();
        reads_its_codes::<DueFrom>();
        reads_its_codes::<End>();
        reads_its_codes::<EventKind>();
        reads_its_codes::<FeedKind>();
        reads_its_codes::<Hit>();
        reads_its_codes::<InForceAt>();
        reads_its_codes::<Nature>();
        reads_its_codes::<OnReclassify>();
        reads_its_codes::<OnReopen>();
        reads_its_codes::<OutputKind>();
        reads_its_codes::<PartialDays>();
        reads_its_codes::<Remedy>();
        reads_its_codes::<Roll>();
        reads_its_codes::<RuleKind>();
        reads_its_codes::<SelectedBy>();
        reads_its_codes::<SlaState>();
        reads_its_codes::<State>();
        reads_its_codes::<Tier>();
        reads_its_codes::<TriggerOn>();
        reads_its_codes::<WarningCode>();
    }
}
