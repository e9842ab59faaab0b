import org.sqlite.util.LibraryLoaderUtil;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Build step (run by the JDK from this source file, on the runtime class path): copies
 * sqlite-jdbc's native library for this platform out of its jar into DIR, for the launcher script
 * to hand to the JVM (org.sqlite.lib.path). Without it, every start extracts the library to a
 * temporary file, compares it with the jar's copy and loads that; a platform sqlite-jdbc has no
 * library for leaves DIR empty, and the driver does as it always does.
 *
 * <pre>java -cp CLASSPATH src/build/CopySqliteNative.java DIR</pre>
 */
public final class CopySqliteNative {

    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[0]));
        try (var old = Files.list(dir)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        String name = LibraryLoaderUtil.getNativeLibName();
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
        try (InputStream library = CopySqliteNative.class.getResourceAsStream(resource)) {
            if (library != null) {
                Files.copy(library, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
