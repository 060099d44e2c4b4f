package org.commonweal.coverage.x12;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test of our X12 tokenizer (issue #23) against StAEDI ({@link SegmentReader}): over every X12 fixture
 * under src/test/resources, every fuzz corpus input (the committed seeds and, when present, Jazzer's generated
 * corpus under .cifuzz-corpus), hand-written boundary inputs, and seeded mutations of all of them, both must read
 * the same segments with the same elements, and stop with an error at the same segment position.
 */
class X12TokenizerTests {

    private static final Path RESOURCES = Path.of("src/test/resources");
    private static final Path GENERATED_CORPUS = Path.of(".cifuzz-corpus");

    /** What a reader made of an input: the segments, then "error after N" or "end". */
    static List<String> read(byte[] input, Function<byte[], SegmentSource> reader) {
        List<String> out = new ArrayList<>();
        try (SegmentSource source = reader.apply(input)) {
            Segment s;
            while ((s = source.next()) != null) {
                out.add(s.position() + " " + s.tag() + " " + s.elements());
            }
            out.add("end");
        } catch (X12Exception e) {
            out.add("error after segment " + errorPosition(e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String errorPosition(String message) {
        var m = java.util.regex.Pattern.compile("after segment (\\d+)").matcher(message);
        return m.find() ? m.group(1) : "? (" + message + ")";
    }

    static List<String> staedi(byte[] input) {
        return read(input, b -> new SegmentReader(new ByteArrayInputStream(b)));
    }

    static List<String> ours(byte[] input) {
        return read(input, b -> new X12Tokenizer(new ByteArrayInputStream(b)));
    }

    /** Every file under the test resources that is X12 (starts with ISA) or is a fuzz corpus input. */
    static List<Path> corpus() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : List.of(RESOURCES, GENERATED_CORPUS)) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> {
                            String path = p.toString();
                            if (path.contains("X12FuzzTestsInputs")
                                    || root == GENERATED_CORPUS && path.contains("X12")) {
                                return true;
                            }
                            try (var in = Files.newInputStream(p)) {
                                byte[] head = in.readNBytes(3);
                                return new String(head, StandardCharsets.ISO_8859_1).equals("ISA");
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        })
                        .sorted()
                        .forEach(files::add);
            }
        }
        return files;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void readsEveryFixtureAndCorpusInputAsStaediDoes(Path file) throws IOException {
        byte[] input = Files.readAllBytes(file);
        assertThat(ours(input)).as(file.toString()).isEqualTo(staedi(input));
    }

    @Test
    void theCorpusHoldsTheFixturesAndTheFuzzSeeds() throws IOException {
        List<Path> files = corpus();
        assertThat(files)
                .anyMatch(p -> p.toString().contains("coverage/x12/834/"))
                .anyMatch(p -> p.toString().contains("coverage/x12/270/"))
                .anyMatch(p -> p.toString().contains("X12FuzzTestsInputs/enrollment834"));
        assertThat(files.size()).isGreaterThan(30);
    }

    private static final String ISA =
            "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *261205*1200*^*00501*000000001*0*P*:~";

    static Stream<String> boundaries() {
        String body = "GS*BE*SENDER*RECEIVER*20261205*1200*1*X*005010X220A1~ST*834*0001~NM1*IL*1*PEÑA*JOSÉ****34*1~"
                + "SE*3*0001~GE*1*1~IEA*1*000000001~";
        return Stream.of(
                ISA + body,
                ISA + "\r\n" + body.replace("~", "~\r\n"),
                ISA + body + "\n\n  ",
                ISA + body + ISA + body,
                ISA + body + "GARBAGE~",
                ISA + "GS*BE~ST*834",
                ISA + "GS*BE~ST*834~",
                ISA + "GS*BE~",
                "",
                "   \n",
                "XYZ",
                "ISA*00",
                ISA.substring(0, 60),
                ISA.replace("*00501*", "*00401*") + body,
                ISA.replace("*00501*", "*00301*") + "NM1*A^B*C~IEA*1*1~",
                ISA.replace("SENDER   ", "SEND.ER  ") + body,
                ISA.replace("*ZZ*SENDER", "*ZZ**SENDER"),
                ISA + "NM1*IL*1*A:B:C*D^E^F*G:H^I:J*~IEA*1*000000001~",
                ISA + "NM1*IL*****~IEA*1*1~",
                ISA + "NM1~DTP~IEA*1*1~",
                ISA + "N~IEA*1*1~",
                ISA + "N*1~IEA*1*1~",
                ISA + "NM12*1~IEA*1*1~",
                ISA + "N-1*1~IEA*1*1~",
                ISA + "  NM1*1~IEA*1*1~",
                ISA + "IE~IEA*1*1~",
                ISA + "IE*1~IEA*1*1~",
                ISA + "INS*Y~IEA*1*1~",
                ISA + "IEA~",
                ISA + "IEA*1:2*1~",
                ISA + "IEA*1^2*1~",
                ISA + "IEAX*1~",
                ISA + "NM1*A\tB\u0001C\u0000D~IEA*1*1~",
                ISA + "NM1*A B~IEA*1*1~",
                ISA + "NM1*\u00ff~IEA*1*1~",
                ISA + "~~IEA*1*1~",
                ISA + "*~IEA*1*1~",
                "\n\nISA" + ISA.substring(3) + body,
                "UNA:+.? 'UNB+UNOA:1'",
                "STX=ANA:1'",
                ISA.replace('~', '\n') + body.replace('~', '\n'),
                ISA.replace(":~", "~~") + body,
                ISA.replace("*^*", "*~*") + body,
                ISA.replace("*^*", "*:*") + body);
    }

    @ParameterizedTest
    @MethodSource("boundaries")
    void readsBoundaryInputsAsStaediDoes(String input) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        assertThat(ours(bytes)).as(input).isEqualTo(staedi(bytes));
    }

    /** ISA11 as each of the 128 ASCII characters: StAEDI takes it as the repetition separator only for some. */
    static Stream<String> repetitionSeparators() {
        return java.util.stream.IntStream.range(0, 128)
                .mapToObj(c -> String.valueOf((char) c))
                .map(r -> ISA.replace("*^*", "*" + r + "*") + "NM1*A" + r + "B*C~IEA*1" + r + "2*000000001~");
    }

    @ParameterizedTest
    @MethodSource("repetitionSeparators")
    void takesTheRepetitionSeparatorAsStaediDoes(String input) {
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(ours(bytes)).as(input).isEqualTo(staedi(bytes));
    }

    @Test
    void malformedUtf8IsAnErrorAtTheSameSegment() {
        byte[] head = (ISA + "NM1*").getBytes(StandardCharsets.UTF_8);
        byte[] input = java.util.Arrays.copyOf(head, head.length + 8);
        input[head.length] = (byte) 0xc3;
        input[head.length + 1] = (byte) '(';
        System.arraycopy("~IEA*1~".getBytes(StandardCharsets.US_ASCII), 0, input, head.length + 2, 6);
        assertThat(ours(input)).isEqualTo(staedi(input));
    }

    /** A number from the environment (a longer or other run of the mutations), else the default. */
    private static int setting(String name, int otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : Integer.parseInt(value.trim());
    }

    /** Seeded mutations of every corpus input: flipped, dropped and inserted bytes, delimiters above all. */
    @Test
    void readsMutatedInputsAsStaediDoes() throws IOException {
        Random random = new Random(setting("X12_MUTATION_SEED", 23));
        byte[] alphabet = "*~:^|'>\r\n ISAEG0\u0001\u0000\u00c3".getBytes(StandardCharsets.ISO_8859_1);
        int checked = 0;
        List<String> differences = new ArrayList<>();
        for (Path file : corpus()) {
            byte[] original = Files.readAllBytes(file);
            if (original.length > 200_000) {
                continue;
            }
            for (int round = 0; round < setting("X12_MUTATION_ROUNDS", 100); round++) {
                byte[] input = mutate(original, random, alphabet);
                List<String> expected = staedi(input);
                List<String> actual = ours(input);
                checked++;
                if (!actual.equals(expected)) {
                    Path kept = Path.of("target/x12-differences", file.getFileName() + "-" + round);
                    Files.createDirectories(kept.getParent());
                    Files.write(kept, input);
                    differences.add(file + " round " + round + " (input kept as " + kept + "): staedi " + tail(expected)
                            + " ours " + tail(actual));
                }
            }
        }
        assertThat(differences).as("mutations checked: " + checked).isEmpty();
        assertThat(checked).isGreaterThan(1000);
    }

    private static String tail(List<String> out) {
        return out.size() + " lines, last " + out.subList(Math.max(0, out.size() - 2), out.size());
    }

    private static byte[] mutate(byte[] input, Random random, byte[] alphabet) {
        byte[] out = input.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && out.length > 0; e++) {
            int at = random.nextInt(out.length);
            byte b = alphabet[random.nextInt(alphabet.length)];
            switch (random.nextInt(3)) {
                case 0 -> out[at] = b;
                case 1 -> {
                    byte[] shorter = new byte[out.length - 1];
                    System.arraycopy(out, 0, shorter, 0, at);
                    System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
                    out = shorter;
                }
                default -> {
                    byte[] longer = new byte[out.length + 1];
                    System.arraycopy(out, 0, longer, 0, at);
                    longer[at] = b;
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    out = longer;
                }
            }
        }
        return out;
    }
}
