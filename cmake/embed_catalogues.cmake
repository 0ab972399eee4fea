# Writes a C++ source file holding the message catalogues as string literals.
file(READ ${DIR}/nl.toml NL_TEXT)
file(READ ${DIR}/en.toml EN_TEXT)
file(WRITE ${OUT} "// Generated from messages/*.toml by cmake/embed_catalogues.cmake. Do not edit.\n")
file(APPEND ${OUT} "namespace meldpunt::messages {\n")
file(APPEND ${OUT} "extern const char* const kCatalogueNl = R\"catalogue(${NL_TEXT})catalogue\";\n")
file(APPEND ${OUT} "extern const char* const kCatalogueEn = R\"catalogue(${EN_TEXT})catalogue\";\n")
file(APPEND ${OUT} "}  // namespace meldpunt::messages\n")
