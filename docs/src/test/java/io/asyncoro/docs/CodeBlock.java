package io.asyncoro.docs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fenced {@code ```java} block of a guide, and the compilation unit it stands for.
 *
 * <p>A block is compiled as written. A block fenced {@code ```java fragment} holds statements: its
 * {@code import} lines stay on top and the rest becomes the body of a method that may throw anything, so a
 * guide can show a few lines of use and still have them compiled, imports included.
 *
 * @param file the guide
 * @param line the line of the block's first code line in the guide (1-based)
 * @param code the block's text
 * @param fragment whether the block is marked as statements
 */
record CodeBlock(Path file, int line, String code, boolean fragment) {

    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public\\s+(?:(?:final|abstract|sealed|non-sealed)\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+)",
            Pattern.MULTILINE);

    /** The Java blocks of a guide's text, in order. */
    static List<CodeBlock> parse(Path file, List<String> lines) {
        List<CodeBlock> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String fence = lines.get(i).strip();
            if (!fence.startsWith("```java")) {
                continue;
            }
            boolean fragment = fence.substring("```java".length()).strip().equals("fragment");
            StringBuilder code = new StringBuilder();
            int start = i + 2;
            // A block inside a list item is indented like its fence; imports are only recognised without it.
            int indent = lines.get(i).length() - lines.get(i).stripLeading().length();
            for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                String line = lines.get(i);
                int blank = line.length() - line.stripLeading().length();
                code.append(line.substring(Math.min(indent, blank))).append('\n');
            }
            blocks.add(new CodeBlock(file, start, code.toString(), fragment));
        }
        return blocks;
    }

    /** The file name the compiler needs: the public type's, or any for a block without one. */
    String className() {
        Matcher type = PUBLIC_TYPE.matcher(this.code);
        return type.find() ? type.group(1) : "Block" + this.line;
    }

    /** The source to compile, and how many lines were put in front of the block's first line. */
    Source source() {
        if (!this.fragment) {
            return new Source(this.code, 0);
        }
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        int importLines = 0;
        boolean inImports = true;
        for (String codeLine : this.code.split("\n", -1)) {
            if (inImports && (codeLine.startsWith("import ") || codeLine.isBlank())) {
                imports.append(codeLine).append('\n');
                importLines++;
                continue;
            }
            inImports = false;
            body.append(codeLine).append('\n');
        }
        // One line of wrapping after the imports: compiler lines past it map back one line later.
        String wrapped = imports + "class " + className() + " { void fragment() throws Exception {\n" + body + "}}\n";
        return new Source(wrapped, 1, importLines);
    }

    /** Where a compiler line of {@link #source()} is in the guide. */
    int guideLine(long sourceLine) {
        Source source = source();
        long codeLine = sourceLine > source.importLines() ? sourceLine - source.added() : sourceLine;
        return (int) (this.line + codeLine - 1);
    }

    @Override
    public String toString() {
        return this.file + ":" + this.line + (this.fragment ? " (fragment)" : "");
    }

    /**
     * @param text the compilation unit
     * @param added lines put in after the first {@code importLines} lines
     * @param importLines lines of the block kept on top as written
     */
    record Source(String text, int added, int importLines) {

        Source(String text, int added) {
            this(text, added, 0);
        }
    }
}
