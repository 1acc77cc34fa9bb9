package dev.ebb.controlplane;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** The control plane's keys and certificates, made with openssl as {@code dev-cluster.sh} makes them. */
final class Pki {

  private Pki() {
  }

  static void write(Path openssl, Path pki) throws IOException, InterruptedException {
    String o = openssl.toString();
    run(pki, o, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650", "-subj", "/CN=e2e-ca",
        "-keyout", "ca.key", "-out", "ca.crt");
    Files.writeString(pki.resolve("apiserver.cnf"), "[req]\ndistinguished_name=dn\nreq_extensions=v3\nprompt=no\n"
        + "[dn]\nCN=kube-apiserver\n[v3]\nsubjectAltName=IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,"
        + "DNS:kubernetes.default.svc\n");
    run(pki, o, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "apiserver.key", "-out", "apiserver.csr",
        "-config", "apiserver.cnf");
    run(pki, o, "x509", "-req", "-in", "apiserver.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
        "-days", "3650", "-extensions", "v3", "-extfile", "apiserver.cnf", "-out", "apiserver.crt");
    run(pki, o, "genrsa", "-out", "sa.key", "2048");
    run(pki, o, "rsa", "-in", "sa.key", "-pubout", "-out", "sa.pub");
  }

  /** For the controller-manager's health port only, whose certificate is self-signed at its start. */
  static SSLContext trustingAnyone() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      }}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void run(Path dir, String... command) throws IOException, InterruptedException {
    Path log = dir.resolve("openssl.log");
    Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException("openssl " + command[1] + " failed; see " + log);
    }
  }
}
