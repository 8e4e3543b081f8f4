package io.roadstream.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerIT {

  @TempDir
  Path tempDir;

  @Test
  void runsSqlAndKeepsATableAcrossARestartOnTheSameDataDirectory() throws Exception {
    Path data = tempDir.resolve("pgdata");

    long t0 = System.nanoTime();
    try (EmbeddedPostgresServer pg = new EmbeddedPostgresServer(data).start()) {
      System.out.printf("postgres start (initdb + start): %d ms%n", millisSince(t0));
      assertThat(pg.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
      try (Connection c = connect(pg); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE segment (id text PRIMARY KEY, speed_kmh double precision)");
        s.execute("INSERT INTO segment VALUES ('A1-north-km12', 87.5), ('A1-north-km13', 12.0)");
        try (ResultSet rs = s.executeQuery("SELECT current_user, version()")) {
          rs.next();
          assertThat(rs.getString(1)).isEqualTo("postgres");
          assertThat(rs.getString(2)).startsWith("PostgreSQL 17");
        }
      }
      t0 = System.nanoTime();
    }
    System.out.printf("postgres stop: %d ms%n", millisSince(t0));

    t0 = System.nanoTime();
    try (EmbeddedPostgresServer pg = new EmbeddedPostgresServer(data).start()) {
      System.out.printf("postgres restart on existing data directory: %d ms%n", millisSince(t0));
      try (Connection c = connect(pg); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT speed_kmh FROM segment WHERE id = 'A1-north-km13'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getDouble(1)).isEqualTo(12.0);
      }
    }
  }

  @Test
  void listensOnTheRequestedPortAndCreatesADatabase() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (EmbeddedPostgresServer pg = new EmbeddedPostgresServer(tempDir.resolve("fixed"), port).start()) {
      assertThat(pg.port()).isEqualTo(port);
      assertThat(pg.createDatabaseIfAbsent("roadstream")).isTrue();
      assertThat(pg.createDatabaseIfAbsent("roadstream")).isFalse();
      try (Connection c = DriverManager.getConnection(pg.jdbcUrl("roadstream"), pg.user(), pg.password());
          Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_database()")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("roadstream");
      }
    }
  }

  @Test
  void refusesConnectionsAfterClose() throws Exception {
    EmbeddedPostgresServer pg = new EmbeddedPostgresServer(tempDir.resolve("closed")).start();
    String url = pg.jdbcUrl();
    pg.close();
    pg.close();
    assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "").close())
        .isInstanceOf(SQLException.class);
  }

  private static Connection connect(EmbeddedPostgresServer pg) throws SQLException {
    return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
  }

  private static long millisSince(long t0) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }
}
