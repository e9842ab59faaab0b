package dev.ait42.session.model;

import dev.ait42.session.ValidationException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The workspace key of the legacy layout: 16 hex chars of SHA-256 of the canonical folder path. */
public final class WorkspaceHash {

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{16}");

    private WorkspaceHash() {
    }

    /** The canonical absolute path: the real path where the folder exists, else the normalised one. */
    public static String canonicalPath(Path folder) {
        try {
            return folder.toRealPath().toString();
        } catch (IOException notThere) {
            String path = folder.toAbsolutePath().normalize().toString();
            while (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return path;
        }
    }

    public static String of(Path folder) {
        return ofCanonicalPath(canonicalPath(folder));
    }

    public static String ofCanonicalPath(String canonicalPath) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonicalPath.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Checks the form of a hash given by a caller. */
    public static String require(String hash) {
        if (hash == null || !FORMAT.matcher(hash).matches()) {
            throw new ValidationException("workspaceHash",
                    "'" + hash + "' is not a workspace hash (16 lowercase hex characters)");
        }
        return hash;
    }
}
