package io.sark.migrate.generate;

import io.sark.migrate.engine.changelog.ChangelogException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

/**
 * A master changelog as text, in the format it is written in (YAML, XML or JSON), and how a new revision joins it: an
 * include appended as its last entry, written as its other entries are; or, when it ends with an {@code includeAll}
 * of a folder, nothing (the file is written into that folder). Every edit is read back with a parser of the format
 * and refused, writing nothing, unless the master then ends with the new include.
 */
final class MasterChangelog {

    /** The formats a master can be edited in, by file extension. */
    enum Format {
        YAML, XML, JSON, SQL;

        static Format of(String path) {
            String lower = path.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".xml")) {
                return XML;
            }
            if (lower.endsWith(".json")) {
                return JSON;
            }
            if (lower.endsWith(".sql")) {
                return SQL;
            }
            return YAML;
        }
    }

    private static final Pattern EMPTY_YAML_LIST = Pattern.compile("(?m)^databaseChangeLog:[ \\t]*(\\[[ \\t]*\\])?[ \\t]*(#.*)?$");
    private static final Pattern FIRST_YAML_ITEM = Pattern.compile("(?m)^([ \\t]*)- ");
    private static final Pattern XML_CLOSING = Pattern.compile("(?s)</(?:[\\w.-]+:)?databaseChangeLog\\s*>\\s*$");
    private static final Pattern XML_EMPTY_ROOT = Pattern.compile("(?s)(<(?:[\\w.-]+:)?databaseChangeLog\\b[^>]*?)\\s*/>\\s*$");
    private static final Pattern XML_CHILD_INDENT = Pattern.compile("(?m)^([ \\t]+)<(?!/)");
    private static final Pattern JSON_CLOSING = Pattern.compile("(?s)\\]\\s*}\\s*$");

    private MasterChangelog() {
    }

    /**
     * The folder (relative to the changelog root) an {@code includeAll} that ends {@code text} reads, or empty when
     * the master ends otherwise.
     *
     * @param masterPath the master's path relative to the root, for includes relative to it
     */
    static Optional<String> includeAllFolder(String text, String masterPath) {
        Format format = Format.of(masterPath);
        String path = null;
        boolean relativeToMaster = false;
        if (format == Format.XML) {
            Element last = lastChild(parseXml(text, Path.of(masterPath)));
            if (last != null && "includeAll".equals(localName(last))) {
                path = last.getAttribute("path");
                relativeToMaster = Boolean.parseBoolean(last.getAttribute("relativeToChangelogFile"));
            }
        } else if (format != Format.SQL && lastEntry(text) instanceof Map<?, ?> entry
                && entry.get("includeAll") instanceof Map<?, ?> includeAll && includeAll.get("path") != null) {
            path = includeAll.get("path").toString();
            relativeToMaster = Boolean.parseBoolean(String.valueOf(includeAll.get("relativeToChangelogFile")));
        }
        if (path == null || path.isBlank()) {
            return Optional.empty();
        }
        String folder = path.replaceFirst("^classpath\\*?:", "").replaceFirst("^/+", "");
        if (relativeToMaster) {
            int slash = masterPath.lastIndexOf('/');
            folder = (slash < 0 ? "" : masterPath.substring(0, slash + 1)) + folder;
        }
        folder = Path.of(folder).normalize().toString().replace('\\', '/');
        return Optional.of(folder.isEmpty() || folder.endsWith("/") ? folder : folder + "/");
    }

    /** {@code text} with an include of {@code relative} appended as its last entry; refused when it cannot be done safely. */
    static String withInclude(String text, String relative, Path master) {
        Format format = Format.of(master.toString());
        String result = switch (format) {
            case YAML -> yamlWithInclude(text, relative);
            case XML -> xmlWithInclude(text, relative, master);
            case JSON -> jsonWithInclude(text, relative);
            case SQL -> throw new ChangelogException("Cannot add the new revision to " + master + ": a formatted SQL changelog cannot"
                    + " include other files. Include it from an XML, YAML or JSON master and pass that with --changelog. Nothing was written.");
        };
        if (!endsWithInclude(result, relative, format, master)) {
            throw new ChangelogException("Cannot add the new revision to " + master + ": " + switch (format) {
                case YAML -> "it is not a YAML changelog whose entries are a block list under databaseChangeLog (write it as"
                        + " 'databaseChangeLog:' followed by '  - include: ...' lines).";
                case XML -> "it is not an XML changelog that ends with </databaseChangeLog>.";
                default -> "it is not a JSON changelog whose databaseChangeLog list ends the file.";
            } + " Nothing was written.");
        }
        return result;
    }

    private static String yamlWithInclude(String masterText, String relative) {
        String text = masterText;
        Matcher empty = EMPTY_YAML_LIST.matcher(text);
        if (empty.find()) {
            text = text.substring(0, empty.start()) + "databaseChangeLog:" + text.substring(empty.end());
        }
        Matcher item = FIRST_YAML_ITEM.matcher(text.substring(text.indexOf("databaseChangeLog:") + 1));
        String indent = text.contains("databaseChangeLog:") && item.find() ? item.group(1) : "  ";
        return text + (text.endsWith("\n") ? "" : "\n") + indent + "- include:\n" + indent + "    file: " + relative + "\n";
    }

    private static String xmlWithInclude(String text, String relative, Path master) {
        String include = "<include file=\"" + relative.replace("&", "&amp;").replace("\"", "&quot;") + "\"/>";
        Matcher closing = XML_CLOSING.matcher(text);
        if (closing.find()) {
            Matcher child = XML_CHILD_INDENT.matcher(text.substring(0, closing.start()));
            String indent = "    ";
            boolean afterRoot = false;
            int rootStart = text.indexOf("databaseChangeLog");
            while (child.find()) {
                if (child.start() > rootStart) {
                    indent = child.group(1);
                    afterRoot = true;
                    break;
                }
            }
            String before = text.substring(0, closing.start()).replaceFirst("[ \\t]*$", "");
            String lineBreak = before.endsWith("\n") ? "" : "\n";
            return before + lineBreak + (afterRoot ? indent : "    ") + include + "\n" + text.substring(closing.start());
        }
        Matcher emptyRoot = XML_EMPTY_ROOT.matcher(text);
        if (emptyRoot.find()) {
            String root = emptyRoot.group(1);
            String name = root.substring(1).split("\\s", 2)[0];
            return text.substring(0, emptyRoot.start()) + root + ">\n    " + include + "\n</" + name + ">\n";
        }
        return text;
    }

    private static String jsonWithInclude(String text, String relative) {
        Matcher closing = JSON_CLOSING.matcher(text);
        if (!closing.find()) {
            return text;
        }
        String before = text.substring(0, closing.start()).replaceFirst("\\s*$", "");
        String entry = "{\"include\": {\"file\": \"" + relative.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}}";
        String separator = before.endsWith("[") ? "" : ",";
        return before + separator + "\n    " + entry + "\n  " + text.substring(closing.start()).stripLeading();
    }

    private static boolean endsWithInclude(String text, String relative, Format format, Path master) {
        if (format == Format.XML) {
            try {
                Element last = lastChild(parseXml(text, master));
                return last != null && "include".equals(localName(last)) && relative.equals(last.getAttribute("file"));
            } catch (ChangelogException e) {
                return false;
            }
        }
        return lastEntry(text) instanceof Map<?, ?> last && last.get("include") instanceof Map<?, ?> include
                && relative.equals(include.get("file"));
    }

    /** The last entry of a YAML or JSON master's databaseChangeLog list (JSON is read as the YAML it also is), or null. */
    private static Object lastEntry(String text) {
        try {
            Object document = new org.yaml.snakeyaml.Yaml().load(text);
            if (document instanceof Map<?, ?> map && map.get("databaseChangeLog") instanceof List<?> entries && !entries.isEmpty()) {
                return entries.get(entries.size() - 1);
            }
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Document parseXml(String text, Path master) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
        } catch (Exception e) {
            throw new ChangelogException("Cannot read the master changelog " + master + " as XML: " + e.getMessage(), e);
        }
    }

    private static Element lastChild(Document document) {
        Node node = document.getDocumentElement().getLastChild();
        while (node != null && node.getNodeType() != Node.ELEMENT_NODE) {
            node = node.getPreviousSibling();
        }
        return (Element) node;
    }

    private static String localName(Element element) {
        return element.getLocalName() != null ? element.getLocalName() : element.getTagName();
    }
}
