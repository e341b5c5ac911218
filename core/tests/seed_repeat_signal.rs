//! The `cn-property` repeat signal: seed 001 篇5 4.2.1c makes a complaint
//! "raised many times without being solved" (多次提出得不到解决的) major.
//! Callers say it in many ways; each text below is one a caller would write
//! (simplified, traditional with Hong Kong forms, English) and must raise
//! the signal `repeat`, so the severity is `major` (the severity table's
//! row `repeat_signal`). The negative texts use the same words in a sense
//! that says nothing about an earlier complaint (a first complaint, thanks
//! "again", "confirm again") and must not raise it; they also carry no
//! other major signal, so their severity is not major.

use plaint_core::api::run_op;
use serde_json::{Value, json};

fn classify(text: &str) -> Value {
    let input = json!({
        "policy": "cn-property",
        "complaint": {"id": "R", "received_at": "2026-10-12T10:00:00+08:00", "channel": "phone", "text": text}
    });
    run_op("classify", &input).unwrap_or_else(|e| panic!("classify {text:?}: {} {e}", e.code()))
}

/// The keyword of signal `repeat` that matched, if any.
fn repeat_keyword(c: &Value) -> Option<String> {
    c["signals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["signal"] == "repeat")
        .map(|s| s["keyword"].as_str().unwrap().to_string())
}

/// Each text raises `repeat` through the keyword given beside it, and the
/// complaint is major.
fn assert_repeat(cases: &[(&str, &str)]) {
    for (text, keyword) in cases {
        let c = classify(text);
        assert_eq!(repeat_keyword(&c).as_deref(), Some(*keyword), "{text}");
        assert_eq!(c["severity"], "major", "{text}");
    }
}

#[test]
fn simplified_wordings_of_a_repeated_complaint() {
    assert_repeat(&[
        ("这是我第三次反映楼道漏水的问题了。", "第三次"),
        ("电梯坏了一直没人解决。", "一直没人解决"),
        ("车库的灯我反映过多次。", "多次"),
        ("上个月就报修了,到现在还是没解决。", "还是没解决"),
        ("门禁问题我之前反映过,至今未解决。", "之前反映过"),
        ("垃圾站的臭味我已经投诉过了,你们一直没人管。", "已经投诉过"),
        ("我再次投诉:水压太低。", "再次投诉"),
        ("这是第2次打电话了,管道还在堵。", "第2次"),
        ("说了好几次了,绿化带没人修剪。", "好几次"),
        ("反映的问题石沉大海。", "石沉大海"),
    ]);
}

#[test]
fn traditional_and_hong_kong_wordings_of_a_repeated_complaint() {
    assert_repeat(&[
        ("這是我第三次反映樓道漏水的問題了。", "第三次"),
        ("電梯壞了一直沒人解決。", "一直沒人解決"),
        ("停車場的燈我反映過多次。", "多次"),
        ("大堂冷氣一直冇人理,我已經投訴過。", "一直冇人理"),
        ("水管漏水仲未解決。", "仲未解決"),
        ("三番四次打電話去管理處都冇用。", "三番四次"),
        ("噪音問題遲遲未解決。", "遲遲未解決"),
    ]);
}

#[test]
fn english_wordings_of_a_repeated_complaint() {
    assert_repeat(&[
        (
            "This is the third time I am reporting the leak in the stairwell.",
            "third time",
        ),
        (
            "The lift is broken and nobody has fixed it for weeks.",
            "nobody has fixed",
        ),
        (
            "I already reported the blocked drain; it is still not resolved.",
            "already reported",
        ),
        ("I have complained multiple times about the noise.", "multiple times"),
        (
            "I keep calling about the gate and it is still not repaired.",
            "keep calling",
        ),
        (
            "I raised this before and the light is still not fixed.",
            "raised this before",
        ),
    ]);
}

/// The same words in a sense that says nothing about an earlier complaint.
#[test]
fn words_that_do_not_raise_the_repeat_signal() {
    for text in [
        "第一次反映:走廊灯不亮。",
        "首次投诉,楼道灯不亮。",
        "再次感谢你们上次的帮助,这次想反映楼道灯不亮。",
        "请再次确认一下明天停水的时间。",
        "这次反映的是信箱锁坏了。",
        "希望一次性解决门禁的问题。",
        "第一次反映:走廊燈不亮。",
        "再次感謝你們,想問信箱鎖壞了怎麼辦。",
        "This is the first time I am writing: the corridor light is out.",
        "Thank you again; the mailbox lock is broken.",
        "Please call me again tomorrow about the mailbox lock.",
        "The gate was fixed once last year and now the hinge squeaks.",
    ] {
        let c = classify(text);
        assert_eq!(repeat_keyword(&c), None, "{text}: {}", c["signals"]);
        assert_ne!(c["severity"], "major", "{text}");
    }
}
