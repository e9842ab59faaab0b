import org.hibernate.bytecode.enhance.spi.DefaultEnhancementContext;
import org.hibernate.bytecode.enhance.spi.Enhancer;
import org.hibernate.bytecode.enhance.spi.UnloadedField;
import org.hibernate.bytecode.internal.bytebuddy.BytecodeProviderImpl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Build step (run by the JDK from this source file, on the runtime class path): Hibernate's
 * bytecode enhancement of the entity classes in CLASSES/PACKAGE_FOLDER, in place. Enhanced
 * entities need no proxy classes generated at run time (a lazy reference is the entity itself,
 * not yet loaded), which takes about half a second off every start of the store. What the
 * Maven plugin would do, with the same defaults: lazy loading and dirty tracking, no
 * bidirectional association management (the model keeps both sides itself). Classes already
 * enhanced (an incremental build) are left as they are.
 *
 * <pre>java -cp CLASSPATH src/build/EnhanceEntities.java CLASSES PACKAGE_FOLDER</pre>
 */
public final class EnhanceEntities {

    public static void main(String[] args) throws IOException {
        Path classes = Path.of(args[0]);
        Path folder = classes.resolve(args[1]);
        Enhancer enhancer = new BytecodeProviderImpl().getEnhancer(new DefaultEnhancementContext() {
            @Override
            public boolean doBiDirectionalAssociationManagement(UnloadedField field) {
                return false;
            }
        });
        List<Path> files;
        try (Stream<Path> found = Files.list(folder)) {
            files = found.filter(f -> f.toString().endsWith(".class")).sorted().toList();
        }
        for (Path file : files) {
            String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                    .replaceFirst("\\.class$", "");
            byte[] original = Files.readAllBytes(file);
            byte[] result = enhancer.enhance(name, original);
            if (result != null) {
                Files.write(file, result);
            }
        }
    }
}
