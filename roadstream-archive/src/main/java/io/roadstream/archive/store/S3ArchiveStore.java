package io.roadstream.archive.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An archive in an S3 bucket, under a key prefix. A file is written in a local staging directory and uploaded with
 * one PUT, which S3 (and every S3-compatible store) makes visible only once the whole object is stored: a crash
 * mid-upload leaves nothing in the bucket. Objects are at most 5 GB this way, far above any sensible roll size.
 * Reading downloads a file to the staging directory. SDK failures surface as {@link IOException}s, which the archiver
 * retries.
 */
public final class S3ArchiveStore implements ArchiveStore {

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final Path staging;

  /**
   * @param prefix  key prefix without a trailing '/', empty for the bucket's root
   * @param staging local directory for files before upload and after download
   */
  public S3ArchiveStore(S3Client s3, String bucket, String prefix, Path staging) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix.isEmpty() ? "" : prefix + "/";
    this.staging = staging;
  }

  private String key(String relative) {
    return prefix + relative;
  }

  @Override
  public Staged stage(String relative) throws IOException {
    Files.createDirectories(staging);
    Path temp = staging.resolve("roadstream-archive-" + UUID.randomUUID() + ".parquet");
    return new Staged() {
      private boolean published;

      @Override
      public Path file() {
        return temp;
      }

      @Override
      public void publish() throws IOException {
        if (published) {
          return;
        }
        try {
          s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key(relative))
              .contentType("application/vnd.apache.parquet").build(), RequestBody.fromFile(temp));
        } catch (SdkException e) {
          throw new IOException("cannot upload s3://" + bucket + "/" + key(relative) + ": " + e.getMessage(), e);
        }
        published = true;
        Files.deleteIfExists(temp);
      }

      @Override
      public void discard() {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  @Override
  public List<StoredFile> list(String directory) throws IOException {
    String dirPrefix = directory.isEmpty() ? prefix : prefix + directory + "/";
    List<StoredFile> files = new ArrayList<>();
    try {
      for (S3Object o : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(dirPrefix)
          .build()).contents()) {
        files.add(new StoredFile(o.key().substring(prefix.length()), o.size()));
      }
    } catch (SdkException e) {
      throw new IOException("cannot list s3://" + bucket + "/" + dirPrefix + ": " + e.getMessage(), e);
    }
    return files;
  }

  @Override
  public void delete(String relative) throws IOException {
    try {
      s3.deleteObject(DeleteObjectRequest.builder().bucket(bucket).key(key(relative)).build());
    } catch (SdkException e) {
      throw new IOException("cannot delete s3://" + bucket + "/" + key(relative) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Fetched fetch(String relative) throws IOException {
    Files.createDirectories(staging);
    Path temp = staging.resolve("roadstream-archive-read-" + UUID.randomUUID() + ".parquet");
    try {
      s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key(relative)).build(), temp);
    } catch (SdkException e) {
      Files.deleteIfExists(temp);
      throw new IOException("cannot download s3://" + bucket + "/" + key(relative) + ": " + e.getMessage(), e);
    }
    return new Fetched() {
      @Override
      public Path file() {
        return temp;
      }

      @Override
      public void close() {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  @Override
  public String location() {
    return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix.substring(0, prefix.length() - 1));
  }

  @Override
  public void close() {
    s3.close();
  }
}
