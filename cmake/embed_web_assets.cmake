# Writes a C++ source file holding the web templates and static files as string literals, keyed by
# file name (FILES: a comma-separated list of paths).
string(REPLACE "," ";" FILES "${FILES}")
file(WRITE ${OUT} "// Generated from web/ by cmake/embed_web_assets.cmake. Do not edit.\n")
file(APPEND ${OUT} "#include <map>\n#include <string_view>\nnamespace meldpunt::web {\n")
file(APPEND ${OUT} "extern const std::map<std::string_view, std::string_view> kAssets = {\n")
foreach(path ${FILES})
  get_filename_component(name ${path} NAME)
  file(READ ${path} content)
  file(APPEND ${OUT} "  {\"${name}\", R\"meldpunt_asset(${content})meldpunt_asset\"},\n")
endforeach()
file(APPEND ${OUT} "};\n}  // namespace meldpunt::web\n")
