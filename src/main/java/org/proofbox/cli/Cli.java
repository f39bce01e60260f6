package org.proofbox.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.proofbox.io.ExportException;
import org.proofbox.task.Cancelled;

/**
 * Headless commands. Each prints its result on stdout; problems with the input are one line on
 * stderr naming the file and the problem, exit code 2 — never a stack trace (unless
 * {@code PROOFBOX_DEBUG} is set).
 */
public final class Cli {
    public static final Set<String> COMMANDS = Set.of("info", "check", "fix", "mesh", "bench", "help", "--help", "-h");

    private Cli() {}

    public static boolean isCommand(String arg) {
        return COMMANDS.contains(arg);
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "info" -> InfoCommand.run(rest, out);
                case "check" -> CheckCommand.run(rest, out, err);
                case "fix" -> FixCommand.run(rest, out);
                case "mesh" -> MeshCommand.run(rest, out);
                case "bench" -> BenchCommand.run(rest, out);
                default -> {
                    out.println(usage());
                    yield 0;
                }
            };
        } catch (ExportException e) {
            err.println("proofbox: " + e.getMessage());
            debug(e, err);
            return 2;
        } catch (CliException e) {
            err.println("proofbox: " + e.getMessage());
            return 2;
        } catch (Cancelled e) {
            err.println("proofbox: cancelled");
            return 130;
        } catch (OutOfMemoryError e) {
            err.println("proofbox: out of memory; give Java more with -Xmx (e.g. java -Xmx16g -jar proofbox.jar ...)");
            return 3;
        } catch (RuntimeException e) {
            err.println("proofbox: internal error: " + e + " (set PROOFBOX_DEBUG=1 for details)");
            debug(e, err);
            return 3;
        }
    }

    private static void debug(Throwable e, PrintStream err) {
        if (System.getenv("PROOFBOX_DEBUG") != null) e.printStackTrace(err);
    }

    static String usage() {
        return String.join("\n",
            "usage: java -jar proofbox.jar [PATH]                open the app (the bundled sample without PATH)",
            "       java -jar proofbox.jar --version             the version and the Java it runs on",
            "       java -jar proofbox.jar info [PATH] [--json]  describe an export and its segments",
            "       java -jar proofbox.jar " + CheckCommand.USAGE,
            "       java -jar proofbox.jar " + FixCommand.USAGE,
            "       java -jar proofbox.jar " + MeshCommand.USAGE,
            "       java -jar proofbox.jar bench open [PATH] [--repeat N]",
            "       java -jar proofbox.jar bench synth [--size 512,512,256] [--segments 3000] [--repeat N]",
            "       java -jar proofbox.jar bench raw FILE.u32 --shape X,Y,Z [--repeat N]",
            "       java -jar proofbox.jar bench render [--size 1024,1024,256] [--repeat N]",
            "       java -jar proofbox.jar bench mesh [PATH] [--repeat N]",
            "       java -jar proofbox.jar bench gen --out DIR [--size 1024,1024,1024] [--dtype uint32|uint64] [--segments N]");
    }
}
