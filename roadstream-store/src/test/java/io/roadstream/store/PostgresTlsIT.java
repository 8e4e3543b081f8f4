package io.roadstream.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roadstream.embedded.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL over TLS is a matter of {@code postgres.jdbcUrl}: against a real PostgreSQL with {@code ssl=on} and a
 * certificate made for this test, {@code sslmode=verify-full} with the right root certificate connects encrypted and
 * migrates the schema, and a server whose certificate the client does not trust is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresTlsIT {

  private Path dir;
  private EmbeddedPostgresServer server;
  private Path trusted;
  private Path stranger;

  @BeforeAll
  void startTlsServer(@TempDir Path tempDir) throws Exception {
    dir = tempDir;
    Path serverCert = dir.resolve("server.crt");
    Path serverKey = dir.resolve("server.key");
    selfSigned("127.0.0.1", serverCert, serverKey);
    trusted = serverCert; // self-signed: the server's certificate is its own root
    stranger = dir.resolve("stranger.crt");
    selfSigned("127.0.0.1", stranger, dir.resolve("stranger.key"));
    server = new EmbeddedPostgresServer(dir.resolve("pg"), 0, Duration.ofSeconds(60), Map.of(
        "ssl", "on", "ssl_cert_file", serverCert.toString(), "ssl_key_file", serverKey.toString())).start();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private String url(String sslmode, Path rootCert) {
    return server.jdbcUrl() + "?sslmode=" + sslmode + "&sslrootcert=" + rootCert;
  }

  @Test
  void verifyFullConnectsEncryptedAndMigratesTheSchema() throws Exception {
    try (Database db = Database.open(url("verify-full", trusted), server.user(), server.password(), "tls_check");
        Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBoolean("ssl")).as("this connection is encrypted").isTrue();
        assertThat(rs.getString("version")).startsWith("TLSv1.");
      }
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM tls_check.segment_stats")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isZero();
      }
    }
  }

  @Test
  void refusesAServerItDoesNotTrust() {
    assertThatThrownBy(() -> Database.open(url("verify-full", stranger), server.user(), server.password(),
        "tls_refused").close())
        .hasStackTraceContaining("PKIX path");
  }

  /** A self-signed RSA certificate for {@code ip} (as subject and SAN), written as PEM with its PKCS#8 key. */
  private void selfSigned(String ip, Path certPem, Path keyPem) throws Exception {
    Path store = dir.resolve(certPem.getFileName() + ".p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "pg", "-keyalg", "RSA", "-keysize",
        "2048", "-validity", "2", "-dname", "CN=" + ip, "-ext", "san=ip:" + ip, "-keystore", store.toString(),
        "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit"))
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
    assertThat(p.exitValue()).as("keytool: " + output).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    Certificate cert = ks.getCertificate("pg");
    PrivateKey key = (PrivateKey) ks.getKey("pg", "changeit".toCharArray());
    Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()));
    Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()));
    // PostgreSQL refuses a key file that others may read
    Files.setPosixFilePermissions(keyPem, PosixFilePermissions.fromString("rw-------"));
  }

  private static String pem(String type, byte[] der) throws IOException {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
