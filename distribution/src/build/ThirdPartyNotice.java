import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Writes THIRD-PARTY.txt for the release archive from exactly what it bundles: the command line's runtime artifacts
 * (cli's dependency:list, the list behind cli/target/lib), less those the archive leaves out, each with the licences
 * its own POM declares, or its nearest parent POM's. license-maven-plugin 2.5.0's add-third-party listed another set
 * (the dependency tree with neither the exclusions nor the filters it was given applied).
 *
 * Run by the build (java ThirdPartyNotice.java LIST OUT [LEFT_OUT]): LIST is dependency:list's output with absolute
 * file names; LEFT_OUT a regular expression over the file names of jars the archive does not hold.
 */
public class ThirdPartyNotice {

    public static void main(String[] args) throws Exception {
        TreeMap<String, String> lines = new TreeMap<>();
        java.util.regex.Pattern leftOut = java.util.regex.Pattern.compile(args.length > 2 ? args[2] : "$^");
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            String[] f = line.strip().split(":");
            if (f.length < 6 || !f[2].equals("jar")) {
                continue;
            }
            String group = f[0], artifact = f[1], version = f[3];
            Path jar = Path.of(line.strip().substring(line.strip().indexOf(":/") + 1).replaceFirst(" -- .*$", ""));
            String key = group + ":" + artifact;
            if (leftOut.matcher(jar.getFileName().toString()).matches()) {
                continue; // not in the archive
            }
            if (group.equals("io.sark.migrate")) {
                if (artifact.equals("sark-migrate-picocli-java17")) {
                    lines.put("info.picocli:picocli", "(Apache License, Version 2.0) picocli, compiled for Java 17 from its own"
                            + " published sources, unchanged (info.picocli:picocli - https://picocli.info) as " + jar.getFileName());
                }
                continue; // sark-migrate's own
            }
            Path pom = jar.resolveSibling(artifact + "-" + version + ".pom");
            String name = artifact;
            String url = null;
            List<String> licenses = new ArrayList<>();
            for (int depth = 0; Files.isRegularFile(pom) && depth < 10; depth++) {
                Element project = parse(pom);
                if (depth == 0) {
                    name = text(project, "name", artifact);
                }
                url = url != null ? url : text(project, "url", null);
                NodeList found = project.getElementsByTagName("license");
                for (int i = 0; i < found.getLength(); i++) {
                    licenses.add(text((Element) found.item(i), "name", "(unnamed licence)"));
                }
                if (!licenses.isEmpty()) {
                    break;
                }
                Element parent = child(project, "parent");
                if (parent == null) {
                    break;
                }
                Path repository = jar.getParent().getParent().getParent();
                for (String ignored : group.split("\\.")) {
                    repository = repository.getParent();
                }
                String pg = text(parent, "groupId", ""), pa = text(parent, "artifactId", ""), pv = text(parent, "version", "");
                pom = repository.resolve(pg.replace('.', '/')).resolve(pa).resolve(pv).resolve(pa + "-" + pv + ".pom");
            }
            String licence = licenses.isEmpty() ? "(licence not declared in its POM)" : "(" + String.join(") (", licenses) + ")";
            lines.put(key, licence + " " + name.strip().replaceAll("\\s+", " ") + " (" + group + ":" + artifact + ":" + version
                    + " - " + (url == null ? "no url declared" : url.strip()) + ") as " + jar.getFileName());
        }
        StringBuilder out = new StringBuilder("Third-party software in this sark-migrate release archive (lib/): " + lines.size()
                + " libraries, each with the\nlicence its own Maven POM (or its parent's) declares.\n\n");
        lines.values().forEach(l -> out.append("    ").append(l).append('\n'));
        Files.createDirectories(Path.of(args[1]).getParent());
        Files.writeString(Path.of(args[1]), out);
    }

    private static Element parse(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(pom.toFile());
        return document.getDocumentElement();
    }

    private static Element child(Element parent, String name) {
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name, String otherwise) {
        Element e = child(parent, name);
        return e == null || e.getTextContent().isBlank() ? otherwise : e.getTextContent().strip();
    }
}
