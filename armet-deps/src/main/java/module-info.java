/**
 * Armet deps: {@code npm audit} for Maven. OSV advisories matched in Maven's own version order
 * against Maven's resolved graph, a CycloneDX SBOM or the jars themselves.
 *
 * <p>maven-artifact carries neither a module descriptor nor an {@code Automatic-Module-Name}, so it
 * is required here under the name the module system derives from its file name ({@code
 * maven.artifact}).
 */
@SuppressWarnings("requires-automatic")
module dev.armet.deps {
  requires static transitive org.jspecify; // @Nullable in signatures: for tools, not at run time
  requires maven.artifact;
  requires com.fasterxml.jackson.databind;
  requires java.net.http;
  requires java.xml;

  exports dev.armet.deps;

  // Jackson binds the OSV record classes by reflection; nothing else sees the package.
  opens dev.armet.deps.internal to
      com.fasterxml.jackson.databind;
}
