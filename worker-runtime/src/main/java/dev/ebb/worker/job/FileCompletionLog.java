package dev.ebb.worker.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends one line per completed demo job id to a file: a record of runs that survives anything Redis does (a restart
 * from an older snapshot rolls back a record kept in Redis together with the queue).
 */
public final class FileCompletionLog implements CompletionLog {

  private final Writer out;

  public FileCompletionLog(Path file) {
    try {
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the demo completions file " + file, e);
    }
  }

  @Override
  public synchronized void record(String jobId) {
    try {
      out.write(jobId);
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
