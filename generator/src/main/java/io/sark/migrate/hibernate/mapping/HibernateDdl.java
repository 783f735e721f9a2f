package io.sark.migrate.hibernate.mapping;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.tool.schema.SourceType;
import org.hibernate.tool.schema.TargetType;
import org.hibernate.tool.schema.internal.ExceptionHandlerHaltImpl;
import org.hibernate.tool.schema.spi.ContributableMatcher;
import org.hibernate.tool.schema.spi.ExceptionHandler;
import org.hibernate.tool.schema.spi.ExecutionOptions;
import org.hibernate.tool.schema.spi.SchemaFilter;
import org.hibernate.tool.schema.spi.SchemaManagementTool;
import org.hibernate.tool.schema.spi.ScriptSourceInput;
import org.hibernate.tool.schema.spi.ScriptTargetOutput;
import org.hibernate.tool.schema.spi.SourceDescriptor;
import org.hibernate.tool.schema.spi.TargetDescriptor;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DDL Hibernate's own schema tool writes for the entities (what {@code hbm2ddl.auto=create} would run), one
 * statement at a time, without a database.
 */
final class HibernateDdl {

    private HibernateDdl() {
    }

    static List<String> create(Metadata metadata, StandardServiceRegistry registry) {
        Map<String, Object> config = new HashMap<>(registry.getService(ConfigurationService.class).getSettings());
        ExecutionOptions options = new ExecutionOptions() {
            @Override public Map<String, Object> getConfigurationValues() { return config; }
            @Override public boolean shouldManageNamespaces() { return false; }
            @Override public ExceptionHandler getExceptionHandler() { return ExceptionHandlerHaltImpl.INSTANCE; }
            @Override public SchemaFilter getSchemaFilter() { return SchemaFilter.ALL; }
        };
        List<String> statements = new ArrayList<>();
        ScriptTargetOutput script = new ScriptTargetOutput() {
            @Override public void prepare() { }
            @Override public void accept(String command) { statements.add(tidy(command)); }
            @Override public void release() { }
        };
        SourceDescriptor source = new SourceDescriptor() {
            @Override public SourceType getSourceType() { return SourceType.METADATA; }
            @Override public ScriptSourceInput getScriptSourceInput() { return null; }
        };
        TargetDescriptor target = new TargetDescriptor() {
            @Override public EnumSet<TargetType> getTargetTypes() { return EnumSet.of(TargetType.SCRIPT); }
            @Override public ScriptTargetOutput getScriptTargetOutput() { return script; }
        };
        registry.getService(SchemaManagementTool.class).getSchemaCreator(config)
                .doCreation(metadata, options, ContributableMatcher.ALL, source, target);
        // Casts Hibernate adds between varchar and its enum types serve its own queries, not the schema's shape.
        statements.removeIf(s -> s.toLowerCase(Locale.ROOT).startsWith("create cast"));
        return statements;
    }

    private static final Pattern COMMENT = Pattern.compile("(?is)^(comment on (?:column|table) .+? is )'(.*)'$");

    /**
     * Without the script delimiter; and a comment's quotes doubled, which Hibernate 6.6 leaves as they are (so a
     * comment such as {@code e.g. 'server:read'} ends the literal early and the statement fails).
     */
    static String tidy(String command) {
        String statement = command.strip();
        while (statement.endsWith(";")) {
            statement = statement.substring(0, statement.length() - 1).strip();
        }
        Matcher comment = COMMENT.matcher(statement);
        if (comment.matches()) {
            String text = comment.group(2).replace("''", "'").replace("'", "''");
            statement = comment.group(1) + "'" + text + "'";
        }
        return statement;
    }
}
