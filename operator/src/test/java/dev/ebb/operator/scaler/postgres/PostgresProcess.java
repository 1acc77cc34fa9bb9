package dev.ebb.operator.scaler.postgres;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A private PostgreSQL server for one test class: Debian's binaries ({@code /usr/lib/postgresql/<version>/bin}), a
 * fresh cluster under {@code target/}, on a free port of 127.0.0.1, password (SCRAM) authentication over TCP, stopped
 * and deleted by {@link #close()}. initdb refuses to run as root, so as root the cluster belongs to the
 * {@code postgres} user the Debian package creates (or {@code nobody}) and its commands run through
 * {@code runuser}. Without the binaries the test is skipped, or fails under {@code CI=true}.
 */
final class PostgresProcess implements AutoCloseable {

  static final String ADMIN = "ebb_admin";
  static final String ADMIN_PASSWORD = "admin-secret-Pq7";
  private static final Path LIBRARIES = Path.of("/usr/lib/postgresql");
  private static final int COMMAND_SECONDS = 60;

  private final Path bin;
  private final Path directory;
  private final Optional<String> runAs;
  private final int port;

  private PostgresProcess(Path bin, Path directory, Optional<String> runAs, int port) {
    this.bin = bin;
    this.directory = directory;
    this.runAs = runAs;
    this.port = port;
  }

  /** Starts a fresh server; skips (or fails under CI=true) when PostgreSQL is not installed. */
  static PostgresProcess start() throws IOException, InterruptedException {
    return start(Optional.empty());
  }

  /**
   * As {@link #start()}, with TLS on: {@code tls} holds {@code server.crt} and {@code server.key} (PEM), copied into
   * the cluster's directory for the server's user.
   */
  static PostgresProcess start(Optional<Path> tls) throws IOException, InterruptedException {
    Path bin = binaries().orElse(null);
    if (bin == null) {
      String message = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql";
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    Path target = Path.of("target").toAbsolutePath();
    Files.createDirectories(target);
    Path directory = Files.createTempDirectory(target, "postgres-");
    Optional<String> runAs = "root".equals(System.getProperty("user.name")) ? Optional.of(unprivilegedUser())
        : Optional.empty();
    Path passwordFile = directory.resolve("admin-password");
    Files.writeString(passwordFile, ADMIN_PASSWORD + "\n");
    String ssl = "";
    if (tls.isPresent()) {
      Files.copy(tls.get().resolve("server.crt"), directory.resolve("server.crt"));
      Files.copy(tls.get().resolve("server.key"), directory.resolve("server.key"));
      Files.setPosixFilePermissions(directory.resolve("server.key"),
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      ssl = " -c ssl=on -c ssl_cert_file=" + directory.resolve("server.crt") + " -c ssl_key_file="
          + directory.resolve("server.key");
    }
    if (runAs.isPresent()) {
      run(List.of("chown", "-R", runAs.get(), directory.toString()), Optional.empty());
    }
    int port = freePort();
    PostgresProcess server = new PostgresProcess(bin, directory, runAs, port);
    Path data = directory.resolve("data");
    run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", ADMIN, "--pwfile=" + passwordFile,
        "--auth-local=trust", "--auth-host=scram-sha-256", "--encoding=UTF8", "--no-sync"), runAs);
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", directory.resolve("log").toString(),
        "-w", "-t", "60", "-o", "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off"
            + " -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=16MB -c max_connections=40" + ssl,
        "start"), runAs);
    return server;
  }

  int port() {
    return port;
  }

  /** The server's version, as {@code SHOW server_version} gives it. */
  String version() throws SQLException {
    try (Connection connection = admin("postgres"); Statement statement = connection.createStatement();
        java.sql.ResultSet row = statement.executeQuery("SHOW server_version")) {
      row.next();
      return row.getString(1);
    }
  }

  /** A connection as the superuser to {@code database}. */
  Connection admin(String database) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", ADMIN);
    properties.setProperty("password", ADMIN_PASSWORD);
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, properties);
  }

  /** Runs statements as the superuser in {@code database}. */
  void execute(String database, String... statements) throws SQLException {
    try (Connection connection = admin(database); Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  /** Runs a file of {@code src/test/resources} (a library's schema) in {@code database}. */
  void executeResource(String database, String resource) throws SQLException, IOException {
    try (var in = PostgresProcess.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no resource " + resource);
      }
      execute(database, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", directory.resolve("data").toString(), "-m", "immediate",
          "-w", "stop"), runAs);
    } finally {
      Path log = directory.resolve("log");
      if (Files.exists(log)) {
        Files.copy(log, directory.resolveSibling(directory.getFileName() + ".log"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      try (Stream<Path> files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static Optional<Path> binaries() throws IOException {
    if (!Files.isDirectory(LIBRARIES)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(LIBRARIES)) {
      return versions.map(version -> version.resolve("bin"))
          .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
          .max(Comparator.comparing(bin -> versionNumber(bin.getParent().getFileName().toString())));
    }
  }

  private static int versionNumber(String name) {
    try {
      return Integer.parseInt(name.replaceAll("\\..*", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String unprivilegedUser() throws IOException, InterruptedException {
    return run(List.of("id", "-u", "postgres"), Optional.empty(), true) ? "postgres" : "nobody";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void run(List<String> command, Optional<String> runAs) throws IOException, InterruptedException {
    if (!run(command, runAs, false)) {
      throw new IOException("failed: " + String.join(" ", command));
    }
  }

  private static boolean run(List<String> command, Optional<String> runAs, boolean quiet)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    runAs.ifPresent(user -> full.addAll(List.of("runuser", "-u", user, "--")));
    full.addAll(command);
    Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", full) + " did not finish");
    }
    if (process.exitValue() != 0 && !quiet) {
      throw new IOException(String.join(" ", full) + " exited " + process.exitValue() + ": " + output.strip());
    }
    return process.exitValue() == 0;
  }
}
