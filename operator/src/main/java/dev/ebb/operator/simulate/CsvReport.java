package dev.ebb.operator.simulate;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code <workload>.csv}: one row per second and policy, columns time,policy,backlog,replicas,busy. */
final class CsvReport {

  private CsvReport() {
  }

  static Path write(Path directory, String workload, List<SimulationResult> results) throws IOException {
    Path file = directory.resolve(workload + ".csv");
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("time,policy,backlog,replicas,busy\n");
      for (SimulationResult result : results) {
        Timeline timeline = result.timeline();
        for (int second = 0; second < timeline.length(); second++) {
          out.write(second + "," + result.policy() + "," + timeline.backlog()[second] + ","
              + timeline.replicas()[second] + "," + timeline.busy()[second] + "\n");
        }
      }
    }
    return file;
  }
}
