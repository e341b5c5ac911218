//! The command line, as clap derives it.

use clap::builder::PossibleValuesParser;
use clap::{Args, Parser, Subcommand, ValueEnum};
use plaint_core::Lang;
use plaint_core::time::{BeyondData, Clock, End, Roll};

#[derive(Debug, Parser)]
#[command(
    name = "plaint",
    version,
    about = "Customer-complaint handling rules: triage, deadlines, calendars, policies"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Classify complaints and explain every decision.
    Triage(TriageArgs),
    /// Assess a case (complaint + events) at an instant: deadlines, escalations, actions.
    Assess(AssessArgs),
    /// Statistics over many cases (JSON lines): counts, on-time rates, time to resolve, PPM, growth.
    Stats(StatsArgs),
    /// List the embedded policy presets and calendars.
    Presets(PresetsArgs),
    /// Policy documents.
    Policy {
        #[command(subcommand)]
        command: PolicyCommand,
    },
    /// Print the JSON Schema (draft 2020-12) of a format.
    Schema {
        #[arg(value_enum)]
        kind: SchemaKind,
    },
    /// What-if: assess the same cases under two policies and report what changes, per rule.
    Replay(ReplayArgs),
    /// Compute a deadline on a working calendar.
    Deadline(DeadlineArgs),
    /// Working calendars.
    Calendar {
        #[command(subcommand)]
        command: CalendarCommand,
    },
}

/// A display language: zh-Hans, zh-Hant or en.
#[derive(Debug, Clone, Copy, Default)]
pub struct LangArg(pub Lang);

impl std::str::FromStr for LangArg {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Lang::from_tag(s)
            .map(LangArg)
            .ok_or_else(|| format!("unknown language {s:?}; expected zh-Hans, zh-Hant or en"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct TriageArgs {
    /// Complaint JSON files; `-` (or none) reads standard input.
    pub files: Vec<String>,
    /// A policy preset name or a policy file.
    #[arg(long, value_name = "NAME|PATH")]
    pub policy: String,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Label language: zh-Hans, zh-Hant or en.
    #[arg(long, default_value = "en", value_name = "zh-Hans|zh-Hant|en")]
    pub lang: LangArg,
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    /// A case JSON file ({"complaint", "events", "related"?}); `-` reads standard input.
    pub file: String,
    /// A policy preset name or a policy file.
    #[arg(long, value_name = "NAME|PATH")]
    pub policy: String,
    /// The instant to assess at, RFC 3339 with an offset (default: the system clock).
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
    #[command(flatten)]
    pub data: DataArgs,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Label language: zh-Hans, zh-Hant or en.
    #[arg(long, default_value = "en", value_name = "zh-Hans|zh-Hant|en")]
    pub lang: LangArg,
    /// Explain each deadline: the calendar it was counted on and why, its
    /// start, target and notes, and every cycle of a rule that runs in cycles.
    #[arg(long)]
    pub explain: bool,
}

/// Which holiday data deadlines are counted on.
#[derive(Debug, Args)]
pub struct DataArgs {
    /// A calendar (name or file) that replaces the policy's: the same
    /// calendar, or one that extends the same embedded calendar (e.g. made
    /// by `plaint calendar import`).
    #[arg(long, value_name = "NAME|PATH")]
    pub calendar: Option<String>,
    /// Deadlines past the calendar's official data: undetermined (the
    /// policy's default unless it says otherwise) or counted on its
    /// projected holidays (provisional).
    #[arg(long, value_parser = PossibleValuesParser::new(BeyondData::CODES))]
    pub beyond_data: Option<String>,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Cases as JSON lines (one {"complaint", "events"} per line); `-` reads standard input.
    pub file: String,
    /// A policy preset name or a policy file.
    #[arg(long, value_name = "NAME|PATH")]
    pub policy: String,
    /// The instant to assess at, RFC 3339 (default: the system clock).
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
    /// Count complaints received at or after this instant.
    #[arg(long, value_name = "RFC3339")]
    pub from: Option<String>,
    /// Count complaints received before this instant.
    #[arg(long, value_name = "RFC3339")]
    pub to: Option<String>,
    /// Units shipped, for the complaint rate in parts per million.
    #[arg(long, value_name = "N")]
    pub units_shipped: Option<u64>,
    /// The clock of time to resolve.
    #[arg(long, default_value = "working_days", value_parser = PossibleValuesParser::new(Clock::CODES))]
    pub clock: String,
    #[command(flatten)]
    pub data: DataArgs,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct PresetsArgs {
    /// Title language: zh-Hans, zh-Hant or en.
    #[arg(long, default_value = "en", value_name = "zh-Hans|zh-Hant|en")]
    pub lang: LangArg,
}

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Validate a policy file; print "ok: NAME VERSION" (and its versions) or every problem.
    Check {
        /// A policy file (or a preset name).
        file: String,
    },
    /// What changed between two policies, rule by rule: limits, clocks,
    /// events, applicability, citations, escalation, authority.
    Diff(DiffArgs),
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old policy: a preset or a file, NAME@VERSION or PATH@VERSION for one
    /// version of a policy with versions (e.g. cn-consumer-samr@2022).
    #[arg(value_name = "OLD")]
    pub old: String,
    /// The new policy, in the same forms.
    #[arg(value_name = "NEW")]
    pub new: String,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// Cases as JSON lines (one {"complaint", "events"} per line); `-` reads standard input.
    pub file: String,
    /// The old policy, then the new one (`--policy OLD --policy NEW`): presets
    /// or files, NAME@VERSION or PATH@VERSION to pin one version.
    #[arg(long, value_name = "NAME|PATH", num_args = 1, required = true)]
    pub policy: Vec<String>,
    /// The instant to assess at, RFC 3339 with an offset (default: the system clock).
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    Policy,
    Complaint,
    Assessment,
}

#[derive(Debug, Args)]
pub struct DeadlineArgs {
    /// A calendar name or a calendar file.
    #[arg(long, value_name = "NAME|PATH")]
    pub calendar: String,
    /// The start instant, RFC 3339 with an offset.
    #[arg(long, value_name = "RFC3339", required_unless_present = "jsonl")]
    pub start: Option<String>,
    #[arg(long, required_unless_present = "jsonl", value_parser = PossibleValuesParser::new(Clock::CODES))]
    pub clock: Option<String>,
    /// Minutes for elapsed and business, else a count of days, weeks or months.
    #[arg(long, required_unless_present = "jsonl", allow_negative_numbers = true)]
    pub amount: Option<i64>,
    /// Default: close_of_business when the calendar has business hours, else end_of_day.
    #[arg(long, value_parser = PossibleValuesParser::new(End::CODES))]
    pub end: Option<String>,
    #[arg(long, value_parser = PossibleValuesParser::new(Roll::CODES))]
    pub roll: Option<String>,
    /// After the due instant, explain the count day by day.
    #[arg(long)]
    pub explain: bool,
    /// Past the calendar's official data: an error (undetermined, the
    /// default) or counted on its projected holidays (marked provisional).
    #[arg(long, value_parser = PossibleValuesParser::new(BeyondData::CODES))]
    pub beyond_data: Option<String>,
    /// Language of the explanation: zh-Hans, zh-Hant or en.
    #[arg(long, default_value = "en", value_name = "zh-Hans|zh-Hant|en")]
    pub lang: LangArg,
    /// Read JSON request lines on stdin, write one result line each (on
    /// official data only: a line past it is an error line).
    #[arg(long, conflicts_with_all = ["start", "clock", "amount", "end", "roll", "explain", "beyond_data"])]
    pub jsonl: bool,
}

#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Print a year as month grids with holidays and make-up working days.
    Show(ShowArgs),
    /// Every embedded calendar's official and projected data range, the days
    /// left at a date, and where its data came from.
    Status(StatusArgs),
    /// Turn an iCalendar (.ics) holiday feed or a CSV file (date,name,kind)
    /// into a calendar that extends an embedded one with the years after its data.
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Calendars (names or files); default: every embedded calendar.
    #[arg(value_name = "NAME|PATH")]
    pub calendars: Vec<String>,
    /// The date to count the days left from (default: today, by the system clock, in UTC).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub at: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FeedFormat {
    Ics,
    Csv,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The feed: an .ics or .csv file; `-` reads standard input (give --feed).
    pub file: String,
    /// The embedded calendar the result extends.
    #[arg(long, value_name = "NAME")]
    pub extends: String,
    /// The new calendar's name (default: NAME-LASTYEAR, e.g. cn-mainland-2027).
    #[arg(long)]
    pub name: Option<String>,
    /// The last date of the new data (default: 31 December of the feed's last year).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub valid_to: Option<String>,
    /// The feed's format (default: by the file's extension).
    #[arg(long, value_enum)]
    pub feed: Option<FeedFormat>,
    /// Write the calendar here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A calendar name or a calendar file.
    #[arg(value_name = "NAME|PATH")]
    pub calendar: String,
    #[arg(long, value_name = "YYYY")]
    pub year: i32,
    #[arg(long, default_value = "en", value_name = "zh-Hans|zh-Hant|en")]
    pub lang: LangArg,
}
