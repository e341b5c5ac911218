//! Text output helpers: ANSI colour (only on a terminal), the few headings
//! the CLI prints itself (the day-by-day deadline explanation is the core's
//! `Explanation::to_text`).

use plaint_core::model::Lang;

/// Plain ANSI styling, on only when stdout is a terminal.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    pub on: bool,
}

impl Paint {
    fn wrap(self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    pub fn bold(self, s: &str) -> String {
        self.wrap("1", s)
    }
    pub fn dim(self, s: &str) -> String {
        self.wrap("2", s)
    }
    pub fn red(self, s: &str) -> String {
        self.wrap("31", s)
    }
    pub fn green(self, s: &str) -> String {
        self.wrap("32", s)
    }
    pub fn cyan(self, s: &str) -> String {
        self.wrap("36", s)
    }
}

/// The CLI's own headings in the three display languages.
const HEADINGS: &[(&str, &str, &str)] = &[
    ("Policy presets", "处理规则预设", "處理規則預設"),
    ("Calendars", "工作日历", "工作日曆"),
    ("complaint", "投诉", "投訴"),
    ("policy", "处理规则", "處理規則"),
    ("validity (decided by a person)", "有效性(人工认定)", "有效性(人工認定)"),
    ("classified by", "人工分类人", "人工分類人"),
    ("signals", "文本信号", "文本信號"),
    ("decision tables", "决策表", "決策表"),
    ("row", "规则", "規則"),
    ("conditions", "条件", "條件"),
    ("keywords", "关键词", "關鍵詞"),
    ("source", "依据", "依據"),
    ("table source", "决策表依据", "決策表依據"),
    ("the table said", "决策表原值", "決策表原值"),
    ("none", "无", "無"),
    ("calendar", "日历", "日曆"),
    ("start", "起算", "起算"),
    ("due", "截止", "截止"),
    ("business minutes", "工作分钟", "工作分鐘"),
    ("holidays", "节假日", "節假日"),
    ("make-up working days", "调休工作日", "調休工作日"),
    ("outside the calendar's data", "超出日历数据范围", "超出日曆數據範圍"),
    ("warnings", "提示", "提示"),
    ("undetermined", "无法确定", "無法確定"),
    ("provisional", "暂定", "暫定"),
    ("counted until", "计至", "計至"),
    ("department", "部门", "部門"),
    ("cycles", "周期", "週期"),
    ("cycle", "周期", "週期"),
    ("started", "起算", "起算"),
    ("met", "完成", "完成"),
    ("target", "时限", "時限"),
    ("warning at", "预警", "預警"),
    (
        crate::PAST_THE_DATA,
        "建议：超出日历的官方节假日数据：用 `plaint calendar import` 导入下一年的安排，\
         并以 --calendar 传入；assess、stats 和 deadline 也可按推定假日计算（--beyond-data projected）",
        "建議：超出日曆的官方節假日數據：用 `plaint calendar import` 匯入下一年的安排，\
         並以 --calendar 傳入；assess、stats 和 deadline 也可按推定假日計算（--beyond-data projected）",
    ),
];

/// A heading in `lang` (English is the key).
pub fn tr(en: &'static str, lang: Lang) -> &'static str {
    let Some(&(e, hans, hant)) = HEADINGS.iter().find(|h| h.0 == en) else {
        return en;
    };
    match lang {
        Lang::En => e,
        Lang::ZhHans => hans,
        Lang::ZhHant => hant,
    }
}
