package io.flowdesk.app.backup;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code backup <file>} and {@code restore <file>}: what {@code ./flowdesk backup|restore} runs,
 * without starting the server. Exit status 0 when done, 1 with a message naming the problem, 2 for
 * a command line it does not understand.
 */
public final class BackupCommandLine {

  private static final Set<String> COMMANDS = Set.of("backup", "restore");
  private static final String USAGE =
      "usage: ./flowdesk backup <file> [--without-key] [--data-dir=<dir>]\n"
          + "       ./flowdesk restore <file> [--force] [--data-dir=<dir>]";

  private final Map<String, String> environment;
  private final PrintStream out;

  BackupCommandLine(final Map<String, String> environment, final PrintStream out) {
    this.environment = environment;
    this.out = out;
  }

  /** Whether the first command line argument names a command of this class. */
  public static boolean handles(final String[] args) {
    return args.length > 0 && COMMANDS.contains(args[0]);
  }

  public static int run(final String[] args) {
    // Without Spring Boot's logging set-up Logback logs everything at DEBUG; the operator needs
    // this command's own lines and PostgreSQL's warnings only.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
        .setLevel(Level.WARN);
    return new BackupCommandLine(System.getenv(), System.out).execute(args);
  }

  int execute(final String[] args) {
    final List<String> positional = new ArrayList<>();
    boolean force = false;
    boolean withoutKey = false;
    String dataDir = environment.getOrDefault("FLOWDESK_DATA_DIR", "./data");
    for (final String arg : args) {
      if (arg.equals("--force")) {
        force = true;
      } else if (arg.equals("--without-key")) {
        withoutKey = true;
      } else if (arg.startsWith("--data-dir=")) {
        dataDir = arg.substring("--data-dir=".length());
      } else if (arg.startsWith("--")) {
        return usage("unknown option " + arg);
      } else {
        positional.add(arg);
      }
    }
    if (positional.size() != 2) {
      return usage("name one backup file");
    }
    final String command = positional.get(0);
    if (command.equals("backup") && force || command.equals("restore") && withoutKey) {
      return usage((force ? "--force" : "--without-key") + " does not go with " + command);
    }
    final Path file = Path.of(positional.get(1)).toAbsolutePath().normalize();
    final DataDirectory data = new DataDirectory(Path.of(dataDir));
    try {
      refuseExternalDatabase();
      if (command.equals("backup")) {
        backup(data, file, !withoutKey);
      } else {
        restore(data, file, force);
      }
      return 0;
    } catch (BackupProblem e) {
      out.println(command + " failed: " + e.getMessage());
      return 1;
    } catch (IOException | SQLException | RuntimeException e) {
      out.println(command + " failed: " + e);
      return 1;
    }
  }

  private void refuseExternalDatabase() {
    final String url = environment.getOrDefault("FLOWDESK_DB_URL", "");
    if (!url.isBlank()) {
      throw new BackupProblem(
          "FLOWDESK_DB_URL is set: this Flowdesk keeps its data in an external PostgreSQL;"
              + " back it up with PostgreSQL's own tools (README, \"Backup and restore\")");
    }
  }

  private void backup(final DataDirectory data, final Path file, final boolean withKey)
      throws IOException, SQLException {
    if (Files.exists(file)) {
      throw new BackupProblem(file + " exists already; name a new file");
    }
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    final long started = System.nanoTime();
    final Path partial = file.resolveSibling(file.getFileName() + ".partial");
    final BackupManifest manifest;
    try {
      try (ArchiveWriter archive = new ArchiveWriter(partial)) {
        manifest = new OnlineBackup(data).writeTo(archive, withKey);
      }
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
    out.printf(
        "Backed up %s to %s (%s, %s)%n",
        data.root(), file, megabytes(Files.size(file)), seconds(started));
    if (manifest.withKey()) {
      out.println(
          "The file holds the secrets key: anyone with it can read the stored secrets."
              + " Keep it as safe as the key (or back up with --without-key).");
    } else if (withKey) {
      out.println(
          "There is no key file "
              + data.keyFile()
              + " (the key comes from FLOWDESK_SECRETS_KEY): keep that key with the backup,"
              + " the stored secrets need it.");
    } else {
      out.println(
          "Left out the secrets key "
              + data.keyFile()
              + ": keep a copy elsewhere, the stored secrets need it.");
    }
  }

  private void restore(final DataDirectory data, final Path file, final boolean force)
      throws IOException {
    final long started = System.nanoTime();
    try (BackupFile backup = BackupFile.open(file)) {
      new Restore(data).from(backup, force);
      out.printf(
          "Restored %s (Flowdesk %s, made %s) into %s (%s)%n",
          file,
          backup.manifest().flowdeskVersion(),
          backup.manifest().createdAt(),
          data.root(),
          seconds(started));
      if (!backup.manifest().withKey()) {
        out.println(
            "The backup holds no secrets key: put it into "
                + data.keyFile()
                + " or FLOWDESK_SECRETS_KEY before starting, or the stored secrets stay unreadable.");
      }
    }
  }

  private int usage(final String problem) {
    out.println(problem);
    out.println(USAGE);
    return 2;
  }

  private static String megabytes(final long bytes) {
    return String.format("%.1f MB", bytes / 1_000_000.0);
  }

  private static String seconds(final long startedNanos) {
    return String.format(
        "%.1f s", Duration.ofNanos(System.nanoTime() - startedNanos).toMillis() / 1000.0);
  }
}
