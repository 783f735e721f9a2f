package io.sark.migrate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sark.migrate.schema.Identifiers;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;

/** Writes a command's result: as JSON (one document) or as text for people. */
final class Output {

    /**
     * Made when JSON is first asked for: every command writes through {@link #displaying}, and building Jackson's
     * mapper took 40 ms of the start of each, JSON or not.
     */
    private static final class Json {
        /** Enums as they print (a revision state is "applied", as in the text output). */
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING);
    }

    private Output() {
    }

    static void json(PrintWriter out, Object value) {
        try {
            out.println(Json.MAPPER.writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * {@code out}, writing every name of another schema as a person reads it ({@code reporting.sales}): the model
     * separates schema and name with NUL ({@code Identifiers.QUALIFIER}), which no message shows.
     */
    static PrintWriter displaying(PrintWriter out) {
        if (out instanceof Displaying) {
            return out;
        }
        return new Displaying(out);
    }

    private static final class Displaying extends PrintWriter {
        Displaying(PrintWriter out) {
            super(new FilterWriter(out) {
                @Override
                public void write(int c) throws IOException {
                    super.write(c == Identifiers.QUALIFIER ? '.' : c);
                }

                @Override
                public void write(char[] chars, int offset, int length) throws IOException {
                    write(new String(chars, offset, length), 0, length);
                }

                @Override
                public void write(String text, int offset, int length) throws IOException {
                    super.write(Identifiers.display(text.substring(offset, offset + length)), 0, length);
                }
            }, true);
        }
    }
}
