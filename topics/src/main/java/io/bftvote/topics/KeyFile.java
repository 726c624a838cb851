package io.bftvote.topics;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A key file: {@code {"public":"<43 chars>","private":"<43 chars>"}}, base64url of the raw 32-byte
 * keys, written readable by its owner only. Used for voters and replicas alike.
 */
public final class KeyFile {
  @JsonPropertyOrder({"public", "private"})
  private record Contents(
      @com.fasterxml.jackson.annotation.JsonProperty("public") String publicKey,
      @com.fasterxml.jackson.annotation.JsonProperty("private") String privateKey) {}

  private KeyFile() {}

  public static Ed25519.KeyPair load(Path file) {
    Contents c;
    try {
      c = Json.read(Files.readAllBytes(file), Contents.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read key file " + file, e);
    } catch (Json.MalformedException e) {
      throw new IllegalArgumentException("key file " + file + " is not a bftvote key: " + e.getMessage(), e);
    }
    if (c.privateKey() == null) {
      throw new IllegalArgumentException("key file " + file + " has no private key");
    }
    Ed25519.KeyPair key = Ed25519.KeyPair.fromPrivate(Bytes.fromB64url(c.privateKey()));
    if (c.publicKey() != null && !c.publicKey().equals(key.publicKey())) {
      throw new IllegalArgumentException("key file " + file + ": public key does not match the private key");
    }
    return key;
  }

  /** Writes a new key file with owner-only permissions; refuses to overwrite an existing one. */
  public static void save(Ed25519.KeyPair key, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      if (Files.exists(file)) {
        throw new FileAlreadyExistsException(file.toString(), null, "refusing to overwrite a key");
      }
      Path tmp = Files.createTempFile(parent, ".key", ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the temp file already inherits the user's ACL.
      }
      Files.write(tmp, Json.write(new Contents(key.publicKey(), Bytes.b64url(key.privateKey()))),
          StandardOpenOption.TRUNCATE_EXISTING);
      Files.move(tmp, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write key file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Loads the key at {@code file}, creating it first if it does not exist. */
  public static Ed25519.KeyPair loadOrCreate(Path file) {
    if (!Files.exists(file)) {
      save(Ed25519.KeyPair.generate(), file);
    }
    return load(file);
  }
}
