package dev.ebb.worker.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/protocol.md reproduces every script verbatim: other implementations copy them from there. */
class ProtocolDocTest {

  @Test
  void everyScriptIsDocumentedVerbatim() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "protocol.md"));
    for (RedisScript script : List.of(Scripts.FETCH, Scripts.ACK, Scripts.FAIL, Scripts.ENQUEUE, Scripts.SCHEDULE,
        Scripts.PROMOTE, Scripts.HANDBACK, Scripts.HANDBACK_SOME, Scripts.RECLAIM, Scripts.HEARTBEAT,
        Scripts.RETIRE, Scripts.DEAD_RETRY, Scripts.DEAD_DISCARD, Scripts.PERIODIC)) {
      assertThat(doc).as("docs/protocol.md, script " + script.name())
          .contains("### `" + script.name() + "`\n\n```lua\n" + script.source() + "```");
    }
  }
}
