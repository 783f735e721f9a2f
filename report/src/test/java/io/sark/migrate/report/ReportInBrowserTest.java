package io.sark.migrate.report;

import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SARK's page opened in a real browser, headless Chromium (Debian's {@code chromium}): the DOM it parsed holds a box per
 * table with its name, and the screenshot shows the diagram (the boxes' header colour, in the diagram's place), not a
 * blank page. Skipped with one line where no Chromium is installed, unless SARK_REQUIRE_CHROMIUM=1 (CI installs it).
 */
@ExtendWith(FreshDatabase.class)
class ReportInBrowserTest {

    /** The boxes' header fill, #ddf4ff. */
    private static final int HEADER = 0xddf4ff;

    @Test
    void chromiumDrawsEveryTablesBox(TestDatabase db) throws Exception {
        Path chromium = chromium();
        Path page = HtmlReportTest.sarkPage(db).toAbsolutePath();
        Path screenshot = page.resolveSibling("sark.png");
        Files.deleteIfExists(screenshot);

        String dom = run(chromium, "--dump-dom", page.toUri().toString());
        run(chromium, "--screenshot=" + screenshot, "--window-size=1400,1100", page.toUri().toString());

        List<String> drawn = new ArrayList<>();
        Matcher box = Pattern.compile("<g class=\"table[^\"]*\" data-table=\"([^\"]+)\"[^>]*>.*?<text class=\"name\"[^>]*>([^<]+)</text>").matcher(dom);
        while (box.find()) {
            assertThat(box.group(2)).as("the box of " + box.group(1) + " is named").isEqualTo(box.group(1));
            drawn.add(box.group(1));
        }
        assertThat(drawn).containsExactlyInAnyOrder("api_keys", "audit_events", "mcp_servers", "mcp_tools", "policies", "policy_versions",
                "teams", "user_teams", "users");

        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertThat(image).as("a screenshot at " + screenshot).isNotNull();
        long headerPixels = 0;
        long inkPixels = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                headerPixels += rgb == HEADER ? 1 : 0;
                inkPixels += (rgb >> 16 & 0xff) < 100 && (rgb >> 8 & 0xff) < 100 && (rgb & 0xff) < 100 ? 1 : 0;
            }
        }
        System.out.printf("Chromium's screenshot of SARK's page: %dx%d, %d header pixels, %d dark (text) pixels: %s%n", image.getWidth(),
                image.getHeight(), headerPixels, inkPixels, screenshot);
        // nine boxes' headers, each some 100 x 22 pixels, most of them in the first screen
        assertThat(headerPixels).as("table headers drawn").isGreaterThan(5 * 100 * 20);
        assertThat(inkPixels).as("text drawn").isGreaterThan(5000);
    }

    /**
     * Every revision's review diagram, drawn by Mermaid itself (GitHub and GitLab draw pull requests' diagrams with it)
     * in Chromium: each parses and becomes an SVG naming its tables. Mermaid's script is not kept here: SARK_MERMAID_JS
     * names a mermaid.min.js (.ci/run unpacks npm's mermaid 11 into target/); skipped with one line without it.
     */
    @Test
    void mermaidDrawsEveryRevisionsDiagram() throws Exception {
        Path chromium = chromium();
        String script = System.getenv().getOrDefault("SARK_MERMAID_JS", "");
        Assumptions.assumeTrue(!script.isEmpty() && Files.isRegularFile(Path.of(script)),
                "SARK_MERMAID_JS names no mermaid.min.js (npm pack mermaid@11): the review's diagrams are not drawn by Mermaid here.");
        java.util.Map<String, String> diagrams = ReviewDiagrams.mermaid(io.sark.migrate.engine.changelog.Changelog.bundled(), null);
        StringBuilder page = new StringBuilder("<!DOCTYPE html><html><head><script src=\"" + Path.of(script).toUri() + "\"></script></head><body>");
        diagrams.forEach((revision, text) -> page.append("<pre class=\"mermaid\" id=\"r-").append(revision).append("\">")
                .append(Html.escape(text)).append("</pre>"));
        page.append("<div id=\"result\">pending</div><script>mermaid.initialize({startOnLoad: false});"
                + " mermaid.run({querySelector: '.mermaid'}).then(() => document.getElementById('result').textContent = 'drawn ' +"
                + " document.querySelectorAll('.mermaid svg').length, e => document.getElementById('result').textContent = 'error ' + e);"
                + "</script></body></html>");
        Path file = Path.of("target", "report", "mermaid.html").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, page);

        String dom = run(chromium, "--virtual-time-budget=20000", "--dump-dom", file.toUri().toString());

        List<String> refused = diagrams.keySet().stream().filter(r -> {
            String drawn = dom.substring(dom.indexOf("id=\"r-" + r + "\""));
            return drawn.substring(0, Math.max(0, drawn.indexOf("</pre>"))).contains("aria-roledescription=\"error\"");
        }).toList();
        assertThat(refused).as("revisions whose diagram Mermaid refused (see " + file + ")").isEmpty();
        assertThat(dom.contains("<div id=\"result\">drawn " + diagrams.size() + "</div>")).as("Mermaid drew them all").isTrue();
        assertThat(diagrams).containsKey("005_audit_events_hypertable");
        for (String revision : diagrams.keySet()) {
            String drawn = dom.substring(dom.indexOf("id=\"r-" + revision + "\""));
            drawn = drawn.substring(0, drawn.indexOf("</svg>"));
            assertThat(drawn).as(revision + " drawn as SVG").contains("<svg");
        }
        String audit = dom.substring(dom.indexOf("id=\"r-005_audit_events_hypertable\""));
        assertThat(audit.substring(0, audit.indexOf("</svg>"))).contains("audit_events", "timestamptz", "changed");
    }

    /** Chromium, or a skip saying how to get it (a failure where SARK_REQUIRE_CHROMIUM=1). */
    private static Path chromium() {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("SARK_CHROMIUM", ""), "chromium", "chromium-browser", "google-chrome")
                .filter(s -> !s.isEmpty())
                .flatMap(name -> name.contains(File.separator) ? Stream.of(Path.of(name))
                        : Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            String why = "No Chromium on PATH (install Debian's chromium, or set SARK_CHROMIUM): the report's page is not opened in a browser.";
            if ("1".equals(System.getenv("SARK_REQUIRE_CHROMIUM"))) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        return found.get();
    }

    private static String run(Path chromium, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--no-first-run", "--user-data-dir=" + Files.createTempDirectory("chromium")));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(process.exitValue()).as("chromium's exit code").isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
