package dev.ebb.operator.scaler.kafka;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A bounded look at what answers on a broker's port, with one Kafka {@code ApiVersions} request (v0, which every
 * broker answers, before any authentication) over a plain socket whose reads are capped at {@link #MAX_REPLY} bytes.
 * It runs before a shared client is first made and when a poll fails, to tell an unreachable server, a silent one and
 * something that is not Kafka apart: Kafka's own client retries all three alike until its timeout, and trusts the
 * size a server announces (it would allocate whatever a non-Kafka server's first four bytes say).
 */
final class KafkaProbe {

  /** An ApiVersions v0 reply lists about 80 APIs in about 500 bytes. */
  static final int MAX_REPLY = 64 * 1024;
  private static final short API_VERSIONS = 18;
  private static final int CORRELATION_ID = 0x0EBB;

  enum Verdict {
    /** No address accepted a connection. */
    UNREACHABLE,
    /** A connection was accepted, but no answer came in time. */
    SILENT,
    /** Something answered that is not a Kafka broker. */
    NOT_KAFKA,
    /** A Kafka broker answered (or, over TLS, a connection was accepted: the reply is not checked there). */
    ANSWERS
  }

  private KafkaProbe() {
  }

  /**
   * The best verdict over the servers: one that answers wins over a silent one, which wins over the unreachable. Each
   * server gets {@code timeout}, and all of them together no more than until {@code deadlineNanos}.
   */
  static Verdict probe(List<InetSocketAddress> servers, Duration timeout, boolean tls, long deadlineNanos) {
    Verdict best = Verdict.UNREACHABLE;
    for (InetSocketAddress server : servers) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return best == Verdict.UNREACHABLE ? Verdict.SILENT : best;
      }
      Verdict verdict = probe(server, Duration.ofNanos(Math.min(timeout.toNanos(), left)), tls);
      if (verdict == Verdict.ANSWERS) {
        return verdict;
      }
      if (verdict.ordinal() > best.ordinal()) {
        best = verdict;
      }
    }
    return best;
  }

  static Verdict probe(InetSocketAddress server, Duration timeout, boolean tls) {
    int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    try (Socket socket = new Socket()) {
      socket.connect(server, millis);
      if (tls) {
        return Verdict.ANSWERS;
      }
      socket.setSoTimeout(millis);
      socket.getOutputStream().write(apiVersionsRequest());
      socket.getOutputStream().flush();
      return read(socket.getInputStream(), System.nanoTime() + timeout.toNanos(), socket);
    } catch (SocketTimeoutException e) {
      return Verdict.SILENT;
    } catch (IOException e) {
      return Verdict.UNREACHABLE;
    }
  }

  private static Verdict read(InputStream in, long deadlineNanos, Socket socket) throws IOException {
    DataInputStream data = new DataInputStream(in);
    try {
      int size = data.readInt();
      if (size < 6 || size > MAX_REPLY) {
        return Verdict.NOT_KAFKA;
      }
      byte[] reply = new byte[size];
      int read = 0;
      while (read < size) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return Verdict.SILENT;
        }
        socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
        int n = in.read(reply, read, size - read);
        if (n < 0) {
          return Verdict.NOT_KAFKA;
        }
        read += n;
      }
      return ByteBuffer.wrap(reply).getInt() == CORRELATION_ID ? Verdict.ANSWERS : Verdict.NOT_KAFKA;
    } catch (EOFException e) {
      return Verdict.NOT_KAFKA;
    }
  }

  /** size, api_key 18, api_version 0, correlation_id, client_id; ApiVersions v0 has no body. */
  static byte[] apiVersionsRequest() {
    byte[] client = "ebb-probe".getBytes(StandardCharsets.US_ASCII);
    ByteBuffer request = ByteBuffer.allocate(4 + 2 + 2 + 4 + 2 + client.length);
    request.putInt(request.capacity() - 4).putShort(API_VERSIONS).putShort((short) 0).putInt(CORRELATION_ID)
        .putShort((short) client.length).put(client);
    return request.array();
  }
}
