package io.roadstream.archive;

import static org.awaitility.Awaitility.await;

import io.roadstream.core.config.RoadstreamConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 API (s3proxy, on the jclouds filesystem backend in {@code dir}) on a free loopback port, with AWS
 * signature v4 authentication: what the archive talks to in tests, through the same AWS SDK client as in production.
 */
final class S3TestServer implements AutoCloseable {

  static final String ACCESS_KEY = "roadstream-test";
  static final String SECRET_KEY = "roadstream-test-secret";

  private final BlobStoreContext context;
  private final S3Proxy proxy;

  S3TestServer(Path dir) throws Exception {
    Properties properties = new Properties();
    properties.setProperty("jclouds.filesystem.basedir", dir.toString());
    context = ContextBuilder.newBuilder("filesystem").overrides(properties).build(BlobStoreContext.class);
    proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
    proxy.start();
    await("s3proxy started").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
        .until(() -> "STARTED".equals(proxy.getState()));
  }

  String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  /** The archive's S3 settings for this server and {@code bucket}, with {@code staging} as the staging directory. */
  RoadstreamConfig.Archive.S3 settings(String bucket, String prefix, Path staging) {
    return new RoadstreamConfig.Archive.S3(bucket, prefix, endpoint(), "us-east-1", true, ACCESS_KEY, SECRET_KEY,
        staging.toString());
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
    context.close();
  }
}
