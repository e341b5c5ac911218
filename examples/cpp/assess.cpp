// Load the cn-property preset, assess a case at an instant, print the due
// dates and, through the log callback, the assessment's warnings.
// Build: see CMakeLists.txt (find_package(plaint)).
//   assess [CASE_FILE] [NOW]
#include "plaint.hpp"

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

// The value of a top-level string field of one JSON object (a real program
// uses its JSON library; this keeps the example dependency-free).
static std::string field(std::string_view obj, std::string_view key) {
    int depth = 0;
    bool in_str = false;
    for (size_t i = 0; i < obj.size(); i++) {
        char c = obj[i];
        if (in_str) {
            if (c == '\\') i++;
            else if (c == '"') in_str = false;
            continue;
        }
        if (c == '{' || c == '[') depth++;
        else if (c == '}' || c == ']') depth--;
        else if (c == '"') {
            std::string pat = "\"" + std::string(key) + "\":";
            if (depth == 1 && obj.substr(i, pat.size()) == pat) {
                size_t v = i + pat.size();
                if (obj.substr(v, 4) == "null") return "-";
                size_t end = obj.find('"', v + 1);
                return std::string(obj.substr(v + 1, end - v - 1));
            }
            in_str = true;
        }
    }
    return "";
}

// The log callback: warnings of assessments (and caught panics). It must not throw.
extern "C" void log_record(void *, plaint_log_level level, const char *code, const char *message) {
    std::cout << (level == PLAINT_LOG_LEVEL_WARN ? "warning " : "error ") << code << ": " << message << "\n";
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "examples/cases/major-leak.json";
    std::string now_text = argc > 2 ? argv[2] : "2026-09-29T10:00:00+08:00";
    std::ifstream in(path);
    std::stringstream buf;
    buf << in.rdbuf();
    plaint_set_log_callback(log_record, nullptr);
    try {
        auto engine = plaint::engine::preset("cn-property");
        const std::int64_t now = plaint::parse_instant(now_text);
        std::cout << "plaint " << plaint::version() << ": " << path << " at " << now_text << "\n";
        std::string out = engine.assess(buf.str(), now);
        // Walk the "deadlines" array object by object.
        size_t at = out.find("\"deadlines\":[");
        int depth = 0;
        size_t start = 0;
        for (size_t i = at + 13; at != std::string::npos && i < out.size(); i++) {
            char c = out[i];
            if (c == '"') {
                for (i++; out[i] != '"'; i++) if (out[i] == '\\') i++;
            } else if (c == '{' && depth++ == 0) {
                start = i;
            } else if (c == '}' && --depth == 0) {
                std::string_view d(out.data() + start, i - start + 1);
                std::cout << "  " << field(d, "id") << "  " << field(d, "state") << "  due " << field(d, "due_at") << "\n";
            } else if (c == ']' && depth == 0) {
                break;
            }
        }
        std::cout << "next check at " << field(out, "next_check_at") << "\n";
    } catch (const plaint::error &e) {
        std::cerr << "plaint error " << e.code() << ": " << e.json() << "\n";
        return 1;
    }
    return 0;
}
