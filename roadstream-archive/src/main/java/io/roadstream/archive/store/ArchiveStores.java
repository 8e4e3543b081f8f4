package io.roadstream.archive.store;

import io.roadstream.core.config.RoadstreamConfig;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Opens the archive that the configuration names, or the one at a location a user gives. */
public final class ArchiveStores {

  private ArchiveStores() {}

  /** The archive of {@code archive}: its S3 bucket when {@code s3.bucket} is set, else its directory. */
  public static ArchiveStore open(RoadstreamConfig.Archive archive) {
    RoadstreamConfig.Archive.S3 s3 = archive.s3();
    if (s3.bucket().isEmpty()) {
      return new LocalArchiveStore(Path.of(archive.dir()));
    }
    return new S3ArchiveStore(client(s3), s3.bucket(), s3.prefix(), staging(s3));
  }

  /**
   * The archive at {@code location}: {@code s3://bucket/prefix} (reached with the endpoint, region, path style and
   * credentials of {@code archive.s3}) or a directory.
   */
  public static ArchiveStore at(String location, RoadstreamConfig.Archive archive) {
    if (!location.startsWith("s3://")) {
      return new LocalArchiveStore(Path.of(location));
    }
    String rest = location.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1).replaceAll("/+$", "");
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException("'" + location + "' names no bucket: give s3://bucket or s3://bucket/prefix");
    }
    return new S3ArchiveStore(client(archive.s3()), bucket, prefix, staging(archive.s3()));
  }

  /**
   * A client of the configured endpoint. Checksums only where the S3 API requires them: the SDK's newer default
   * (a CRC32 trailer on every upload) is not understood by every S3-compatible store.
   */
  public static S3Client client(RoadstreamConfig.Archive.S3 s3) {
    var builder = S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .region(Region.of(s3.region()))
        .forcePathStyle(s3.pathStyle())
        .credentialsProvider(credentials(s3))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (!s3.endpoint().isEmpty()) {
      builder.endpointOverride(URI.create(s3.endpoint()));
    }
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(RoadstreamConfig.Archive.S3 s3) {
    if (s3.accessKeyId().isEmpty()) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKeyId(), s3.secretAccessKey()));
  }

  private static Path staging(RoadstreamConfig.Archive.S3 s3) {
    return s3.stagingDir().isEmpty() ? Path.of(System.getProperty("java.io.tmpdir")) : Path.of(s3.stagingDir());
  }
}
