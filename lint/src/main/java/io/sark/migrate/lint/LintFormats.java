package io.sark.migrate.lint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The findings for machines: SARIF 2.1.0 (what code-scanning services upload: GitHub, GitLab, Azure DevOps) and GitHub
 * Actions' workflow commands (an annotation on the pull request's file and line).
 */
public final class LintFormats {

    private LintFormats() {
    }

    /** The SARIF 2.1.0 log of {@code report}, as maps and lists for a JSON writer; {@code version}, the tool's. */
    public static Map<String, Object> sarif(LintReport report, RuleRegistry rules, String version) {
        List<Object> descriptors = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (LintRule rule : rules.all()) {
            index.put(rule.code(), descriptors.size());
            descriptors.add(ordered(
                    "id", rule.code(),
                    "name", rule.name(),
                    "shortDescription", Map.of("text", rule.summary()),
                    "defaultConfiguration", Map.of("level", level(rule.defaultSeverity()))));
        }
        List<Object> results = new ArrayList<>();
        for (Finding finding : report.findings()) {
            Map<String, Object> result = ordered("ruleId", finding.code());
            if (index.containsKey(finding.code())) {
                result.put("ruleIndex", index.get(finding.code()));
            }
            result.put("level", level(finding.severity()));
            result.put("message", Map.of("text", finding.message()));
            if (finding.file() != null) {
                Map<String, Object> physical = ordered("artifactLocation", Map.of("uri", finding.file().replace('\\', '/')));
                if (finding.line() > 0) {
                    physical.put("region", Map.of("startLine", finding.line()));
                }
                result.put("locations", List.of(Map.of("physicalLocation", physical)));
            }
            result.put("partialFingerprints", Map.of("sarkMigrateFinding/v1", finding.code() + ":" + finding.changeSet() + ":" + finding.message().hashCode()));
            results.add(result);
        }
        Map<String, Object> driver = ordered("name", "sark-migrate", "version", version, "rules", descriptors);
        return ordered(
                "$schema", "https://json.schemastore.org/sarif-2.1.0.json",
                "version", "2.1.0",
                "runs", List.of(ordered("tool", Map.of("driver", driver), "results", results)));
    }

    /**
     * GitHub Actions' workflow commands, one line per finding ({@code ::error file=…,line=…,title=…::message}): the
     * runner shows each on the file and line of the pull request.
     */
    public static List<String> github(LintReport report) {
        List<String> lines = new ArrayList<>();
        for (Finding finding : report.findings()) {
            StringBuilder line = new StringBuilder("::").append(finding.severity() == Severity.ERROR ? "error" : "warning").append(' ');
            List<String> properties = new ArrayList<>();
            if (finding.file() != null) {
                properties.add("file=" + property(finding.file()));
                if (finding.line() > 0) {
                    properties.add("line=" + finding.line());
                }
            }
            properties.add("title=" + property(finding.code() + " " + finding.rule()));
            line.append(String.join(",", properties)).append("::").append(data(finding.message()));
            lines.add(line.toString());
        }
        return lines;
    }

    private static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case OFF -> "none";
        };
    }

    /** A workflow command's message: %, CR and LF escaped. */
    private static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A workflow command's property value: also : and , escaped. */
    private static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** "error", "warning": the severity as the text format writes it. */
    public static String word(Severity severity) {
        return severity.name().toLowerCase(Locale.ROOT);
    }
}
