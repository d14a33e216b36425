package io.asyncoro.docs;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every {@code ```java} block of README.md and docs/*.md compiles as shown, against the class path a user of
 * the starter and the test module has: a guide whose imports, types or method names drift fails here, naming
 * the guide, the line and the compiler's message.
 */
class GuideCodeCompilesTest {

    private static final Path ROOT = Path.of(System.getProperty("docs.root", "..")).toAbsolutePath().normalize();

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompiles() throws IOException {
        return blocks().stream().map(block -> DynamicTest.dynamicTest(block.toString(), () -> compile(block)));
    }

    @Test
    void theGuidesHaveJavaBlocks() throws IOException {
        // Guards the test itself: a wrong root or fence pattern would otherwise pass with nothing checked.
        assertThat(blocks()).extracting(block -> block.file().getFileName().toString())
            .contains("README.md", "spring-boot-starter.md");
    }

    private static List<CodeBlock> blocks() throws IOException {
        List<Path> guides = new ArrayList<>();
        guides.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(guides::add);
        }
        List<CodeBlock> blocks = new ArrayList<>();
        for (Path guide : guides) {
            blocks.addAll(CodeBlock.parse(ROOT.relativize(guide), Files.readAllLines(guide)));
        }
        return blocks;
    }

    private static void compile(CodeBlock block) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path out = Files.createTempDirectory("guide-block");
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString(),
                    "-proc:none", "-implicit:none", "-Xlint:none", "-nowarn");
            JavaFileObject source = new Source(block.className(), block.source().text());
            boolean compiled = compiler.getTask(null, files, diagnostics, options, null, List.of(source)).call();
            if (!compiled) {
                fail(diagnostics.getDiagnostics().stream()
                    .filter(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
                    .map(diagnostic -> block.file() + ":" + block.guideLine(diagnostic.getLineNumber()) + ": "
                            + diagnostic.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n", "the Java block at " + block + " does not compile:\n", "")));
            }
        }
        finally {
            try (Stream<Path> written = Files.walk(out)) {
                written.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** A compilation unit held in memory. */
    private static final class Source extends SimpleJavaFileObject {

        private final String text;

        Source(String className, String text) {
            super(URI.create("string:///" + className + Kind.SOURCE.extension), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return this.text;
        }
    }
}
