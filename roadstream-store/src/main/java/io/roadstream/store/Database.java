package io.roadstream.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The PostgreSQL connection pool, with the schema migrated to the current version on open. */
public final class Database implements AutoCloseable {

  private final HikariDataSource dataSource;

  private Database(HikariDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Connects and migrates.
   *
   * @param schema the schema to hold roadstream's tables, created if missing (tests use one per test)
   */
  public static Database open(String jdbcUrl, String user, String password, String schema) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setSchema(schema);
    config.setMaximumPoolSize(6);
    config.setPoolName("roadstream-postgres");
    // fail fast at start with the driver's own message; later outages are retried by the callers
    config.setInitializationFailTimeout(10_000);
    config.setConnectionTimeout(5_000);
    HikariDataSource dataSource = new HikariDataSource(config);
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .schemas(schema)
          .createSchemas(true)
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return new Database(dataSource);
  }

  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
